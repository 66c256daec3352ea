"""The development reply set is well formed, and the scorer counts what it says it counts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from replies_eval import DEFAULT_SET, KINDS, ReplySetError, load_replies, main, score_replies

from yoshinani_lint.loader import load_rule_file

# The rule ids of the catalog (a public contract: they never change once released).
CATALOG_IDS = {
    "bare-apology", "blame-shift", "no-next-step", "no-prevention", "bot-like", "vague-cause",
    "flat-refusal", "dump-on-client", "condescending", "emotional", "vague-timing", "no-cause",
    "hedged-commitment", "casual-tone", "jargon", "keigo-misuse", "unfilled-placeholder",
}
DEV_FILES = sorted(DEFAULT_SET.glob("*.yaml"))


def test_every_dev_file_parses_and_every_id_is_unique():
    assert DEV_FILES, f"no reply files under {DEFAULT_SET}"
    ids = []
    for path in DEV_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ids += [item["id"] for item in data["replies"]]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate reply ids: {duplicates}"
    assert len(load_replies(DEFAULT_SET)) == len(ids)


def test_labels_name_catalog_rules_and_kinds():
    for reply in load_replies(DEFAULT_SET):
        unknown = set(reply.expect + reply.allow) - CATALOG_IDS
        assert not unknown, f"{reply.id}: unknown rule ids {sorted(unknown)}"
        assert reply.kind in KINDS


def test_every_rule_has_at_least_eight_expected_replies():
    counts = Counter(rule for reply in load_replies(DEFAULT_SET) for rule in reply.expect)
    thin = {rule: counts[rule] for rule in sorted(CATALOG_IDS) if counts[rule] < 8}
    assert not thin, f"rules with fewer than 8 expected replies: {thin}"


def test_the_set_mixes_good_and_flawed_replies_and_uses_allow_sparingly():
    replies = load_replies(DEFAULT_SET)
    good = sum(r.is_good for r in replies)
    assert 0.3 <= good / len(replies) <= 0.5, f"{good} good replies of {len(replies)}"
    allowed = sum(bool(r.allow) for r in replies)
    assert allowed <= len(replies) / 6, f"{allowed} replies use allow"


# --- the scorer, on two tiny rules and six replies whose figures are worked out by hand ---

TINY_RULE = """\
id: {id}
description: test rule
severity: warning
pillar: 信頼構築力
message: 「{{match}}」
why: test
suggest: test
checks:
  - kind: pattern
    patterns:
      - {{words: [{word}]}}
examples:
  bad: [{word}。]
  good: [ありがとうございます。]
"""

TINY_SET = """\
replies:
  - {id: t-1, kind: chat, expect: [word-a], text: "すみません、遅れます。"}
  - {id: t-2, kind: chat, expect: [word-a], text: "申し訳ございません、遅れます。"}
  - {id: t-3, kind: chat, expect: [], text: "すみません、確認します。"}
  - {id: t-4, kind: chat, expect: [], allow: [word-a], text: "すみません、助かります。"}
  - {id: t-5, kind: chat, expect: [word-b, ghost-rule], text: "それは無理です。"}
  - {id: t-6, kind: chat, expect: [], text: "ありがとうございます。"}
