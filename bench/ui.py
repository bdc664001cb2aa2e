"""`ui`: the desktop app as a person meets it, on SQLite and on PostgreSQL. Every
measurement runs in a fresh Python process (bench/ui_probe.py) with
QT_QPA_PLATFORM=offscreen, so each start is a cold Python start (the files themselves sit
in the OS cache, as they do on a computer that ran the app before).

- launch, on 100,000 clients: from the moment this process spawns the probe to the main
  window shown and the first rows of the client list painted, going through
  `crm_desktop.cli.main(["--db", URL])` as the `crm-desktop` command does. "Painted" is
  when the event loop runs again after the first Paint event of the list's viewport with
  rows in the model (a zero timer posted from that event): the rows are drawn and the
  window takes input. One untimed launch first, then `LAUNCH_REPEATS`; median and max.
- list, on N clients (1,000,000 unless --quick/--clients): from `window.show()` to the
  first rows painted (same definition); resident memory (VmRSS, and the peak VmHWM of the
  whole process) after that paint and after paging down `SCROLL_PAGES` screens, which
  makes the model fetch more pages; the longest UI stall while scrolling.
- search, on N clients: fragments typed into the search box a key at a time (QKeyEvents
  carrying the text, 60-120 ms apart), the box cleared between them with Ctrl+A and
  Backspace. Timed from the last keystroke to the table model's reset that showed the
  rows the list ended with, and to those rows painted; those rows are then checked against
  `search_clients` (the same prefix matches in the same order, as many rows: which of many
  substring hits fill the rest is the database's choice, and PostgreSQL's changes from
  one query to the next). A 5 ms precise timer on the UI thread measures the longest stall
  (its latest tick minus the interval) from the first keystroke to 300 ms after the
  results, and how much of it the UI thread itself ran (thread CPU time).
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench import BENCH_DIR
from bench.datasets import Dataset, open_dataset
from bench.fragments import KINDS, sample_fragments
from bench.options import FULL_CLIENTS, Options
from bench.progress import say
from bench.results import Measurement, Target
from bench.timing import percentile

NAME = "ui"
LAUNCH_CLIENTS = 100_000
LAUNCH_TARGET = Target("<", 1.5, "s")
FIRST_PAINT_TARGET = Target("<", 150, "ms")
MEMORY_TARGET = Target("<", 200, "MB")
SEARCH_TARGET = Target("<", 100, "ms")
STALL_TARGET = Target("<", 50, "ms")
LAUNCH_REPEATS = 5
LIST_REPEATS = 3
SCROLL_PAGES = 100
FIXED_FRAGMENTS = ("петр", "Иван", "916")  # a common name's start, a first name, digits
SAMPLED_PER_KIND = 5
QUICK_REPEATS = 2
QUICK_SAMPLED_PER_KIND = 2
PROBE_TIMEOUT_S = 300
MARK = "UI-PROBE "


def _monotonic_ns() -> int:
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


def _private_dirs() -> dict[str, str]:
    """The probes' settings, logs and drafts go to a scratch directory, not the user's
    (the app remembers its last login and language there)."""
    home = Path(tempfile.gettempdir()) / "crm-bench-ui-home"
    return {
        var: str(home / var.lower())
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
    }


def probe(scenario: str, db: str, *args: str) -> dict[str, Any]:
    """Run `python -m bench.ui_probe SCENARIO` in a fresh process; its JSON result (with
    times from `launch` counted from just before the spawn)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **_private_dirs()}
    command = [sys.executable, "-m", "bench.ui_probe", scenario, "--db", db, *args]
    started = _monotonic_ns()
    done = subprocess.run(
        [*command, "--started", str(started)],
        cwd=BENCH_DIR.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT_S,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    if done.returncode != 0 or not lines:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"ui probe {scenario} exited {done.returncode}:\n{tail}")
    result: dict[str, Any] = json.loads(lines[-1][len(MARK) :])
    return result


def _m(
    database: str,
    metric: str,
    value: float,
    unit: str,
    target: Target | None = None,
    note: str = "",
) -> Measurement:
    return Measurement(NAME, database, metric, value, unit, target, note)


def _on_cpu(stall: dict[str, Any], prefix: str = "") -> str:
    """How much of the worst gap between two ticks the UI thread itself ran; the rest it
    waited (for the GIL held by a worker thread, or for a core busy elsewhere)."""
    gap = stall[f"{prefix}stall_ms"] + stall["stall_tick_ms"]
    return f"UI thread ran {stall[f'{prefix}stall_cpu_ms']:.0f} of the {gap:.0f} ms between ticks"


def _finite(values: Sequence[float]) -> list[float]:
    return [v for v in values if not math.isnan(v)]


