"""Running database work off the UI thread (after Anki's QueryOp): the call site reads
`Background(db, fn).on_done(show).run()`; `fn(session)` runs in a worker with its own unit
of work, and `show(result)` runs back on the UI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from crm_desktop.store.database import CrmSession, Database

T = TypeVar("T")
log = logging.getLogger(__name__)


class _Relay(QObject):
    sig_done = Signal(object)
    sig_failed = Signal(object)


class Background(QRunnable, Generic[T]):
    def __init__(
        self,
        db: Database,
        work: Callable[[CrmSession], T],
        login: str | None = None,
        *,
        write: bool = True,
    ) -> None:
        super().__init__()
        self._db = db
        self._write = write
        self._work = work
        self._login = login
        self._relay = _Relay()
        self.setAutoDelete(False)

    def on_done(self, slot: Callable[[T], Any]) -> Background[T]:
        self._relay.sig_done.connect(slot)
        return self

    def on_failed(self, slot: Callable[[BaseException], Any]) -> Background[T]:
        self._relay.sig_failed.connect(slot)
        return self

    def run(self) -> None:  # in the worker thread
        try:
            with self._db.unit_of_work(self._login, write=self._write) as session:
                result = self._work(session)
        except Exception as exc:
            log.exception("background operation failed")
            self._relay.sig_failed.emit(exc)
            return
        self._relay.sig_done.emit(result)

    def start(self) -> Background[T]:
        _running.add(self)
        self._relay.sig_done.connect(lambda _r: _running.discard(self))
        self._relay.sig_failed.connect(lambda _e: _running.discard(self))
        QThreadPool.globalInstance().start(self)
        return self


_running: set[Background[Any]] = set()
