"""The README's worked example of a user rule loads, fires and fixes as the README says."""

from pathlib import Path

from yoshinani_lint.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def test_worked_rule_example(tmp_path, capsys):
    text = README.read_text(encoding="utf-8")
    start = text.index("# my-rules/no-asap.yml")
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "no-asap.yml").write_text(text[start:text.index("```", start)], encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("ASAPでご確認ください。\n", encoding="utf-8")
    assert main(["check", "--rules", str(rules), "--select", "no-asap", str(draft)]) == 1
    assert "[no-asap] 「ASAPで」は急かす印象を与えます" in capsys.readouterr().out
    main(["fix", "--unsafe-fixes", "--rules", str(rules), "--select", "no-asap", str(draft)])
    assert draft.read_text(encoding="utf-8") == "〇月〇日〇時までにご確認ください。\n"
