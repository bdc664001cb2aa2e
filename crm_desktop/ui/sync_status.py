"""A laptop replica's sync in the status bar (issue 8): what the sync is doing (offline,
syncing and how far, synced at HH:MM, changes waiting, conflicts), "Sync now" (F9), a
sync in the background every few minutes, and again soon after the network is back
(retries with a growing pause while the office server cannot be reached, and at once
when the system says the network returned).

The sync runs in a worker thread (`Background`), never on the event loop; it opens the
office server the way `crm-desktop sync` does (the remembered URL, the password from the
keyring), but never asks for a password from the worker: when the server wants one that
is not stored, the indicator says so and "Enter the server password…" asks on the UI
thread. Only a database that is a laptop replica shows the indicator at all.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QToolButton,
    QWidget,
)

from crm_desktop.errors import (
    BadInput,
    CrmError,
    PasswordRequired,
    PermissionDenied,
    ServerUnavailable,
)
from crm_desktop.i18n.formats import format_number
from crm_desktop.store import credentials
from crm_desktop.store.database import Database, open_database, translate_db_errors
from crm_desktop.store.location import Location, parse_location
from crm_desktop.sync import engine, replica
from crm_desktop.ui.background import Background
from crm_desktop.ui.icons import icon

log = logging.getLogger(__name__)

SYNC_EVERY_MS = 5 * 60_000  # the automatic sync while all is well
FIRST_SYNC_MS = 3_000  # the first one, once the window is up
STATUS_EVERY_MS = 5_000  # re-reading the local counts (changes waiting, conflicts)
# after a failed sync: the pauses before the next tries (the last one repeats)
RETRY_MS = (15_000, 30_000, 60_000, 120_000, 300_000)
SYNC_SHORTCUT = "F9"
WARN = "#e65100"
BAD = "#b71c1c"
GOOD = "#2e7d32"
Synced = tuple[engine.SyncReport, dict[str, Any]]  # the report, and the counts after it


class Phase(enum.StrEnum):
    IDLE = "idle"  # synced (or not yet), waiting for the next sync
    SYNCING = "syncing"
    OFFLINE = "offline"  # the office server cannot be reached
    PASSWORD = "password"  # offline because the server wants a password this app lacks
    FAILED = "failed"  # the server answered, but the sync stopped with an error


def is_laptop_replica(db: Database) -> bool:
    """A SQLite file made by `replica init` (it has its server and its sync state)."""
    if not db.location.is_sqlite:
        return False
    with db.engine.connect() as conn:
        return replica.is_replica(conn)


def server_location(laptop: Database) -> Location:
    """The office server this replica syncs with, as remembered (without a password)."""
    with laptop.engine.connect() as conn:
        location = parse_location(replica.state(conn).server)
    if location.is_sqlite:
        raise BadInput(
            QCoreApplication.translate(
                "SyncStatus",
                "The replica's server is not a postgresql:// URL: run replica init again.",
            )
        )
    return location


def open_server(laptop: Database, password: str | None) -> Database:
    """The office server, with `password` (typed in this session) or the keyring's; no
    question asked from here (a worker thread): `PasswordRequired` when one is missing,
    also when the one found is refused."""
    location = server_location(laptop)
    if password:
        location = location.with_password(password)
    try:
        server = open_database(location, keyring_password=credentials.load_password)
    except PermissionDenied as refused:
        raise PasswordRequired(refused.message) from None
    engine.take_sync_seat(server)
    return server


class SyncController(QObject):
    """The state of the replica's sync and the timers that start it; `SyncStatus` shows
    it. Every database call happens in a worker."""

    sig_changed = Signal()  # the phase, the counts or the progress changed: show it
    sig_synced = Signal(object)  # a finished sync's `SyncReport`
    sig_data_changed = Signal()  # records here changed (received, resolved): pages re-read
    _sig_step = Signal(str, int)  # from the worker: ("pull", records received so far)

    def __init__(
        self,
        db: Database,
        login: str | None,
        parent: QObject | None = None,
        *,
        every_ms: int = SYNC_EVERY_MS,
        first_ms: int = FIRST_SYNC_MS,
        status_ms: int = STATUS_EVERY_MS,
        retry_ms: tuple[int, ...] = RETRY_MS,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.login = login
        self.phase = Phase.IDLE
        self.pending = 0
        self.conflicts = 0
        self.last_sync: dt.datetime | None = None
        self.server = ""
        self.message = ""  # why the last sync did not finish, in one sentence
        self.step = ""  # "connect", "push" or "pull" while syncing
        self.received = 0  # records received so far in this sync
        self.sending = 0  # changes being sent in this sync
        self.next_try: dt.datetime | None = None  # of an automatic sync
        self._every_ms = every_ms
        self._first_ms = first_ms
        self._retry_ms = retry_ms or RETRY_MS
        self._failures = 0
        self._again = False  # "Sync now" while a sync was running: one more afterwards
        self._reading = False
        self._stopped = False
        self._password: str | None = None  # typed in this session (no keyring to keep it)
        self._auto = QTimer(self)
        self._auto.setSingleShot(True)
        self._auto.timeout.connect(self.sync_now)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(status_ms)
        self._status_timer.timeout.connect(self.refresh_status)
        self._sig_step.connect(self._show_step)
        self._network: Any = None

    # -- timers ---------------------------------------------------------------------

    def start(self) -> None:
        """Read the counts now, sync a moment later, then every few minutes."""
        self._stopped = False
        self.refresh_status()
        self._status_timer.start()
        self._schedule(self._first_ms)
        self._watch_network()

    def stop(self) -> None:
        """The window closes: no more syncs; one still running finishes unseen."""
        self._stopped = True
        self._auto.stop()
        self._status_timer.stop()
        self.next_try = None

    def _schedule(self, ms: int) -> None:
        if self._stopped:
            return
        self._auto.start(ms)
        self.next_try = dt.datetime.now().astimezone() + dt.timedelta(milliseconds=ms)

    def _watch_network(self) -> None:
        """Sync as soon as the system reports the network back, where it can tell."""
        if self._network is not None:
            return
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadDefaultBackend():
                return
            info = QNetworkInformation.instance()
        except (ImportError, RuntimeError):
            return
        if info is None:
            return
        self._network = info
        info.reachabilityChanged.connect(self._reachability)

    def _reachability(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        online = reachability in (
            QNetworkInformation.Reachability.Online,
            QNetworkInformation.Reachability.Site,
        )
        if online and self.phase in (Phase.OFFLINE, Phase.FAILED) and not self._stopped:
            log.info("the network is back: syncing")
            self.sync_now()

    # -- the local counts -----------------------------------------------------------

    def refresh_status(self) -> None:
        """Re-read the changes waiting and the open conflicts (a local read, in a worker)."""
        if self._reading or self._stopped:
            return
        self._reading = True
        Background(None, lambda: engine.status_json(self.db)).on_done(self._status_read).on_failed(
            self._status_failed
        ).start()

    def _status_read(self, status: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return
        self._reading = False
        self._take_status(status)
        self.sig_changed.emit()

    def _status_failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            self._reading = False
            log.warning("the replica's status cannot be read: %s", error)

    def _take_status(self, status: dict[str, Any]) -> None:
        self.pending = int(status["pending"])
        self.conflicts = int(status["conflicts"])
        self.server = str(status["server"])
        last = status["last_sync"]
        self.last_sync = dt.datetime.fromisoformat(last) if last else None

    # -- syncing --------------------------------------------------------------------

    def sync_now(self, password: str | None = None) -> None:
        """Send this laptop's changes and receive the others', in a worker. `password`:
        one the person just typed (kept for this session)."""
        if password:
            self._password = password
        if self.phase is Phase.SYNCING:
            self._again = True
            return
        self._auto.stop()
        self.next_try = None
        self.phase = Phase.SYNCING
        self.step = "connect"
        self.received = 0
        self.sending = self.pending
        self.sig_changed.emit()
        typed = self._password
        Background(None, lambda: self._work(typed)).on_done(self._synced).on_failed(
            self._failed
        ).start()

    def _work(self, password: str | None) -> Synced | CrmError:
        """In the worker: push, then pull page by page (reporting how far), then the
        counts. What `engine.synchronise` does, with progress for the indicator. Being
        offline is no failure of the program: returned, not raised (nor logged as one)."""
        try:
            server = open_server(self.db, password)
            try:
                with translate_db_errors(server.location):  # the server gone meanwhile
                    self._sig_step.emit("push", 0)
                    pushed = engine.push(self.db, server)
                    self._sig_step.emit("pull", 0)
                    pulled = engine.pull(self.db, server, progress=self._sig_step.emit)
            finally:
                server.dispose()
        except (ServerUnavailable, PasswordRequired) as offline:
            return offline
        status = engine.status_json(self.db)
        report = engine.SyncReport(
            pushed.pushed,
            pulled.pulled,
            pushed.conflicts + pulled.conflicts,
            int(status["pending"]),
        )
        return report, status

    def _show_step(self, step: str, count: int) -> None:
        if self.phase is Phase.SYNCING:
            self.step = step
            if step == "pull":
                self.received = count
            self.sig_changed.emit()

    def _synced(self, result: Synced | CrmError) -> None:
        if not shiboken6.isValid(self):
            return
        if isinstance(result, CrmError):
            self._failed(result)
            return
        report, status = result
        self._take_status(status)
        self.phase = Phase.IDLE
        self.message = ""
        self.step = ""
        self._failures = 0
        self._schedule(self._every_ms)
        self.sig_changed.emit()
        self.sig_synced.emit(report)
        if report.pulled or report.conflicts:
            self.sig_data_changed.emit()
        self._run_again()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        if isinstance(error, PasswordRequired):
            self.phase = Phase.PASSWORD
            self._password = None  # refused or missing: asked again when wanted
        elif isinstance(error, ServerUnavailable):
            self.phase = Phase.OFFLINE
        else:
            self.phase = Phase.FAILED
        if isinstance(error, CrmError):
            self.message = error.message
        else:
            self.message = self.tr(
                "Something went wrong in the program; the details are in the log file."
            )
        log.info("sync did not finish: %s", error)  # (a bug's traceback: logged by Background)
        self.step = ""
        pause = self._retry_ms[min(self._failures, len(self._retry_ms) - 1)]
        self._failures += 1
        self._schedule(pause)
        self.sig_changed.emit()
        self.refresh_status()  # what is waiting stays waiting: the counts are still right
        self._run_again()

    def _run_again(self) -> None:
        if self._again:
            self._again = False
            self.sync_now()

    def resolved(self) -> None:
        """A conflict was settled here (a new edit): the counts and the pages change."""
        self.refresh_status()
        self.sig_data_changed.emit()


def _today(moment: dt.datetime) -> bool:
    return moment.astimezone().date() == dt.datetime.now().astimezone().date()


def _moment(moment: dt.datetime) -> str:
    """The time ("14:05") today; the date and time on another day (as the locale writes them)."""
    local = moment.astimezone()
    locale = QLocale()
    time = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if _today(local):
        return time
    stamp = QDateTime.fromSecsSinceEpoch(int(local.timestamp()))
    if locale.language() == QLocale.Language.Russian:
        return locale.toString(stamp, "dd.MM.yyyy HH:mm")
    return locale.toString(stamp, QLocale.FormatType.ShortFormat)


class SyncStatus(QWidget):
    """The indicator: an icon, one line of text, a busy bar while syncing, the conflicts
    (a click opens them) and "Sync now" with a small menu."""

    sig_data_changed = Signal()  # records here changed by a sync or a resolution

    def __init__(
        self,
        db: Database,
        login: str | None,
        parent: QWidget | None = None,
        *,
        controller: SyncController | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller or SyncController(db, login, self)
        self.controller.sig_changed.connect(self.show_state)
        self.controller.sig_data_changed.connect(self.sig_data_changed)
        self.conflicts_dialog: QWidget | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 0)
        row.setSpacing(6)
        self.glyph = QLabel()
        self.text = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # how much is left is unknown: a busy bar
        self.progress.setTextVisible(False)
        self.progress.setFixedSize(70, 10)
        self.progress.hide()
        self.conflicts_button = QToolButton()
        self.conflicts_button.setAutoRaise(True)
        self.conflicts_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.conflicts_button.setIcon(icon("conflict", color=WARN))
        self.conflicts_button.setToolTip(self.tr("Open the conflicts to settle them"))
        self.conflicts_button.clicked.connect(self.open_conflicts)
        self.conflicts_button.hide()

        self.sync_action = QAction(icon("sync"), self.tr("Sync now"), self)
        self.sync_action.setShortcut(QKeySequence(SYNC_SHORTCUT))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_action.triggered.connect(self.sync_now)
        self.conflicts_action = QAction(icon("conflict"), self.tr("Conflicts…"), self)
        self.conflicts_action.triggered.connect(self.open_conflicts)
        self.password_action = QAction(icon("login"), self.tr("Enter the server password…"), self)
        self.password_action.triggered.connect(self.enter_password)
        menu = QMenu(self)
        menu.addActions([self.sync_action, self.conflicts_action, self.password_action])
        self.sync_button = QToolButton()
        self.sync_button.setAutoRaise(True)
        self.sync_button.setDefaultAction(self.sync_action)
        self.sync_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.sync_button.setMenu(menu)
        self.sync_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.sync_button.setToolTip(
            self.tr("Sync now ({key})").format(
                key=QKeySequence(SYNC_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.addAction(self.sync_action)  # F9 anywhere in the window
        for widget in (self.glyph, self.text, self.progress, self.conflicts_button):
            row.addWidget(widget)
        row.addWidget(self.sync_button)
        self.show_state()

    # -- what it shows --------------------------------------------------------------

    def state_text(self) -> str:
        c = self.controller
        if c.phase is Phase.SYNCING:
            if c.step == "push" and c.sending:
                main = self.tr("Syncing: sending {n} changes…").format(n=format_number(c.sending))
            elif c.step == "pull" and c.received:
                main = self.tr("Syncing: {n} received…").format(n=format_number(c.received))
            else:
                main = self.tr("Syncing…")
            return main
        if c.phase is Phase.OFFLINE:
            main = self.tr("Offline")
        elif c.phase is Phase.PASSWORD:
            main = self.tr("Offline: password needed")
        elif c.phase is Phase.FAILED:
            main = self.tr("Sync failed")
        elif c.last_sync is not None and _today(c.last_sync):
            main = self.tr("Synced at {time}").format(time=_moment(c.last_sync))
        elif c.last_sync is not None:
            main = self.tr("Synced {when}").format(when=_moment(c.last_sync))
        else:
            main = self.tr("Not synced yet")
        if c.pending:
            main += " · " + self.tr("{n} pending").format(n=c.pending)
        return main

    def _glyph(self) -> tuple[str, str]:
        c = self.controller
        if c.phase is Phase.SYNCING:
            return "syncing", "#1565c0"
        if c.phase is Phase.OFFLINE:
            return "sync-offline", BAD
        if c.phase is Phase.PASSWORD:
            return "sync-password", BAD
        if c.phase is Phase.FAILED:
            return "sync-failed", BAD
        if c.pending:
            return "sync-pending", WARN
        return "synced", GOOD

    def _tooltip(self) -> str:
        c = self.controller
        lines = []
        if c.message:
            lines.append(c.message)
        if c.server:
            lines.append(
                self.tr("Office server: {server}").format(
                    server=parse_location(c.server).describe()
                )
            )
        lines.append(
            self.tr("Last sync: {when}").format(
                when=_moment(c.last_sync) if c.last_sync else self.tr("never")
            )
        )
        lines.append(self.tr("Changes waiting to be sent: {n}").format(n=c.pending))
        if c.next_try is not None and c.phase is not Phase.SYNCING:
            lines.append(self.tr("Next sync at {time}").format(time=_moment(c.next_try)))
        return "\n".join(lines)

    def show_state(self) -> None:
        c = self.controller
        name, color = self._glyph()
        self.glyph.setPixmap(icon(name, color=color).pixmap(16, 16))
        self.text.setText(self.state_text())
        tip = self._tooltip()
        for widget in (self.glyph, self.text):
            widget.setToolTip(tip)
        self.progress.setVisible(c.phase is Phase.SYNCING)
        self.sync_action.setEnabled(c.phase is not Phase.SYNCING)
        self.password_action.setVisible(c.phase is Phase.PASSWORD)
        self.conflicts_button.setText(self.tr("Conflicts: {n}").format(n=c.conflicts))
        self.conflicts_button.setVisible(c.conflicts > 0)

    # -- what it does ---------------------------------------------------------------

    def sync_now(self) -> None:
        if self.controller.phase is Phase.PASSWORD:
            self.enter_password()
        else:
            self.controller.sync_now()

    def enter_password(self) -> None:
        """Ask for the office server's password here (on the UI thread), keep it in the
        keyring when there is one (else for this session), and sync."""
        try:
            location = server_location(self.controller.db)
        except CrmError as exc:
            self.controller.message = exc.message
            self.show_state()
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("Office server"),
            self.tr("Password for {user} on {server}:").format(
                user=location.user or "?", server=location.server_name()
            ),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not password:
            return
        credentials.save_password(location, password)
        self.controller.sync_now(password)

    def open_conflicts(self) -> None:
        """The Conflicts screen, in a window of its own (one at a time)."""
        from crm_desktop.ui.conflicts_page import ConflictsDialog

        dialog = self.conflicts_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            made = ConflictsDialog(self.controller.db, self.controller.login, self.window())
            made.page.sig_resolved.connect(self.controller.resolved)
            self.controller.sig_synced.connect(lambda _r: made.reload_if_shown())
            self.conflicts_dialog = dialog = made
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
