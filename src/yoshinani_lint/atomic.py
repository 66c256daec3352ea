"""Writing a draft back without ever losing it.

The new content goes to a temporary file in the same directory (same file system, so the
final rename is atomic), gets the original's permissions, is flushed to disk, and only then
replaces the original. If the file changed on disk since we read it, nothing is written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import InputError


def write_atomic(path: str | Path, data: bytes, expected: bytes | None = None) -> None:
    shown = str(path)
    # Through a symbolic link to the file it names: replacing the link itself would leave the
    # draft unfixed and turn the link into a copy.
    path = Path(os.path.realpath(path))
    if path.exists() and not os.stat(path).st_mode & 0o222:
        raise InputError(shown, "読み取り専用のファイルなので書き込みませんでした")
    if expected is not None:
        try:
            current = path.read_bytes()
        except OSError as exc:
            raise InputError(shown, f"書き込み前に読み直せません（{exc.strerror or exc}）") from None
        if current != expected:
            raise InputError(shown, "読み込んだ後にファイルが変更されたため、書き込みませんでした")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".yoshinani", dir=path.parent)
    except OSError as exc:
        raise InputError(shown, f"書き込めません（{exc.strerror or exc}）。元のファイルはそのままです") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(shown, f"書き込めません（{exc.strerror or exc}）。元のファイルはそのままです") from None
        raise
