"""The shared vocabulary and the token language rules are written in.

Concepts are proved on their own examples at load; these tests pin the mechanism: concepts as
patterns and as elements of token sequences, repeat / barrier, the UniDic traps rule authors
meet, clause patterns, user concepts, and the one-line errors of a broken concept file."""

import textwrap

import pytest

from yoshinani_lint import vocabulary
from yoshinani_lint.document import Document
from yoshinani_lint.engine import lint_document
from yoshinani_lint.errors import RuleError
from yoshinani_lint.loader import (builtin_rules_dir, build_rule, load_rules, load_vocabulary,
                                   vocabulary_files)


@pytest.fixture(autouse=True)
def builtin_vocabulary():
    load_vocabulary([builtin_rules_dir()], prove=False)


def spans(concept: str, text: str) -> list[str]:
    doc = Document(text)
    found = vocabulary.CONCEPTS[concept]
    return [text[s:e] for sentence in doc.writer_sentences for s, e in found.spans(sentence)]


def fired(patterns: list, text: str) -> list[str]:
    rule = build_rule({
        "id": "t", "description": "d", "severity": "warning", "message": "m", "why": "w",
        "suggest": "s", "pillar": "信頼構築力", "examples": {"bad": ["x"], "good": ["y"]},
        "checks": [{"kind": "pattern", "patterns": patterns}]}, "t.yml")
    return [text[f.start:f.end] for f in lint_document(Document(text), [rule])]


@pytest.mark.parametrize("path", vocabulary_files(builtin_rules_dir()), ids=lambda p: p.stem)
def test_every_builtin_concept_passes_its_own_examples(path):
    concepts = load_vocabulary([builtin_rules_dir()], prove=False)
    concept = next(c for c in concepts if c.file == str(path))
    vocabulary.prove_concept(concept)  # raises RuleError naming the example that fails


@pytest.mark.parametrize("text, expected", [
    ("大変申し訳ございませんでした。", ["申し訳ございません"]),   # 申し訳 + 御座る + ます + ず
    ("すみませんでした。", ["すみません"]),                     # 済む + ます + ず
    ("お詫び申し上げます。", ["お詫び"]),
    ("失礼いたしました。", ["失礼いたしました"]),
    ("失礼ですが、お名前を伺えますか。", []),                  # a cushion, not an apology
])
def test_apology_concept(text, expected):
    assert spans("apology", text) == expected


@pytest.mark.parametrize("text, expected", [
    ("本日17時までにお送りします。", ["本日17時"]),  # touching matches are one time  # numerals have no lemma: read by pos
    ("〇月〇日〇時までに修正版をお送りします。", ["〇月〇日〇時"]),  # 〇 is a numeral (零)
    ("15:00に伺います。", ["15:00"]),
    ("明朝一番でお届けします。", ["明朝"]),
    ("今からお送りします。", ["今から"]),
    ("後ほどお送りします。", []),
])
def test_concrete_time_concept(text, expected):
    assert spans("time-concrete", text) == expected


def test_a_concept_is_one_element_of_a_token_sequence_and_may_span_tokens():
    patterns = [{"tokens": [{"concept": "apology", "mark": True}, {"lemma": "が"}]}]
    assert fired(patterns, "申し訳ございませんが、ご確認ください。") == ["申し訳ございません"]
    assert fired(patterns, "申し訳ございません。") == []


def test_ので_is_の_plus_だ_and_たら_is_an_auxiliary_in_conditional_form():
    reason = [{"tokens": [{"lemma": "の", "pos": "助詞-準体助詞"}, {"lemma": "だ", "mark": True}]}]
    assert fired(reason, "遅れましたので、ご連絡します。") == ["で"]
    condition = [{"tokens": [{"lemma": "た", "cform": "仮定形", "mark": True}]}]
    assert fired(condition, "確認できましたら、ご連絡します。") == ["たら"]


def test_potential_forms_fold_into_the_base_lemma_and_orth_tells_them_apart():
    folded = [{"tokens": [{"lemma": "頂く", "mark": True}, {"lemma": "ます"}, {"lemma": "か"}]}]
    assert fired(folded, "ご確認いただけますか。") == ["いただけ"]
    potential = [{"tokens": [{"orth": "いただける"}]}]
    assert fired(potential, "ご確認いただけますか。") == ["いただけ"]
    assert fired(potential, "ご確認いただきます。") == []


