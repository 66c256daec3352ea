"""The rule cache: a proved rule set, stored whole so that the next run skips YAML, the
proof, and building and compiling every pattern.

Proving a rule set (parse YAML, build every pattern, run every example through the tagger)
costs several times the check of a reply, so it is done once per rule set and its result is
kept in the user's cache folder as one pickle of the built rules and concepts. Compiled regexes
are stored as their sre programs (sre_cache), so loading does not compile any regex either:
~10 ms for the built-in set, against ~50 ms to rebuild it from parsed YAML.

An entry is named by a hash of everything its contents depend on:
  - the *content* of every rule and concept file (not size and mtime: an edit that keeps
    both, e.g. a checkout or a copy with preserved times, must not run the old rule);
  - the engine: the content of the package's own modules (an editable install changes them),
    the package, Python and cache format versions;
  - the tagger and its dictionary (fugashi's extension and unidic-lite's sys.dic, by name,
    size and mtime, and the installed distributions' versions): a new dictionary tokenizes
    differently, and the proof ran on the old tokens.
Hashing the ~180 files reads ~0.6 MB and takes about 2 ms (blake2b); a run whose files' stat()
records (ctime included) are those of an earlier run takes the name from the stat index that
run wrote, in ~0.5 ms (entry_name, with git's racy-file rule).

Entries other than the newest few are removed when a new one is written, so editing a rule
does not leave a megabyte behind each time. When the cache folder cannot be written, the
entry goes to a per-user folder in the system temporary directory instead, and one warning
line says so, once: the next runs find the entry there and neither rebuild nor warn. Only
when no folder at all can be written does every run rebuild (and warn every time: it is
then paying for it every time).
"""

from __future__ import annotations

import gc
import os
import pickle
import re
import sys
import time

from . import __version__, matching, sre_cache

CACHE_FORMAT = 7  # bump when what an entry holds changes (7: the concepts' index is stored built)
PREFIX, SUFFIX = "rules-", ".pickle"
KEEP = 8  # entries kept: a few rule sets (projects with their own --rules) stay cached
_OLD_SUFFIXES = (".marshal",)  # earlier formats, removed on sight


def cache_dir() -> str:
    env = os.environ.get("YOSHINANI_CACHE_DIR")
    if env:
        return env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "yoshinani-lint")


def fallback_dir() -> str:
    """Where entries go when cache_dir() cannot be written: per user, so that one user's
    folder is never another's to fill."""
    import tempfile  # only on a miss in cache_dir(): it imports random, weakref, shutil...

    uid = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return os.path.join(tempfile.gettempdir(), f"yoshinani-lint-{uid}")


def _tagger_identity() -> list[str]:
    """What identifies the installed tagger and dictionary, without importing metadata
    machinery (importlib.metadata costs more than the whole check of a reply)."""
    parts = []
    try:
        import fugashi.fugashi as extension
        import unidic_lite

        files = [extension.__file__, os.path.join(unidic_lite.DICDIR, "sys.dic")]
        parts.append(f"unidic {unidic_lite.VERSION}")
        for path in files:
            st = os.stat(path)
            parts.append(f"{path}|{st.st_size}|{st.st_mtime_ns}")
        # the distributions' versions, from their dist-info folder names (fugashi-1.5.2.dist-info)
        for folder in {os.path.dirname(os.path.dirname(path)) for path in files}:
            parts += sorted(n for n in os.listdir(folder)
                            if n.endswith(".dist-info") and n.lower().startswith(("fugashi-", "unidic_lite-")))
    except (ImportError, OSError, AttributeError):
        parts.append("tagger unknown")
    return parts


def _engine_files() -> list[str]:
    package = os.path.dirname(os.path.abspath(__file__))
    out = []
    for folder in (package, os.path.join(package, "kinds")):
        out += sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".py"))
    return out


