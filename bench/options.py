"""What a benchmark run was asked to do (parsed from the command line)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench import DATA_DIR

FULL_CLIENTS = 1_000_000
QUICK_CLIENTS = 100_000
FULL_DEMO_CLIENTS = 100_000
QUICK_DEMO_CLIENTS = 20_000
DATABASES = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Options:
    clients: int = FULL_CLIENTS  # clients in the search databases
    demo_clients: int = FULL_DEMO_CLIENTS  # N of `init --demo N`
    queries: int = 250  # timed queries per fragment kind
    warmup: int = 50  # untimed queries per fragment kind before timing
    page_repeats: int = 200  # timed calls per client-list page
    databases: tuple[str, ...] = DATABASES
    keep: bool = True  # keep generated databases in bench/.data/ and reuse them
    fresh: bool = False  # regenerate even when a cached database fits
    quick: bool = False
    data_dir: Path = DATA_DIR
    seed: int = 2026
