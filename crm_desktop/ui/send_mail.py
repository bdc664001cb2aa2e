"""Sending an invoice by e-mail: to (the payer's address to start with), subject and text
prefilled, the PDF attached; the PDF is made and the message sent in a worker, and a
failure is said in one sentence under the form."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.documents.invoice_data import load_invoice_document
from crm_desktop.services.documents.invoice_mail import (
    invoice_body,
    invoice_file_name,
    invoice_subject,
)
from crm_desktop.services.mail import Attachment, MailSettings, load_mail_settings, send_document
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, hint_label, show_error
from crm_desktop.ui.icons import icon
from crm_desktop.ui.invoice_files import error_text
from crm_desktop.ui.print_preview import invoice_pdf_bytes


@dataclass(frozen=True)
class Letter:
    to: str
    subject: str
    body: str
    attachment: str
    mail_ready: bool


@dataclass(frozen=True)
class Outgoing:
    settings: MailSettings
    attachment: Attachment


def draft_letter(session: CrmSession, invoice_id: uuid.UUID) -> Letter:
    doc = load_invoice_document(session, invoice_id)
    settings = load_mail_settings(session, with_password=False)
    return Letter(
        doc.payer.email or "",
        invoice_subject(doc),
        invoice_body(doc),
        invoice_file_name(doc),
        settings.configured,
    )


def prepare_outgoing(session: CrmSession, invoice_id: uuid.UUID) -> Outgoing:
    pdf, name, _title = invoice_pdf_bytes(session, invoice_id)
    return Outgoing(load_mail_settings(session), Attachment(name, pdf))


class SendMailDialog(QDialog):
    sig_loaded = Signal()
    sig_sent = Signal(str)  # to whom
    sig_failed = Signal(str)  # the sentence shown

    def __init__(
        self, db: Database, login: str | None, invoice_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._invoice_id = invoice_id
        self.sending = False
        self.setWindowTitle(self.tr("Send the invoice by e-mail"))
        self.resize(560, 480)
        self.to = QLineEdit()
        self.to.setPlaceholderText(self.tr("name@company.ru; several separated by commas"))
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.attachment = QLabel()
        self.attachment.setPixmap(icon("invoices").pixmap(16, 16))
        self.attachment_name = QLabel()
        self.not_set_up = hint_label(
            self.tr(
                "Mail is not set up yet: an administrator enters the server in Settings → Mail."
            )
        )
        self.not_set_up.hide()
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("To:"), self.to)
        form.addRow(self.tr("Subject:"), self.subject)
        form.addRow(self.tr("Attached:"), self.attachment_name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = QPushButton(icon("email"), self.tr("Send"))
        self.send_button.setDefault(True)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.send_button.clicked.connect(self.send)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.not_set_up)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.send_button.setEnabled(False)
        job: Background[Letter] = Background(
            db, lambda s: draft_letter(s, invoice_id), login, write=False
        )
        job.on_done(self._fill).on_failed(self._failed).start()

    def _fill(self, letter: Letter) -> None:
        if not shiboken6.isValid(self):
            return
        self.to.setText(letter.to)
        self.subject.setText(letter.subject)
        self.body.setPlainText(letter.body)
        self.attachment_name.setText(letter.attachment)
        self.not_set_up.setVisible(not letter.mail_ready)
        self.send_button.setEnabled(True)
        self.sig_loaded.emit()

    def recipients(self) -> list[str]:
        return [
            part.strip() for part in self.to.text().replace(";", ",").split(",") if part.strip()
        ]

    def send(self) -> Background[Outgoing] | None:
        if self.sending:
            return None
        to = self.recipients()
        if not to:
            show_error(self.error, self.tr("Say whom to send it to."))
            return None
        subject, body = self.subject.text().strip(), self.body.toPlainText()
        self.sending = True
        self.send_button.setEnabled(False)
        show_error(self.error, None)
        self.send_button.setText(self.tr("Sending…"))

        def then_send(outgoing: Outgoing) -> None:
            if not shiboken6.isValid(self):
                return
            job: Background[None] = Background(
                None,
                lambda: send_document(outgoing.settings, to, subject, body, [outgoing.attachment]),
            )
            job.on_done(lambda _r: self._sent(to)).on_failed(self._failed).start()

        job: Background[Outgoing] = Background(
            self._db, lambda s: prepare_outgoing(s, self._invoice_id), self._login, write=False
        )
        return job.on_done(then_send).on_failed(self._failed).start()

    def _sent(self, to: list[str]) -> None:
        if not shiboken6.isValid(self):
            return
        self.sending = False
        self.sig_sent.emit(", ".join(to))
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.sending = False
        self.send_button.setEnabled(True)
        self.send_button.setText(self.tr("Send"))
        text = error_text(error)
        show_error(self.error, text)
        self.sig_failed.emit(text)
