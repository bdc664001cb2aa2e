"""The first-run wizard: language, where the data lives (this computer, the office server,
or sample data to try), the company's profile and the first user. Every field is checked
as the user types, with the reason next to it; the work at the end runs off the UI thread
with a progress dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from crm_desktop.errors import CrmError, ValidationError
from crm_desktop.i18n import language, set_language
from crm_desktop.services.company_profile import CompanyDetails
from crm_desktop.services.first_run import (
    DEMO_CLIENTS,
    FirstUser,
    ServerCheck,
    connect_server,
    finish_server,
    make_local,
    open_demo,
    suggested_login,
)
from crm_desktop.services.users import MIN_PASSWORD, normalize_login
from crm_desktop.store.database import Database, DatabaseMissing
from crm_desktop.store.location import Location
from crm_desktop.ui.background import Background, Cancelled, wait_for
from crm_desktop.ui.company_form import CompanyForm
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error
from crm_desktop.ui.icons import icon
from crm_desktop.ui.language import use_language
from crm_desktop.ui.settings import save_language, save_last_login
from crm_desktop.ui.unexpected import one_sentence

LANGUAGE, PLACE, SERVER, COMPANY, USER = range(5)
LOCAL, OFFICE, DEMO = "local", "server", "demo"


def _logo(name: str) -> QPixmap:
    return icon(name, color="#455a64").pixmap(QSize(48, 48))


def _narrow(form: QFormLayout) -> QFormLayout:
    """Fields as wide as a value needs, not the whole page (easier to read)."""
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setVerticalSpacing(8)
    return form


class LanguagePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, _logo("welcome"))
        self._wizard = wizard
        self.combo = QComboBox()
        self.combo.addItem("Русский", "ru")
        self.combo.addItem("English", "en")
        self.combo.setCurrentIndex(0 if language() == "ru" else 1)
        self.welcome = QLabel()
        self.welcome.setWordWrap(True)
        self.caption = QLabel()
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.welcome)
        form = QFormLayout()
        form.addRow(self.caption, self.combo)
        layout.addLayout(form)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(
            lambda _i: wizard.switch_language(str(self.combo.currentData()))
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome"))
        self.setSubTitle(self.tr("A few questions, and you can start working."))
        self.welcome.setText(
            self.tr(
                "The wizard asks where to keep the data, describes your company for invoices "
                "and creates your login. Everything can be changed later in Settings."
            )
        )
        self.caption.setText(self.tr("Language of the program:"))

    def nextId(self) -> int:
        return PLACE


class PlacePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, _logo("place"))
        self._wizard = wizard
        self.setTitle(self.tr("Where to keep the data"))
        self.setSubTitle(self.tr("Choose how this computer works with the client base."))
        self.local = QRadioButton(self.tr("Work on this computer"))
        self.server = QRadioButton(self.tr("Connect to the office server"))
        self.demo = QRadioButton(self.tr("Try with sample data"))
        self.local.setChecked(True)
        hints = {
            self.local: self.tr(
                "The data stays in a file on this computer ({path}). Nothing to set up, "
                "works without a network."
            ).format(path=wizard.local_path),
            self.server: self.tr(
                "Several people work in one shared database on the office server "
                "(PostgreSQL). The administrator gives you its address and your login."
            ),
            self.demo: self.tr(
                "A separate database with {n} invented clients, their history, deals and "
                "invoices, to look around. It never mixes with your real data."
            ).format(n=DEMO_CLIENTS),
        }
        group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        for button, hint in hints.items():
            group.addButton(button)
            button.setStyleSheet("font-weight: 600;")
            layout.addWidget(button)
            text = hint_label(hint)
            text.setContentsMargins(26, 0, 0, 12)
            layout.addWidget(text)
        layout.addStretch(1)
        group.buttonToggled.connect(lambda *_a: self.completeChanged.emit())

    def choice(self) -> str:
        if self.server.isChecked():
            return OFFICE
        return DEMO if self.demo.isChecked() else LOCAL

    def nextId(self) -> int:
        return {LOCAL: COMPANY, OFFICE: SERVER, DEMO: -1}[self.choice()]


class ServerPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, _logo("server"))
        self._wizard = wizard
        self.check: ServerCheck | None = None
        self.setTitle(self.tr("The office server"))
        self.setSubTitle(
            self.tr("The administrator of your office gives you these values and your login.")
        )
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("server name or address, e.g. 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("crm")
        self.login = QLineEdit(suggested_login())
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(
            self.tr("Remember the password in the system keyring (never in a file)")
        )
        self.remember.setChecked(True)
        self.status = error_label()
        for edit in (self.host, self.database, self.login, self.password):
            edit.setMinimumWidth(360)
        form = _narrow(QFormLayout(self))
        form.addRow(self.tr("Server:"), self.host)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("Database:"), self.database)
        form.addRow(self.tr("Login:"), self.login)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow("", self.remember)
        form.addRow("", self.status)
        for edit in (self.host, self.database, self.login):
            edit.textChanged.connect(lambda _t: self._edited())
        self.password.textChanged.connect(lambda _t: self._edited())
        self.port.valueChanged.connect(lambda _v: self._edited())

    def _edited(self) -> None:
        if self.check is not None:
            self.check.database.dispose()
            self.check = None
        show_error(self.status, None)
        self.completeChanged.emit()

    def location(self) -> Location:
        host = self.host.text().strip()
        socket = host.startswith("/")  # a directory: the server's local socket
        if not socket:
            host = host.lower()  # host names are case-blind; the keyring's key must be too
        return Location(
            kind="postgresql",
            user=self.login.text().strip(),
            password=self.password.text() or None,
            host=None if socket else host,
            port=self.port.value(),
            database=self.database.text().strip(),
            query=(("host", host),) if socket else (),
        )

    def isComplete(self) -> bool:
        return all(e.text().strip() for e in (self.host, self.database, self.login))

    def validatePage(self) -> bool:
        """Connect before going on (in a worker: an unreachable server takes seconds);
        a failure is said in one sentence under the fields."""
        if self.check is not None:
            return True
        location = self.location()
        text = self.tr("Connecting to {server}…").format(server=location.server_name())
        ok, result = self._wizard.run(lambda _p: connect_server(location), text)
        if not ok and isinstance(result, DatabaseMissing):
            question = self.tr(
                "The server {server} has no database «{db}». Create it? Do so only when "
                "you set up the office's CRM for the first time; otherwise check the name."
            ).format(server=location.server_name(), db=location.database)
            answer = QMessageBox.question(self, self.title(), question)
            if answer != QMessageBox.StandardButton.Yes:
                show_error(self.status, str(result))
                return False
            ok, result = self._wizard.run(
                lambda _p: connect_server(location, create_database=True), text
            )
        if not ok:
            show_error(self.status, one_sentence(result))
            return False
        self.check = result
        return True

    def nextId(self) -> int:
        return COMPANY


class CompanyPage(QWizardPage):
    """The requisites printed on invoices: only the name is required now."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, _logo("company"))
        self._wizard = wizard
        self.setTitle(self.tr("Your company"))
        self.setSubTitle(
            self.tr(
                "These requisites go on your invoices. Only the name is needed now; "
                "what you enter is checked as you type."
            )
        )
        self.form = CompanyForm()
        self.edits, self.errors, self.touched = self.form.edits, self.form.errors, self.form.touched
        self.note = hint_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.form.sig_changed.connect(self.completeChanged)

    @property
    def read_only(self) -> bool:
        return self.form.read_only

    def show_existing(self, details: CompanyDetails | None, *, may_edit: bool) -> None:
        """On a server: its company, read-only; or an empty form for an administrator to
        fill in (anyone else is told the administrator has not described it yet)."""
        self.form.set_details(details or CompanyDetails())
        self.form.set_read_only(details is not None or not may_edit)
        if details is not None and may_edit:
            note = self.tr("This is the company of the server's database; change it in Settings.")
        elif details is not None:
            note = self.tr(
                "This is the company of the server's database; an administrator can change it."
            )
        elif not may_edit:
            note = self.tr("The administrator has not described the company yet.")
        else:
            note = ""
        self.note.setText(note)

    def details(self) -> CompanyDetails:
        return self.form.details()

    def problems(self) -> dict[str, str]:
        return self.form.problems()

    def isComplete(self) -> bool:
        return not self.problems()

    def nextId(self) -> int:
        return USER if self._wizard.place_page.choice() == LOCAL else -1


class UserPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, _logo("login"))
        self.setTitle(self.tr("Your login"))
        self.setSubTitle(
            self.tr(
                "You become the administrator: you can add your colleagues later. "
                "A password keeps others who use this computer out."
            )
        )
        self.login = QLineEdit(suggested_login())
        self.full_name = QLineEdit()
        self.full_name.setPlaceholderText(self.tr("Иванова Мария Петровна"))
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = {name: error_label() for name in ("login", "password", "repeat")}
        for edit in (self.login, self.full_name, self.password, self.repeat):
            edit.setMinimumWidth(360)
        form = _narrow(QFormLayout(self))
        form.addRow(self.tr("Login:"), with_error(self.login, self.errors["login"]))
        form.addRow(self.tr("Full name:"), self.full_name)
        form.addRow(self.tr("Password:"), with_error(self.password, self.errors["password"]))
        form.addRow(self.tr("Repeat it:"), with_error(self.repeat, self.errors["repeat"]))
        form.addRow(
            "",
            hint_label(self.tr("Leave the password empty if only you use this computer account.")),
        )
        for edit in (self.login, self.password, self.repeat):
            edit.textChanged.connect(lambda _t: self._check())
        self._check()

    def problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        try:
            normalize_login(self.login.text())
        except ValidationError as exc:
            problems["login"] = exc.message
        password = self.password.text()
        if password and len(password) < MIN_PASSWORD:
            problems["password"] = self.tr("At least {n} characters").format(n=MIN_PASSWORD)
        if password != self.repeat.text() and self.repeat.text():
            problems["repeat"] = self.tr("The two passwords differ")
        elif password and not self.repeat.text():
            problems["repeat"] = self.tr("Type the password once more")
        return problems

    def _check(self) -> None:
        problems = self.problems()
        for name, label in self.errors.items():
            shown = name != "login" or bool(self.login.text())
            show_error(label, problems.get(name) if shown else None)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problems()

    def user(self) -> FirstUser:
        return FirstUser(
            normalize_login(self.login.text()),
            " ".join(self.full_name.text().split()),
            self.password.text() or None,
        )

    def nextId(self) -> int:
        return -1


