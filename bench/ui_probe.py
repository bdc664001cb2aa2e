"""One measurement of the desktop app in a fresh Python process, for `python -m bench ui`
(bench/ui.py starts it with QT_QPA_PLATFORM=offscreen). It prints one line,
`UI-PROBE {json}`, on stdout.

    python -m bench.ui_probe launch --db URL --started NS
    python -m bench.ui_probe list   --db URL [--scroll-pages N]
    python -m bench.ui_probe search --db URL --fragments JSON [--seed S]

`launch` goes through the product's own start, `crm_desktop.cli.main(["--db", URL])`, as
the `crm-desktop` command does. The probe makes the QApplication first (the app's
`run_app` takes an existing one) so that it can watch every widget from the start; apart
from that it imports nothing before the product does. Its times count from `--started`,
the parent's CLOCK_MONOTONIC just before it spawned this process.

`list` and `search` open the main window as the app does (`MainWindow.open`) and show it.

Diagnostics, not used by `python -m bench ui`: `--profile FILE` writes cProfile stats of
the scenario; `--debounce-ms MS` changes the search box's delay before searching (to see
what another delay would give without editing the product).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import math
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.main_window import MainWindow

MARK = "UI-PROBE "
APP_NAME = "crm-desktop"
PAINT_TIMEOUT_MS = 30_000
RESULT_TIMEOUT_MS = 10_000
SETTLE_MS = 300  # after results arrive: later (stale) results, repaints
KEY_GAP_MS = (60.0, 120.0)  # between keystrokes, uniformly drawn
FIRST_KEY_GAP_MS = 400.0
SCROLL_GAP_MS = 40.0
IDLE_MS = 500.0


def _clock_ms() -> float:
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC) / 1e6


# --- launch -----------------------------------------------------------------------------


def launch(db: str, started_ms: float) -> dict[str, Any]:
    """From the parent's spawn to the main window shown and its first rows painted."""
    entered = _clock_ms()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([APP_NAME])
    from bench.ui_watch import RowsPainted, memory_mb

    made = _clock_ms()
    watch = RowsPainted(app)
    result: dict[str, Any] = {}

    def finish(_done: float) -> None:
        watch.stop()
        assert watch.event_ms is not None and watch.done_ms is not None
        result.update(
            entered_ms=entered - started_ms,
            qt_ms=made - started_ms,
            shown_ms=(watch.shown_ms or math.nan) - started_ms,
            paint_event_ms=watch.event_ms - started_ms,
            painted_ms=watch.done_ms - started_ms,
            memory=memory_mb(),
        )
        app.quit()

    watch.sig_painted.connect(finish)
    QTimer.singleShot(PAINT_TIMEOUT_MS, app.quit)  # a window that never paints rows
    from crm_desktop.cli import main

    code = main(["--db", db])
    if not result:
        raise SystemExit(f"no rows painted within {PAINT_TIMEOUT_MS} ms (exit {code})")
    return result


# --- the window, as the app opens it ------------------------------------------------------


def _open_window(db: str, debounce_ms: int | None = None) -> tuple[QApplication, MainWindow, float]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from crm_desktop.i18n import language, set_language
    from crm_desktop.ui.language import use_language
    from crm_desktop.ui.main_window import MainWindow

    app = QApplication([APP_NAME])
    use_language(app, set_language(None))
    give_up = QTimer()  # a message box instead of the window waits for nobody: close it
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: app.exit(1))
    give_up.start(PAINT_TIMEOUT_MS)
    started = _clock_ms()
    window = MainWindow.open(db=db, user=None)
    opened = _clock_ms() - started
    give_up.stop()
    if window is None:
        raise SystemExit(f"the main window did not open on {db} (language {language()})")
    if debounce_ms is not None:
        window.clients._timer.setInterval(debounce_ms)
    return app, window, opened


def _show(window: MainWindow) -> dict[str, float]:
    """Show the window; time its first paint of rows after `show()`."""
    from bench.ui_watch import RowsPainted, pump_until

    watch = RowsPainted(window.clients.table.viewport())
    shown = _clock_ms()
    window.show()
    if not pump_until(lambda: watch.done_ms is not None, PAINT_TIMEOUT_MS):
        raise SystemExit(f"the list painted no rows within {PAINT_TIMEOUT_MS} ms of show()")
    watch.stop()
    assert watch.event_ms is not None and watch.done_ms is not None
    return {"paint_event_ms": watch.event_ms - shown, "painted_ms": watch.done_ms - shown}


# --- list ---------------------------------------------------------------------------------