def entry_name(files: list[str]) -> str | None:
    """The entry's file name for this rule set, or None if a file cannot be read (then the
    loader reads the files itself and reports the problem)."""
    try:
        from _blake2 import blake2b  # what hashlib would give, without loading OpenSSL (~3 ms)
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    head = [f"{CACHE_FORMAT}|{__version__}|{sys.version}|{sys.platform}", *_tagger_identity()]
    paths = [os.path.abspath(path) for path in [*files, *_engine_files()]]
    now = time.time_ns()  # before the stat() calls: see _racy
    try:
        stats = [os.stat(path) for path in paths]
    except OSError:
        return None
    # Speed: the files' stat() (with ctime, which no copy or checkout can preserve) names the
    # content key of an earlier run, so a run reads ~180 stat records, not ~0.6 MB of files:
    # ~5 ms -> ~0.6 ms of a cold check (the index is written by the run that hashed them).
    signature = blake2b("\0".join(head).encode("utf-8", "surrogateescape"), digest_size=16)
    for path, st in zip(paths, stats):
        signature.update(f"\0{path}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}|"
                         f"{st.st_dev}".encode("utf-8", "surrogateescape"))
    index = _read_index()
    known = index.get(signature.hexdigest())
    if known is not None:
        return known
    key = blake2b(head[0].encode(), digest_size=16)
    for part in head[1:]:
        key.update(part.encode("utf-8", "surrogateescape") + b"\0")
    try:
        for path in paths:
            with open(path, "rb") as f:
                data = f.read()
            key.update(f"{path}|{len(data)}|".encode("utf-8", "surrogateescape"))
            key.update(data)
    except OSError:
        return None
    name = f"{PREFIX}{key.hexdigest()}{SUFFIX}"
    if not _racy(stats, now):
        _write_index(index, signature.hexdigest(), name)
    return name


# The stat index: stat signature -> entry name, newest last, a few lines in the cache folder.
INDEX = "stat-index"
INDEX_KEEP = 16
# Git's racy-file rule: a file changed within the timestamps' granularity of the moment its
# stat() was taken may change again with the same size, mtime and ctime, so a signature is
# only recorded when every file is older than that (2 s: FAT's granularity; ext4 and APFS
# have nanoseconds). A file just edited is hashed again on the next runs, as without an index.
_RACY_NS = 2_000_000_000


def _racy(stats: list, now: int) -> bool:
    return any(max(st.st_mtime_ns, st.st_ctime_ns) >= now - _RACY_NS for st in stats)


