"""The "My day" page: the user's open tasks in three groups, overdue (red), today and
this week, each with its count. A check box (or Space, Ctrl+Enter) completes a task,
Enter opens it, Ctrl+N adds one; Snooze puts a task off by 15 minutes, an hour or until
tomorrow 9:00. Completing a call offers to log it in the client's history; a repeating
task shows its next one. Administrators and executives can look at everyone's tasks.

The clock is read once per action here, in the UI, and passed to the services, so a test
gives a fixed clock and sees exactly what a user would at that moment."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.i18n.formats import format_date
from crm_desktop.services.local_time import at_local
from crm_desktop.services.tasks import (
    GROUP_LIMIT,
    Completion,
    MyDay,
    TaskGroup,
    TaskView,
    complete_task,
    day_bounds,
    edit_task,
    list_tasks,
    my_day,
)
from crm_desktop.services.users import find_user, is_admin
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.call_log import CallLogDialog, offer_call_log
from crm_desktop.ui.icons import icon
from crm_desktop.ui.task_dialog import TaskDialog
from crm_desktop.ui.task_labels import (
    MUTED_COLOR,
    OVERDUE_COLOR,
    Clock,
    date_time_text,
    due_text,
    local,
    utc_now,
)
from crm_desktop.ui.task_tree import TaskTree
from crm_desktop.ui.unexpected import one_sentence, report_connection

MINE, EVERYONE = "mine", "everyone"
SNOOZES = ("15min", "1hour", "tomorrow")
EVERYONE_LIMIT = 500  # tasks read per window for everyone's view
SEES_ALL_ROLES = ("admin", "executive")


def snoozed_due(view: TaskView, choice: str, now: dt.datetime) -> dt.datetime:
    """When a task put off by `choice` is due: 15 minutes or an hour after its due time
    (after now, for a task already overdue), or tomorrow at 9:00 on the user's clock."""
    if choice == "tomorrow":
        return at_local(local(now).date() + dt.timedelta(days=1), dt.time(9, 0))
    step = dt.timedelta(minutes=15) if choice == "15min" else dt.timedelta(hours=1)
    base = max(view.due_at, now) if view.due_at is not None else now
    return base + step


def everyones_day(session: Any, now: dt.datetime) -> MyDay:
    """Everyone's open tasks in "My day"'s groups (the service's `my_day` is one user's)."""
    bounds = day_bounds(now)
    overdue = list_tasks(session, now=now, due="overdue", limit=EVERYONE_LIMIT)
    coming = [
        t
        for t in list_tasks(session, now=now, due="week", limit=EVERYONE_LIMIT)
        if t.due_at is not None and t.due_at >= now
    ]
    today = [t for t in coming if t.due_at is not None and t.due_at < bounds.tomorrow]
    later = [t for t in coming if t.due_at is not None and t.due_at >= bounds.tomorrow]

    def group(tasks: list[TaskView]) -> TaskGroup:
        return TaskGroup(tasks[:GROUP_LIMIT], len(tasks))

    return MyDay(overdue=group(overdue), today=group(today), week=group(later))


def sees_everyone(session: Any, login: str | None) -> bool:
    """An administrator or an executive may look at everyone's tasks."""
    if login is None or is_admin(session):
        return True
    user = find_user(session, login)
    return user is not None and str(user.role) in SEES_ALL_ROLES


