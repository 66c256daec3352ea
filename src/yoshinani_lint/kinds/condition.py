"""``condition``: a document-level check, reported once at the trigger.

The reply is checked as a whole: when a trigger is present (and every ``when`` holds) but a
required element is absent (no ``unless`` holds), one finding is reported at the first trigger.

    kind: condition
    trigger: [...]                    # where the problem shows (e.g. the apology)
    when:   [{document: [...]}]       # further things the reply must contain for it to count
    unless: [{document: [...]}]       # what makes the reply fine (e.g. a time + an action)
"""

from __future__ import annotations

from ..matching import build_patterns
from ..rule import Check


class ConditionCheck(Check):
    kind = "condition"
    document_level = True

    def __init__(self, spec) -> None:
        super().__init__(spec)
        self.triggers = build_patterns(spec, "trigger")

    def coverage(self):
        return [(f"{self.spec_path}.trigger[{i}]", p) for i, p in enumerate(self.triggers)]

    def run(self, doc):
        # Speed: when the reply as a whole makes the check quiet (a way out named anywhere),
        # no trigger can count: that verdict is asked first, once some trigger may be there
        # (on 300 generated replies no-next-step then skips its seven triggers in most).
        if not any(p.candidates(doc) for p in self.triggers) or not self.allowed_in(doc):
            return
        found = sorted(((m.start, i, s, m) for i, p in enumerate(self.triggers) for s, m in p.matches(doc)),
                       key=lambda item: item[:2])
        for _, _, sentence, match in found:  # the first trigger in the text that counts
            if self.allowed(doc, sentence, match):
                yield self.hit(match, sentence, doc)
                return
