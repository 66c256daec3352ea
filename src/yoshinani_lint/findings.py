"""A finding: what the user sees for one problem in one reply."""

from __future__ import annotations

from dataclasses import dataclass, field

from .rule import Fix


@dataclass(slots=True)
class Finding:
    rule_id: str
    severity: str
    message: str
    start: int  # 0-based character offset of the highlighted span
    end: int
    line: int  # 1-based, in characters
    column: int
    end_line: int
    end_column: int  # column just after the span, like ESLint and textlint
    sentence_start: int  # the sentence the finding sits in, for display
    sentence: str
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    why: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start

    def to_json(self) -> dict:
        return {
            "ruleId": self.rule_id,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "endLine": self.end_line,
            "endColumn": self.end_column,
            "index": self.start,
            "length": self.length,
            "suggestions": list(self.suggestions),
            "fix": None if self.fix is None else {
                "range": [self.fix.start, self.fix.end],
                "text": self.fix.text,
            },
        }
