"""A task, new or to change: title, type, due date and time, reminder, client and deal,
assignee (a person, or "Automatically" by the assignment rules), priority, repeat and
description. A refused value is explained under its field; saving runs off the UI thread.
After an automatic assignment the dialog says who got the task and by which rule."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError, ValidationError
from crm_desktop.services.assignment import NobodyAvailable, rule_label
from crm_desktop.services.client_views import get_client
from crm_desktop.services.deal_lists import DealRow, deals_of_client
from crm_desktop.services.tasks import KEEP, TaskView, add_task, edit_task, get_task
from crm_desktop.services.users import UserView, list_users
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.client_picker import ClientPicker
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error
from crm_desktop.ui.task_labels import (
    KINDS,
    PRIORITIES,
    REPEATS,
    Clock,
    kind_icon,
    kind_label,
    priority_label,
    repeat_label,
    utc_now,
)
from crm_desktop.ui.unexpected import one_sentence, report_connection

AUTO = "\x00auto"  # the assignee combo's "Automatically"
NOBODY = ""  # ... and its "Not assigned"
REMIND_AT_DUE, REMIND_BEFORE, REMIND_NONE = "due", "before", "none"
# Where a service's error lands when its field is named otherwise on the form.
FIELD_OF = {"type": "kind", "remind_before": "remind", "remind_at": "remind", "until": "due"}


def _qt_time(moment: dt.datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _py_time(moment: QDateTime) -> dt.datetime:
    return dt.datetime.fromtimestamp(moment.toSecsSinceEpoch(), dt.UTC)


def next_full_hour(now: dt.datetime) -> dt.datetime:
    """The default due time of a new task: the next full hour on the user's clock."""
    shown = now.astimezone()
    return (shown.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)).astimezone(
        dt.UTC
    )