def test_kanji_lemmas_and_glosses():
    assert fired([{"tokens": [{"lemma": "此方"}]}], "こちらで対応します。") == ["こちら"]
    assert fired([{"tokens": [{"lemma": "下さる"}]}], "ご確認ください。") == ["ください"]
    assert fired([{"tokens": [{"lemma": "私"}]}], "私の確認不足です。") == ["私"]  # 私-代名詞


def test_repeat_and_a_skip_that_may_not_pass_a_barrier():
    repeat = [{"tokens": [{"pos": "名詞-数詞", "repeat": True}, {"lemma": "時"}]}]
    assert fired(repeat, "17時に伺います。") == ["17時"]
    barrier = [{"tokens": [{"lemma": "原因"}, {"lemma": "です", "skip": 6, "barrier": {"surface": "、"}}]}]
    assert fired(barrier, "原因は設定です。") == ["原因は設定です"]
    assert fired(barrier, "原因は、設定です。") == []


def test_clause_pattern_reads_tense_actor_and_attached_time():
    next_step = [{"clause": {"actor": ["writer", "unknown"], "tense": "nonpast",
                             "polarity": "affirmative", "not_link": "condition",
                             "time": "concrete", "has": ["deliver-action", "fix-action"]}}]
    assert fired(next_step, "明日中に修正して、お送りいたします。")  # a te-chain shares its time
    assert fired(next_step, "本日中にご連絡いたします。") == ["ご連絡いたします"]
    assert fired(next_step, "昨日17時にお送りしました。") == []          # past
    assert fired(next_step, "明日の打ち合わせ資料を共有いたします。") == []  # the time is the noun's
    assert fired(next_step, "3月5日にお送りした請求書に誤りがありました。") == []  # relative clause


def write_concept(folder, name, body):
    (folder / "vocabulary").mkdir(parents=True, exist_ok=True)
    path = folder / "vocabulary" / f"{name}.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


RUSH_RULE = """\
id: no-rush
description: 至急
severity: warning
pillar: 信頼構築力
message: 急かす言葉です
why: 相手を急かします
suggest: 「〇日までにお願いします」
checks:
  - kind: pattern
    patterns: [{concept: rush}]
examples:
  bad: [至急ご確認ください。]
  good: [3日までにご確認ください。]
"""


def test_a_user_rule_folder_brings_its_own_concepts(tmp_path):
    write_concept(tmp_path, "rush", """\
        concept: rush
        description: 急かす言葉
        lemmas: [至急, 大至急]
        examples:
          match: [至急ご確認ください。]
          no_match: [ご確認ください。]
        """)
    (tmp_path / "no-rush.yml").write_text(RUSH_RULE, encoding="utf-8")
    rules = load_rules([tmp_path], use_cache=False)
    rule = next(r for r in rules if r.id == "no-rush")
    assert [f.rule_id for f in lint_document(Document("大至急お願いします。"), [rule])] == ["no-rush"]


@pytest.mark.parametrize("body, problem", [
    ("concept: rush\ndescription: d\nlemmas: [至急]\nexamples: {match: [ご確認ください。]}\n",
     "does not match its own example"),
    ("concept: rush\ndescription: d\nlemmas: [至急]\nexamples: {match: [至急です。], no_match: [至急で。]}\n",
     "matches its own no_match example"),
    ("concept: rush\ndescription: d\nlemmas: [至急]\nwords: [大急ぎ]\nexamples: {match: [至急です。]}\n",
     "matches none of the concept's match examples"),
    ("concept: rush\ndescription: d\nconcepts: [nothing-here]\nexamples: {match: [至急です。]}\n",
     "unknown concept 'nothing-here'"),
    ("concept: rush\ndescription: d\nlemma: [至急]\nexamples: {match: [至急です。]}\n", "unknown key"),
    ("concept: Rush!\ndescription: d\nlemmas: [至急]\nexamples: {match: [至急です。]}\n", "lower-case"),
])
def test_a_broken_concept_file_is_one_line_naming_file_concept_and_key(tmp_path, body, problem):
    path = write_concept(tmp_path, "rush", body)
    with pytest.raises(RuleError) as exc:
        load_rules([tmp_path], use_cache=False)
    message = str(exc.value)
    assert str(path) in message and problem in message and "\n" not in message


