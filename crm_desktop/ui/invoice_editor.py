"""An invoice: a draft edited freely (client, lines from the price list or free text, VAT
mode, due date, note) with live totals and the amount in words; issued, it is read-only
and can be cancelled, paid, or copied into a new draft to correct it. Print preview,
the PDF, an Excel copy and e-mail from the same window."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import Conflict, ValidationError
from crm_desktop.i18n.formats import format_date, format_money
from crm_desktop.services.amount_words import rubles_in_words
from crm_desktop.services.client_views import get_client
from crm_desktop.services.invoice_math import totals
from crm_desktop.services.invoice_parties import RequisitesIncomplete, requisite_label
from crm_desktop.services.invoice_payments import add_payment
from crm_desktop.services.invoice_settings import InvoiceSettings, get_invoice_settings
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceView,
    LineError,
    cancel_invoice,
    copy_invoice,
    create_invoice,
    edit_invoice,
    get_invoice,
    issue_invoice,
)
from crm_desktop.services.products import ProductView
from crm_desktop.services.vocabulary import InvoiceStatus, VatMode
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.client_picker import ClientPicker
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error
from crm_desktop.ui.icons import icon
from crm_desktop.ui.invoice_files import error_text, save_invoice_file
from crm_desktop.ui.invoice_labels import STATUS_COLOURS, status_text, vat_mode_text
from crm_desktop.ui.invoice_lines import NAME, InvoiceLines
from crm_desktop.ui.print_preview import show_print_preview
from crm_desktop.ui.product_picker import ProductPicker
from crm_desktop.ui.send_mail import SendMailDialog

NO_DATE = QDate(2000, 1, 1)  # the due date's "not set" (shown as a dash)
BANNER_STYLE = (
    "QFrame#issued { background: #fff8e1; border: 1px solid #ffe082; border-radius: 4px; }"
)
ERROR_AT = {"client": "client", "due_date": "due_date", "note": "note", "vat_mode": "vat_mode"}


@dataclass(frozen=True)
class _Loaded:
    view: InvoiceView | None
    settings: InvoiceSettings
    client_name: str


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class PaymentDialog(QDialog):
    """The amount received and the day."""

    def __init__(self, left: Decimal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a payment"))
        self.amount = QLineEdit(f"{left:.2f}".replace(".", ","))
        self.day = QDateEdit(_qdate(dt.date.today()))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd.MM.yyyy")
        self.day.setMaximumDate(_qdate(dt.date.today()))
        form = QFormLayout(self)
        form.addRow(self.tr("Amount, ₽:"), self.amount)
        form.addRow(self.tr("Received on:"), self.day)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class InvoiceEditor(QDialog):
    sig_loaded = Signal()
    sig_saved = Signal(object)  # the InvoiceView after any change
    sig_failed = Signal(str)  # a refusal shown

    def __init__(
        self,
        db: Database,
        login: str | None,
        invoice_id: uuid.UUID | None = None,
        *,
        client_id: uuid.UUID | None = None,
        deal_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._client_id = client_id
        self._deal_id = deal_id
        self.view: InvoiceView | None = None
        self.settings = InvoiceSettings()
        self.busy = False
        self.loaded = False
        self._clean: tuple[Any, ...] = ()
        self.setWindowTitle(self.tr("Invoice"))
        self.resize(1000, 760)

        self.banner = QFrame()
        self.banner.setObjectName("issued")
        self.banner.setStyleSheet(BANNER_STYLE)
        banner_row = QHBoxLayout(self.banner)
        self.banner_text = QLabel(
            self.tr("Issued — cannot be changed; you can cancel it or create a corrected one")
        )
        self.banner_text.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("Copy as new draft"))
        self.copy_button.clicked.connect(self.copy_as_draft)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.copy_button)
        self.banner.hide()

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.status = QLabel()
        self.client = ClientPicker(db, login)
        self.vat_mode = QComboBox()
        for mode in (VatMode.NONE, VatMode.INCLUDED, VatMode.ON_TOP):
            self.vat_mode.addItem(vat_mode_text(mode), mode.value)
        self.due_date = QDateEdit()
        self.due_date.setCalendarPopup(True)
        self.due_date.setDisplayFormat("dd.MM.yyyy")
        self.due_date.setMinimumDate(NO_DATE)
        self.due_date.setSpecialValueText(self.tr("on issue (+ days to pay)"))
        self.due_date.setDate(NO_DATE)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            self.tr("Printed under the table, e.g. what the payment is for")
        )
        self.note.setFixedHeight(54)
        self.errors = {
            name: error_label()
            for name in ("client", "vat_mode", "due_date", "note", "lines", "form")
        }
        top = QFormLayout()
        top.addRow(self.tr("Client:"), with_error(self.client, self.errors["client"]))
        second = QHBoxLayout()
        second.addWidget(with_error(self.vat_mode, self.errors["vat_mode"]))
        second.addSpacing(24)
        second.addWidget(QLabel(self.tr("Pay by:")))
        second.addWidget(with_error(self.due_date, self.errors["due_date"]))
        second.addStretch(1)
        top.addRow(self.tr("VAT:"), second)

        self.lines = InvoiceLines()
        self.add_product_button = QPushButton(icon("products"), self.tr("Add from the price list…"))
        self.add_product_button.setToolTip(self.tr("Insert"))
        self.add_product_button.clicked.connect(self.pick_product)
        self.add_free_button = QPushButton(self.tr("Add a free line"))
        self.add_free_button.clicked.connect(self.lines.add_free_line)
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove the line"))
        self.remove_button.clicked.connect(self.lines.remove_current)
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_product_button)
        line_buttons.addWidget(self.add_free_button)
        line_buttons.addWidget(self.remove_button)
        line_buttons.addStretch(1)

        self.total_label = QLabel()
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total_label.setTextFormat(Qt.TextFormat.RichText)
        self.vat_label = QLabel()
        self.vat_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.words_label = hint_label()
        self.words_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.payments_label = hint_label()

        self.save_button = QPushButton(self.tr("Save draft"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.save_button.clicked.connect(lambda: self.save())
        self.issue_button = QPushButton(self.tr("Issue…"))
        self.issue_button.clicked.connect(self.ask_issue)
        self.cancel_invoice_button = QPushButton(self.tr("Cancel invoice…"))
        self.cancel_invoice_button.clicked.connect(self.ask_cancel)
        self.payment_button = QPushButton(self.tr("Add payment…"))
        self.payment_button.clicked.connect(self.ask_payment)
        self.preview_button = QPushButton(self.tr("Print preview"))
        self.preview_button.setToolTip(self.tr("Ctrl+P"))
        self.preview_button.clicked.connect(self.print_preview)
        self.pdf_button = QPushButton(icon("export"), self.tr("Save PDF…"))
        self.pdf_button.clicked.connect(lambda: self.save_file(".pdf"))
        self.mail_button = QPushButton(icon("email"), self.tr("Send…"))
        self.mail_button.clicked.connect(self.send_mail)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        actions = QHBoxLayout()
        for button in (
            self.save_button,
            self.issue_button,
            self.payment_button,
            self.cancel_invoice_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.preview_button, self.pdf_button, self.mail_button, close):
            actions.addWidget(button)

        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addWidget(self.status)
        head.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addLayout(line_buttons)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.errors["lines"])
        layout.addWidget(self.total_label)
        layout.addWidget(self.vat_label)
        layout.addWidget(self.words_label)
        layout.addWidget(QLabel(self.tr("Note:")))
        layout.addWidget(with_error(self.note, self.errors["note"]))
        layout.addWidget(self.payments_label)
        layout.addWidget(self.errors["form"])
        layout.addLayout(actions)

        self.lines.sig_changed.connect(self.update_totals)
        self.vat_mode.currentIndexChanged.connect(self._mode_changed)
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save())
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_preview)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.pick_product)
        self.setEnabled(False)
        self.load(invoice_id)

    # --- loading -------------------------------------------------------------------------------

    def load(self, invoice_id: uuid.UUID | None) -> Background[_Loaded]:
        client_id = self._client_id

        def work(session: CrmSession) -> _Loaded:
            settings = get_invoice_settings(session)
            if invoice_id is not None:
                view = get_invoice(session, invoice_id)
                return _Loaded(view, settings, view.client_name)
            name = get_client(session, client_id).display_name if client_id else ""
            return _Loaded(None, settings, name)

        job: Background[_Loaded] = Background(self._db, work, self._login, write=False)
        return job.on_done(self._fill).on_failed(self._failed).start()

    def _fill(self, loaded: _Loaded) -> None:
        if not shiboken6.isValid(self):
            return
        self.settings = loaded.settings
        self.view = view = loaded.view
        self.lines.rates = loaded.settings.vat_rates
        self.lines.default_rate = loaded.settings.vat_rate
        mode = view.vat_mode if view is not None else loaded.settings.vat_mode
        self.vat_mode.blockSignals(True)
        self.vat_mode.setCurrentIndex(max(self.vat_mode.findData(mode.value), 0))
        self.vat_mode.blockSignals(False)
        self.lines.mode = mode
        self.lines.set_editable(True)
        if view is None:
            self.client.set_client(self._client_id, loaded.client_name)
            self.lines.show_lines(())
            self.due_date.setDate(NO_DATE)
            self.note.setPlainText("")
        else:
            self.client.set_client(view.client_id, view.client_name)
            self.lines.show_lines(view.lines)
            self.due_date.setDate(_qdate(view.due_date) if view.due_date else NO_DATE)
            self.note.setPlainText(view.note or "")
        for label in self.errors.values():
            show_error(label, None)
        self._show_state()
        self.update_totals()
        self._clean = self._values()
        self.loaded = True
        self.setEnabled(True)
        self.sig_loaded.emit()

    def _show_state(self) -> None:
        view = self.view
        editable = view is None or view.editable
        if view is None or view.number is None:
            if view is None:
                self.heading.setText(self.tr("New invoice"))
            else:
                self.heading.setText(
                    self.tr("Invoice (draft)") if view.is_draft else self.tr("Invoice")
                )
        else:
            day = format_date(view.issue_date) if view.issue_date else ""
            self.heading.setText(
                self.tr("Invoice No. {number} of {date}").format(number=view.number, date=day)
            )
        status = view.status if view is not None else InvoiceStatus.DRAFT
        self.status.setText(status_text(status))
        self.status.setStyleSheet(
            f"color: white; background: {STATUS_COLOURS[status]};"
            " border-radius: 4px; padding: 2px 8px;"
        )
        self.setWindowTitle(self.heading.text())
        awaiting = view is not None and view.awaiting_number
        refused = view is not None and view.is_draft and bool(view.issue_refusal)
        self.banner.setVisible(not editable or awaiting or refused)
        self.copy_button.setVisible(not editable)
        if status is InvoiceStatus.CANCELLED:
            text = self.tr("Cancelled — kept with its number; you can copy it as a new draft")
            if view is not None and view.issue_refusal:
                text += "\n" + self.tr("Not numbered at sync: {reason}").format(
                    reason=view.issue_refusal
                )
            self.banner_text.setText(text)
        elif awaiting:
            self.banner_text.setText(
                self.tr(
                    "Issued on this laptop without a network: the office server gives it the "
                    "next number at the next sync. Until then it prints as a draft."
                )
            )
        elif refused and view is not None:
            self.banner_text.setText(
                self.tr("The office server did not number it: {reason}").format(
                    reason=view.issue_refusal
                )
            )
        elif not editable:
            self.banner_text.setText(
                self.tr("Issued — cannot be changed; you can cancel it or create a corrected one")
            )
        for widget in (
            self.client,
            self.vat_mode,
            self.due_date,
            self.add_product_button,
            self.add_free_button,
            self.remove_button,
            self.save_button,
            self.issue_button,
        ):
            widget.setEnabled(editable)
        self.note.setReadOnly(not editable)
        self.lines.set_editable(editable)
        saved = view is not None
        self.cancel_invoice_button.setEnabled(
            saved and status in (InvoiceStatus.DRAFT, InvoiceStatus.ISSUED)
        )
        self.payment_button.setEnabled(
            saved and status in (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)
        )
        payments = view.payments if view is not None else ()
        if payments:
            parts = [f"{format_date(p.paid_on)}: {format_money(p.amount)}" for p in payments]
            self.payments_label.setText(
                self.tr("Payments: {list}; left to pay {left}").format(
                    list=", ".join(parts),
                    left=format_money(view.left_to_pay if view else Decimal(0)),
                )
            )
        self.payments_label.setVisible(bool(payments))

    def _values(self) -> tuple[Any, ...]:
        return (
            self.client.client_id(),
            self.vat_mode.currentData(),
            self.due_date.date(),
            self.note.toPlainText(),
            tuple(self.lines.inputs()),
        )

    def is_dirty(self) -> bool:
        return (
            self.loaded
            and (self.view is None or self.view.editable)
            and self._values() != self._clean
        )

    def discard_changes(self) -> None:
        self._clean = self._values()

    # --- totals --------------------------------------------------------------------------------

    def mode(self) -> VatMode:
        return VatMode(str(self.vat_mode.currentData()))

    def _mode_changed(self, _index: int) -> None:
        self.lines.set_mode(self.mode())

    def update_totals(self) -> None:
        sums = self.lines.sums()
        known = [s for s in sums if s is not None]
        mode = self.mode()
        result = totals(known, mode)
        self.total_label.setText(
            self.tr("Total to pay: <b>{total}</b>").format(total=format_money(result.total))
        )
        if mode is VatMode.NONE:
            self.vat_label.setText(self.tr("Without VAT"))
        elif mode is VatMode.INCLUDED:
            self.vat_label.setText(
                self.tr("including VAT: {vat}").format(vat=format_money(result.vat))
            )
        else:
            self.vat_label.setText(
                self.tr("Amount {amount} + VAT {vat}").format(
                    amount=format_money(result.amount), vat=format_money(result.vat)
                )
            )
        self.words_label.setText(rubles_in_words(result.total))
        if len(known) < len(sums):
            show_error(
                self.errors["lines"], self.tr("A quantity or a price is not a number (red).")
            )
        elif self.errors["lines"].text() == self.tr("A quantity or a price is not a number (red)."):
            show_error(self.errors["lines"], None)

    # --- lines ---------------------------------------------------------------------------------

    def pick_product(self) -> ProductPicker | None:
        if not self.add_product_button.isEnabled():
            return None
        picker = ProductPicker(self._db, self._login, self)
        picker.sig_chosen.connect(self.add_product)
        picker.open()
        return picker

    def add_product(self, product: ProductView) -> None:
        self.lines.add_product(product)

    # --- saving --------------------------------------------------------------------------------

    def changes(self) -> InvoiceChanges:
        day = self.due_date.date()
        return InvoiceChanges(
            client_id=self.client.client_id(),
            lines=self.lines.inputs(),
            due_date="" if day == NO_DATE else _pydate(day),
            note=self.note.toPlainText(),
            vat_mode=self.mode(),
            deal_id=self._deal_id if self.view is None else None,
        )

    def _store(self, session: CrmSession, changes: InvoiceChanges) -> InvoiceView:
        view = self.view
        if view is None:
            if changes.client_id is None:
                raise ValidationError("client", self.tr("Choose the client the invoice is for"))
            return create_invoice(session, changes)
        return edit_invoice(session, view.id, changes, expected_version=view.version)

    def _run(self, work: Any, write: bool = True) -> Background[InvoiceView] | None:
        if self.busy:
            return None
        self.busy = True
        for label in self.errors.values():
            show_error(label, None)
        job: Background[InvoiceView] = Background(self._db, work, self._login, write=write)
        return job.on_done(self._done).on_failed(self._failed).start()

    def save(self) -> Background[InvoiceView] | None:
        if self.view is not None and not self.view.editable:
            return None
        changes = self.changes()
        return self._run(lambda s: self._store(s, changes))

    def ask_issue(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Issue the invoice"),
            self.tr(
                "Issue the invoice? It gets the next number and can no longer be changed,"
                " only cancelled."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.issue()

    def issue(self) -> Background[InvoiceView] | None:
        """Save what is typed and issue it, in one transaction."""
        changes = self.changes()

        def work(session: CrmSession) -> InvoiceView:
            view = self._store(session, changes)
            return issue_invoice(session, view.id)

        return self._run(work)

    def ask_cancel(self) -> None:
        if self.view is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Cancel the invoice"),
            self.tr("Cancel this invoice? An issued invoice keeps its number."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.cancel_invoice()

    def cancel_invoice(self) -> Background[InvoiceView] | None:
        if self.view is None:
            return None
        invoice_id = self.view.id
        return self._run(lambda s: cancel_invoice(s, invoice_id))

    def ask_payment(self) -> None:
        if self.view is None:
            return
        dialog = PaymentDialog(self.view.left_to_pay, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.record_payment(dialog.amount.text(), _pydate(dialog.day.date()))

    def record_payment(self, amount: str, paid_on: dt.date) -> Background[InvoiceView] | None:
        if self.view is None:
            return None
        invoice_id = self.view.id
        return self._run(lambda s: add_payment(s, invoice_id, amount, paid_on=paid_on))

    def copy_as_draft(self) -> Background[InvoiceView] | None:
        if self.view is None:
            return None
        invoice_id = self.view.id
        return self._run(lambda s: copy_invoice(s, invoice_id))

    def _done(self, view: InvoiceView) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self._fill(_Loaded(view, self.settings, view.client_name))
        self.sig_saved.emit(view)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.setEnabled(True)
        if isinstance(error, RequisitesIncomplete):
            items = [requisite_label(name) for name in error.missing]
            items += [f"{requisite_label(name)}: {why}" for name, why in error.invalid.items()]
            text = error.message
            if items:
                text += "\n\n" + "\n".join(f"• {item}" for item in items)
            show_error(self.errors["form"], error.message)
            self.sig_failed.emit(text)
            QMessageBox.warning(self, self.tr("The invoice is not issued"), text)
            return
        text = error_text(error)
        if isinstance(error, LineError):
            show_error(self.errors["lines"], str(error))
            if 0 <= error.index < self.lines.rowCount():
                self.lines.setCurrentCell(error.index, NAME)
        elif isinstance(error, ValidationError) and error.field in ERROR_AT:
            show_error(self.errors[ERROR_AT[error.field]], error.message)
        elif isinstance(error, ValidationError) and error.field == "lines":
            show_error(self.errors["lines"], error.message)
        elif (
            isinstance(error, ValidationError) and error.field in ("amount", "date")
        ) or isinstance(error, Conflict):
            show_error(self.errors["form"], text)
        else:
            show_error(self.errors["form"], text)
        self.sig_failed.emit(text)

    # --- documents -----------------------------------------------------------------------------

    def _saved_id(self) -> uuid.UUID | None:
        """The invoice's id once what is typed is stored (a draft is saved first)."""
        if self.view is None or self.is_dirty():
            show_error(self.errors["form"], self.tr("Save the draft first."))
            return None
        return self.view.id

    def print_preview(self) -> None:
        invoice_id = self._saved_id()
        if invoice_id is not None:
            show_print_preview(self, self._db, self._login, invoice_id)

    def save_file(self, suffix: str, target: Path | None = None) -> None:
        invoice_id = self._saved_id()
        if invoice_id is not None:
            save_invoice_file(self, self._db, self._login, invoice_id, suffix, target=target)

    def send_mail(self) -> SendMailDialog | None:
        invoice_id = self._saved_id()
        if invoice_id is None:
            return None
        dialog = SendMailDialog(self._db, self._login, invoice_id, self)
        dialog.open()
        return dialog

    # --- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: Any) -> None:
        if self.busy:
            event.ignore()
            return
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Save the changes to this invoice?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Save:
                self.save()
                event.ignore()
                return
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        event.accept()

    def reject(self) -> None:
        self.close()
