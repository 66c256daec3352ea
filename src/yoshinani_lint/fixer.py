"""Applying fixes to a reply: only the fixed spans change, and fixing twice changes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .findings import Finding
from .rule import Fix
from .splice import SLOT

# Fixes never create new fixable text in practice; the bound only guards against a rule whose
# replacement matches its own pattern (which its proof would not catch).
MAX_PASSES = 5
_DEADLINE = re.compile(r"〇+月〇+日(?:〇+時)?までに")


def applicable(findings: Sequence[Finding], unsafe: bool) -> list[Fix]:
    fixes = [f.fix for f in findings
             if f.fix is not None and not f.fix.insert and (f.fix.safe or unsafe)]
    fixes.sort(key=lambda x: (x.start, x.end))
    chosen: list[Fix] = []
    for fix in fixes:
        # Overlapping fixes: keep the first; the next pass gets another chance at the rest.
        if chosen and fix.start < chosen[-1].end:
            continue
        chosen.append(fix)
    return chosen


def said_once(text: str, fixes: list[Fix]) -> list[Fix]:
    """Two findings in one line that each rewrite their sentence into the same new sentences
    (blame-shift's 「こちらの確認不足でした。…」 for two excuses in a row) say them once: the
    later sentence is dropped, not replaced a second time; a deadline slot likewise."""
    placed: set[tuple[int, str]] = set()
    out = []
    for fix in fixes:
        key = (text.count("\n", 0, fix.start), fix.text)
        # so does one deadline put in for two vague times of one promise (整い次第、速やかに →
        # 〇月〇日〇時までに、ご連絡します, not 〇月〇日〇時までに、〇月〇日〇時までに…)
        if (fix.text.endswith("。") and SLOT.search(fix.text)) or _DEADLINE.fullmatch(fix.text):
            if key in placed:
                fix = Fix(fix.start, fix.end, "", fix.safe)
            placed.add(key)
        out.append(fix)
    return out


def apply(text: str, fixes: Sequence[Fix]) -> str:
    out = []
    pos = 0
    for fix in fixes:
        out.append(text[pos:fix.start])
        out.append(fix.text)
        pos = fix.end
    out.append(text[pos:])
    return "".join(out)


def fix_text(
    text: str, lint: Callable[[str], list[Finding]], unsafe: bool = False
) -> tuple[str, list[Finding], int]:
    """Apply fixes until none applies. Returns (new text, findings left, fixes applied)."""
    applied = 0
    findings = lint(text)
    for _ in range(MAX_PASSES):
        fixes = said_once(text, applicable(findings, unsafe))
        if not fixes:
            break
        new_text = apply(text, fixes)
        if new_text == text:
            break
        applied += len(fixes)
        text = new_text
        findings = lint(text)
    return text, findings, applied
