"""Reminders: every half minute the watcher asks (off the UI thread) which of the user's
tasks are due for a reminder, shows each in a small window that does not block the app
(and as a tray notification where the desktop has a tray), and marks it shown so it
comes once. The window offers Open, Complete and Snooze (10 minutes or an hour): a
snoozed reminder comes again then.

The watcher takes a clock function: tests give a fixed one and call `check_now()`."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.services.tasks import (
    Completion,
    TaskView,
    complete_task,
    due_reminders,
    mark_reminded,
    snooze,
)
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.call_log import CallLogDialog, offer_call_log
from crm_desktop.ui.icons import icon
from crm_desktop.ui.task_dialog import TaskDialog
from crm_desktop.ui.task_labels import MUTED_COLOR, Clock, date_time_text, kind_label, utc_now
from crm_desktop.ui.unexpected import one_sentence, report_connection

log = logging.getLogger(__name__)
INTERVAL_MS = 30_000
SNOOZE_MINUTES = (10, 60)
TRAY_MS = 10_000
POPUP_WIDTH = 340
MAX_POPUPS = 5  # reminder windows on screen at once


class ReminderPopup(QWidget):
    """One reminder: a small window on top of the others, which never blocks the app."""

    sig_open = Signal(object)  # the TaskView
    sig_complete = Signal(object)
    sig_snooze = Signal(object, int)  # the TaskView, minutes

    def __init__(self, task: TaskView, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.task = task
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle(self.tr("Reminder"))
        self.setFixedWidth(POPUP_WIDTH)
        kind = QLabel(kind_label(task.kind))
        kind.setStyleSheet(f"color: {MUTED_COLOR};")
        self.title = QLabel(task.title)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        due = date_time_text(task.due_at) if task.due_at else self.tr("no due date")
        self.due = QLabel(self.tr("Due: {when}").format(when=due))
        self.client = QLabel(task.client_name or "")
        self.client.setVisible(bool(task.client_name))
        self.open_button = QPushButton(self.tr("Open"))
        self.complete_button = QPushButton(self.tr("Complete"))
        self.snooze_buttons: dict[int, QPushButton] = {
            10: QPushButton(self.tr("In 10 min")),
            60: QPushButton(self.tr("In 1 hour")),
        }
        self.open_button.clicked.connect(lambda: self.sig_open.emit(self.task))
        self.complete_button.clicked.connect(lambda: self.sig_complete.emit(self.task))
        for minutes, button in self.snooze_buttons.items():
            button.setToolTip(self.tr("Remind me again later"))
            button.clicked.connect(lambda _c=False, m=minutes: self.sig_snooze.emit(self.task, m))
        head = QHBoxLayout()
        picture = QLabel()
        picture.setPixmap(icon("tasks", "#f57c00").pixmap(28, 28))
        head.addWidget(picture)
        head.addWidget(kind, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.complete_button)
        buttons.addStretch(1)
        later = QHBoxLayout()
        later.addWidget(QLabel(self.tr("Remind again:")))
        for button in self.snooze_buttons.values():
            later.addWidget(button)
        later.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.title)
        layout.addWidget(self.due)
        layout.addWidget(self.client)
        layout.addLayout(buttons)
        layout.addLayout(later)

    def set_busy(self, busy: bool) -> None:
        for button in (self.open_button, self.complete_button, *self.snooze_buttons.values()):
            button.setEnabled(not busy)

    def place(self, index: int) -> None:
        """In the screen's bottom right corner, the `index`th one above the others."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.adjustSize()
        height = self.sizeHint().height()
        x = area.right() - POPUP_WIDTH - 16
        y = area.bottom() - (height + 12) * (index + 1)
        self.move(x, max(area.top(), y))


