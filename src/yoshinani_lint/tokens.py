"""Morphological tokens (fugashi + unidic-lite) with character spans into the document."""

from __future__ import annotations

from collections import namedtuple

_tagger = None
_fast = True  # unidic-lite's text output carries every field we need (see tokenize)


class Token(namedtuple("Token", "start end surface lemma pos ctype cform reading")):
    """start, end: character offsets; lemma: dictionary form (UniDic's "-english" gloss on
    loanwords dropped); pos: part of speech levels 1-4 joined with "-", without "*" levels;
    ctype, cform: conjugation type and form ("" when none); reading: pronunciation, katakana."""

    __slots__ = ()


def tagger():
    """One tagger per process, created on first use: it is the costliest object we build."""
    global _tagger, _fast
    if _tagger is None:
        import fugashi

        _tagger = fugashi.Tagger()
        # unidic-lite's output format: surface, pron, kana, lemma, pos, ctype, cform, accent.
        # Another dictionary may print something else: then use the (slower) node API.
        _fast = _tagger.parse("了解しました").split("\n")[0].count("\t") == 7
    return _tagger


def _lemma(lemma: str, surface: str) -> str:
    lemma = lemma or surface
    if "-" in lemma:
        head, gloss = lemma.split("-", 1)
        if gloss.isascii() and head:
            return head
    return lemma


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Tokens of one line of text; spans are offset by ``base``.

    Parsing to text and splitting it is ~3x faster than building fugashi's node objects."""
    t = tagger()
    tokens = []
    cursor = 0
    find = text.find
    if _fast:
        for row in t.parse(text).split("\n"):
            cols = row.split("\t")
            if len(cols) != 8:
                continue  # EOS
            surface, pron, _kana_base, lemma, pos, ctype, cform, _accent = cols
            found = find(surface, cursor)
            start = found if found >= 0 else cursor
            cursor = start + len(surface)
            tokens.append(Token(base + start, base + cursor, surface, _lemma(lemma, surface), pos,
                                ctype, cform, pron))
        return tokens
    for word in t(text):
        surface = word.surface
        found = find(surface, cursor)
        start = found if found >= 0 else cursor
        cursor = start + len(surface)
        f = word.feature
        pos = "-".join(p for p in (f.pos1, f.pos2, f.pos3, f.pos4) if p and p != "*")
        tokens.append(Token(base + start, base + cursor, surface, _lemma(_clean(f.lemma), surface), pos,
                            _clean(f.cType), _clean(f.cForm), _clean(f.pron)))
    return tokens


def _clean(value: str | None) -> str:
    return "" if value in (None, "*") else value
