"""Literal prefilters for regular expressions.

Most rule patterns are built around words (申し訳, 後ほど, できません ...). From a pattern's
syntax tree we derive a set of strings such that every match contains at least one of them;
a text that contains none of them cannot match, so the regex is not even compiled or run.
This is what keeps hundreds of patterns cheap on a short reply (the same idea as RE2's and
ripgrep's literal prefilters).
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812  (sre internals: stable across 3.11-3.13)
from re import _parser

# Sets larger than this are not worth checking one by one.
MAX_LITERALS = 256


def required_literals(source: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings one of which every match contains, or None when no such set is known."""
    try:
        tree = _parser.parse(source, flags)
    except re.error:
        return None
    if tree.state.flags & re.IGNORECASE:
        return None
    found = _sequence(list(tree))
    if not found or len(found) > MAX_LITERALS or any(not s for s in found):
        return None
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


# Endings and particles found in nearly every polite sentence: poor evidence for a match.
_COMMON = frozenset("ます です ました でした ません ください いたし いただ させて して した "
                    "って ので から こと もの よう ござい おり あり なり ない いる ある".split())


def _char_weight(c: str) -> float:
    if "\u3040" <= c <= "\u309f":  # hiragana
        return 1.0
    if "\u30a0" <= c <= "\u30ff":  # katakana
        return 2.0
    if "\u4e00" <= c <= "\u9fff":  # kanji
        return 3.0
    if c.isalnum():
        return 2.0
    return 0.5  # punctuation and symbols: in every sentence


def _rarity(literal: str) -> float:
    """A rough guess of how seldom a literal occurs in Japanese prose (higher: rarer)."""
    score = sum(_char_weight(c) for c in literal)
    return score * 0.3 if literal in _COMMON else score


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirement sets: the one whose most common member is
    rarest, then the smaller one. Either is correct; the choice only decides the speed."""
    if a is None:
        return b
    if b is None:
        return a
    key_a = (min(map(_rarity, a)), -len(a))
    key_b = (min(map(_rarity, b)), -len(b))
    return a if key_a >= key_b else b


def _sequence(items) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue  # zero-width: requires nothing of the match, and does not break it
        best = _better(best, _item(op, av))
    if run:
        best = _better(best, frozenset(["".join(run)]))
    return best


def _item(op, av) -> frozenset[str] | None:
    if op is C.SUBPATTERN:
        if av[1] & re.IGNORECASE:  # (?i:...): literals of either case would be needed
            return None
        return _sequence(list(av[3]))
    if op is C.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            sub = _sequence(list(branch))
            if sub is None:
                return None
            out |= sub
        return frozenset(out) if len(out) <= MAX_LITERALS else None
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        return _sequence(list(sub)) if low >= 1 else None
    if op is C.IN:
        chars: list[str] = []
        for o, v in av:
            if o is C.LITERAL:
                chars.append(chr(v))
            elif o is C.RANGE and v[1] - v[0] < 32:  # 0-9, ０-９: a few characters
                chars.extend(chr(x) for x in range(v[0], v[1] + 1))
            else:
                return None
        return frozenset(chars) if 0 < len(chars) <= 48 else None
    return None
