"""The Python API: check, fix and rewrite a reply from your own code.

    >>> from yoshinani_lint import lint_text
    >>> [f.rule_id for f in lint_text("納品が遅れてしまい、すみませんでした。", select=["bare-apology"])]
    ['bare-apology']

Every function takes the reply as ``str`` and keyword-only options. ``config`` is a
:class:`~yoshinani_lint.config.Config` from :func:`load_config` (or a path to a config file);
without it the built-in defaults are used and no config file is searched for, so that a
library call never depends on the current directory. ``filename`` names the draft: it picks
its ``per-file-ignores`` and Markdown handling (``.md``), as on the command line.

A bad argument raises ``TypeError`` (wrong type) or ``ValueError`` (unknown value, e.g. an
audience or rule id that does not exist), with the argument's name in the message; a broken
config or rule file raises :class:`~yoshinani_lint.errors.YoshinaniError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .config import Config
from .config import load_config as _load_config
from .errors import YoshinaniError
from .findings import Finding
from .rule import AUDIENCES, SEVERITIES, Rule

__all__ = ["Finding", "Fixed", "Rewritten", "Slot", "fix_text", "lint_text", "load_config", "rewrite_text"]


class Fixed(NamedTuple):
    """What :func:`fix_text` returns."""

    text: str  #: the reply with the fixes applied
    findings: list[Finding]  #: what is left to mend by hand, in text order
    applied: int  #: how many fixes were applied


class Rewritten(NamedTuple):
    """What :func:`rewrite_text` returns."""

    text: str  #: the rewritten reply, with 〇〇 slots where only the writer knows the words
    findings: list[Finding]  #: what the rewritten reply still triggers (its slots included)
    slots: list[Slot]  #: the slots to fill in: line, column, slot text, sentence


def load_config(path: str | os.PathLike[str] | None = None, *, isolated: bool = False) -> Config:
    """The configuration the command line would use: ``path``, or the nearest
    ``.yoshinani.yaml`` / ``yoshinani.yaml`` / ``[tool.yoshinani]`` above the current
    directory; ``isolated=True``: the built-in defaults only."""
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    if not isinstance(isolated, bool):
        raise TypeError(f"isolated must be a bool, not {type(isolated).__name__}")
    if path is not None and not os.path.isfile(path):
        raise ValueError(f"path: no config file at {os.fspath(path)!r}")
    return _load_config(os.fspath(path) if path is not None else None, isolated)


def lint_text(
    text: str,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    audience: str | None = None,
    config: Config | str | os.PathLike[str] | None = None,
    filename: str = "-",
    severity: dict[str, str] | None = None,
    rules: Sequence[Rule] | None = None,
) -> list[Finding]:
    """Check one reply; its findings in text order.

    ``select`` / ``ignore``: rule ids (``select`` replaces the config's, ``ignore`` adds);
    ``audience``: ``"client"`` (default) or ``"internal"``; ``severity``: per-rule overrides
    (``{"jargon": "off"}``), over the config's; ``rules``: a rule set from
    :func:`yoshinani_lint.loader.load_rules` to use instead of the config's (loaded once, reused).
    """
    return _linter(select, ignore, audience, config, severity, rules).lint(_text(text), _filename(filename))


def fix_text(
    text: str,
    *,
    unsafe: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    audience: str | None = None,
    config: Config | str | os.PathLike[str] | None = None,
    filename: str = "-",
    severity: dict[str, str] | None = None,
    rules: Sequence[Rule] | None = None,
) -> Fixed:
    """Apply the safe fixes (``unsafe=True``: also those that need judgement), as
    ``yoshinani fix`` does; returns the new text, what is left, and how many were applied."""
    from .fixer import fix_text as _fix

    if not isinstance(unsafe, bool):
        raise TypeError(f"unsafe must be a bool, not {type(unsafe).__name__}")
    linter = _linter(select, ignore, audience, config, severity, rules)
    name = _filename(filename)
    new, remaining, applied = _fix(_text(text), lambda t: linter.lint(t, name), unsafe=unsafe)
    return Fixed(new, remaining, applied)


def rewrite_text(
    text: str,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    audience: str | None = None,
    config: Config | str | os.PathLike[str] | None = None,
    filename: str = "-",
    severity: dict[str, str] | None = None,
    rules: Sequence[Rule] | None = None,
) -> Rewritten:
    """The reply as ``yoshinani rewrite`` writes it: every fix applied and what the document
    rules found missing inserted, with visible slots (〇〇, 〇月〇日〇時) to fill in."""
    from .rewrite import rewrite_text as _rewrite

    linter = _linter(select, ignore, audience, config, severity, rules)
    name = _filename(filename)
    new, remaining, slots = _rewrite(_text(text), lambda t: linter.lint(t, name))
    return Rewritten(new, remaining, slots)


def _text(text: object) -> str:
    if isinstance(text, (bytes, bytearray)):
        raise TypeError("text must be a str, not bytes: decode it first (e.g. data.decode('utf-8'))")
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return text  # a leading BOM stays: offsets are into the text as passed in


def _filename(filename: object) -> str:
    if not isinstance(filename, (str, os.PathLike)):
        raise TypeError(f"filename must be a str, not {type(filename).__name__}")
    return os.fspath(filename)


def _ids(name: str, value: object) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):  # "a,b" would otherwise be read letter by letter
        raise TypeError(f"{name} must be a list of rule ids, not a str (use [{value!r}])")
    try:
        ids = list(value)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(f"{name} must be a list of rule ids, not {type(value).__name__}") from None
    for rule_id in ids:
        if not isinstance(rule_id, str):
            raise TypeError(f"{name} must hold rule ids as str, not {type(rule_id).__name__}")
    return ids


def _linter(select, ignore, audience, config, severity, rules):
    from .runner import build_linter

    select, ignore = _ids("select", select), _ids("ignore", ignore)
    if config is None:
        config = _load_config(None, isolated=True)
    elif isinstance(config, (str, os.PathLike)):
        config = load_config(config)
    elif not isinstance(config, Config):
        raise TypeError(f"config must be a Config (from load_config) or a path, not {type(config).__name__}")
    if audience is not None:
        if not isinstance(audience, str):
            raise TypeError(f"audience must be a str, not {type(audience).__name__}")
        if audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    if severity is not None and not isinstance(severity, dict):
        raise TypeError(f"severity must be a dict of rule id to severity, not {type(severity).__name__}")
    for rule_id, level in (severity or {}).items():
        if level not in (*SEVERITIES, "off"):
            raise ValueError(f"severity[{rule_id!r}] must be one of {', '.join((*SEVERITIES, 'off'))}, not {level!r}")
    if audience is not None or severity:
        config = _copy(config)
        if audience is not None:
            config.audience = audience
        if severity:
            config.severity = {**config.severity, **severity}
    try:
        if rules is None:
            return build_linter(config, select, ignore)
        from .engine import select_rules
        from .runner import Linter

        rules = list(rules)
        config.check_rule_ids({r.id for r in rules})
        chosen = select_rules(rules, select or config.select, list(config.ignore) + list(ignore or []))
        return Linter(chosen, config, {r.id for r in rules})
    except YoshinaniError as exc:
        message = str(exc)
        if "unknown rule id" in message:  # a bad argument, not a broken file
            which = "select/ignore" if select or ignore else "config"
            raise ValueError(f"{which}: {message}") from None
        raise


def _copy(config: Config) -> Config:
    import copy

    return copy.copy(config)


from .rewrite import Slot  # noqa: E402  (the slot type, re-exported for annotations)
