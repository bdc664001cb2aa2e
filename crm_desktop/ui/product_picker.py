"""Choosing a product of the price list: type part of its name or SKU, the matches show
with their price (searched in a worker a moment after the last key), Enter or a double
click takes the one highlighted."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.i18n.formats import format_money
from crm_desktop.services.products import ProductView, list_products
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import hint_label
from crm_desktop.ui.icons import icon

SEARCH_DELAY_MS = 150
HITS = 50


class ProductPicker(QDialog):
    sig_chosen = Signal(object)  # the ProductView taken
    sig_results = Signal()  # the matches for the text typed arrived

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._serial = 0
        self.results: list[ProductView] = []
        self.setWindowTitle(self.tr("Add a product"))
        self.resize(520, 420)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Part of the name or SKU"))
        self.edit.setClearButtonEnabled(True)
        self.edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.list = QListWidget()
        self.empty = hint_label()
        self.empty.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._take_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.list.doubleClicked.connect(lambda index: self.choose(index.row()))
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            shortcut = QShortcut(QKeySequence(key), self.edit)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            step = 1 if key == Qt.Key.Key_Down else -1
            shortcut.activated.connect(lambda step=step: self._step(step))
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.edit.textChanged.connect(self._typed)
        self.search()

    def _typed(self, _text: str) -> None:
        self._serial += 1  # a search still running is for an older text: not shown
        self._timer.start()

    def search(self) -> None:
        """The price list's products matching the text (all of them, a page, when blank)."""
        text = self.edit.text().strip()
        self._serial += 1
        serial = self._serial
        Background(
            self._db,
            lambda s: list_products(s, search=text or None, limit=HITS).rows,
            self._login,
            write=False,
        ).on_done(lambda rows: self._show(serial, rows)).start()

    def _show(self, serial: int, rows: list[ProductView]) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return  # closed meanwhile, or the text changed since
        self.results = rows
        self.list.clear()
        for product in rows:
            sku = f" · {product.sku}" if product.sku else ""
            price = format_money(product.price, product.currency)
            self.list.addItem(f"{product.name}{sku} · {price} / {product.unit_name}")
        if rows:
            self.list.setCurrentRow(0)
        self.empty.setText(
            self.tr("Nothing found in the price list.")
            if self.edit.text().strip()
            else self.tr("The price list is empty.")
        )
        self.empty.setVisible(not rows)
        self.sig_results.emit()

    def _step(self, step: int) -> None:
        if self.list.count():
            row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
            self.list.setCurrentRow(row)

    def _take_current(self) -> None:
        self.choose(self.list.currentRow())

    def choose(self, row: int) -> None:
        if 0 <= row < len(self.results):
            self.sig_chosen.emit(self.results[row])
            self.accept()
