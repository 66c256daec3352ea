"""The formats for tools: concise (editors, grep), github (Actions annotations), sarif (code scanning)."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from yoshinani_lint import __version__
from yoshinani_lint.cli import main
from yoshinani_lint.findings import Finding
from yoshinani_lint.output import github, sarif
from yoshinani_lint.output.concise import render as render_concise
from yoshinani_lint.rule import Fix

NG = "山田様\n\nお世話になっております。\n納品が遅れてしまい、すみませんでした。\n"
OK = "山田様\n\nご連絡ありがとうございます。\n"
MESSAGE = "「すみませんでした」は取引先への謝罪としては軽く聞こえます。「申し訳ございませんでした」と丁寧に謝りましょう。"
SCHEMA = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    """ng.txt and ok.txt in the working directory, given by relative path as a user would."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ng.txt").write_text(NG, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    return tmp_path


def run(capsys, fmt, *paths, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8"))
    code = main(["check", "--format", fmt, "--select", "bare-apology", *paths])
    out, err = capsys.readouterr()
    return code, out, err


def finding(message="m", severity="warning", line=1, column=1, end_line=1, end_column=2, fix=None):
    return Finding("some-rule", severity, message, 0, 1, line, column, end_line, end_column,
                   0, "x", [], fix)


# --- concise ---------------------------------------------------------------------------------


def test_concise_is_one_line_per_finding_and_nothing_else(capsys, drafts):
    code, out, _ = run(capsys, "concise", "ok.txt", "ng.txt", "ng.txt")
    assert code == 1
    assert out.splitlines() == [f"ng.txt:4:11: warning [bare-apology] {MESSAGE}"] * 2
    assert out.endswith("\n")


def test_concise_prints_nothing_for_a_clean_draft(capsys, drafts):
    code, out, _ = run(capsys, "concise", "ok.txt")
    assert code == 0 and out == ""


def test_concise_keeps_stdin_name_and_a_multiline_message_on_one_line(capsys, drafts, monkeypatch):
    _, out, _ = run(capsys, "concise", "-", stdin=NG, monkeypatch=monkeypatch)
    assert out == f"-:4:11: warning [bare-apology] {MESSAGE}\n"
    assert render_concise([("a.txt", [finding("一行目\n二行目")])]) == "a.txt:1:1: warning [some-rule] 一行目 二行目"


# --- github ----------------------------------------------------------------------------------


def test_github_workflow_commands(capsys, drafts, monkeypatch):
    code, out, _ = run(capsys, "github", "ok.txt", "ng.txt", "-", stdin=NG, monkeypatch=monkeypatch)
    assert code == 1
    assert out.splitlines() == [
        "::warning file=ng.txt,line=4,col=11,endLine=4,endColumn=19,title=yoshinani (bare-apology)::"
        + MESSAGE,
        # standard input has no file to attach the annotation to
        "::warning line=4,col=11,endLine=4,endColumn=19,title=yoshinani (bare-apology)::" + MESSAGE,
    ]


def test_github_prints_nothing_for_a_clean_draft(capsys, drafts):
    assert run(capsys, "github", "ok.txt")[:2] == (0, "")


def test_github_escaping_matches_the_actions_toolkit():
    # command.ts: escapeData replaces % first, then CR and LF; escapeProperty also : and ,
    assert github.escape_data("100%, a:b\r\nnext") == "100%25, a:b%0D%0Anext"
    assert github.escape_property("100%, a:b\r\nnext") == "100%25%2C a%3Ab%0D%0Anext"
    assert github.escape_data("%0A") == "%250A"  # already-escaped text stays literal


def test_github_command_escapes_message_and_properties_and_maps_severity():
    f = finding("理由: 軽い, 重い\n次の行 100%", severity="error", line=2, column=3, end_line=2,
                end_column=5)
    assert github.command("dir,1/a:b.txt", f) == (
        "::error file=dir%2C1/a%3Ab.txt,line=2,col=3,endLine=2,endColumn=5,"
        "title=yoshinani (some-rule)::理由: 軽い, 重い%0A次の行 100%25")
    assert github.command("a.txt", finding(severity="warning")).startswith("::warning ")
    assert github.command("a.txt", finding(severity="info")).startswith("::notice ")


def test_github_omits_columns_for_a_span_over_several_lines():
    # @actions/core: columns "cannot be sent when startLine and endLine are different values"
    f = finding(line=2, column=3, end_line=4, end_column=2)
    assert github.command("a.txt", f) == "::warning file=a.txt,line=2,endLine=4,title=yoshinani (some-rule)::m"


# --- sarif -----------------------------------------------------------------------------------


def validate(log: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    cls(schema, format_checker=cls.FORMAT_CHECKER).validate(log)


def test_schema_fixture_is_the_sarif_2_1_0_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert {"run", "result", "region", "fix", "replacement", "reportingDescriptor"} <= set(schema["definitions"])


def test_sarif_is_valid_and_describes_results_rules_regions_and_fixes(capsys, drafts, monkeypatch):
    code, out, _ = run(capsys, "sarif", "ok.txt", "ng.txt", "-", stdin=NG, monkeypatch=monkeypatch)
    assert code == 1
    log = json.loads(out)
    validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "yoshinani-lint" and driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == ["bare-apology"]  # the rules that ran
    rule = driver["rules"][0]
    assert rule["defaultConfiguration"] == {"level": "warning"}
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == drafts.as_uri() + "/"

    results = run_["results"]
    assert len(results) == 2
    first, from_stdin = results
    assert first["ruleId"] == "bare-apology" and driver["rules"][first["ruleIndex"]]["id"] == "bare-apology"
    assert first["level"] == "warning"
    assert first["message"]["text"] == MESSAGE
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "ng.txt", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 4, "startColumn": 11, "endLine": 4, "endColumn": 19}
    assert from_stdin["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stdin"
    assert first["partialFingerprints"] == from_stdin["partialFingerprints"]  # same text, same hash

    (fix,) = first["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == physical["artifactLocation"]
    (replacement,) = change["replacements"]
    start = NG.index("すみませんでした")
    assert replacement == {"deletedRegion": {"charOffset": start, "charLength": 8},
                           "insertedContent": {"text": "申し訳ございませんでした"}}
    region = replacement["deletedRegion"]
    fixed = NG[:region["charOffset"]] + replacement["insertedContent"]["text"] \
        + NG[region["charOffset"] + region["charLength"]:]
    assert "申し訳ございませんでした。" in fixed and "すみません" not in fixed


def test_sarif_for_a_clean_draft_is_valid_with_no_results(capsys, drafts):
    code, out, _ = run(capsys, "sarif", "ok.txt")
    log = json.loads(out)
    validate(log)
    assert code == 0 and log["runs"][0]["results"] == []
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == ["bare-apology"]


def test_sarif_paths_become_relative_uris_with_forward_slashes(tmp_path):
    cwd = str(tmp_path)
    assert sarif.artifact_location("sub/./返信 1.txt", cwd) == {
        "uri": "sub/%E8%BF%94%E4%BF%A1%201.txt", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location(str(tmp_path / "sub" / "a.txt"), cwd) == {
        "uri": "sub/a.txt", "uriBaseId": "%SRCROOT%"}
    elsewhere = tmp_path.parent / "elsewhere.txt"
    assert sarif.artifact_location(str(elsewhere), cwd) == {"uri": elsewhere.as_uri()}
    assert sarif.artifact_location("-", cwd)["uri"] == "stdin"


def test_sarif_without_rule_objects_levels_and_unknown_rules():
    fix = Fix(0, 1, "", safe=False)
    results = [("a.txt", [finding(severity="info"), finding(severity="error", fix=fix)])]
    log = sarif.build(results, cwd="/")
    validate(log)
    run_ = log["runs"][0]
    assert run_["tool"]["driver"]["rules"] == [{"id": "some-rule"}]
    assert [r["level"] for r in run_["results"]] == ["note", "error"]
    assert [r["ruleIndex"] for r in run_["results"]] == [0, 0]
    # two findings on the same text get different fingerprints
    prints = [r["partialFingerprints"]["yoshinaniFindingHash/v1"] for r in run_["results"]]
    assert len(set(prints)) == 2
    (change,) = run_["results"][1]["fixes"][0]["artifactChanges"]
    assert change["replacements"][0] == {"deletedRegion": {"charOffset": 0, "charLength": 1},
                                         "insertedContent": {"text": ""}}


# --- wiring ----------------------------------------------------------------------------------


def test_only_the_chosen_format_is_imported(drafts):
    code = (
        "import sys; from yoshinani_lint.cli import main; "
        "main(['check', '--format', 'concise', '--select', 'bare-apology', 'ok.txt']); "
        "print(sorted(m for m in sys.modules if m.startswith('yoshinani_lint.output.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['yoshinani_lint.output.concise']"
