"""Reading drafts: files, directories and standard input, decoded without losing anything."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import InputError

DRAFT_SUFFIXES = (".txt", ".md")
# Folders a draft never lives in: VCS metadata, dependencies, virtual environments.
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox",
             ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages"}


@dataclass(slots=True)
class Source:
    name: str  # as given by the user, "-" for standard input
    text: str  # decoded, BOM removed, line endings as in the file
    encoding: str  # the codec that reads (and writes back) the body, without its BOM
    bom: bool
    raw: bytes = b""  # what was read, to refuse a write if the file changed meanwhile

    def encode(self, text: str) -> bytes:
        """The text as the file had it: same encoding, same BOM (line endings live in text)."""
        body = text.encode(self.encoding)
        return (_BOMS[self.encoding] if self.bom else b"") + body


_BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


def decode(data: bytes, name: str) -> Source:
    for encoding, bom in _BOMS.items():
        if data.startswith(bom):
            return Source(name, _strict(data[len(bom):], encoding, name), encoding, True, data)
    if b"\x00" in data:
        raise InputError(name, "バイナリファイルのようです（NUL バイトを含みます）。テキストの下書きを指定してください")
    return Source(name, _strict(data, "utf-8", name), "utf-8", False, data)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"{encoding.upper()} として読めません（{exc.start} バイト目）。文字コードを確認してください"
        ) from None
    return text


def read_source(name: str) -> Source:
    if name == "-":
        return decode(sys.stdin.buffer.read(), "-")
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(name, "ファイルが見つかりません") from None
    except IsADirectoryError:
        raise InputError(name, "ディレクトリです") from None
    except PermissionError:
        raise InputError(name, "読み取り権限がありません") from None
    except OSError as exc:
        raise InputError(name, f"読み込めません（{exc.strerror or exc}）") from None
    return decode(data, name)


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files as given; directories walked for drafts in a stable order; "-" kept as is."""
    for name in paths:
        if name != "-" and os.path.isdir(name):
            yield from _walk(name)
        else:
            yield name


def _walk(top: str) -> Iterator[str]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for file in sorted(files):
            if file.endswith(DRAFT_SUFFIXES):
                yield os.path.join(root, file)
