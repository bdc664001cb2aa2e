"""Timing helpers: wall-clock latencies in milliseconds and their percentiles."""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation between closest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Latencies:
    """Milliseconds of each call, and what each call returned (a row count)."""

    ms: list[float]
    counts: list[int]

    @property
    def p50(self) -> float:
        return percentile(self.ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.ms, 95)

    @property
    def mean_count(self) -> float:
        return sum(self.counts) / len(self.counts) if self.counts else math.nan

    def merged(self, other: Latencies) -> Latencies:
        return Latencies(self.ms + other.ms, self.counts + other.counts)


def time_each(call: Callable[[T], int], items: Iterable[T]) -> Latencies:
    """Call `call(item)` for each item, one at a time, timing each call.

    The garbage collector is left on (the application runs with it) but a collection is
    made before the loop, so one run does not pay for the garbage of the previous one.
    """
    gc.collect()
    ms: list[float] = []
    counts: list[int] = []
    for item in items:
        started = time.perf_counter_ns()
        count = call(item)
        ms.append((time.perf_counter_ns() - started) / 1e6)
        counts.append(count)
    return Latencies(ms, counts)


def run_each(call: Callable[[T], object], items: Iterable[T]) -> None:
    """Untimed calls (a warm-up)."""
    for item in items:
        call(item)


class Stopwatch:
    """Seconds since it was made (`with Stopwatch() as watch: ...; watch.seconds`)."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.stopped: float | None = None

    def __enter__(self) -> Stopwatch:
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped = time.perf_counter()

    @property
    def seconds(self) -> float:
        end = self.stopped if self.stopped is not None else time.perf_counter()
        return end - self.started
