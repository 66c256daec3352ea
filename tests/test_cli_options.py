"""Command-line conventions users bring from ruff, textlint and Vale."""

import io
import json
import sys

import pytest

from yoshinani_lint.cli import main

NG = "山田様\n\nお世話になっております。\n納品が遅れてしまい、すみませんでした。\n"


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "ng.txt"
    path.write_text(NG, encoding="utf-8")
    return path


def run(capsys, *args, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8"))
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_fix_is_fix(capsys, draft):
    code, out, _ = run(capsys, "check", "--fix", "--select", "bare-apology", draft)
    assert draft.read_text(encoding="utf-8") == NG.replace("すみませんでした", "申し訳ございませんでした")
    assert code == 0 and "1 件を自動修正しました" in out


def test_fix_options_without_fix_are_refused(capsys, draft):
    code, _, err = run(capsys, "check", "--unsafe-fixes", draft)
    assert code == 2 and "--unsafe-fixes" in err and "Traceback" not in err
    assert draft.read_text(encoding="utf-8") == NG


def test_exit_zero_reports_but_succeeds(capsys, draft, tmp_path):
    code, out, _ = run(capsys, "check", "--exit-zero", draft)
    assert code == 0 and "[bare-apology]" in out
    code, _, _ = run(capsys, "check", "--exit-zero", tmp_path / "missing.txt")
    assert code == 2  # an unreadable input is still an error


def test_quiet_prints_the_findings_only(capsys, draft, tmp_path):
    code, out, _ = run(capsys, "check", "-q", "--select", "bare-apology", draft)
    assert code == 1 and out.startswith(f"{draft}:4:11:") and "件の指摘" not in out
    clean = tmp_path / "ok.txt"
    clean.write_text("ご連絡ありがとうございます。\n", encoding="utf-8")
    assert run(capsys, "check", "--quiet", clean)[1] == ""


def test_output_file_gets_the_report(capsys, draft, tmp_path):
    report = tmp_path / "report.json"
    code, out, _ = run(capsys, "check", "--format", "json", "--output-file", report, draft)
    assert code == 1 and out == ""
    assert json.loads(report.read_text(encoding="utf-8"))[0]["filePath"] == str(draft)
    code, _, err = run(capsys, "check", "--output-file", tmp_path / "no" / "such" / "dir.txt", draft)
    assert code == 2 and err.count("\n") == 1 and "--output-file" in err


def test_stdin_filename_names_the_draft_and_picks_its_settings(capsys, monkeypatch, tmp_path):
    config = tmp_path / "y.yaml"
    config.write_text('per-file-ignores:\n  "internal/*.txt": [bare-apology]\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "--config", config, "--format", "concise", "-", "--stdin-filename",
                       "replies/a.txt", stdin=NG, monkeypatch=monkeypatch)
    assert code == 1 and "\nreplies/a.txt:4:11: warning [bare-apology]" in "\n" + out
    code, out, _ = run(capsys, "check", "--config", config, "--format", "concise", "-", "--stdin-filename",
                       "internal/a.txt", stdin=NG, monkeypatch=monkeypatch)
    assert "bare-apology" not in out
    code, _, err = run(capsys, "check", "--stdin-filename", "a.txt", tmp_path / "y.yaml")
    assert code == 2 and "--stdin-filename" in err


def test_stdin_filename_fixes_standard_input_to_stdout(capsys, monkeypatch):
    code, out, err = run(capsys, "fix", "-", "--stdin-filename", "reply.txt", stdin=NG, monkeypatch=monkeypatch)
    assert out == NG.replace("すみませんでした", "申し訳ございませんでした")


@pytest.mark.parametrize("args,env,coloured", [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    (["--no-color"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    (["--color", "always"], {"NO_COLOR": "1"}, True),
    ([], {}, False),  # a pipe
])
def test_color_choice_and_environment(capsys, monkeypatch, draft, args, env, coloured):
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    _, out, _ = run(capsys, "check", *args, draft)
    assert ("\x1b[" in out) == coloured
    assert "すみませんでした" in out


def test_a_path_with_no_draft_is_reported_and_the_others_still_checked(capsys, tmp_path, draft):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.csv").write_text("a,b\n", encoding="utf-8")
    code, out, err = run(capsys, "check", empty, draft)
    assert code == 2
    assert f"{empty}: 下書き（*.txt・*.md・*.eml）が見つかりません" in err
    assert str(draft) in out


def test_usage_errors_show_the_subcommand_usage(capsys, draft):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--no-such-flag", str(draft)])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert err.startswith("usage: yoshinani check ") and "unrecognized arguments: --no-such-flag" in err


@pytest.mark.parametrize("option", [["--format", "json"], ["--statistics"], ["--quiet"], ["--exit-zero"],
                                    ["--output-file", "x.txt"]])
def test_rewrite_refuses_options_it_cannot_honour(capsys, draft, option):
    with pytest.raises(SystemExit) as exc:
        main(["rewrite", *option, str(draft)])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.startswith("usage: yoshinani rewrite") and option[0] in err


@pytest.mark.parametrize("command", ["check", "fix", "rewrite", "rules", "explain", "tokens", "init", "config"])
def test_every_subcommand_help_lists_options_and_an_example(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "options:" in out and f"yoshinani {command}" in out.split("examples:")[1]
