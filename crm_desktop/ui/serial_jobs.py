"""Database work of one screen done in the background one piece after another: a settings
screen whose every click is a small change (tick a box, move a stage up) queues them, so
two quick clicks never race each other and each result is shown in the order made."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background


@dataclass(frozen=True)
class _Job:
    work: Callable[[CrmSession], Any]
    done: Callable[[Any], Any]
    failed: Callable[[BaseException], Any]
    write: bool


class SerialJobs(QObject):
    """`run(work, done, failed)`: `work(session)` in a worker with its own unit of work,
    then `done(result)` or `failed(error)` on the UI thread; the next job starts after."""

    sig_idle = Signal()  # the last queued job has finished

    def __init__(self, db: Database, login: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._waiting: deque[_Job] = deque()
        self._current: _Job | None = None

    def busy(self) -> bool:
        return self._current is not None or bool(self._waiting)

    def run(
        self,
        work: Callable[[CrmSession], Any],
        done: Callable[[Any], Any],
        failed: Callable[[BaseException], Any],
        *,
        write: bool = True,
    ) -> None:
        self._waiting.append(_Job(work, done, failed, write))
        if self._current is None:
            self._next()

    def _next(self) -> None:
        if not self._waiting:
            self._current = None
            self.sig_idle.emit()
            return
        job = self._waiting.popleft()
        self._current = job
        Background(self._db, job.work, self._login, write=job.write).on_done(
            self._finished
        ).on_failed(self._broke).start()

    def _finished(self, result: object) -> None:
        job = self._current
        try:
            if job is not None:
                job.done(result)
        finally:
            self._next()

    def _broke(self, error: BaseException) -> None:
        job = self._current
        try:
            if job is not None:
                job.failed(error)
        finally:
            self._next()