def _or_inf(value: float) -> float:
    return math.inf if math.isnan(value) else value


# --- launch -------------------------------------------------------------------------------


def measure_launch(dataset: Dataset, repeats: int) -> list[Measurement]:
    db, database = dataset.db.location.url(), dataset.database
    say(f"{database}: launching the app {repeats + 1} times ({LAUNCH_CLIENTS:,} clients)")
    load = _load()
    probe("launch", db)  # untimed: the files into the OS cache
    runs = [probe("launch", db) for _ in range(repeats)]
    painted = [r["painted_ms"] / 1000 for r in runs]

    def median_ms(key: str) -> float:
        return float(statistics.median(r[key] for r in runs))

    label = f"launch to first rows painted [{LAUNCH_CLIENTS:,} clients]"
    steps = "median ms from spawn: " + ", ".join(
        f"{what} {median_ms(key):.0f}"
        for what, key in (
            ("python up", "entered_ms"),
            ("QApplication", "qt_ms"),
            ("window shown", "shown_ms"),
            ("rows paint event", "paint_event_ms"),
        )
    )
    return [
        _m(
            database,
            f"{label} median",
            statistics.median(painted),
            "s",
            LAUNCH_TARGET,
            f"{repeats} launches after 1 untimed; {load}",
        ),
        _m(database, f"{label} max", max(painted), "s", LAUNCH_TARGET, steps),
        _m(database, "launch: python up (probe entered) median", median_ms("entered_ms"), "ms"),
        _m(database, "launch: PySide6 + QApplication made median", median_ms("qt_ms"), "ms"),
        _m(
            database,
            "launch: main window shown median",
            median_ms("shown_ms"),
            "ms",
            note="crm_desktop.cli imported, database opened, window built, first page",
        ),
        _m(
            database,
            "launch: peak resident memory max",
            max(r["memory"]["peak"] for r in runs),
            "MB",
        ),
    ]


# --- list ---------------------------------------------------------------------------------


def measure_list(dataset: Dataset, repeats: int, targets: bool) -> list[Measurement]:
    db, database = dataset.db.location.url(), dataset.database
    clients = dataset.generation.clients
    say(f"{database}: opening the list {repeats} times ({clients:,} clients)")
    load = _load()
    runs = [probe("list", db, "--scroll-pages", str(SCROLL_PAGES)) for _ in range(repeats)]
    painted = [r["painted_ms"] for r in runs]
    rows = max(r["rows_after_scroll"] for r in runs)
    jitter = max(r["idle_stall_ms"] for r in runs)
    scroll = max(runs, key=lambda r: r["scroll_stall_ms"])
    paint_target = FIRST_PAINT_TARGET if targets else None
    memory_target = MEMORY_TARGET if targets else None
    return [
        _m(database, "list: clients", clients, "clients"),
        _m(
            database,
            "list: show() to first rows painted median",
            statistics.median(painted),
            "ms",
            paint_target,
            f"{repeats} fresh processes; {load}",
        ),
        _m(
            database,
            "list: show() to first rows painted max",
            max(painted),
            "ms",
            paint_target,
            "paint event arrived after median "
            f"{statistics.median(r['paint_event_ms'] for r in runs):.0f} ms",
        ),
        _m(
            database,
            "list: MainWindow.open median",
            statistics.median(r["open_ms"] for r in runs),
            "ms",
            note="open the database, check the schema, build the window, first page",
        ),
        _m(
            database,
            "list: resident memory after first paint max",
            max(r["memory_after_paint"]["rss"] for r in runs),
            "MB",
            memory_target,
        ),
        _m(
            database,
            f"list: resident memory after paging down {SCROLL_PAGES} screens max",
            max(r["memory_after_scroll"]["rss"] for r in runs),
            "MB",
            memory_target,
            f"{rows:,} rows in the model",
        ),
        _m(
            database,
            "list: peak resident memory (VmHWM) max",
            max(r["memory_after_scroll"]["peak"] for r in runs),
            "MB",
            memory_target,
        ),
        _m(
            database,
            "list: longest UI stall while paging down",
            scroll["scroll_stall_ms"],
            "ms",
            note=f"a screen every 40 ms; {_on_cpu(scroll, 'scroll_')}; idle jitter {jitter:.1f} ms",
        ),
    ]


# --- search -------------------------------------------------------------------------------


def fragments_to_type(dataset: Dataset, per_kind: int, seed: int) -> list[str]:
    sampled = sample_fragments(dataset.db, per_kind, seed)
    out = list(FIXED_FRAGMENTS)
    for kind in KINDS:
        out.extend(f for f in sampled[kind] if f not in out)
    return out


