"""The property tests of tests/test_fuzz.py on many examples, on demand.

    python benchmarks/fuzz.py [--examples 100000] [--minutes M] [--seed 0]

Prints the number of examples run and the first failure (shrunk), exit 1 on a failure."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from fuzzing import check_all, drafts  # noqa: E402


SLOW = 10.0  # seconds for one draft's lint + fix + rewrite + outputs


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--minutes", type=float, default=None, help="stop after this long")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    count = 0

    def batch(batch_seed: int, size: int) -> None:
        @seed(batch_seed)
        @settings(max_examples=size, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(drafts)
        def run(text):
            nonlocal count
            count += 1
            began = time.perf_counter()
            check_all(text)
            took = time.perf_counter() - began
            if took > SLOW:  # a hang in a pre-commit hook is a failure too; said, not shrunk
                print(f"SLOW: {took:.0f} s on a draft of {len(text)} characters: {text[:60]!r}…", flush=True)

        run()

    # Batches of 1,000 with their own seeds, so that a run can stop on time and still say
    # how many examples it covered (hypothesis itself runs one batch to its end).
    start = time.perf_counter()
    batch_seed = args.seed
    while count < args.examples:
        if args.minutes is not None and time.perf_counter() - start > args.minutes * 60:
            break
        try:
            batch(batch_seed, min(1000, args.examples - count))
        except Exception as exc:  # noqa: BLE001
            print(f"FAILED after {count} examples (seed {batch_seed}): {exc!r}", flush=True)
            return 1
        batch_seed += 1
        print(f"{count} examples, no failure so far ({time.perf_counter() - start:.0f} s)", flush=True)
    print(f"{count} examples, no failure ({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
