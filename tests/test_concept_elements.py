"""A concept may use another concept as one element of its token sequences, whatever the
order of their files; and a time that names an event used as a deadline belongs to the clause."""

from __future__ import annotations

import textwrap

import pytest

from yoshinani_lint.document import Document
from yoshinani_lint.errors import RuleError
from yoshinani_lint.loader import load_rules
from yoshinani_lint.matching import build_pattern
from yoshinani_lint.spec import Spec


def write_concept(folder, name, body):
    (folder / "vocabulary").mkdir(parents=True, exist_ok=True)
    path = folder / "vocabulary" / f"{name}.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def spans(concept, text):
    from yoshinani_lint import vocabulary

    doc = Document(text)
    return [doc.text[a:b] for s in doc.writer_sentences for a, b in vocabulary.CONCEPTS[concept].spans(s)]


def test_a_concept_may_name_a_concept_from_a_later_file(tmp_path):
    # "a-rush-request" is read before "z-rush": the element is resolved once all are read
    write_concept(tmp_path, "a-rush-request", """\
        concept: a-rush-request
        description: 急かす依頼
        tokens:
          - [{concept: z-rush}, {lemma: 御, optional: true}, {lemma: 確認}]
        examples:
          match: [至急ご確認ください。]
          no_match: [ご確認ください。, 至急です。]
        """)
    write_concept(tmp_path, "z-rush", """\
        concept: z-rush
        description: 急かす言葉
        lemmas: [至急, 大至急]
        examples:
          match: [至急です。]
        """)
    load_rules([tmp_path], use_cache=False)
    assert spans("a-rush-request", "至急ご確認をお願いします。") == ["至急ご確認"]


def test_an_unknown_concept_inside_a_concept_is_refused_naming_its_file(tmp_path):
    path = write_concept(tmp_path, "rush-request", """\
        concept: rush-request
        description: 急かす依頼
        tokens:
          - [{concept: rushh}, {lemma: 確認}]
        examples:
          match: [至急確認。]
        """)
    with pytest.raises(RuleError) as exc:
        load_rules([tmp_path], use_cache=False)
    assert str(path) in str(exc.value) and "unknown concept 'rushh'" in str(exc.value)


def test_concepts_naming_each_other_as_elements_are_refused(tmp_path):
    for name, other in (("a-loop", "b-loop"), ("b-loop", "a-loop")):
        write_concept(tmp_path, name, f"concept: {name}\ndescription: d\nlemmas: [至急]\n"
                                      f"tokens: [[{{concept: {other}}}, {{lemma: 確認}}]]\n"
                                      f"examples: {{match: [至急確認です。]}}\n")
    with pytest.raises(RuleError, match="loop"):
        load_rules([tmp_path], use_cache=False)


def fired(pattern, text):
    doc = Document(text)
    p = build_pattern(Spec(pattern, "<test>", "test"))
    return [doc.text[m.mark_start:m.mark_end] for s in doc.writer_sentences for m in p.finditer(s)]


@pytest.mark.parametrize("text, timed", [
    ("明日の定例までに直しておきます。", True),       # 明日 names the deadline's event
    ("来週の打ち合わせまでに資料をお送りします。", True),
    ("明日の打ち合わせ資料を共有いたします。", False),  # 明日 only says which material
])
def test_a_time_naming_a_deadline_event_is_the_clauses_time(text, timed):
    load_rules()
    pattern = {"clause": {"time": "concrete", "tense": "nonpast"}}
    assert bool(fired(pattern, text)) is timed
