"""The client card's Deals and Tasks tabs: the client's deals (stage, amount, expected
close) with New deal, and its open tasks and the latest done ones with New task and
Complete. Both read off the UI thread; a client not saved yet has neither. A deal opens
in its deal card (`ui.deal_card`), a task in the task dialog."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.i18n.formats import format_date, format_money
from crm_desktop.services.deal_lists import DealRow, deals_of_client
from crm_desktop.services.tasks import Completion, TaskView, complete_task, tasks_of_client
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.call_log import CallLogDialog, offer_call_log
from crm_desktop.ui.field_messages import hint_label
from crm_desktop.ui.icons import icon
from crm_desktop.ui.task_dialog import TaskDialog
from crm_desktop.ui.task_labels import MUTED_COLOR, Clock, due_text, utc_now
from crm_desktop.ui.task_tree import TaskTree
from crm_desktop.ui.unexpected import one_sentence, report_connection

if TYPE_CHECKING:
    from crm_desktop.ui.deal_card import DealCard

DONE_SHOWN = 20  # the latest done or cancelled tasks shown under the open ones
ID_ROLE = Qt.ItemDataRole.UserRole
EMPTY_STYLE = f"color: {MUTED_COLOR}; font-size: 11pt;"


def _empty_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet(EMPTY_STYLE)
    return label


class _DealTree(QTreeWidget):
    sig_open = Signal(object)  # the deal's id

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self.sig_open.emit(uuid.UUID(str(item.data(0, ID_ROLE))))
            event.accept()
            return
        super().keyPressEvent(event)


class ClientDealsTab(QWidget):
    sig_open_deal = Signal(object)  # the deal's id: open its card
    sig_new_deal = Signal(object)  # the client's id: a new deal of this client
    sig_loaded = Signal()

    def __init__(
        self,
        db: Database,
        login: str | None,
        client_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._client_id = client_id
        self._serial = 0
        self.loaded = False
        self.deals: list[DealRow] = []
        self.deal_card: DealCard | None = None
        self.new_button = QPushButton(icon("deals"), self.tr("New deal"))
        self.new_button.setToolTip(self.tr("A new deal of this client"))
        self.new_button.clicked.connect(self.new_deal)
        self.summary = hint_label()
        self.summary.setWordWrap(False)
        self.tree = _DealTree()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [self.tr("Deal"), self.tr("Stage"), self.tr("Amount"), self.tr("Expected close")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 130), (3, 130)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemDoubleClicked.connect(
            lambda item, _c: self.open_deal(uuid.UUID(str(item.data(0, ID_ROLE))))
        )
        self.tree.sig_open.connect(self.open_deal)
        self.empty = _empty_label("")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.set_client(client_id)

    def client_id(self) -> uuid.UUID | None:
        return self._client_id

    def set_client(self, client_id: uuid.UUID | None) -> None:
        """The client whose deals are shown (a card just saved gets its id here)."""
        self._client_id = client_id
        self.new_button.setEnabled(client_id is not None)
        self.refresh()

    def refresh(self) -> None:
        self._serial += 1
        serial = self._serial
        client_id = self._client_id
        if client_id is None:
            self._show([], saved=False)
            return

        def show(deals: list[DealRow]) -> None:
            if serial == self._serial and shiboken6.isValid(self):  # still open
                self._show(deals)

        Background(
            self._db, lambda s: deals_of_client(s, client_id), self._login, write=False
        ).on_done(show).on_failed(self._failed).start()

    def _failed(self, error: BaseException) -> None:
        if not report_connection(error):
            self.summary.setText(one_sentence(error))

    def _show(self, deals: list[DealRow], *, saved: bool = True) -> None:
        self.deals = deals
        self.tree.clear()
        for deal in deals:
            item = QTreeWidgetItem(self.tree)
            item.setData(0, ID_ROLE, str(deal.id))
            item.setText(0, deal.title)
            item.setText(1, deal.stage)
            item.setText(2, format_money(deal.amount, deal.currency))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setText(3, format_date(deal.expected_close) if deal.expected_close else "")
            item.setToolTip(0, deal.title)
            if deal.closed_at is not None:
                for column in range(4):
                    item.setForeground(column, QBrush(QColor(MUTED_COLOR)))
        open_deals = [d for d in deals if d.closed_at is None]
        if open_deals:
            total = sum((d.amount for d in open_deals), start=Decimal(0))
            self.summary.setText(
                self.tr("Open: {n}, {total}").format(
                    n=len(open_deals), total=format_money(total, open_deals[0].currency)
                )
            )
        else:
            self.summary.setText("")
        if not saved:
            self.empty.setText(self.tr("Save the client first: then you can add deals."))
        else:
            self.empty.setText(self.tr("No deals yet. Add the first one with New deal."))
        self.stack.setCurrentWidget(self.tree if deals else self.empty)
        self.loaded = saved
        self.sig_loaded.emit()

    def titles(self) -> list[str]:
        return [d.title for d in self.deals]

    def open_deal(self, deal_id: uuid.UUID) -> DealCard:
        """Open the deal's card (and say so with `sig_open_deal`)."""
        self.sig_open_deal.emit(deal_id)
        return self._show_card(deal_id)

    def new_deal(self) -> DealCard | None:
        """A deal card for a new deal of this client (and `sig_new_deal`)."""
        if self._client_id is None:
            return None
        self.sig_new_deal.emit(self._client_id)
        return self._show_card(None)

    def _show_card(self, deal_id: uuid.UUID | None) -> DealCard:
        from crm_desktop.ui.deal_card import DealCard  # the card and its editors load on demand

        card = DealCard(self._db, self._login, deal_id, client_id=self._client_id, parent=self)
        card.sig_saved.connect(lambda _view: self.refresh())
        card.sig_changed.connect(lambda _view: self.refresh())
        card.show()
        self.deal_card = card
        return card


