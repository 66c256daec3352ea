"""Code actions and hover for one linted document.

Per finding under the cursor: its fix as a quick fix (a safe fix is the preferred action, an
unsafe one is offered as a rewrite to review), the sentence a document-level rule found missing
as an insert, and, in Markdown, a suppression comment for this line or this file. For the whole
draft: `yoshinani fix` (safe fixes) and `yoshinani rewrite`, as commands the server applies
through workspace/applyEdit.
"""

from __future__ import annotations

from lsprotocol import types

from .. import suppressions
from ..explain import explain_lines
from ..findings import Finding
from .documents import SOURCE, Linted

REWRITE_COMMAND = "yoshinani.rewrite"
FIX_ALL_COMMAND = "yoshinani.fixAll"
FIX_ALL_KIND = "source.fixAll.yoshinani"


def _short(text: str, limit: int = 24) -> str:
    text = text.replace("\r", "").replace("\n", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _edit(linted: Linted, uri: str, start: int, end: int, text: str) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(range=linted.range(start, end), new_text=text)]})


def _wanted(kind: str, only: list[str] | None) -> bool:
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def code_actions(linted: Linted, uri: str, selection: types.Range, only: list[str] | None = None,
                 diagnostics: list[types.Diagnostic] | None = None) -> list[types.CodeAction]:
    start = linted.offset(selection.start)
    end = linted.offset(selection.end)
    actions: list[types.CodeAction] = []
    under = [f for f in linted.findings if f.start <= end and start <= f.end]
    # The editor names the diagnostics it asks about: document-level findings share their
    # trigger's range, and each should offer its own fix, not its neighbours'.
    named = {(d.code, d.range.start.line, d.range.start.character) for d in diagnostics or []
             if d.source == SOURCE}
    if named:
        under = [f for f in under if (f.rule_id, *linted.positions.position(linted.base + f.start)) in named]
    if _wanted(types.CodeActionKind.QuickFix, only):
        for finding in under:
            actions += _finding_actions(linted, uri, finding)
    if linted.linter is None or linted.problems and not linted.findings:
        return actions
    if _wanted(FIX_ALL_KIND, only) and any(f.fix and f.fix.safe and not f.fix.insert for f in linted.findings):
        actions.append(types.CodeAction(
            title="yoshinani: 安全な修正をすべて適用する", kind=FIX_ALL_KIND,
            command=types.Command(title="安全な修正をすべて適用", command=FIX_ALL_COMMAND, arguments=[uri])))
    if _wanted(types.CodeActionKind.RefactorRewrite, only) and linted.findings:
        actions.append(types.CodeAction(
            title="yoshinani: 返信全体を書き換える（rewrite）", kind=types.CodeActionKind.RefactorRewrite,
            command=types.Command(title="返信全体を書き換え", command=REWRITE_COMMAND, arguments=[uri])))
    return actions


def _finding_actions(linted: Linted, uri: str, finding: Finding) -> list[types.CodeAction]:
    diagnostic = [linted.diagnostic(finding)]
    actions = []
    fix = finding.fix
    if finding.rule_id == suppressions.UNUSED_ID:
        actions.append(types.CodeAction(
            title="yoshinani: 使われていない抑制コメントを削除する", kind=types.CodeActionKind.QuickFix,
            diagnostics=diagnostic, is_preferred=True, edit=_remove_marker(linted, uri, finding)))
        return actions
    if fix is not None and fix.insert:
        actions.append(types.CodeAction(
            title=f"yoshinani: 「{_short(fix.text)}」を書き足す（〇〇を埋めてください）",
            kind=types.CodeActionKind.QuickFix, diagnostics=diagnostic,
            edit=_edit(linted, uri, fix.start, fix.start, fix.text)))
    elif fix is not None:
        old = linted.body[fix.start:fix.end]
        title = (f"yoshinani: 「{_short(old)}」を「{_short(fix.text)}」に直す" if fix.safe else
                 f"yoshinani: 「{_short(old)}」を「{_short(fix.text)}」に書き換える（要確認）")
        actions.append(types.CodeAction(
            title=title, kind=types.CodeActionKind.QuickFix, diagnostics=diagnostic,
            is_preferred=True if fix.safe else None,
            edit=_edit(linted, uri, fix.start, fix.end, fix.text)))
    if linted.suppressible:
        actions += _disable_actions(linted, uri, finding, diagnostic)
    return actions


