"""An order, new or to look at: the client and (optionally) one of its deals, the lines
(products of the price list, or custom lines with a free description), the specification
of a custom product and its price, the files that go to production, the due date and a
note; for a saved order, its history of moves. Only a draft changes its contents; files
can be added to an order in any status. Saving runs off the UI thread and a refused value
is explained under its field."""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError, ValidationError
from crm_desktop.i18n import language
from crm_desktop.i18n.formats import format_datetime, format_money, format_number
from crm_desktop.services.amounts import decimal_text
from crm_desktop.services.client_views import get_client
from crm_desktop.services.deal_lists import DealRow, deals_of_client
from crm_desktop.services.invoice_settings import rate_text
from crm_desktop.services.invoicing import InvoiceLineInput, LineError
from crm_desktop.services.orders import (
    AttachmentInput,
    OrderChanges,
    OrderStatus,
    OrderView,
    add_attachment,
    attachment_content,
    create_order,
    edit_order,
    get_order,
    remove_attachment,
    status_label,
)
from crm_desktop.services.products import ProductView
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.changes_tab import ChangesTab
from crm_desktop.ui.client_picker import ClientPicker
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error
from crm_desktop.ui.icons import icon
from crm_desktop.ui.product_picker import ProductPicker
from crm_desktop.ui.unexpected import one_sentence, report_connection

NAME, QTY, UNIT, PRICE, AMOUNT = range(5)
PRODUCT_ROLE = Qt.ItemDataRole.UserRole  # on the name cell: the product's id, if any
VAT_ROLE = Qt.ItemDataRole.UserRole + 1  # ... and the line's VAT rate as stored
FIELD_OF = {"due_date": "due", "product": "lines", "attachments": "attachment"}


@dataclass
class FileEntry:
    """A file of the order: saved (its id) or chosen on this computer (its path)."""

    name: str
    size: int
    id: uuid.UUID | None = None
    path: Path | None = None


def _decimal(text: str) -> Decimal | None:
    """A number as the service will read it (for the amounts shown), None if it is not one."""
    try:
        return decimal_text(text, "number", 3) if text.strip() else None
    except ValidationError:
        return None