def _read_index() -> dict[str, str]:
    try:
        with open(os.path.join(cache_dir(), INDEX), encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    return dict(line.split(" ", 1) for line in lines if line.count(" ") == 1)


def _write_index(index: dict[str, str], signature: str, name: str) -> None:
    """Best effort: without the index every run hashes the files' content, as before."""
    index.pop(signature, None)
    index[signature] = name
    lines = [f"{sig} {entry}\n" for sig, entry in list(index.items())[-INDEX_KEEP:]]
    folder = cache_dir()
    tmp = os.path.join(folder, f"{INDEX}.{os.getpid()}.tmp")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as f:
            f.writelines(lines)
        os.replace(tmp, os.path.join(folder, INDEX))
    except OSError:
        pass


def read(name: str):
    """The stored state, from the cache folder or the fallback folder, or None."""
    for folder in (cache_dir(), None):
        folder = folder or fallback_dir()  # only looked up on a miss
        try:
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
        except OSError:
            continue
        try:
            # The regex programs first: unpickling the rules compiles their regexes from them.
            import io

            unpickler = pickle.Unpickler(io.BytesIO(data))
            header = unpickler.load()
            if not (isinstance(header, dict) and header.get("format") == CACHE_FORMAT):
                continue
            sre_cache.PROGRAMS.update(header["programs"])
            # The ~25,000 objects of a rule set would set off the cycle collector several
            # times while they are made and at the first lint, each pass walking all of them
            # again. They live as long as the process and make no garbage: the collector
            # waits while they are made, then leaves them out of its passes (gc.freeze).
            collecting = gc.isenabled()
            gc.disable()
            try:
                state = unpickler.load()
                gc.freeze()
                return state
            finally:
                if collecting:
                    gc.enable()
        except Exception:  # noqa: BLE001 - a truncated or foreign file is only a miss
            continue
    return None


def write(name: str, state, programs: dict, warn) -> None:
    """Store the state and the compiled programs of its regexes; ``warn(line)`` reports a
    cache folder that cannot be written."""
    try:
        data = _dumps({"format": CACHE_FORMAT, "programs": programs}, state)
    except Exception:  # noqa: BLE001 - a user rule holding something unpicklable: no cache
        return
    primary = cache_dir()
    problem = _store(primary, name, data)
    if problem is None:
        return
    fallback = fallback_dir()
    if _store(fallback, name, data) is None:
        warn(f"cannot write the rule cache in {primary} ({problem}); using {fallback} instead "
             "(set YOSHINANI_CACHE_DIR to choose the folder)")
    else:
        warn(f"cannot write the rule cache in {primary} ({problem}): every run re-reads and proves "
             "the rules (set YOSHINANI_CACHE_DIR to a writable folder)")


def _store(folder: str, name: str, data: bytes) -> str | None:
    """Write one entry atomically and prune the folder; the problem, or None when stored."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        tmp = os.path.join(folder, f"{name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(folder, name))
    except OSError as exc:
        return exc.strerror or str(exc)
    _prune(folder, name)
    return None


_ENTRY = re.compile(rf"{PREFIX}[0-9a-f]+(?:{re.escape(SUFFIX)}|\.marshal)(?:\.\d+\.tmp)?")


def _prune(folder: str, keep: str) -> None:
    """Keep the newest KEEP entries (``keep`` among them); remove older ones, earlier
    formats' files and temporary files left by a killed run. Best effort."""
    try:
        entries = []
        for e in os.scandir(folder):
            if not _ENTRY.fullmatch(e.name) or e.name == keep:
                continue
            st = e.stat()
            stale_tmp = e.name.endswith(".tmp") and st.st_mtime < _now() - 3600
            if e.name.endswith(_OLD_SUFFIXES) or stale_tmp:
                os.remove(e.path)
            elif e.name.endswith(SUFFIX):
                entries.append((st.st_mtime_ns, e.path))
        for _, path in sorted(entries, reverse=True)[KEEP - 1:]:
            os.remove(path)
    except OSError:
        pass


def _now() -> float:
    return time.time()


def _dumps(header: dict, state) -> bytes:
    """The header (format, regex programs), then the state, with compiled regexes stored by
    their source: a Pattern's own pickling would recompile it in Python code on loading."""
    import copyreg
    import io

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    lazy = {cls: _reduce_lazily for cls in _subclasses(matching.RegexPattern)}
    pickler.dispatch_table = {**copyreg.dispatch_table, re.Pattern: _reduce_pattern, **lazy}
    pickler.dump(header)
    pickler.dump(state)
    return buffer.getvalue()


def _subclasses(cls: type) -> list[type]:
    return [cls] + [sub for direct in cls.__subclasses__() for sub in _subclasses(direct)]


def _reduce_lazily(pattern):
    """A regex pattern is stored uncompiled: it compiles (from its program) on first use, and
    on a short reply most never run, their required literals being absent. This halves the
    cost of reading the cache: building the int lists of 500 programs is what costs."""
    import copyreg

    state = {**pattern.__dict__, "_regex": None, "_literal_regex": None}
    return copyreg.__newobj__, (type(pattern),), state


def _reduce_pattern(pattern: re.Pattern):
    if pattern.flags == re.compile(pattern.pattern).flags:
        return sre_cache.compile_regex, (pattern.pattern,)
    return re.compile, (pattern.pattern, pattern.flags)