class MyDayPage(QWidget):
    sig_message = Signal(str)  # for the status line
    sig_loaded = Signal()  # the groups are shown (after each refresh)
    sig_completed = Signal(object)  # a Completion, once the call-log question is answered
    sig_changed = Signal()  # tasks were changed here: other screens may refresh

    def __init__(
        self,
        db: Database,
        login: str | None,
        clock: Clock = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._clock = clock
        self._serial = 0
        self._sees_all: bool | None = None
        self._select_after: uuid.UUID | None = None
        self.day: MyDay | None = None
        self.now: dt.datetime | None = None
        self.dialog: TaskDialog | None = None
        self.call_log_dialog: CallLogDialog | None = None

        heading = QLabel(self.tr("My day"))
        heading.setStyleSheet("font-size: 16pt; font-weight: 600; color: #37474f;")
        self.date_label = QLabel()
        self.date_label.setStyleSheet(f"color: {MUTED_COLOR}; font-size: 11pt;")
        self.scope = QComboBox()
        self.scope.addItem(self.tr("My tasks"), MINE)
        self.scope.addItem(self.tr("Everyone's tasks"), EVERYONE)
        self.scope.setVisible(False)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())

        self.new_button = QPushButton(icon("tasks"), self.tr("New task"))
        self.new_button.setToolTip(self.tr("Add a task (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.new_task())
        self.complete_button = QPushButton(self.tr("Complete"))
        self.complete_button.setToolTip(self.tr("Mark the task done (Space or Ctrl+Enter)"))
        self.complete_button.clicked.connect(lambda: self.complete_task())
        self.snooze_button = QToolButton()
        self.snooze_button.setText(self.tr("Snooze"))
        self.snooze_button.setToolTip(self.tr("Put the task off: its due time and reminder"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_menu = QMenu(self.snooze_button)
        for choice, text in (
            ("15min", self.tr("For 15 minutes")),
            ("1hour", self.tr("For 1 hour")),
            ("tomorrow", self.tr("Until tomorrow 9:00")),
        ):
            action = self.snooze_menu.addAction(text)
            action.triggered.connect(lambda _c=False, c=choice: self.snooze_task(c))
        self.snooze_button.setMenu(self.snooze_menu)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Open the task (Enter)"))
        self.open_button.clicked.connect(lambda: self.open_task())

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.date_label)
        top.addStretch(1)
        top.addWidget(self.scope)
        actions = QHBoxLayout()
        for button in (self.new_button, self.complete_button, self.snooze_button):
            actions.addWidget(button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)

        self.tree = TaskTree(["when", "kind", "title", "client", "deal", "assignee", "priority"])
        self.tree.show_column("assignee", False)
        self.tree.sig_complete.connect(self.complete_task)
        self.tree.sig_open.connect(self.open_task)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.empty = QLabel(self.tr("Nothing to do today or this week. Add a task with Ctrl+N."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {MUTED_COLOR}; font-size: 12pt;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.stack, 1)

        QShortcut(QKeySequence("Ctrl+N"), self, lambda: self.new_task())
        QShortcut(QKeySequence("F5"), self, self.refresh)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self, lambda: self.complete_task())
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._update_buttons()

    # --- loading --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()  # time has passed since it was last shown

    def everyone(self) -> bool:
        """Whether everyone's tasks are shown (always, for a user who is no app user)."""
        return self._login is None or self.scope.currentData() == EVERYONE

    def refresh(self) -> Background[Any]:
        """Read the groups again off the UI thread, as at the clock's time now."""
        now = self._clock()
        self._serial += 1
        serial = self._serial
        login = self._login
        everyone = self.everyone()
        known = self._sees_all

        def work(session: Any) -> tuple[dt.datetime, MyDay, bool]:
            sees_all = known if known is not None else sees_everyone(session, login)
            if everyone or login is None:
                day = everyones_day(session, now)
            else:
                day = my_day(session, login, now)
            return now, day, sees_all

        def show(result: tuple[dt.datetime, MyDay, bool]) -> None:
            if serial == self._serial and shiboken6.isValid(self):  # a later refresh wins
                self._show(*result)

        job: Background[Any] = Background(self._db, work, self._login, write=False)
        return job.on_done(show).on_failed(self._load_failed).start()

    def _load_failed(self, error: BaseException) -> None:
        if not report_connection(error):
            self.sig_message.emit(one_sentence(error))

    def _show(self, now: dt.datetime, day: MyDay, sees_all: bool) -> None:
        self._sees_all = sees_all
        self.scope.setVisible(sees_all and self._login is not None)
        self.tree.show_column("assignee", self.everyone())
        self.now, self.day = now, day
        self.date_label.setText(format_date(local(now).date()))
        current = self.tree.current_task()
        chosen = self._select_after or (current.id if current is not None else None)
        self._select_after = None
        self.tree.clear_tasks()
        groups = (
            (self.tr("Overdue"), day.overdue, OVERDUE_COLOR, False, True),
            (self.tr("Today"), day.today, None, False, False),
            (self.tr("This week"), day.week, None, True, False),
        )
        for title, group, color, with_date, overdue in groups:
            head = self.tree.add_group(f"{title} ({group.count})", color)
            for task in group.tasks:
                when = due_text(task.due_at, now, with_date=with_date)
                self.tree.add_task(head, task, when, overdue=overdue)
            if group.count > len(group.tasks):
                more = group.count - len(group.tasks)
                self.tree.add_note(head, self.tr("… and {n} more").format(n=more))
            elif not group.count:
                self.tree.add_note(head, self.tr("Nothing here"))
        total = day.overdue.count + day.today.count + day.week.count
        self.stack.setCurrentWidget(self.tree if total else self.empty)
        if chosen is None or not self.tree.select_task(chosen):
            tasks = self.tree.tasks()
            if tasks:
                self.tree.select_task(tasks[0].id)
        self._update_buttons()
        self.sig_loaded.emit()

    def group_titles(self) -> list[str]:
        """The groups' headings as shown ("Overdue (2)" ...)."""
        return [
            item.text(0)
            for index in range(self.tree.topLevelItemCount())
            if (item := self.tree.topLevelItem(index)) is not None
        ]

    def _update_buttons(self) -> None:
        view = self.tree.current_task()
        chosen = view is not None and view.status == "open"
        for button in (self.complete_button, self.snooze_button, self.open_button):
            button.setEnabled(chosen)

    # --- acting ---------------------------------------------------------------------------

    def new_task(self) -> TaskDialog:
        dialog = TaskDialog(self._db, self._login, clock=self._clock, parent=self)
        return self._open_dialog(dialog)

    def open_task(self, view: TaskView | None = None) -> TaskDialog | None:
        view = view or self.tree.current_task()
        if view is None:
            return None
        dialog = TaskDialog(self._db, self._login, view.id, clock=self._clock, parent=self)
        return self._open_dialog(dialog)

    def _open_dialog(self, dialog: TaskDialog) -> TaskDialog:
        self.dialog = dialog
        dialog.sig_saved.connect(self._saved)
        dialog.sig_message.connect(self.sig_message)
        dialog.open()
        return dialog

    def _saved(self, task: TaskView) -> None:
        self._select_after = task.id
        self.sig_changed.emit()
        self.refresh()

    def complete_task(self, view: TaskView | None = None) -> Background[Completion] | None:
        """Mark the task (the current one by default) done; a repeating task's next one
        is shown, a call offers the call log."""
        view = view or self.tree.current_task()
        if view is None or view.status != "open":
            return None
        now = self._clock()
        task_id, version = view.id, view.version
        job: Background[Completion] = Background(
            self._db,
            lambda s: complete_task(s, task_id, now, expected_version=version),
            self._login,
        )
        return job.on_done(self._completed).on_failed(self._failed).start()

    def _completed(self, completion: Completion) -> None:
        message = self.tr("Done: {title}").format(title=completion.task.title)
        following = completion.next_task
        if following is not None and following.due_at is not None:
            self._select_after = following.id
            message += " " + self.tr("Next time: {when}").format(
                when=date_time_text(following.due_at)
            )
        self.sig_message.emit(message)
        self.refresh()
        self.sig_changed.emit()
        self.call_log_dialog = offer_call_log(self, self._db, self._login, completion)
        if self.call_log_dialog is not None:
            self.call_log_dialog.sig_saved.connect(
                lambda _entry: self.sig_message.emit(self.tr("The call is in the history"))
            )
        self.sig_completed.emit(completion)

    def snooze_task(self, choice: str, view: TaskView | None = None) -> Background[TaskView] | None:
        """Put the task off ("15min", "1hour" or "tomorrow"): its due time moves, and its
        reminder with it."""
        view = view or self.tree.current_task()
        if view is None or view.status != "open" or choice not in SNOOZES:
            return None
        due = snoozed_due(view, choice, self._clock())
        task_id, version = view.id, view.version
        job: Background[TaskView] = Background(
            self._db,
            lambda s: edit_task(s, task_id, expected_version=version, due_at=due),
            self._login,
        )
        return job.on_done(self._snoozed).on_failed(self._failed).start()

    def _snoozed(self, task: TaskView) -> None:
        when = date_time_text(task.due_at) if task.due_at else ""
        self.sig_message.emit(
            self.tr("Put off until {when}: {title}").format(when=when, title=task.title)
        )
        self._select_after = task.id
        self.sig_changed.emit()
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        if report_connection(error):
            return
        self.refresh()  # a task changed by someone else: show what it is now
        if isinstance(error, CrmError):
            QMessageBox.warning(self, self.tr("My day"), error.message)
        else:
            self.sig_message.emit(one_sentence(error))
