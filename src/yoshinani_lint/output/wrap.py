"""Line breaking for Japanese in a terminal: east-asian width aware, with 禁則処理.

A line may not start with closing brackets, 、。, ！？, small kana or the prolonged sound
mark, nor end with an opening bracket; latin words and numbers are not split. Where no
allowed break fits, a single closing mark hangs past the margin (ぶら下げ) rather than
start a line.
"""

from __future__ import annotations

import unicodedata

# 行頭禁則: never at the start of a line
NO_START = frozenset("、。，．,.)）」』】〕］]｝}〉》〙〗!！?？:：;；・ー～〜…‥ゝゞヽヾ々"
                     "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ%％")
# 行末禁則: never at the end of a line
NO_END = frozenset("(（「『【〔［[｛{〈《〘〖")


def char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def _word_char(char: str) -> bool:
    # latin letters and digits, half- or full-width: one word, never split
    return char.isascii() and char.isalnum() or "０" <= char <= "９" or "Ａ" <= char <= "ｚ"


def can_break(text: str, i: int) -> bool:
    """May a line end between text[i-1] and text[i]?"""
    before, after = text[i - 1], text[i]
    if after in " \t" or before in " \t":
        return after not in NO_START
    if after in NO_START or before in NO_END:
        return False
    return not (_word_char(before) and _word_char(after))


def wrap(text: str, width: int | None, indent: int = 0, first: int | None = None) -> list[tuple[int, int]]:
    """Break ``text`` into lines of at most ``width`` columns, as (start, end) ranges.

    ``first``: columns already used on the first line (its prefix); ``indent``: columns of
    the prefix of every following line. ``width`` None: one line. Spaces at a break are dropped.
    """
    if width is None or not text:
        return [(0, len(text))]
    first = indent if first is None else first
    width = max(width, indent + 10)  # a very narrow terminal still gets words
    lines = []
    start, col, last_break = 0, first, None
    i = 0
    while i < len(text):
        w = char_width(text[i])
        if i > start and can_break(text, i):
            last_break = i
        if col + w > width and i > start:
            if last_break is not None and last_break > start:
                cut = last_break
            elif text[i] in NO_START:  # nowhere to break: let the mark hang past the margin
                cut = i + 1
            else:
                cut = i
            lines.append((start, cut))
            start = cut
            while start < len(text) and text[start] in " \t":
                start += 1
            col, i, last_break = indent, start, None
            continue
        col += w
        i += 1
    if start < len(text) or not lines:
        lines.append((start, len(text)))
    return lines
