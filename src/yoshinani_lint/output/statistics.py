"""``--statistics``: how often each rule fired, most frequent first (like ruff's)."""

from __future__ import annotations

from collections import Counter


def render(results) -> str:
    counts: Counter[str] = Counter()
    severity: dict[str, str] = {}
    fixable: Counter[str] = Counter()
    for _, findings in results:
        for f in findings:
            counts[f.rule_id] += 1
            severity[f.rule_id] = f.severity
            if f.fix is not None and f.fix.safe:
                fixable[f.rule_id] += 1
    if not counts:
        return f"指摘はありません（{len(results)} ファイル）"
    width = max(len(str(n)) for n in counts.values())
    lines = []
    for rule_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = "[*]" if fixable[rule_id] else "   "
        lines.append(f"{str(n).rjust(width)}  {mark} {rule_id:<18} {severity[rule_id]}")
    lines.append(f"合計 {sum(counts.values())} 件（[*] は yoshinani fix で自動修正できます）")
    return "\n".join(lines)
