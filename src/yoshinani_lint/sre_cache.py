"""Compiled regular expressions kept across runs.

Python compiles a regex in Python code (re._parser, re._compiler); for the rule set's few
hundred patterns, several of them hundreds of alternatives long, that alone took longer than
the whole check of a short reply. The compiled program is plain data (a list of ints and
the group names), so it is stored with the proved rule set and handed straight to the C
engine on the next run. The code is kept as the bytes of an unsigned-int array: reading
~180,000 ints that way is a copy, where marshal or pickle would build each int object. The cache is keyed by the exact Python version (loader._cache_path),
so a program is only ever reused by the interpreter that produced it; if the C entry point
ever refuses it, the pattern is compiled the ordinary way.
"""

from __future__ import annotations

import re
from array import array

try:  # CPython internals; absent or different elsewhere, in which case nothing is cached
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _sre = None

# regex source -> compiled program, filled from the rule cache
PROGRAMS: dict[str, tuple] = {}


def compile_regex(source: str) -> re.Pattern[str]:
    program = PROGRAMS.get(source)
    if program is not None and _sre is not None:
        try:
            flags, code, groups, groupindex, indexgroup = program
            return _sre.compile(source, flags, array("I", code).tolist(), groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - any refusal means: compile normally
            PROGRAMS.pop(source, None)
    return re.compile(source)


def program_of(source: str) -> tuple | None:
    """The compiled program of a pattern, as plain data (bytes, ints, dicts) (None if unavailable)."""
    if _sre is None:
        return None
    try:
        tree = _parser.parse(source, 0)
        code = _compiler._code(tree, 0)
        groupindex = dict(tree.state.groupdict)
        indexgroup = [None] * tree.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # an int too large for the array (OverflowError) means: not cached
        program = (tree.state.flags, array("I", code).tobytes(), tree.state.groups - 1, groupindex,
                   tuple(indexgroup))
        # proves the entry point takes it, and gives what re.compile would
        compiled = _sre.compile(source, program[0], array("I", program[1]).tolist(), *program[2:])
        return program if compiled.flags == re.compile(source).flags else None
    except Exception:  # noqa: BLE001
        return None


# Sources of the module-level regexes (lazy() below): their programs are stored with the rule
# cache's, beside the rules' own (loader._compiled_forms).
MODULE_SOURCES: set[str] = set()
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyRegex:
    """A module-level regex, compiled on first use from its cached program.

    Speed: the engine modules' ~20 module-level regexes took ~4.5 ms of re.compile (in Python
    code) at every start, ~7% of a cold check; compiled from the programs the rule cache
    holds, when first used (after the cache is read), the ones a short reply needs cost
    ~0.3 ms. Only the methods of re.Pattern in _METHODS are offered; after the first call
    each is the compiled pattern's own bound method (an instance attribute), so later calls
    cost what a compiled module regex costs. Inline flags ((?i)) instead of flag arguments."""

    def __init__(self, source: str) -> None:
        self.pattern = source
        MODULE_SOURCES.add(source)

    def __getattr__(self, name: str):
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = compile_regex(self.pattern)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern!r})"


def lazy(source: str) -> LazyRegex:
    return LazyRegex(source)
