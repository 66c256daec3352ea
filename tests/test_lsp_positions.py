"""Offsets <-> LSP positions, against an independent count of UTF-16 / UTF-8 units."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

pytest.importorskip("lsprotocol", reason="the language server needs the lsp extra")

from yoshinani_lint.lsp.positions import PositionMap  # noqa: E402

CHARS = st.sampled_from(list("あ漢aZ 。😀𠮷🙇\u200d♀\ufe0f\r\n\t"))


def reference(text: str, offset: int, codec: str, unit: int) -> tuple[int, int]:
    lines = text[:offset].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return len(lines) - 1, len(lines[-1].encode(codec)) // unit


@given(st.text(CHARS, max_size=40), st.data())
@pytest.mark.parametrize("encoding, codec, unit", [("utf-16", "utf-16-le", 2), ("utf-8", "utf-8", 1),
                                                   ("utf-32", "utf-32-le", 4)])
def test_offsets_and_positions_agree_with_the_encoding(encoding, codec, unit, text, data):
    positions = PositionMap(text, encoding)
    offset = data.draw(st.integers(0, len(text)))
    if text[offset - 1:offset + 1] == "\r\n" and offset > 0:
        offset -= 1  # LSP has no position between CR and LF
    line, column = positions.position(offset)
    assert (line, column) == reference(text, offset, codec, unit)
    assert positions.offset(line, column) == offset


def test_a_column_past_the_line_end_is_the_line_end():
    positions = PositionMap("すみません\r\n次の行")
    assert positions.offset(0, 99) == 5
    assert positions.offset(9, 0) == len("すみません\r\n次の行")
    assert positions.offset(0, 1) == 1
