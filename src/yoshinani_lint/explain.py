"""What `yoshinani explain RULE` prints, and the editor shows on hover: why the rule exists,
its bad and good examples, and the rewrite."""

from __future__ import annotations

_FIX = {"safe": "あり（安全: yoshinani fix で自動適用）", "unsafe": "あり（要判断: --unsafe-fixes で適用）",
        None: "なし（書き換え例を提示）"}


def explain_lines(rule) -> list[str]:
    lines = [
        f"{rule.id}  — {rule.description}",
        f"重大度: {rule.severity}   対象: {'文書全体' if rule.level == 'document' else '語句'}   "
        f"柱: {rule.pillar}   種類: {', '.join(rule.kinds)}   自動修正: {_FIX[rule.fix_safety]}",
        "",
        "なぜ:",
        *("  " + line for line in rule.why.splitlines()),
        "",
        "悪い例:",
        *("  ✗ " + text.strip().replace("\n", " / ") for text in rule.examples["bad"]),
        "良い例:",
        *("  ✓ " + text.strip().replace("\n", " / ") for text in rule.examples["good"]),
        "",
        f"書き換え例: {rule.suggest}",
    ]
    if rule.audience:
        lines.append("読み手別: " + ", ".join(f"{k} → {v}" for k, v in rule.audience.items()))
    return lines
