"""A checker for rewritten text: does each inserted or replaced piece join its neighbours as
Japanese? Used by the rewrite tests (every bad example and corpus draft goes through
`rewrite`; the output must have no broken join).

    broken_joins("資料は〇月〇日〇時までににお送りします") -> [Join("doubled-particle", ...)]

Three kinds of break, each found where a splice leaves it:
- doubled-particle: the same particle twice in a row (までにに, をを), read from tokens;
- slot-glued: a slot (〇〇, 〇月〇日〇時, △△ …) followed by a conjugation ending or okurigana
  that needs a verb or adjective stem (〇〇く, 〇〇ます, 〇〇れます, 〇〇しく);
- orphaned-okurigana: the tail of a replaced word left after a particle (〜までにく修正, from
  なるべく早く with 早 replaced; 〜までに中に, from 近日中に with 近日 replaced);
- lost-predicate: what is left of a clause whose predicate was replaced: a subject before a
  deadline (繁忙期が〇月〇日〇時までに, from 繁忙期が落ち着いたら), a te-form before のです
  (〇〇が原因でのですが, from よく分からないのですが), a cause before the old marker
  (〇〇が原因でより, from システム上の都合により);
- repeated-sentence: one added sentence twice on a line (two findings, one replacement each);
- two-times: a deadline followed by "at once" (〇月〇日〇時までにすぐに, from 落ち着いたらすぐに).
Slots are filled with a neutral noun before tokenizing, so that the tokenizer reads the text
around them as it would read the filled reply.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from yoshinani_lint.tokens import tokenize

SLOT = re.compile(r"[〇○◯]+月[〇○◯]+日(?:（[〇○◯]）)?(?:[〇○◯]+時)?|([〇○◯△□×●])\1+")
DATE_VALUE, NOUN_VALUE = "3月5日15時", "資料"
# Endings that need a verb or adjective stem: after a noun (or a slot standing for one) they
# are a broken join. 〇〇いたします / 〇〇いただく / 〇〇たち / 〇〇ため are fine.
_GLUED = re.compile(r"(?:しく|しい|しかっ|かった|かっ|ければ|く(?![ださ])|い(?![たただ])|き(?=[^\s、。])|け(?=れ)"
                    r"|ます|ました|ません|た(?![だちめ])|れ(?:る|ます|ない)|られ|せ(?:る|ます)|させ(?:る|ます)|ず(?!つ))")
# The tail of a word whose stem was replaced, stranded after a particle before the next word.
_LOST_PREDICATE = re.compile(r"が(?=[〇○◯]+月)|の(?=[〇○◯]+月[〇○◯]+日[〇○◯]+時までに)|で(?=(?:の|ん)(?:です|でしょう|でござ))|原因で(?=より|よっ|により|によっ)")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]")
_ORPHAN = re.compile(r"(?:に|で)(?:く|い|け|かっ)(?=[\u4e00-\u9fff〇々])")
# A deadline followed by the suffix of the span it replaced: までに中に (from 近日中に).
_STRANDED_SUFFIX = re.compile(r"までに(?:[中内](?![\u4e00-\u9fff])|て(?![ぁ-ゖ]))")  # and までにて (from 折を見て), not までに内容
# A deadline followed by "at once", two times for one act: までにすぐに (from 落ち着いたらすぐに).
_TWO_TIMES = re.compile(r"までに(?:すぐ|直ちに|早急に|即座に)")


class Join(NamedTuple):
    kind: str  # doubled-particle, slot-glued, orphaned-okurigana, lost-predicate, repeated-sentence, two-times
    offset: int  # where in the text
    snippet: str  # a few characters around it, to read in a failure message


def _snippet(text: str, offset: int) -> str:
    return text[max(0, offset - 6):offset + 8]


def fill(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with every slot filled by a sample value, and the filled spans."""
    out, spans, pos = [], [], 0
    length = 0
    for m in SLOT.finditer(text):
        out.append(text[pos:m.start()])
        length += m.start() - pos
        value = DATE_VALUE if "月" in m.group(0) else NOUN_VALUE
        spans.append((length, length + len(value), m.start(), m.end()))
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def broken_joins(text: str) -> list[Join]:
    joins: list[Join] = []
    for m in SLOT.finditer(text):
        after = _GLUED.match(text, m.end())
        if after:
            joins.append(Join("slot-glued", m.end(), _snippet(text, m.end())))
    for m in _ORPHAN.finditer(text):
        joins.append(Join("orphaned-okurigana", m.start() + 1, _snippet(text, m.start())))
    for m in _STRANDED_SUFFIX.finditer(text):
        joins.append(Join("orphaned-okurigana", m.start() + 3, _snippet(text, m.start())))
    for m in _LOST_PREDICATE.finditer(text):
        joins.append(Join("lost-predicate", m.start(), _snippet(text, m.start())))
    for m in _TWO_TIMES.finditer(text):
        joins.append(Join("two-times", m.start() + 3, _snippet(text, m.start())))
    # a sentence (not a short set phrase) that a line already holds
    seen: set[tuple[int, str]] = set()
    for m in _SENTENCE.finditer(text):
        key = (text.count("\n", 0, m.start()), m.group().strip())
        if len(key[1]) >= 8 and key in seen:
            joins.append(Join("repeated-sentence", m.start(), _snippet(text, m.start())))
        seen.add(key)
    filled, spans = fill(text)
    tokens = tokenize(filled, 0)
    for before, after in zip(tokens, tokens[1:]):
        if (before.pos.startswith("助詞") and after.pos.startswith("助詞") and before.surface == after.surface
                and before.end == after.start):
            joins.append(Join("doubled-particle", _original(after.start, spans), _snippet(filled, after.start)))
    return sorted(joins, key=lambda j: j.offset)


def _original(offset: int, spans: list[tuple[int, int, int, int]]) -> int:
    """An offset in the filled text mapped back into the text."""
    shift = 0
    for start, end, old_start, old_end in spans:
        if offset >= end:
            shift = old_end - end
        elif offset >= start:
            return old_start
    return offset + shift


# What a writer would put into the slots `rewrite` leaves: the rewrite tests fill them with
# these before checking the result again.
SAMPLE_VALUES = [(re.compile(r"〇+月〇+日(?:（〇）)?〇+時"), "12月3日15時"), (re.compile(r"〇+月〇+日"), "12月3日"),
                 (re.compile("〇〇"), "書き出し設定"), (re.compile("△△"), "作業"), (re.compile("□□"), "別の方法")]


def fill_slots(text: str) -> str:
    for slot, value in SAMPLE_VALUES:
        text = slot.sub(value, text)
    return text
