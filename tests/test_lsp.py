"""The language server, driven as an editor drives it: a subprocess speaking JSON-RPC over
stdio (tests/lsp_client.py). One server serves the module; each test opens its own files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra (pip install '.[lsp]')")

from lsp_client import Client, apply_edits, utf16_position  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NG = (ROOT / "examples" / "ng-delay-apology.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("workspace")


@pytest.fixture(scope="module")
def client(workspace):
    os.environ.setdefault("YOSHINANI_CACHE_DIR", str(workspace.parent / "cache"))
    client = Client(workspace)
    yield client
    client.kill()


def by_code(diagnostics, code):
    return [d for d in diagnostics if d["code"] == code]


def code_actions(client, uri, diagnostic):
    return client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diagnostic["range"],
        "context": {"diagnostics": [diagnostic]}})


def test_initialize_advertises_what_an_editor_needs(client):
    caps = client.capabilities
    assert caps["positionEncoding"] == "utf-16"
    assert caps["hoverProvider"]
    assert "quickfix" in caps["codeActionProvider"]["codeActionKinds"]
    assert set(caps["executeCommandProvider"]["commands"]) == {"yoshinani.rewrite", "yoshinani.fixAll"}


def test_ranges_count_utf16_units_past_emoji_and_surrogate_pairs(client, workspace):
    # 🙇‍♀️ is 4 code points / 5 UTF-16 units, 𠮷 one character / 2 units: a server counting
    # characters (or bytes) would underline the wrong words.
    text = "𠮷野様\r\n\r\n🙇‍♀️𠮷田の件、本当にすみませんでした。\r\n明日は😀後ほどお送りします。\r\n"
    uri = client.open(workspace / "emoji.txt", text)
    diagnostics = client.diagnostics(uri)
    lines = text.split("\n")
    (apology,) = by_code(diagnostics, "bare-apology")
    start = text.index("すみませんでした")
    # positions computed independently: the line's text before the span, in UTF-16 units
    assert apology["range"]["start"] == utf16_position(text, start)
    assert apology["range"]["end"] == utf16_position(text, start + len("すみませんでした"))
    assert apology["range"]["start"] == {"line": 2, "character": len("🙇‍♀️𠮷田の件、本当に".encode("utf-16-le")) // 2}
    (timing,) = by_code(diagnostics, "vague-timing")
    assert timing["range"]["start"] == {"line": 3, "character": 5}  # 明日は😀 = 3 + 2 units
    assert lines[3][:4] == "明日は😀"
    assert apology["severity"] == 2 and apology["source"] == "yoshinani"
    assert "申し訳ございません" in apology["message"]  # the suggested rewrite travels with it
    assert "yoshinani explain bare-apology" in apology["message"]


def test_change_is_debounced_and_the_last_text_wins(client, workspace):
    uri = client.open(workspace / "typing.txt", "ご連絡ありがとうございます。本日17時までに修正版をお送りいたします。\n")
    assert client.diagnostics(uri, version=1) == []
    for version, text in enumerate(["すみ", "すみません", "すみません、後ほどお送りします。"], start=2):
        client.change(uri, version, text)
    final = client.diagnostics(uri, version=4)
    assert {d["code"] for d in final} >= {"bare-apology", "vague-timing"}
    # a request right after a change answers for the new text, not the last published lint
    client.change(uri, 5, "ご連絡ありがとうございます。本日17時までに修正版をお送りいたします。")
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 0, "character": 1}})
    assert hover is None
    assert not any(d["code"] == "bare-apology" for d in client.diagnostics(uri, version=5))


def test_safe_fix_is_the_preferred_quick_fix(client, workspace):
    uri = client.open(workspace / "fix.txt", NG)
    diagnostics = client.diagnostics(uri)
    (apology,) = by_code(diagnostics, "bare-apology")
    actions = code_actions(client, uri, apology)
    preferred = [a for a in actions if a.get("isPreferred")]
    assert len(preferred) == 1 and preferred[0]["kind"] == "quickfix"
    fixed = apply_edits(NG, preferred[0]["edit"]["changes"][uri])
    assert "申し訳ございません、なぜか" in fixed and "すみません" not in fixed
    # a .txt draft cannot carry a suppression comment (it would be sent to the client)
    assert not any("無効にする" in a["title"] for a in actions)


def test_unsafe_rewrite_and_missing_sentence_inserts_are_offered(client, workspace):
    uri = client.open(workspace / "unsafe.txt", NG)
    diagnostics = client.diagnostics(uri)
    (timing,) = by_code(diagnostics, "vague-timing")
    (action,) = [a for a in code_actions(client, uri, timing) if "書き換える（要確認）" in a["title"]]
    assert not action.get("isPreferred")
    assert "修正版は〇月〇日〇時までにお送り" in apply_edits(NG, action["edit"]["changes"][uri])
    (next_step,) = by_code(diagnostics, "no-next-step")
    inserts = [a for a in code_actions(client, uri, next_step) if "書き足す" in a["title"]]
    inserted = apply_edits(NG, inserts[0]["edit"]["changes"][uri])
    assert "納品が遅れてしまいました。〇月〇日〇時までに、〇〇をお送りいたします。" in inserted
    client.change(uri, 2, inserted)
    assert not by_code(client.diagnostics(uri, version=2), "no-next-step")


def test_markdown_disable_actions_suppress_the_finding(client, workspace):
    text = "# 返信\n\nデプロイは本日完了しました。\n\nキャッシュも削除しました。\n"
    uri = client.open(workspace / "reply.md", text, language_id="markdown")
    (deploy, cache) = by_code(client.diagnostics(uri), "jargon")
    line_action = next(a for a in code_actions(client, uri, deploy) if "この行では jargon" in a["title"])
    once = apply_edits(text, line_action["edit"]["changes"][uri])
    assert "<!-- yoshinani-disable-next-line jargon -->\nデプロイ" in once
    client.change(uri, 2, once)
    (left,) = by_code(client.diagnostics(uri, version=2), "jargon")
    assert left["range"]["start"]["line"] == 5  # only キャッシュ, one line further down
    file_action = next(a for a in code_actions(client, uri, left) if "このファイルでは jargon" in a["title"])
    twice = apply_edits(once, file_action["edit"]["changes"][uri])
    assert twice.startswith("<!-- yoshinani-disable jargon -->\n# 返信")
    client.change(uri, 3, twice)
    after = client.diagnostics(uri, version=3)
    assert not by_code(after, "jargon")
    assert not by_code(after, "unused-suppression")


def test_an_unused_suppression_has_a_quick_fix_that_deletes_it(client, workspace):
    text = "<!-- yoshinani-disable-next-line jargon -->\n本日、資料をお送りいたします。\n"
    uri = client.open(workspace / "stale.md", text, language_id="markdown")
    (unused,) = by_code(client.diagnostics(uri), "unused-suppression")
    (remove,) = [a for a in code_actions(client, uri, unused) if a["kind"] == "quickfix"]
    assert apply_edits(text, remove["edit"]["changes"][uri]) == "本日、資料をお送りいたします。\n"


def _cli(*args, stdin: str) -> str:
    return subprocess.run([sys.executable, "-m", "yoshinani_lint", *args], input=stdin.encode("utf-8"),
                          capture_output=True, check=False).stdout.decode("utf-8")


@pytest.mark.parametrize("command, cli_args", [("yoshinani.rewrite", ("rewrite", "-")),
                                              ("yoshinani.fixAll", ("fix", "-"))])
def test_commands_apply_the_cli_result_through_apply_edit(client, workspace, command, cli_args):
    name = command.split(".")[1]
    uri = client.open(workspace / f"{name}.txt", NG)
    client.diagnostics(uri)
    client.applied_edits.clear()
    result = client.request("workspace/executeCommand", {"command": command, "arguments": [uri]})
    assert result == {"applied": True}
    (applied,) = client.applied_edits
    new_text = apply_edits(NG, applied["edit"]["changes"][uri])
    assert new_text == _cli(*cli_args, "--isolated", stdin=NG)  # exactly what the CLI writes
    assert new_text != NG


def test_hover_shows_what_explain_prints(client, workspace):
    uri = client.open(workspace / "hover.txt", NG)
    (apology,) = by_code(client.diagnostics(uri), "bare-apology")
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": apology["range"]["start"]})
    value = hover["contents"]["value"]
    explain = _cli("explain", "bare-apology", "--isolated", stdin="")
    assert hover["contents"]["kind"] == "markdown"
    assert "なぜ:" in value and "悪い例:" in value and "良い例:" in value
    for line in explain.splitlines():
        assert line in value
    assert hover["range"] == apology["range"]


@pytest.mark.parametrize("name, text, expected", [
    ("binary.txt", "PNG\x00\x01\x02すみません", "バイナリ"),
    ("huge.txt", "すみません。" * 30_000, "長すぎる"),
    ("surrogate.txt", "すみません\udc80でした。", "サロゲート"),
])
def test_a_bad_document_gets_a_message_and_the_server_lives(client, workspace, name, text, expected):
    uri = client.open(workspace / name, text)
    (problem,) = client.diagnostics(uri)
    assert problem["code"] == "unreadable-draft" and expected in problem["message"]
    ok = client.open(workspace / f"after-{name}", "すみません。")
    assert by_code(client.diagnostics(ok), "bare-apology")


def test_mojibake_is_reported_next_to_the_findings(client, workspace):
    text = "お世話になっております。\n\ufffd\ufffdすみませんでした。\n"
    diagnostics = client.diagnostics(client.open(workspace / "mojibake.txt", text))
    (problem,) = by_code(diagnostics, "unreadable-draft")
    assert problem["range"]["start"] == {"line": 1, "character": 0} and "文字化け" in problem["message"]
    assert by_code(diagnostics, "bare-apology")


def test_eml_body_is_checked_in_place_and_encoded_bodies_are_explained(client, workspace):
    headers = "From: mori@example.jp\nSubject: =?UTF-8?B?5Lu25ZCN?=\nContent-Type: text/plain; charset=utf-8\n\n"
    text = headers + "高橋様\n\nすみません、後ほどお送りします。\n"
    diagnostics = client.diagnostics(client.open(workspace / "reply.eml", text))
    (apology,) = by_code(diagnostics, "bare-apology")
    assert apology["range"]["start"] == utf16_position(text, text.index("すみません"))
    encoded = headers.replace("charset=utf-8", "charset=utf-8\nContent-Transfer-Encoding: base64") + "44GZ44G/\n"
    (problem,) = client.diagnostics(client.open(workspace / "encoded.eml", encoded))
    assert problem["code"] == "unreadable-draft" and "yoshinani check" in problem["message"]


def test_other_documents_are_left_alone_unless_configured(client, workspace):
    uri = client.open(workspace / "script.py", "# すみません\n", language_id="python")
    client.open(workspace / "marker.txt", "すみません。")
    client.diagnostics((workspace / "marker.txt").as_uri())  # the server has handled both
    assert not any(m.get("params", {}).get("uri") == uri for m in client.notifications)


def test_workspace_config_is_used_reloaded_and_its_errors_shown(client, workspace):
    project = workspace / "project"
    project.mkdir()
    config = project / ".yoshinani.yaml"
    config.write_text("ignore: [bare-apology]\n", encoding="utf-8")
    uri = client.open(project / "draft.txt", "すみません、後ほどお送りします。")
    assert "bare-apology" not in {d["code"] for d in client.diagnostics(uri)}

    def changed(version_text: str) -> None:
        config.write_text(version_text, encoding="utf-8")
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})

    client.clear()
    changed("ignore: [bare-apologyy]\n")  # a typo: the server says so, once, and keeps running
    shown = client.wait_for(lambda m: m.get("method") == "window/showMessage", "showMessage")
    assert shown["params"]["type"] == 1
    assert str(config) in shown["params"]["message"] and "did you mean 'bare-apology'" in shown["params"]["message"]
    assert client.diagnostics(uri) == []
    changed("ignore: []\n")
    assert "bare-apology" in {d["code"] for d in client.diagnostics(uri)}


def test_shutdown_and_exit_end_the_process_cleanly(workspace):
    client = Client(workspace)
    try:
        uri = client.open(workspace / "last.txt", "すみません。")
        assert client.diagnostics(uri)
        assert client.shutdown() == 0
    finally:
        client.kill()


def test_check_never_imports_the_language_server(tmp_path):
    draft = tmp_path / "reply.txt"
    draft.write_text("すみません。", encoding="utf-8")
    code = ("import sys\nfrom yoshinani_lint.cli import main\ntry:\n    main(['check', sys.argv[1]])\n"
            "finally:\n    print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))")
    out = subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True)
    assert out.stdout.strip().endswith("[]"), out.stdout


def test_server_without_pygls_says_how_to_install_it():
    code = ("import sys\nsys.modules['pygls'] = None\nfrom yoshinani_lint.cli import main\n"
            "sys.exit(main(['server']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.strip() == "yoshinani: error: the language server needs pygls: pip install 'yoshinani-lint[lsp]'"
