"""Per-rule precision and recall over the labeled corpus in tests/corpus/.

Run directly to see the figures and every mislabelled draft:
    python tests/corpus_eval.py [rule-id ...]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from yoshinani_lint.engine import lint_text
from yoshinani_lint.errors import YoshinaniError
from yoshinani_lint.loader import builtin_rules_dir, load_rule_file, load_rules

CORPUS = Path(__file__).parent / "corpus"


@dataclass
class Score:
    rule: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)  # fire drafts the rule missed
    false_alarms: list[tuple[str, str]] = field(default_factory=list)  # (draft, flagged text)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_corpus() -> dict[str, dict[str, list[str]]]:
    """rule id -> {"fire": [...], "clean": [...]}, merged over every file of that rule."""
    corpus: dict[str, dict[str, list[str]]] = {}
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entry = corpus.setdefault(data["rule"], {"fire": [], "clean": []})
        entry["fire"] += data.get("fire") or []
        entry["clean"] += data.get("clean") or []
    return corpus


def score(rule_id: str, drafts: dict[str, list[str]], rules=None) -> Score:
    rules = rules or load_rules()
    result = Score(rule_id)
    for label in ("fire", "clean"):
        for draft in drafts[label]:
            found = lint_text(draft, rules=rules, select=[rule_id])
            if label == "fire":
                if found:
                    result.tp += 1
                else:
                    result.fn += 1
                    result.misses.append(draft)
            elif found:
                result.fp += 1
                result.false_alarms.append((draft, draft[found[0].start:found[0].end]))
            else:
                result.tn += 1
    return result


def main(argv: list[str]) -> int:
    # Named rules are loaded alone, so that a rule being edited elsewhere cannot get in the way.
    try:
        if argv:
            rules = [load_rule_file(builtin_rules_dir() / f"{rule_id}.yml") for rule_id in argv]
        else:
            rules = load_rules()
    except YoshinaniError as exc:  # a rule that fails its own examples: one line, as the CLI says it
        print(f"error: {exc}", file=sys.stderr)
        return 2
    corpus = load_corpus()
    worst = 1.0
    for rule_id in argv or sorted(corpus):
        s = score(rule_id, corpus[rule_id], rules)
        worst = min(worst, s.precision, s.recall)
        print(f"{rule_id:<18} precision {s.precision:.2f}  recall {s.recall:.2f}  "
              f"(tp {s.tp} fp {s.fp} fn {s.fn} tn {s.tn})")
        for draft in s.misses:
            print("  MISSED:", draft.strip().replace("\n", " / ")[:300])
        for draft, flagged in s.false_alarms:
            print(f"  FALSE ALARM at {flagged!r}:", draft.strip().replace("\n", " / ")[:300])
    return 0 if worst >= 0.9 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
