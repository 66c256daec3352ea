"""Reading drafts: files, directories and standard input, decoded without losing anything."""

from __future__ import annotations

import codecs
import os
import sys
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable, Iterator

from .errors import InputError

DRAFT_SUFFIXES = (".txt", ".md", ".eml")
# Folders a draft never lives in: VCS metadata, dependencies, virtual environments.
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox",
             ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages"}


class Source:
    __slots__ = ("name", "text", "encoding", "bom", "raw", "read_only")

    def __init__(self, name: str, text: str, encoding: str, bom: bool, raw: bytes = b"",
                 read_only: str = "") -> None:
        self.name = name  # as given by the user, "-" for standard input
        self.text = text  # decoded, BOM removed, line endings as in the file
        self.encoding = encoding  # the codec that reads (and writes back) the body, no BOM
        self.bom = bom
        self.raw = raw  # what was read, to refuse a write if the file changed meanwhile
        self.read_only = read_only  # why this source must never be written back, or ""

    def encode(self, text: str) -> bytes:
        """The text as the file had it: same encoding, same BOM (line endings live in text).

        Every character that `text` shares with what was read keeps its original bytes, so a
        fix changes the fixed spans and nothing else. A replacement the file's encoding cannot
        hold is an InputError: writing "?" or mojibake into a client reply is worse than no fix.
        """
        if self.read_only:
            raise InputError(self.name, self.read_only)
        bom = _BOMS[self.encoding] if self.bom else b""
        original = self.raw[len(bom):] if self.raw.startswith(bom) else b""
        try:
            if not original or _encodes_back(self.text, original, self.encoding):
                body = text.encode(self.encoding)
            else:
                body = _splice(self.text, original, text, self.encoding)
        except UnicodeEncodeError as exc:
            char = exc.object[exc.start]
            raise InputError(self.name, f"修正後の「{char}」（U+{ord(char):04X}）を {_label(self.encoding)} で"
                                        "書けないため、書き込みませんでした") from None
        if body is None:
            raise InputError(self.name, f"{_label(self.encoding)} の元のバイト列を保ったまま書き戻せないため、"
                                        "書き込みませんでした")
        return bom + body


_BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


def _encodes_back(text: str, original: bytes, encoding: str) -> bool:
    try:
        return text.encode(encoding) == original
    except UnicodeEncodeError:
        return False


def _splice(old: str, original: bytes, new: str, encoding: str) -> bytes | None:
    """`new` encoded, reusing the original bytes of every run of characters it shares with `old`.

    Needed because decoding is not always inverted by encoding: CP932 has duplicate codes
    (NEC and IBM extensions), and Python's cp932 writes 髙 (FB FC when Windows saved it) as
    EE E0. Re-encoding the whole text would silently rewrite such characters all over a file.
    None when the result would not read back as `new` (e.g. a stateful codec's escapes).
    """
    import difflib

    bounds = _char_bounds(original, encoding)
    if bounds is None or len(bounds) != len(old) + 1:
        return None
    parts = []
    # Lines first, then characters inside changed lines. Fixes replace words and keep the
    # lines, so pairing lines one to one is linear; only otherwise are lines diffed.
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    old_at, new_at = _offsets(old_lines), _offsets(new_lines)
    if len(old_lines) == len(new_lines):
        opcodes = [("equal" if a == b else "replace", i, i + 1, i, i + 1)
                   for i, (a, b) in enumerate(zip(old_lines, new_lines))]
    else:
        opcodes = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        a0, a1, b0, b1 = old_at[i1], old_at[i2], new_at[j1], new_at[j2]
        if tag == "equal":
            parts.append(original[bounds[a0]:bounds[a1]])
            continue
        chars = difflib.SequenceMatcher(None, old[a0:a1], new[b0:b1], autojunk=False)
        for ctag, k1, k2, m1, m2 in chars.get_opcodes():
            if ctag == "equal":
                parts.append(original[bounds[a0 + k1]:bounds[a0 + k2]])
            else:
                parts.append(new[b0 + m1:b0 + m2].encode(encoding))
    body = b"".join(parts)
    try:
        return body if body.decode(encoding) == new else None
    except UnicodeDecodeError:
        return None


