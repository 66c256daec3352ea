"""text → document → tokens → rules → findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .document import Document
from .errors import YoshinaniError
from .findings import Finding
from .rule import Rule


def select_rules(
    rules: Sequence[Rule], select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> list[Rule]:
    """Narrow the rule set by id; an unknown id is an error, not a silent no-op."""
    known = {r.id for r in rules}
    for rule_id in list(select or []) + list(ignore or []):
        if rule_id not in known:
            raise YoshinaniError(f"unknown rule id '{rule_id}'{did_you_mean(rule_id, known)}")
    chosen = set(select) if select else known
    chosen -= set(ignore or [])
    return [r for r in rules if r.id in chosen]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(candidates), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


# A reply holds a handful of findings per rule; a draft with more is a pasted log or a rule
# that matches everywhere (a user's `.` pattern). Past this many, a rule's further hits are
# not even looked for: each costs its antipatterns and conditions, and a million findings
# would bury the output. 100 is far above any real reply (the worst example draft has 4 of
# one rule) and keeps a 10 MB draft's output and time bounded. The cut is reported.
MAX_FINDINGS_PER_RULE = 100
_CAP_MESSAGE = "このルールの指摘が {n} 件を超えたため、ここから先は確認を省略しました。"


def _cap_notice(doc: Document, rule: Rule, hit) -> Finding:
    line, column = doc.position(hit.start)
    end_line, end_column = doc.position(hit.end)
    return Finding(rule_id=rule.id, severity="info",
                   message=_CAP_MESSAGE.format(n=MAX_FINDINGS_PER_RULE), start=hit.start, end=hit.end,
                   line=line, column=column, end_line=end_line, end_column=end_column,
                   sentence_start=hit.sentence.start, sentence=hit.sentence.text, suggestions=[],
                   fix=None, why=rule.why)


def _finding(doc: Document, rule: Rule, severity: str, hit) -> Finding:
    line, column = doc.position(hit.start)
    end_line, end_column = doc.position(hit.end)
    return Finding(
        rule_id=rule.id,
        # A check's own severity (e.g. an info-level count) is relative to the rule's: the
        # audience profile or the user override still wins.
        severity=hit.severity if hit.severity and severity == rule.severity else severity,
        message=hit.message or rule.message,
        start=hit.start,
        end=hit.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        sentence_start=hit.sentence.start,
        sentence=hit.sentence.text,
        suggestions=hit.suggestions or ([rule.suggest] if rule.suggest else []),
        fix=hit.fix,
        why=rule.why,
    )


def lint_document(
    doc: Document,
    rules: Sequence[Rule],
    audience: str = "client",
    severities: dict[str, str] | None = None,
) -> list[Finding]:
    active = []
    for rule in rules:
        severity = (severities or {}).get(rule.id) or rule.severity_for(audience)
        if severity and severity != "off":
            active.append((rule, severity))
    findings: list[Finding] = []
    seen: set[tuple[str, int, int]] = set()
    for rule, severity in active:
        reported = 0
        said = False  # a rule says what a reply lacks once, whichever condition check finds it
        first = len(findings)  # this rule's findings start here
        for check in rule.checks:
            if said and check.kind == "condition":
                continue
            # Two patterns of one check that match the same words (どうしましょう and
            # どうしましょうか) are one occurrence: the writer sees one finding, the longer.
            kept: list[int] = []  # indexes into findings of this check's findings
            for hit in check.run(doc):
                said = said or check.kind == "condition"
                key = (rule.id, hit.start, hit.end)
                if key in seen:
                    continue
                seen.add(key)
                # words inside a phrase another check of the rule has flagged for the same reason
                # are that finding (言われたとおりのサイズで作成しましたので、: one excuse, not two)
                message = hit.message or rule.message
                if check.kind != "condition" and any(
                        f.start <= hit.start and hit.end <= f.end and f.message == message
                        for f in findings[first:] if (f.start, f.end) != (hit.start, hit.end)):
                    continue
                overlapped = [i for i in kept if findings[i].start < hit.end and hit.start < findings[i].end]
                if overlapped:
                    old = findings[overlapped[0]]
                    if len(overlapped) == 1 and hit.start <= old.start and old.end <= hit.end:
                        findings[overlapped[0]] = _finding(doc, rule, severity, hit)
                    continue
                if reported == MAX_FINDINGS_PER_RULE:
                    # Stop asking the rule: each further hit costs its conditions again.
                    findings.append(_cap_notice(doc, rule, hit))
                    reported += 1
                    break
                reported += 1
                kept.append(len(findings))
                findings.append(_finding(doc, rule, severity, hit))
            if reported > MAX_FINDINGS_PER_RULE:
                break
    findings.sort(key=lambda f: (f.start, f.end, f.rule_id))
    return findings


def lint_text(
    text: str,
    *,
    rules: Sequence[Rule] | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    audience: str = "client",
    severities: dict[str, str] | None = None,
) -> list[Finding]:
    """Check one reply and return its findings, in text order.

    ``rules`` defaults to the built-in rules; ``select``/``ignore`` narrow them by id.
    """
    if rules is None:
        from .loader import load_rules

        rules = load_rules()
    rules = select_rules(rules, select, ignore)
    from .parts import PART_CHARS, lint_in_parts

    if len(text) > PART_CHARS:  # bounded memory for a text that long (parts.py)
        return lint_in_parts(text, False, lambda part, flags: _lint_and_release(
            Document(part, context=flags), rules, audience, severities))
    return _lint_and_release(Document(text), rules, audience, severities)


def _lint_and_release(doc: Document, rules: Sequence[Rule], audience: str,
                      severities: dict[str, str] | None) -> list[Finding]:
    findings = lint_document(doc, rules, audience, severities)
    doc.release()  # freed now, not by the cycle collector (Document.release)
    return findings
