"""Morphological tokens (fugashi + unidic-lite) with character spans into the document."""

from __future__ import annotations

from collections import namedtuple

from .sre_cache import lazy

_tagger = None
_fast = True  # the tagger prints the fields we need in our own format (see tagger())

# MeCab node format: surface, pron, orthBase, lemma, pos (levels joined by "-", "*" levels
# left out), cType, cForm. Our own format rather than unidic-lite's default, so that orthBase
# (いただけ → いただける, where the lemma folds it into 頂く) is there without the node API,
# which is ~3x slower. (fugashi splits the arguments like a shell: "\\t" reaches MeCab as \t.)
_FORMAT = (r'-O "" --node-format=%m\\t%f[9]\\t%f[10]\\t%f[7]\\t%F-[0,1,2,3]\\t%f[4]\\t%f[5]\\n'
           r' --unk-format=%m\\t\\t\\t\\t%F-[0,1,2,3]\\t\\t\\n --eos-format=EOS\\n')


class Token(namedtuple("Token", "start end surface lemma pos ctype cform reading orth")):
    """start, end: character offsets; lemma: dictionary form (UniDic's "-gloss" dropped:
    私-代名詞 → 私); pos: part of speech levels 1-4 joined with "-", without "*" levels;
    ctype, cform: conjugation type and form ("" when none); reading: pronunciation, katakana;
    orth: UniDic's orthBase, the written base form of this very word (いただけ → いただける)."""

    __slots__ = ()


def tagger():
    """One tagger per process, created on first use: it is the costliest object we build."""
    global _tagger, _fast
    if _tagger is None:
        import fugashi

        try:
            _tagger = fugashi.Tagger(_FORMAT)
            _fast = _tagger.parse("了解しました").split("\n")[0].count("\t") == 6
        except RuntimeError:  # a dictionary with other fields: use the (slower) node API
            _tagger, _fast = fugashi.Tagger(), False
        if not _fast:
            _tagger = fugashi.Tagger()
    return _tagger


def _lemma(lemma: str, surface: str) -> str:
    # UniDic tells homographs apart with a gloss after "-": コンピューター-computer,
    # 私-代名詞. Rules name the word, not the gloss.
    lemma = lemma or surface
    if "-" in lemma:
        head = lemma.split("-", 1)[0]
        if head:
            return head
    return lemma


# MeCab's work grows with the line and it crashes (a segmentation fault, not an exception) on
# a line of about a million characters; its C strings also end at NUL, and fugashi cannot
# encode a lone surrogate. So a line is fed in chunks of at most this many characters, cut
# after a space or punctuation where there is one, and unencodable characters are replaced
# by one character each (spans stay those of the original text).
_CHUNK = 2048
_CUT_AFTER = lazy(r"[、，,。．.！？!?\s　）」』】]")
_UNPARSABLE = lazy("[\x00\ud800-\udfff]")


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Tokens of one line of text; spans are offset by ``base``."""
    if _UNPARSABLE.search(text):
        text = _UNPARSABLE.sub(lambda m: " " if m.group() == "\x00" else "\ufffd", text)
    if len(text) <= _CHUNK:
        tokens = _tokenize_chunk(text, base)
        return _drawn_out_masu(tokens) if "まーす" in text else tokens
    tokens = []
    pos = 0
    while pos < len(text):
        end = min(pos + _CHUNK, len(text))
        if end < len(text):
            # the last cut point in the second half of the chunk, so a word is rarely split
            cut = None
            for m in _CUT_AFTER.finditer(text, pos + _CHUNK // 2, end):
                cut = m.end()
            end = cut or end
        tokens.extend(_tokenize_chunk(text[pos:end], base + pos))
        pos = end
    return _drawn_out_masu(tokens) if "まーす" in text else tokens


def _drawn_out_masu(tokens: list[Token]) -> list[Token]:
    """確認しまーす: UniDic reads the drawn-out ます as a filler まー and です's す, which breaks
    the verb's predicate (no promise, no polite form). The two become one ます, spelled as
    written (でーす needs nothing: UniDic knows it)."""
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if (tok.surface == "す" and tok.lemma == "です" and prev is not None and prev.surface == "まー"
                and prev.end == tok.start and len(out) > 1):
            before = out[-2]
            if before.surface == "し" and before.pos == "助詞-接続助詞":
                # お送りしまーす: UniDic reads this し as the particle (〜し、〜し): it is する
                before = out[-2] = Token(before.start, before.end, "し", "為る", "動詞-非自立可能", "サ行変格",
                                         "連用形-一般", "シ", "する")
            if before.cform.startswith("連用形"):
                out[-1] = Token(prev.start, tok.end, "まーす", "ます", "助動詞", "助動詞-マス", "終止形-一般",
                                "マース", "ます")
                continue
        out.append(tok)
    return out


_INTERNED: dict[str, str] = {}
_LEMMAS: dict[str, str] = {}  # UniDic's lemma -> ours (its "-gloss" dropped), interned
# Speed: the tagger's output row of a word -> its token fields. The same words (ます, 。,
# お世話) recur in every reply, so most rows are split and cleaned once per process (the
# Python side of tokenizing 1,000 generated replies: 0.19 -> 0.13 s). Bounded, so a long
# draft of ever new words does not grow it without end.
_ROWS: dict[str, tuple[str, ...]] = {}
_MAX_ROWS = 20_000


def _tokenize_chunk(text: str, base: int) -> list[Token]:
    """Parsing to text and splitting it is ~3x faster than building fugashi's node objects."""
    t = tagger()
    tokens = []
    cursor = 0
    find = text.find
    # tuple.__new__ straight from C: the namedtuple's own __new__ is a Python function, and a
    # Token is made for every word (~15% of tokenizing on the benchmark's replies)
    new = tuple.__new__
    # One string object per distinct field value: a word's pos, conjugation, reading and
    # lemma recur in every sentence, and a fresh copy for each token was most of a long
    # draft's memory (100 KB of prose: 25 of 76 MiB).
    same = _INTERNED.setdefault
    if _fast:
        rows = _ROWS
        for row in t.parse(text).split("\n"):
            fields = rows.get(row)
            if fields is None:
                cols = row.split("\t")
                if len(cols) != 7:
                    continue  # EOS
                surface, pron, orth, lemma, pos, ctype, cform = cols
                surface = same(surface, surface)
                if lemma:
                    lemma = _LEMMAS.get(lemma) or _LEMMAS.setdefault(lemma, same(_lemma(lemma, surface), _lemma(lemma, surface)))
                fields = (surface, lemma or surface, same(pos, pos), same(ctype, ctype), same(cform, cform),
                          same(pron, pron), same(orth, orth) if orth else surface)
                if len(rows) < _MAX_ROWS:
                    rows[row] = fields
            surface = fields[0]
            found = find(surface, cursor)
            start = found if found >= 0 else cursor
            cursor = start + len(surface)
            tokens.append(new(Token, (base + start, base + cursor, *fields)))
        return tokens
    for word in t(text):
        surface = word.surface
        found = find(surface, cursor)
        start = found if found >= 0 else cursor
        cursor = start + len(surface)
        f = word.feature
        pos = "-".join(p for p in (f.pos1, f.pos2, f.pos3, f.pos4) if p and p != "*")
        tokens.append(Token(base + start, base + cursor, surface, _lemma(_clean(f.lemma), surface), pos,
                            _clean(f.cType), _clean(f.cForm), _clean(f.pron),
                            _clean(getattr(f, "orthBase", None)) or surface))
    return tokens


def _clean(value: str | None) -> str:
    return "" if value in (None, "*") else value
