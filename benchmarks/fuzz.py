"""The property tests of tests/test_fuzz.py on many examples, on demand.

    python benchmarks/fuzz.py [--examples 100000] [--seed 0]

Prints the number of examples run and the first failure (shrunk), exit 1 on a failure."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from fuzzing import check_all, drafts  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    count = 0

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(drafts)
    def run(text):
        nonlocal count
        count += 1
        check_all(text)

    start = time.perf_counter()
    try:
        run()
    except Exception as exc:  # noqa: BLE001
        print(f"FAILED after {count} examples ({time.perf_counter() - start:.0f} s): {exc!r}")
        return 1
    print(f"{count} examples, no failure ({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
