"""A product or service of the price list, new or to change: name, SKU, unit (OKEI),
price, VAT rate (the rates the company offers), service or goods, active. A refused value
is explained under its field; saving runs off the UI thread."""

from __future__ import annotations

import uuid
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError, ValidationError
from crm_desktop.i18n.formats import format_number
from crm_desktop.services.invoice_settings import get_invoice_settings, rate_text
from crm_desktop.services.products import (
    ProductChanges,
    ProductView,
    create_product,
    edit_product,
    get_product,
)
from crm_desktop.services.units import UNITS
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, show_error, with_error
from crm_desktop.ui.unexpected import one_sentence, report_connection

NO_VAT = "none"
FIELD_OF = {"unit_code": "unit", "vat": "vat_rate"}


def rate_label(rate: Decimal | None, no_vat: str) -> str:
    return no_vat if rate is None else f"{format_number(rate)}\u00a0%"


class ProductDialog(QDialog):
    sig_saved = Signal(object)  # the saved ProductView

    def __init__(
        self,
        db: Database,
        login: str | None,
        product_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self.view: ProductView | None = None
        self.saved: ProductView | None = None
        with db.unit_of_work(login, write=False) as session:
            settings = get_invoice_settings(session)
            if product_id is not None:
                self.view = get_product(session, product_id)
        self.setWindowTitle(self.tr("Product") if self.view else self.tr("New product"))
        self.resize(480, 460)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Installation of a window"))
        self._row(form, "name", self.tr("Name"), self.name)
        self.sku = QLineEdit()
        self._row(form, "sku", self.tr("SKU"), self.sku)
        self.unit = QComboBox()
        self.unit.setEditable(True)  # a unit outside OKEI is kept by its name
        for unit in UNITS:
            self.unit.addItem(f"{unit.name} — {unit.title}", unit.code)
        self._row(form, "unit", self.tr("Unit"), self.unit)
        self.price = QLineEdit()
        self.price.setPlaceholderText("0,00")
        self._row(form, "price", self.tr("Price"), self.price)
        self.vat = QComboBox()
        self.vat.addItem(self.tr("Without VAT"), NO_VAT)
        for rate in settings.vat_rates:
            self.vat.addItem(rate_label(rate, ""), rate_text(rate))
        self._row(form, "vat_rate", self.tr("VAT rate"), self.vat)
        self.is_service = QCheckBox(self.tr("A service (not goods)"))
        self._row(form, "is_service", "", self.is_service)
        self.active = QCheckBox(self.tr("Active (offered in new orders and invoices)"))
        self.active.setChecked(True)
        self._row(form, "active", "", self.active)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(80)
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
        self._fill(rate_text(settings.default_rate()))

    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        error = error_label()
        self.errors[key] = error
        form.addRow(label, with_error(widget, error))

    def _fill(self, default_rate: str | None) -> None:
        view = self.view
        if view is None:
            self._choose_vat(default_rate)
            return
        self.name.setText(view.name)
        self.sku.setText(view.sku or "")
        index = self.unit.findData(view.unit_code) if view.unit_code else -1
        if index >= 0:
            self.unit.setCurrentIndex(index)
        else:
            self.unit.setEditText(view.unit_name)
        self.price.setText(format_number(view.price, 2))
        self._choose_vat(rate_text(view.vat_rate))
        self.is_service.setChecked(view.is_service)
        self.active.setChecked(view.active)
        self.description.setPlainText(view.description or "")

    def _choose_vat(self, rate: str | None) -> None:
        data = rate or NO_VAT
        index = self.vat.findData(data)
        if index < 0:  # a rate the company no longer offers: keep it as it is
            self.vat.addItem(rate_label(Decimal(data), ""), data)
            index = self.vat.count() - 1
        self.vat.setCurrentIndex(index)

    def unit_text(self) -> str:
        """The OKEI code chosen, or the name typed."""
        index = self.unit.currentIndex()
        if index >= 0 and self.unit.itemText(index) == self.unit.currentText():
            return str(self.unit.itemData(index))
        return self.unit.currentText().strip()

    def changes(self) -> ProductChanges:
        return ProductChanges(
            name=self.name.text(),
            sku=self.sku.text(),
            unit=self.unit_text(),
            price=self.price.text().replace("\u00a0", "").replace(" ", "") or "0",
            vat_rate=str(self.vat.currentData()),
            is_service=self.is_service.isChecked(),
            active=self.active.isChecked(),
            description=self.description.toPlainText(),
        )

    def save(self) -> Background[ProductView] | None:
        for label in (*self.errors.values(), self.error):
            show_error(label, None)
        if not self.name.text().strip():
            self._point_at("name", self.tr("Enter the name"))
            return None
        data = self.changes()
        view = self.view

        def work(session: CrmSession) -> ProductView:
            if view is None:
                return create_product(session, data)
            return edit_product(session, view.id, data, expected_version=view.version)

        self.save_button.setEnabled(False)
        job: Background[ProductView] = Background(self._db, work, self._login)
        return job.on_done(self._saved).on_failed(self._failed).start()

    def _saved(self, product: ProductView) -> None:
        self.save_button.setEnabled(True)
        self.saved = product
        self.sig_saved.emit(product)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self._point_at(error.field, error.message)
        elif isinstance(error, CrmError) or not report_connection(error):
            show_error(self.error, one_sentence(error))

    def _point_at(self, field: str, message: str) -> None:
        key = FIELD_OF.get(field, field)
        show_error(self.errors.get(key, self.error), message)
        focus = {
            "name": self.name,
            "sku": self.sku,
            "unit": self.unit,
            "price": self.price,
            "vat_rate": self.vat,
            "description": self.description,
        }.get(key)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
