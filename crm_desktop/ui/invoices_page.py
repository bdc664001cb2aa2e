"""The invoices: newest first, a page at a time as the list scrolls (`list_invoices`),
filtered by status, by client and by a fragment of the number (Ctrl+F); the status in
its colour, a due date in red once it has passed. From here an invoice is made, opened,
previewed, saved as PDF or Excel and sent by e-mail. The page is one widget, so it can
sit in a tab next to the orders."""

from __future__ import annotations

import uuid
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.i18n.formats import format_date, format_money
from crm_desktop.services.invoicing import InvoiceFilter, InvoicePage, InvoiceView, list_invoices
from crm_desktop.services.vocabulary import InvoiceStatus
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.client_picker import ClientPicker
from crm_desktop.ui.field_messages import hint_label
from crm_desktop.ui.icons import icon
from crm_desktop.ui.invoice_editor import InvoiceEditor
from crm_desktop.ui.invoice_files import error_text, save_invoice_file
from crm_desktop.ui.invoice_labels import OVERDUE_COLOUR, STATUS_COLOURS, status_text
from crm_desktop.ui.print_preview import show_print_preview
from crm_desktop.ui.send_mail import SendMailDialog

PAGE = 100
SEARCH_DELAY_MS = 250  # the number search waits this long after the last key
NUMBER, DATE, CLIENT, TOTAL, PAID, STATUS, DUE = range(7)
Index = QModelIndex | QPersistentModelIndex


