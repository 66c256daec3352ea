"""Errors the user sees as one line, never as a traceback."""

from __future__ import annotations


class YoshinaniError(Exception):
    """An error caused by input (a file, a rule, a config): reported in one line, exit 2."""


def yaml_problem(exc: Exception) -> str:
    """'broken YAML (line L, column C): problem' from a PyYAML error, in one line."""
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"broken YAML{where}: {problem}"


class RuleError(YoshinaniError):
    def __init__(self, file: str, rule: str | None, key: str | None, problem: str) -> None:
        self.file, self.rule, self.key, self.problem = file, rule, key, problem
        where = file
        if rule and rule.startswith("concept "):  # the vocabulary's files name concepts
            where += f": concept '{rule[len('concept '):]}'"
        elif rule:
            where += f": rule '{rule}'"
        if key:
            where += f": key '{key}'"
        super().__init__(f"{where}: {problem}")


class InputError(YoshinaniError):
    def __init__(self, path: str, problem: str) -> None:
        self.path, self.problem = path, problem
        super().__init__(f"{path}: {problem}")
