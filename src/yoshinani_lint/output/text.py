"""The default output: each finding with its sentence, the flagged span marked, and a rewrite.

Without a terminal (a pipe, a file, CI) this is plain text with a caret line under the span;
in a terminal it is drawn with Rich. Rich is imported only then: it costs more start-up time
than the whole check of a short reply.
"""

from __future__ import annotations

import unicodedata

from ..rule import SEVERITY_RANK

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _parts(finding):
    """The finding's sentence cut into before / flagged / after."""
    rel_start = finding.start - finding.sentence_start
    rel_end = min(finding.end - finding.sentence_start, len(finding.sentence))
    s = finding.sentence
    return s[:rel_start], s[rel_start:rel_end], s[rel_end:]


def summary(results, errors: int = 0) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    files_with = 0
    for _, findings in results:
        if findings:
            files_with += 1
        for f in findings:
            counts[f.severity] += 1
    total = sum(counts.values())
    files = len(results)
    if total == 0:
        line = f"指摘はありません（{files} ファイル）"
    else:
        detail = " / ".join(f"{k} {v}" for k, v in counts.items() if v)
        line = f"{files} ファイル中 {files_with} ファイルで {total} 件の指摘（{detail}）"
    if errors:
        line += f"。{errors} 件の入力を読めませんでした"
    return line


def render_plain(results, errors: int = 0) -> str:
    out = []
    for name, findings in results:
        for f in findings:
            before, flagged, after = _parts(f)
            out.append(f"{name}:{f.line}:{f.column}: {f.severity} [{f.rule_id}] {f.message}")
            out.append(f"    {before}{flagged}{after}")
            out.append("    " + " " * display_width(before) + "^" * max(display_width(flagged), 1))
            for s in f.suggestions:
                out.append(f"    → {s}")
            out.append("")
    out.append(summary(results, errors))
    return "\n".join(out)


def render_rich(results, console, errors: int = 0) -> None:
    from rich.text import Text

    for name, findings in results:
        if findings:
            console.print(Text(name, style="bold underline"))
        for f in findings:
            before, flagged, after = _parts(f)
            head = Text("  ")
            head.append(f"{f.line}:{f.column}", style="dim")
            head.append("  ")
            head.append(f.severity, style=SEVERITY_STYLE[f.severity])
            head.append("  ")
            head.append(f.rule_id, style="magenta")
            head.append("  ")
            head.append(f.message)
            console.print(head)
            body = Text("    ")
            body.append(before)
            body.append(flagged, style=f"{SEVERITY_STYLE[f.severity]} reverse")
            body.append(after)
            console.print(body)
            for s in f.suggestions:
                console.print(Text("    → ", style="green") + Text(s, style="green"))
        if findings:
            console.print()
    worst = max((SEVERITY_RANK[f.severity] for _, fs in results for f in fs), default=-1)
    style = "bold red" if worst == 2 else "bold yellow" if worst == 1 else "bold green" if worst < 0 else "bold"
    console.print(Text(summary(results, errors), style=style))
