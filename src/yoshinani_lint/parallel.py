"""Checking a folder on every core: the same results, in input order, sooner.

A process pool is started only when there is enough work to pay for it (starting two
workers costs ~20-30 ms: importing multiprocessing and forking; a short reply is checked in
~1.5 ms), and only where ``fork`` is the safe, cheap way to start one (Linux): the workers are
forked after the rules are loaded, so they share the loaded rules and tagger with the parent
instead of loading them again, and nothing but the inputs' indexes and the results crosses
the process boundary. Results come back in input order, so the report is byte for byte the
one a serial run prints (tests/test_parallel.py).

``YOSHINANI_WORKERS=1`` forces a serial run (``=N`` caps the workers).
"""

from __future__ import annotations

import os
import sys

# Below this many characters in all, a serial run is faster than starting workers
# (benchmarks/bench.py: ~200 short replies).
MIN_CHARS = 50_000
CHUNKS_PER_WORKER = 4  # a few chunks each, so that one slow file does not idle the others

_JOB = None  # (function, items) for the forked workers: inherited, never pickled


def workers_for(total_chars: int, items: int) -> int:
    """How many workers this much work deserves (1: run serially)."""
    if items < 2 or total_chars < MIN_CHARS or sys.platform != "linux":
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        cap = int(os.environ.get("YOSHINANI_WORKERS", "0"))
    except ValueError:
        cap = 0
    if cap > 0:
        cores = min(cores, cap)
    return max(1, min(cores, items))


def map_in_order(function, items: list, sizes: list[int]) -> list:
    """``[function(item) for item in items]``, on several processes when the items' total
    size (characters) is worth it."""
    workers = workers_for(sum(sizes), len(items))
    if workers == 1:
        return [function(item) for item in items]
    import multiprocessing

    global _JOB
    _JOB = (function, items)
    step = max(1, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
    chunks = [(a, min(a + step, len(items))) for a in range(0, len(items), step)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run_chunk, chunks, chunksize=1)
    finally:
        _JOB = None
    return [result for part in parts for result in part]


def _run_chunk(bounds: tuple[int, int]) -> list:
    function, items = _JOB
    return [function(item) for item in items[bounds[0]:bounds[1]]]
