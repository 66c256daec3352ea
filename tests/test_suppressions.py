"""Inline suppressions in Markdown drafts, and the report of ones that suppress nothing."""

import json

from yoshinani_lint.cli import main

SORRY = "納品が遅れ、すみませんでした。"


def findings(capsys, tmp_path, text, name="reply.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    main(["check", "--format", "json", "--select", "bare-apology", str(path)])
    return [(m["ruleId"], m["line"], m["severity"]) for m in json.loads(capsys.readouterr().out)[0]["messages"]]


def test_range_disable_and_enable(capsys, tmp_path):
    text = f"<!-- yoshinani-disable bare-apology -->\n{SORRY}\n<!-- yoshinani-enable -->\n{SORRY}\n"
    assert findings(capsys, tmp_path, text) == [("bare-apology", 4, "warning")]


def test_disable_next_line(capsys, tmp_path):
    text = f"<!-- yoshinani-disable-next-line bare-apology -->\n\n{SORRY}\n{SORRY}\n"
    assert findings(capsys, tmp_path, text) == [("bare-apology", 4, "warning")]


def test_file_wide_disable(capsys, tmp_path):
    text = f"<!-- yoshinani-disable -->\n{SORRY}\n\n{SORRY}\n"
    assert findings(capsys, tmp_path, text) == []


def test_other_rules_are_not_suppressed(capsys, tmp_path):
    text = f"<!-- yoshinani-disable-next-line no-cause -->\n{SORRY}\n"
    assert ("bare-apology", 2, "warning") in findings(capsys, tmp_path, text)


def test_unused_suppression_is_reported_as_info(capsys, tmp_path):
    text = f"<!-- yoshinani-disable-next-line bare-apology -->\nご連絡ありがとうございます。\n{SORRY}\n"
    assert findings(capsys, tmp_path, text) == [("unused-suppression", 1, "info"), ("bare-apology", 3, "warning")]


def test_plain_text_drafts_ignore_markers(capsys, tmp_path):
    text = f"<!-- yoshinani-disable bare-apology -->\n{SORRY}\n"
    assert findings(capsys, tmp_path, text, name="reply.txt") == [("bare-apology", 2, "warning")]


def test_a_misspelt_rule_id_in_a_marker_is_reported(capsys, tmp_path):
    text = f"<!-- yoshinani-disable-next-line bare-apologie -->\n{SORRY}\n"
    found = findings(capsys, tmp_path, text)
    assert ("unused-suppression", 1, "info") in found and ("bare-apology", 2, "warning") in found
