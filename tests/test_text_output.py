"""The text report as a writer reads it in a terminal at 80 and 120 columns, and in a pipe."""

import io

import pytest

from yoshinani_lint.engine import lint_text
from yoshinani_lint.loader import load_rules
from yoshinani_lint.output.text import render_color, render_plain
from yoshinani_lint.output.wrap import NO_END, NO_START, display_width, wrap

RULES = load_rules()
DRAFT = """株式会社ミナト企画
広報部 高橋様

お世話になっております。

すみません、なぜか書き出したデータが壊れていて、納品が遅れてしまいました。
そもそもご指示の画像が届いたのが昨日だったので、正直スケジュール的に無理がありました。
修正版は後ほどお送りしたいと思います。
"""


def results():
    return [("drafts/reply.txt", lint_text(DRAFT, rules=RULES))]


def findings_blocks(out: str) -> list[list[str]]:
    body = out.split("\n\n")
    return [block.splitlines() for block in body if block.strip()]


@pytest.mark.parametrize("width", [80, 120])
def test_plain_lines_fit_the_width_and_follow_kinsoku(width):
    out = render_plain(results(), width=width)
    for line in out.splitlines():
        assert display_width(line) <= width + 2, line  # a hanging 。 may pass the margin by one
        assert line.lstrip()[:1] not in NO_START, f"line starts with a closing mark: {line!r}"
        assert line.rstrip()[-1:] not in NO_END, line


@pytest.mark.parametrize("width", [80, 120])
def test_every_finding_starts_with_its_location_and_is_set_apart(width):
    out = render_plain(results(), width=width)
    blocks = findings_blocks(out)[:-1]  # the last one is the summary
    assert len(blocks) >= 5
    for block in blocks:
        assert block[0].startswith("drafts/reply.txt:"), block[0]
        path, line, column = block[0].split(": ")[0].split(":")
        assert line.isdigit() and column.isdigit()
        # everything under the heading is indented, the rewrite arrow never alone on a line
        assert all(line.startswith("    ") for line in block[1:]), block
        assert all(line.strip() != "→" for line in block)
        arrows = [n for n, line in enumerate(block) if line.lstrip().startswith("→")]
        assert all(block[n].strip() != "→" and len(block[n].strip()) > 2 for n in arrows)


def test_wrapped_rewrite_continues_under_its_text_not_under_the_arrow():
    out = render_plain(results(), width=60)
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("    → 「原因は"))
    assert lines[start + 1].startswith("      ") and not lines[start + 1].startswith("       ")


def test_document_rules_on_one_trigger_are_one_finding_listing_what_is_missing():
    out = render_plain(results())
    assert "[no-cause, no-next-step, no-prevention] 原因・次の行動（期限）・再発防止策が書かれていません。" in out
    assert out.count("[no-cause") == 1 and "[no-next-step]" not in out
    combined = next(b for b in findings_blocks(out) if "no-cause" in b[0])
    suggestion = [line for line in combined if "→" in line]
    assert len(suggestion) == 1
    assert suggestion[0].index("原因は") < suggestion[0].index("までに") < suggestion[0].index("今後は")
    # the summary still counts every rule's finding, as JSON reports them
    assert out.splitlines()[-1].endswith("8 件の指摘（error 1 / warning 7）")


def test_two_findings_of_one_rule_on_one_sentence_are_shown_once():
    text = "承知しました、後ほど確認して、追ってご連絡いたします。\n"
    found = [f for f in lint_text(text, rules=RULES, select=["vague-timing"])]
    assert len(found) == 2
    out = render_plain([("r.txt", found)])
    assert out.count("[vague-timing]") == 1
    carets = [line for line in out.splitlines() if "^" in line][0]
    assert carets.count("^^^^") == 2  # both spans marked under the one sentence


def test_caret_lines_follow_the_wrapped_sentence():
    text = "ご依頼の件につきまして、担当者と相談のうえで進めたいと考えておりますので、修正版は後ほどお送りいたします。\n"
    found = lint_text(text, rules=RULES, select=["vague-timing"])
    lines = render_plain([("r.txt", found)], width=50).splitlines()
    caret = next(n for n, line in enumerate(lines) if "^" in line)
    above = lines[caret - 1]
    offset = lines[caret].index("^")
    assert "後ほど" in above
    assert display_width(above[:above.index("後ほど")]) == offset


@pytest.mark.parametrize("width", [80, 120])
def test_colour_output_in_a_terminal_keeps_the_same_shape(width):
    import re

    coloured = render_color(results(), width)
    assert "\x1b[" in coloured
    out = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    for line in out.splitlines():
        assert display_width(line) <= width + 2, line
        assert line.lstrip()[:1] not in NO_START, line
    blocks = findings_blocks(out)
    assert all(block[0].startswith("drafts/reply.txt:") for block in blocks[:-1])
    assert "^^^" not in out  # a terminal highlights the span instead
    # the same report as the plain one, less the caret lines
    plain = render_plain(results(), width=width)
    assert out.splitlines() == [line for line in plain.splitlines() if set(line.strip()) != {"^"}]


def test_colour_highlights_the_flagged_words_in_the_severity_colour():
    coloured = render_color(results(), 80)
    assert "\x1b[33;7m" in coloured or "\x1b[1;31;7m" in coloured  # warning / error, reversed
    assert coloured.endswith("\x1b[0m")  # the summary line, styled and reset


def test_wrap_breaks_only_where_japanese_allows():
    text = "「修正版」は、明日（3月5日）までにお送りします。ABCDEFGHIJ社のAPI連携についても、確認いたします！"
    for width in range(14, 40):
        lines = [text[a:b] for a, b in wrap(text, width)]
        assert "".join(lines) == text
        for line in lines:
            assert line[0] not in NO_START and line[-1] not in NO_END, (width, lines)
            assert display_width(line) <= width + 2
        assert not any(line.startswith(("BCDEFGHIJ", "PI")) for line in lines), lines


def test_a_long_location_line_stands_alone_and_the_message_wraps_under_it():
    out = render_plain([("replies/2026/march/a-rather-long-folder-name/reply-to-client.txt",
                         lint_text(DRAFT, rules=RULES))], width=80)
    lines = out.splitlines()
    combined = next(n for n, line in enumerate(lines) if "no-prevention]" in line) - 1
    assert lines[combined].endswith("reply-to-client.txt:6:1: warning")
    assert lines[combined + 1].startswith("    [no-cause, no-next-step, no-prevention] 原因・次の行動")
    for line in lines[combined + 1:]:
        assert display_width(line) <= 82, line