def _offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return offsets


def _char_bounds(data: bytes, encoding: str) -> list[int] | None:
    """bounds[i] is the byte offset where character i starts; the last item is len(data)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    bounds = [0]
    try:
        for end in range(1, len(data) + 1):
            bounds.extend([end] * len(decoder.decode(data[end - 1:end])))
        bounds.extend([len(data)] * len(decoder.decode(b"", final=True)))
    except UnicodeDecodeError:
        return None
    return bounds


def decode(data: bytes, name: str, encoding: str | None = None) -> Source:
    """Decode a draft: `encoding` if given, else by BOM, else UTF-8, else CP932 or EUC-JP."""
    if encoding is not None:
        return _decode_forced(data, name, encoding)
    for codec, bom in _BOMS.items():
        if data.startswith(bom):
            return Source(name, _strict(data[len(bom):], codec, name), codec, True, data)
    if b"\x00" in data:
        raise _binary(name, data)
    try:
        return Source(name, data.decode("utf-8"), "utf-8", False, data)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    guess = _guess_legacy(data)
    if guess is None:
        raise InputError(name, "UTF-8・CP932（Shift_JIS）・EUC-JP のいずれとしても読めません"
                               f"（UTF-8 では {utf8_error.start + 1} バイト目）。--encoding で文字コードを指定してください")
    codec, text, score = guess
    if score < 0:
        raise InputError(name, f"文字コードを判定できません（{_label(codec)} として読むと日本語の文章に見えません）。"
                               "--encoding で文字コードを指定してください")
    return Source(name, text, codec, False, data)


# Not UTF-8: a legacy Japanese draft (Notepad's "ANSI" on Japanese Windows, old mailers, EUC
# files from Unix). Strict decoding decides most cases alone: CP932 text with any hiragana
# (lead byte 0x82) is never valid EUC-JP. But EUC-JP text is often *also* valid CP932: its
# bytes 0xA1-0xDF read as half-width katakana and 0xE0-0xFC as lead bytes of rare kanji. So
# when both decode we keep the reading that looks like Japanese prose (_japanese_score):
# hiragana, katakana, punctuation and common kanji count for it; half-width katakana, kanji
# outside JIS X 0208, user-defined characters and C1 controls (what mis-read bytes turn into)
# count against. A tie goes to CP932, the more common of the two. If even the best reading
# scores below zero (a draft of half-width katakana only, Latin-1 read as CP932), we ask for
# --encoding rather than lint mojibake. euc_jis_2004 is tried only when euc_jp fails: it reads
# EUC files that use row 13 (①, ㈱, №: eucJP-ms, CP51932) and reads JIS X 0208 identically.
# Measured on the ~1,600 drafts and ~2,400 lines of tests/corpus and rules/ examples, each
# encoded in CP932 and in EUC-JP: all read back with their own codec. Misreadings appear only
# in fragments with one or two kanji and no kana (an EUC-JP kanji can be valid UTF-8, which
# is tried first). A statistical detector (chardet) would be a new dependency for no gain.
_LEGACY = (("cp932",), ("euc_jp", "euc_jis_2004"))


def _guess_legacy(data: bytes) -> tuple[str, str, int] | None:
    readings = []
    for family in _LEGACY:
        for codec in family:
            try:
                readings.append((codec, data.decode(codec)))
                break
            except UnicodeDecodeError:
                continue
    if not readings:
        return None
    scored = [(codec, text, _japanese_score(text)) for codec, text in readings]
    return max(scored, key=lambda reading: reading[2])  # max keeps the first (cp932) on a tie


def _japanese_score(text: str) -> int:
    return sum(_char_weight(char) for char in text if char >= "\x80")


@lru_cache(maxsize=4096)
def _char_weight(char: str) -> int:
    if "\u3041" <= char <= "\u309f":  # hiragana: the surest sign of Japanese prose
        return 2
    if "\uff61" <= char <= "\uff9f" or "\ue000" <= char <= "\uf8ff" or char <= "\x9f":
        return -1  # half-width katakana, CP932's user-defined area and C1 controls: mojibake
    try:
        euc = char.encode("euc_jp")
    except UnicodeEncodeError:
        try:
            char.encode("cp932")
        except UnicodeEncodeError:
            return 0
        # CP932's own characters: ～ － ∥ ￢, ① ㈱ №, ⅰ count for; its extension kanji against.
        return -1 if "\u4e00" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" else 1
    if len(euc) == 3:  # JIS X 0212: rare kanji only EUC-JP can hold
        return -1
    row = euc[0] - 0xA0
    if row <= 5 or 16 <= row <= 47:  # symbols, full-width alphanumerics, kana; level 1 kanji
        return 1
    return 0  # Greek, Cyrillic, box drawing; level 2 kanji


def _decode_forced(data: bytes, name: str, encoding: str) -> Source:
    codec = codec_name(encoding)
    if codec in _FORCED_BOMS:  # a BOM is kept as found; for "utf-16" it gives the byte order
        for bom_codec in _FORCED_BOMS[codec]:
            if data.startswith(_BOMS[bom_codec]):
                bom = _BOMS[bom_codec]
                return Source(name, _strict(data[len(bom):], bom_codec, name), bom_codec, True, data)
        codec = _FORCED_BOMS[codec][0]
    if b"\x00" in data and not codec.startswith(("utf-16", "utf-32")):
        raise _binary(name)
    return Source(name, _strict(data, codec, name), codec, False, data)


_FORCED_BOMS = {"utf-8": ("utf-8",), "utf-8-sig": ("utf-8",), "utf-16": ("utf-16-le", "utf-16-be"),
                "utf-16-le": ("utf-16-le",), "utf-16-be": ("utf-16-be",)}


def codec_name(name: str) -> str:
    """The Python codec for an encoding name (Windows-31J and MS932 included); LookupError if none."""
    name = {"windows-31j": "cp932", "windows_31j": "cp932", "ms932": "cp932", "ms_kanji": "cp932",
            "x-sjis": "cp932", "eucjp-ms": "euc_jis_2004", "cp51932": "euc_jis_2004",
            }.get(name.strip().lower(), name.strip())
    codec = codecs.lookup(name).name  # LookupError for an unknown name
    "".encode(codec)  # LookupError for codecs that are not text encodings (base64, rot13, ...)
    return codec


def _label(codec: str) -> str:
    return {"cp932": "CP932（Shift_JIS）", "euc_jp": "EUC-JP", "euc_jis_2004": "EUC-JP（JIS X 0213）"
            }.get(codec, codec.upper())


def _binary(name: str, data: bytes = b"") -> InputError:
    utf16 = _bomless_utf16(data)
    if utf16:
        return InputError(name, f"BOM のない {utf16.upper()} のようです。--encoding {utf16} で読めます")
    return InputError(name, "バイナリファイルのようです（NUL バイトを含みます）。テキストの下書きを指定してください")


def _bomless_utf16(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NUL bytes sit on one side of most byte pairs and the
    whole decodes: what Windows tools write without a BOM."""
    head = data[:4096]
    if len(head) < 4:
        return None
    head = head[: len(head) // 2 * 2]
    for codec, nul_at in (("utf-16-le", 1), ("utf-16-be", 0)):
        # Japanese text has NULs only in its ASCII characters (line breaks, digits, spaces).
        if head[nul_at::2].count(0) and not head[1 - nul_at::2].count(0):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if sum(c.isprintable() or c in "\r\n\t" for c in text[:2048]) >= 0.95 * min(len(text), 2048):
                return codec
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"{_label(encoding)} として読めません（{exc.start + 1} バイト目）。文字コードを確認してください"
        ) from None
    return text


