"""``--format github``: GitHub Actions workflow commands, shown as annotations on the run and
on the pull request's diff.

``::warning file=a.txt,line=4,col=11,endLine=4,endColumn=19,title=yoshinani (bare-apology)::…``

Escaping is the one of GitHub's own toolkit (``@actions/core``, ``command.ts``): the message
escapes ``%``, CR and LF; property values also escape ``:`` and ``,``, which would otherwise end
the value. Columns count characters and ``endColumn`` is the column just after the span, as in
the other formats. A span over several lines is sent without columns: the toolkit's
``AnnotationProperties`` says columns cannot be sent when ``line`` and ``endLine`` differ.
"""

from __future__ import annotations

import os

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _file(name: str) -> str | None:
    if name == "-":  # standard input: no file to attach the annotation to
        return None
    return name.replace(os.sep, "/") if os.sep != "/" else name


def command(name: str, finding) -> str:
    one_line = finding.line == finding.end_line
    props = {
        "file": _file(name),
        "line": finding.line,
        "col": finding.column if one_line else None,
        "endLine": finding.end_line,
        "endColumn": finding.end_column if one_line else None,
        "title": f"yoshinani ({finding.rule_id})",
    }
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{COMMAND[finding.severity]} {fields}::{escape_data(finding.message)}"


def render(results) -> str:
    return "\n".join(command(name, f) for name, findings in results for f in findings)
