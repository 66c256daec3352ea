"""The language server: findings as diagnostics while the writer types, fixes as code actions,
the rule's explanation on hover. Built on pygls; the linting itself is the CLI's, unchanged:
the same config discovery (`config`), linter (`runner`), fixes (`fixer`, `rewrite`) and
suppression comments (`suppressions`).

One server lints every open document; the tagger and each configuration's rule set are loaded
once and kept. A document is re-linted immediately when opened or saved and DEBOUNCE seconds
after the last change, so a burst of keystrokes costs one lint.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..errors import YoshinaniError
from .actions import FIX_ALL_COMMAND, FIX_ALL_KIND, REWRITE_COMMAND
from .documents import SOURCE, Linted, lint_document

logger = logging.getLogger(__name__)

DEBOUNCE = 0.2  # seconds after the last change
# Drafts are recognised by their file name; clients may name more language ids in the
# initialization options ({"languageIds": ["mail"]}).
DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".eml")
DEFAULT_LANGUAGE_IDS = {"plaintext", "markdown", "text", "mail", "email", "eml"}
CONFIG_NAMES = {".yoshinani.yaml", "yoshinani.yaml", "pyproject.toml"}


class YoshinaniServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("yoshinani-lint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        from .linters import Linters

        self.linters = Linters()
        self.linted: dict[str, Linted] = {}  # uri -> the last lint of that document
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.language_ids = set(DEFAULT_LANGUAGE_IDS)
        self.shown_errors: set[str] = set()  # config errors already shown (once each)

    @property
    def encoding(self) -> str:
        encoding = self.server_capabilities.position_encoding if self.server_capabilities else None
        return str(encoding or "utf-16")

    def is_draft(self, uri: str, language_id: str | None) -> bool:
        return uri.lower().endswith(DRAFT_SUFFIXES) or (language_id or "") in self.language_ids

    # -- linting -------------------------------------------------------------------------

    def lint(self, uri: str) -> None:
        self.cancel_pending(uri)
        document = self.workspace.get_text_document(uri)
        if not self.is_draft(uri, document.language_id):
            return
        path = _path_of(uri)
        linter, problem = self.linters.for_path(path)
        if problem is not None:
            self.show_config_error(problem)
            self.linted.pop(uri, None)
            self.publish(uri, document.version, [])
            return
        linted = lint_document(linter, document.source, path or _untitled_name(uri, document.language_id),
                               document.version, self.encoding)
        self.linted[uri] = linted
        self.publish(uri, document.version, linted.diagnostics())

    def lint_later(self, uri: str) -> None:
        self.cancel_pending(uri)
        loop = asyncio.get_event_loop()
        self.timers[uri] = loop.call_later(DEBOUNCE, self._lint_safely, uri)

    def _lint_safely(self, uri: str) -> None:
        self.timers.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.lint(uri)

    def cancel_pending(self, uri: str) -> None:
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()

    def lint_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.lint(uri)

    def publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    # -- configuration -------------------------------------------------------------------

    def config_changed(self, uri: str) -> None:
        """A config or rule file changed: every configuration is read again on next use."""
        self.linters.clear()
        self.shown_errors.clear()
        self.lint_all()
        self.lint_config_file(uri)

    def show_config_error(self, problem: YoshinaniError) -> None:
        message = f"yoshinani: {problem}"
        if message in self.shown_errors:
            return
        self.shown_errors.add(message)
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    def lint_config_file(self, uri: str) -> None:
        """A diagnostic on an open config file that the linter refuses, so the error is where
        the writer is editing; cleared once the file reads again."""
        path = _path_of(uri)
        if not path or Path(path).name not in CONFIG_NAMES or uri not in self.workspace.text_documents:
            return
        _, problem = self.linters.for_path(path)
        diagnostics = []
        if problem is not None and str(problem).startswith(str(Path(path))):
            diagnostics.append(types.Diagnostic(
                range=types.Range(start=types.Position(line=0, character=0),
                                  end=types.Position(line=0, character=0)),
                message=str(problem), severity=types.DiagnosticSeverity.Error, source=SOURCE))
        self.publish(uri, None, diagnostics)


def _path_of(uri: str) -> str | None:
    return to_fs_path(uri) if uri.startswith("file:") else None


def _untitled_name(uri: str, language_id: str | None) -> str:
    """An unsaved buffer has no file name: its language decides whether suppressions apply."""
    return "untitled.md" if language_id == "markdown" else "untitled.txt"


server = YoshinaniServer()


@server.feature(types.INITIALIZE)
def initialize(ls: YoshinaniServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("languageIds"), list):
        ls.language_ids |= {str(i) for i in options["languageIds"]}


@server.feature(types.INITIALIZED)
def initialized(ls: YoshinaniServer, params: types.InitializedParams) -> None:
    # Config files may change outside the editor (git checkout): ask to be told, if we can.
    watch = ls.client_capabilities.workspace
    watch = watch and watch.did_change_watched_files
    if watch and watch.dynamic_registration:
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in sorted(CONFIG_NAMES)]
        watchers += [types.FileSystemWatcher(glob_pattern="**/*.{yml,yaml}")]
        ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id="yoshinani-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
    ls.linters.warm_up()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: YoshinaniServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)
    ls.lint_config_file(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: YoshinaniServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.lint_later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: YoshinaniServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if _is_config_or_rule(uri):
        ls.config_changed(uri)
    else:
        ls.lint(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: YoshinaniServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.cancel_pending(uri)
    ls.linted.pop(uri, None)
    ls.publish(uri, None, [])


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: YoshinaniServer, params: types.DidChangeWatchedFilesParams) -> None:
    changed = [c.uri for c in params.changes if _is_config_or_rule(c.uri)]
    if changed:
        ls.config_changed(changed[0])


def _is_config_or_rule(uri: str) -> bool:
    name = uri.rsplit("/", 1)[-1]
    return name in CONFIG_NAMES or name.endswith((".yml", ".yaml"))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[
    types.CodeActionKind.QuickFix, types.CodeActionKind.RefactorRewrite, FIX_ALL_KIND]))
def code_action(ls: YoshinaniServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    from .actions import code_actions

    linted = _current(ls, params.text_document.uri)
    if linted is None:
        return []
    return code_actions(linted, params.text_document.uri, params.range, params.context.only,
                        params.context.diagnostics)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: YoshinaniServer, params: types.HoverParams) -> types.Hover | None:
    from .actions import hover_at

    linted = _current(ls, params.text_document.uri)
    if linted is None:
        return None
    return hover_at(linted, params.position)


def _current(ls: YoshinaniServer, uri: str) -> Linted | None:
    """The lint of the text the editor holds now: a pending debounced lint runs first, so an
    action never offers edits computed on an older version."""
    linted = ls.linted.get(uri)
    if uri in ls.timers or (linted is not None and uri in ls.workspace.text_documents
                            and linted.version != ls.workspace.get_text_document(uri).version):
        ls.lint(uri)
        linted = ls.linted.get(uri)
    return linted


@server.command(REWRITE_COMMAND)
async def rewrite_command(ls: YoshinaniServer, *args) -> dict:
    """The whole draft as `yoshinani rewrite` writes it, applied by the editor (undoable)."""
    from .actions import rewrite_edit

    return await _apply(ls, args, "返信全体を書き換え", rewrite_edit)


@server.command(FIX_ALL_COMMAND)
async def fix_all_command(ls: YoshinaniServer, *args) -> dict:
    from .actions import fix_all_edit

    return await _apply(ls, args, "安全な修正をすべて適用", fix_all_edit)


async def _apply(ls: YoshinaniServer, args: tuple, label: str, make_edit) -> dict:
    uri = args[0] if args and isinstance(args[0], str) else None
    linted = _current(ls, uri) if uri else None
    if linted is None:
        raise ValueError(f"not an open draft: {uri!r}")
    edit = make_edit(linted, uri)
    if edit is None:
        return {"applied": False, "reason": "nothing to change"}
    result = await ls.workspace_apply_edit_async(types.ApplyWorkspaceEditParams(edit=edit, label=label))
    return {"applied": bool(result.applied)}


def start() -> None:
    logging.basicConfig(level=logging.WARNING)
    server.start_io()

