"""Every built-in rule fires on each of its own bad examples and stays silent on its good ones."""

import pytest

from yoshinani_lint import lint_text
from yoshinani_lint.loader import load_rules

RULES = load_rules(use_cache=False)
CASES = [(r.id, kind, text) for r in RULES for kind in ("bad", "good") for text in r.examples[kind]]


def test_all_catalog_rules_are_built_in():
    ids = {r.id for r in RULES}
    assert ids == {
        "bare-apology", "blame-shift", "no-next-step", "no-prevention", "bot-like", "vague-cause",
        "flat-refusal", "dump-on-client", "condescending", "emotional", "vague-timing",
        "no-cause", "hedged-commitment", "casual-tone", "jargon", "keigo-misuse", "unfilled-placeholder",
    }


@pytest.mark.parametrize("rule_id,kind,text", CASES, ids=[f"{r}-{k}-{i}" for i, (r, k, _) in enumerate(CASES)])
def test_rule_examples(rule_id, kind, text):
    found = [f for f in lint_text(text, rules=RULES) if f.rule_id == rule_id]
    if kind == "bad":
        assert found, f"{rule_id} should fire on {text!r}"
    else:
        assert not found, f"{rule_id} should not fire on {text!r}: {[f.message for f in found]}"
