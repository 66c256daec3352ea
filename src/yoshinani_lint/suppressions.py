"""Inline suppressions in Markdown drafts (HTML comments, which are never sent as text):

    <!-- yoshinani-disable rule-id[, rule-id] -->   ... until <!-- yoshinani-enable -->
    <!-- yoshinani-disable-next-line rule-id -->    the next non-blank line only
    <!-- yoshinani-disable -->                      every rule, to the end (or to an enable)

A suppression that suppressed nothing is reported (info), as ruff reports an unused noqa:
stale markers otherwise hide the next real problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document
from .findings import Finding

UNUSED_ID = "unused-suppression"
_MARKER = re.compile(
    r"<!--\s*yoshinani-(disable-next-line|disable|enable)\b([^>]*?)\s*-->"
)


@dataclass
class Suppression:
    kind: str  # "disable", "disable-next-line"
    ids: frozenset[str]  # empty: every rule
    start: int  # marker offsets, for reporting an unused one
    end: int
    first_line: int  # 1-based lines covered (inclusive)
    last_line: int
    used: bool = False
    covers: set[str] = field(default_factory=set)

    def applies(self, finding: Finding) -> bool:
        if not self.first_line <= finding.line <= self.last_line:
            return False
        return not self.ids or finding.rule_id in self.ids


def parse(doc: Document) -> list[Suppression]:
    out: list[Suppression] = []
    open_ranges: list[Suppression] = []
    last = len(doc.lines)
    for index, line in enumerate(doc.lines):
        number = index + 1
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


def apply(doc: Document, findings: list[Finding], active_ids: set[str]) -> list[Finding]:
    """Drop suppressed findings; add an info finding for each marker that suppressed nothing."""
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
        # A marker for a rule that is not running (--select, config) cannot be judged unused.
        if s.used or (s.ids and not s.ids <= active_ids):
            continue
        line, column = doc.position(s.start)
        end_line, end_column = doc.position(s.end)
        names = "、".join(sorted(s.ids)) if s.ids else "すべてのルール"
        kept.append(Finding(
            rule_id=UNUSED_ID, severity="info",
            message=f"この抑制コメント（{names}）は何も抑制していません。不要なら削除しましょう。",
            start=s.start, end=s.end, line=line, column=column, end_line=end_line,
            end_column=end_column, sentence_start=doc.lines[line - 1].start,
            sentence=doc.lines[line - 1].text, suggestions=["抑制コメントを削除する"],
        ))
    kept.sort(key=lambda f: (f.start, f.end, f.rule_id))
    return kept
