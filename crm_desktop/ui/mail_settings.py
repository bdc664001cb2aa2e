"""Settings → Mail: the office's SMTP server (server, port, encryption, login, the From
address) kept with the company profile, the password in this computer's keyring, and a
test message sent to the From address to see it all works."""

from __future__ import annotations

from dataclasses import dataclass, replace

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
from crm_desktop.services.mail import (
    DEFAULT_PORTS,
    MailSecurity,
    MailSettings,
    load_mail_settings,
    save_mail_password,
    save_mail_settings,
    send_document,
)
from crm_desktop.services.users import is_admin
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error
from crm_desktop.ui.invoice_files import error_text

FIELDS = ("smtp_host", "smtp_port", "smtp_security", "smtp_login", "smtp_from")


@dataclass(frozen=True)
class _Loaded:
    settings: MailSettings
    admin: bool


def _load(session: CrmSession) -> _Loaded:
    return _Loaded(load_mail_settings(session), is_admin(session))


class MailSettingsTab(QWidget):
    sig_loaded = Signal()
    sig_saved = Signal(object)  # the MailSettings stored
    sig_tested = Signal(str)  # the sentence shown after a test

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._loaded = False
        self.busy = False
        self.saved_password: str | None = None
        self.host = QLineEdit()
        self.host.setPlaceholderText("smtp.yandex.ru")
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText(self.tr("usual"))
        self.security = QComboBox()
        self.security.addItem(self.tr("STARTTLS (port 587)"), MailSecurity.STARTTLS.value)
        self.security.addItem(self.tr("SSL/TLS (port 465)"), MailSecurity.SSL.value)
        self.security.addItem(self.tr("None (port 25, inside the office)"), MailSecurity.NONE.value)
        self.account = QLineEdit()
        self.account.setPlaceholderText(self.tr("blank if the server needs no login"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText("office@company.ru")
        self.errors = {name: error_label() for name in (*FIELDS, "form")}
        box = QGroupBox(self.tr("Mail server (SMTP)"))
        box.setMaximumWidth(760)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Server:"), with_error(self.host, self.errors["smtp_host"]))
        form.addRow(self.tr("Port:"), with_error(self.port, self.errors["smtp_port"]))
        form.addRow(self.tr("Encryption:"), with_error(self.security, self.errors["smtp_security"]))
        form.addRow(self.tr("Login:"), with_error(self.account, self.errors["smtp_login"]))
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(
            "",
            hint_label(
                self.tr("The password is kept in this computer's keyring, not in the database.")
            ),
        )
        form.addRow(self.tr("Send from:"), with_error(self.sender_edit, self.errors["smtp_from"]))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.test_button = QPushButton(self.tr("Send a test message"))
        self.test_button.clicked.connect(self.send_test)
        self.note = hint_label()
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.test_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.errors["form"])
        layout.addLayout(row)
        layout.addStretch(1)
        self.security.currentIndexChanged.connect(self._security_changed)
        self.setEnabled(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.load()

    def load(self) -> Background[_Loaded]:
        self._loaded = True
        job: Background[_Loaded] = Background(self._db, _load, self._login, write=False)
        return job.on_done(self._fill).on_failed(self._failed).start()

    def _fill(self, loaded: _Loaded) -> None:
        if not shiboken6.isValid(self):
            return
        settings = loaded.settings
        self.host.setText(settings.host)
        self.port.setValue(settings.port or 0)
        self.security.setCurrentIndex(max(self.security.findData(settings.security.value), 0))
        self.account.setText(settings.login)
        self.sender_edit.setText(settings.sender)
        self.saved_password = settings.password
        self.password.clear()
        self.password.setPlaceholderText(
            self.tr("saved; type to change") if settings.password else ""
        )
        self.setEnabled(True)
        for edit in (
            self.host,
            self.port,
            self.security,
            self.account,
            self.password,
            self.sender_edit,
        ):
            edit.setEnabled(loaded.admin)
        self.save_button.setEnabled(loaded.admin)
        self.test_button.setEnabled(settings.configured)
        if not loaded.admin:
            self.note.setText(self.tr("Only an administrator can change the mail server settings."))
        self.sig_loaded.emit()

    def _security_changed(self, _index: int) -> None:
        security = MailSecurity(str(self.security.currentData()))
        self.port.setSpecialValueText(
            self.tr("usual ({port})").format(port=DEFAULT_PORTS[security])
        )

    def settings(self) -> MailSettings:
        """What the form says, with the typed password (or the one saved)."""
        return MailSettings(
            host=self.host.text(),
            port=self.port.value() or None,
            security=MailSecurity(str(self.security.currentData())),
            login=self.account.text(),
            sender=self.sender_edit.text(),
            password=self.password.text() or self.saved_password,
        )

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            show_error(label, None)

    def save(self) -> Background[MailSettings] | None:
        if self.busy:
            return None
        wanted = self.settings()
        typed = self.password.text()

        def work(session: CrmSession) -> MailSettings:
            saved = save_mail_settings(session, wanted)
            if typed:
                save_mail_password(saved, typed)
            return replace(saved, password=typed or wanted.password)

        self.busy = True
        self._clear_errors()
        job: Background[MailSettings] = Background(self._db, work, self._login)
        return job.on_done(self._saved).on_failed(self._failed).start()

    def _saved(self, saved: MailSettings) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.saved_password = saved.password
        self.password.clear()
        self.password.setPlaceholderText(self.tr("saved; type to change") if saved.password else "")
        self.host.setText(saved.host)
        self.sender_edit.setText(saved.sender)
        self.test_button.setEnabled(True)
        self.note.setText(self.tr("Saved."))
        self.sig_saved.emit(saved)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.setEnabled(True)
        label = self.errors["form"]
        if isinstance(error, ValidationError) and error.field in self.errors:
            label = self.errors[error.field]
        show_error(label, error_text(error))

    def send_test(self) -> Background[None] | None:
        if self.busy:
            return None
        settings = self.settings()
        to = settings.sender.strip()
        subject = self.tr("Test message from the CRM")
        body = self.tr("This message shows that the CRM can send mail through {server}.").format(
            server=settings.host
        )
        self.busy = True
        self._clear_errors()
        self.note.setText(self.tr("Sending…"))

        def done(_result: None) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            text = self.tr("The test message went to {to}.").format(to=to)
            self.note.setText(text)
            self.sig_tested.emit(text)

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self.note.setText("")
            self._failed(error)
            self.sig_tested.emit(error_text(error))

        job: Background[None] = Background(None, lambda: send_document(settings, to, subject, body))
        return job.on_done(done).on_failed(failed).start()
