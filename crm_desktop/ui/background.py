"""Running database work off the UI thread (after Anki's QueryOp/CollectionOp), the one
helper every screen uses: `fn(session)` runs in a worker thread with its own unit of work,
and `on_done(result)` runs back on the UI thread.

    Background(db, lambda s: search_clients(s, text), login, write=False).on_done(show).start()

Long work takes a `Progress` as well and gets a progress dialog with a Cancel button:

    Background(db, lambda s, p: generate_demo(s, n, progress=p.report), login,
               progress=tr("Adding sample data…"), parent=window).start()

With `db=None` the work gets no session (only the `Progress`, if any): for work that
opens or creates its own database, like the first-run wizard's.

Cancelling raises `Cancelled` inside the work at its next report, so the unit of work
rolls back and nothing half-done is kept.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from crm_desktop.store.database import Database

T = TypeVar("T")
log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The user pressed Cancel; the work stops and its unit of work rolls back."""


class _Relay(QObject):
    sig_done = Signal(object)
    sig_failed = Signal(object)
    sig_progress = Signal(int, int)


class Progress:
    """Given to long work: report how far it is; a cancel shows up at the next report."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._relay.sig_progress.emit(done, total)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Background(QRunnable, Generic[T]):
    def __init__(
        self,
        db: Database | None,
        work: Callable[..., T],
        login: str | None = None,
        *,
        write: bool = True,
        progress: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__()
        self._db = db
        self._write = write
        self._work = work
        self._login = login
        self._relay = _Relay()
        # First of the slots: the progress dialog goes before the caller hears the result
        # (which may close the window that holds it).
        self._relay.sig_done.connect(lambda _r: self._finish())
        self._relay.sig_failed.connect(lambda _e: self._finish())
        self.progress = Progress(self._relay) if progress is not None else None
        self.dialog: QProgressDialog | None = None
        if progress is not None:
            self.dialog = QProgressDialog(
                progress, QCoreApplication.translate("Background", "Cancel"), 0, 0, parent
            )
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(500)  # quick work shows no dialog at all
            self.dialog.canceled.connect(self.cancel)
            self._relay.sig_progress.connect(self._show_progress)
        self.setAutoDelete(False)

    def on_done(self, slot: Callable[[T], Any]) -> Background[T]:
        self._relay.sig_done.connect(slot)
        return self

    def on_failed(self, slot: Callable[[BaseException], Any]) -> Background[T]:
        self._relay.sig_failed.connect(slot)
        return self

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancel()

    def _show_progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, total))

    def run(self) -> None:  # in the worker thread
        try:
            if self._db is None:  # work that opens its own database (the first run)
                args: tuple[Any, ...] = () if self.progress is None else (self.progress,)
                result = self._work(*args)
            else:
                with self._db.unit_of_work(self._login, write=self._write) as session:
                    if self.progress is not None:
                        result = self._work(session, self.progress)
                    else:
                        result = self._work(session)
        except Exception as exc:
            if not isinstance(exc, Cancelled):
                log.exception("background operation failed")
            self._relay.sig_failed.emit(exc)
            return
        self._relay.sig_done.emit(result)

    def _finish(self) -> None:
        _running.discard(self)
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.reset()
            self.dialog.hide()

    def start(self) -> Background[T]:
        _running.add(self)
        QThreadPool.globalInstance().start(self)
        return self


_running: set[Background[Any]] = set()


def wait_for(job: Background[Any], busy: QWidget) -> tuple[bool, Any]:
    """Start `job` and wait for it in a local event loop (the window stays alive and
    repaints; `busy` is disabled meanwhile): (True, result) or (False, the exception).
    For wizard pages that must know the outcome before going on."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    outcome: list[tuple[bool, Any]] = []

    def done(ok: bool, value: Any) -> None:
        outcome.append((ok, value))
        loop.quit()

    busy.setEnabled(False)
    try:
        job.on_done(lambda r: done(True, r)).on_failed(lambda e: done(False, e)).start()
        if not outcome:
            loop.exec()
    finally:
        busy.setEnabled(True)
    return outcome[0]
