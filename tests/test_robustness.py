"""Inputs that once produced a traceback, a wrong exit code or a silent miss."""

import json
import os

from yoshinani_lint import lint_text
from yoshinani_lint.cli import main
from yoshinani_lint.loader import load_rule_file

NG = "納品が遅れてしまい、すみませんでした。\n"
RULE = """\
id: {id}
description: テスト
severity: warning
pillar: 信頼構築力
message: 「{{match}}」です
why: テスト
suggest: 「〇〇」
checks:
  - kind: pattern
    patterns: [{pattern}]
    {extra}
examples:
  bad: [{bad}]
  good: [問題ありません。]
"""


def rule_dir(tmp_path, **rules):
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    for name, fields in rules.items():
        (folder / f"{name}.yml").write_text(RULE.format(id=name, **fields), encoding="utf-8")
    return folder


def test_fix_refuses_read_only_files_and_follows_symlinks(tmp_path, capsys):
    locked = tmp_path / "locked.txt"
    locked.write_text(NG, encoding="utf-8")
    locked.chmod(0o444)
    assert main(["fix", "--select", "bare-apology", str(locked)]) == 2
    out, err = capsys.readouterr()
    assert "読み取り専用" in err and "自動修正しました" not in out
    assert locked.read_text(encoding="utf-8") == NG
    target = tmp_path / "real.txt"
    target.write_text(NG, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    main(["fix", "--select", "bare-apology", str(link)])
    assert link.is_symlink() and "申し訳ございませんでした" in target.read_text(encoding="utf-8")


def test_rewrite_takes_exactly_one_draft(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(NG, encoding="utf-8")
    (tmp_path / "b.txt").write_text(NG, encoding="utf-8")
    assert main(["rewrite", "--write", str(tmp_path)]) == 2
    assert "rewrite takes one draft, and this holds 2 drafts" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["rewrite", str(empty)]) == 2
    assert "下書き（*.txt・*.md・*.eml）が見つかりません" in capsys.readouterr().err


def test_off_written_bare_in_yaml_means_off(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".yoshinani.yaml").write_text("severity:\n  bare-apology: off\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(NG, encoding="utf-8")
    main(["check", "--format", "json", "d.txt"])
    assert "bare-apology" not in {m["ruleId"] for m in json.loads(capsys.readouterr().out)[0]["messages"]}


def test_rules_and_explain_know_the_configured_rule_folders(tmp_path, capsys, monkeypatch):
    rule_dir(tmp_path, **{"no-asap": dict(pattern="'ASAP'", extra="", bad="ASAPで。")})
    (tmp_path / ".yoshinani.yaml").write_text("rules: [rules]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["explain", "no-asap"]) == 0
    assert main(["rules"]) == 0
    assert "no-asap" in capsys.readouterr().out


def test_user_patterns_cannot_collide_with_the_engine_caches(tmp_path):
    folder = rule_dir(tmp_path,
                      **{"word-blob": dict(pattern="'blob'", extra="", bad="blobです。"),
                         "asap-a": dict(pattern="'ASAP(?:で)?'", extra="", bad="ASAPでお願いします。"),
                         "asap-b": dict(pattern="'確認'", extra="unless: [{document: ['ASAP']}]",
                                        bad="確認します。")})
    from yoshinani_lint.loader import load_rules

    rules = load_rules([folder], use_cache=False)
    found = {f.rule_id for f in lint_text("blobを確認します。ASAPでお願いします。", rules=rules)}
    assert {"word-blob", "asap-a"} <= found and "asap-b" not in found


def test_case_insensitive_groups_are_not_prefiltered_by_one_case(tmp_path):
    folder = rule_dir(tmp_path, **{"asap-i": dict(pattern="'(?i:asap)で'", extra="", bad="ASAPでお願いします。")})
    rule = load_rule_file(folder / "asap-i.yml")
    assert [f.rule_id for f in lint_text("asapでお願いします。", rules=[rule])] == ["asap-i"]


def test_unreadable_folder_in_a_walk_is_reported(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(NG, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):  # as for a folder at mode 000 (the tests may run as root)
        if os.fspath(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["check", "--select", "bare-apology", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "フォルダを読めません" in err and str(tmp_path / "sub") in err
    assert "a.txt:1:11" in out  # the rest is still checked