class ClientTasksTab(QWidget):
    sig_loaded = Signal()
    sig_message = Signal(str)
    sig_changed = Signal()  # a task of the client was added, changed or completed
    sig_completed = Signal(object)  # a Completion, once the call-log question is answered
    sig_history = Signal()  # a call was logged in the client's history

    def __init__(
        self,
        db: Database,
        login: str | None,
        client_id: uuid.UUID | None = None,
        clock: Clock = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._client_id = client_id
        self._clock = clock
        self._serial = 0
        self.loaded = False
        self.tasks: list[TaskView] = []
        self.dialog: TaskDialog | None = None
        self.call_log_dialog: CallLogDialog | None = None
        self.new_button = QPushButton(icon("tasks"), self.tr("New task"))
        self.new_button.setToolTip(self.tr("A task about this client"))
        self.new_button.clicked.connect(lambda: self.new_task())
        self.complete_button = QPushButton(self.tr("Complete"))
        self.complete_button.setToolTip(self.tr("Mark the task done (Space)"))
        self.complete_button.clicked.connect(lambda: self.complete_task())
        self.tree = TaskTree(
            ["when", "title", "deal", "assignee"],
            widths={"when": 180, "deal": 160, "assignee": 110},
        )
        self.tree.sig_complete.connect(self.complete_task)
        self.tree.sig_open.connect(self.open_task)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.empty = _empty_label("")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        self.status = hint_label()
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.complete_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.sig_message.connect(self.status.setText)
        self.set_client(client_id)

    def client_id(self) -> uuid.UUID | None:
        return self._client_id

    def set_client(self, client_id: uuid.UUID | None) -> None:
        self._client_id = client_id
        self.new_button.setEnabled(client_id is not None)
        self.refresh()

    def refresh(self) -> None:
        self._serial += 1
        serial = self._serial
        client_id = self._client_id
        if client_id is None:
            self._show([], self._clock(), saved=False)
            return
        now = self._clock()

        def show(tasks: list[TaskView]) -> None:
            if serial == self._serial and shiboken6.isValid(self):  # still open
                self._show(tasks, now)

        Background(
            self._db, lambda s: tasks_of_client(s, client_id), self._login, write=False
        ).on_done(show).on_failed(self._failed).start()

    def _show(self, tasks: list[TaskView], now: dt.datetime, *, saved: bool = True) -> None:
        open_tasks = [t for t in tasks if t.status == "open"]
        closed = [t for t in tasks if t.status != "open"][:DONE_SHOWN]
        self.tasks = open_tasks + closed
        current = self.tree.current_task()
        self.tree.clear_tasks()
        if open_tasks:
            head = self.tree.add_group(self.tr("Open ({n})").format(n=len(open_tasks)))
            for task in open_tasks:
                when = due_text(task.due_at, now, with_date=True)
                self.tree.add_task(head, task, when, overdue=task.is_overdue(now))
        if closed:
            head = self.tree.add_group(self.tr("Done lately"))
            for task in closed:
                moment = task.completed_at or task.due_at
                self.tree.add_task(head, task, due_text(moment, now, with_date=True))
        if not saved:
            self.empty.setText(self.tr("Save the client first: then you can add tasks."))
        else:
            self.empty.setText(self.tr("No tasks yet. Plan a call or a meeting with New task."))
        self.stack.setCurrentWidget(self.tree if self.tasks else self.empty)
        if (current is None or not self.tree.select_task(current.id)) and open_tasks:
            self.tree.select_task(open_tasks[0].id)
        self._update_buttons()
        self.loaded = saved
        self.sig_loaded.emit()

    def _update_buttons(self) -> None:
        view = self.tree.current_task()
        self.complete_button.setEnabled(view is not None and view.status == "open")

    def _failed(self, error: BaseException) -> None:
        if not report_connection(error):
            self.sig_message.emit(one_sentence(error))

    # --- acting ---------------------------------------------------------------------------

    def new_task(self) -> TaskDialog | None:
        if self._client_id is None:
            return None
        dialog = TaskDialog(
            self._db, self._login, client_id=self._client_id, clock=self._clock, parent=self
        )
        return self._open_dialog(dialog)

    def open_task(self, view: TaskView | None = None) -> TaskDialog | None:
        view = view or self.tree.current_task()
        if view is None:
            return None
        dialog = TaskDialog(self._db, self._login, view.id, clock=self._clock, parent=self)
        return self._open_dialog(dialog)

    def _open_dialog(self, dialog: TaskDialog) -> TaskDialog:
        self.dialog = dialog
        dialog.sig_saved.connect(lambda _t: self._changed())
        dialog.sig_message.connect(self.sig_message)
        dialog.open()
        return dialog

    def _changed(self) -> None:
        self.sig_changed.emit()
        self.refresh()

    def complete_task(self, view: TaskView | None = None) -> Background[Completion] | None:
        view = view or self.tree.current_task()
        if view is None or view.status != "open":
            return None
        now = self._clock()
        task_id, version = view.id, view.version

        def work(session: Any) -> Completion:
            return complete_task(session, task_id, now, expected_version=version)

        job: Background[Completion] = Background(self._db, work, self._login)
        return job.on_done(self._completed).on_failed(self._complete_failed).start()

    def _completed(self, completion: Completion) -> None:
        self.sig_message.emit(self.tr("Done: {title}").format(title=completion.task.title))
        self._changed()
        self.call_log_dialog = offer_call_log(self, self._db, self._login, completion)
        if self.call_log_dialog is not None:
            self.call_log_dialog.sig_saved.connect(lambda _entry: self.sig_history.emit())
        self.sig_completed.emit(completion)

    def _complete_failed(self, error: BaseException) -> None:
        if report_connection(error):
            return
        self.refresh()
        if isinstance(error, CrmError):
            QMessageBox.warning(self, self.tr("Tasks"), error.message)
        else:
            self.sig_message.emit(one_sentence(error))
