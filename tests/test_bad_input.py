"""Bad and odd input, as a user meets it: each test backs a row of README's
"What happens on bad input" table (the row names the test)."""

from __future__ import annotations

import json
import os

import pytest

from yoshinani_lint import lint_text
from yoshinani_lint.cli import main
from yoshinani_lint.document import Document
from yoshinani_lint.engine import MAX_FINDINGS_PER_RULE

NG = "納品が遅れてしまい、すみませんでした。\n"


# --- line breaks --------------------------------------------------------------------------

@pytest.mark.parametrize("brk", ["\r", "\r\n", "\n", "\u2028", "\u2029", "\x85", "\x0c", "\x0b"])
def test_every_line_break_keeps_a_quoted_line_quoted(brk):
    text = f"承知しました。{brk}> すみませんでした。{brk}よろしくお願いいたします。"
    doc = Document(text)
    assert [line.text for line in doc.lines] == ["承知しました。", "> すみませんでした。", "よろしくお願いいたします。"]
    assert [line.is_context for line in doc.lines] == [False, True, False]
    assert all(text[line.start:line.end] == line.text for line in doc.lines)
    assert "bare-apology" not in {f.rule_id for f in lint_text(text)}


def test_fix_of_a_cr_only_file_keeps_the_quote_and_every_byte(tmp_path):
    draft = tmp_path / "mac.txt"
    original = "すみませんでした。\r> すみませんでした。\r\u2028\x0c以上です。\r".encode()
    draft.write_bytes(original)
    main(["fix", "--select", "bare-apology", str(draft)])
    assert draft.read_bytes() == original.replace("すみませんでした。\r>".encode(),
                                                  "申し訳ございませんでした。\r>".encode(), 1)


def test_rewrite_keeps_unusual_line_breaks(tmp_path, capsys):
    draft = tmp_path / "d.txt"
    draft.write_text("後ほどお送りしたいと思います。\u2028> 後ほどお願いします。\x0b以上です。", encoding="utf-8")
    main(["rewrite", "--write", str(draft)])
    text = draft.read_text(encoding="utf-8")
    assert text.count("\u2028") == 1 and text.count("\x0b") == 1
    assert "\u2028> 後ほどお願いします。\x0b" in text


# --- big drafts ---------------------------------------------------------------------------

def test_a_line_of_a_million_characters_is_tokenized_in_chunks():
    from yoshinani_lint.tokens import tokenize

    text = "添付の資料をご確認いただけますと幸いです " * 50_000  # MeCab crashed on this
    tokens = tokenize(text, 10)
    assert tokens[0].start == 10 and tokens[-1].end == len(text.rstrip()) + 10
    assert all(text[t.start - 10:t.end - 10] == t.surface for t in tokens[:: 997])


def test_many_ruled_lines_are_decided_in_one_pass():
    lines = ["――――――――", "原因は書き出し設定の誤りでした。"] * 20_000 + ["山田太郎", "03-1234-5678"]
    from yoshinani_lint.document import context_line_flags

    flags = context_line_flags(lines)
    # the signature is the last ruled line with at most 12 mostly non-sentence lines below it
    assert flags.index(True) == len(lines) - 12 and all(flags[-12:])


def test_findings_per_rule_are_capped_and_the_cap_is_said():
    found = lint_text("ASAP確認します。" * 10 + "。".join(["すみません"] * 500) + "。", select=["bare-apology"])
    assert len(found) == MAX_FINDINGS_PER_RULE + 1
    assert found[-1].severity == "info" and "省略" in found[-1].message


# --- the API ------------------------------------------------------------------------------

def test_bom_does_not_shift_offsets():
    text = "\ufeffすみませんでした。"
    [finding] = lint_text(text, select=["bare-apology"])
    assert text[finding.start:finding.end] == "すみませんでした" and finding.column == 2


def test_lone_surrogates_and_nul_do_not_crash_the_api():
    from yoshinani_lint.rewrite import rewrite_text

    text = "a\ud800了解しました\x00です。\udfff後ほどお送りします。"
    found = lint_text(text)
    assert {"keigo-misuse", "vague-timing"} <= {f.rule_id for f in found}
    assert all(0 <= f.start <= f.end <= len(text) for f in found)
    new, _, _ = rewrite_text(text, lint_text)
    assert "\ud800" in new and "\udfff" in new


# --- files that are not drafts ----------------------------------------------------------

