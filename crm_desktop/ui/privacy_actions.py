"""Personal data (152-FZ) on the client card: the "Personal data" button with "Export
personal data…" and "Erase personal data…", and the note that the card was opened (when
the setting asks for it). All database work runs in the background."""

from __future__ import annotations

import uuid
from pathlib import Path

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.privacy import (
    ErasureReport,
    card_reads_logged,
    erase_person,
    log_card_read,
    set_card_reads_logged,
)
from crm_desktop.services.privacy_export import export_person, write_person
from crm_desktop.services.users import is_admin
from crm_desktop.store.audit_capture import computer_name
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.store.privacy_wipe import erasing_unit_of_work
from crm_desktop.ui.background import Background
from crm_desktop.ui.unexpected import one_sentence, report_connection


def note_card_opened(db: Database, login: str | None, client_id: uuid.UUID) -> Background[bool]:
    """Log that `login` opened the card (a write of its own, in the background: the
    card's own reading takes no write lock)."""
    computer = computer_name()
    job: Background[bool] = Background(
        db, lambda s: log_card_read(s, client_id, login, computer), login
    )
    return job.on_failed(report_connection).start()


class EraseDialog(QDialog):
    """Asks for the ground of the erasure and a second thought."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Erase personal data"))
        layout = QVBoxLayout(self)
        warning = QLabel(
            self.tr(
                "All personal data of {name} will be erased everywhere: the card, contacts, "
                "history texts and the change history. Invoices and amounts stay, with the "
                "buyer shown as an erased person. This cannot be undone."
            ).format(name=name)
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)
        layout.addWidget(QLabel(self.tr("Ground (e.g. the person's request of 01.11.2026):")))
        self.ground = QLineEdit()
        layout.addWidget(self.ground)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.erase_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.erase_button.setText(self.tr("Erase"))
        self.erase_button.setEnabled(False)
        self.ground.textChanged.connect(lambda t: self.erase_button.setEnabled(bool(t.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


class PrivacyButton(QPushButton):
    """The card's "Personal data" button and its menu."""

    sig_erased = Signal(object)  # the ErasureReport
    sig_exported = Signal(object)  # the written file's Path

    def __init__(
        self,
        db: Database,
        login: str | None,
        client_id: uuid.UUID | None,
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setText(self.tr("Personal data"))
        self._db = db
        self._login = login
        self._client_id = client_id
        self._name = name
        self.busy = False
        menu = QMenu(self)
        self.export_action = menu.addAction(self.tr("Export personal data…"))
        self.export_action.triggered.connect(lambda: self.ask_export())
        self.erase_action = menu.addAction(self.tr("Erase personal data…"))
        self.erase_action.triggered.connect(lambda: self.ask_erase())
        self.setMenu(menu)
        self.setEnabled(client_id is not None)

    def ask_export(self) -> Background[Path] | None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export personal data"),
            f"{self._name or 'person'}.pdf",
            self.tr("PDF (*.pdf);;JSON (*.json)"),
        )
        return self.export_to(Path(path)) if path else None

    def export_to(self, path: Path) -> Background[Path] | None:
        client_id = self._client_id
        if client_id is None or self.busy:
            return None
        self.busy = True

        def work(session: CrmSession) -> Path:
            return write_person(export_person(session, client_id), path)

        job: Background[Path] = Background(self._db, work, self._login)
        return job.on_done(self._exported).on_failed(self._failed).start()

    def ask_erase(self) -> EraseDialog | None:
        if self._client_id is None:
            return None
        dialog = EraseDialog(self._name, self)
        dialog.accepted.connect(lambda: self.erase(dialog.ground.text()))
        dialog.open()
        return dialog

    def erase(self, ground: str) -> Background[ErasureReport] | None:
        client_id = self._client_id
        if client_id is None or self.busy:
            return None
        self.busy = True
        db, login = self._db, self._login

        def work() -> ErasureReport:
            with erasing_unit_of_work(db, login) as session:
                return erase_person(session, client_id, ground=ground, login=login)

        job: Background[ErasureReport] = Background(None, work)
        return job.on_done(self._erased).on_failed(self._failed).start()

    def _exported(self, path: Path) -> None:
        if shiboken6.isValid(self):
            self.busy = False
            self.sig_exported.emit(path)

    def _erased(self, report: ErasureReport) -> None:
        if shiboken6.isValid(self):
            self.busy = False
            self.setEnabled(False)
            self.sig_erased.emit(report)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        if not report_connection(error):
            QMessageBox.warning(self, self.tr("Personal data"), one_sentence(error))


class CardReadsSetting(QCheckBox):
    """Settings: "Log who opens client cards (152-FZ)", the administrator's choice."""

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Log who opens client cards (152-FZ)"))
        self._db = db
        self._login = login
        self.setEnabled(False)  # until the setting is read
        self.toggled.connect(self._toggled)
        self._loading = False

    def load(self) -> Background[tuple[bool, bool]]:
        def work(session: CrmSession) -> tuple[bool, bool]:
            return card_reads_logged(session), is_admin(session)

        job: Background[tuple[bool, bool]] = Background(self._db, work, self._login, write=False)
        return job.on_done(self._loaded).on_failed(report_connection).start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.isEnabled():
            self.load()

    def _loaded(self, state: tuple[bool, bool]) -> None:
        if not shiboken6.isValid(self):
            return
        on, admin = state
        self._loading = True
        self.setChecked(on)
        self._loading = False
        self.setEnabled(admin)
        if not admin:
            self.setToolTip(self.tr("Only an administrator can change this."))

    def _toggled(self, on: bool) -> Background[None] | None:
        if self._loading:
            return None
        job: Background[None] = Background(
            self._db, lambda s: set_card_reads_logged(s, on), self._login
        )
        return job.on_failed(self._failed).start()

    def _failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self) and not report_connection(error):
            QMessageBox.warning(self, self.tr("Settings"), one_sentence(error))
