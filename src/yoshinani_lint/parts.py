"""Very long drafts are checked in parts, so that memory stays bounded.

A reply is a few thousand characters; a pasted log or a whole mailbox can be megabytes. The
rules keep per-sentence state (tokens, clauses, concept spans) until every rule has run, about
5 KB a sentence, so a 10 MB draft would need gigabytes. Beyond PART_CHARS the text is cut at
line breaks (a single line longer than a part, after a 。、 or a space) into parts checked one
after another, and the findings are moved back to the
offsets, lines and columns of the whole text. What is context (quoted lines, the thread below
an attribution line, the signature) is decided once over the whole text, so a quoted thread
stays quoted in every part. Document-level rules then speak per part: for a text this long
that is all "the reply" can mean.
"""

from __future__ import annotations

from collections.abc import Callable

from .document import _LINE_BREAK, context_line_flags
from .findings import Finding
from .rule import Fix
from .sre_cache import lazy

PART_CHARS = 100_000


def lint_in_parts(text: str, markdown: bool,
                  lint_part: Callable[[str, list[bool]], list[Finding]]) -> list[Finding]:
    """``lint_part(part_text, context_flags)`` checks one part given the context flags of its
    lines; the findings of all parts, in the whole text's offsets, in text order."""
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    ends = [m.start() for m in _LINE_BREAK.finditer(text)] + [len(text)]
    flags = context_line_flags([text[s:e] for s, e in zip(line_starts, ends)], markdown)
    findings: list[Finding] = []
    first = 0  # index of the part's first line
    while first < len(line_starts):
        if ends[first] - line_starts[first] > PART_CHARS:  # one line longer than a part
            for start, stop in _pieces(text, line_starts[first], ends[first]):
                for f in lint_part(text[start:stop], [flags[first]]):
                    findings.append(_moved(f, start, first, start - line_starts[first]))
            first += 1
            continue
        last = first + 1  # lines [first, last) form the part
        while (last < len(line_starts) and ends[last] - line_starts[first] < PART_CHARS):
            last += 1
        start = line_starts[first]
        stop = line_starts[last] if last < len(line_starts) else len(text)
        # a part ending in a line break has one more (empty) line than it took: not context
        part_flags = flags[first:last] + [False]
        for f in lint_part(text[start:stop], part_flags):
            findings.append(_moved(f, start, first, 0))
        first = last
    findings.sort(key=lambda f: (f.start, f.end, f.rule_id))
    return _capped(findings)


def _capped(findings: list[Finding]) -> list[Finding]:
    """The engine's cap on findings per rule holds for the whole text, not per part: past
    it, one notice where the cut falls, then nothing more of that rule."""
    from .engine import _CAP_MESSAGE, MAX_FINDINGS_PER_RULE

    counts: dict[str, int] = {}
    out = []
    for f in findings:
        n = counts.get(f.rule_id, 0)
        if f.message == _CAP_MESSAGE.format(n=MAX_FINDINGS_PER_RULE) or n >= MAX_FINDINGS_PER_RULE:
            if n <= MAX_FINDINGS_PER_RULE:
                f.severity, f.message, f.fix, f.suggestions = "info", _CAP_MESSAGE.format(n=MAX_FINDINGS_PER_RULE), None, []
                out.append(f)
            counts[f.rule_id] = MAX_FINDINGS_PER_RULE + 1
            continue
        counts[f.rule_id] = n + 1
        out.append(f)
    return out


# where a line too long for one part is cut: after a sentence end, a comma or a space
_CUT_AFTER = lazy(r"[。！？!?、，,\s　]")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > PART_CHARS:
        cut = None
        for m in _CUT_AFTER.finditer(text, start + PART_CHARS // 2, start + PART_CHARS):
            cut = m.end()
        cut = cut or start + PART_CHARS
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _moved(f: Finding, offset: int, lines: int, columns: int) -> Finding:
    """The finding of a part moved to the whole text: ``offset`` characters and ``lines``
    lines on, and ``columns`` more on the part's first line (a piece of a long line)."""
    fix = f.fix
    if fix is not None:
        fix = Fix(fix.start + offset, fix.end + offset, fix.text, fix.safe, fix.insert, fix.order)
    column = f.column + (columns if f.line == 1 else 0)
    end_column = f.end_column + (columns if f.end_line == 1 else 0)
    return Finding(f.rule_id, f.severity, f.message, f.start + offset, f.end + offset,
                   f.line + lines, column, f.end_line + lines, end_column,
                   f.sentence_start + offset, f.sentence, f.suggestions, fix, f.why)
