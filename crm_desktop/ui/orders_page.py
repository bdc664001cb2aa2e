"""The orders: all of them, or the queue of accounting (awaiting prepayment) or of
production (prepaid or in work), the one that fits the user's role chosen at first. The
list pages from the database as it scrolls. Under it, the moves of the workflow that the
user's role may make from the selected order's status (the service says which); a move
the service refuses shows its sentence."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.i18n.formats import format_date, format_money
from crm_desktop.services.orders import (
    OrderPage,
    OrderStatus,
    OrderView,
    accounting_queue,
    acting_role,
    list_orders,
    move_order,
    moves_for,
    production_queue,
)
from crm_desktop.services.vocabulary import Role
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, hint_label, show_error
from crm_desktop.ui.icons import icon
from crm_desktop.ui.order_dialog import OrderDialog
from crm_desktop.ui.order_labels import (
    ACCOUNTING,
    ALL,
    FINISHED,
    PRODUCTION,
    QUEUES,
    move_label,
    queue_label,
)
from crm_desktop.ui.prepayment_dialog import PrepaymentDialog
from crm_desktop.ui.unexpected import one_sentence, report_connection

PAGE = 100
OVERDUE_COLOR = "#c62828"
COLUMN_WIDTHS = (130, 100, 300, 130, 190, 100)  # number, date, client, total, status, due
Index = QModelIndex | QPersistentModelIndex


def queue_of(role: Role) -> str:
    """The list a user of `role` starts on."""
    return {Role.ACCOUNTANT: ACCOUNTING, Role.PRODUCTION: PRODUCTION}.get(role, ALL)


class OrderTableModel(QAbstractTableModel):
    COLUMNS = ("number", "date", "client", "total", "status", "due")
    sig_loaded = Signal()  # a page arrived (or the list is known to be empty)

    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._db = db
        self._login = login
        self._rows: list[OrderView] = []
        self._next: uuid.UUID | None = None
        self._more = False
        self._loading = False
        self._serial = 0
        self.queue = ALL
        self.today = dt.date.today()
        self.loaded = False

    def headers(self) -> list[str]:
        return [
            self.tr("Number"),
            self.tr("Date"),
            self.tr("Client"),
            self.tr("Total"),
            self.tr("Status"),
            self.tr("Due"),
        ]

    def reload(self, queue: str | None = None) -> None:
        if queue is not None:
            self.queue = queue
        self._serial += 1
        self.beginResetModel()
        self._rows, self._next, self._more, self._loading = [], None, True, False
        self.loaded = False
        self.endResetModel()
        self.today = dt.date.today()
        self.fetchMore(QModelIndex())

    def order_at(self, row: int) -> OrderView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, order_id: uuid.UUID) -> int:
        return next((i for i, o in enumerate(self._rows) if o.id == order_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "total":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == "due" and self.overdue(row):
            return QColor(OVERDUE_COLOR)
        return None

    def overdue(self, row: OrderView) -> bool:
        return row.due_date is not None and row.due_date < self.today and row.status not in FINISHED

    def _text(self, row: OrderView, column: str) -> str:
        if column == "number":
            return row.number or ""
        if column == "date":
            return format_date(row.created_at.astimezone().date()) if row.created_at else ""
        if column == "client":
            return row.client_name
        if column == "total":
            return format_money(row.total)
        if column == "status":
            return row.status_text
        return format_date(row.due_date) if row.due_date else ""

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._more or self._loading:
            return
        self._loading = True
        serial, queue, after = self._serial, self.queue, self._next

        def work(session: CrmSession) -> OrderPage:
            if queue == ACCOUNTING:
                return accounting_queue(session, after=after, limit=PAGE)
            if queue == PRODUCTION:
                return production_queue(session, after=after, limit=PAGE)
            return list_orders(session, after=after, limit=PAGE)

        Background(self._db, work, self._login, write=False).on_done(
            lambda page: self._arrived(serial, page)
        ).on_failed(lambda _e: self._failed(serial)).start()

    def _arrived(self, serial: int, page: OrderPage) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return
        self._loading = False
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._next = page.next_key
        self._more = page.next_key is not None
        self.loaded = True
        self.sig_loaded.emit()

    def _failed(self, serial: int) -> None:
        if shiboken6.isValid(self) and serial == self._serial:
            self._loading, self._more = False, False
            self.loaded = True
            self.sig_loaded.emit()


class OrdersPage(QWidget):
    sig_message = Signal(str)  # what the status line says
    sig_loaded = Signal()  # the list (first page) arrived
    sig_moves = Signal()  # the move buttons for the selected order are shown
    sig_moved = Signal(object)  # the OrderView after a move

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._moves_serial = 0
        self._keep: uuid.UUID | None = None  # the order to select again after a reload
        self.role: Role | None = None
        self.moves: list[OrderStatus] = []
        self.move_buttons: dict[OrderStatus, QPushButton] = {}
        self.dialog: OrderDialog | None = None
        self.prepayment_dialog: PrepaymentDialog | None = None

        title = QLabel(self.tr("Orders"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.new_button = QPushButton(icon("orders"), self.tr("New order"))
        self.new_button.setToolTip(self.tr("Take a new order (Ctrl+N)"))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Open the order (Enter)"))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)

        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        for queue in QUEUES:
            index = self.tabs.addTab(queue_label(queue))
            self.tabs.setTabData(index, queue)

        self.model = OrderTableModel(db, login)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(
            OrderTableModel.COLUMNS.index("client"), QHeaderView.ResizeMode.Stretch
        )
        self.empty = hint_label()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        self.moves_label = QLabel(self.tr("Move the order:"))
        self.moves_row = QHBoxLayout()
        self.moves_row.addWidget(self.moves_label)
        self.moves_box = QHBoxLayout()
        self.moves_row.addLayout(self.moves_box)
        self.moves_row.addStretch(1)
        self.moves_hint = hint_label()
        self.error = error_label()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(self.moves_row)
        layout.addWidget(self.moves_hint)
        layout.addWidget(self.error)

        self.new_button.clicked.connect(lambda: self.new_order())
        self.open_button.clicked.connect(lambda: self.open_current())
        self.table.doubleClicked.connect(lambda index: self.open_order(index.row()))
        self.model.sig_loaded.connect(self._loaded)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        QShortcut(QKeySequence.StandardKey.New, self, lambda: self.new_order())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self.open_current())
        self._show_moves([])
        self.open_button.setEnabled(False)
        Background(db, acting_role, login, write=False).on_done(self._role_known).on_failed(
            lambda _e: self._role_known(None)
        ).start()

    # --- the list -------------------------------------------------------------------------

    def _role_known(self, role: Role | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.role = role
        queue = queue_of(role) if role is not None else ALL
        self.tabs.setCurrentIndex(QUEUES.index(queue))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def queue(self) -> str:
        return str(self.tabs.tabData(self.tabs.currentIndex()) or ALL)

    def show_queue(self, queue: str) -> None:
        self.tabs.setCurrentIndex(QUEUES.index(queue))

    def refresh(self) -> None:
        current = self.current_order()
        if current is not None and self._keep is None:
            self._keep = current.id
        self.model.reload(self.queue())
        self._selected()

    def _loaded(self) -> None:
        empty = self.model.rowCount() == 0
        texts = {
            ALL: self.tr("No orders yet: take one with “New order” (Ctrl+N)."),
            ACCOUNTING: self.tr("No orders are waiting for their prepayment."),
            PRODUCTION: self.tr("Nothing to make: no order is prepaid or in production."),
        }
        self.empty.setText(texts.get(self.model.queue, ""))
        self.empty.setVisible(empty)
        if not empty:
            row = self.model.row_of(self._keep) if self._keep is not None else -1
            if row >= 0 or not self.table.currentIndex().isValid():
                self.table.selectRow(max(row, 0))
        self._keep = None
        self._selected()
        self.sig_loaded.emit()

    def current_order(self) -> OrderView | None:
        index = self.table.currentIndex()
        return self.model.order_at(index.row()) if index.isValid() else None

    def select_order(self, order_id: uuid.UUID) -> bool:
        row = self.model.row_of(order_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    # --- the moves ------------------------------------------------------------------------

    def _selected(self) -> None:
        order = self.current_order()
        self.open_button.setEnabled(order is not None)
        self._moves_serial += 1
        serial = self._moves_serial
        self._show_moves([])
        if order is None:
            self.moves_hint.setText("")
            self.sig_moves.emit()
            return
        order_id = order.id

        def show(moves: list[OrderStatus]) -> None:
            if shiboken6.isValid(self) and serial == self._moves_serial:
                self._show_moves(moves, order)

        Background(self._db, lambda s: moves_for(s, order_id), self._login, write=False).on_done(
            show
        ).on_failed(lambda e: self._moves_failed(serial, e)).start()

    def _moves_failed(self, serial: int, error: BaseException) -> None:
        if shiboken6.isValid(self) and serial == self._moves_serial:
            self._show_moves([])
            if not report_connection(error):
                show_error(self.error, one_sentence(error))
            self.sig_moves.emit()

    def _show_moves(self, moves: list[OrderStatus], order: OrderView | None = None) -> None:
        for button in self.move_buttons.values():
            self.moves_box.removeWidget(button)
            button.hide()  # at once: deleteLater alone leaves it painted until the loop runs
            button.deleteLater()
        self.move_buttons = {}
        self.moves = list(moves)
        for target in moves:
            button = QPushButton(icon("move"), move_label(target))
            button.clicked.connect(lambda _c=False, t=target: self.move_current(t))
            self.moves_box.addWidget(button)
            self.move_buttons[target] = button
        self.moves_label.setVisible(bool(moves))
        if order is not None and not moves:
            self.moves_hint.setText(
                self.tr("Order {number} is “{status}”: your role moves it no further.").format(
                    number=order.number or "", status=order.status_text
                )
            )
        else:
            self.moves_hint.setText("")
        self.moves_hint.setVisible(bool(self.moves_hint.text()))
        if order is not None:
            self.sig_moves.emit()

    def move_current(
        self, target: OrderStatus, prepayment: Decimal | None = None
    ) -> Background[OrderView] | None:
        """Move the selected order to `target`; a refusal shows the service's sentence.
        Submitting it first asks how much prepayment to invoice (unless `prepayment`): the
        move then waits for the dialog (`prepayment_dialog`) and None is returned."""
        order = self.current_order()
        if order is None:
            return None
        if target is OrderStatus.AWAITING_PREPAYMENT and prepayment is None:
            self.ask_prepayment(order)
            return None
        show_error(self.error, None)
        for button in self.move_buttons.values():
            button.setEnabled(False)
        order_id, version = order.id, order.version
        job: Background[OrderView] = Background(
            self._db,
            lambda s: move_order(
                s, order_id, target, expected_version=version, prepayment=prepayment
            ),
            self._login,
        )
        return job.on_done(self._moved).on_failed(self._move_failed).start()

    def ask_prepayment(self, order: OrderView) -> PrepaymentDialog:
        """The prepayment dialog for `order` (window-modal); OK submits the order."""
        dialog = PrepaymentDialog(order.total, number=order.number, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        order_id = order.id

        def chosen() -> None:
            amount = dialog.amount()
            current = self.current_order()
            if amount is not None and current is not None and current.id == order_id:
                self.move_current(OrderStatus.AWAITING_PREPAYMENT, amount)

        dialog.accepted.connect(chosen)
        self.prepayment_dialog = dialog
        dialog.open()
        return dialog

    def _moved(self, order: OrderView) -> None:
        if not shiboken6.isValid(self):
            return
        self.sig_message.emit(
            self.tr("Order {number}: {status}").format(
                number=order.number or "", status=order.status_text
            )
        )
        self.sig_moved.emit(order)
        self._keep = order.id
        self.refresh()

    def _move_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        for button in self.move_buttons.values():
            button.setEnabled(True)
        if report_connection(error):
            return
        message = one_sentence(error)
        show_error(self.error, message)
        self.sig_message.emit(message)

    # --- opening --------------------------------------------------------------------------

    def new_order(self) -> OrderDialog:
        return self._open_dialog(None)

    def open_current(self) -> OrderDialog | None:
        return self.open_order(self.table.currentIndex().row())

    def open_order(self, row: int) -> OrderDialog | None:
        order = self.model.order_at(row)
        return self._open_dialog(order.id) if order is not None else None

    def _open_dialog(self, order_id: uuid.UUID | None) -> OrderDialog:
        dialog = OrderDialog(self._db, self._login, order_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_saved.connect(self._saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, order: OrderView) -> None:
        self.sig_message.emit(self.tr("Order {number} saved").format(number=order.number or ""))
        self._keep = order.id
        self.refresh()
