"""Settings → Invoices: the VAT mode, the rate a new line takes, the rates offered, the
number's pattern (with an example of the next number as it is typed) and the days given
to pay. An administrator changes them; everyone else sees them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import ValidationError
from crm_desktop.services.invoice_settings import (
    PAYMENT_DAYS_MAX,
    InvoiceSettings,
    SettingsChanges,
    check_pattern,
    get_invoice_settings,
    number_text,
    parse_rates,
    rate_text,
    save_invoice_settings,
)
from crm_desktop.services.users import is_admin
from crm_desktop.services.vocabulary import VatMode
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error
from crm_desktop.ui.invoice_files import error_text
from crm_desktop.ui.invoice_labels import rate_label, vat_mode_text

FIELDS = ("vat_mode", "vat_rate", "vat_rates", "invoice_pattern", "payment_days")


def _load(session: CrmSession) -> tuple[InvoiceSettings, bool]:
    return get_invoice_settings(session), is_admin(session)


class InvoiceSettingsTab(QWidget):
    sig_loaded = Signal()
    sig_saved = Signal(object)  # the InvoiceSettings stored

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._loaded = False
        self.busy = False
        self.may_edit = False
        self.vat_mode = QComboBox()
        for mode in (VatMode.NONE, VatMode.INCLUDED, VatMode.ON_TOP):
            self.vat_mode.addItem(vat_mode_text(mode), mode.value)
        self.vat_rate = QComboBox()
        self.vat_rates = QLineEdit()
        self.vat_rates.setPlaceholderText("0, 5, 7, 10, 22")
        self.pattern = QLineEdit()
        self.example = hint_label()
        self.payment_days = QSpinBox()
        self.payment_days.setRange(0, PAYMENT_DAYS_MAX)
        self.payment_days.setSuffix(self.tr(" days"))
        self.errors = {name: error_label() for name in (*FIELDS, "form")}
        box = QGroupBox(self.tr("Invoices"))
        box.setMaximumWidth(760)
        form = QFormLayout(box)
        form.addRow(self.tr("VAT:"), with_error(self.vat_mode, self.errors["vat_mode"]))
        form.addRow(
            self.tr("Rate of a new line:"), with_error(self.vat_rate, self.errors["vat_rate"])
        )
        form.addRow(
            self.tr("Rates offered, %:"), with_error(self.vat_rates, self.errors["vat_rates"])
        )
        form.addRow(
            "",
            hint_label(
                self.tr(
                    "22 % is the standard rate since 1 January 2026; 5 % and 7 % are for"
                    " the simplified tax system."
                )
            ),
        )
        number = QWidget()
        number_column = QVBoxLayout(number)
        number_column.setContentsMargins(0, 0, 0, 0)
        number_column.addWidget(self.pattern)
        number_column.addWidget(self.example)
        number_column.addWidget(self.errors["invoice_pattern"])
        form.addRow(self.tr("Number pattern:"), number)
        form.addRow(
            "",
            hint_label(self.tr("{year} is the year, {number:04d} the number padded to 4 digits.")),
        )
        form.addRow(
            self.tr("Days to pay:"), with_error(self.payment_days, self.errors["payment_days"])
        )
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.note = hint_label()
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.errors["form"])
        layout.addLayout(row)
        layout.addStretch(1)
        self.pattern.textChanged.connect(self._show_example)
        self.vat_rates.editingFinished.connect(self._rates_typed)
        self.vat_mode.currentIndexChanged.connect(lambda _i: self._mode_changed())
        self.setEnabled(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.load()

    def load(self) -> Background[tuple[InvoiceSettings, bool]]:
        self._loaded = True
        job: Background[tuple[InvoiceSettings, bool]] = Background(
            self._db, _load, self._login, write=False
        )
        return job.on_done(self._fill).on_failed(self._failed).start()

    def _fill(self, loaded: tuple[InvoiceSettings, bool]) -> None:
        if not shiboken6.isValid(self):
            return
        settings, self.may_edit = loaded
        self.vat_mode.setCurrentIndex(max(self.vat_mode.findData(settings.vat_mode.value), 0))
        self.vat_rates.setText(", ".join(rate_text(r) or "" for r in settings.vat_rates))
        self._offer_rates(settings.vat_rates, settings.vat_rate)
        self.pattern.setText(settings.invoice_pattern)
        self.payment_days.setValue(settings.payment_days)
        self.setEnabled(True)
        for edit in (self.vat_mode, self.vat_rate, self.vat_rates, self.pattern, self.payment_days):
            edit.setEnabled(self.may_edit)
        self.save_button.setEnabled(self.may_edit)
        self._mode_changed()
        if not self.may_edit:
            self.note.setText(self.tr("Only an administrator can change the invoice settings."))
        self.sig_loaded.emit()

    def _offer_rates(self, rates: tuple[Decimal, ...], current: Decimal | str | None) -> None:
        """The rates to choose the default from; `current` (a rate or its text) stays
        chosen when it is still offered, else the highest rate is."""
        wanted = rate_text(current) if isinstance(current, Decimal) else current
        self.vat_rate.clear()
        for rate in rates:
            self.vat_rate.addItem(rate_label(rate), rate_text(rate))
        index = self.vat_rate.findData(wanted) if wanted else -1
        self.vat_rate.setCurrentIndex(index if index >= 0 else self.vat_rate.count() - 1)

    def _rates_typed(self) -> None:
        try:
            rates = parse_rates(self.vat_rates.text())
        except ValidationError as exc:
            show_error(self.errors["vat_rates"], exc.message)
            return
        show_error(self.errors["vat_rates"], None)
        current = self.vat_rate.currentData()
        self._offer_rates(rates, str(current) if current else None)

    def _mode_changed(self) -> None:
        self.vat_rate.setEnabled(
            self.may_edit and self.vat_mode.currentData() != VatMode.NONE.value
        )

    def _show_example(self, text: str) -> None:
        try:
            pattern = check_pattern(text)
        except ValidationError as exc:
            self.example.setText("")
            show_error(self.errors["invoice_pattern"], exc.message)
            return
        show_error(self.errors["invoice_pattern"], None)
        self.example.setText(
            self.tr("For example: {number}").format(
                number=number_text(pattern, dt.date.today().year, 1)
            )
        )

    def changes(self) -> SettingsChanges:
        mode = str(self.vat_mode.currentData())
        rate = self.vat_rate.currentData()
        return SettingsChanges(
            vat_mode=mode,
            vat_rate=(str(rate) if rate else "none") if mode != VatMode.NONE.value else None,
            vat_rates=self.vat_rates.text(),
            invoice_pattern=self.pattern.text(),
            payment_days=self.payment_days.value(),
        )

    def save(self) -> Background[InvoiceSettings] | None:
        if self.busy or not self.may_edit:
            return None
        changes = self.changes()
        self.busy = True
        for label in self.errors.values():
            show_error(label, None)
        job: Background[InvoiceSettings] = Background(
            self._db, lambda s: save_invoice_settings(s, changes), self._login
        )
        return job.on_done(self._saved).on_failed(self._failed).start()

    def _saved(self, settings: InvoiceSettings) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self._fill((settings, self.may_edit))
        self.note.setText(self.tr("Saved."))
        self.sig_saved.emit(settings)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.setEnabled(True)
        label = self.errors["form"]
        if isinstance(error, ValidationError) and error.field in self.errors:
            label = self.errors[error.field]
        show_error(label, error_text(error))