def list_scenario(db: str, scroll_pages: int) -> dict[str, Any]:
    """The first paint of the list, then scrolling down page by page (fetchMore)."""
    from PySide6.QtWidgets import QAbstractSlider

    from bench.ui_watch import StallWatch, memory_mb, pump

    _app, window, opened = _open_window(db)
    result: dict[str, Any] = {"open_ms": opened, **_show(window)}
    result["rows_after_paint"] = window.model.rowCount()
    result["memory_after_paint"] = memory_mb()
    stalls = StallWatch()
    stalls.start()
    pump(IDLE_MS)  # the timer's own jitter, and whatever follows the first paint
    result["idle_stall_ms"] = stalls.worst_ms
    result["stall_tick_ms"] = stalls.interval_ms
    stalls.reset()
    bar = window.clients.table.verticalScrollBar()
    for _page in range(scroll_pages):
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        pump(SCROLL_GAP_MS)
    stalls.stop()
    result.update(
        scroll_pages=scroll_pages,
        scroll_stall_ms=stalls.worst_ms,
        scroll_stall_cpu_ms=stalls.worst_cpu_ms,
        rows_after_scroll=window.model.rowCount(),
        memory_after_scroll=memory_mb(),
    )
    return result


# --- search -------------------------------------------------------------------------------


Row = tuple[str, str]  # a client's id and folded name, as the list shows it


def _rows(window: MainWindow) -> list[Row]:
    model = window.model
    shown = (model.client_at(i) for i in range(model.rowCount()))
    return [(str(r.id), r.name_folded) for r in shown if r is not None]


@dataclass
class Reset:
    """The table model was reset (new rows shown): when, with which clients, and when
    those rows were painted."""

    at_ms: float
    rows: list[Row]
    painted_ms: float | None = None


@dataclass
class ResetLog:
    resets: list[Reset] = field(default_factory=list)

    def after(self, moment: float) -> list[Reset]:
        return [r for r in self.resets if r.at_ms > moment]


def _watch_resets(window: MainWindow) -> ResetLog:
    from bench.ui_watch import RowsPainted, now_ms

    log = ResetLog()
    paints = RowsPainted(window.clients.table.viewport())

    def reset() -> None:
        log.resets.append(Reset(now_ms(), _rows(window)))
        paints.arm()

    def painted(at: float) -> None:
        if log.resets and log.resets[-1].painted_ms is None:
            log.resets[-1].painted_ms = at

    window.model.modelReset.connect(reset)
    paints.sig_painted.connect(painted)
    return log


@dataclass(frozen=True)
class Answer:
    """What `search_clients` answers for a text, and the folded prefix its first part
    matches (None for a fragment of digits, which is searched as a substring only)."""

    rows: list[Row]
    prefix: str | None

    def answered_by(self, shown: list[Row]) -> bool:
        """The same prefix matches in the same order, and as many rows in all. The other
        hits are not compared: among many substring hits the database picks which fill the
        rest, and PostgreSQL picks differently from one query to the next."""

        def head(rows: list[Row]) -> list[Row]:
            return [r for r in rows if self.prefix and r[1].startswith(self.prefix)]

        return (
            len(shown) == len(self.rows)
            and len(set(shown)) == len(shown)
            and head(shown) == head(self.rows)
        )


def _expected(db: str) -> Callable[[str], Answer]:
    """What the search box must end up showing for a text (asked after the timing)."""
    from crm_desktop.services.client_list import ClientFilter
    from crm_desktop.services.search import parse_fragment, search_clients
    from crm_desktop.store.database import open_database
    from crm_desktop.store.location import parse_location

    database = open_database(parse_location(db))

    def expected(text: str) -> Answer:
        fragment = parse_fragment(text)
        prefix = fragment.text if fragment and not fragment.digits_only else None
        with database.unit_of_work(write=False) as session:
            found = search_clients(session, text, where=ClientFilter())
        return Answer([(str(r.id), r.name_folded) for r in found], prefix)

    return expected


