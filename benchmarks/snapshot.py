"""Findings of every corpus draft, to prove an engine change leaves them unchanged.

    python benchmarks/snapshot.py OUT.json          # record
    python benchmarks/snapshot.py OUT.json --diff BEFORE.json

Drafts: tests/corpus/*.yaml (fire and clean), tests/corpus/replies/*.yaml, examples/*.txt,
/work/heldout-dev2/*.yaml when present, and 300 bench-generated replies. Records
(rule_id, start, end, message) per draft.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench import make_reply  # noqa: E402

from yoshinani_lint.document import Document  # noqa: E402
from yoshinani_lint.engine import lint_document  # noqa: E402
from yoshinani_lint.loader import load_rules  # noqa: E402


def drafts() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("fire", "clean"):
            for i, text in enumerate(data.get(key) or []):
                out[f"{path.name}:{key}:{i}"] = text
    folders = [ROOT / "tests" / "corpus" / "replies", Path("/work/heldout-dev2")]
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for i, reply in enumerate(data.get("replies") or []):
                out[f"{folder.name}/{path.name}:{reply.get('id', i)}"] = reply["text"]
    for path in sorted((ROOT / "examples").glob("*.txt")):
        out[f"examples/{path.name}"] = path.read_text(encoding="utf-8")
    rng = random.Random(7)
    for i in range(300):
        out[f"bench:{i}"] = make_reply(rng)
    return out


def main() -> int:
    out_path = Path(sys.argv[1])
    rules = load_rules()
    result = {name: [[f.rule_id, f.start, f.end, f.message] for f in lint_document(Document(text), rules)]
              for name, text in drafts().items()}
    out_path.write_text(json.dumps(result, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(result)} drafts, {sum(map(len, result.values()))} findings -> {out_path}")
    if "--diff" in sys.argv:
        before = json.loads(Path(sys.argv[sys.argv.index("--diff") + 1]).read_text(encoding="utf-8"))
        changed = [k for k in sorted(set(before) | set(result)) if before.get(k) != result.get(k)]
        for k in changed[:20]:
            print("CHANGED", k, "\n  before:", before.get(k), "\n  after: ", result.get(k))
        print(f"{len(changed)} drafts changed")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
