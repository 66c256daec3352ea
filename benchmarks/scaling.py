"""How check time and memory grow with the size of one draft: 1 KB, 10 KB ... 10 MB.

    python benchmarks/scaling.py [--max-size 10M] [--timeout 120] [--shapes prose,line,...]

Each (shape, size) runs `lint_text` in a new process (so peak memory is that run's alone) and
prints the wall time of the check and the process's max RSS. A run over --timeout is killed
and larger sizes of that shape are skipped: a quadratic shape would take hours at 10 MB.

Shapes (the worst cases issue 10 measured, and an ordinary reply for reference):
  prose     ordinary reply sentences, each ending in 。, on lines of a few sentences
  line      one line without any sentence end (a pasted log, a draft with no 。)
  apologies one long sentence made of apology words and commas
  ruled     lines alternating a ruled line (――――) and a sentence (signature detection)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

SIZES = {"1K": 1_000, "10K": 10_000, "100K": 100_000, "1M": 1_000_000, "10M": 10_000_000}
SHAPES = {
    "prose": "お世話になっております。修正版を本日17時までにお送りいたします。\n",
    "line": "添付の資料をご確認いただけますと幸いです ",
    "apologies": "すみません、申し訳ありません、",
    "ruled": "――――――――\n原因は書き出し設定の誤りでした。\n",
}

CHILD = r"""
import json, resource, sys, time
from yoshinani_lint import lint_text
from yoshinani_lint.loader import load_rules
rules = load_rules()
lint_text("準備です。", rules=rules)  # tagger and rules loaded before timing
unit, size = sys.argv[1], int(sys.argv[2])
text = (unit * (size // len(unit) + 1))[:size]
t0 = time.perf_counter()
findings = lint_text(text, rules=rules)
elapsed = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "rss_mib": rss, "findings": len(findings)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-size", default="10M", choices=SIZES)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    args = parser.parse_args()
    sizes = list(SIZES)[: list(SIZES).index(args.max_size) + 1]
    print(f"{'shape':<10} {'size':>5} {'seconds':>9} {'MiB':>7} {'findings':>9}")
    for shape in args.shapes.split(","):
        for label in sizes:
            try:
                done = subprocess.run([sys.executable, "-c", CHILD, SHAPES[shape], str(SIZES[label])],
                                      capture_output=True, text=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                print(f"{shape:<10} {label:>5} {'>' + str(int(args.timeout)):>9}  (larger sizes skipped)",
                      flush=True)
                break
            if done.returncode != 0:
                print(f"{shape:<10} {label:>5} failed: {done.stderr.strip().splitlines()[-1:]}", flush=True)
                break
            r = json.loads(done.stdout)
            print(f"{shape:<10} {label:>5} {r['seconds']:>9.2f} {r['rss_mib']:>7.0f} {r['findings']:>9}",
                  flush=True)


if __name__ == "__main__":
    main()
