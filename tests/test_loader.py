"""Rule files: a broken or untested rule is refused with one line naming file, rule and key."""

import textwrap

import pytest

from yoshinani_lint.cli import main
from yoshinani_lint.errors import RuleError
from yoshinani_lint.loader import builtin_rules_dir, load_rule_file, load_rules

GOOD_RULE = """\
id: polite-test
description: テスト用のルール
severity: warning
pillar: 信頼構築力
message: テストです
why: テスト用です
suggest: 「〇〇」
checks:
  - kind: pattern
    patterns:
      - regex: 'ダメです'
      - tokens: [{lemma: 無理}, {surface: です}]
examples:
  bad: [それはダメです。, それは無理です。]
  good: [それは難しい状況です。]
"""


def write(tmp_path, text, name="polite-test.yml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(path) -> str:
    with pytest.raises(RuleError) as exc:
        load_rule_file(path)
    return str(exc.value)


def test_a_valid_rule_loads_and_runs(tmp_path):
    rule = load_rule_file(write(tmp_path, GOOD_RULE))
    assert rule.id == "polite-test" and rule.kinds == ["pattern"]


def test_broken_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, "id: x\nchecks: [\n  - kind: pattern\n")
    message = error_of(path)
    assert str(path) in message and "broken YAML" in message and "line" in message


def test_missing_key_names_the_rule_and_key(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("message: テストです\n", ""))
    assert error_of(path) == f"{path}: rule 'polite-test': key 'message': is required"


def test_rule_without_good_examples_is_refused(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("  good: [それは難しい状況です。]\n", ""))
    assert "key 'examples.good'" in error_of(path)


def test_bad_example_that_does_not_fire_is_an_error(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("それは無理です。]", "それは無理です。, 問題ありません。]"))
    assert "key 'examples.bad[2]'" in error_of(path)


def test_good_example_that_fires_is_an_error(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("good: [それは難しい状況です。]", "good: [ダメです。]"))
    assert "examples.good[0]" in error_of(path)


def test_pattern_that_matches_no_bad_example_is_an_error(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("      - regex: 'ダメです'\n",
                                             "      - regex: 'ダメです'\n      - regex: '不可です'\n"))
    message = error_of(path)
    assert "key 'checks[0].patterns[1]'" in message and "matches none" in message


def test_unknown_key_and_bad_regex_and_bad_kind(tmp_path):
    assert "key 'checks[0].patern'" in error_of(
        write(tmp_path, GOOD_RULE.replace("    patterns:", "    patern: []\n    patterns:")))
    assert "invalid regular expression" in error_of(
        write(tmp_path, GOOD_RULE.replace("'ダメです'", "'ダメ(です'")))
    assert "key 'checks[0].kind'" in error_of(
        write(tmp_path, GOOD_RULE.replace("kind: pattern", "kind: existence")))