def _clear(window: MainWindow, log: ResetLog) -> dict[str, float]:
    """Ctrl+A, Backspace: the list comes back (the paged list, loaded on the UI thread)."""
    from PySide6.QtCore import Qt

    from bench.ui_watch import StallWatch, now_ms, press_key, pump, pump_until

    stalls = StallWatch()
    stalls.start()
    box = window.search
    press_key(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    pressed = now_ms()
    press_key(box, Qt.Key.Key_Backspace)
    shown = pump_until(
        lambda: bool(log.after(pressed)) and window.model.rowCount() > 0, RESULT_TIMEOUT_MS
    )
    back = now_ms() - pressed if shown else math.nan
    pump(SETTLE_MS)
    stalls.stop()
    return {
        "list_back_ms": back,
        "stall_ms": stalls.worst_ms,
        "stall_cpu_ms": stalls.worst_cpu_ms,
        "stall_tick_ms": stalls.interval_ms,
    }


@dataclass
class Typed:
    """One fragment typed: when its first and last keys went in, the resets that followed
    the last key, what the list showed at the end, and the longest stall meanwhile."""

    text: str
    first_ms: float
    last_ms: float
    resets: list[Reset]
    final: list[Row]
    stall_ms: float
    stall_cpu_ms: float
    stall_at: float
    stall_tick_ms: int

    def outcome(self, want: Answer) -> dict[str, Any]:
        """Timed to the first reset after the last key that showed the rows the list ended
        with (one before it may have shown a shorter fragment's results, made stale by a
        later keystroke)."""
        shown = next((r for r in self.resets if r.rows == self.final), None)
        if self.stall_at <= self.last_ms:
            phase = "typing"
        elif shown is None or self.stall_at <= shown.at_ms:
            phase = "waiting for results"
        else:
            phase = "after results"
        return {
            "text": self.text,
            "typing_ms": self.last_ms - self.first_ms,
            "replaced_ms": shown.at_ms - self.last_ms if shown else math.nan,
            "painted_ms": shown.painted_ms - self.last_ms
            if shown and shown.painted_ms
            else math.nan,
            "resets_after_last_key": len(self.resets),
            "rows": len(self.final),
            "right_answer": want.answered_by(self.final),
            "same_rows": self.final == want.rows,
            "stall_ms": self.stall_ms,
            "stall_cpu_ms": self.stall_cpu_ms,
            "stall_tick_ms": self.stall_tick_ms,
            "stall_phase": phase,
        }


def _type(window: MainWindow, text: str, rng: random.Random, log: ResetLog) -> Typed:
    from bench.ui_watch import StallWatch, now_ms, pump, pump_until, type_char

    box = window.search
    box.setFocus()
    pump(FIRST_KEY_GAP_MS)
    stalls = StallWatch()
    stalls.start()
    first = last = now_ms()
    for i, char in enumerate(text):
        if i:
            pump(rng.uniform(*KEY_GAP_MS))
        last = now_ms()
        type_char(box, char)
    pump_until(lambda: bool(log.after(last)), RESULT_TIMEOUT_MS)
    pump(SETTLE_MS)
    stalls.stop()
    final = _rows(window)
    return Typed(
        text,
        first,
        last,
        log.after(last),
        final,
        stalls.worst_ms,
        stalls.worst_cpu_ms,
        stalls.worst_at,
        stalls.interval_ms,
    )


def search_scenario(
    db: str, fragments: Sequence[str], seed: int, debounce_ms: int | None
) -> dict[str, Any]:
    """Type each fragment a key at a time, then clear the box, as a person searching does."""
    from bench.ui_watch import memory_mb, pump

    _app, window, opened = _open_window(db, debounce_ms)
    shown = _show(window)
    log = _watch_resets(window)
    expected = _expected(db)
    rng = random.Random(seed)
    typed: list[dict[str, Any]] = []
    cleared: list[dict[str, float]] = []
    pump(IDLE_MS)
    for text in fragments:
        if window.search.text():
            cleared.append(_clear(window, log))
        run = _type(window, text, rng, log)
        # the right answer is asked after the timing, so it warms no cache for it
        typed.append(run.outcome(expected(text)))
    return {
        "open_ms": opened,
        "first_paint": shown,
        "debounce_ms": window.clients._timer.interval(),
        "typed": typed,
        "cleared": cleared,
        "memory": memory_mb(),
    }


# --- command line -------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.ui_probe")
    parser.add_argument("scenario", choices=("launch", "list", "search"))
    parser.add_argument("--db", required=True)
    parser.add_argument("--started", type=int, help="parent's CLOCK_MONOTONIC ns at spawn")
    parser.add_argument("--scroll-pages", type=int, default=100)
    parser.add_argument("--fragments", default="[]", help="a JSON list of texts to type")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--debounce-ms", type=int)
    parser.add_argument("--profile", help="write cProfile stats of the scenario here")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    profile = cProfile.Profile() if args.profile else None
    if profile is not None:
        profile.enable()
    if args.scenario == "launch":
        started = args.started / 1e6 if args.started is not None else _clock_ms()
        result = launch(args.db, started)
    elif args.scenario == "list":
        result = list_scenario(args.db, args.scroll_pages)
    else:
        fragments = json.loads(args.fragments)
        result = search_scenario(args.db, fragments, args.seed, args.debounce_ms)
    if profile is not None:
        profile.disable()
        profile.dump_stats(args.profile)
    print(MARK + json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
