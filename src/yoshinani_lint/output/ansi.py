"""Colour for a terminal with plain ANSI escape codes (SGR), for ``check`` and ``fix``.

The report needs a few styles (bold, red, yellow, cyan, magenta, green, reverse); Rich draws
them too, but ``import rich.console`` alone costs 50-70 ms on a 2-core machine, more than the
rest of a cold check, so the coloured run took 1.6x the plain one. These few lines cost
nothing. (``rewrite``'s coloured diff still uses Rich: it is not on the hot path.)
"""

from __future__ import annotations

_CODES = {"bold": "1", "reverse": "7", "red": "31", "green": "32", "yellow": "33", "magenta": "35",
          "cyan": "36"}


def styled(text: str, style: str) -> str:
    """``text`` in ``style`` (space-separated names, e.g. "bold red"), reset after it."""
    if not style or not text:
        return text
    return f"\x1b[{';'.join(_CODES[name] for name in style.split())}m{text}\x1b[0m"
