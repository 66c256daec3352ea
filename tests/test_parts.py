"""A very long draft is checked in parts (bounded memory): findings land on the right
characters, lines and columns of the whole text, and context decided over the whole text
(a quoted thread) stays context in every part."""

from yoshinani_lint import parts
from yoshinani_lint.api import lint_text
from yoshinani_lint.document import Document


def test_findings_of_later_parts_point_into_the_whole_text(monkeypatch):
    monkeypatch.setattr(parts, "PART_CHARS", 200)
    lines = [f"{i}行目の件、すみませんでした。" for i in range(60)]
    text = "\n".join(lines) + "\n"
    found = lint_text(text, select=["bare-apology"])
    assert len(found) == 60
    doc = Document(text)
    for i, f in enumerate(found):
        assert text[f.start:f.end] == "すみませんでした"
        assert (f.line, f.column) == doc.position(f.start) == (i + 1, lines[i].index("す") + 1)
        assert text[f.fix.start:f.fix.end] == "すみませんでした"


def test_a_quoted_thread_stays_quoted_in_every_part(monkeypatch):
    monkeypatch.setattr(parts, "PART_CHARS", 200)
    thread = "\n".join(["すみません、急ぎでお願いします。"] * 40)
    text = "承知いたしました。本日17時までにお送りいたします。\n\n2025年3月5日 10:00 山田 <yamada@example.com>:\n" + thread
    assert len(text) > 3 * parts.PART_CHARS
    assert lint_text(text, select=["bare-apology"]) == []


def test_short_drafts_are_one_part():
    text = "すみませんでした。\n"
    assert [f.rule_id for f in lint_text(text, select=["bare-apology"])] == ["bare-apology"]


def test_a_line_longer_than_a_part_is_cut_and_columns_follow(monkeypatch):
    monkeypatch.setattr(parts, "PART_CHARS", 200)
    line = "件名の件、すみませんでした、" * 40  # one line, no 。
    text = "お世話になっております。\n" + line + "\n"
    found = lint_text(text, select=["bare-apology"])
    assert len(found) == 40
    doc = Document(text)
    for f in found:
        assert text[f.start:f.end] == "すみませんでした"
        assert (f.line, f.column) == doc.position(f.start) and f.line == 2