class InvoiceTableModel(QAbstractTableModel):
    """The invoices matching a filter, fetched a page at a time in a worker."""

    sig_loaded = Signal()  # a page arrived
    sig_failed = Signal(str)

    def __init__(self, db: Database, login: str | None, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self.rows: list[InvoiceView] = []
        self.where = InvoiceFilter()
        self._next: uuid.UUID | None = None
        self._more = True
        self._loading = False
        self._serial = 0
        self.headers = [
            self.tr("Number"),
            self.tr("Date"),
            self.tr("Client"),
            self.tr("Total"),
            self.tr("Paid"),
            self.tr("Status"),
            self.tr("Pay by"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        view = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(view, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS:
                return QBrush(QColor(STATUS_COLOURS[view.status]))
            if column == DUE and view.overdue():
                return QBrush(QColor(OVERDUE_COLOUR))
            if view.status is InvoiceStatus.CANCELLED:
                return QBrush(QColor(STATUS_COLOURS[InvoiceStatus.CANCELLED]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TOTAL, PAID):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == DUE and view.overdue():
            return self.tr("Overdue: {money} left to pay").format(
                money=format_money(view.left_to_pay)
            )
        if role == Qt.ItemDataRole.UserRole:
            return view.id
        return None

    def _text(self, view: InvoiceView, column: int) -> str:
        if column == NUMBER:
            if view.number:
                return view.number
            return self.tr("draft") if view.status is InvoiceStatus.DRAFT else "—"
        if column == DATE:
            day = view.issue_date or (view.created_at.date() if view.created_at else None)
            return format_date(day) if day else ""
        if column == CLIENT:
            return view.client_name
        if column == TOTAL:
            return format_money(view.total, view.currency)
        if column == PAID:
            return format_money(view.paid_amount, view.currency) if view.paid_amount else ""
        if column == STATUS:
            return status_text(view.status)
        if column == DUE:
            return format_date(view.due_date) if view.due_date else ""
        return ""

    def set_filter(self, where: InvoiceFilter) -> None:
        self.where = where
        self.reload()

    def reload(self) -> None:
        self._serial += 1
        self.beginResetModel()
        self.rows = []
        self._next = None
        self._more = True
        self._loading = False
        self.endResetModel()
        self.fetch()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self.fetch()

    def fetch(self) -> None:
        if self._loading or not self._more:
            return
        self._loading = True
        serial, where, after = self._serial, self.where, self._next
        Background(
            self._db,
            lambda s: list_invoices(s, where, after=after, limit=PAGE),
            self._login,
            write=False,
        ).on_done(lambda page: self._arrived(serial, page)).on_failed(
            lambda error: self._fetch_failed(serial, error)
        ).start()

    def _arrived(self, serial: int, page: InvoicePage) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return
        self._loading = False
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        self._next = page.next_key
        self._more = page.next_key is not None
        self.sig_loaded.emit()

    def _fetch_failed(self, serial: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return
        self._loading = False
        self._more = False
        self.sig_failed.emit(error_text(error))

    def replace(self, view: InvoiceView) -> bool:
        """Show a changed invoice in its row; False when it is not in the list."""
        for row, old in enumerate(self.rows):
            if old.id == view.id:
                self.rows[row] = view
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))
                return True
        return False


class InvoicesPage(QWidget):
    sig_message = Signal(str)

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self.editors: list[InvoiceEditor] = []
        title = QLabel(self.tr("Invoices"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), None)
        for status in InvoiceStatus:
            self.status.addItem(status_text(status), status.value)
        self.client = ClientPicker(db, login)
        self.client.edit.setPlaceholderText(self.tr("Any client: type a name, phone or INN"))
        self.client.setMinimumWidth(320)
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("Number…"))
        self.number.setToolTip(self.tr("Invoices whose number contains this (Ctrl+F)"))
        self.number.setClearButtonEnabled(True)
        self.number.setMaximumWidth(160)
        self._number_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._number_timer.timeout.connect(self.refresh)
        self.new_button = QPushButton(icon("invoices", color="white"), self.tr("New invoice"))
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.new_button.setStyleSheet(
            "QPushButton { background: #1565c0; color: white; padding: 6px 14px;"
            " border-radius: 4px; font-weight: 600; }"
        )
        self.new_button.clicked.connect(lambda: self.new_invoice())
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Enter"))
        self.open_button.clicked.connect(lambda: self.open_current())
        self.preview_button = QPushButton(self.tr("Print preview"))
        self.preview_button.setToolTip(self.tr("Ctrl+P"))
        self.preview_button.clicked.connect(self.print_preview)
        self.pdf_button = QPushButton(icon("export"), self.tr("Save PDF…"))
        self.pdf_button.clicked.connect(lambda: self.save_file(".pdf"))
        self.excel_button = QPushButton(icon("excel"), self.tr("Excel copy…"))
        self.excel_button.clicked.connect(lambda: self.save_file(".xlsx"))
        self.mail_button = QPushButton(icon("email"), self.tr("Send by e-mail…"))
        self.mail_button.clicked.connect(lambda: self.send_mail())

        self.model = InvoiceTableModel(db, login, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CLIENT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((NUMBER, 110), (DATE, 100), (TOTAL, 140), (PAID, 140), (STATUS, 140)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.empty = hint_label()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        filters = QHBoxLayout()
        filters.addWidget(self.new_button)
        filters.addSpacing(16)
        filters.addWidget(QLabel(self.tr("Status:")))
        filters.addWidget(self.status)
        filters.addWidget(QLabel(self.tr("Client:")))
        filters.addWidget(self.client, 1)
        filters.addWidget(self.number)
        actions = QHBoxLayout()
        for button in (
            self.open_button,
            self.preview_button,
            self.pdf_button,
            self.excel_button,
            self.mail_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.count = hint_label()
        actions.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(actions)

        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.client.sig_chosen.connect(lambda _id: self.refresh())
        self.number.textChanged.connect(lambda _t: self._number_timer.start())
        self.number.returnPressed.connect(self.refresh)
        self.model.sig_loaded.connect(self._loaded)
        self.model.sig_failed.connect(self.sig_message.emit)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        QShortcut(QKeySequence.StandardKey.New, self, lambda: self.new_invoice())
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_preview)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_number)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self.open_current())
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        self._number_timer.stop()
        raw = self.status.currentData()
        self.model.set_filter(
            InvoiceFilter(
                status=InvoiceStatus(raw) if raw else None,
                client_id=self.client.client_id(),
                number=self.number.text().strip() or None,
            )
        )

    def focus_number(self) -> None:
        """Ctrl+F: to the number search, its text selected."""
        self.number.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.number.selectAll()

    def _loaded(self) -> None:
        rows = self.model.rowCount()
        filtered = (
            self.status.currentData() is not None
            or self.client.client_id() is not None
            or bool(self.model.where.number)
        )
        self.empty.setText(
            self.tr("No invoices match the filter.")
            if filtered
            else self.tr("No invoices yet. Press “New invoice” (Ctrl+N) or make one from a deal.")
        )
        self.empty.setVisible(rows == 0)
        self.table.setVisible(rows > 0)
        more = self.model.canFetchMore()
        self.count.setText(
            self.tr("{n} shown, more as you scroll").format(n=rows)
            if more
            else self.tr("{n} invoices").format(n=rows)
        )
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._update_buttons()

    def current_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        value = self.model.data(index, Qt.ItemDataRole.UserRole)
        return value if isinstance(value, uuid.UUID) else None

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        for button in (
            self.open_button,
            self.preview_button,
            self.pdf_button,
            self.excel_button,
            self.mail_button,
        ):
            button.setEnabled(chosen)

    def _editor(self, editor: InvoiceEditor) -> InvoiceEditor:
        self.editors.append(editor)
        editor.sig_saved.connect(self._changed)
        editor.finished.connect(lambda _r: self._closed(editor))
        editor.show()
        return editor

    def _closed(self, editor: InvoiceEditor) -> None:
        if editor in self.editors:
            self.editors.remove(editor)
        editor.deleteLater()

    def new_invoice(self, client_id: uuid.UUID | None = None) -> InvoiceEditor:
        return self._editor(InvoiceEditor(self._db, self._login, client_id=client_id, parent=self))

    def open_invoice(self, invoice_id: uuid.UUID) -> InvoiceEditor:
        return self._editor(InvoiceEditor(self._db, self._login, invoice_id, parent=self))

    def open_current(self) -> InvoiceEditor | None:
        invoice_id = self.current_id()
        return self.open_invoice(invoice_id) if invoice_id is not None else None

    def _changed(self, view: InvoiceView) -> None:
        if not self.model.replace(view):
            self.refresh()
        label = view.number or self.tr("draft")
        self.sig_message.emit(
            self.tr("Invoice {number}: {status}").format(
                number=label, status=status_text(view.status).lower()
            )
        )

    def print_preview(self) -> None:
        invoice_id = self.current_id()
        if invoice_id is not None:
            show_print_preview(self, self._db, self._login, invoice_id)

    def save_file(self, suffix: str) -> None:
        invoice_id = self.current_id()
        if invoice_id is not None:
            save_invoice_file(
                self,
                self._db,
                self._login,
                invoice_id,
                suffix,
                on_saved=lambda path: self.sig_message.emit(
                    self.tr("Saved to {path}").format(path=path)
                ),
            )

    def send_mail(self) -> SendMailDialog | None:
        invoice_id = self.current_id()
        if invoice_id is None:
            return None
        dialog = SendMailDialog(self._db, self._login, invoice_id, self)
        dialog.sig_sent.connect(
            lambda to: self.sig_message.emit(self.tr("The invoice went to {to}").format(to=to))
        )
        dialog.open()
        return dialog
