"""Whether the office server is reachable: a light check in a worker thread now and then,
and any `ServerUnavailable` met on the way, tell the window to show or hide its banner.
A local file has no connection to lose."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from crm_desktop.errors import LicenseExhausted, ServerUnavailable
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background

log = logging.getLogger(__name__)

# a connection back but its seat taken by someone else meanwhile: the banner says who holds
# the seats, and the check goes on until one is free
UNAVAILABLE = (ServerUnavailable, LicenseExhausted)
CHECK_CONNECTED_MS = 30_000
CHECK_LOST_MS = 5_000


class ConnectionMonitor(QObject):
    sig_lost = Signal(str)  # the one-sentence reason
    sig_back = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.connected = True
        self._checking = False
        self._stopped = False
        self._timer = QTimer(self, interval=CHECK_CONNECTED_MS)
        self._timer.timeout.connect(self.check)
        if not db.location.is_sqlite:
            self._timer.start()

    def check(self) -> None:
        """Ping the server off the UI thread (a dead server can take seconds to say so)."""
        if self._checking or self._stopped or self._db.location.is_sqlite:
            return
        self._checking = True
        Background(None, lambda: self._db.ping()).on_done(lambda _r: self._answer(None)).on_failed(
            self._answer
        ).start()

    def stop(self) -> None:
        """The window closes: no more checks, and a check still running is ignored."""
        self._timer.stop()
        self._stopped = True

    def _answer(self, error: BaseException | None) -> None:
        if self._stopped or not shiboken6.isValid(self):
            return  # the window went away while the server was being asked
        self._checking = False
        if error is None:
            self._set(True, "")
        elif isinstance(error, UNAVAILABLE):
            self._set(False, error.message)
        else:
            log.warning("connection check failed: %s", error)

    def report(self, error: BaseException) -> bool:
        """Called with an error met anywhere: True when it was a lost connection (and the
        banner now says so)."""
        if isinstance(error, UNAVAILABLE):
            self._set(False, error.message)
            return True
        return False

    def _set(self, connected: bool, reason: str) -> None:
        changed = connected != self.connected
        self.connected = connected
        self._timer.setInterval(CHECK_CONNECTED_MS if connected else CHECK_LOST_MS)
        if not changed:
            return
        if connected:
            log.info("connection to %s is back", self._db.location.describe())
            self.sig_back.emit()
        else:
            log.warning("connection to %s lost: %s", self._db.location.describe(), reason)
            self.sig_lost.emit(reason)