def test_concepts_that_include_each_other_in_a_loop_are_refused(tmp_path):
    for name, other in (("a-loop", "b-loop"), ("b-loop", "a-loop")):
        write_concept(tmp_path, name, f"concept: {name}\ndescription: d\nlemmas: [至急]\n"
                                      f"concepts: [{other}]\nexamples: {{match: [至急です。]}}\n")
    with pytest.raises(RuleError, match="loop"):
        load_rules([tmp_path], use_cache=False)


def test_a_rule_naming_an_unknown_concept_is_refused_with_a_hint(tmp_path):
    (tmp_path / "no-rush.yml").write_text(RUSH_RULE.replace("concept: rush", "concept: apologyy"),
                                          encoding="utf-8")
    with pytest.raises(RuleError, match="unknown concept 'apologyy' \\(did you mean 'apology'\\?\\)"):
        load_rules([tmp_path], use_cache=False)


def test_config_adds_words_to_a_concept_and_removes_lemmas():
    concept = vocabulary.CONCEPTS["time-vague"]
    assert spans("time-vague", "後ほどお送りします。") == ["後ほど"]
    concept.customize(["そのうちに"], ["後程"])
    assert spans("time-vague", "後ほどお送りします。") == []
    assert spans("time-vague", "来週以降、そのうちにお送りします。") == ["そのうちに"]


def test_a_token_pattern_skips_sentences_without_its_concepts_yet_sees_words_the_config_adds():
    # a sequence is only tried on sentences holding a key of each required element; a word
    # the config adds has no key, so a built pattern must read its concepts' keys again
    rule = build_rule({
        "id": "t", "description": "d", "severity": "warning", "message": "m", "why": "w",
        "suggest": "s", "pillar": "信頼構築力", "examples": {"bad": ["x"], "good": ["y"]},
        "checks": [{"kind": "pattern", "patterns": [{"tokens": [{"concept": "apology"}, {"lemma": "が"}]}]}]},
        "t.yml")

    def found(text):
        return [text[f.start:f.end] for f in lint_document(Document(text), [rule])]

    assert found("申し訳ございませんが、ご確認ください。") == ["申し訳ございませんが"]
    assert found("恐縮ですが、確認してください。") == []
    vocabulary.CONCEPTS["apology"].customize(["恐縮です"], [])
    assert found("恐縮ですが、確認してください。") == ["恐縮ですが"]


def test_the_config_file_extends_and_trims_a_concept_for_every_rule(tmp_path):
    from yoshinani_lint.config import load_config
    from yoshinani_lint.runner import build_linter

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "no-rush.yml").write_text(
        RUSH_RULE.replace("concept: rush", "concept: time-vague").replace("至急ご確認ください。", "後ほどお送りします。"),
        encoding="utf-8")
    (tmp_path / ".yoshinani.yaml").write_text(
        "rules: [rules]\nselect: [no-rush]\nvocabulary:\n  time-vague:\n    add: [手が空き次第]\n    remove: [後程]\n",
        encoding="utf-8")
    linter = build_linter(load_config(str(tmp_path / ".yoshinani.yaml")), use_cache=False)
    assert [f.rule_id for f in linter.lint("手が空き次第お送りします。")] == ["no-rush"]
    assert linter.lint("後ほどお送りします。") == []


def test_an_unknown_concept_in_the_config_is_one_line_with_a_hint(tmp_path):
    from yoshinani_lint.config import load_config
    from yoshinani_lint.errors import YoshinaniError
    from yoshinani_lint.runner import build_linter

    (tmp_path / ".yoshinani.yaml").write_text("vocabulary:\n  time-vauge:\n    add: [いつか]\n", encoding="utf-8")
    with pytest.raises(YoshinaniError, match="vocabulary.time-vauge': unknown concept 'time-vauge' "
                                             "\\(did you mean 'time-vague'\\?\\)"):
        build_linter(load_config(str(tmp_path / ".yoshinani.yaml")), use_cache=False)


def test_tokens_command_shows_concepts_and_clauses_per_sentence(tmp_path, capsys):
    from yoshinani_lint.cli import main

    draft = tmp_path / "reply.txt"
    draft.write_text("明日中に修正して、お送りいたします。\n> 至急お願いします\n", encoding="utf-8")
    assert main(["tokens", str(draft)]) == 0
    out = capsys.readouterr().out
    (line,) = [row for row in out.splitlines() if row.startswith("1:5\t修正\t修正\t修正\t名詞-普通名詞-サ変可能\t*\t*\t[")]
    assert "fix-action" in line
    assert "節 [te] 明日中に修正して、 | tense=nonpast" in out and "time=concrete" in out
    assert "概念: time-concrete「明日」" in out
    assert "# 2: > 至急お願いします  （対象外）" in out


