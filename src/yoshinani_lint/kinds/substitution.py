"""``substitution``: a phrase with a known replacement; the replacement becomes a fix.

    kind: substitution
    fix: safe                # safe: unambiguous, meaning unchanged; unsafe: needs judgement
    swap:
      - {regex: 'す[みい]ません(?P<tail>でした)?', replace: '申し訳ございません\\g<tail>'}
      - {words: [了解しました], replace: 承知しました}

``message`` and ``suggest`` may use {match} and {replacement}.
"""

from __future__ import annotations

from ..matching import RegexPattern, build_pattern
from ..rule import Check, Fix, fill


class SubstitutionCheck(Check):
    kind = "substitution"

    def __init__(self, spec) -> None:
        super().__init__(spec)
        self.safe = spec.choice("fix", ("safe", "unsafe"), "unsafe") == "safe"
        self.swaps = []
        for i, item in enumerate(spec.list("swap")):
            sub = spec.item("swap", i, item)
            replace = sub.raw("replace")
            if not isinstance(replace, str):
                sub.fail("must be a string", "replace")
            data = {k: v for k, v in sub.data.items() if k != "replace"}
            pattern = build_pattern(type(sub)(data, sub.file, sub.rule, sub.path))
            if not isinstance(pattern, RegexPattern):
                sub.fail("a swap takes regex or words, not tokens")
            self.templates.append((sub.key("replace"), pattern.source, replace))
            self.swaps.append((pattern, replace))

    def coverage(self):
        return [(f"{self.spec_path}.swap[{i}]", p) for i, (p, _) in enumerate(self.swaps)]

    def run(self, doc):
        for pattern, replace in self.swaps:
            for sentence, match in pattern.matches(doc):
                if not self.allowed(doc, sentence, match):
                    continue
                # The fix replaces the whole match; the highlight may be narrower.
                replacement = match.regex_match.expand(replace)
                fields = {"match": match.regex_match.group(0), "replacement": replacement}
                hit = self.hit(match, sentence, doc)
                if hit.message:
                    hit.message = fill(hit.message, **fields)
                hit.suggestions = [fill(s, **fields) for s in hit.suggestions] or [replacement]
                hit.fix = Fix(match.start, match.end, replacement, self.safe)
                yield hit
