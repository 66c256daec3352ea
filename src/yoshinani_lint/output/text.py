"""The default output: each finding with its sentence, the flagged span marked, and a rewrite.

    path:line:col: severity [rule] message          (the location first: editors link it)
        the sentence, indented under its heading
        ^^^^ (plain text only; in colour the span is highlighted)
        → the rewrite, its continuation lines aligned after the arrow

A blank line separates findings. In a terminal, lines are wrapped at its width with Japanese
line-breaking rules (wrap.py). Where several document-level rules point at the same trigger
(an apology with no cause, no next step and no prevention), the reader gets one finding that
lists what is missing, with one combined suggestion; JSON and SARIF keep one per rule.

Colour is plain ANSI escape codes (ansi.py): Rich costs more start-up time than the whole
check of a reply.
"""

from __future__ import annotations

from ..rule import SEVERITY_RANK
from .wrap import display_width, wrap

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
INDENT = "    "
ARROW = "→ "
# What each document-level rule finds missing, in the order a reply says it; rules named here
# are combined when they flag the same words.
MISSING = {
    "no-cause": ("原因", "何が起きたか"),
    "no-next-step": ("次の行動（期限）", "いつ何をするか"),
    "no-prevention": ("再発防止策", "次はどう防ぐか"),
}

__all__ = ["display_width", "render_color", "render_plain", "summary", "blocks"]


class Block:
    """What the reader sees for one finding, or for several combined into one."""

    __slots__ = ("name", "line", "column", "severity", "rule_ids", "message", "sentence", "spans",
                 "suggestions")

    def __init__(self, name, finding) -> None:
        self.name, self.line, self.column = name, finding.line, finding.column
        self.severity, self.rule_ids, self.message = finding.severity, [finding.rule_id], finding.message
        self.sentence = finding.sentence
        rel = finding.start - finding.sentence_start
        self.spans = [(rel, max(min(finding.end - finding.sentence_start, len(finding.sentence)), rel))]
        self.suggestions = list(finding.suggestions)


def _combined(name, group) -> Block:
    group = sorted(group, key=lambda f: list(MISSING).index(f.rule_id))
    block = Block(name, group[0])
    block.rule_ids = [f.rule_id for f in group]
    block.severity = max((f.severity for f in group), key=SEVERITY_RANK.__getitem__)
    labels = [MISSING[f.rule_id] for f in group]
    block.message = (f"{'・'.join(what for what, _ in labels)}が書かれていません。"
                     f"{'・'.join(why for _, why in labels)}を添えると、相手は安心して任せられます。")
    parts = [s.strip().strip("「」") for f in group for s in f.suggestions[:1]]
    block.suggestions = ["「" + "".join(parts) + "」"] if parts else []
    return block


def blocks(name: str, findings) -> list[Block]:
    """Findings as the reader sees them: document rules on one trigger combined, and two
    findings of one rule with one message on one sentence shown once, both spans marked."""
    out: list[Block] = []
    by_trigger: dict[tuple[int, int], list] = {}
    for f in findings:
        if f.rule_id in MISSING:
            by_trigger.setdefault((f.start, f.end), []).append(f)
    done: set[tuple[int, int]] = set()
    same: dict[tuple[str, str, int], Block] = {}
    for f in findings:
        key = (f.start, f.end)
        if f.rule_id in MISSING and len(by_trigger[key]) > 1:
            if key not in done:
                done.add(key)
                out.append(_combined(name, by_trigger[key]))
            continue
        earlier = same.get((f.rule_id, f.message, f.sentence_start))
        if earlier is not None:
            earlier.spans += Block(name, f).spans
            earlier.suggestions += [s for s in f.suggestions if s not in earlier.suggestions]
            continue
        block = same[(f.rule_id, f.message, f.sentence_start)] = Block(name, f)
        out.append(block)
    return out


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


