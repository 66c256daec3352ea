"""A rule: the shared header (id, severity, message, why, rewrite) and its checks.

Checks are instances of the rule kinds in ``kinds/``; a rule may combine several (keigo-misuse
has substitutions with safe fixes, phrase patterns without a fix, and a count).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from .matching import Match, Pattern, build_conditions, build_patterns, overlaps
from .spec import Spec

if TYPE_CHECKING:
    from .document import Document, Sentence

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
PILLARS = ("情報編集力", "信頼構築力", "当事者意識")


@dataclass(slots=True)
class Fix:
    start: int
    end: int
    text: str
    safe: bool


@dataclass(slots=True)
class Hit:
    """What a check reports; the engine turns it into a Finding."""

    start: int
    end: int
    sentence: Sentence
    message: str | None = None
    severity: str | None = None
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None


def fill(template: str, **fields: object) -> str:
    """Put {name} fields into a rule's text; other braces in the text are left alone."""
    for name, value in fields.items():
        template = template.replace("{" + name + "}", str(value))
    return template


class Check:
    """Base of the rule kinds: overrides of the header, antipatterns and when/unless."""

    kind = ""
    document_level = False

    def __init__(self, spec: Spec) -> None:
        self.spec_path = spec.path
        self.severity = spec.choice("severity", SEVERITIES, None)
        self.message = spec.str("message", None)
        self.suggest = spec.str("suggest", None)
        self.antipatterns = build_patterns(spec, "antipatterns", required=False)
        self.when = build_conditions(spec, "when")
        self.unless = build_conditions(spec, "unless")

    def run(self, doc: Document) -> Iterator[Hit]:
        raise NotImplementedError

    def coverage(self) -> list[tuple[str, Pattern]]:
        """Patterns that must each match one of the rule's bad examples (key, pattern)."""
        return []

    def allowed(self, doc: Document, sentence: Sentence, match: Match) -> bool:
        for anti in self.antipatterns:
            if any(overlaps(m, match.start, match.end) for m in anti.finditer(sentence)):
                return False
        if not all(c.holds(doc, sentence) for c in self.when):
            return False
        return not any(c.holds(doc, sentence) for c in self.unless)

    def hit(self, match: Match, sentence: Sentence, **extra) -> Hit:
        suggestions = [self.suggest] if self.suggest else []
        return Hit(match.mark_start, match.mark_end, sentence, self.message, self.severity,
                   suggestions, **extra)


@dataclass
class Rule:
    id: str
    description: str
    severity: str
    message: str
    why: str
    suggest: str
    pillar: str
    checks: list[Check]
    examples: dict[str, list[str]]
    file: str
    link: str | None = None
    audience: dict[str, str] = field(default_factory=dict)
    fix_safety: str | None = None  # "safe" / "unsafe" when any check offers a fix

    @property
    def kinds(self) -> list[str]:
        return sorted({c.kind for c in self.checks})

    @property
    def level(self) -> str:
        return "document" if any(c.document_level for c in self.checks) else "phrase"

    def severity_for(self, audience: str) -> str | None:
        """The rule's severity for an audience profile; None when the rule is off."""
        value = self.audience.get(audience, self.severity)
        return None if value == "off" else value

    @property
    def needs_tokens(self) -> bool:
        return any(p.needs_tokens for c in self.checks for _, p in c.coverage()) or any(
            p.needs_tokens
            for c in self.checks
            for p in c.antipatterns + [p for cond in c.when + c.unless for p in cond.patterns]
        )


def build_checks(spec: Spec) -> list[Check]:
    from .kinds import KINDS

    out = []
    for i, item in enumerate(spec.list("checks")):
        sub = spec.item("checks", i, item)
        kind = sub.choice("kind", tuple(KINDS))
        check = KINDS[kind](sub)
        sub.reject_unknown()
        out.append(check)
    return out


__all__ = ["Check", "Fix", "Hit", "Rule", "SEVERITIES", "SEVERITY_RANK", "build_checks",
           "build_patterns"]
