"""Configuration files, their discovery, and the command line over them."""

import json

import pytest

from yoshinani_lint.cli import main

NG = "山田様\n\n納品が遅れてしまい、すみませんでした。\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "reply.txt").write_text(NG, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "drafts")
    return tmp_path


def ids(capsys, *args):
    code = main(["check", "--format", "json", *args])
    data = json.loads(capsys.readouterr().out)
    return code, [m["ruleId"] for entry in data for m in entry["messages"]], data


def severity_of(data, rule_id):
    return next(m["severity"] for e in data for m in e["messages"] if m["ruleId"] == rule_id)


def test_config_is_found_upward_and_applies(project, capsys):
    (project / ".yoshinani.yaml").write_text("select: [bare-apology]\nseverity:\n  bare-apology: error\n",
                                             encoding="utf-8")
    code, found, data = ids(capsys, "reply.txt")
    assert found == ["bare-apology"] and severity_of(data, "bare-apology") == "error" and code == 1


def test_pyproject_tool_table(project, capsys):
    (project / "pyproject.toml").write_text('[tool.yoshinani]\nselect = ["bare-apology"]\nfail-on = "error"\n',
                                            encoding="utf-8")
    code, found, _ = ids(capsys, "reply.txt")
    assert found == ["bare-apology"] and code == 0  # a warning does not fail at fail-on error


@pytest.mark.parametrize("toml", [
    '[tool]\nyoshinani = { select = ["bare-apology"] }\n',
    'tool.yoshinani.select = ["bare-apology"]\n',
    '[ tool . "yoshinani" ]\nselect = ["bare-apology"]\n',
    'tool = { yoshinani = { select = ["bare-apology"] } }\n',
])
def test_pyproject_every_toml_spelling_of_the_table_configures(project, capsys, toml):
    (project / "pyproject.toml").write_text(toml + '[project]\nname = "x"\n', encoding="utf-8")
    _, found, _ = ids(capsys, "reply.txt")
    assert found == ["bare-apology"]


def test_pyproject_without_our_table_is_passed_over(project, capsys):
    (project / "drafts" / "pyproject.toml").write_text(
        '[project]\nname = "yoshinani-notes"\n[tool.black]\nline-length = 99\n', encoding="utf-8")
    (project / ".yoshinani.yaml").write_text("select: [bare-apology]\n", encoding="utf-8")
    _, found, _ = ids(capsys, "reply.txt")
    assert found == ["bare-apology"]  # the search went on upward


def test_dotfile_wins_over_pyproject_in_the_same_folder(project, capsys):
    (project / "pyproject.toml").write_text('[tool.yoshinani]\nselect = ["blame-shift"]\n', encoding="utf-8")
    (project / ".yoshinani.yaml").write_text("select: [bare-apology]\n", encoding="utf-8")
    assert ids(capsys, "reply.txt")[1] == ["bare-apology"]


def test_command_line_overrides_and_isolated(project, capsys):
    (project / ".yoshinani.yaml").write_text("select: [bare-apology]\nfail-on: error\n", encoding="utf-8")
    assert ids(capsys, "--fail-on", "warning", "reply.txt")[0] == 1
    code, found, _ = ids(capsys, "--isolated", "reply.txt")
    assert code == 1 and len(set(found)) >= 1
    other = project / "other.yaml"
    other.write_text("ignore: [bare-apology]\n", encoding="utf-8")
    assert "bare-apology" not in ids(capsys, "--config", str(other), "reply.txt")[1]


def test_audience_internal_relaxes_register_rules(project, capsys):
    (project / ".yoshinani.yaml").write_text("select: [bare-apology]\n", encoding="utf-8")
    _, _, data = ids(capsys, "--audience", "internal", "reply.txt")
    assert severity_of(data, "bare-apology") == "info"
    (project / ".yoshinani.yaml").write_text("select: [bare-apology]\naudience: internal\n", encoding="utf-8")
    code, _, data = ids(capsys, "reply.txt")
    assert severity_of(data, "bare-apology") == "info" and code == 0


