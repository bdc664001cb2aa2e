"""Progress lines on stderr, so stdout keeps only the results table."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def generation_progress(label: str, every: int = 100_000) -> Callable[[int, int], None]:
    """A `progress(done, total)` callback for `generate_demo` that speaks every `every` rows."""
    started = time.perf_counter()
    last = 0

    def report(done: int, total: int) -> None:
        nonlocal last
        if done - last >= every or done == total:
            last = done
            elapsed = time.perf_counter() - started
            say(f"{label}: {done:,}/{total:,} clients generated ({elapsed:.0f} s)")

    return report
