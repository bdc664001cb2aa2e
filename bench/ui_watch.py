"""Watching the app's UI thread from inside a probe process (bench/ui_probe.py): when the
client list paints rows, how long the event loop was kept from running, and typing and
waiting the way a person does (the event loop keeps running while the script waits).

Times are milliseconds of CLOCK_MONOTONIC, which is the same clock in every process on the
machine, so a child's times can be compared with the moment its parent started it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QWidget

VIEWPORT_NAME = "qt_scrollarea_viewport"  # the objectName Qt gives a scroll area's viewport
STALL_TICK_MS = 5


def now_ms() -> float:
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC) / 1e6


def memory_mb() -> dict[str, float]:
    """Resident memory now (VmRSS) and at its highest so far (VmHWM), in MB (10^6 bytes)."""
    found: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        key, _sep, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found["rss" if key == "VmRSS" else "peak"] = int(value.split()[0]) * 1024 / 1e6
    return found


def _table_with_rows(obj: QObject) -> bool:
    """Is `obj` the viewport of a table view whose model holds rows?"""
    if obj.objectName() != VIEWPORT_NAME:
        return False
    view = obj.parent()
    if not isinstance(view, QTableView):
        return False
    model = view.model()
    return model is not None and model.rowCount() > 0


class RowsPainted(QObject):
    """The next paint of a table viewport while its model holds rows.

    `event_ms`: when that Paint event arrived; `done_ms`: when the event loop next ran after
    it (a zero timer posted from the Paint event), i.e. the rows were drawn and the window
    was ready for the next input. Watches one viewport, or every widget of the application
    (for a window the probe does not make itself); then it also notes when the first main
    window was shown (`shown_ms`). `arm()` waits for the next such paint again.
    """

    sig_painted = Signal(float)

    def __init__(self, watched: QObject) -> None:
        super().__init__()
        self._watched = watched
        self.event_ms: float | None = None
        self.done_ms: float | None = None
        self.shown_ms: float | None = None
        self._armed = True
        watched.installEventFilter(self)

    def arm(self) -> None:
        self.event_ms = self.done_ms = None
        self._armed = True

    def stop(self) -> None:
        self._watched.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint:
            if self._armed and _table_with_rows(obj):
                self._armed = False
                self.event_ms = now_ms()
                QTimer.singleShot(0, self._painted)
        elif kind == QEvent.Type.Show and self.shown_ms is None and isinstance(obj, QMainWindow):
            self.shown_ms = now_ms()
        return False

    def _painted(self) -> None:
        self.done_ms = now_ms()
        self.sig_painted.emit(self.done_ms)


class StallWatch(QObject):
    """The longest time the UI thread's event loop was kept from running: a precise timer
    ticks every 5 ms, and a tick that comes late shows how long the loop was held up
    (its gap minus the interval). `worst_cpu_ms` is how much of that gap the UI thread
    spent on the CPU: the rest it waited (for the GIL held by a worker thread, or for a
    core busy with other processes)."""

    def __init__(self, interval_ms: int = STALL_TICK_MS) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = now_ms()
        self._last_cpu = time.thread_time() * 1000
        self.worst_ms = 0.0
        self.worst_cpu_ms = 0.0
        self.worst_at = math.nan  # when the worst stall ended

    def start(self) -> None:
        self.reset()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def reset(self) -> None:
        self._last = now_ms()
        self._last_cpu = time.thread_time() * 1000
        self.worst_ms = self.worst_cpu_ms = 0.0
        self.worst_at = math.nan

    def _tick(self) -> None:
        now, cpu = now_ms(), time.thread_time() * 1000
        late = now - self._last - self.interval_ms
        if late > self.worst_ms:
            self.worst_ms, self.worst_at = late, now
            self.worst_cpu_ms = cpu - self._last_cpu
        self._last, self._last_cpu = now, cpu


def pump(ms: float) -> None:
    """Let the event loop run for `ms` (timers, signals from worker threads, painting)."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(max(0, round(ms)))
    loop.exec()


def pump_until(done: Callable[[], bool], timeout_ms: float, poll_ms: int = 1) -> bool:
    """Run the event loop until `done()` (checked every `poll_ms`) or the timeout."""
    if done():
        return True
    deadline = now_ms() + timeout_ms
    loop = QEventLoop()
    poll = QTimer()
    poll.setTimerType(Qt.TimerType.PreciseTimer)
    poll.setInterval(poll_ms)

    def check() -> None:
        if done() or now_ms() > deadline:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    return done()


def _key_of(char: str) -> Qt.Key:
    """Qt's key code for a typed character: its upper-case code point, as Qt makes them."""
    upper = char.upper()
    return Qt.Key(ord(upper)) if len(upper) == 1 else Qt.Key.Key_unknown


def type_char(widget: QWidget, char: str) -> None:
    """A key press and release carrying `char`, delivered as a keyboard's would be
    (`qtbot.keyClicks` aborts on Cyrillic: ARCHITECTURE.md, pitfalls)."""
    key = _key_of(char)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, event)


def press_key(
    widget: QWidget,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers))
