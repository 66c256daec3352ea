"""Typed access to a rule file's YAML with errors that name the file, the rule and the key."""

from __future__ import annotations


from .errors import RuleError

_MISSING = object()


class Spec:
    """A mapping read from a rule file, that remembers where it sits for error messages."""

    def __init__(self, data: object, file: str, rule: str | None = None, path: str = "") -> None:
        self.file, self.rule, self.path = file, rule, path
        if not isinstance(data, dict):
            self.fail("must be a mapping")
        self.data: dict = data
        self._read: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def fail(self, problem: str, name: str | None = None):
        raise RuleError(self.file, self.rule, self.key(name) if name else (self.path or None), problem)

    def has(self, name: str) -> bool:
        return name in self.data

    def raw(self, name: str, default: object = _MISSING) -> object:
        self._read.add(name)
        if name not in self.data:
            if default is _MISSING:
                self.fail("is required", name)
            return default
        return self.data[name]

    def str(self, name: str, default: object = _MISSING) -> object:
        value = self.raw(name, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, str) or not value.strip():
            self.fail("must be a non-empty string", name)
        return value

    def int(self, name: str, default: object = _MISSING) -> object:
        value = self.raw(name, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.fail("must be a whole number ≥ 0", name)
        return value

    def bool(self, name: str, default: bool) -> bool:
        value = self.raw(name, default)
        if not isinstance(value, bool):
            self.fail("must be true or false", name)
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: object = _MISSING) -> object:
        value = self.raw(name, default)
        if value is default and default is not _MISSING:
            return value
        if value not in choices:
            self.fail(f"must be one of {', '.join(choices)} (got {value!r})", name)
        return value

    def list(self, name: str, default: object = _MISSING) -> object:
        value = self.raw(name, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, list) or not value:
            self.fail("must be a non-empty list", name)
        return value

    def child(self, name: str) -> Spec:
        return Spec(self.raw(name), self.file, self.rule, self.key(name))

    def item(self, name: str, index: int, value: object) -> Spec:
        return Spec(value, self.file, self.rule, f"{self.key(name)}[{index}]")

    def reject_unknown(self, allowed: set[str] | None = None) -> None:
        """Unknown keys are errors: a misspelt key would otherwise silently do nothing."""
        allowed = self._read if allowed is None else allowed
        for name in self.data:
            if name not in allowed:
                self.fail(f"unknown key (allowed: {', '.join(sorted(allowed))})", name)