class FirstRunWizard(QWizard):
    """Shown when there is no database yet. `opened` holds the database and the acting
    login once it is accepted."""

    def __init__(self, local_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.local_path = local_path
        self.opened: tuple[Database, str | None] | None = None
        self.busy = False
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setWindowIcon(icon("clients"))
        self.resize(860, 640)
        self.language_page = LanguagePage(self)
        self.setPage(LANGUAGE, self.language_page)
        self._make_pages()
        self.currentIdChanged.connect(self._entered)
        self._translate_buttons()

    def _make_pages(self) -> None:
        self.place_page = PlacePage(self)
        self.server_page = ServerPage(self)
        self.company_page = CompanyPage(self)
        self.user_page = UserPage(self)
        for page_id, page in (
            (PLACE, self.place_page),
            (SERVER, self.server_page),
            (COMPANY, self.company_page),
            (USER, self.user_page),
        ):
            self.setPage(page_id, page)

    def _translate_buttons(self) -> None:
        self.setWindowTitle(self.tr("CRM: first start"))
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("< Back")),
            (QWizard.WizardButton.NextButton, self.tr("Next >")),
            (QWizard.WizardButton.FinishButton, self.tr("Start working")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
        ):
            self.setButtonText(button, text)

    def switch_language(self, lang: str) -> None:
        """Switch the whole program now: the later pages are made again in that language,
        with what was typed in them carried over."""
        set_language(lang)
        app = QApplication.instance()
        if app is not None:
            use_language(app, lang)
        typed = self._typed()
        self._dispose_server()
        for page_id in (PLACE, SERVER, COMPANY, USER):
            old = self.page(page_id)
            self.removePage(page_id)
            old.deleteLater()
        self._make_pages()
        self._retype(typed)
        self.language_page.retranslate()
        self._translate_buttons()

    def _edits(self) -> dict[str, QLineEdit]:
        server, user = self.server_page, self.user_page
        edits = {f"company.{name}": edit for name, edit in self.company_page.edits.items()}
        edits.update(
            {
                "server.host": server.host,
                "server.database": server.database,
                "server.login": server.login,
                "server.password": server.password,
                "user.login": user.login,
                "user.full_name": user.full_name,
                "user.password": user.password,
                "user.repeat": user.repeat,
            }
        )
        return edits

    def _typed(self) -> dict[str, Any]:
        typed: dict[str, Any] = {key: edit.text() for key, edit in self._edits().items()}
        typed["server.port"] = self.server_page.port.value()
        typed["place"] = self.place_page.choice()
        return typed

    def _retype(self, typed: dict[str, Any]) -> None:
        for key, edit in self._edits().items():
            edit.setText(typed[key])
        self.server_page.port.setValue(typed["server.port"])
        place = self.place_page
        {LOCAL: place.local, OFFICE: place.server, DEMO: place.demo}[typed["place"]].setChecked(
            True
        )

    def _entered(self, page_id: int) -> None:
        if page_id == COMPANY and self.place_page.choice() == OFFICE:
            check = self.server_page.check
            self.company_page.show_existing(
                check.profile if check else None, may_edit=check is not None and check.is_admin
            )

    def run(self, work: Any, text: str, *, cancellable: bool = False) -> tuple[bool, Any]:
        """Run `work` in a worker with a progress dialog, keeping the window alive, and
        return (True, result) or (False, the exception). Work that cannot stop half-way
        gets no Cancel button; the wizard cannot be closed meanwhile."""
        job = Background(None, work, progress=text, parent=self)
        if job.dialog is not None and not cancellable:
            job.dialog.setCancelButton(None)
        self.busy = True
        try:
            return wait_for(job, self)
        finally:
            self.busy = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()  # the work finishes (or is cancelled) first
            return
        super().closeEvent(event)

    def _dispose_server(self) -> None:
        check = self.server_page.check
        if check is not None:
            check.database.dispose()
            self.server_page.check = None

    def accept(self) -> None:
        """Do what was chosen; on failure say why and stay on the page."""
        choice = self.place_page.choice()
        opened: tuple[Database, str | None] | None
        if choice == DEMO:
            ok, result = self.run(
                lambda p: open_demo(p.report),
                self.tr("Preparing the sample data…"),
                cancellable=True,
            )
            opened = (result, None) if ok else None
        elif choice == LOCAL:
            company, user = self.company_page.details(), self.user_page.user()
            ok, result = self.run(
                lambda _p: make_local(self.local_path, company, user),
                self.tr("Creating the database…"),
            )
            opened = result if ok else None
        else:
            opened, ok, result = self._finish_server()
        if not ok or opened is None:
            if not isinstance(result, Cancelled):
                QMessageBox.warning(self, self.windowTitle(), one_sentence(result))
            return
        if choice != OFFICE:
            self._dispose_server()  # connected once, then chose otherwise
        self.opened = opened
        save_language(language())
        save_last_login(opened[0].location.describe(), opened[1])
        super().accept()

    def _finish_server(self) -> tuple[tuple[Database, str | None] | None, bool, Any]:
        check = self.server_page.check
        if check is None:  # pragma: no cover - the page validates before going on
            return None, False, CrmError(self.tr("Not connected to the server."))
        location = self.server_page.location()
        company = None if self.company_page.read_only else self.company_page.details()
        password = self.server_page.password.text() if self.server_page.remember.isChecked() else ""
        ok, result = self.run(
            lambda _p: finish_server(check, location, password or None, company),
            self.tr("Saving…"),
        )
        if ok and password and not result:
            QMessageBox.information(
                self,
                self.windowTitle(),
                self.tr(
                    "This computer has no system keyring, so the password was not saved: "
                    "the program will ask for it at each start."
                ),
            )
        opened = (check.database, location.user) if ok else None
        return opened, ok, result

    def reject(self) -> None:
        if self.busy:
            return
        self._dispose_server()
        super().reject()


def run_first_run(local_path: Path) -> tuple[Database, str | None] | None:
    """Show the wizard; the opened database and login, or None when the user cancelled."""
    wizard = FirstRunWizard(local_path)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    if wizard.exec() != QWizard.DialogCode.Accepted:
        return None
    return wizard.opened