def test_per_file_ignores_and_exclude(project, capsys):
    (project / "drafts" / "skip").mkdir()
    (project / "drafts" / "skip" / "old.txt").write_text(NG, encoding="utf-8")
    (project / "drafts" / "chat.txt").write_text(NG, encoding="utf-8")
    (project / ".yoshinani.yaml").write_text(
        "select: [bare-apology]\nper-file-ignores:\n  'drafts/chat.txt': [bare-apology]\nexclude: ['drafts/skip']\n",
        encoding="utf-8")
    _, _, data = ids(capsys, ".")
    by_file = {e["filePath"]: [m["ruleId"] for m in e["messages"]] for e in data}
    assert by_file == {"./chat.txt": [], "./reply.txt": ["bare-apology"]}


@pytest.mark.parametrize("content,expected", [
    ("selct: [bare-apology]\n", "key 'selct': unknown key (did you mean 'select'?)"),
    ("select: [bare-apologie]\n", "key 'select': unknown rule id 'bare-apologie' (did you mean 'bare-apology'?)"),
    ("fail-on: sometimes\n", "key 'fail-on': must be one of error, warning, info"),
    ("severity:\n  jargon: loud\n", "key 'severity.jargon': must be one of error, warning, info, off"),
    ("audience: intern\n", "key 'audience': must be one of client, internal"),
    ("exclude: 3\n", "key 'exclude': must be a list of strings"),
    ("select: [\n", "broken YAML"),
])
def test_config_errors_name_file_and_key(project, capsys, content, expected):
    (project / ".yoshinani.yaml").write_text(content, encoding="utf-8")
    assert main(["check", "reply.txt"]) == 2
    err = capsys.readouterr().err
    assert str(project / ".yoshinani.yaml") in err and expected in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_init_writes_a_starter_that_loads_and_config_shows_origins(project, capsys):
    assert main(["init"]) == 0
    assert (project / "drafts" / ".yoshinani.yaml").exists()
    assert main(["init"]) == 2  # never overwrites silently
    capsys.readouterr()
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert f"fail-on: \"warning\"  # {project / 'drafts' / '.yoshinani.yaml'}" in out
    assert main(["check", "reply.txt"]) == 1  # the starter is a valid config


def test_config_reports_command_line_origin(project, capsys):
    (project / ".yoshinani.yaml").write_text("fail-on: error\n", encoding="utf-8")
    main(["config"])
    out = capsys.readouterr().out
    assert f'fail-on: "error"  # {project / ".yoshinani.yaml"}' in out
    assert 'audience: "client"  # default' in out


def test_jargon_list_can_be_extended_and_emptied(project, capsys):
    (project / "drafts" / "tech.txt").write_text("SSOの設定を変更し、APIを更新しました。\n", encoding="utf-8")
    (project / ".yoshinani.yaml").write_text("select: [jargon]\njargon:\n  add: [SSO]\n  remove: [API]\n",
                                             encoding="utf-8")
    _, found, data = ids(capsys, "tech.txt")
    flagged = [m["column"] for e in data for m in e["messages"]]
    assert found == ["jargon"] and flagged == [1]  # SSO flagged, API no longer
    words = "[デプロイ, リポジトリ, レポジトリ, プルリクエスト, プルリク, マージ, キャッシュ, ステージング, " \
            "リファクタリング, リファクタ, コミット, DNS, ＤＮＳ, API, ＡＰＩ]"
    (project / ".yoshinani.yaml").write_text(f"select: [jargon]\njargon:\n  remove: {words}\n", encoding="utf-8")
    assert ids(capsys, "tech.txt")[:2] == (0, [])


def test_a_folder_the_search_may_not_look_into_is_passed_over(tmp_path, monkeypatch):
    """Run from inside a folder the user cannot read (a checkout under a 0700 home): the
    search goes on upward instead of failing with a misleading output error."""
    from pathlib import Path

    from yoshinani_lint.config import find_config

    (tmp_path / ".yoshinani.yaml").write_text("ignore: [jargon]\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_is_file = Path.is_file

    def is_file(path):
        if path.parent == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_is_file(path)

    monkeypatch.setattr(Path, "is_file", is_file)
    assert find_config(locked) == tmp_path / ".yoshinani.yaml"