def test_analyze_text_gives_the_same_to_python_callers():
    from yoshinani_lint.analysis import analyze_text

    first, quoted = analyze_text("本日17時までにご連絡いたします。\n> 至急お願いします")
    assert ("time-concrete", 0, 5) in first.concepts  # 本日17時
    (clause,) = first.clauses
    assert (clause.actor, clause.tense, clause.times) == ("writer", "nonpast", ["concrete"])
    assert quoted.is_context and quoted.clauses == [] and quoted.concepts == []
    assert first.to_json()["clauses"][0]["predicate"] == "ご連絡いたします"


def test_end_matches_the_end_of_the_sentence_without_consuming_a_token():
    at_end = [{"tokens": [{"lemma": "不可", "mark": True}, {"end": True}]}]
    assert fired(at_end, "・英語版の作成：対応不可") == ["不可"]
    assert fired(at_end, "対応不可。") == ["不可"]          # punctuation may follow
    assert fired(at_end, "対応不可の場合はご連絡します。") == []


def test_end_with_a_skip_and_a_barrier_reads_the_rest_of_the_sentence():
    rest_clean = [{"tokens": [{"lemma": "所", "mark": True}, {"skip": 20, "barrier": {"lemma": "何故"}, "end": True}]}]
    assert fired(rest_clean, "確認したところ、設定が誤っておりました。") == ["ところ"]
    assert fired(rest_clean, "確認したところ、なぜか設定が消えておりました。") == []
    # a look ahead: the match ends where it stood, not at the end of the sentence
    unmarked = [{"tokens": [{"lemma": "所"}, {"skip": 20, "barrier": {"lemma": "何故"}, "end": True}]}]
    assert fired(unmarked, "確認したところ、設定が誤っておりました。") == ["ところ"]
    short = [{"tokens": [{"lemma": "所", "mark": True}, {"skip": 2, "end": True}]}]
    assert fired(short, "確認したところ、設定が誤っておりました。") == []  # the end is further away


# Concepts named as token elements of other concepts (later files, loops): test_concept_elements.py


def test_a_required_word_anywhere_in_a_token_sequence_prefilters_the_sentence():
    from yoshinani_lint.matching import build_pattern
    from yoshinani_lint.spec import Spec

    # opens with a `not`: the sentence is still skipped when 原因 is absent, and matched when present
    tokens = [{"not": {"lemma": "何"}}, {"lemma": "が"}, {"lemma": "原因"}]
    pattern = build_pattern(Spec({"tokens": tokens}, "t.yml", "t"))
    assert pattern.required_keys() == (frozenset({"が"}), frozenset({"原因"}))
    assert fired([{"tokens": tokens}], "設定の漏れが原因です。") == ["漏れが原因"]
    assert fired([{"tokens": tokens}], "設定の漏れがありました。") == []


def test_a_time_something_is_compared_with_is_not_the_clauses_time():
    from yoshinani_lint.analysis import analyze_text

    (sentence,) = analyze_text("前回と同じデータで、3月12日にお届けいたします。")
    assert [c.times for c in sentence.clauses] == [["concrete"]]  # not "past": 前回 is compared with


def test_a_rules_condition_checks_say_what_is_missing_once():
    condition = {"kind": "condition", "trigger": [{"tokens": [{"lemma": "申し訳"}]}]}
    rule = build_rule({
        "id": "t", "description": "d", "severity": "warning", "message": "m", "why": "w",
        "suggest": "s", "pillar": "信頼構築力", "examples": {"bad": ["申し訳ございません。"], "good": ["y"]},
        "checks": [condition, dict(condition)]}, "t.yml")
    assert len(lint_document(Document("申し訳ございません。"), [rule])) == 1


def test_a_concepts_marked_elements_are_its_span_and_the_rest_its_context():
    from yoshinani_lint.analysis import analyze_text

    text = "アプリの公開日が決まりましたので、ご連絡いたします。"
    (sentence,) = analyze_text(text)
    spans = [(s, e) for name, s, e in sentence.concepts if name == "this-message"]
    assert [text[s:e] for s, e in spans] == ["ご連絡いたします"]
    # so the announcement lies in its own clause, and is no promise without a time
    from yoshinani_lint.api import lint_text
    assert "no-next-step" not in {f.rule_id for f in lint_text(text)}
