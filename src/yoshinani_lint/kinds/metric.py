"""``metric``: counts and lengths over the whole reply, reported once.

    kind: metric
    count: [...]          # occurrences of these patterns in the writer's text ...
    at_least: 3           # ... reported at the occurrence that reaches this number
or
    kind: metric
    max_chars: 60         # the writer's text (without spaces) is at most this long ...
    every_sentence: [...] # ... and each of its sentences is made only of these stock phrases:
                          # their matches, together, cover all of it but spaces and punctuation
"""

from __future__ import annotations


from ..matching import Match, build_patterns
from ..rule import Check, fill
from ..sre_cache import lazy

_SPACE = lazy(r"\s+")
# What a stock sentence may hold besides its stock phrases: 承知しました、対応します！
_FILLER = lazy(r"[\s、。，．,.・！!？?…〜~ー－\-]")


class MetricCheck(Check):
    kind = "metric"
    document_level = True

    def __init__(self, spec) -> None:
        super().__init__(spec)
        self.count = build_patterns(spec, "count", required=False)
        self.at_least = spec.int("at_least", 1)
        if self.at_least < 1:
            spec.fail("must be 1 or more", "at_least")
        self.max_chars = spec.int("max_chars", None)
        self.every_sentence = build_patterns(spec, "every_sentence", required=False)
        if bool(self.count) == bool(self.every_sentence):
            spec.fail("a metric needs exactly one of count, every_sentence")

    def coverage(self):
        key = "count" if self.count else "every_sentence"
        return [(f"{self.spec_path}.{key}[{i}]", p) for i, p in enumerate(self.count or self.every_sentence)]

    def run(self, doc):
        if self.count:
            seen = []
            for pattern in self.count:
                seen.extend((m, sentence) for sentence, m in pattern.matches(doc))
            seen.sort(key=lambda ms: ms[0].start)
            if len(seen) >= self.at_least:
                match, sentence = seen[self.at_least - 1]
                if self.allowed(doc, sentence, match):
                    hit = self.hit(match, sentence, doc)
                    if hit.message:
                        hit.message = fill(hit.message, count=len(seen))
                    yield hit
            return
        sentences = doc.writer_sentences
        if not sentences:
            return
        if self.max_chars is not None:
            length = sum(len(_SPACE.sub("", s.text)) for s in sentences)
            if length > self.max_chars:
                return
        for sentence in sentences:
            if not self._stock_only(sentence):
                return
        first = sentences[0]
        match = Match(first.start, first.end, first.start, first.end)
        if self.allowed(doc, first, match):
            yield self.hit(match, first, doc)

    def _stock_only(self, sentence) -> bool:
        # Pieces, not one phrase: はい、承知しました。対応します。 is three stock pieces, and
        # any word outside them (a thing, a time, a feeling) makes the sentence more than stock.
        covered = bytearray(len(sentence.text))
        base = sentence.start
        for pattern in self.every_sentence:
            for match in pattern.finditer(sentence):
                covered[match.start - base:match.end - base] = b"\x01" * (match.end - match.start)
        return all(covered[i] or _FILLER.match(ch) for i, ch in enumerate(sentence.text))
