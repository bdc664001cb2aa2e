"""The price list: products and services, searched as you type and paged from the
database as the list scrolls; a product added or changed in its dialog; a price list
imported from Excel (`services.price_import`) in a worker with a progress bar, and a
report of the rows it refused."""

from __future__ import annotations

import uuid
from pathlib import Path
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
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.i18n.formats import format_money
from crm_desktop.services.price_import import (
    PriceImportReport,
    import_price_list,
    read_price_list,
)
from crm_desktop.services.products import ProductKey, ProductPage, ProductView, list_products
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background, Cancelled, Progress
from crm_desktop.ui.field_messages import error_label, hint_label, show_error
from crm_desktop.ui.icons import icon
from crm_desktop.ui.product_dialog import ProductDialog, rate_label
from crm_desktop.ui.unexpected import one_sentence, report_connection

PAGE = 200
SEARCH_DELAY_MS = 200
COLUMN_WIDTHS = (300, 120, 90, 130, 90, 170)  # name, SKU, unit, price, VAT, kind
Index = QModelIndex | QPersistentModelIndex


class ProductTableModel(QAbstractTableModel):
    COLUMNS = ("name", "sku", "unit", "price", "vat", "kind")
    sig_loaded = Signal()  # a page arrived (or the list is known to be empty)

    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._db = db
        self._login = login
        self._rows: list[ProductView] = []
        self._next: ProductKey | None = None
        self._more = False
        self._loading = False
        self._serial = 0
        self.search = ""
        self.active_only = True
        self.loaded = False

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("SKU"),
            self.tr("Unit"),
            self.tr("Price"),
            self.tr("VAT"),
            self.tr("Kind"),
        ]

    def reload(self) -> None:
        self._serial += 1
        self.beginResetModel()
        self._rows, self._next, self._more, self._loading = [], None, True, False
        self.loaded = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def product_at(self, row: int) -> ProductView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

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
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("price", "vat"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QColor("#90a4ae")
        return None

    def _text(self, row: ProductView, column: str) -> str:
        if column == "name":
            return row.name
        if column == "sku":
            return row.sku or ""
        if column == "unit":
            return row.unit_name
        if column == "price":
            return format_money(row.price, row.currency)
        if column == "vat":
            return rate_label(row.vat_rate, self.tr("without VAT"))
        kind = self.tr("service") if row.is_service else self.tr("goods")
        return kind if row.active else self.tr("{kind}, inactive").format(kind=kind)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._more or self._loading:
            return
        self._loading = True
        serial, after = self._serial, self._next
        search, active_only = self.search or None, self.active_only
        Background(
            self._db,
            lambda s: list_products(
                s, search=search, active_only=active_only, after=after, limit=PAGE
            ),
            self._login,
            write=False,
        ).on_done(lambda page: self._arrived(serial, page)).on_failed(
            lambda _e: self._failed(serial)
        ).start()

    def _arrived(self, serial: int, page: ProductPage) -> None:
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


class PriceListPage(QWidget):
    sig_message = Signal(str)  # what the status line says
    sig_imported = Signal(object)  # the PriceImportReport of an import
    sig_saved = Signal(object)  # a ProductView added or changed

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self.report: PriceImportReport | None = None
        self.dialog: ProductDialog | None = None

        title = QLabel(self.tr("Price list"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name or SKU"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.show_inactive = QCheckBox(self.tr("Show inactive"))
        self.add_button = QPushButton(icon("products"), self.tr("New product"))
        self.add_button.setToolTip(self.tr("Add a product or service (Ctrl+N)"))
        self.edit_button = QPushButton(self.tr("Open"))
        self.edit_button.setToolTip(self.tr("Change the product (Enter)"))
        self.import_button = QPushButton(icon("excel"), self.tr("Import from Excel…"))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.search, 1)
        top.addWidget(self.show_inactive)
        top.addWidget(self.add_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.import_button)

        self.model = ProductTableModel(db, login)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate(COLUMN_WIDTHS):
            if column:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
        self.empty = hint_label()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        self.report_box = QWidget()
        report_column = QVBoxLayout(self.report_box)
        report_column.setContentsMargins(0, 0, 0, 0)
        report_head = QHBoxLayout()
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        close_report = QPushButton(self.tr("Hide"))
        close_report.clicked.connect(self.report_box.hide)
        report_head.addWidget(self.report_label, 1)
        report_head.addWidget(close_report)
        self.rejected = QPlainTextEdit()
        self.rejected.setReadOnly(True)
        self.rejected.setMaximumHeight(140)
        report_column.addLayout(report_head)
        report_column.addWidget(self.rejected)
        self.report_box.hide()
        self.error = error_label()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.report_box)
        layout.addWidget(self.error)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.show_inactive.toggled.connect(lambda _on: self.refresh())
        self.add_button.clicked.connect(lambda: self.add_product())
        self.edit_button.clicked.connect(lambda: self.open_current())
        self.import_button.clicked.connect(self.choose_import)
        self.table.doubleClicked.connect(lambda index: self.open_product(index.row()))
        self.model.sig_loaded.connect(self._loaded)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        QShortcut(QKeySequence.StandardKey.New, self, lambda: self.add_product())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self.open_current())
        self._enable()
        self.refresh()

    def refresh(self) -> None:
        self.model.search = self.search.text().strip()
        self.model.active_only = not self.show_inactive.isChecked()
        self.model.reload()
        self._enable()

    def _loaded(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty.setText(
            self.tr("Nothing found.")
            if self.model.search
            else self.tr("The price list is empty: add a product or import one from Excel.")
        )
        self.empty.setVisible(empty)
        if not empty and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        self.edit_button.setEnabled(self.table.currentIndex().isValid())

    # --- adding and changing --------------------------------------------------------------

    def add_product(self) -> ProductDialog:
        return self._open_dialog(None)

    def open_current(self) -> ProductDialog | None:
        return self.open_product(self.table.currentIndex().row())

    def open_product(self, row: int) -> ProductDialog | None:
        product = self.model.product_at(row)
        return self._open_dialog(product.id) if product is not None else None

    def _open_dialog(self, product_id: uuid.UUID | None) -> ProductDialog:
        dialog = ProductDialog(self._db, self._login, product_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_saved.connect(self._saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, product: ProductView) -> None:
        self.sig_saved.emit(product)
        self.sig_message.emit(self.tr("Saved: {name}").format(name=product.name))
        self.refresh()

    # --- importing ------------------------------------------------------------------------

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a price list"),
            "",
            self.tr("Spreadsheets (*.xlsx *.xls *.csv)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> Background[PriceImportReport]:
        """Read and import the price list in a worker, a progress bar showing meanwhile."""
        show_error(self.error, None)
        self.import_button.setEnabled(False)

        def work(session: CrmSession, progress: Progress) -> PriceImportReport:
            progress.report(0, 3)
            table = read_price_list(path)
            progress.report(1, 3)
            report = import_price_list(session, table)
            progress.report(2, 3)
            return report

        job: Background[PriceImportReport] = Background(
            self._db,
            work,
            self._login,
            progress=self.tr("Importing the price list…"),
            parent=self,
        )
        return job.on_done(self._imported).on_failed(self._import_failed).start()

    def _imported(self, report: PriceImportReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.import_button.setEnabled(True)
        self.report = report
        summary = self.tr("Price list imported: {created} added, {updated} updated").format(
            created=report.created, updated=report.updated
        )
        rows = report.rejected_rows
        if rows:
            summary += self.tr("; rows refused: {n}").format(n=len(rows))
        self.report_label.setText(summary)
        lines = [
            self.tr("Row {row}, {column}: “{value}” — {message}").format(
                row=error.row,
                column=error.column or error.field,
                value=error.value,
                message=error.message,
            )
            for error in report.rejected
        ]
        self.rejected.setPlainText("\n".join(lines))
        self.rejected.setVisible(bool(lines))
        self.report_box.show()
        self.sig_message.emit(summary)
        self.sig_imported.emit(report)
        self.refresh()

    def _import_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.import_button.setEnabled(True)
        if isinstance(error, Cancelled):
            self.sig_message.emit(self.tr("The import was cancelled; nothing was changed."))
            return
        if not report_connection(error):
            show_error(self.error, one_sentence(error))
