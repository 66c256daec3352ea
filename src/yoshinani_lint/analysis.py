"""What the rules see in a reply, for rule authors: per writer sentence its tokens, the
vocabulary concepts found in it and its clauses with their features and own times.

`yoshinani tokens` prints this; ``analyze_text`` is the same for Python callers."""

from __future__ import annotations

from .document import Document
from .matching import TIME_CONCEPTS, attached_times
from . import vocabulary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .tokens import Token


class ClauseView:
    __slots__ = ("text", "start", "end", "link", "tense", "polarity", "polite", "actor", "modality",
                 "times", "predicate")

    def __init__(self, clause, text: str, times: set[str]) -> None:
        self.text, self.start, self.end = text, clause.start, clause.end
        self.link, self.tense, self.polarity = clause.link, clause.tense, clause.polarity
        self.polite, self.actor = clause.polite, clause.actor
        self.modality = sorted(clause.modality)
        self.times = sorted(times)
        ps, pe = clause.predicate_span()
        self.predicate = text[ps - clause.start:pe - clause.start] if pe > ps else ""

    def features(self) -> str:
        return (f"tense={self.tense} polarity={self.polarity} polite={'yes' if self.polite else 'no'} "
                f"actor={self.actor} modality={','.join(self.modality) or '-'} "
                f"time={','.join(self.times) or '-'}")

    def to_json(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


class SentenceView:
    __slots__ = ("text", "start", "line", "is_context", "tokens", "columns", "concepts", "clauses")

    def __init__(self, doc: Document, sentence, concepts: list[tuple[str, int, int]],
                 clauses: list[ClauseView]) -> None:
        self.text, self.start, self.line = sentence.text, sentence.start, sentence.line
        self.is_context = sentence.is_context
        self.tokens: list[Token] = sentence.tokens
        self.columns = [doc.position(t.start)[1] for t in self.tokens]  # 1-based, in its line
        self.concepts = concepts  # (name, start, end): document offsets
        self.clauses = clauses

    def to_json(self) -> dict:
        return {
            "text": self.text, "start": self.start, "line": self.line, "isContext": self.is_context,
            "tokens": [dict(t._asdict(), column=c) for t, c in zip(self.tokens, self.columns)],
            "concepts": [{"concept": n, "start": s, "end": e, "text": self.text[s - self.start:e - self.start]}
                         for n, s, e in self.concepts],
            "clauses": [c.to_json() for c in self.clauses],
        }


def analyze_text(text: str, rule_dirs: list | None = None) -> list[SentenceView]:
    """The sentences of a reply as the rules see them. Context sentences (quotes, signature)
    are listed with their tokens only: no rule reads them."""
    if not vocabulary.CONCEPTS or rule_dirs:
        from .loader import builtin_rules_dir, load_vocabulary

        load_vocabulary([builtin_rules_dir(), *(rule_dirs or [])], prove=False)
    concepts = vocabulary.CONCEPTS
    times = {cls: concepts[name] for cls, name in TIME_CONCEPTS.items() if name in concepts}
    doc = Document(text)
    out = []
    for sentence in doc.sentences:
        if sentence.is_context:
            out.append(SentenceView(doc, sentence, [], []))
            continue
        found = sorted((s, e, name) for name, c in concepts.items() for s, e in c.spans(sentence))
        clauses = sentence.clauses
        attached = attached_times(sentence, times) if len(times) == len(TIME_CONCEPTS) else [set()] * len(clauses)
        views = [ClauseView(c, text[c.start:c.end], t) for c, t in zip(clauses, attached)]
        out.append(SentenceView(doc, sentence, [(name, s, e) for s, e, name in found], views))
    return out
