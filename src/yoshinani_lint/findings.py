"""A finding: what the user sees for one problem in one reply."""

from __future__ import annotations

from .rule import Fix


class Finding:
    """One problem in one reply, as every output format reports it.

    ``rule_id`` / ``severity`` ("error", "warning", "info") / ``message`` (Japanese, says why);
    ``start`` / ``end``: 0-based character offsets of the flagged words in the text as given;
    ``line`` / ``column`` (1-based, in characters) and ``end_line`` / ``end_column`` (just
    after the span); ``sentence`` and ``sentence_start``: the sentence it stands in;
    ``suggestions``: how to write it instead; ``fix``: a :class:`~yoshinani_lint.rule.Fix`
    (``start``, ``end``, ``text``, ``safe``) or None; ``why``: the rule's reason;
    ``to_json()``: the dict of ``--format json``.
    """

    __slots__ = ("rule_id", "severity", "message", "start", "end", "line", "column", "end_line",
                 "end_column", "sentence_start", "sentence", "suggestions", "fix", "why")

    def __init__(self, rule_id: str, severity: str, message: str, start: int, end: int,
                 line: int, column: int, end_line: int, end_column: int, sentence_start: int,
                 sentence: str, suggestions: list[str] | None = None, fix: Fix | None = None,
                 why: str = "") -> None:
        self.rule_id, self.severity, self.message = rule_id, severity, message
        self.start, self.end = start, end  # 0-based character offsets of the highlighted span
        self.line, self.column = line, column  # 1-based, in characters
        self.end_line, self.end_column = end_line, end_column  # just after the span (ESLint)
        self.sentence_start, self.sentence = sentence_start, sentence  # for display
        self.suggestions = suggestions if suggestions is not None else []
        self.fix, self.why = fix, why

    def __repr__(self) -> str:
        return f"Finding({self.rule_id!r}, {self.line}:{self.column}, {self.message!r})"

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
            # Only a safe fix: a tool applying "fix" blindly must never insert a 〇〇 slot or
            # rewrite a refusal; those are `yoshinani fix --unsafe-fixes` / `rewrite` (and sarif).
            "fix": None if self.fix is None or not self.fix.safe else {
                "range": [self.fix.start, self.fix.end],
                "text": self.fix.text,
            },
        }