def test_a_fifo_named_like_a_draft_is_refused_not_waited_on(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text(NG, encoding="utf-8")
    assert main(["check", "--select", "bare-apology", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "pipe.txt" in err and "FIFO" in err and "a.txt:1:11" in out
    assert main(["check", str(fifo)]) == 2


def test_a_symlink_to_dev_zero_is_refused(tmp_path, capsys):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    assert main(["check", str(link)]) == 2
    assert "通常のファイルではありません" in capsys.readouterr().err


def test_walks_report_bomless_utf16_and_folders_without_drafts(tmp_path, capsys):
    (tmp_path / "win.txt").write_bytes("すみませんでした。\r\n".encode("utf-16-le"))
    assert main(["check", str(tmp_path)]) == 2
    assert "--encoding utf-16-le" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["check", str(empty)]) == 2
    assert "見つかりません" in capsys.readouterr().err


def test_eml_with_broken_base64_is_refused(tmp_path, capsys):
    eml = tmp_path / "m.eml"
    eml.write_bytes(b"From: a@example.com\nContent-Type: text/plain; charset=utf-8\n"
                    b"Content-Transfer-Encoding: base64\n\n@@@@44GZ44G/44G+44Gb44KT\n")
    assert main(["check", str(eml)]) == 2
    assert "base64" in capsys.readouterr().err


def test_broken_pyproject_of_another_project_is_ignored(tmp_path, capsys, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(NG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--select", "bare-apology", "d.txt"]) == 1
    (tmp_path / "pyproject.toml").write_text("[tool.yoshinani]\nselect = [\n", encoding="utf-8")
    assert main(["check", "d.txt"]) == 2
    assert "broken TOML" in capsys.readouterr().err


# --- output -----------------------------------------------------------------------------

def test_output_to_a_full_disk_is_one_line(tmp_path):
    import subprocess
    import sys

    draft = tmp_path / "d.txt"
    draft.write_text(NG, encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "yoshinani_lint", "check", str(draft)],
                              stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "cannot write the output" in done.stderr


def test_non_utf8_file_names_are_printed_escaped(tmp_path):
    import subprocess
    import sys

    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(NG.encode())
    for fmt in ("text", "json", "sarif"):
        done = subprocess.run([sys.executable, "-m", "yoshinani_lint", "check", "--format", fmt, name],
                              capture_output=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        assert done.returncode == 1 and b"Traceback" not in done.stderr
        out = done.stdout.decode("utf-8")  # valid UTF-8 throughout
        if fmt != "text":
            json.loads(out)


# --- writes -----------------------------------------------------------------------------

def test_an_edit_during_the_rename_is_kept(tmp_path, capsys, monkeypatch):
    draft = tmp_path / "d.txt"
    draft.write_text(NG, encoding="utf-8")
    real_replace = os.replace

    def edit_then_replace(src, dst):  # the user saves just before our rename
        if str(src).endswith(".yoshinani"):
            with open(dst, "a", encoding="utf-8") as handle:
                handle.write("追記\n")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", edit_then_replace)
    assert main(["fix", "--select", "bare-apology", str(draft)]) == 2
    assert draft.read_text(encoding="utf-8") == NG + "追記\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt"]
    assert "変更" in capsys.readouterr().err


def test_hard_linked_files_are_not_split(tmp_path, capsys):
    draft = tmp_path / "d.txt"
    draft.write_text(NG, encoding="utf-8")
    os.link(draft, tmp_path / "other.txt")
    assert main(["fix", "--select", "bare-apology", str(draft)]) == 2
    assert "ハードリンク" in capsys.readouterr().err
    assert os.stat(draft).st_nlink == 2 and draft.read_text(encoding="utf-8") == NG


def test_root_fixing_a_users_file_keeps_its_owner(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root to own a file as another user")
    draft = tmp_path / "d.txt"
    draft.write_text(NG, encoding="utf-8")
    os.chown(draft, 12345, 12345)
    assert main(["fix", "--select", "bare-apology", str(draft)]) == 0
    st = os.stat(draft)
    assert (st.st_uid, st.st_gid) == (12345, 12345) and "申し訳" in draft.read_text(encoding="utf-8")


def test_a_file_the_user_cannot_write_is_not_replaced(tmp_path):
    import pwd
    import shutil
    import subprocess
    import sys

    if os.geteuid() != 0:
        pytest.skip("creates a non-root user to run as; needs root")
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is not installed")
    try:
        user = pwd.getpwnam("yoshinani-test")
    except KeyError:
        if subprocess.run(["useradd", "-M", "yoshinani-test"], capture_output=True).returncode != 0:
            pytest.skip("cannot create a test user")
        user = pwd.getpwnam("yoshinani-test")
    os.chmod(tmp_path, 0o777)
    for parent in tmp_path.parents:  # the user must reach the folder
        os.chmod(parent, os.stat(parent).st_mode | 0o011)
    as_user = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"]
    if subprocess.run([*as_user, sys.executable, "-c", "import yoshinani_lint"], capture_output=True).returncode:
        pytest.skip(f"{user.pw_name} cannot run this interpreter ({sys.prefix} is not readable by others)")
    draft = tmp_path / "d.txt"
    draft.write_text(NG, encoding="utf-8")
    os.chmod(draft, 0o644)  # root's file, readable by all, writable by root only
    cache = tmp_path / "cache"
    done = subprocess.run(["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups",
                           sys.executable, "-m", "yoshinani_lint", "fix", "--select", "bare-apology", str(draft)],
                          capture_output=True, text=True, env={**os.environ, "YOSHINANI_CACHE_DIR": str(cache),
                                                               "HOME": str(tmp_path)})
    assert done.returncode == 2 and "読み取り専用" in done.stderr, done.stderr
    assert draft.read_text(encoding="utf-8") == NG and os.stat(draft).st_uid == 0
    unreadable = tmp_path / "secret.txt"
    unreadable.write_text(NG, encoding="utf-8")
    os.chmod(unreadable, 0o600)
    done = subprocess.run(["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups",
                           sys.executable, "-m", "yoshinani_lint", "check", str(unreadable), str(draft)],
                          capture_output=True, text=True, env={**os.environ, "YOSHINANI_CACHE_DIR": str(cache),
                                                               "HOME": str(tmp_path)})
    assert done.returncode == 2 and "読み取り権限がありません" in done.stderr
    assert "d.txt:1:11" in done.stdout


def test_a_draft_over_the_size_limit_is_refused(tmp_path, capsys, monkeypatch):
    from yoshinani_lint import inputs

    monkeypatch.setattr(inputs, "MAX_DRAFT_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("あ" * 1000, encoding="utf-8")
    assert main(["check", str(big)]) == 2
    assert "大きすぎます" in capsys.readouterr().err


def test_ctrl_c_during_fix_names_the_files_already_fixed(tmp_path, capsys, monkeypatch):
    from yoshinani_lint import atomic, cli

    monkeypatch.setattr(cli, "_WRITTEN", [])
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(NG, encoding="utf-8")
    real = atomic.write_atomic

    def interrupted_on_b(path, data, expected=None):
        if str(path).endswith("b.txt"):
            raise KeyboardInterrupt
        return real(path, data, expected)

    monkeypatch.setattr(atomic, "write_atomic", interrupted_on_b)
    assert main(["fix", "--select", "bare-apology", str(tmp_path)]) == 130
    err = capsys.readouterr().err
    assert "1 file(s) already fixed" in err and "a.txt" in err and "b.txt" not in err.split("(")[1]
    assert "申し訳" in (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == NG


def test_every_row_of_the_readme_table_names_a_test_that_exists():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### What happens on bad input"):]
    section = section[:section.index("\n### ", 5)]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`test_" in line]
    assert len(rows) >= 20
    for row in rows:
        for ref in re.findall(r"`((?:test_\w+\.py::)?test_\w+)`", row.rsplit("|", 2)[1]):
            file, _, name = ref.rpartition("::")
            source = (root / "tests" / (file or "test_bad_input.py")).read_text(encoding="utf-8")
            assert f"def {name}(" in source, ref


def test_eight_processes_fixing_one_file_at_once_leave_it_whole(tmp_path):
    """Each run either replaces the file with the fixed text or refuses because it changed
    underneath: never a mix, a truncated file or a temp file left behind."""
    import subprocess
    import sys

    draft = tmp_path / "d.txt"
    text = "山田様\n\n" + NG * 20
    draft.write_text(text, encoding="utf-8")
    env = {**os.environ, "YOSHINANI_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-m", "yoshinani_lint", "rules"], env=env, capture_output=True)  # warm cache
    runs = [subprocess.Popen([sys.executable, "-m", "yoshinani_lint", "fix", "--select", "bare-apology", str(draft)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(8)]
    codes = [p.wait(timeout=120) for p in runs]
    assert set(codes) <= {0, 2}, codes
    assert draft.read_text(encoding="utf-8") == text.replace("すみませんでした", "申し訳ございませんでした")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "d.txt"]
