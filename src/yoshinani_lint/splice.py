"""Where a rewrite's new words meet the old ones: joins a Japanese reader accepts.

A rule marks characters (a regex may stop inside a word: なるべく早 of なるべく早く), but a
replacement stands for a phrase. So before a replacement goes in:
- its span is widened to whole tokens (なるべく早く, not なるべく早 + an orphaned く);
- a particle it ends with absorbs the same particle after it (〇月〇日〇時までに + に);
  に before の becomes の's own job (〇月〇日〇時までにの → 〇月〇日〇時までの);
- a slot (〇〇) it ends with never meets a conjugation ending: before ます / た the slot
  gets the verb いたし (〇〇いたします), other endings are taken into the span.
Pure functions over a sentence's tokens (document offsets).
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .tokens import Token

# What `rewrite` leaves for the writer to fill in (rewrite.py lists them).
SLOT = re.compile(r"〇+月〇+日(?:（〇）)?(?:〇+時)?|〇〇|△△|□□")
_ENDS_WITH_SLOT = re.compile(r"(?:〇〇|△△|□□)$")
# Endings that need a verb stem (連用形 / 未然形): after a noun slot they are a broken join.
_STEM_ENDINGS = {"ます", "た", "ない", "ぬ", "れる", "られる", "せる", "させる", "たい", "ず"}
_TAKES_ITASHI = {"ます", "た", "たい"}  # 〇〇いたします, 〇〇いたしました, 〇〇いたしたく


def snap(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """The span widened to the boundaries of the tokens it cuts into."""
    for t in tokens:
        if t.start < start < t.end:
            start = t.start
        if t.start < end < t.end:
            end = t.end
    return start, end


def join(tokens: list[Token], end: int, text: str) -> tuple[int, str]:
    """The replacement ``text`` for a span ending at ``end``, made to join what follows:
    returns the (possibly later) end of the span and the (possibly changed) text."""
    following = [t for t in tokens if t.start >= end]
    if not following or following[0].start != end:
        return end, text
    nxt = following[0]
    if _is_particle(nxt) and text.endswith(nxt.surface):
        return nxt.end, text  # までに + に: the old particle goes, the new one stays
    if text.endswith("に") and nxt.surface == "の" and nxt.pos.startswith("助詞"):
        return end, text[:-1]  # までにの → までの
    if _ENDS_WITH_SLOT.search(text) and _is_stem_ending(nxt):
        if nxt.lemma in _TAKES_ITASHI:
            return end, text + "いたし"
        for t in following:
            if not _is_stem_ending(t) and not t.pos.startswith("助動詞"):
                break
            end = t.end
    return end, text


def _is_particle(t: Token) -> bool:
    # に of 早めに is the copula's 連用形 (助動詞), read as the particle it sounds like
    return t.pos.startswith("助詞") or (t.pos.startswith("助動詞") and t.surface == "に")


def _is_stem_ending(t: Token) -> bool:
    return t.pos.startswith("助動詞") and t.lemma in _STEM_ENDINGS
