"""Drafts for property tests, and the invariants every draft must keep.

Shared by tests/test_fuzz.py (a bounded number of examples, in CI) and benchmarks/fuzz.py
(10^5 examples, on demand)."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from yoshinani_lint import lint_text
from yoshinani_lint.document import Document
from yoshinani_lint.fixer import fix_text
from yoshinani_lint.loader import load_rules
from yoshinani_lint.rewrite import rewrite_text

RULES = load_rules()
# Business phrases from the rules' own examples: the text rules fire on, and the text they must not.
PHRASES = sorted({t for r in RULES for kind in ("bad", "good") for e in r.examples[kind] for t in e.splitlines() if t})
ODD = ["> ", "＞ ", "-- ", "――――――", "件名: ご確認", "From: 山田", "On Mon, 山田 wrote:", "〇〇", "{match}",
       "😀", "e\u0301", "ｶﾀｶﾅ", "\x00", "\x07", "\ud800", "\udfff", "\ufeff", "\u200b", "。", "、", "！？", " ", "\t"]
BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0c", "\x0b"]

pieces = st.one_of(st.sampled_from(PHRASES), st.sampled_from(ODD), st.sampled_from(BREAKS),
                   st.text(max_size=8), st.sampled_from(PHRASES).map(lambda p: p.rstrip("。") * 30))
drafts = st.lists(pieces, max_size=24).map("".join)


def check_lint(text: str) -> None:
    doc = Document(text)
    for f in lint_text(text, rules=RULES):
        assert 0 <= f.start <= f.end <= len(text), f
        assert (f.line, f.column) == doc.position(f.start), f
        assert (f.end_line, f.end_column) == doc.position(f.end), f
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(text)


def check_fix(text: str) -> None:
    lint = lambda t: lint_text(t, rules=RULES)  # noqa: E731
    once, _, _ = fix_text(text, lint)
    twice, _, _ = fix_text(once, lint)
    assert twice == once, "fix is not idempotent"
    # Outside the fixed spans nothing changes: every line break and quoted line survives.
    assert [line.text for line in Document(once).lines if line.is_context] == \
        [line.text for line in Document(text).lines if line.is_context] or len(Document(once).lines) == len(Document(text).lines)
    assert [c for c in once if c in "".join(BREAKS)] == [c for c in text if c in "".join(BREAKS)]


def check_rewrite(text: str) -> None:
    new, _, _ = rewrite_text(text, lambda t: lint_text(t, rules=RULES))
    quoted = [line.text for line in Document(text).lines if line.is_context and line.text.lstrip().startswith((">", "＞"))]
    new_lines = [line.text for line in Document(new).lines]
    for line in quoted:
        assert line in new_lines, f"quoted line changed: {line!r}"


def check_formats(text: str) -> None:
    from yoshinani_lint.output.json_format import render as render_json
    from yoshinani_lint.output.sarif import render as render_sarif

    results = [("d\udcff.txt", lint_text(text, rules=RULES))]  # a non-UTF-8 file name too
    json.loads(render_json(results, pretty=False))
    json.loads(render_sarif(results, RULES))


def check_all(text: str) -> None:
    check_lint(text)
    check_fix(text)
    check_rewrite(text)
    check_formats(text)
