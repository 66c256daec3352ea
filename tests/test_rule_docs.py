"""docs/rules.md teaches the rule language with two complete user rules: they must load, pass
their own examples, and do what the page says, so the page cannot rot."""

import re
from pathlib import Path

from yoshinani_lint.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
# "`team-rules/x.yml`:" followed by a fenced yaml block
FILE_BLOCK = re.compile(r"^`(team-rules/[\w/.-]+\.yml)`:\n\n```yaml\n(.*?)^```", re.M | re.S)


def write_team_rules(tmp_path) -> Path:
    blocks = FILE_BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) == 4, "two rules, each with its concept"
    for name, body in blocks:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return tmp_path / "team-rules"


def test_the_documented_rules_pass_test_rules(tmp_path, capsys):
    folder = write_team_rules(tmp_path)
    assert main(["test-rules", str(folder)]) == 0
    out = capsys.readouterr().out
    for name in ("concept rush", "concept price", "rule no-rush", "rule price-without-tax"):
        assert f"✓ {name}" in out


def test_the_documented_rules_find_what_the_page_says(tmp_path, capsys):
    folder = write_team_rules(tmp_path)
    draft = tmp_path / "reply.txt"
    draft.write_text("お世話になっております。\nお見積りは12万円です。至急ご確認ください。\n", encoding="utf-8")
    assert main(["check", "--isolated", "--rules", str(folder), "--select", "no-rush,price-without-tax",
                 "--format", "concise", str(draft)]) == 1
    out = capsys.readouterr().out
    assert "[no-rush]" in out and "[price-without-tax]" in out


def test_test_rules_lists_every_problem_and_exits_1(tmp_path, capsys):
    folder = write_team_rules(tmp_path)
    rule = folder / "no-rush.yml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("    - 急ぎでお願いします。\n",
                                                             "    - 早めにお願いします。\n"), encoding="utf-8")
    concept = folder / "vocabulary" / "rush.yml"
    concept.write_text(concept.read_text(encoding="utf-8").replace("lemmas: [至急, 大至急]",
                                                                   "lemmas: [至急, 大至急]\nwords: [大急ぎ]"),
                       encoding="utf-8")
    assert main(["test-rules", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "✗ concept rush" in out and "key 'words': matches none of the concept's match examples" in out
    assert "✗ rule no-rush" in out and "key 'examples.bad[2]': the rule does not fire" in out
    assert "✓ rule price-without-tax" in out


def test_test_rules_without_a_folder_proves_the_builtin_rules(capsys):
    assert main(["test-rules"]) == 0
    out = capsys.readouterr().out
    assert "✓ rule no-next-step" in out and "✓ concept apology" in out
