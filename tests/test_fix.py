"""`yoshinani fix`: safe fixes only, atomic writes, nothing else in the file touched."""

import difflib
import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yoshinani_lint.cli import main
from yoshinani_lint.document import _LINE_BREAK, Document
from yoshinani_lint.engine import lint_document
from yoshinani_lint.fixer import applicable, apply, fix_text
from yoshinani_lint.loader import load_rules

RULES = load_rules()


def lint(text):
    return lint_document(Document(text), RULES)


NG = "山田様\n\nお世話になっております。\n納品が遅れ、すみませんでした。ごめんなさい。\n> すみません、至急で\n"
FIXED = "山田様\n\nお世話になっております。\n納品が遅れ、申し訳ございませんでした。申し訳ございません。\n> すみません、至急で\n"


def test_fix_rewrites_only_the_flagged_words_and_keeps_quotes(tmp_path, capsys):
    path = tmp_path / "reply.txt"
    path.write_text(NG, encoding="utf-8")
    main(["fix", "--select", "bare-apology", str(path)])
    assert path.read_text(encoding="utf-8") == FIXED
    assert "2 件を自動修正しました（1 ファイル）" in capsys.readouterr().out


def test_fix_reports_what_is_left_and_exits_like_check(tmp_path, capsys):
    path = tmp_path / "reply.txt"
    path.write_text("すみません。" + "\n", encoding="utf-8")
    code = main(["fix", str(path)])
    out = capsys.readouterr().out
    # bare-apology is fixed; whatever the other rules still find is shown, and decides the exit
    assert "bare-apology" not in out
    remaining = lint(path.read_text(encoding="utf-8"))
    assert code == (1 if any(f.severity in ("warning", "error") for f in remaining) else 0)
    for f in remaining:
        assert f"[{f.rule_id}]" in out


def test_diff_writes_nothing(tmp_path, capsys):
    path = tmp_path / "reply.txt"
    path.write_text(NG, encoding="utf-8")
    assert main(["fix", "--diff", "--select", "bare-apology", str(path)]) == 1
    out = capsys.readouterr().out
    assert "-納品が遅れ、すみませんでした。ごめんなさい。" in out
    assert "+納品が遅れ、申し訳ございませんでした。申し訳ございません。" in out
    assert path.read_text(encoding="utf-8") == NG
    path.write_text(FIXED, encoding="utf-8")
    assert main(["fix", "--diff", "--select", "bare-apology", str(path)]) == 0


@pytest.mark.parametrize("encoding,bom,newline", [
    ("utf-8", b"", "\n"), ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\r\n"), ("utf-16-be", b"\xfe\xff", "\n"),
])
def test_round_trip_keeps_encoding_bom_and_line_endings(tmp_path, encoding, bom, newline):
    path = tmp_path / "reply.txt"
    path.write_bytes(bom + NG.replace("\n", newline).encode(encoding))
    path.chmod(0o640)
    main(["fix", "--select", "bare-apology", str(path)])
    assert path.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_nothing_is_written_when_nothing_changes(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text(FIXED, encoding="utf-8")
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10**9, before - 10**9))
    main(["fix", "--select", "bare-apology", str(path)])
    assert path.stat().st_mtime_ns == before - 10**9


def test_a_failed_write_leaves_the_original_intact(tmp_path, monkeypatch, capsys):
    path = tmp_path / "reply.txt"
    path.write_text(NG, encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    assert main(["fix", "--select", "bare-apology", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == NG
    assert [p.name for p in tmp_path.iterdir()] == ["reply.txt"]  # no temporary file left
    err = capsys.readouterr().err
    assert str(path) in err and "Traceback" not in err


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path, monkeypatch, capsys):
    import yoshinani_lint.fixer as fixer

    path = tmp_path / "reply.txt"
    path.write_text(NG, encoding="utf-8")
    real = fixer.fix_text

    def edit_meanwhile(*args, **kwargs):
        result = real(*args, **kwargs)
        path.write_text(NG + "追記\n", encoding="utf-8")  # the user saved in their editor
        return result

    monkeypatch.setattr(fixer, "fix_text", edit_meanwhile)
    assert main(["fix", "--select", "bare-apology", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == NG + "追記\n"
    assert "変更された" in capsys.readouterr().err


def test_stdin_to_stdout_with_the_installed_console_script(tmp_path):
    script = Path(sys.executable).with_name("yoshinani")
    command = [str(script)] if script.exists() else [shutil.which("yoshinani")]
    proc = subprocess.run(command + ["fix", "--select", "bare-apology", "-"], input=NG.encode(),
                          capture_output=True, cwd=tmp_path,
                          env=dict(os.environ, YOSHINANI_CACHE_DIR=str(tmp_path / "c")))
    assert proc.stdout.decode() == FIXED  # nothing but the text on stdout
    assert proc.returncode == 0
    assert "指摘はありません" in proc.stderr.decode()


# Property tests: drafts assembled from realistic fragments and arbitrary text.
FRAGMENTS = ["すみません", "すみませんでした", "ごめん", "ごめんなさい。", "了解しました。", "\n", "\r\n",
             "> すみません\n", "--\n", "お世話になっております。", "申し訳ございません", "。", "！",
             "本日17時までにお送りします。", "ご苦労様です", "拝見させていただきます", "すいません"]
drafts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=25).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_fix_is_idempotent_and_never_raises(text):
    once, _, _ = fix_text(text, lint, unsafe=True)
    twice, _, applied = fix_text(once, lint, unsafe=True)
    assert twice == once and applied == 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_text_outside_fixed_spans_is_unchanged(text):
    fixes = applicable(lint(text), unsafe=True)
    new, _, _ = fix_text(text, lint, unsafe=True)
    doc = Document(text)
    # lines as the Document cuts them (a lone \r is a line break too)
    old_lines, new_lines = _LINE_BREAK.split(text), _LINE_BREAK.split(new)
    assert len(old_lines) == len(new_lines)
    for number, (line, old, fixed) in enumerate(zip(doc.lines, old_lines, new_lines)):
        touched = any(line.start <= f.start <= line.end for f in fixes)
        if line.is_context or not touched and not _fixable(old):
            assert fixed == old, (number, old, fixed)


def _fixable(line: str) -> bool:
    """A line that a later pass could still fix (its first-pass fixes overlapped)."""
    return any(f.fix for f in lint(line))
