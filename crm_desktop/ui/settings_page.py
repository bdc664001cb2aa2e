"""Settings: the program's language, the company's requisites (an administrator edits
them, everyone sees them) and where the data lives; in tabs of their own, the sales
funnel and automatic assignment (funnel_settings.py, assignment_settings.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.i18n import language
from crm_desktop.services.company_profile import (
    CompanyDetails,
    get_company_profile,
    save_company_profile,
)
from crm_desktop.services.users import is_admin
from crm_desktop.store.database import Database
from crm_desktop.ui.assignment_settings import AssignmentSettings
from crm_desktop.ui.background import Background
from crm_desktop.ui.backup_settings import BackupSettings
from crm_desktop.ui.company_form import CompanyForm
from crm_desktop.ui.company_images import CompanyImages
from crm_desktop.ui.field_messages import error_label, hint_label, show_error
from crm_desktop.ui.funnel_settings import FunnelSettings
from crm_desktop.ui.invoice_settings_tab import InvoiceSettingsTab
from crm_desktop.ui.mail_settings import MailSettingsTab
from crm_desktop.ui.privacy_actions import CardReadsSetting
from crm_desktop.ui.settings import save_language, saved_language
from crm_desktop.ui.unexpected import report_connection


class SettingsPage(QWidget):
    sig_saved = Signal(object)  # the CompanyDetails stored

    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._db = db
        self._login = login
        title = QLabel(self.tr("Settings"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")

        self.language = QComboBox()
        self.language.addItem("Русский", "ru")
        self.language.addItem("English", "en")
        current = saved_language() or language()
        self.language.setCurrentIndex(0 if current == "ru" else 1)
        self.language.currentIndexChanged.connect(
            lambda _i: save_language(str(self.language.currentData()))
        )
        language_box = QGroupBox(self.tr("Language"))
        language_form = QFormLayout(language_box)
        language_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        language_form.addRow(self.tr("Language of the program:"), self.language)
        language_form.addRow("", hint_label(self.tr("Takes effect when the program starts again.")))

        self.company = CompanyForm()
        self.save_button = QPushButton(self.tr("Save the requisites"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.saved_note = hint_label()
        self.save_error = error_label()
        company_box = QGroupBox(self.tr("Your company (for invoices)"))
        company_column = QVBoxLayout(company_box)
        company_column.addWidget(self.company)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_error, 1)
        buttons.addWidget(self.saved_note, 1)
        buttons.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        company_column.addLayout(buttons)

        where = db.location
        database_box = QGroupBox(self.tr("Data"))
        database_form = QFormLayout(database_box)
        database_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        database_form.addRow(
            self.tr("Database:"),
            QLabel(
                self.tr("local file {path}").format(path=where.path)
                if where.is_sqlite
                else self.tr("office server {server}").format(server=where.describe())
            ),
        )
        database_form.addRow(self.tr("User:"), QLabel(login or self.tr("the file's owner")))
        self.connect_button = QPushButton(self.tr("Connect to a server…"))
        self.connect_button.setToolTip(
            self.tr("Work with the office server (or another database) from the next start")
        )
        self.connect_button.clicked.connect(self.connect_elsewhere)
        self.host_button = QPushButton(self.tr("Make this computer the office server…"))
        self.host_button.clicked.connect(self.make_office_server)
        server_buttons = QHBoxLayout()
        server_buttons.addWidget(self.connect_button)
        server_buttons.addWidget(self.host_button)
        server_buttons.addStretch(1)
        database_form.addRow("", server_buttons)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(language_box)
        column.addWidget(company_box)
        self.images = CompanyImages(db, login)
        column.addWidget(self.images)
        column.addWidget(database_box)
        self.card_reads = CardReadsSetting(db, login)  # 152-FZ, read when first shown
        column.addWidget(self.card_reads)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)

        # the administrator's set-up of the funnel and of automatic assignment: each reads
        # the database the first time its tab is shown
        self.funnel = FunnelSettings(db, login)
        self.assignment = AssignmentSettings(db, login)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, self.tr("General"))
        self.tabs.addTab(self.funnel, self.tr("Sales funnel"))
        self.tabs.addTab(self.assignment, self.tr("Assignment"))
        self.invoice_settings = InvoiceSettingsTab(db, login)
        self.mail = MailSettingsTab(db, login)
        self.tabs.addTab(self.invoice_settings, self.tr("Invoices"))
        self.tabs.addTab(self.mail, self.tr("Mail"))
        self.backup = BackupSettings(db, login)
        self.tabs.addTab(self.backup, self.tr("Backup"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(12)
        outer.addWidget(title)
        outer.addWidget(self.tabs, 1)

        self._saved: CompanyDetails | None = None
        with db.unit_of_work(login, write=False) as session:
            self._saved = get_company_profile(session)
            self.may_edit = is_admin(session)
        if self._saved is not None:
            self.company.set_details(self._saved)
        self.company.set_read_only(not self.may_edit)
        if not self.may_edit:
            self.saved_note.setText(self.tr("Only an administrator can change the requisites."))
        self.company.sig_changed.connect(self._edited)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self._update()
        self.images.load()

    def connect_elsewhere(self) -> None:
        """The first-run wizard again: the office server (or a file, or the demo); the
        connection it saves is used from the next start."""
        from crm_desktop.store.location import default_sqlite_path
        from crm_desktop.ui.first_run import run_first_run

        opened = run_first_run(default_sqlite_path())
        if opened is None:
            return
        opened[0].dispose()  # this window keeps working on its database until the restart
        QMessageBox.information(
            self,
            self.tr("Settings"),
            self.tr("Saved. The program uses the new connection from its next start."),
        )

    def make_office_server(self) -> None:
        from crm_desktop.ui.office_server_dialog import OfficeServerDialog

        OfficeServerDialog(self).exec()

    def is_dirty(self) -> bool:
        current = self.company.details().stripped()
        saved = (self._saved or CompanyDetails()).stripped()
        return current != saved

    def _edited(self) -> None:
        if self.is_dirty():
            self.saved_note.setText("" if self.may_edit else self.saved_note.text())
        self._update()

    def _update(self) -> None:
        ready = self.may_edit and self.is_dirty() and not self.company.problems()
        self.save_button.setEnabled(ready)
        self.save_button.setVisible(self.may_edit)

    def save(self) -> None:
        """Save in a worker (a distant server can take seconds); `sig_saved` follows."""
        if not self.save_button.isEnabled():
            return
        self.save_button.setEnabled(False)
        details = self.company.details()
        Background(
            self._db, lambda session: save_company_profile(session, details), self._login
        ).on_done(self._saved_now).on_failed(self._not_saved).start()

    def _saved_now(self, saved: CompanyDetails) -> None:
        self._saved = saved
        show_error(self.save_error, None)
        self.company.set_details(saved)
        self.saved_note.setText(self.tr("Saved."))
        self._update()
        self.sig_saved.emit(saved)

    def _not_saved(self, error: BaseException) -> None:
        report_connection(error)
        message = error.message if isinstance(error, CrmError) else str(error)
        show_error(self.save_error, message)
        self._update()
