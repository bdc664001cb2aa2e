"""The lines of an invoice being edited: name, quantity, unit (OKEI), price, VAT rate and
the amount, which follows what is typed; a cell that holds no number turns red."""

from __future__ import annotations

import uuid
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from crm_desktop.errors import ValidationError
from crm_desktop.i18n.formats import format_money, format_number
from crm_desktop.services.amounts import parse_amount, parse_quantity
from crm_desktop.services.invoice_math import LineSums, line_sums
from crm_desktop.services.invoice_settings import rate_text
from crm_desktop.services.invoicing import InvoiceLineInput, InvoiceLineView
from crm_desktop.services.products import ProductView
from crm_desktop.services.units import DEFAULT_UNIT, UNITS
from crm_desktop.services.vocabulary import VatMode
from crm_desktop.ui.invoice_labels import rate_label

NAME, QTY, UNIT, PRICE, VAT, AMOUNT = range(6)
NO_VAT = "none"
BAD_CELL = QColor("#ffcdd2")


class InvoiceLines(QTableWidget):
    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setHorizontalHeaderLabels(
            [
                self.tr("Product or service"),
                self.tr("Qty"),
                self.tr("Unit"),
                self.tr("Price"),
                self.tr("VAT"),
                self.tr("Amount"),
            ]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((QTY, 80), (UNIT, 90), (PRICE, 120), (VAT, 110), (AMOUNT, 130)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width)
        self.verticalHeader().setDefaultSectionSize(30)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rates: tuple[Decimal, ...] = ()
        self.default_rate: Decimal | None = None
        self.mode = VatMode.NONE
        self._filling = False
        self.itemChanged.connect(self._edited)

    # --- rows ----------------------------------------------------------------------------------

    def _rate_combo(self, rate: Decimal | None) -> QComboBox:
        combo = QComboBox()
        combo.addItem(rate_label(None), NO_VAT)
        for value in self.rates:
            combo.addItem(rate_label(value), rate_text(value))
        wanted = rate_text(rate) if rate is not None else NO_VAT
        index = combo.findData(wanted)
        if index < 0 and rate is not None:
            combo.addItem(rate_label(rate), wanted)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))
        combo.setEnabled(self.mode is not VatMode.NONE and self.editable)
        combo.currentIndexChanged.connect(lambda _i: self._edited(None))
        return combo

    def _unit_combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        for unit in UNITS:
            combo.addItem(unit.name, unit.code)
            combo.setItemData(combo.count() - 1, unit.title, Qt.ItemDataRole.ToolTipRole)
        index = combo.findText(name)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setEditText(name)
        combo.currentTextChanged.connect(lambda _t: self._edited(None))
        return combo

    def add_line(
        self,
        name: str = "",
        quantity: Decimal | str = "1",
        unit: str = DEFAULT_UNIT.name,
        price: Decimal | str = "",
        rate: Decimal | None = None,
        product_id: uuid.UUID | None = None,
    ) -> int:
        self._filling = True
        row = self.rowCount()
        self.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(Qt.ItemDataRole.UserRole, product_id)
        self.setItem(row, NAME, name_item)
        qty_text = format_number(quantity) if isinstance(quantity, Decimal) else quantity
        price_text = format_number(price, 2) if isinstance(price, Decimal) else price
        for column, text in ((QTY, qty_text), (PRICE, price_text)):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, column, item)
        amount = QTableWidgetItem("")
        amount.setFlags(amount.flags() & ~Qt.ItemFlag.ItemIsEditable)
        amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(row, AMOUNT, amount)
        self.setCellWidget(row, UNIT, self._unit_combo(unit))
        self.setCellWidget(row, VAT, self._rate_combo(rate))
        self._filling = False
        self._edited(None)
        return row

    def add_product(self, product: ProductView) -> int:
        rate = product.vat_rate if self.mode is not VatMode.NONE else None
        return self.add_line(product.name, "1", product.unit_name, product.price, rate, product.id)

    def add_free_line(self) -> int:
        row = self.add_line(rate=self.default_rate if self.mode is not VatMode.NONE else None)
        self.setCurrentCell(row, NAME)
        return row

    def show_lines(self, lines: tuple[InvoiceLineView, ...]) -> None:
        self._filling = True
        self.setRowCount(0)
        self._filling = False
        for line in lines:
            self.add_line(
                line.name, line.quantity, line.unit_name, line.price, line.vat_rate, line.product_id
            )

    def remove_current(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
            self._edited(None)

    def set_mode(self, mode: VatMode) -> None:
        self.mode = mode
        for row in range(self.rowCount()):
            combo = self.cellWidget(row, VAT)
            if isinstance(combo, QComboBox):
                if mode is VatMode.NONE:
                    combo.setCurrentIndex(0)
                elif combo.currentData() == NO_VAT and self.default_rate is not None:
                    combo.setCurrentIndex(max(combo.findData(rate_text(self.default_rate)), 0))
                combo.setEnabled(mode is not VatMode.NONE and self.editable)
        self._edited(None)

    @property
    def editable(self) -> bool:
        return self.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers

    def set_editable(self, editable: bool) -> None:
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        for row in range(self.rowCount()):
            for column in (UNIT, VAT):
                widget = self.cellWidget(row, column)
                if widget is not None:
                    widget.setEnabled(
                        editable and (column == UNIT or self.mode is not VatMode.NONE)
                    )

    # --- values --------------------------------------------------------------------------------

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""

    def _combo(self, row: int, column: int) -> QComboBox:
        widget = self.cellWidget(row, column)
        assert isinstance(widget, QComboBox)
        return widget

    def rate_of(self, row: int) -> Decimal | None:
        data = self._combo(row, VAT).currentData()
        return None if data in (None, NO_VAT) or self.mode is VatMode.NONE else Decimal(str(data))

    def unit_of(self, row: int) -> str:
        return self._combo(row, UNIT).currentText().strip()

    def inputs(self) -> list[InvoiceLineInput]:
        lines = []
        for row in range(self.rowCount()):
            item = self.item(row, NAME)
            product = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            rate = self.rate_of(row)
            lines.append(
                InvoiceLineInput(
                    product=product if isinstance(product, uuid.UUID) else None,
                    name=self._text(row, NAME),
                    quantity=self._text(row, QTY),
                    unit=self.unit_of(row),
                    price=self._text(row, PRICE),
                    vat_rate=rate_text(rate) if rate is not None else NO_VAT,
                )
            )
        return lines

    def sums(self) -> list[LineSums | None]:
        """Each row's amount and VAT as they would be saved (None: a number is wrong)."""
        found: list[LineSums | None] = []
        for row in range(self.rowCount()):
            try:
                quantity = parse_quantity(self._text(row, QTY))
                price = parse_amount(self._text(row, PRICE), "price")
            except ValidationError:
                found.append(None)
                continue
            found.append(line_sums(quantity, price, self.rate_of(row), self.mode))
        return found

    def _mark(self, row: int, column: int, bad: bool) -> None:
        item = self.item(row, column)
        if item is not None:
            item.setBackground(BAD_CELL if bad else QColor(0, 0, 0, 0))

    def _edited(self, _item: QTableWidgetItem | None) -> None:
        if self._filling:
            return
        self._filling = True
        try:
            for row, sums in enumerate(self.sums()):
                for column, kind in ((QTY, "quantity"), (PRICE, "price")):
                    text = self._text(row, column)
                    try:
                        if kind == "quantity":
                            parse_quantity(text)
                        else:
                            parse_amount(text, "price")
                        bad = False
                    except ValidationError:
                        bad = bool(text)
                    self._mark(row, column, bad)
                amount = self.item(row, AMOUNT)
                if amount is not None:
                    amount.setText(format_money(sums.amount) if sums is not None else "")
        finally:
            self._filling = False
        self.sig_changed.emit()
