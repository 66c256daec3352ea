"""One lint of one editor buffer: the findings, and their LSP form.

Drafts an editor may hold that `yoshinani check` would refuse (binary data, text too long to
re-lint while typing, characters the editor could not decode) get one diagnostic saying so.
An .eml buffer is the raw message: only its body is the writer's text, and only a body that
is not transfer-encoded (base64, quoted-printable) or multipart can be checked in place.
"""

from __future__ import annotations

import logging
import re

from lsprotocol import types

from ..findings import Finding
from ..runner import SUPPRESSIBLE_SUFFIXES, Linter
from .positions import PositionMap

logger = logging.getLogger(__name__)

SOURCE = "yoshinani"
INPUT_CODE = "unreadable-draft"
# A reply is a few thousand characters; beyond this a re-lint on every pause would lag.
MAX_CHARS = 100_000
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
_HEADER_LINE = re.compile(r"[A-Za-z][A-Za-z0-9-]*:")
_BLANK_LINE = re.compile(r"\r?\n\r?\n|\r\r")


class Linted:
    """What the server knows of a document version: its text, where the checked part starts
    (`base`: after the headers of an .eml), the findings (offsets relative to `base`)."""

    def __init__(self, text: str, name: str, version: int | None, linter: Linter | None,
                 positions: PositionMap, base: int = 0, findings: list[Finding] | None = None,
                 problems: list[tuple[int, str]] | None = None) -> None:
        self.text, self.name, self.version, self.linter = text, name, version, linter
        self.positions, self.base = positions, base
        self.findings = findings or []
        self.problems = problems or []  # (offset, message): why (part of) it was not checked

    @property
    def body(self) -> str:
        return self.text[self.base:]

    @property
    def suppressible(self) -> bool:
        return self.name.lower().endswith(SUPPRESSIBLE_SUFFIXES)

    def range(self, start: int, end: int) -> types.Range:
        """The LSP range of body offsets start..end."""
        line, column = self.positions.position(self.base + start)
        end_line, end_column = self.positions.position(self.base + end)
        return types.Range(start=types.Position(line=line, character=column),
                           end=types.Position(line=end_line, character=end_column))

    def offset(self, position: types.Position) -> int:
        """The body offset of an LSP position (negative inside the headers of an .eml)."""
        return self.positions.offset(position.line, position.character) - self.base

    def diagnostic(self, finding: Finding) -> types.Diagnostic:
        message = finding.message
        if finding.suggestions:
            message += f"\n→ {finding.suggestions[0]}"
        rule = self.rule(finding.rule_id)
        link = getattr(rule, "link", None)
        if rule is not None and not link:
            message += f"\n（詳しくは yoshinani explain {finding.rule_id}、またはホバー）"
        return types.Diagnostic(
            range=self.range(finding.start, finding.end),
            severity=SEVERITY[finding.severity],
            code=finding.rule_id,
            code_description=types.CodeDescription(href=link) if link else None,
            source=SOURCE,
            message=message,
        )

    def diagnostics(self) -> list[types.Diagnostic]:
        out = [self.diagnostic(f) for f in self.findings]
        for offset, message in self.problems:
            out.append(types.Diagnostic(range=self.range(offset - self.base, offset - self.base),
                                        severity=types.DiagnosticSeverity.Warning, code=INPUT_CODE,
                                        source=SOURCE, message=message))
        return out

    def rule(self, rule_id: str):
        if self.linter is None:
            return None
        return next((r for r in self.linter.rules if r.id == rule_id), None)

    def lint(self, text: str) -> list[Finding]:
        """The linter as `fix` and `rewrite` call it, on a body text."""
        return self.linter.lint(text, self.name)


def lint_document(linter: Linter, text: str, name: str, version: int | None,
                  encoding: str) -> Linted:
    positions = PositionMap(text, encoding)
    problem = _unreadable(text)
    if problem is not None:
        return Linted(text, name, version, linter, positions, problems=[(0, problem)])
    base, problem = _eml_body(text) if name.lower().endswith(".eml") else (0, None)
    if problem is not None:
        return Linted(text, name, version, linter, positions, problems=[(0, problem)])
    problems = []
    if "\ufffd" in text:
        problems.append((text.index("\ufffd"),
                         "文字化け（U+FFFD）があります。エディタが下書きを別の文字コードで開いた可能性があります。"
                         "文字コードを指定して開き直してください。"))
    linted = Linted(text, name, version, linter, positions, base, problems=problems)
    if text.startswith("\ufeff") and base == 0:  # offsets stay those of the buffer
        text = " " + text[1:]
    try:
        linted.findings = linter.lint(text[base:], name)
    except Exception as exc:  # noqa: BLE001 - a bug in one rule must not stop the server
        logger.exception("lint failed for %s", name)
        linted.problems.append((0, f"この下書きの確認中にエラーが起きました（{type(exc).__name__}: {exc}）。"
                                   "yoshinani check で確認し、問題を報告してください。"))
    return linted


def _unreadable(text: str) -> str | None:
    if "\x00" in text:
        return "バイナリファイルのようです（NUL 文字を含みます）。テキストの下書きではないため確認しません。"
    if len(text) > MAX_CHARS:
        return (f"長すぎるため、入力中の確認はしません（{len(text):,} 文字、上限 {MAX_CHARS:,} 文字）。"
                "yoshinani check で確認してください。")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (f"壊れた文字（U+{ord(exc.object[exc.start]):04X}、対になっていないサロゲート）を含むため確認しません。"
                "下書きの文字コードを確認してください。")
    return None


def _eml_body(text: str) -> tuple[int, str | None]:
    """Where the body of a raw message starts, or why it cannot be checked as it stands."""
    if not _HEADER_LINE.match(text):
        return 0, None  # no headers: a body pasted into an .eml file
    blank = _BLANK_LINE.search(text)
    if blank is None:
        return len(text), None  # headers only, nothing written yet
    from email.parser import HeaderParser

    headers = HeaderParser().parsestr(text[:blank.start()] + "\n")
    encoding = (headers.get("Content-Transfer-Encoding") or "").strip().lower()
    if headers.get_content_maintype() == "multipart" or encoding in ("base64", "quoted-printable"):
        return 0, ("この .eml の本文は MIME でエンコードされている（multipart・base64・quoted-printable）ため、"
                   "エディタ上では確認できません。yoshinani check で確認してください。")
    if (headers.get_content_charset() or "").lower() in ("iso-2022-jp", "csiso2022jp"):
        return 0, ("この .eml の本文は ISO-2022-JP のため、エディタ上では確認できません。"
                   "yoshinani check で確認してください。")
    return blank.end(), None