def _layout(block: Block, width: int | None):
    """The block's lines, each a list of (text, kind) pieces: kind is "location", "severity",
    "ids", "message", "text", "flagged", "caret" or "suggestion"."""
    lines = []
    location = f"{block.name}:{block.line}:{block.column}: "
    ids = f" [{', '.join(block.rule_ids)}] "
    message = block.message
    head = [(location, "location"), (block.severity, "severity"), (ids, "ids")]
    head_width = display_width(location + block.severity + ids)
    if width is not None and head_width + 10 > width:
        # a long path or several rule ids: the location and severity alone on the first line
        # (kept whole, for editors), the rule ids and the message under them
        lines.append(head[:2])
        message = ids.strip() + " " + message
        lines.extend([(INDENT, "text"), (message[a:b], "message")] for a, b in wrap(message, width, len(INDENT)))
    else:
        for n, (a, b) in enumerate(wrap(message, width, len(INDENT), head_width)):
            lines.append([*(head if n == 0 else [(INDENT, "text")]), (message[a:b], "message")])
    sentence = block.sentence
    flagged = [False] * len(sentence)
    for start, end in block.spans:
        for i in range(start, max(end, start + 1) if start < len(sentence) else start):
            flagged[i] = True
    for a, b in wrap(sentence, width, len(INDENT)):
        pieces, carets = [(INDENT, "text")], INDENT
        i = a
        while i < b:
            j = i
            while j < b and flagged[j] == flagged[i]:
                j += 1
            pieces.append((sentence[i:j], "flagged" if flagged[i] else "text"))
            carets += ("^" if flagged[i] else " ") * display_width(sentence[i:j])
            i = j
        lines.append(pieces)
        if carets.strip():
            lines.append([(carets.rstrip(), "caret")])
    if not sentence:
        lines.append([(INDENT + "^", "caret")])
    for suggestion in block.suggestions:
        prefix = INDENT + ARROW
        for n, (a, b) in enumerate(wrap(suggestion, width, display_width(prefix))):
            lines.append([(prefix if n == 0 else " " * display_width(prefix), "suggestion"),
                          (suggestion[a:b], "suggestion")])
    return lines


def render_plain(results, errors: int = 0, summary: bool = True, width: int | None = None) -> str:
    """Plain text; ``width`` None: no wrapping (a pipe, a file: one finding line per problem)."""
    out = []
    for name, findings in results:
        for block in blocks(name, findings):
            out.extend("".join(text for text, _ in line).rstrip() for line in _layout(block, width))
            out.append("")
    if summary:
        out.append(_summary(results, errors))
    elif out:
        out.pop()  # no blank line after the last finding
    return "\n".join(out)


_summary = summary


def render_color(results, width: int | None, errors: int = 0, summary: bool = True) -> str:
    """The report in colour (ANSI escape codes): the flagged words highlighted instead of
    underlined with carets; lines wrapped at ``width`` (None: not wrapped)."""
    from .ansi import styled

    styles = {"message": "", "text": "", "suggestion": "green"}
    out: list[str] = []
    for name, findings in results:
        for block in blocks(name, findings):
            if out:
                out.append("")
            severity_style = SEVERITY_STYLE[block.severity]
            for line in _layout(block, width):
                if line[0][1] == "caret":  # the highlight shows the span
                    continue
                pieces = []
                for text, kind in line:
                    if kind == "location":
                        pieces.append(styled(text, "bold"))
                    elif kind == "severity":
                        pieces.append(styled(text, severity_style))
                    elif kind == "ids":
                        pieces += [" [", styled(text.strip()[1:-1], "magenta"), "] "]
                    elif kind == "flagged":
                        pieces.append(styled(text, f"{severity_style} reverse"))
                    else:
                        pieces.append(styled(text, styles[kind]))
                out.append("".join(pieces).rstrip(" "))
    if summary:
        if out:
            out.append("")
        worst = max((SEVERITY_RANK[f.severity] for _, fs in results for f in fs), default=-1)
        style = "bold red" if worst == 2 else "bold yellow" if worst == 1 else "bold green" if worst < 0 else "bold"
        out.append(styled(_summary(results, errors), style))
    return "\n".join(out)