def quantity_cell(value: Decimal) -> str:
    """A quantity as its cell shows it: no digit groups (a lone comma or point is the
    decimal mark when read back), the language's decimal mark."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if language() == "ru" else text


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{format_number(Decimal(size) / 1024, 1)} KB"
    return f"{format_number(Decimal(size) / 1024 / 1024, 1)} MB"


class OrderDialog(QDialog):
    sig_saved = Signal(object)  # the saved OrderView
    sig_copied = Signal(str)  # a file's copy was saved there

    def __init__(
        self,
        db: Database,
        login: str | None,
        order_id: uuid.UUID | None = None,
        *,
        client_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._deal_serial = 0
        self.view: OrderView | None = None
        self.saved: OrderView | None = None
        self.files: list[FileEntry] = []
        self.removed: list[uuid.UUID] = []
        self.picker: ProductPicker | None = None
        client_name = ""
        deals: list[DealRow] = []
        with db.unit_of_work(login, write=False) as session:
            if order_id is not None:
                self.view = get_order(session, order_id)
                client_id, client_name = self.view.client_id, self.view.client_name
            elif client_id is not None:
                client_name = get_client(session, client_id).display_name
            if client_id is not None:
                deals = deals_of_client(session, client_id)
        self.editable = self.view is None or self.view.status is OrderStatus.DRAFT
        if self.view is None:
            self.setWindowTitle(self.tr("New order"))
        else:
            self.setWindowTitle(
                self.tr("Order {number} · {status}").format(
                    number=self.view.number or "", status=self.view.status_text
                )
            )
        self.resize(760, 640)
        self.errors: dict[str, QLabel] = {}

        self.tabs = QTabWidget()
        self.tabs.addTab(self._order_tab(), self.tr("Order"))
        self.tabs.addTab(self._files_tab(), self.tr("Files"))
        self.tabs.addTab(self._history_tab(), self.tr("History"))
        if self.view is not None:  # who changed what (issue 10), with restore
            self.changes_tab = ChangesTab(db, login, "orders", self.view.id)
            self.changes_tab.sig_restored.connect(self._restored)
            self.tabs.addTab(self.changes_tab, self.tr("Changes"))

        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if self.view is not None and not self.editable:
            layout.addWidget(
                hint_label(
                    self.tr(
                        "The order is “{status}”: only a draft changes its contents; "
                        "files can still be added."
                    ).format(status=self.view.status_text)
                )
            )
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self._fill(client_id, client_name, deals)

    # --- building -------------------------------------------------------------------------

    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        error = error_label()
        self.errors[key] = error
        form.addRow(label, with_error(widget, error))

    def _order_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.client = ClientPicker(self._db, self._login)
        self.client.sig_chosen.connect(self._client_chosen)
        self._row(form, "client", self.tr("Client"), self.client)
        self.deal = QComboBox()
        self._row(form, "deal", self.tr("Deal"), self.deal)

        self.lines = QTableWidget(0, 5)
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Qty"), self.tr("Unit"), self.tr("Price"), self.tr("Amount")]
        )
        self.lines.verticalHeader().hide()
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for number in (QTY, UNIT, PRICE, AMOUNT):
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.ResizeToContents)
        self.lines.setMinimumHeight(150)
        self.lines.itemChanged.connect(lambda _item: self._lines_changed())
        self.add_product_button = QPushButton(icon("products"), self.tr("From the price list…"))
        self.add_custom_button = QPushButton(self.tr("Custom line"))
        self.add_custom_button.setToolTip(self.tr("A line with a free description and price"))
        self.remove_line_button = QPushButton(icon("delete"), self.tr("Remove line"))
        self.add_product_button.clicked.connect(lambda: self.choose_product())
        self.add_custom_button.clicked.connect(lambda: self.add_custom_line())
        self.remove_line_button.clicked.connect(self.remove_line)
        self.sum_label = QLabel()
        buttons = QHBoxLayout()
        for button in (self.add_product_button, self.add_custom_button, self.remove_line_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.sum_label)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.lines)
        column.addLayout(buttons)
        self._row(form, "lines", self.tr("Lines"), box)

        self.specification = QPlainTextEdit()
        self.specification.setTabChangesFocus(True)
        self.specification.setPlaceholderText(
            self.tr("What to make: sizes, materials, colour … (for production)")
        )
        self.specification.setFixedHeight(90)
        self._row(form, "specification", self.tr("Specification"), self.specification)
        self.total = QLineEdit()
        self.total.setPlaceholderText(self.tr("The price of a custom product without lines"))
        self._row(form, "total", self.tr("Price"), self.total)

        self.has_due = QCheckBox()
        self.due = QDateEdit()
        self.due.setDisplayFormat("dd.MM.yyyy")
        self.due.setCalendarPopup(True)
        self.due.setDate(QDate.currentDate().addDays(14))
        self.has_due.toggled.connect(self.due.setEnabled)
        due_box = QWidget()
        due_row = QHBoxLayout(due_box)
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        self._row(form, "due", self.tr("Due"), due_box)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(60)
        self._row(form, "note", self.tr("Note"), self.note)
        return tab

    def _files_tab(self) -> QWidget:
        tab = QWidget()
        self.file_list = QListWidget()
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.add_files_button = QPushButton(icon("attach"), self.tr("Add files…"))
        self.remove_file_button = QPushButton(icon("delete"), self.tr("Remove"))
        self.copy_file_button = QPushButton(icon("export"), self.tr("Save a copy…"))
        self.add_files_button.clicked.connect(self.choose_files)
        self.remove_file_button.clicked.connect(
            lambda: self.remove_file(self.file_list.currentRow())
        )
        self.copy_file_button.clicked.connect(self.choose_copy)
        self.file_list.currentRowChanged.connect(lambda _r: self._files_enabled())
        row = QHBoxLayout()
        for button in (self.add_files_button, self.remove_file_button, self.copy_file_button):
            row.addWidget(button)
        row.addStretch(1)
        self.files_empty = hint_label(
            self.tr("No files: add drawings, photos or a specification for production.")
        )
        error = error_label()
        self.errors["attachment"] = error
        column = QVBoxLayout(tab)
        column.addWidget(self.file_list, 1)
        column.addWidget(self.files_empty)
        column.addLayout(row)
        column.addWidget(error)
        return tab

    def _history_tab(self) -> QWidget:
        tab = QWidget()
        self.history = QListWidget()
        self.invoices_label = hint_label()
        column = QVBoxLayout(tab)
        column.addWidget(self.history, 1)
        column.addWidget(self.invoices_label)
        return tab

    # --- filling --------------------------------------------------------------------------

    def _fill(self, client_id: uuid.UUID | None, client_name: str, deals: list[DealRow]) -> None:
        view = self.view
        self.client.set_client(client_id, client_name)
        self._show_deals(deals, view.deal_id if view else None)
        self.has_due.setChecked(False)
        self.due.setEnabled(False)
        if view is not None:
            self.lines.blockSignals(True)
            for line in view.lines:
                self._append_line(
                    line.name,
                    quantity_cell(line.quantity),
                    line.unit_name,
                    format_number(line.price, 2),
                    product_id=line.product_id,
                    vat=rate_text(line.vat_rate) or "none",
                )
            self.lines.blockSignals(False)
            self.specification.setPlainText(view.specification or "")
            if not view.lines and view.total:
                self.total.setText(format_number(view.total, 2))
            if view.due_date is not None:
                self.has_due.setChecked(True)
                self.due.setDate(QDate(view.due_date.year, view.due_date.month, view.due_date.day))
            self.note.setPlainText(view.note or "")
            self.files = [FileEntry(a.file_name, a.size, id=a.id) for a in view.attachments]
            self._fill_history(view)
        else:
            self.history.addItem(self.tr("The history starts when the order is saved."))
        self._lines_changed()
        self._show_files()
        for widget in (
            self.client,
            self.deal,
            self.add_product_button,
            self.add_custom_button,
            self.remove_line_button,
            self.has_due,
        ):
            widget.setEnabled(self.editable and widget.isEnabled())
        if not self.editable:
            self.due.setEnabled(False)
            self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            for edit in (self.specification, self.note):
                edit.setReadOnly(True)
            self.total.setReadOnly(True)

    def _restored(self, order_id: uuid.UUID) -> None:
        """A value or a version put back from the Changes tab: show the order as it is now."""
        with self._db.unit_of_work(self._login, write=False) as session:
            self.view = get_order(session, order_id)
            deals = deals_of_client(session, self.view.client_id)
        self.lines.setRowCount(0)
        self.history.clear()
        self._fill(self.view.client_id, self.view.client_name, deals)
        self.sig_saved.emit(self.view)

    def _fill_history(self, view: OrderView) -> None:
        for event in reversed(view.events):  # the latest first
            if event.from_status is None:
                what = self.tr("taken as “{status}”").format(status=status_label(event.to_status))
            else:
                what = f"{status_label(event.from_status)} → {status_label(event.to_status)}"
            who = event.by or self.tr("the file's owner")
            text = f"{format_datetime(event.at)} · {who}: {what}"
            if event.note:
                text += f" · {event.note}"
            self.history.addItem(text)
        invoices = [
            self.tr("Invoice {number}: {total}, paid {paid}").format(
                number=i.number or self.tr("draft"),
                total=format_money(i.total),
                paid=format_money(i.paid_amount),
            )
            for i in view.invoices
        ]
        self.invoices_label.setText("\n".join(invoices))
        self.invoices_label.setVisible(bool(invoices))

    def _client_chosen(self, client_id: uuid.UUID | None) -> None:
        show_error(self.errors["client"], None)
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
                continue
            self.deal.addItem(f"{deal.title} · {deal.stage}", str(deal.id))
        index = self.deal.findData(str(chosen) if chosen else "")
        self.deal.setCurrentIndex(max(index, 0))
        self.deal.setEnabled(self.editable and self.client.client_id() is not None)

    # --- lines ----------------------------------------------------------------------------

    def choose_product(self) -> ProductPicker:
        picker = ProductPicker(self._db, self._login, parent=self)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.sig_chosen.connect(self.add_product_line)
        self.picker = picker
        picker.open()
        return picker

    def add_product_line(self, product: ProductView) -> None:
        self._append_line(
            product.name,
            "1",
            product.unit_name,
            format_number(product.price, 2),
            product_id=product.id,
            vat=None,
        )
        self._lines_changed()

    def add_custom_line(self, name: str = "", quantity: str = "1", price: str = "") -> int:
        """A free line (a custom product); its name cell is edited first."""
        row = self._append_line(name, quantity, "шт", price, product_id=None, vat=None)
        self._lines_changed()
        if not name:
            self.lines.setCurrentCell(row, NAME)
            item = self.lines.item(row, NAME)
            if item is not None:
                self.lines.editItem(item)
        return row

    def _append_line(
        self,
        name: str,
        quantity: str,
        unit: str,
        price: str,
        *,
        product_id: uuid.UUID | None,
        vat: str | None,
    ) -> int:
        self.lines.blockSignals(True)
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(PRODUCT_ROLE, str(product_id) if product_id else "")
        name_item.setData(VAT_ROLE, vat or "")
        self.lines.setItem(row, NAME, name_item)
        self.lines.setItem(row, QTY, QTableWidgetItem(quantity))
        self.lines.setItem(row, UNIT, QTableWidgetItem(unit))
        self.lines.setItem(row, PRICE, QTableWidgetItem(price))
        amount = QTableWidgetItem()
        amount.setFlags(amount.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.lines.setItem(row, AMOUNT, amount)
        self.lines.blockSignals(False)
        return row

    def set_line(self, row: int, column: int, text: str) -> None:
        item = self.lines.item(row, column)
        if item is not None:
            item.setText(text)

    def remove_line(self) -> None:
        row = self.lines.currentRow()
        if row >= 0:
            self.lines.removeRow(row)
            self._lines_changed()

    def _cell(self, row: int, column: int) -> str:
        item = self.lines.item(row, column)
        return item.text().strip() if item is not None else ""

    def _lines_changed(self) -> None:
        """Each line's amount and their sum (what the order costs before VAT on top)."""
        show_error(self.errors["lines"], None)
        total = Decimal("0.00")
        self.lines.blockSignals(True)
        for row in range(self.lines.rowCount()):
            quantity, price = _decimal(self._cell(row, QTY)), _decimal(self._cell(row, PRICE))
            amount = None
            if quantity is not None and price is not None:
                amount = (quantity * price).quantize(Decimal("0.01"))
                total += amount
            item = self.lines.item(row, AMOUNT)
            if item is not None:
                item.setText(format_money(amount) if amount is not None else "")
        self.lines.blockSignals(False)
        has_lines = self.lines.rowCount() > 0
        self.sum_label.setText(
            self.tr("Lines add up to {sum}").format(sum=format_money(total)) if has_lines else ""
        )
        self.total.setEnabled(not has_lines)

    def line_inputs(self) -> list[InvoiceLineInput]:
        inputs = []
        for row in range(self.lines.rowCount()):
            item = self.lines.item(row, NAME)
            product = str(item.data(PRODUCT_ROLE) or "") if item is not None else ""
            vat = str(item.data(VAT_ROLE) or "") if item is not None else ""
            inputs.append(
                InvoiceLineInput(
                    product=uuid.UUID(product) if product else None,
                    name=self._cell(row, NAME),
                    quantity=self._cell(row, QTY),
                    unit=self._cell(row, UNIT),
                    price=self._cell(row, PRICE),
                    vat_rate=vat or None,
                )
            )
        return inputs

    # --- files ----------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        show_error(self.errors["attachment"], None)
        for path in paths:
            try:
                size = path.stat().st_size
            except OSError as exc:
                show_error(
                    self.errors["attachment"],
                    self.tr("Cannot read {file}: {error}").format(
                        file=path.name, error=exc.strerror
                    ),
                )
                continue
            self.files.append(FileEntry(path.name, size, path=path))
        self._show_files()
        self.file_list.setCurrentRow(self.file_list.count() - 1)

    def remove_file(self, row: int) -> None:
        if 0 <= row < len(self.files):
            entry = self.files.pop(row)
            if entry.id is not None:
                self.removed.append(entry.id)
            self._show_files()

    def _show_files(self) -> None:
        self.file_list.clear()
        for entry in self.files:
            pending = "" if entry.id is not None else self.tr(" (not saved yet)")
            self.file_list.addItem(f"{entry.name} · {size_text(entry.size)}{pending}")
        self.files_empty.setVisible(not self.files)
        self._files_enabled()

    def _files_enabled(self) -> None:
        chosen = 0 <= self.file_list.currentRow() < len(self.files)
        self.remove_file_button.setEnabled(chosen)
        self.copy_file_button.setEnabled(chosen)

    def choose_copy(self) -> None:
        row = self.file_list.currentRow()
        if not 0 <= row < len(self.files):
            return
        target, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy of the file"), self.files[row].name
        )
        if target:
            self.save_copy(row, Path(target))

    def save_copy(self, row: int, target: Path) -> Background[str] | None:
        """Write the file (from the database, or where it was chosen) to `target`."""
        entry = self.files[row]
        show_error(self.errors["attachment"], None)
        job: Background[str]
        if entry.id is not None:
            attachment_id = entry.id

            def read_and_write(session: CrmSession) -> str:
                _name, content = attachment_content(session, attachment_id)
                target.write_bytes(content)
                return str(target)

            job = Background(self._db, read_and_write, self._login, write=False)
        else:
            source = entry.path
            assert source is not None

            def copy() -> str:
                shutil.copyfile(source, target)
                return str(target)

            job = Background(None, copy)
        return job.on_done(self._copied).on_failed(self._copy_failed).start()

    def _copied(self, path: str) -> None:
        if shiboken6.isValid(self):
            self.sig_copied.emit(path)

    def _copy_failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self) and not report_connection(error):
            message = str(error) if isinstance(error, OSError) else one_sentence(error)
            show_error(self.errors["attachment"], message)

    # --- saving ---------------------------------------------------------------------------

    def changes(self) -> OrderChanges:
        client_id = self.client.client_id()
        deal = str(self.deal.currentData() or "")
        lines = self.line_inputs()
        price = self.total.text().strip()
        due: Any = None
        if self.has_due.isChecked():
            due = self.due.date().toPython()
        elif self.view is not None:
            due = ""  # clears it
        return OrderChanges(
            client_id=client_id,
            deal_id=uuid.UUID(deal) if deal else None,
            lines=lines,
            specification=self.specification.toPlainText(),
            total=price if price and not lines else None,
            due_date=due,
            note=self.note.toPlainText(),
        )

    def save(self) -> Background[OrderView] | None:
        """Check what can be checked here, then save off the UI thread; the dialog closes
        when the order is saved and stays open with the message at the field otherwise."""
        for label in (*self.errors.values(), self.error):
            show_error(label, None)
        if self.editable and self.client.client_id() is None:
            self._point_at("client", self.tr("Choose the client from the list"))
            return None
        data = self.changes() if self.editable else None
        new_files = [(e.name, e.path) for e in self.files if e.path is not None]
        removed = list(self.removed)
        view = self.view
        unreadable = self.tr("Cannot read {file}: {error}")

        def read_files() -> list[AttachmentInput]:
            inputs = []
            for name, path in new_files:
                assert path is not None
                try:
                    inputs.append(AttachmentInput(name, path.read_bytes()))
                except OSError as exc:
                    raise ValidationError(
                        "attachment", unreadable.format(file=name, error=exc.strerror)
                    ) from None
            return inputs

        def work(session: CrmSession) -> OrderView:
            files = read_files()
            if view is None:
                assert data is not None
                return create_order(session, data, attachments=files)
            if data is not None:
                edit_order(session, view.id, data, expected_version=view.version)
            for attachment_id in removed:
                remove_attachment(session, attachment_id)
            for item in files:
                add_attachment(session, view.id, item.file_name, item.content)
            return get_order(session, view.id)

        self.save_button.setEnabled(False)
        job: Background[OrderView] = Background(self._db, work, self._login)
        return job.on_done(self._saved).on_failed(self._failed).start()

    def _saved(self, order: OrderView) -> None:
        if not shiboken6.isValid(self):
            return
        self.save_button.setEnabled(True)
        self.saved = order
        self.sig_saved.emit(order)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.save_button.setEnabled(True)
        if isinstance(error, LineError):
            self.lines.setCurrentCell(error.index, NAME)
            message = self.tr("Line {n}: {problem}").format(
                n=error.index + 1, problem=error.message
            )
            self._point_at("lines", message)
        elif isinstance(error, ValidationError):
            self._point_at(error.field, error.message)
        elif isinstance(error, CrmError) or not report_connection(error):
            show_error(self.error, one_sentence(error))

    def _point_at(self, field: str, message: str) -> None:
        key = FIELD_OF.get(field, field)
        label = self.errors.get(key, self.error)
        show_error(label, message)
        self.tabs.setCurrentIndex(1 if key == "attachment" else 0)
        focus = {
            "client": self.client.edit,
            "deal": self.deal,
            "lines": self.lines,
            "specification": self.specification,
            "total": self.total,
            "due": self.due,
            "note": self.note,
        }.get(key)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
