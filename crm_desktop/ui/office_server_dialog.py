"""Settings → "Make this computer the office server": the bundled PostgreSQL prepared on
this PC, the CRM database set up, the person doing it made its administrator, and the
server started; then what the other desktops need, and how to start it at boot."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QProcess, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.services.first_run import suggested_login
from crm_desktop.services.office_server import OfficeServer, make_office_server
from crm_desktop.services.users import MIN_PASSWORD, normalize_login
from crm_desktop.store import credentials
from crm_desktop.store.location import save_location_url
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error


def start_server_process(port: int, data_dir: Path | None) -> bool:
    """`crm-desktop server host` in a process of its own, outliving this window."""
    args = ["-m", "crm_desktop", "server", "host", "--port", str(port)]
    if data_dir is not None:
        args += ["--data-dir", str(data_dir)]
    started, _pid = QProcess.startDetached(sys.executable, args)
    return bool(started)


class OfficeServerDialog(QDialog):
    sig_ready = Signal(object)  # OfficeServer

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
        start_server: Callable[[int, Path | None], bool] = start_server_process,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Make this computer the office server"))
        self._data_dir = data_dir
        self._start_server = start_server
        self.result_server: OfficeServer | None = None
        intro = QLabel(
            self.tr(
                "This computer will keep the office's database: the other desktops connect to "
                "it over the local network, each with their own login. It must stay switched "
                "on while the others work. You become the CRM's administrator."
            )
        )
        intro.setWordWrap(True)
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(5432)
        self.port.setMaximumWidth(110)
        self.login = QLineEdit(suggested_login())
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(
            self.tr("Remember my password in the system keyring (never in a file)")
        )
        self.remember.setChecked(True)
        self.errors = {name: error_label() for name in ("login", "password", "repeat", "form")}
        form_page = QWidget()
        form = QFormLayout(form_page)
        form.addRow(intro)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("Your login:"), with_error(self.login, self.errors["login"]))
        form.addRow(self.tr("Your full name:"), self.full_name)
        form.addRow(self.tr("Password:"), with_error(self.password, self.errors["password"]))
        form.addRow(self.tr("Repeat it:"), with_error(self.repeat, self.errors["repeat"]))
        form.addRow("", self.remember)
        form.addRow(self.errors["form"])

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("Copy the address"))
        self.copy_button.clicked.connect(self._copy)
        done_page = QWidget()
        done = QVBoxLayout(done_page)
        done.addWidget(self.summary)
        done.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        done.addWidget(
            hint_label(self.tr("The program connects to the new server from its next start."))
        )
        done.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(form_page)
        self.pages.addWidget(done_page)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.make_button = self.buttons.addButton(
            self.tr("Make this computer the server"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.make_button.clicked.connect(self.make)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        for edit in (self.login, self.password, self.repeat):
            edit.textChanged.connect(lambda _t: self._check())
        self.resize(620, 420)
        self._check()

    def problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        try:
            normalize_login(self.login.text())
        except CrmError as exc:
            problems["login"] = exc.message
        if len(self.password.text()) < MIN_PASSWORD:
            problems["password"] = self.tr("At least {n} characters").format(n=MIN_PASSWORD)
        elif self.repeat.text() != self.password.text():
            problems["repeat"] = self.tr("The two passwords differ")
        return problems

    def _check(self) -> None:
        problems = self.problems()
        for name in ("login", "password", "repeat"):
            typed = {"login": self.login, "password": self.password, "repeat": self.repeat}[name]
            show_error(self.errors[name], problems.get(name) if typed.text() else None)
        self.make_button.setEnabled(not problems)

    def make(self) -> Background[tuple[OfficeServer, bool]] | None:
        """Prepare the server in a worker (the first time takes some seconds); the
        keyring is written there too (a keyring can be slow to answer)."""
        if self.problems():
            return None
        self.make_button.setEnabled(False)
        login, password, port = self.login.text(), self.password.text(), self.port.value()
        full_name, data_dir = self.full_name.text().strip(), self._data_dir
        remember = self.remember.isChecked()

        def work(_progress: object) -> tuple[OfficeServer, bool]:
            server = make_office_server(
                login, password, full_name=full_name, port=port, data_dir=data_dir
            )
            saved = remember and credentials.save_password(server.local, password)
            save_location_url(server.local.url())
            return server, saved

        job: Background[tuple[OfficeServer, bool]] = Background(
            None, work, progress=self.tr("Preparing the office server…"), parent=self
        )
        return job.on_done(self._made).on_failed(self._failed).start()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        message = error.message if isinstance(error, CrmError) else str(error)
        show_error(self.errors["form"], message)
        self._check()

    def _made(self, made: tuple[OfficeServer, bool]) -> None:
        if not shiboken6.isValid(self):
            return
        server, saved = made
        self.result_server = server
        started = self._start_server(self.port.value(), server.data_dir)
        lines = [
            self.tr("The office server is ready. Other desktops connect to:"),
            f"<b>{server.url}</b>",
        ]
        if server.superuser_password is not None:
            lines.append(
                self.tr(
                    "The PostgreSQL superuser's password (shown only now; keep it safe): {p}"
                ).format(p=f"<code>{server.superuser_password}</code>")
            )
        if not started:
            lines.append(
                self.tr("Start the server with: {command}").format(
                    command="<code>crm-desktop server host</code>"
                )
            )
        lines.append(self.tr("To start it with the computer:"))
        lines.append(f"Linux: <code>{server.systemd_command}</code>")
        lines.append(f"Windows: <code>{server.windows_command}</code>")
        if self.remember.isChecked() and not saved:
            lines.append(
                self.tr("This computer has no keyring: the program will ask your password.")
            )
        self.summary.setText("<br>".join(lines))
        self.pages.setCurrentIndex(1)
        self.make_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.sig_ready.emit(server)

    def _copy(self) -> None:
        if self.result_server is not None:
            QGuiApplication.clipboard().setText(self.result_server.url)