def _line_break(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _disable_actions(linted: Linted, uri: str, finding: Finding,
                     diagnostic: list[types.Diagnostic]) -> list[types.CodeAction]:
    """Markdown drafts take suppression comments (an HTML comment is never sent as text)."""
    body, nl, rule = linted.body, _line_break(linted.body), finding.rule_id
    line_start = body.rfind("\n", 0, finding.start) + 1
    indent = body[line_start:len(body[line_start:]) - len(body[line_start:].lstrip(" \t")) + line_start]
    file_at = _after_front_matter(body)
    return [
        types.CodeAction(
            title=f"yoshinani: この行では {rule} を無効にする", kind=types.CodeActionKind.QuickFix,
            diagnostics=diagnostic,
            edit=_edit(linted, uri, line_start, line_start,
                       f"{indent}<!-- yoshinani-disable-next-line {rule} -->{nl}")),
        types.CodeAction(
            title=f"yoshinani: このファイルでは {rule} を無効にする", kind=types.CodeActionKind.QuickFix,
            diagnostics=diagnostic,
            edit=_edit(linted, uri, file_at, file_at, f"<!-- yoshinani-disable {rule} -->{nl}")),
    ]


def _after_front_matter(text: str) -> int:
    """Front matter must stay the first thing in the file for it to be read as such."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return 0
    offset = len(lines[0])
    for line in lines[1:]:
        offset += len(line)
        if line.strip() in ("---", "..."):
            return offset
    return 0


def _remove_marker(linted: Linted, uri: str, finding: Finding) -> types.WorkspaceEdit:
    body = linted.body
    line_start = body.rfind("\n", 0, finding.start) + 1
    line_end = body.find("\n", finding.end)
    line_end = len(body) if line_end < 0 else line_end + 1
    if not (body[line_start:finding.start] + body[finding.end:line_end]).strip():
        return _edit(linted, uri, line_start, line_end, "")  # the marker was the whole line
    return _edit(linted, uri, finding.start, finding.end, "")


def hover_at(linted: Linted, position: types.Position) -> types.Hover | None:
    """The rule's explanation (what `yoshinani explain` prints) for the findings under the
    cursor. Document-level findings are anchored on their trigger, so hovering it explains."""
    offset = linted.offset(position)
    under = [f for f in linted.findings if f.start <= offset < max(f.end, f.start + 1)]
    if not under:
        return None
    parts = []
    for finding in under:
        rule = linted.rule(finding.rule_id)
        parts.append(f"**yoshinani: {finding.rule_id}** — {finding.message}")
        if rule is not None:
            parts.append("```text\n" + "\n".join(explain_lines(rule)) + "\n```")
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(parts)),
        range=linted.range(under[0].start, under[0].end))


def _whole_body_edit(linted: Linted, uri: str, new: str) -> types.WorkspaceEdit | None:
    """One edit for the changed middle of the body: the editor keeps the cursor and the undo
    step stays small."""
    old = linted.body
    if new == old:
        return None
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return _edit(linted, uri, prefix, len(old) - suffix, new[prefix:len(new) - suffix])


def fix_all_edit(linted: Linted, uri: str) -> types.WorkspaceEdit | None:
    from ..fixer import fix_text

    new, _, _ = fix_text(linted.body, linted.lint, unsafe=False)
    return _whole_body_edit(linted, uri, new)


def rewrite_edit(linted: Linted, uri: str) -> types.WorkspaceEdit | None:
    from ..rewrite import rewrite_text

    new, _, _ = rewrite_text(linted.body, linted.lint)
    return _whole_body_edit(linted, uri, new)
