"""A deal's products as an editable table: a product of the price list is added by its SKU
or name (its price and VAT rate come from there), the quantity, price and VAT rate can be
changed in place, and each line's amount and the total follow as you type. The service
checks everything again when the deal is saved."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import language
from crm_desktop.i18n.formats import format_money, format_number
from crm_desktop.services.amounts import parse_amount, parse_quantity
from crm_desktop.services.deal_lines import LineInput, LineView, line_amount
from crm_desktop.services.products import ProductView
from crm_desktop.store.database import Database
from crm_desktop.ui.field_messages import error_label, show_error
from crm_desktop.ui.icons import icon
from crm_desktop.ui.product_picker import ProductPicker

NAME, QUANTITY, PRICE, VAT, AMOUNT = range(5)


@dataclass(frozen=True)
class LineDraft:
    """A line as the table holds it: the numbers as typed."""

    product_id: uuid.UUID | None
    name: str
    quantity: str
    price: str
    vat: str  # "" : without VAT


def plain_number(value: Decimal) -> str:
    """ "2", "2,5" (Russian) or "2.5": no grouping, no trailing zeros."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if language() == "ru" else text


def draft_amount(draft: LineDraft) -> Decimal | None:
    """The line's amount from its quantity and price as typed; None until both are
    numbers."""
    try:
        return line_amount(parse_quantity(draft.quantity), parse_amount(draft.price, "price"))
    except ValidationError:
        return None


def product_draft(product: ProductView) -> LineDraft:
    """One of a product of the price list, at its price and VAT rate."""
    return LineDraft(
        product_id=product.id,
        name=product.name,
        quantity="1",
        price=format_number(product.price, 2),
        vat=plain_number(product.vat_rate) if product.vat_rate is not None else "",
    )


class DealLinesEditor(QWidget):
    sig_changed = Signal()  # a line added, removed or edited: the total may differ
    sig_added = Signal()  # a product of the price list was added

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._products: list[uuid.UUID | None] = []
        self._filling = False
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Product"),
                self.tr("Quantity"),
                self.tr("Price"),
                self.tr("VAT, %"),
                self.tr("Amount"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((QUANTITY, 80), (PRICE, 110), (VAT, 70), (AMOUNT, 120)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(150)
        self.table.itemChanged.connect(self._edited)
        self.add_button = QPushButton(icon("add"), self.tr("Add product…"))
        self.add_button.setToolTip(self.tr("Add a product of the price list by its SKU or name"))
        self.add_button.clicked.connect(lambda: self.add_product())
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove line"))
        self.remove_button.clicked.connect(self.remove_current)
        self.error = error_label()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)

    # --- the lines ----------------------------------------------------------------------------

    def set_lines(self, lines: Sequence[LineView]) -> None:
        self._set_drafts(
            [
                LineDraft(
                    line.product_id,
                    line.name,
                    plain_number(line.quantity),
                    format_number(line.price, 2),
                    plain_number(line.vat_rate) if line.vat_rate is not None else "",
                )
                for line in lines
            ]
        )

    def _set_drafts(self, drafts: Sequence[LineDraft]) -> None:
        self._filling = True
        try:
            self.table.setRowCount(0)
            self._products = []
            for draft in drafts:
                self._append(draft)
        finally:
            self._filling = False
        self._recompute()

    def _append(self, draft: LineDraft) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._products.append(draft.product_id)
        for column, text in (
            (NAME, draft.name),
            (QUANTITY, draft.quantity),
            (PRICE, draft.price),
            (VAT, draft.vat),
            (AMOUNT, ""),
        ):
            item = QTableWidgetItem(text)
            if column == AMOUNT or (column == NAME and draft.product_id is not None):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if column != NAME:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)

    def drafts(self) -> list[LineDraft]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text().strip() if item is not None else ""

        return [
            LineDraft(
                self._products[row],
                text(row, NAME),
                text(row, QUANTITY),
                text(row, PRICE),
                text(row, VAT),
            )
            for row in range(self.table.rowCount())
        ]

    def line_inputs(self) -> list[LineInput]:
        return [
            LineInput(
                product=draft.product_id,
                name=draft.name,
                quantity=draft.quantity,
                price=draft.price,
                vat_rate=draft.vat,
            )
            for draft in self.drafts()
        ]

    def total(self) -> Decimal | None:
        """The sum of the lines; None when there are none or a line's numbers are not
        numbers yet."""
        drafts = self.drafts()
        if not drafts:
            return None
        amounts = [draft_amount(draft) for draft in drafts]
        if any(amount is None for amount in amounts):
            return None
        return sum((a for a in amounts if a is not None), Decimal("0.00"))

    def set_editable(self, editable: bool) -> None:
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)

    def show_error(self, message: str | None) -> None:
        show_error(self.error, message)

    # --- editing ------------------------------------------------------------------------------

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() == AMOUNT:
            return
        self._recompute()

    def _recompute(self) -> None:
        """Each line's amount from its quantity and price, as typed."""
        self._filling = True
        problem = None
        try:
            for row, draft in enumerate(self.drafts()):
                amount = draft_amount(draft)
                cell = self.table.item(row, AMOUNT)
                if cell is not None:
                    cell.setText(format_money(amount) if amount is not None else "—")
                if amount is None and problem is None:
                    problem = self.tr(
                        "Line {n}: the quantity and the price must be numbers"
                    ).format(n=row + 1)
        finally:
            self._filling = False
        self.show_error(problem)
        self.sig_changed.emit()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        del self._products[row]
        self._recompute()

    def add_product(self) -> ProductPicker:
        """Pick a product of the price list; it is added as a line of one."""
        picker = ProductPicker(self._db, self._login, self)
        picker.sig_chosen.connect(self.add_line)
        picker.open()
        return picker

    def add_line(self, product: ProductView) -> None:
        self._filling = True
        try:
            self._append(product_draft(product))
        finally:
            self._filling = False
        self._recompute()
        self.sig_added.emit()
