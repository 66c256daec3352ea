"""The `yoshinani` command as a user runs it: paths, stdin, formats, exit codes, errors."""

import io
import json
import sys

import pytest

from yoshinani_lint.cli import main

NG = "山田様\n\nお世話になっております。\n納品が遅れてしまい、すみませんでした。\n"
OK = "山田様\n\nご連絡ありがとうございます。\n"


@pytest.fixture
def drafts(tmp_path):
    ng = tmp_path / "ng.txt"
    ng.write_text(NG, encoding="utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text(OK, encoding="utf-8")
    return ng, ok


def run(capsys, *args, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_shows_location_rule_sentence_and_rewrite(capsys, drafts):
    ng, _ = drafts
    code, out, _ = run(capsys, "check", "--select", "bare-apology", str(ng))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{ng}:4:11: warning [bare-apology] 「すみませんでした」")
    assert lines[1] == "    納品が遅れてしまい、すみませんでした。"
    # the caret line underlines exactly the flagged span, full-width characters counting 2
    assert lines[2] == "    " + " " * 20 + "^" * 16
    assert lines[3] == "    → 申し訳ございませんでした"
    assert "\x1b[" not in out  # not a terminal: no colour codes
    assert lines[-1] == "1 ファイル中 1 ファイルで 1 件の指摘（warning 1）"


def test_clean_draft_exits_zero(capsys, drafts):
    _, ok = drafts
    code, out, _ = run(capsys, "check", "--select", "bare-apology", str(ok))
    assert code == 0 and out.strip() == "指摘はありません（1 ファイル）"


def test_json_shape_and_input_order(capsys, drafts, monkeypatch):
    ng, ok = drafts
    code, out, _ = run(capsys, "check", "--format", "json", "--select", "bare-apology",
                       str(ok), "-", str(ng), stdin=NG.encode(), monkeypatch=monkeypatch)
    data = json.loads(out)
    assert code == 1
    assert [e["filePath"] for e in data] == [str(ok), "-", str(ng)]
    assert data[0]["messages"] == []
    message = data[1]["messages"][0]
    assert set(message) == {"ruleId", "severity", "message", "line", "column", "endLine",
                            "endColumn", "index", "length", "suggestions", "fix"}
    assert message["ruleId"] == "bare-apology" and message["severity"] == "warning"
    assert (message["line"], message["column"], message["endLine"], message["endColumn"]) == (4, 11, 4, 19)
    assert NG[message["index"]:message["index"] + message["length"]] == "すみませんでした"
    assert message["fix"] == {"range": [message["index"], message["index"] + 8],
                              "text": "申し訳ございませんでした"}
    assert data[2]["messages"] == data[1]["messages"]


def test_bom_and_crlf_keep_columns_in_characters(capsys, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeff".encode() + NG.replace("\n", "\r\n").encode())
    _, out, _ = run(capsys, "check", "--format", "json", "--select", "bare-apology", str(path))
    message = json.loads(out)[0]["messages"][0]
    assert (message["line"], message["column"]) == (4, 11)
    text = NG.replace("\n", "\r\n")
    assert text[message["index"]:message["index"] + message["length"]] == "すみませんでした"


def test_fail_on_threshold(capsys, drafts):
    ng, _ = drafts
    assert run(capsys, "check", "--select", "bare-apology", "--fail-on", "error", str(ng))[0] == 0
    assert run(capsys, "check", "--select", "bare-apology", "--fail-on", "info", str(ng))[0] == 1


def test_bad_paths_are_reported_and_the_rest_still_checked(capsys, drafts, tmp_path):
    ng, _ = drafts
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, "check", "--format", "json", "--select", "bare-apology",
                         str(missing), str(binary), str(latin), str(ng))
    assert code == 2
    assert [e["filePath"] for e in json.loads(out)] == [str(ng)]
    lines = err.splitlines()
    assert len(lines) == 3 and "Traceback" not in err
    assert str(missing) in lines[0] and "見つかりません" in lines[0]
    assert str(binary) in lines[1] and "バイナリ" in lines[1]
    assert str(latin) in lines[2] and "UTF-8" in lines[2]


def test_directories_are_walked_for_txt_and_md(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(NG, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(NG, encoding="utf-8")
    (tmp_path / "sub" / "c.py").write_text(NG, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text(NG, encoding="utf-8")
    _, out, _ = run(capsys, "check", "--format", "json", "--select", "bare-apology", str(tmp_path))
    assert [e["filePath"] for e in json.loads(out)] == [
        str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")]


def test_select_and_ignore(capsys, drafts):
    ng, _ = drafts
    _, out, _ = run(capsys, "check", "--format", "json", str(ng))
    all_ids = {m["ruleId"] for m in json.loads(out)[0]["messages"]}
    assert "bare-apology" in all_ids
    _, out, _ = run(capsys, "check", "--format", "json", "--ignore", "bare-apology", str(ng))
    assert "bare-apology" not in {m["ruleId"] for m in json.loads(out)[0]["messages"]}


def test_unknown_rule_id_is_a_usage_error_with_a_hint(capsys, drafts):
    ng, _ = drafts
    code, _, err = run(capsys, "check", "--select", "bare-apologie", str(ng))
    assert code == 2 and "did you mean 'bare-apology'" in err


def test_usage_errors_exit_two(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml", "x.txt"])
    assert exc.value.code == 2


def test_rich_output_in_a_terminal_highlights_the_span(capsys, drafts, monkeypatch):
    ng, _ = drafts
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    code, out, _ = run(capsys, "check", "--select", "bare-apology", str(ng))
    assert code == 1 and "\x1b[" in out and "すみませんでした" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, "check", "--select", "bare-apology", str(ng))
    assert "\x1b[" not in out


def test_rules_lists_every_rule(capsys):
    code, out, _ = run(capsys, "rules", "--format", "json")
    data = json.loads(out)
    assert code == 0 and len(data) >= 1
    assert {"id", "severity", "level", "kinds", "fix", "description", "pillar"} <= set(data[0])


def test_walks_report_binary_files_and_pass_over_virtual_envs(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(NG, encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "env").mkdir()
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (tmp_path / "env" / "notes.txt").write_text(NG, encoding="utf-8")
    code, out, err = run(capsys, "check", "--format", "json", "--select", "bare-apology", str(tmp_path))
    assert [e["filePath"] for e in json.loads(out)] == [str(tmp_path / "a.txt")]
    assert code == 2 and err.count("\n") == 1 and "photo.txt" in err and "バイナリ" in err
    code, _, err = run(capsys, "check", "--select", "bare-apology", str(tmp_path / "photo.txt"))
    assert code == 2 and "バイナリ" in err
