"""The administrator's set-up of automatic assignment: queues and their members, the rule
for each kind of work (calls, meetings, documents, other tasks, any task, new clients and
leads) and who is on holiday (skipped). Every change goes through services.assignment in
the background; anyone else sees it read-only and may only mark themself on holiday."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services import assignment
from crm_desktop.services.assignment import QUEUE_NAME_MAX, QueueView, RuleView
from crm_desktop.services.users import get_user, is_admin, list_users
from crm_desktop.services.vocabulary import AssignMethod
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.field_messages import error_label, hint_label, show_error
from crm_desktop.ui.serial_jobs import SerialJobs
from crm_desktop.ui.unexpected import one_sentence, report_connection

ID = Qt.ItemDataRole.UserRole
NO_RULE = ""  # the method combo's data for "no rule of its own"


@dataclass(frozen=True)
class Person:
    login: str
    full_name: str
    absent: bool


@dataclass(frozen=True)
class _State:
    may_edit: bool
    queues: list[QueueView]
    rules: dict[str, RuleView]
    people: list[Person]  # the active users, by login


def _load(session: CrmSession) -> _State:
    people = [
        Person(user.login, user.full_name, get_user(session, user.login).absent)
        for user in list_users(session)
        if not user.disabled
    ]
    rules = {rule.scope: rule for rule in assignment.list_rules(session)}
    return _State(is_admin(session), assignment.list_queues(session), rules, people)


class AssignmentSettings(QWidget):
    sig_loaded = Signal()  # the screen shows what the database holds now
    sig_failed = Signal(str)  # a change was refused: the sentence shown

    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._login = login
        self._jobs = SerialJobs(db, login, self)
        self._state = _State(False, [], {}, [])
        self._queue_id: uuid.UUID | None = None
        self._loaded = False
        self._rendering = False

        self.note = hint_label()
        self.note.hide()
        self.status = error_label()

        # queues and their members
        self.queues = QListWidget()
        self.queues.setMaximumHeight(160)
        self.queues.currentRowChanged.connect(self._queue_chosen)
        self.queue_name = QLineEdit()
        self.queue_name.setMaxLength(QUEUE_NAME_MAX)
        self.queue_name.setPlaceholderText(self.tr("Queue name, e.g. Sales or Service"))
        self.queue_name.returnPressed.connect(self.add_queue)
        self.queue_error = error_label()
        self.add_queue_button = QPushButton(self.tr("Add"))
        self.add_queue_button.clicked.connect(self.add_queue)
        self.rename_queue_button = QPushButton(self.tr("Rename"))
        self.rename_queue_button.clicked.connect(self.rename_queue)
        self.delete_queue_button = QPushButton(self.tr("Delete"))
        self.delete_queue_button.clicked.connect(self.delete_queue)
        self.no_queues = hint_label(self.tr("No queues yet."))
        self.members_box = QGroupBox(self.tr("Members"))
        self.members_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._members_column = QVBoxLayout(self.members_box)
        self.members: dict[str, QCheckBox] = {}
        self.members_error = error_label()
        queue_box = QGroupBox(self.tr("Queues"))
        queue_column = QVBoxLayout(queue_box)
        queue_column.addWidget(self.no_queues)
        queue_column.addWidget(self.queues)
        queue_column.addWidget(self.queue_name)
        queue_column.addWidget(self.queue_error)
        queue_buttons = QHBoxLayout()
        for button in (self.add_queue_button, self.rename_queue_button, self.delete_queue_button):
            queue_buttons.addWidget(button)
        queue_column.addLayout(queue_buttons)
        queue_column.addWidget(self.members_box)
        queue_column.addStretch(1)

        # a rule for each kind of work
        self.scope_names = {
            "task:call": self.tr("Calls"),
            "task:meeting": self.tr("Meetings"),
            "task:documents": self.tr("Send documents"),
            "task:other": self.tr("Other tasks"),
            "task": self.tr("Any task"),
            "client": self.tr("New clients and leads"),
        }
        self.methods: dict[str, QComboBox] = {}
        self.rule_queues: dict[str, QComboBox] = {}
        self.rule_errors: dict[str, QLabel] = {}
        rules_box = QGroupBox(self.tr("Automatic assignment"))
        rules_column = QVBoxLayout(rules_box)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for row, scope in enumerate(assignment.SCOPES):
            method = QComboBox()
            method.addItem(
                self.tr("As for any task")
                if scope.startswith("task:")
                else self.tr("No rule (round robin)"),
                NO_RULE,
            )
            method.addItem(self.tr("Round robin"), AssignMethod.ROUND_ROBIN.value)
            method.addItem(self.tr("Least workload"), AssignMethod.WORKLOAD.value)
            method.addItem(self.tr("By queue"), AssignMethod.QUEUE.value)
            method.currentIndexChanged.connect(lambda _i, s=scope: self._rule_edited(s))
            queue = QComboBox()
            queue.setToolTip(self.tr("The queue whose members take it in turn"))
            queue.currentIndexChanged.connect(lambda _i, s=scope: self._rule_queue_edited(s))
            error = error_label()
            self.methods[scope], self.rule_queues[scope], self.rule_errors[scope] = (
                method,
                queue,
                error,
            )
            grid.addWidget(QLabel(self.scope_names.get(scope, scope)), 2 * row, 0)
            grid.addWidget(method, 2 * row, 1)
            grid.addWidget(queue, 2 * row, 2)
            grid.addWidget(error, 2 * row + 1, 1, 1, 2)
        rules_column.addLayout(grid)
        rules_column.addWidget(
            hint_label(self.tr("With no rule: round robin over the active managers"))
        )
        rules_column.addWidget(
            hint_label(
                self.tr("A task type without a rule of its own follows the rule for any task.")
            )
        )

        # who is on holiday
        self.holiday_box = QGroupBox(self.tr("Holidays"))
        self._holiday_column = QVBoxLayout(self.holiday_box)
        self._holiday_column.addWidget(
            hint_label(self.tr("On holiday: skipped by automatic assignment"))
        )
        self.holidays: dict[str, QCheckBox] = {}
        self.holiday_error = error_label()
        self._holiday_column.addWidget(self.holiday_error)

        right = QVBoxLayout()
        right.addWidget(rules_box)
        right.addWidget(self.holiday_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(queue_box, 2)
        columns.addLayout(right, 3)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.note)
        column.addWidget(self.status)
        column.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._update()

    # --- loading ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded and not self._jobs.busy():
            self.refresh()

    def refresh(self) -> None:
        """Read queues, rules and users again (in the background); `sig_loaded` follows."""
        self._jobs.run(_load, self._show, self._load_failed, write=False)

    def is_busy(self) -> bool:
        return self._jobs.busy()

    def _load_failed(self, error: BaseException) -> None:
        report_connection(error)
        message = one_sentence(error)
        show_error(self.status, message)
        self.sig_failed.emit(message)

    # --- what it shows ---------------------------------------------------------------------

    def selected_queue(self) -> QueueView | None:
        for queue in self._state.queues:
            if queue.id == self._queue_id:
                return queue
        return None

    def _person_text(self, person: Person) -> str:
        if person.full_name:
            return self.tr("{name} ({login})").format(name=person.full_name, login=person.login)
        return person.login

    def _show(self, state: _State) -> None:
        self._state = state
        self._loaded = True
        self.note.setVisible(not state.may_edit)
        self.note.setText(
            ""
            if state.may_edit
            else self.tr(
                "Only an administrator can change queues and rules; "
                "you can mark yourself on holiday."
            )
        )
        ids = [q.id for q in state.queues]
        if self._queue_id not in ids:
            self._queue_id = ids[0] if ids else None
        self._rendering = True
        try:
            self.queues.clear()
            for queue in state.queues:
                item = QListWidgetItem(
                    self.tr("{name} ({n} members)").format(name=queue.name, n=len(queue.members))
                )
                item.setData(ID, queue.id)
                self.queues.addItem(item)
            if self._queue_id is not None:
                self.queues.setCurrentRow(ids.index(self._queue_id))
            self._show_members()
            self._show_rules()
            self._show_holidays()
        finally:
            self._rendering = False
        self._update()
        self.sig_loaded.emit()

    def _show_members(self) -> None:
        queue = self.selected_queue()
        self.members_box.setTitle(
            self.tr('Members of "{name}"').format(name=queue.name)
            if queue is not None
            else self.tr("Members")
        )
        for box in self.members.values():
            self._members_column.removeWidget(box)
            box.deleteLater()
        self.members = {}
        self._members_column.removeWidget(self.members_error)
        if queue is None:
            self.members_box.hide()
            return
        self.members_box.show()
        rendering, self._rendering = self._rendering, True
        try:
            for person in self._state.people:
                box = QCheckBox(self._person_text(person))
                box.setChecked(person.login in queue.members)
                box.toggled.connect(
                    lambda checked, p=person.login: self._member_toggled(p, checked)
                )
                self.members[person.login] = box
                self._members_column.addWidget(box)
        finally:
            self._rendering = rendering
        self._members_column.addWidget(self.members_error)

    def _show_rules(self) -> None:
        for scope, method in self.methods.items():
            rule = self._state.rules.get(scope)
            queue = self.rule_queues[scope]
            queue.clear()
            for view in self._state.queues:
                queue.addItem(view.name, view.id)
            wanted = NO_RULE if rule is None else rule.method.value
            method.setCurrentIndex(max(0, method.findData(wanted)))
            if rule is not None and rule.queue_id is not None:
                queue.setCurrentIndex(max(0, queue.findData(rule.queue_id)))

    def _show_holidays(self) -> None:
        for box in self.holidays.values():
            self._holiday_column.removeWidget(box)
            box.deleteLater()
        self.holidays = {}
        self._holiday_column.removeWidget(self.holiday_error)
        for person in self._state.people:
            box = QCheckBox(self._person_text(person))
            box.setChecked(person.absent)
            box.toggled.connect(lambda checked, p=person.login: self._holiday_toggled(p, checked))
            self.holidays[person.login] = box
            self._holiday_column.addWidget(box)
        self._holiday_column.addWidget(self.holiday_error)

    def _update(self) -> None:
        editable = self._state.may_edit
        has_queues = bool(self._state.queues)
        chosen = self.selected_queue() is not None
        self.no_queues.setVisible(not has_queues)
        self.queues.setVisible(has_queues)
        for widget in (
            self.queue_name,
            self.add_queue_button,
            self.rename_queue_button,
            self.delete_queue_button,
        ):
            widget.setVisible(editable)
        self.rename_queue_button.setEnabled(chosen)
        self.delete_queue_button.setEnabled(chosen)
        for box in self.members.values():
            box.setEnabled(editable)
        for scope, method in self.methods.items():
            method.setEnabled(editable)
            by_queue = method.currentData() == AssignMethod.QUEUE.value
            self.rule_queues[scope].setVisible(by_queue)
            self.rule_queues[scope].setEnabled(editable)
        me = (self._login or "").strip().lower()
        for login, box in self.holidays.items():
            box.setEnabled(editable or login == me)

    def _queue_chosen(self, row: int) -> None:
        if self._rendering:
            return
        item = self.queues.item(row)
        self._queue_id = item.data(ID) if item is not None else None
        queue = self.selected_queue()
        self.queue_name.setText(queue.name if queue is not None else "")
        show_error(self.queue_error, None)
        show_error(self.members_error, None)
        self._show_members()
        self._update()

    # --- changes ---------------------------------------------------------------------------

    def _change(
        self,
        work: Callable[[CrmSession], uuid.UUID | None],
        refused: QLabel,
        *,
        admin_only: bool = True,
    ) -> None:
        """`work` makes the change (returning the queue to choose next, if any); the screen
        then shows what is stored, or the refusal in `refused`."""
        if admin_only and not self._state.may_edit:
            return
        show_error(self.status, None)
        show_error(refused, None)

        def run(session: CrmSession) -> tuple[uuid.UUID | None, _State]:
            chosen = work(session)
            return chosen, _load(session)

        def done(result: tuple[uuid.UUID | None, _State]) -> None:
            chosen, state = result
            if chosen is not None:
                self._queue_id = chosen
            self._show(state)

        def failed(error: BaseException) -> None:
            report_connection(error)
            message = one_sentence(error)
            show_error(refused, message)
            self.sig_failed.emit(message)
            self.refresh()  # show what is stored, not what was asked

        self._jobs.run(run, done, failed)

    def _typed(self) -> str | None:
        name = " ".join(self.queue_name.text().split())
        if not name:
            show_error(self.queue_error, self.tr("Type a name first."))
            return None
        return name

    def add_queue(self) -> None:
        name = self._typed()
        if name is not None:
            self._change(lambda s: assignment.create_queue(s, name).id, self.queue_error)

    def rename_queue(self) -> None:
        queue, name = self.selected_queue(), self._typed()
        if queue is not None and name is not None:
            queue_id = queue.id
            self._change(lambda s: assignment.rename_queue(s, queue_id, name).id, self.queue_error)

    def delete_queue(self) -> None:
        queue = self.selected_queue()
        if queue is None:
            return
        queue_id = queue.id

        def delete(session: CrmSession) -> None:
            assignment.delete_queue(session, queue_id)

        self._change(delete, self.queue_error)

    def _member_toggled(self, login: str, checked: bool) -> None:
        queue = self.selected_queue()
        if self._rendering or queue is None:
            return
        queue_id = queue.id
        if checked:
            self._change(lambda s: assignment.add_member(s, queue_id, login).id, self.members_error)
        else:
            self._change(
                lambda s: assignment.remove_member(s, queue_id, login).id, self.members_error
            )

    def _rule_edited(self, scope: str) -> None:
        if self._rendering:
            return
        self._update()
        method = str(self.methods[scope].currentData())
        queue_data = self.rule_queues[scope].currentData()
        queue_id = queue_data if isinstance(queue_data, uuid.UUID) else None
        error = self.rule_errors[scope]

        def store(session: CrmSession) -> None:
            if method == NO_RULE:
                assignment.clear_rule(session, scope)
            elif method == AssignMethod.QUEUE.value:
                assignment.set_rule(session, scope, method, queue_id=queue_id)
            else:
                assignment.set_rule(session, scope, method)

        self._change(store, error)

    def _rule_queue_edited(self, scope: str) -> None:
        if self._rendering or self.methods[scope].currentData() != AssignMethod.QUEUE.value:
            return
        self._rule_edited(scope)

    def _holiday_toggled(self, login: str, checked: bool) -> None:
        if self._rendering:
            return

        def mark(session: CrmSession) -> None:
            assignment.set_absent(session, login, checked)

        self._change(mark, self.holiday_error, admin_only=False)

    def scope_error(self, scope: str) -> str:
        """The refusal shown under a rule's row (empty when none)."""
        label = self.rule_errors[scope]
        return "" if label.isHidden() else label.text()
