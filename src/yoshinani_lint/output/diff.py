"""A coloured, line-by-line diff of a rewrite, with the changed words highlighted."""

from __future__ import annotations

import difflib


def render_diff(console, old: str, new: str, name: str) -> None:
    from rich.text import Text

    console.print(Text(f"--- {name}（元の文面）\n+++ {name}（書き換え案）", style="bold"))
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for line in old_lines[i1:i2]:
                console.print(Text("  " + line, style="dim"))
            continue
        pairs = list(zip(old_lines[i1:i2], new_lines[j1:j2])) if tag == "replace" else []
        if pairs and len(pairs) == i2 - i1 == j2 - j1:
            for before, after in pairs:
                console.print(_words(before, after, "-", "red"))
                console.print(_words(after, before, "+", "green"))
            continue
        for line in old_lines[i1:i2]:
            console.print(Text("- " + line, style="red"))
        for line in new_lines[j1:j2]:
            console.print(Text("+ " + line, style="green"))


def _words(line: str, other: str, sign: str, color: str):
    """The line with the characters that differ from ``other`` in reverse video."""
    from rich.text import Text

    text = Text(f"{sign} ", style=color)
    matcher = difflib.SequenceMatcher(None, line, other, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        text.append(line[i1:i2], style=color if tag == "equal" else f"bold {color} reverse")
    return text
