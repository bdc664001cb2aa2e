"""Opening the database for the app: the same rules as the command line (ARCHITECTURE.md),
with dialogs instead of a terminal: the server password when one is needed (and none is
in the URL or the keyring), and the local sign-in of a user who has a password."""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from crm_desktop.errors import CrmError, LicenseExhausted, PermissionDenied
from crm_desktop.logfile import log_path
from crm_desktop.services.passwords import needs_password, sign_in
from crm_desktop.services.users import find_user as session_user
from crm_desktop.services.users import list_users
from crm_desktop.store import credentials
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import (
    ENV_DB,
    Location,
    default_sqlite_path,
    network_share,
    resolve_location,
)
from crm_desktop.store.schema import ensure_usable, upgrade
from crm_desktop.sync import replica
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
    """Who last worked in this local database on this computer, if still an active user."""
    login = last_login(db.location.describe())
    if login is None:
        return None
    with db.unit_of_work(write=False) as session:
        user = session_user(session, login)
    return login if user is not None and not user.disabled else None


def _choose_login(db: Database) -> tuple[bool, str | None]:
    """With no known user: when anyone here has a password, the person at the computer
    says who they are (and signs in); the file's owner acts only where nobody has one.
    Returns (went on, login)."""
    with db.unit_of_work(write=False) as session:
        users = [u for u in list_users(session) if not u.disabled]
    if not any(u.has_password for u in users):
        return True, None
    names = [f"{u.full_name} ({u.login})" if u.full_name else u.login for u in users]
    chosen, ok = QInputDialog.getItem(
        None,
        "crm-desktop",
        QCoreApplication.translate("Startup", "Who is working?"),
        names,
        0,
        False,
    )
    if not ok:
        return False, None
    return True, users[names.index(chosen)].login


def _open_server(location: Location) -> Database:
    """The server, with the password from the URL, the keyring or a dialog. A password
    the keyring holds but the server refuses (it was changed) is asked again, and the
    keyring keeps the new one."""
    stored = None if location.password else credentials.load_password(location)
    try:
        return open_database(
            location,
            ask_password=_ask_server_password,
            keyring_password=credentials.load_password,
        )
    except PermissionDenied as refused:
        if stored is None:
            raise
        reason = refused.message
    while True:
        QMessageBox.warning(None, "crm-desktop", reason)
        password = _ask_server_password(location)
        if password is None:
            raise PermissionDenied(reason)
        try:
            database = open_database(location.with_password(password))
        except PermissionDenied as again:
            reason = again.message
            continue
        credentials.save_password(location, password)
        return database


_file_locks: dict[Path, QLockFile] = {}  # held while the app runs


def lock_database_file(path: Path) -> tuple[QLockFile | None, str]:
    """The lock of the file (held until released or the process ends), or None and the
    computer whose app holds it. A lock left by a process that died is taken over."""
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)  # stale only when its process is gone, however old
    if lock.tryLock(200):
        return lock, ""
    _pid, host, _app = lock.getLockInfo()
    return None, str(host or "")


def _lock_sqlite_file(path: Path) -> bool:
    """One desktop app per database file (a local file is one seat): an OS lock beside
    the file, released when the app ends, even by a crash (a stale lock is taken over).
    Command-line tools work alongside under SQLite's own locking. A file on a network
    share is warned about: SQLite's locking is not reliable there."""
    if path.absolute() in _file_locks:
        return True
    share = network_share(path)
    if share:
        QMessageBox.warning(
            None,
            "crm-desktop",
            QCoreApplication.translate(
                "Startup",
                "The database file is on a network share ({share}): several computers "
                "working on it can damage it. Use the office server for shared work.",
            ).format(share=share),
        )
    lock, holder = lock_database_file(path)
    if lock is not None:
        _file_locks[path.absolute()] = lock
        return True
    QMessageBox.critical(
        None,
        "crm-desktop",
        QCoreApplication.translate(
            "Startup",
            "The database {path} is already open in crm-desktop on {host}: a local file "
            "serves one desktop at a time. Close the other window, or use the office server.",
        ).format(path=path, host=holder or "?"),
    )
    return False


def claim(database: Database) -> bool:
    """What this desktop holds while it runs: the local file's lock, or a license seat on
    the office server. False: refused (the user was told why) or the user gave up."""
    if database.location.is_sqlite:
        assert database.location.path is not None
        return _lock_sqlite_file(database.location.path)
    return _take_seat(database)


def _take_seat(database: Database) -> bool:
    """Take a license seat on the office server; when all are taken, say who holds them
    and offer to try again. False: the user gave up."""
    while True:
        try:
            database.take_seat()
            return True
        except LicenseExhausted as full:
            box = QMessageBox(QMessageBox.Icon.Warning, "crm-desktop", full.message)
            retry = box.addButton(
                QCoreApplication.translate("Startup", "Try again"),
                QMessageBox.ButtonRole.AcceptRole,
            )
            box.addButton(QMessageBox.StandardButton.Close)
            box.setDefaultButton(retry)
            box.exec()
            if box.clickedButton() is not retry:
                return False


def _set_up_again() -> tuple[Database, str | None] | None:
    from crm_desktop.ui.first_run import run_first_run

    return run_first_run(default_sqlite_path())


def _cannot_open(message: str, details: str | None, *, offer_setup: bool) -> bool:
    """Say why in one sentence; True when the user chose to set the connection up again."""
    box = QMessageBox(QMessageBox.Icon.Critical, "crm-desktop", message)
    if details:
        box.setDetailedText(details)
    setup = None
    if offer_setup:
        setup = box.addButton(
            QCoreApplication.translate("Startup", "Set up the connection again…"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return setup is not None and box.clickedButton() is setup


def open_for_app(db: str | None, user: str | None) -> tuple[Database, str | None] | None:
    """The open database and the acting login, or None when the user gave up or it could
    not be opened (they were told why in one sentence, and where the connection came from
    the wizard, offered to set it up again)."""
    offer_setup = not db and not os.environ.get(ENV_DB)
    try:
        location = resolve_location(db, user)
        if location.is_sqlite:
            assert location.path is not None
            if not _lock_sqlite_file(location.path):
                return None
            database = open_database(location, create=True)
            upgrade(database)  # a new file gets its schema; an older one a backup first
            ensure_usable(database)  # a laptop's copy whose first download did not end
            # a laptop's replica acts as the login it was made for (what she adds
            # offline is hers at the office); elsewhere whoever worked here last
            login = (
                user.strip().lower()
                if user
                else replica.made_for(database) or _remembered_login(database)
            )
            if login is None and not user:
                went_on, login = _choose_login(database)
                if not went_on:
                    return None
        else:
            database = _open_server(location)
            if not _take_seat(database):
                database.dispose()
                return None
            ensure_usable(database)
            login = database.location.user
        if login and database.location.is_sqlite and not _sign_in(database, login):
            return None
        save_last_login(database.location.describe(), login)
        return database, login
    except CrmError as exc:
        if _cannot_open(str(exc), None, offer_setup=offer_setup):
            return _set_up_again()
    except Exception as exc:
        log.exception("cannot open the database")
        message = QCoreApplication.translate("Startup", "The database cannot be opened.")
        if _cannot_open(
            message, f"{type(exc).__name__}: {exc}\n\n{log_path()}", offer_setup=offer_setup
        ):
            return _set_up_again()
    return None
