"""Benchmarks of the performance targets, on generated data (`python -m bench --help`).

Never imported by the test suite. Generated databases are cached in `bench/.data/` and
reused while they hold the requested number of clients; results go to
`bench/results.json` and to a table on stdout.
"""

from __future__ import annotations

from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / ".data"
RESULTS_FILE = BENCH_DIR / "results.json"
