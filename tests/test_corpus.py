"""Accuracy on realistic replies: every rule keeps precision and recall at 0.9 or above."""

import pytest

from corpus_eval import load_corpus, score
from yoshinani_lint.loader import load_rules

CORPUS = load_corpus()
RULE_IDS = [r.id for r in load_rules()]


def test_every_rule_has_a_corpus_of_ten_and_ten():
    for rule_id in RULE_IDS:
        assert rule_id in CORPUS, f"no corpus for {rule_id}"
        assert len(CORPUS[rule_id]["fire"]) >= 10, rule_id
        assert len(CORPUS[rule_id]["clean"]) >= 10, rule_id


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_precision_and_recall(rule_id):
    s = score(rule_id, CORPUS[rule_id])
    print(f"{rule_id}: precision {s.precision:.2f} recall {s.recall:.2f}")
    detail = "\n".join(
        [f"missed: {d.strip()[:120]!r}" for d in s.misses]
        + [f"false alarm at {f!r}: {d.strip()[:120]!r}" for d, f in s.false_alarms]
    )
    assert s.precision >= 0.9 and s.recall >= 0.9, detail
