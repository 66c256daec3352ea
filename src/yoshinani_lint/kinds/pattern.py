"""``pattern``: report every match of a phrase in the writer's sentences.

    kind: pattern
    patterns: [...]        # see matching.py
    antipatterns: [...]    # a match overlapped by one of these is not reported
    when: / unless: [...]  # sentence- or document-wide conditions
"""

from __future__ import annotations

from ..matching import build_patterns
from ..rule import Check


class PatternCheck(Check):
    kind = "pattern"

    def __init__(self, spec) -> None:
        super().__init__(spec)
        self.patterns = build_patterns(spec, "patterns")

    def coverage(self):
        return [(f"{self.spec_path}.patterns[{i}]", p) for i, p in enumerate(self.patterns)]

    def run(self, doc):
        # the reply-wide when / unless first, once a pattern may match (see condition.py)
        if not any(p.candidates(doc) for p in self.patterns) or not self.allowed_in(doc):
            return
        for pattern in self.patterns:
            for sentence, match in pattern.matches(doc):
                if self.allowed(doc, sentence, match):
                    yield self.hit(match, sentence, doc)
