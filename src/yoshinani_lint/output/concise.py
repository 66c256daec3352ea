"""``--format concise``: one line per finding, ``path:line:col: severity [rule-id] message``.

For editors (the errorformat ``%f:%l:%c: %m``) and grep, in the spirit of ruff's concise
output: no sentence, no caret, no summary, and nothing at all when there is nothing to report.
"""

from __future__ import annotations


def _one_line(text: str) -> str:
    """A message on one line, whatever its rule's YAML made of it."""
    return " ".join(text.splitlines())


def render(results) -> str:
    return "\n".join(
        f"{name}:{f.line}:{f.column}: {f.severity} [{f.rule_id}] {_one_line(f.message)}"
        for name, findings in results
        for f in findings
    )
