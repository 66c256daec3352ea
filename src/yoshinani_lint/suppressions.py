"""Inline suppressions in Markdown drafts (HTML comments, which are never sent as text):

    <!-- yoshinani-disable rule-id[, rule-id] -->   ... until <!-- yoshinani-enable -->
    <!-- yoshinani-disable-next-line rule-id -->    the next non-blank line only
    <!-- yoshinani-disable -->                      every rule, to the end (or to an enable)

A suppression that suppressed nothing is reported (info), as ruff reports an unused noqa:
stale markers otherwise hide the next real problem.
"""

from __future__ import annotations

import re

from .document import Document
from .findings import Finding

UNUSED_ID = "unused-suppression"
_MARKER = re.compile(
    r"<!--\s*yoshinani-(disable-next-line|disable|enable)\b([^>]*?)\s*-->"
)


class Suppression:
    def __init__(self, kind: str, ids: frozenset[str], start: int, end: int, first_line: int,
                 last_line: int) -> None:
        self.kind = kind  # "disable", "disable-next-line"
        self.ids = ids  # empty: every rule
        self.start, self.end = start, end  # the marker's offsets, to report it if unused
        self.first_line, self.last_line = first_line, last_line  # 1-based lines covered
        self.used = False

    def applies(self, finding: Finding) -> bool:
        if not self.first_line <= finding.line <= self.last_line:
            return False
        return not self.ids or finding.rule_id in self.ids


def parse(doc: Document) -> list[Suppression]:
    out: list[Suppression] = []
    open_ranges: list[Suppression] = []
    last = len(doc.lines)
    code = _code_lines(doc)
    for index, line in enumerate(doc.lines):
        number = index + 1
        if index in code:  # a marker shown in a code block is an example, not a directive
            continue
        for m in _MARKER.finditer(line.text):
            kind = m.group(1)
            ids = frozenset(i.strip() for i in re.split(r"[,\s]+", m.group(2)) if i.strip())
            start, end = line.start + m.start(), line.start + m.end()
            if kind == "enable":
                # A bare enable ends every open range; a named one ends the ranges naming it.
                closing = [s for s in open_ranges if not ids or s.ids & ids]
                for s in closing:
                    s.last_line = number
                open_ranges = [s for s in open_ranges if s not in closing]
            elif kind == "disable":
                s = Suppression(kind, ids, start, end, number, last)
                out.append(s)
                open_ranges.append(s)
            else:
                target = next((i + 1 for i in range(index + 1, len(doc.lines))
                               if doc.lines[i].text.strip()), number)
                out.append(Suppression(kind, ids, start, end, target, target))
    return out


def _code_lines(doc: Document) -> set[int]:
    if not getattr(doc, "markdown", False):
        return set()
    from .markdown import context_lines

    return {i for i, is_code in enumerate(context_lines([line.text for line in doc.lines])) if is_code}


def apply(doc: Document, findings: list[Finding], active_ids: set[str],
          known_ids: set[str] | None = None) -> list[Finding]:
    """Drop suppressed findings; add an info finding for each marker that suppressed nothing
    or names a rule that does not exist (a typo would otherwise silently suppress nothing)."""
    known_ids = active_ids if known_ids is None else known_ids
    suppressions = parse(doc)
    if not suppressions:
        return findings
    kept = []
    for finding in findings:
        hit = [s for s in suppressions if s.applies(finding)]
        for s in hit:
            s.used = True
        if not hit:
            kept.append(finding)
    for s in suppressions:
        unknown = sorted(s.ids - known_ids)
        # A marker for a rule that is not running (--select, config) cannot be judged unused.
        if not unknown and (s.used or (s.ids and not s.ids <= active_ids)):
            continue
        line, column = doc.position(s.start)
        end_line, end_column = doc.position(s.end)
        names = "、".join(sorted(s.ids)) if s.ids else "すべてのルール"
        message = (f"この抑制コメントの「{'、'.join(unknown)}」というルールはありません。ID を確認しましょう。"
                   if unknown else f"この抑制コメント（{names}）は何も抑制していません。不要なら削除しましょう。")
        kept.append(Finding(
            rule_id=UNUSED_ID, severity="info",
            message=message,
            start=s.start, end=s.end, line=line, column=column, end_line=end_line,
            end_column=end_column, sentence_start=doc.lines[line - 1].start,
            sentence=doc.lines[line - 1].text, suggestions=["抑制コメントを削除する"],
        ))
    kept.sort(key=lambda f: (f.start, f.end, f.rule_id))
    return kept
