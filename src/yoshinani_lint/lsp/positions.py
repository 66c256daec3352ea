"""Character offsets (what findings carry) <-> LSP positions (line, column in code units).

LSP counts columns in UTF-16 code units by default: an emoji or a rare kanji outside the BMP
(𠮷) is one character for us and two units for the editor. The client may negotiate UTF-8 or
UTF-32 instead. A map is built once per document version and answers both directions.
"""

from __future__ import annotations

import bisect
import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line breaks LSP recognises
_ASCII = re.compile(r"[\x00-\x7f]*")


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-32" or _ASCII.fullmatch(text):
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class PositionMap:
    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text, self.encoding = text, encoding
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        # a line's text, without its line break: where columns are counted
        ends = [m.start() for m in _LINE_BREAK.finditer(text)] + [len(text)]
        self.line_ends = ends

    def position(self, offset: int) -> tuple[int, int]:
        """(0-based line, column in code units) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        offset = min(offset, self.line_ends[line])  # never inside a CRLF
        return line, _units(self.text[start:offset], self.encoding)

    def offset(self, line: int, column: int) -> int:
        """The character offset of an LSP position; past the end of a line is its end, as
        the specification says, and a column inside a surrogate pair rounds down."""
        if line < 0:
            return 0
        if line >= len(self.line_starts):
            return len(self.text)
        start, end = self.line_starts[line], self.line_ends[line]
        if self.encoding == "utf-32" or _ASCII.fullmatch(self.text, start, end):
            return min(start + max(column, 0), end)
        units = 0
        for index in range(start, end):
            units += _units(self.text[index], self.encoding)
            if units > column:
                return index
        return end
