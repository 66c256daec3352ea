"""`yoshinani rewrite`: the reply as the よしなに対応 guidance would write it.

1. every fix, safe and unsafe, is applied (wording: apologies, keigo, refusals, vague times);
2. then, once, what the document-level rules found missing is inserted where a reader expects
   it (thanks at the opening, the cause after the apology, the next step, the prevention);
3. what only the writer knows stays a visible slot (〇〇, 〇月〇日〇時), listed for filling.
Inserts are applied in one pass only, so a rule that still fires cannot add its sentence twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .document import Document
from .findings import Finding
from .fixer import apply, fix_text
from .rule import Fix
from .splice import SLOT



@dataclass(slots=True)
class Slot:
    line: int
    column: int
    text: str  # the slot itself, e.g. 〇月〇日〇時
    sentence: str  # where it stands, to show the writer what to fill in


def rewrite_text(text: str, lint: Callable[[str], list[Finding]]) -> tuple[str, list[Finding], list[Slot]]:
    text, findings, _ = fix_text(text, lint, unsafe=True)
    inserts = _gather([f.fix for f in findings if f.fix is not None and f.fix.insert], text)
    if inserts:
        text = apply(text, inserts)
        findings = lint(text)
    return text, findings, find_slots(text)


def _gather(inserts: list[Fix], text: str) -> list[Fix]:
    """Sentences added after their trigger go together after the paragraph's last trigger,
    in their rules' order, so the reply reads apology → cause → next step → prevention
    whichever sentence each rule was triggered by. Two findings asking for the same
    sentence at the same place get it once."""
    doc = Document(text)
    blank_before: list[int] = []
    count = 0
    for line in doc.lines:
        if not line.text.strip():
            count += 1
        blank_before.append(count)

    def paragraph(fix: Fix) -> int:
        return blank_before[doc.position(fix.start)[0] - 1]

    last: dict[int, int] = {}
    for fix in inserts:
        if fix.insert == "after-sentence":
            last[paragraph(fix)] = max(last.get(paragraph(fix), 0), fix.start)
    placed = {}
    for fix in inserts:
        at = last[paragraph(fix)] if fix.insert == "after-sentence" else fix.start
        placed.setdefault((at, fix.text), Fix(at, at, fix.text, fix.safe, fix.insert, fix.order))
    ordered = sorted(placed.values(), key=lambda fix: (fix.start, fix.order))
    # A sentence added after words that end without 。 (a bullet: ・内容：送信できない状態)
    # would run on into them: close them first, once per place.
    for index, fix in enumerate(ordered):
        before = text[:fix.start].rstrip(" \t　")
        first_here = index == 0 or ordered[index - 1].start != fix.start
        if first_here and fix.insert == "after-sentence" and before and not before.endswith(_CLOSED):
            fix.text = "。" + fix.text
    return ordered


# what a sentence may end with, so that another can follow it directly
_CLOSED = ("。", "！", "？", "!", "?", "」", "』", "）", ")", "\n", "\r")


def find_slots(text: str) -> list[Slot]:
    doc = Document(text)
    slots = []
    for sentence in doc.writer_sentences:
        for m in SLOT.finditer(sentence.text):
            line, column = doc.position(sentence.start + m.start())
            slots.append(Slot(line, column, m.group(0), sentence.text))
    return slots