def test_cli_reports_a_broken_rule_file_in_one_line(tmp_path, capsys):
    write(tmp_path, GOOD_RULE.replace("severity: warning", "severity: fatal"))
    draft = tmp_path / "draft.txt"
    draft.write_text("承知いたしました。", encoding="utf-8")
    assert main(["check", "--rules", str(tmp_path), str(draft)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "key 'severity'" in err and "polite-test" in err
    assert "Traceback" not in err


def test_user_rules_run_beside_the_builtin_ones(tmp_path, capsys):
    write(tmp_path, GOOD_RULE)
    draft = tmp_path / "draft.txt"
    draft.write_text("それはダメです。\n", encoding="utf-8")
    assert main(["check", "--rules", str(tmp_path), "--format", "json", str(draft)]) == 1
    assert '"ruleId": "polite-test"' in capsys.readouterr().out


def test_cache_is_invalidated_when_a_rule_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("YOSHINANI_CACHE_DIR", str(tmp_path / "cache"))
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    path = write(rules_dir, GOOD_RULE)
    first = load_rules([rules_dir])
    assert any(r.id == "polite-test" for r in first)
    assert list((tmp_path / "cache").iterdir()), "a proved rule set is cached"
    again = load_rules([rules_dir])
    assert [r.id for r in again] == [r.id for r in first]
    path.write_text(GOOD_RULE.replace("id: polite-test", "id: polite-test2"), encoding="utf-8")
    assert any(r.id == "polite-test2" for r in load_rules([rules_dir]))


def test_builtin_rules_are_one_file_per_rule_named_by_id():
    for rule in load_rules(use_cache=False):
        assert rule.file.endswith(f"{rule.id}.yml")
        assert str(builtin_rules_dir()) in rule.file


def test_cached_rule_set_finds_exactly_what_a_fresh_one_finds(tmp_path, monkeypatch):
    """The cache stores compiled regex programs and literal prefilters; a run from it must
    behave exactly like a run that parsed and proved every rule."""
    from pathlib import Path

    from corpus_eval import load_corpus
    from yoshinani_lint.engine import lint_text
    from yoshinani_lint import rule_cache
    from yoshinani_lint.loader import source_files

    monkeypatch.setenv("YOSHINANI_CACHE_DIR", str(tmp_path / "cache"))
    fresh = load_rules(use_cache=False)
    load_rules()  # proves and writes the cache
    concept_files, files = source_files()
    entry = rule_cache.entry_name([str(f) for f in concept_files + files])
    assert (tmp_path / "cache" / entry).exists()
    cached = load_rules()
    drafts = [p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parents[1].glob("examples/*.txt"))]
    drafts += [d for entry in load_corpus().values() for d in entry["fire"] + entry["clean"]][::7]
    for draft in drafts:
        a = [(f.rule_id, f.start, f.end, f.message) for f in lint_text(draft, rules=fresh)]
        b = [(f.rule_id, f.start, f.end, f.message) for f in lint_text(draft, rules=cached)]
        assert a == b, draft


def test_cache_sees_an_edit_that_keeps_size_and_mtime(tmp_path, monkeypatch):
    """A checkout or a copy that preserves times must not leave the old rule running."""
    import os

    monkeypatch.setenv("YOSHINANI_CACHE_DIR", str(tmp_path / "cache"))
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    path = write(rules_dir, GOOD_RULE)
    st = os.stat(path)
    assert "polite-test" in [r.id for r in load_rules([rules_dir])]
    edited = GOOD_RULE.replace("id: polite-test", "id: polite-tezt")  # same length
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(path).st_size == st.st_size
    assert "polite-tezt" in [r.id for r in load_rules([rules_dir])]


def test_stat_index_names_the_entry_and_sees_an_edit_that_keeps_size_and_mtime(tmp_path, monkeypatch):
    """The stat index spares hashing the files' content; an edit keeping size and mtime
    changes the ctime, so the old signature no longer names the entry."""
    import os

    from yoshinani_lint import rule_cache
    from yoshinani_lint.loader import source_files

    monkeypatch.setenv("YOSHINANI_CACHE_DIR", str(tmp_path / "cache"))
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    path = write(rules_dir, GOOD_RULE)
    files = [str(f) for group in source_files([rules_dir]) for f in group]
    first = rule_cache.entry_name(files)
    assert not (tmp_path / "cache" / rule_cache.INDEX).exists()  # the rule file was just written: racy
    monkeypatch.setattr(rule_cache, "_RACY_NS", 0)
    assert rule_cache.entry_name(files) == first  # hashed, and now recorded
    assert first in (tmp_path / "cache" / rule_cache.INDEX).read_text(encoding="utf-8")
    read = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: read.append(a[0]) or _open(*a, **k))
    assert rule_cache.entry_name(files) == first
    assert str(path) not in read  # named by the index, no rule file read
    monkeypatch.undo()
    monkeypatch.setenv("YOSHINANI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(rule_cache, "_RACY_NS", 0)
    st = os.stat(path)
    path.write_text(GOOD_RULE.replace("id: polite-test", "id: polite-tezt"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(path).st_size == st.st_size
    assert rule_cache.entry_name(files) != first
    assert "polite-tezt" in [r.id for r in load_rules([rules_dir])]


_open = open


def test_cache_keeps_a_few_entries_and_removes_older_ones(tmp_path, monkeypatch):
    from yoshinani_lint import rule_cache
    from yoshinani_lint.loader import source_files

    monkeypatch.setattr(rule_cache, "KEEP", 2)  # each new entry proves every rule: keep it short
    cache = tmp_path / "cache"
    monkeypatch.setenv("YOSHINANI_CACHE_DIR", str(cache))
    cache.mkdir()
    (cache / "rules-0123456789abcdef0123456789abcdef.marshal").write_bytes(b"old format")
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    path = write(rules_dir, GOOD_RULE)
    for n in range(rule_cache.KEEP + 1):  # every edit of the rule makes a new entry
        path.write_text(GOOD_RULE.replace("テストです", f"テスト{n}です"), encoding="utf-8")
        load_rules([rules_dir])
    entries = sorted(p.name for p in cache.iterdir() if p.name != rule_cache.INDEX)
    assert len(entries) == rule_cache.KEEP and all(e.endswith(".pickle") for e in entries)
    current = rule_cache.entry_name([str(f) for group in source_files([rules_dir]) for f in group])
    assert current in entries


def test_unwritable_cache_folder_is_reported_once_and_not_paid_on_every_run(tmp_path, monkeypatch, capsys):
    import tempfile

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")  # a file where the folder should be: even root cannot write
    monkeypatch.setenv("YOSHINANI_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    write(rules_dir, GOOD_RULE)
    load_rules([rules_dir])
    warning = capsys.readouterr().err
    assert warning.count("\n") == 1 and "cannot write the rule cache" in warning and str(blocker) in warning
    assert list((tmp_path / "tmp").glob("yoshinani-lint-*/rules-*.pickle")), "the entry went to the fallback"
    from yoshinani_lint import loader

    proved = []
    monkeypatch.setattr(loader, "prove_rule", lambda rule: proved.append(rule.id))
    assert "polite-test" in [r.id for r in load_rules([rules_dir])]
    assert capsys.readouterr().err == "" and proved == [], "the next run reads the fallback entry, silently"


def test_no_writable_folder_warns_on_every_run(tmp_path, monkeypatch, capsys):
    import tempfile

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("YOSHINANI_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(tempfile, "tempdir", str(blocker / "tmp"))
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    write(rules_dir, GOOD_RULE)
    for _ in range(2):
        load_rules([rules_dir])
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "every run re-reads and proves the rules" in err


def test_module_regexes_compile_from_cached_programs():
    # the engine's module-level regexes are lazy (sre_cache.LazyRegex): each has a program the
    # rule cache can store, and the program compiles to what re.compile gives
    import re

    from yoshinani_lint import document, kinds, rule, splice, tokens  # noqa: F401 (they register)
    from yoshinani_lint import sre_cache

    assert len(sre_cache.MODULE_SOURCES) >= 15
    for source in sre_cache.MODULE_SOURCES:
        program = sre_cache.program_of(source)
        assert program is not None, source
        sre_cache.PROGRAMS[source] = program
        try:
            assert sre_cache.compile_regex(source).flags == re.compile(source).flags
        finally:
            del sre_cache.PROGRAMS[source]
    lazy = sre_cache.lazy(r"(?i)ab+")
    assert lazy.fullmatch("ABB") and lazy.search("xab").start() == 1 and lazy.sub("", "cab") == "c"
    assert document._THREAD_START.fullmatch("On Mon, Bob WROTE:")
