"""Morphological tokens (fugashi + unidic-lite) with character spans into the document."""

from __future__ import annotations

from dataclasses import dataclass

_tagger = None


@dataclass(slots=True, frozen=True)
class Token:
    start: int
    end: int
    surface: str
    lemma: str  # dictionary form; UniDic's "-english" gloss on loanwords is dropped
    pos: str  # part of speech levels 1-4 joined with "-", without "*" levels
    ctype: str  # conjugation type, "" when none
    cform: str  # conjugation form, "" when none
    reading: str

    @property
    def pos_levels(self) -> tuple[str, ...]:
        return tuple(self.pos.split("-"))


def tagger():
    """One tagger per process, created on first use: it is the costliest object we build."""
    global _tagger
    if _tagger is None:
        import fugashi

        _tagger = fugashi.Tagger()
    return _tagger


def _clean(value: str | None) -> str:
    return "" if value in (None, "*") else value


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Tokens of one line of text; spans are offset by ``base``."""
    tokens = []
    cursor = 0
    for word in tagger()(text):
        surface = word.surface
        found = text.find(surface, cursor)
        start = found if found >= 0 else cursor
        end = start + len(surface)
        cursor = end
        f = word.feature
        lemma = _clean(f.lemma) or surface
        if "-" in lemma and lemma.split("-", 1)[1].isascii():
            lemma = lemma.split("-", 1)[0]
        pos = "-".join(p for p in (f.pos1, f.pos2, f.pos3, f.pos4) if p and p != "*")
        tokens.append(
            Token(
                base + start,
                base + end,
                surface,
                lemma,
                pos,
                _clean(f.cType),
                _clean(f.cForm),
                _clean(f.kana),
            )
        )
    return tokens
