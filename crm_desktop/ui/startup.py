"""Opening the database for the app: the same rules as the command line (ARCHITECTURE.md),
with dialogs instead of a terminal: the server password when one is needed (and none is
in the URL or the keyring), and the local sign-in of a user who has a password."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from crm_desktop.errors import CrmError
from crm_desktop.logfile import log_path
from crm_desktop.services.passwords import needs_password, sign_in
from crm_desktop.services.users import find_user as session_user
from crm_desktop.store import credentials
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, resolve_location
from crm_desktop.store.schema import ensure_usable, upgrade
from crm_desktop.ui.settings import last_login, save_last_login

log = logging.getLogger(__name__)


def _ask_server_password(location: Location) -> str | None:
    text, ok = QInputDialog.getText(
        None,
        "crm-desktop",
        QCoreApplication.translate("Startup", "Password for {user} on {server}:").format(
            user=location.user or "?", server=location.server_name()
        ),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def _sign_in(db: Database, login: str) -> bool:
    """Ask the local user's password until it is right or the user gives up."""
    with db.unit_of_work(write=False) as session:
        if not needs_password(session, login):
            return True
    while True:
        password, ok = QInputDialog.getText(
            None,
            "crm-desktop",
            QCoreApplication.translate("Startup", "Password for {login}:").format(login=login),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return False
        with db.unit_of_work() as session:
            attempt = sign_in(session, login, password, host=socket.gethostname())
        if attempt.error is None:
            return True
        QMessageBox.warning(None, "crm-desktop", str(attempt.error))


def first_run_path(db: str | None, user: str | None) -> Path | None:
    """Where the first-run wizard would put the local database, when there is no
    database yet (no file where the local one should be); None otherwise."""
    try:
        location = resolve_location(db, user)
    except CrmError:
        return None  # open_for_app says what is wrong with it
    if location.is_sqlite and location.path is not None and not location.path.exists():
        return location.path
    return None


def _remembered_login(db: Database) -> str | None:
    """Who last worked in this local database on this computer, if still a user."""
    login = last_login(db.location.describe())
    if login is None:
        return None
    with db.unit_of_work(write=False) as session:
        user = session_user(session, login)
    return login if user is not None and not user.disabled else None


def open_for_app(db: str | None, user: str | None) -> tuple[Database, str | None] | None:
    """The open database and the acting login, or None when the user gave up or it could
    not be opened (they were told why in one sentence)."""
    location = resolve_location(db, user)
    try:
        database = open_database(
            location,
            ask_password=_ask_server_password,
            keyring_password=credentials.load_password,
            create=location.is_sqlite,
        )
        if database.location.is_sqlite:
            upgrade(database)  # a new file gets its schema; an older one a backup first
        else:
            ensure_usable(database)
        if database.location.is_sqlite:
            login = user.strip().lower() if user else _remembered_login(database)
        else:
            login = database.location.user
        if login and database.location.is_sqlite and not _sign_in(database, login):
            return None
        save_last_login(database.location.describe(), login)
        return database, login
    except CrmError as exc:
        QMessageBox.critical(None, "crm-desktop", str(exc))
    except Exception as exc:
        log.exception("cannot open the database")
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "crm-desktop",
            QCoreApplication.translate("Startup", "The database cannot be opened."),
        )
        box.setDetailedText(f"{type(exc).__name__}: {exc}\n\n{log_path()}")
        box.exec()
    return None
