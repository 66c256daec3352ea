"""The sample drafts in examples/: the NG ones show what each rule is for, the good ones pass."""

from pathlib import Path

import pytest

from yoshinani_lint import lint_text

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECTED = {
    "ng-delay-apology.txt": {"bare-apology", "blame-shift", "hedged-commitment", "no-cause",
                             "no-next-step", "no-prevention", "vague-cause", "vague-timing"},
    # a decision handed back and a bare 承知しました leave the client with no next step
    # (the reply set labels them so: ch-001, ch-029)
    "ng-refusal.txt": {"flat-refusal", "dump-on-client", "no-next-step"},
    "ng-bot-reply.txt": {"bot-like", "no-next-step"},
    "ng-chat-casual.txt": {"casual-tone", "jargon", "keigo-misuse"},
    "good-delay-apology.txt": set(),
    "good-refusal.txt": set(),
}


def test_every_example_is_listed():
    assert {p.name for p in EXAMPLES.glob("*.txt")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_findings(name):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert {f.rule_id for f in lint_text(text)} == EXPECTED[name]