# A reply is a few kilobytes; past this a file is a log, a dump or a device, and reading it
# whole would only exhaust memory. 10 MB drafts are still checked (benchmarks/scaling.py).
MAX_DRAFT_BYTES = 64 * 1024 * 1024


def read_source(name: str, encoding: str | None = None) -> Source:
    """A draft by name ("-" for standard input); `encoding` forces a codec instead of guessing."""
    if name == "-":
        return decode(sys.stdin.buffer.read(), "-", encoding)
    data = _read_regular_file(name)
    if name.lower().endswith(".eml"):
        from .email_input import read_eml

        return read_eml(data, name, encoding)
    return decode(data, name, encoding)


def _read_regular_file(name: str) -> bytes:
    """The bytes of a regular file. A FIFO, socket or device named like a draft is refused
    without reading: a FIFO would block forever and /dev/zero never ends."""
    import stat

    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(name, "ファイルが見つかりません") from None
    except IsADirectoryError:
        raise InputError(name, "ディレクトリです") from None
    except PermissionError:
        raise InputError(name, "読み取り権限がありません") from None
    except OSError as exc:
        raise InputError(name, f"読み込めません（{exc.strerror or exc}）") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(name, "ディレクトリです")
        if not stat.S_ISREG(st.st_mode):
            kind = "FIFO" if stat.S_ISFIFO(st.st_mode) else "デバイスなど"
            raise InputError(name, f"通常のファイルではありません（{kind}）。下書きのファイルを指定してください")
        if st.st_size > MAX_DRAFT_BYTES:
            raise InputError(name, f"下書きとしては大きすぎます（{st.st_size // 2**20} MiB、上限 "
                                   f"{MAX_DRAFT_BYTES // 2**20} MiB）")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_DRAFT_BYTES:  # grew while being read
                raise InputError(name, f"下書きとしては大きすぎます（上限 {MAX_DRAFT_BYTES // 2**20} MiB）")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(name, f"読み込めません（{exc.strerror or exc}）") from None
    finally:
        os.close(fd)