"""


@pytest.fixture
def tiny(tmp_path: Path):
    rules = []
    for rule_id, word in (("word-a", "すみません"), ("word-b", "無理")):
        path = tmp_path / f"{rule_id}.yml"
        path.write_text(TINY_RULE.format(id=rule_id, word=word), encoding="utf-8")
        rules.append(load_rule_file(path))
    replies = tmp_path / "set"
    replies.mkdir()
    (replies / "tiny.yaml").write_text(TINY_SET, encoding="utf-8")
    return replies, rules


def test_scorer_counts_hits_misses_false_alarms_and_allowed(tiny):
    replies, rules = tiny
    report = score_replies(replies, rules=rules)
    a, b = report.scores["word-a"], report.scores["word-b"]
    # t-1 hit, t-2 miss, t-3 false alarm, t-4 allowed (not scored).
    assert (a.tp, a.fp, a.fn) == (1, 1, 1)
    assert (a.precision, a.recall, a.f1) == (0.5, 0.5, 0.5)
    assert a.misses == ["t-2"] and a.false_alarms == [("t-3", "すみません")]
    assert (b.tp, b.fp, b.fn, b.f1) == (1, 0, 0, 1.0)
    assert report.not_loaded == {"ghost-rule": 1}
    assert report.macro_f1 == pytest.approx(0.75)  # ghost-rule is left out
    assert report.good == 3 and report.good_with_alarm == [("t-3", ["word-a"])]
    assert report.false_alarm_share == pytest.approx(1 / 3)


def test_a_rule_that_fires_but_is_never_expected_stays_out_of_the_macro(tiny, tmp_path):
    replies, rules = tiny
    (replies / "tiny.yaml").write_text(
        "replies:\n  - {id: x-1, kind: chat, expect: [word-a], text: それは無理です。すみません。}\n",
        encoding="utf-8")
    report = score_replies(replies, rules=rules)
    assert report.scores["word-b"].fp == 1 and report.scores["word-b"].f1 is None
    assert report.macro_f1 == 1.0
    assert report.good == 0 and report.false_alarm_share is None


def test_cli_prints_the_table_and_exits_1_only_on_a_missed_threshold(tiny, capsys):
    replies, rules = tiny
    assert main([str(replies)], rules=rules) == 0
    out = capsys.readouterr().out
    assert "macro-F1 over 2 rules: 0.75" in out
    assert "good replies with a false alarm: 1/3 (33.3%)" in out
    assert "ghost-rule" in out and "not loaded" in out
    assert main([str(replies), "--min-macro", "0.7", "--max-false-alarm-share", "0.34"], rules=rules) == 0
    assert main([str(replies), "--min-macro", "0.8"], rules=rules) == 1
    assert main([str(replies), "--max-false-alarm-share", "0.3"], rules=rules) == 1
    capsys.readouterr()
    main([str(replies), "-v"], rules=rules)
    out = capsys.readouterr().out
    assert "miss         t-2" in out
    assert "false alarm  t-3        word-a" in out and "「すみません」" in out


@pytest.mark.parametrize("content, problem", [
    ("replies: [\n", "broken YAML"),
    ("- just a list\n", "list under 'replies:'"),
    ("replies:\n  - {id: d-1, kind: chat, expect: [], text: a}\n"
     "  - {id: d-1, kind: chat, expect: [], text: b}\n", "duplicate id"),
    ("replies:\n  - {id: k-1, kind: letter, expect: [], text: a}\n", "'kind' must be one of"),
    ("replies:\n  - {id: e-1, kind: chat, text: a}\n", "missing 'expect'"),
    ("replies:\n  - {id: b-1, kind: chat, expect: [jargon], allow: [jargon], text: a}\n",
     "in both expect and allow"),
    ("replies:\n  - {id: t-1, kind: chat, expect: []}\n", "missing or empty 'text'"),
])
def test_a_bad_reply_file_is_one_line_naming_the_file(tmp_path, capsys, content, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReplySetError) as info:
        load_replies(path)
    assert str(path) in str(info.value) and problem in str(info.value)
    assert "\n" not in str(info.value)
    assert main([str(path)], rules=[]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and str(path) in err


def test_the_builtin_rules_keep_their_accuracy_on_the_dev_reply_set():
    """A regression guard, not the judge (the rules were written with this set in view;
    held-out sets score lower, see the README): macro-F1 and false alarms on good replies
    must not slip from where the rebuilt rules put them (0.99 and 0 of 87)."""
    report = score_replies(DEV_FILES)
    assert report.macro_f1 >= 0.97, f"macro-F1 {report.macro_f1:.2f}"
    assert report.false_alarm_share <= 0.02, f"{report.false_alarm_share:.1%} of good replies flagged"
    weakest = {rule: s.f1 for rule, s in report.scores.items() if s.f1 is not None and s.f1 < 0.9}
    assert not weakest, weakest


# The other reply sets (tests/corpus/README.md): written independently, they score lower than
# the dev set; these floors sit just under where the rebuilt rules put them, so a change that
# costs accuracy on replies it was not written for shows up here.
# replies-e and replies-f were scored unseen, then their false alarms read and the kinds fixed
# (their misses were not chased): their floors guard, the README reports them.
OTHER_SETS = {"replies-a": (0.96, 0.03), "replies-b": (0.96, 0.02), "replies-c": (0.97, 0.02),
              "replies-d": (0.96, 0.02), "replies-e": (0.93, 0.02), "replies-f": (0.93, 0.02),
              "replies-g": (0.92, 0.06), "replies-h": (0.94, 0.07), "replies-i": (0.93, 0.03),
              "replies-j": (0.92, 0.04), "replies-k": (0.95, 0.02),
              "replies-l": (0.93, 0.02), "replies-m": (0.93, 0.03), "replies-n": (0.95, 0.03),
              "replies-o": (0.96, 0.02), "replies-p": (0.96, 0.02), "replies-q": (0.95, 0.02),
              "replies-r": (0.95, 0.03), "replies-s": (0.93, 0.02), "replies-t": (0.94, 0.02),
              "replies-u": (0.95, 0.02), "replies-v": (0.95, 0.05), "replies-w": (0.96, 0.03),
              "replies-x": (0.95, 0.02), "replies-y": (0.95, 0.06), "replies-z": (0.95, 0.02),
              "replies-ab": (0.95, 0.02), "replies-ac": (0.96, 0.02), "replies-ad": (0.94, 0.02),
              "replies-ae": (0.93, 0.03), "replies-aa": (0.96, 0.02), "replies-af": (0.94, 0.02),
              "replies-ag": (0.95, 0.05), "replies-ah": (0.96, 0.02)}


@pytest.mark.parametrize("name", sorted(OTHER_SETS))
def test_the_builtin_rules_keep_their_accuracy_on_the_other_reply_sets(name):
    min_macro, max_false_alarms = OTHER_SETS[name]
    report = score_replies(sorted((DEFAULT_SET.parent / name).glob("*.yaml")))
    assert report.macro_f1 >= min_macro, f"{name}: macro-F1 {report.macro_f1:.2f}"
    assert report.false_alarm_share <= max_false_alarms, f"{name}: {report.false_alarm_share:.1%} flagged"


@pytest.mark.parametrize("name", sorted(OTHER_SETS))
def test_the_other_reply_sets_parse_and_name_known_rules(name):
    ids = set()
    for path in sorted((DEFAULT_SET.parent / name).glob("*.yaml")):
        for reply in load_replies(path):
            assert reply.id not in ids
            ids.add(reply.id)
            assert set(reply.expect + reply.allow) <= CATALOG_IDS, reply.id
            assert reply.kind in KINDS, reply.id
    assert len(ids) >= 150