class ReminderWatcher(QObject):
    sig_reminded = Signal(object)  # a TaskView whose reminder was just shown
    sig_checked = Signal(int)  # a check finished, with how many new reminders
    sig_changed = Signal()  # a task was completed, snoozed or edited from a reminder
    sig_message = Signal(str)  # for the status line

    def __init__(
        self,
        db: Database,
        login: str | None,
        clock: Clock = utc_now,
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
        *,
        tray: QSystemTrayIcon | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._clock = clock
        self._checking = False
        self._tray = tray
        self.popups: dict[uuid.UUID, ReminderPopup] = {}
        self.dialog: TaskDialog | None = None
        self.call_log_dialog: CallLogDialog | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)

    def start(self) -> None:
        """Check now and then every interval."""
        self.timer.start()
        self.check_now()

    def stop(self) -> None:
        self.timer.stop()
        for popup in list(self.popups.values()):
            popup.close()

    def check_now(self) -> Background[list[TaskView]] | None:
        """Ask for the reminders due at the clock's time now (off the UI thread, a read
        that takes no write lock); those found are marked shown, then shown. None while a
        check runs, or for a user who is no app user (reminders are an assignee's)."""
        if self._checking or not self._login:
            return None
        self._checking = True
        now = self._clock()
        login = self._login
        job: Background[list[TaskView]] = Background(
            self._db, lambda s: due_reminders(s, login, now), login, write=False
        )
        return (
            job.on_done(lambda found: self._mark(found, now)).on_failed(self._check_failed).start()
        )

    def _mark(self, found: list[TaskView], now: dt.datetime) -> None:
        if not shiboken6.isValid(self):  # the app is closing
            return
        if not found:
            self._checking = False
            self.sig_checked.emit(0)
            return
        ids = [task.id for task in found]

        def work(session: Any) -> list[TaskView]:
            for task_id in ids:
                mark_reminded(session, task_id, now)
            return found

        job: Background[list[TaskView]] = Background(self._db, work, self._login)
        job.on_done(self._found).on_failed(self._check_failed).start()

    def _found(self, tasks: list[TaskView]) -> None:
        """Show the reminders found: a window each, up to MAX_POPUPS on screen (after a
        day away the rest are only counted: "My day" lists them all)."""
        self._checking = False
        untold = 0
        for task in tasks:
            if len(self.popups) < MAX_POPUPS or task.id in self.popups:
                self._show(task)
            else:
                untold += 1
            self.sig_reminded.emit(task)
        if untold:
            self.sig_message.emit(self.tr("{n} more reminders: see My day").format(n=untold))
        self.sig_checked.emit(len(tasks))

    def _check_failed(self, error: BaseException) -> None:
        self._checking = False
        if not report_connection(error):
            log.warning("checking reminders failed: %s", error)
        self.sig_checked.emit(0)

    # --- showing --------------------------------------------------------------------------

    def _show(self, task: TaskView) -> None:
        old = self.popups.pop(task.id, None)
        if old is not None and shiboken6.isValid(old):
            old.close()
        popup = ReminderPopup(task)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.sig_open.connect(self.open_task)
        popup.sig_complete.connect(self.complete_task)
        popup.sig_snooze.connect(self.snooze_task)
        popup.destroyed.connect(lambda _o=None, key=task.id: self._forget(key))
        self.popups[task.id] = popup
        popup.place(len(self.popups) - 1)
        popup.show()
        self._notify(task)

    def _forget(self, task_id: uuid.UUID) -> None:
        popup = self.popups.get(task_id)
        if popup is not None and not shiboken6.isValid(popup):
            del self.popups[task_id]

    def _notify(self, task: TaskView) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return  # the window alone says it
        if self._tray is None:
            self._tray = QSystemTrayIcon(icon("tasks"), self)
            self._tray.messageClicked.connect(self._raise_popups)
            self._tray.show()
        due = date_time_text(task.due_at) if task.due_at else ""
        body = " · ".join(part for part in (due, task.client_name or "") if part)
        self._tray.showMessage(task.title, body, QSystemTrayIcon.MessageIcon.Information, TRAY_MS)

    def _raise_popups(self) -> None:
        for popup in self.popups.values():
            popup.raise_()

    def _close(self, task_id: uuid.UUID) -> None:
        popup = self.popups.pop(task_id, None)
        if popup is not None and shiboken6.isValid(popup):
            popup.close()

    # --- acting on a reminder -------------------------------------------------------------

    def open_task(self, task: TaskView) -> TaskDialog:
        self._close(task.id)
        dialog = TaskDialog(self._db, self._login, task.id, clock=self._clock)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_saved.connect(lambda _t: self.sig_changed.emit())
        dialog.sig_message.connect(self.sig_message)
        dialog.show()
        self.dialog = dialog
        return dialog

    def complete_task(self, task: TaskView) -> Background[Completion]:
        popup = self.popups.get(task.id)
        if popup is not None:
            popup.set_busy(True)
        now = self._clock()
        job: Background[Completion] = Background(
            self._db, lambda s: complete_task(s, task.id, now), self._login
        )
        return (
            job.on_done(self._completed)
            .on_failed(lambda error: self._failed(task.id, error))
            .start()
        )

    def _completed(self, completion: Completion) -> None:
        self._close(completion.task.id)
        self.sig_message.emit(self.tr("Done: {title}").format(title=completion.task.title))
        self.sig_changed.emit()
        self.call_log_dialog = offer_call_log(None, self._db, self._login, completion)

    def snooze_task(self, task: TaskView, minutes: int) -> Background[TaskView]:
        popup = self.popups.get(task.id)
        if popup is not None:
            popup.set_busy(True)
        now = self._clock()
        job: Background[TaskView] = Background(
            self._db, lambda s: snooze(s, task.id, now, minutes=minutes), self._login
        )
        return (
            job.on_done(self._snoozed).on_failed(lambda error: self._failed(task.id, error)).start()
        )

    def _snoozed(self, task: TaskView) -> None:
        self._close(task.id)
        when = date_time_text(task.remind_at) if task.remind_at else ""
        self.sig_message.emit(
            self.tr("I will remind you again at {when}: {title}").format(
                when=when, title=task.title
            )
        )
        self.sig_changed.emit()

    def _failed(self, task_id: uuid.UUID, error: BaseException) -> None:
        popup = self.popups.get(task_id)
        if popup is not None and shiboken6.isValid(popup):
            popup.set_busy(False)
        if report_connection(error):
            return
        if isinstance(error, CrmError):  # done or removed meanwhile: say so, and let it go
            self._close(task_id)
            self.sig_changed.emit()
        self.sig_message.emit(one_sentence(error))
