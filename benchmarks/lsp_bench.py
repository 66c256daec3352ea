"""The language server's costs, measured on this machine.

    python benchmarks/lsp_bench.py [--runs 200]

Prints:
  - the re-lint latency of a ~2,000-character draft in-process, as the server does it after a
    pause in typing (lint + conversion to LSP diagnostics with UTF-16 ranges), the tagger and
    rules already loaded; each run changes one character so no per-text memo helps;
  - the memory (RSS) of a running `yoshinani server` after it has linted that draft, and the
    time from starting it to the first diagnostics.
Target: re-lint <= 20 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from bench import make_reply  # noqa: E402


def draft_of(chars: int, ng_share: float = 0.35) -> str:
    rng = random.Random(20261203)
    text = ""
    while len(text) < chars:
        text += make_reply(rng, target=400, ng_share=ng_share) + "\n"
    return text[:chars]


def relint(text: str, runs: int) -> list[float]:
    from yoshinani_lint.config import load_config
    from yoshinani_lint.lsp.documents import lint_document
    from yoshinani_lint.runner import build_linter

    linter = build_linter(load_config(isolated=True))
    lint_document(linter, text, "draft.txt", 0, "utf-16").diagnostics()  # warm: tagger, caches
    times = []
    for run in range(runs):
        at = run % len(text)
        edited = text[:at] + ("。" if text[at] != "。" else "、") + text[at + 1:]  # one keystroke
        start = time.perf_counter()
        lint_document(linter, edited, "draft.txt", run, "utf-16").diagnostics()
        times.append(time.perf_counter() - start)
    return times


def server_memory(text: str, workspace: Path) -> tuple[float, float]:
    from lsp_client import Client

    start = time.perf_counter()
    client = Client(workspace)
    try:
        uri = client.open(workspace / "draft.txt", text)
        client.diagnostics(uri)
        first = time.perf_counter() - start
        with open(f"/proc/{client.process.pid}/status", encoding="ascii") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        client.shutdown()
    finally:
        client.kill()
    return rss / 1024, first


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--chars", type=int, default=2000)
    args = parser.parse_args()
    medians = []
    for label, share in (("typical", 0.35), ("worst case, every body sentence a problem", 1.0)):
        text = draft_of(args.chars, share)
        times = sorted(relint(text, args.runs))
        median, p95 = statistics.median(times) * 1000, times[int(len(times) * 0.95) - 1] * 1000
        medians.append(median)
        print(f"re-lint of a {len(text):,}-character draft, {label} ({args.runs} runs): "
              f"median {median:.1f} ms, p95 {p95:.1f} ms, max {times[-1] * 1000:.1f} ms (target <= 20 ms)")
    text = draft_of(args.chars)
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("YOSHINANI_CACHE_DIR", str(Path(folder) / "cache"))
        for cache in ("cold", "warm"):  # the first start proves and caches the rules
            rss, first = server_memory(text, Path(folder))
            print(f"yoshinani server, {cache} rule cache: RSS {rss:.0f} MiB after linting it; "
                  f"first diagnostics {first * 1000:.0f} ms after start")
    return 0 if max(medians) <= 20 else 1


if __name__ == "__main__":
    sys.exit(main())
