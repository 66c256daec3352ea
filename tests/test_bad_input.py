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