def expand_paths(paths: list[str], excluded: Callable[[str], bool] | None = None) -> Iterator[str | InputError]:
    """Files as given; directories walked for drafts in a stable order; "-" kept as is.
    A folder the walk cannot read comes out as an InputError, to be reported like a file.

    `excluded` (the configuration's exclude patterns) prunes what the walk finds; a file
    named on the command line is always read.
    """
    for name in paths:
        if name != "-" and os.path.isdir(name):
            found = False
            for item in _walk(name, excluded or (lambda path: False)):
                found = True
                yield item
            if not found:  # a typo'd folder or the wrong one must not pass as "no problems"
                yield InputError(name, "下書き（*.txt・*.md・*.eml）が見つかりません")
        else:
            yield name


def _walk(top: str, excluded: Callable[[str], bool]) -> Iterator[str | InputError]:
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(top, onerror=unreadable.append):
        while unreadable:
            exc = unreadable.pop()
            yield InputError(exc.filename or root, f"フォルダを読めません（{exc.strerror or exc}）")
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")
                         and not excluded(os.path.join(root, d))
                         and not os.path.exists(os.path.join(root, d, "pyvenv.cfg")))
        for file in sorted(files):
            path = os.path.join(root, file)
            # Binary files and FIFOs named like drafts are yielded too: reading them reports
            # them in one line each, rather than passing over them without a word.
            if file.endswith(DRAFT_SUFFIXES) and not excluded(path):
                yield path
    for exc in unreadable:
        yield InputError(exc.filename or top, f"フォルダを読めません（{exc.strerror or exc}）")