def measure_search(
    dataset: Dataset, fragments: list[str], seed: int, targets: bool
) -> list[Measurement]:
    db, database = dataset.db.location.url(), dataset.database
    say(f"{database}: typing {len(fragments)} fragments into the search box")
    load = _load()
    run = probe("search", db, "--fragments", json.dumps(fragments), "--seed", str(seed))
    typed: list[dict[str, Any]] = run["typed"]
    cleared: list[dict[str, float]] = run["cleared"]
    replaced = _finite([t["replaced_ms"] for t in typed])
    painted = _finite([t["painted_ms"] for t in typed])
    missing = len(typed) - len(replaced)
    right = sum(1 for t in typed if t["right_answer"])
    same = sum(1 for t in typed if t["same_rows"])
    stale = sum(1 for t in typed if t["resets_after_last_key"] > 1)
    worst = max(typed, key=lambda t: t["stall_ms"])
    slowest = max(typed, key=lambda t: _or_inf(t["replaced_ms"]))
    delay = float(run["debounce_ms"])
    search_target = SEARCH_TARGET if targets else None
    stall_target = STALL_TARGET if targets else None
    clear = max(cleared, key=lambda c: c["stall_ms"], default=None)
    counted = f"{len(typed)} fragments typed 60-120 ms a key; {load}"
    if missing:
        counted = (
            f"{missing} of {len(typed)} fragments showed no results after the last key; {load}"
        )
    return [
        _m(
            database,
            "search: delay before searching (debounce)",
            delay,
            "ms",
            note="the search box's timer: results cannot come sooner",
        ),
        _m(
            database,
            "search: last key to results shown p50",
            percentile(replaced, 50),
            "ms",
            note=counted,
        ),
        _m(
            database,
            "search: last key to results shown p95",
            percentile(replaced, 95),
            "ms",
            search_target,
            "the table model's reset that showed the rows the list ended with",
        ),
        _m(
            database,
            "search: last key to results shown max",
            max(replaced) if replaced and not missing else math.nan,
            "ms",
            search_target,
            f"slowest: {slowest['text']!r}",
        ),
        _m(
            database,
            "search: results shown, less the delay, p95",
            percentile([v - delay for v in replaced], 95),
            "ms",
            note="the query in a worker and the model reset, after the timer fired",
        ),
        _m(database, "search: last key to results painted p95", percentile(painted, 95), "ms"),
        _m(
            database,
            "search: right answers shown",
            right,
            "count",
            Target(">=", len(typed)),
            f"vs search_clients asked afterwards: same prefix matches and row count "
            f"({same} identical); stale results shown after the last key: {stale}",
        ),
        _m(
            database,
            "search: longest UI stall while typing",
            worst["stall_ms"],
            "ms",
            stall_target,
            f"{worst['stall_phase']} of {worst['text']!r}; {_on_cpu(worst)}",
        ),
        _m(
            database,
            "search: UI stall p50 per fragment",
            percentile([t["stall_ms"] for t in typed], 50),
            "ms",
        ),
        _m(
            database,
            "search: longest UI stall clearing the box",
            clear["stall_ms"] if clear else math.nan,
            "ms",
            stall_target,
            "Ctrl+A, Backspace: the paged list comes back"
            + (f"; {_on_cpu(clear)}" if clear else ""),
        ),
        _m(
            database,
            "search: Backspace to the list shown p95",
            percentile([c["list_back_ms"] for c in cleared], 95),
            "ms",
        ),
        _m(
            database,
            "search: peak resident memory (VmHWM)",
            run["memory"]["peak"],
            "MB",
            MEMORY_TARGET if targets else None,
        ),
    ]


# --- the benchmark ------------------------------------------------------------------------


def run(options: Options) -> list[Measurement]:
    quick = options.quick
    launch_repeats = QUICK_REPEATS if quick else LAUNCH_REPEATS
    list_repeats = QUICK_REPEATS if quick else LIST_REPEATS
    per_kind = QUICK_SAMPLED_PER_KIND if quick else SAMPLED_PER_KIND
    targets = options.clients == FULL_CLIENTS  # the list and search targets are for 1M
    out: list[Measurement] = []
    for database in options.databases:
        for clients in dict.fromkeys((LAUNCH_CLIENTS, options.clients)):
            with open_dataset(database, replace(options, clients=clients)) as dataset:
                if clients == LAUNCH_CLIENTS:
                    out.extend(measure_launch(dataset, launch_repeats))
                if clients == options.clients:
                    out.extend(measure_list(dataset, list_repeats, targets))
                    fragments = fragments_to_type(dataset, per_kind, options.seed)
                    out.extend(measure_search(dataset, fragments, options.seed, targets))
    return out
