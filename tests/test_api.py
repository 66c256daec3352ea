"""The Python API as a user imports it: typed results, clear errors for bad arguments."""

import re
from pathlib import Path

import pytest

import yoshinani_lint
from yoshinani_lint import Finding, fix_text, lint_text, load_config, rewrite_text

README = Path(__file__).resolve().parents[1] / "README.md"
DRAFT = "山田様\n\n納品が遅れてしまい、すみませんでした。\n"


def test_readme_example_runs(tmp_path, monkeypatch, capsys):
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Python API"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(tmp_path)  # load_config() finds nothing here: defaults
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert out.startswith("3:11 warning [bare-apology] 「すみませんでした」")


def test_lint_fix_rewrite_return_what_the_cli_reports():
    (finding,) = lint_text(DRAFT, select=["bare-apology"])
    assert isinstance(finding, Finding) and (finding.line, finding.column) == (3, 11)
    assert finding.to_json()["fix"]["text"] == "申し訳ございませんでした"
    fixed = fix_text(DRAFT, select=["bare-apology"])
    assert fixed.text == DRAFT.replace("すみませんでした", "申し訳ございませんでした")
    assert fixed.applied == 1 and fixed.findings == []
    rewritten = rewrite_text("修正版は後ほどお送りしたいと思います。")
    assert rewritten.text == "修正版は〇月〇日〇時までにお送りいたします。"
    assert [s.text for s in rewritten.slots] == ["〇月〇日〇時"]
    assert {f.rule_id for f in rewritten.findings} == {"unfilled-placeholder"}


def test_config_audience_severity_and_filename(tmp_path):
    config_file = tmp_path / ".yoshinani.yaml"
    config_file.write_text('per-file-ignores:\n  "internal/*": [bare-apology]\n', encoding="utf-8")
    config = load_config(config_file)
    assert lint_text(DRAFT, config=config, filename="internal/a.txt", select=["bare-apology"]) == []
    assert lint_text(DRAFT, config=str(config_file), filename="b.txt", select=["bare-apology"])
    assert lint_text(DRAFT, audience="internal", select=["bare-apology"])[0].severity == "info"
    assert lint_text(DRAFT, severity={"bare-apology": "off"}, select=["bare-apology"]) == []
    assert lint_text("`了解です`と入力してください。", filename="r.md", select=["keigo-misuse"]) == []


@pytest.mark.parametrize("call,error,words", [
    (lambda: lint_text(b"bytes"), TypeError, "text must be a str, not bytes"),
    (lambda: lint_text(None), TypeError, "text must be a str"),
    (lambda: lint_text("x", audience="boss"), ValueError, "audience must be one of client, internal"),
    (lambda: lint_text("x", select="bare-apology"), TypeError, "select must be a list"),
    (lambda: lint_text("x", ignore=["no-such-rule"]), ValueError, "unknown rule id 'no-such-rule'"),
    (lambda: lint_text("x", severity={"jargon": "loud"}), ValueError, "severity['jargon']"),
    (lambda: lint_text("x", config=42), TypeError, "config must be a Config"),
    (lambda: fix_text("x", unsafe="yes"), TypeError, "unsafe must be a bool"),
    (lambda: load_config("/no/such/config.yaml"), ValueError, "path: no config file"),
])
def test_bad_arguments_name_themselves(call, error, words):
    with pytest.raises(error, match=re.escape(words)):
        call()


def test_api_is_typed_and_lazy():
    assert (Path(yoshinani_lint.__file__).parent / "py.typed").exists()
    assert lint_text.__annotations__["return"] == "list[Finding]"
    with pytest.raises(AttributeError):
        yoshinani_lint.no_such_name  # noqa: B018


def test_the_engine_function_still_works():
    from yoshinani_lint.engine import lint_text as engine_lint_text

    assert [f.rule_id for f in engine_lint_text(DRAFT, select=["bare-apology"])] == ["bare-apology"]


@pytest.mark.parametrize("text, rule, words", [
    # two patterns of the rule read どうしましょう and どうしましょうか
    ("確認します。雨の場合はどうしましょうか。\n", "dump-on-client", ["どうしましょうか"]),
    ("先日お送りした資料、ご拝読いただけましたでしょうか。\n", "keigo-misuse", None),
    # two checks of the rule, one inside the other: the excuse as a reason, and 言われたとおり
    ("前回のお打ち合わせで言われたとおりのサイズで作成しましたので、修正の必要はないと考えております。\n",
     "blame-shift", None),
])
def test_one_occurrence_is_one_finding(text, rule, words):
    findings = lint_text(text, select=[rule])
    assert len(findings) == 1, [(f.start, f.end) for f in findings]
    if words:
        assert [text[f.start:f.end] for f in findings] == words