class TaskDialog(QDialog):
    sig_saved = Signal(object)  # the saved TaskView
    sig_message = Signal(str)  # what a status line says after saving

    def __init__(
        self,
        db: Database,
        login: str | None,
        task_id: uuid.UUID | None = None,
        *,
        client_id: uuid.UUID | None = None,
        deal_id: uuid.UUID | None = None,
        clock: Clock = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._clock = clock
        self._deal_serial = 0
        self.view: TaskView | None = None
        self.saved: TaskView | None = None
        self.message = ""
        client_name = ""
        with db.unit_of_work(login, write=False) as session:
            if task_id is not None:
                self.view = get_task(session, task_id)
                client_id, deal_id = self.view.client_id, self.view.deal_id
                client_name = self.view.client_name or ""
            elif client_id is not None:
                client_name = get_client(session, client_id).display_name
            users = [u for u in list_users(session) if not u.disabled]
            deals = deals_of_client(session, client_id) if client_id is not None else []
        self.setWindowTitle(self.tr("Task") if self.view else self.tr("New task"))
        self.resize(560, 520)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Call about the offer"))
        self.title.textEdited.connect(lambda _t: show_error(self.errors["title"], None))
        self._row(form, "title", self.tr("Title"), self.title)

        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_icon(kind), kind_label(kind), kind)
        self._row(form, "kind", self.tr("Type"), self.kind)

        self.due = QDateTimeEdit()
        self.due.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.due.setCalendarPopup(True)
        self._row(form, "due", self.tr("Due"), self.due)

        self.remind = QComboBox()
        self.remind.addItem(self.tr("At the due time"), REMIND_AT_DUE)
        self.remind.addItem(self.tr("Minutes before"), REMIND_BEFORE)
        self.remind.addItem(self.tr("No reminder"), REMIND_NONE)
        self.remind_minutes = QSpinBox()
        self.remind_minutes.setRange(1, 7 * 24 * 60)
        self.remind_minutes.setValue(15)
        self.remind_minutes.setSuffix(self.tr(" min"))
        self.remind.currentIndexChanged.connect(self._remind_changed)
        reminder = QWidget()
        line = QHBoxLayout(reminder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.remind, 1)
        line.addWidget(self.remind_minutes)
        self._row(form, "remind", self.tr("Reminder"), reminder)

        self.client = ClientPicker(db, login)
        self.client.sig_chosen.connect(self._client_chosen)
        self._row(form, "client", self.tr("Client"), self.client)

        self.deal = QComboBox()
        self._row(form, "deal", self.tr("Deal"), self.deal)

        self.assignee = QComboBox()
        self.assignee.addItem(self.tr("Automatically"), AUTO)
        self.assignee.setItemData(
            0,
            self.tr("By the assignment rule for the task's type"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self._fill_users(users)
        self.assigned_label = hint_label()
        self.assigned_label.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.assignee)
        column.addWidget(self.assigned_label)
        self._row(form, "assignee", self.tr("Assignee"), box)

        self.priority = QComboBox()
        for priority in PRIORITIES:
            self.priority.addItem(priority_label(priority), priority)
        self._row(form, "priority", self.tr("Priority"), self.priority)

        self.repeat = QComboBox()
        for repeat in REPEATS:
            self.repeat.addItem(repeat_label(repeat), repeat)
        self._row(form, "recurrence", self.tr("Repeat"), self.repeat)

        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self._row(form, "description", self.tr("Description"), self.description)

        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

        self._fill(client_id, client_name, deal_id, deals)
        self._initial = self._state()

    # --- building and filling -------------------------------------------------------------

    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        error = error_label()
        self.errors[key] = error
        form.addRow(label, with_error(widget, error))

    def _fill_users(self, users: list[UserView]) -> None:
        for user in users:
            name = user.full_name or user.login
            shown = f"{name} ({user.login})" if user.full_name else name
            self.assignee.addItem(shown, user.login)
        self.assignee.addItem(self.tr("Not assigned"), NOBODY)

    def _fill(
        self,
        client_id: uuid.UUID | None,
        client_name: str,
        deal_id: uuid.UUID | None,
        deals: list[DealRow],
    ) -> None:
        view = self.view
        self.client.set_client(client_id, client_name)  # before the deals: it clears them
        self._show_deals(deals, deal_id)
        if view is None:
            self.due.setDateTime(_qt_time(next_full_hour(self._clock())))
            self._choose(self.assignee, self._default_assignee())
            self._choose(self.priority, "normal")
            self._remind_changed()
            return
        self.title.setText(view.title)
        self._choose(self.kind, str(view.kind))
        if view.due_at is not None:
            self.due.setDateTime(_qt_time(view.due_at))
        else:
            self.due.setDateTime(_qt_time(next_full_hour(self._clock())))
        if view.remind_at is None:
            self._choose(self.remind, REMIND_NONE)
        elif view.due_at is None or view.remind_at >= view.due_at:
            self._choose(self.remind, REMIND_AT_DUE)  # a snoozed reminder too
        else:
            self._choose(self.remind, REMIND_BEFORE)
            minutes = int((view.due_at - view.remind_at).total_seconds() // 60)
            self.remind_minutes.setValue(max(1, minutes))
        self._remind_changed()
        if view.assignee and not self._has_user(view.assignee):
            self.assignee.addItem(view.assignee, view.assignee)  # disabled since
        self._choose(self.assignee, view.assignee or NOBODY)
        how = rule_label(view.assigned_by_rule)
        self.assigned_label.setText(how)
        self.assigned_label.setVisible(bool(how))
        self._choose(self.priority, str(view.priority))
        self._choose(self.repeat, str(view.recurrence) if view.recurrence else "")
        self.description.setPlainText(view.description or "")

    def _default_assignee(self) -> str:
        """The user who adds the task; else the rules, when there is anybody to assign."""
        if self._login and self._has_user(self._login):
            return self._login
        return AUTO if self.assignee.count() > 2 else NOBODY

    def _has_user(self, login: str | None) -> bool:
        return bool(login) and self.assignee.findData(login) >= 0

    @staticmethod
    def _choose(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _remind_changed(self, _index: int = 0) -> None:
        self.remind_minutes.setVisible(self.remind.currentData() == REMIND_BEFORE)
        show_error(self.errors["remind"], None)

    def _client_chosen(self, client_id: uuid.UUID | None) -> None:
        show_error(self.errors["client"], None)
        show_error(self.errors["deal"], None)
        self._deal_serial += 1
        serial = self._deal_serial
        self._show_deals([], None)
        if client_id is None:
            return

        def show(deals: list[DealRow]) -> None:
            if serial == self._deal_serial and shiboken6.isValid(self):
                self._show_deals(deals, None)

        Background(
            self._db, lambda s: deals_of_client(s, client_id), self._login, write=False
        ).on_done(show).start()

    def _show_deals(self, deals: list[DealRow], chosen: uuid.UUID | None) -> None:
        self.deal.clear()
        self.deal.addItem(self.tr("No deal"), "")
        for deal in deals:
            if deal.closed_at is not None and deal.id != chosen:
                continue  # a closed deal is offered only when the task is already on it
            self.deal.addItem(f"{deal.title} · {deal.stage}", str(deal.id))
        self._choose(self.deal, str(chosen) if chosen else "")
        self.deal.setEnabled(self.client.client_id() is not None)

    # --- reading --------------------------------------------------------------------------

    def _state(self) -> dict[str, Any]:
        return {
            "due": self.due.dateTime().toSecsSinceEpoch(),
            "remind": self.remind.currentData(),
            "minutes": self.remind_minutes.value(),
            "assignee": self.assignee.currentData(),
            "repeat": self.repeat.currentData(),
        }

    def due_at(self) -> dt.datetime:
        return _py_time(self.due.dateTime())

    def remind_before(self) -> int | None:
        """Minutes before the due time, 0 at it, None for no reminder."""
        choice = self.remind.currentData()
        if choice == REMIND_NONE:
            return None
        return self.remind_minutes.value() if choice == REMIND_BEFORE else 0

    def _deal_id(self) -> uuid.UUID | None:
        data = self.deal.currentData()
        return uuid.UUID(data) if data else None

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> Background[TaskView] | None:
        """Check what can be checked here, then save off the UI thread; the dialog closes
        when the task is saved and stays open with the message at the field otherwise."""
        for label in (*self.errors.values(), self.error):
            show_error(label, None)
        title = self.title.text()
        if not title.strip():
            self._point_at("title", self.tr("A task needs a title"))
            return None
        changed = {k for k, v in self._state().items() if v != self._initial.get(k)}
        work = self._work(title, changed)
        self.save_button.setEnabled(False)
        job: Background[TaskView] = Background(self._db, work, self._login)
        return job.on_done(self._saved).on_failed(self._failed).start()

    def _work(self, title: str, changed: set[str]) -> Any:
        kind = str(self.kind.currentData())
        due = self.due_at()
        before = self.remind_before()
        client_id = self.client.client_id()
        deal_id = self._deal_id()
        assignee = str(self.assignee.currentData())
        auto = assignee == AUTO
        priority = str(self.priority.currentData())
        repeat = str(self.repeat.currentData()) or None
        description = self.description.toPlainText()
        view = self.view

        def create(session: Any) -> TaskView:
            task = add_task(
                session,
                title=title,
                kind=kind,
                due_at=due,
                client_id=client_id,
                deal_id=deal_id,
                assignee=None if auto or not assignee else assignee,
                auto=auto,
                priority=priority,
                recurrence=repeat,
                description=description,
                remind_before=before,
            )
            if before is None:  # the service always sets one: take it away again
                task = edit_task(session, task.id, remind_at=None)
            return task

        if view is None:
            return create

        remind_at: Any = KEEP
        if changed & {"due", "remind", "minutes"}:
            remind_at = None if before is None else due - dt.timedelta(minutes=before)

        def change(session: Any) -> TaskView:
            return edit_task(
                session,
                view.id,
                expected_version=view.version,
                title=title,
                kind=kind,
                due_at=due if "due" in changed or view.due_at is None else KEEP,
                remind_at=remind_at,
                client_id=client_id,
                deal_id=deal_id,
                assignee=KEEP if auto or "assignee" not in changed else assignee or None,
                auto=auto and "assignee" in changed,
                priority=priority,
                recurrence=repeat if "repeat" in changed else KEEP,
                description=description,
            )

        return change

    def _saved(self, task: TaskView) -> None:
        self.save_button.setEnabled(True)
        self.saved = task
        how = rule_label(task.assigned_by_rule)
        if task.assignee:
            who = self.tr("Assignee: {login}").format(login=self._user_name(task.assignee))
            self.assigned_label.setText(f"{who} ({how})" if how else who)
        else:
            self.assigned_label.setText(how)
        self.assigned_label.setVisible(bool(self.assigned_label.text()))
        self.message = saved_message(task, is_new=self.view is None, who=self._user_name)
        self.sig_saved.emit(task)
        self.sig_message.emit(self.message)
        self.accept()

    def _user_name(self, login: str) -> str:
        index = self.assignee.findData(login)
        return self.assignee.itemText(index) if index >= 0 else login

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self._point_at(error.field, error.message)
        elif isinstance(error, NobodyAvailable):
            self._point_at("assignee", error.message)
        elif isinstance(error, CrmError) or not report_connection(error):
            show_error(self.error, one_sentence(error))

    def _point_at(self, field: str, message: str) -> None:
        key = FIELD_OF.get(field, field)
        label = self.errors.get(key, self.error)
        show_error(label, message)
        focus = {
            "title": self.title,
            "kind": self.kind,
            "due": self.due,
            "remind": self.remind,
            "client": self.client.edit,
            "deal": self.deal,
            "assignee": self.assignee,
            "priority": self.priority,
            "recurrence": self.repeat,
            "description": self.description,
        }.get(key)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)


def saved_message(task: TaskView, *, is_new: bool, who: Any = None) -> str:
    """The status line after saving: the task, and who got it (and by which rule)."""
    head = (
        QCoreApplication.translate("TaskDialog", "Task added: {title}")
        if is_new
        else QCoreApplication.translate("TaskDialog", "Task saved: {title}")
    ).format(title=task.title)
    if not task.assignee:
        return head
    name = who(task.assignee) if who is not None else task.assignee
    how = rule_label(task.assigned_by_rule)
    tail = QCoreApplication.translate("TaskDialog", "assignee: {login}").format(login=name)
    return f"{head}; {tail}" + (f" ({how})" if how else "")
