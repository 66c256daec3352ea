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
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(shown, f"書き込めません（{exc.strerror or exc}）") from None
    if st is not None:
        # Mode bits alone are not the answer: a folder the user can write lets a rename
        # replace a file they cannot, so ask the kernel (access) for the file itself.
        if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
            raise InputError(shown, "読み取り専用のファイルなので書き込みませんでした")
        if st.st_nlink > 1:
            # Replacing the file would split the link: the other names would keep the old text.
            raise InputError(shown, "ハードリンクされたファイルなので書き込みませんでした（置き換えるとリンクが切れます）")
    if expected is not None:
        _unchanged(path, shown, expected)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".yoshinani", dir=path.parent)
    except OSError as exc:
        raise InputError(shown, f"書き込めません（{exc.strerror or exc}）。元のファイルはそのままです") from None
    backup = f"{tmp}.orig"  # the old file's second name while it is replaced (see below)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if st is not None:
            shutil.copymode(path, tmp)
            if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                try:  # root fixing a user's draft must leave it the user's
                    os.chown(tmp, st.st_uid, st.st_gid)
                except PermissionError:
                    raise InputError(shown, "所有者を保ったまま書き換えられないため、書き込みませんでした") from None
        with _signals_held():
            if expected is not None and st is not None:
                _replace_checked(path, tmp, backup, shown, expected)
            else:
                os.replace(tmp, path)
    except BaseException as exc:
        for leftover in (tmp, backup):
            try:
                os.unlink(leftover)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise InputError(shown, f"書き込めません（{exc.strerror or exc}）。元のファイルはそのままです") from None
        raise
    try:
        os.unlink(backup)
    except FileNotFoundError:
        pass


def _unchanged(path: Path, shown: str, expected: bytes) -> None:
    try:
        current = path.read_bytes()
    except OSError as exc:
        raise InputError(shown, f"書き込み前に読み直せません（{exc.strerror or exc}）") from None
    if current != expected:
        raise InputError(shown, "読み込んだ後にファイルが変更されたため、書き込みませんでした")


def _replace_checked(path: Path, tmp: str, backup: str, shown: str, expected: bytes) -> None:
    """Replace `path` by `tmp` unless the file changed since it was read, also while the
    new content was being written: the old file is kept under a second name (a hard link)
    across the rename and compared after it; if someone's edit landed, it is put back.
    The caller removes the backup."""
    _unchanged(path, shown, expected)
    try:
        os.link(path, backup)
    except OSError:  # no hard links here (some network or FAT file systems)
        os.replace(tmp, path)
        return
    os.replace(tmp, path)
    try:
        with open(backup, "rb") as handle:
            edited = handle.read() != expected
    except OSError:
        edited = True
    if edited:
        os.replace(backup, path)  # the edit wins; nothing of ours is written
        raise InputError(shown, "書き込みの直前にファイルが変更されたため、変更後の内容を残して書き込みませんでした")


class _signals_held:
    """Ctrl-C or SIGTERM during the rename steps waits until they are done, so a file is never
    left between its old and new content (or its backup left behind)."""

    def __enter__(self):
        import signal

        self._mask = None
        if hasattr(signal, "pthread_sigmask"):
            try:
                self._mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            except (OSError, ValueError):
                self._mask = None
        return self

    def __exit__(self, *exc):
        import signal

        if self._mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self._mask)
        return False
