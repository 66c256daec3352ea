"""A small LSP client for the tests: the server as a subprocess, JSON-RPC over its stdio, as
an editor speaks it. Messages from the server are read by a thread into a queue; requests the
server sends (workspace/applyEdit, client/registerCapability) are answered and recorded."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

TIMEOUT = 60.0  # seconds: generous, the CI machine is slow and shared


def utf16_position(text: str, offset: int) -> dict:
    """The LSP position of a character offset, computed independently of the server."""
    before = text[:offset]
    line = before.count("\n")
    column_text = before[before.rfind("\n") + 1:]
    return {"line": line, "character": len(column_text.encode("utf-16-le")) // 2}


def apply_edits(text: str, edits: list[dict]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to text, as an editor does."""
    def offset(position: dict) -> int:
        lines = text.split("\n")
        start = sum(len(line) + 1 for line in lines[:position["line"]])
        units = 0
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        for index, char in enumerate(line):
            if units >= position["character"]:
                return start + index
            units += len(char.encode("utf-16-le")) // 2
        return start + len(line)

    spans = sorted(((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


class Client:
    def __init__(self, cwd: Path, initialization_options: dict | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "yoshinani_lint", "server", "--stdio"], cwd=cwd,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.notifications: list[dict] = []
        self.applied_edits: list[dict] = []
        self.lock = threading.Condition()
        self._next_id = 0
        self._responses: dict[int, dict] = {}
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self.process.stderr.read, daemon=True).start()  # never blocks the pipe
        self.root = cwd
        self.capabilities = self.request("initialize", {
            "processId": None, "rootUri": cwd.as_uri(), "initializationOptions": initialization_options,
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "workspace": {"applyEdit": True, "didChangeWatchedFiles": {"dynamicRegistration": True}},
                "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                                 "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                                     "valueSet": ["quickfix", "refactor.rewrite", "source.fixAll"]}}},
                                 "publishDiagnostics": {"versionSupport": True}},
            }})["capabilities"]
        self.notify("initialized", {})

    # -- wire -------------------------------------------------------------------------------

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:  # a request from the server
                self._answer(message)
            with self.lock:
                if "id" in message and "method" not in message:
                    self._responses[message["id"]] = message
                else:
                    self.notifications.append(message)
                self.lock.notify_all()

    def _answer(self, message: dict) -> None:
        if message["method"] == "workspace/applyEdit":
            self.applied_edits.append(message["params"])
            self._send({"id": message["id"], "result": {"applied": True}})
        else:
            self._send({"id": message["id"], "result": None})

    def request(self, method: str, params: dict) -> dict | list | None:
        self._next_id += 1
        request_id = self._next_id
        self._send({"id": request_id, "method": method, "params": params})
        with self.lock:
            if not self.lock.wait_for(lambda: request_id in self._responses, TIMEOUT):
                raise TimeoutError(f"no answer to {method} in {TIMEOUT} s")
            response = self._responses.pop(request_id)
        if "error" in response:
            raise RuntimeError(f"{method}: {response['error']}")
        return response["result"]

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    def wait_for(self, predicate, what: str) -> dict:
        """The first notification since the last call to `mark` that satisfies predicate."""
        deadline = time.monotonic() + TIMEOUT
        with self.lock:
            while True:
                for message in self.notifications:
                    if predicate(message):
                        return message
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise TimeoutError(f"no {what} (server alive: {self.process.poll() is None})")
                self.lock.wait(left)

    def clear(self) -> None:
        with self.lock:
            self.notifications.clear()

    # -- an editor's conversation ------------------------------------------------------------

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict]:
        message = self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            and (version is None or m["params"].get("version") == version),
            f"diagnostics for {uri} version {version}")
        with self.lock:
            self.notifications.remove(message)
        return message["params"]["diagnostics"]

    def open(self, path: Path, text: str, language_id: str = "plaintext", version: int = 1) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language_id, "version": version, "text": text}})
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})

    def close(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def shutdown(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.process.wait(TIMEOUT)
        finally:
            self.kill()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
