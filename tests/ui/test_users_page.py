"""The administrator's Users screen on both databases: a user added through the dialog's
fields (each field says what is wrong as it is typed), disabled after a confirmation,
enabled again, given another role; a manager sees the list read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from crm_desktop.models import Role
from crm_desktop.services.assignment import set_absent
from crm_desktop.services.users import UserView, add_user, find_user
from crm_desktop.store.database import Database
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.users_page import ABSENT, ACTIVE, DISABLED, AddUserDialog, UsersPage
from tests.ui.dialogs import Answers


def admin_login(db: Database) -> str | None:
    """The administrator: the file's owner on SQLite, the superuser on PostgreSQL."""
    return None if db.location.is_sqlite else db.location.user


def opened(qtbot: QtBot, db: Database, login: str | None) -> UsersPage:
    page = UsersPage(db, login)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
    return page


def typed(edit: QLineEdit, text: str) -> None:
    """As if typed (Cyrillic included: qtbot.keyClicks cannot type it)."""
    edit.setText(text)
    edit.textEdited.emit(text)


def stored(db: Database, login: str) -> UserView:
    with db.unit_of_work() as session:
        user = find_user(session, login)
    assert user is not None
    return user


def states(page: UsersPage) -> dict[str, str]:
    return {row.login: row.state for row in page.users_model.rows}


def test_an_administrator_adds_a_user_through_the_dialog(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        add_user(session, "petrov", Role.MANAGER, full_name="Петров Пётр")
    page = opened(qtbot, db, admin_login(db))
    assert page.read_only_note.isHidden()
    assert page.add_button.isEnabled()
    assert states(page) == {"petrov": ACTIVE}

    dialog = page.add_user()
    assert isinstance(dialog, AddUserDialog)
    qtbot.addWidget(dialog)
    typed(dialog.login, "Иванова")  # not Latin: said under the field at once
    assert not dialog.errors["login"].isHidden()
    assert "Latin" in dialog.errors["login"].text()
    assert dialog.errors["password"].isHidden()  # untouched fields say nothing yet
    typed(dialog.login, "ivanova")
    assert dialog.errors["login"].isHidden()
    typed(dialog.full_name, "Иванова Мария")
    dialog.role.setCurrentIndex(dialog.role.findText("Accountant"))
    typed(dialog.password, "short")
    assert dialog.errors["password"].text() == "A password needs at least 8 characters."
    typed(dialog.password, "secret-pass-1")
    typed(dialog.repeat, "secret-pass-2")
    assert dialog.errors["repeat"].text() == "The passwords differ."
    dialog.add()  # refused here: nothing is written
    assert dialog.isVisible()
    typed(dialog.repeat, "secret-pass-1")
    assert dialog.errors["repeat"].isHidden()
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000):
        dialog.add()
    qtbot.waitUntil(lambda: not page.is_busy())
    assert dialog.result() == AddUserDialog.DialogCode.Accepted

    rows = {row.login: row for row in page.users_model.rows}
    assert rows["ivanova"].full_name == "Иванова Мария"
    assert rows["ivanova"].role == Role.ACCOUNTANT
    assert page.selected_user() == rows["ivanova"]  # the new user is chosen in the list
    assert stored(db, "ivanova").role == Role.ACCOUNTANT
    assert stored(db, "ivanova").has_password

    again = page.add_user()  # a login taken already: said under the login
    assert again is not None
    qtbot.addWidget(again)
    typed(again.login, "petrov")
    typed(again.password, "another-pass")
    typed(again.repeat, "another-pass")
    again.add()
    qtbot.waitUntil(lambda: not again.errors["login"].isHidden(), timeout=10_000)
    assert again.errors["login"].text() == 'A user with login "petrov" already exists'
    again.reject()


def test_disabling_asks_first_and_enabling_brings_the_user_back(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER, full_name="Анна Смирнова")
        add_user(session, "boris", Role.MANAGER)
        set_absent(session, "boris", True)
    page = opened(qtbot, db, admin_login(db))
    assert states(page) == {"anna": ACTIVE, "boris": ABSENT}
    assert page.users_model.data(page.users_model.index(1, 3)) == "Absent"
    assert page.users_model.data(page.users_model.index(0, 2)) == "Manager"
    assert not page.disable_button.isEnabled()  # nobody chosen yet

    assert page.select_user("anna")
    assert page.disable_button.isEnabled() and not page.enable_button.isEnabled()
    answers = Answers(QMessageBox.StandardButton.No)
    page.disable_selected()  # "No": nothing happens
    assert not page.is_busy()
    assert "can no longer sign in" in answers.messages[0]
    assert "Анна Смирнова" in answers.messages[0]
    answers.stop()

    answers = Answers(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.sig_message, timeout=10_000) as said:
        page.disable_selected()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
    assert said.args == ["Анна Смирнова is disabled"]
    assert states(page)["anna"] == DISABLED
    assert stored(db, "anna").disabled
    chosen = page.selected_user()
    assert chosen is not None and chosen.login == "anna"
    assert page.enable_button.isEnabled() and not page.disable_button.isEnabled()
    page.enable_selected()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
    assert states(page)["anna"] == ACTIVE

    page.change_role(Role.EXECUTIVE)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
    assert stored(db, "anna").role == Role.EXECUTIVE
    assert page.users_model.data(page.users_model.index(0, 2)) == "Executive"


def test_a_manager_sees_the_list_read_only(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        add_user(session, "chief", Role.ADMIN)
        add_user(session, "vera", Role.MANAGER, full_name="Вера")
    page = opened(qtbot, db, "vera")
    assert states(page) == {"chief": ACTIVE, "vera": ACTIVE}
    assert not page.read_only_note.isHidden()
    assert not page.add_button.isEnabled()
    assert page.select_user("chief")
    assert not page.disable_button.isEnabled() and not page.role_button.isEnabled()
    assert page.add_user() is None
    page.disable_selected(confirm=False)  # nothing happens
    assert not page.is_busy()
    assert not stored(db, "chief").disabled


def test_seats_tab_says_what_this_database_has(qtbot: QtBot, db: Database) -> None:
    page = opened(qtbot, db, admin_login(db))
    if db.location.is_sqlite:
        assert page.local_note.text() == "A local database file serves one desktop at a time."
        return
    # a migrated database with no license: two free seats, nobody holds one
    assert page.license_label.text() == "No license installed: 2 seats free of charge"
    assert page.in_use_label.text() == "In use: 0 of 2"
    assert page.seats_model.rowCount() == 0
    assert page.seats_error.isHidden()


def test_the_users_section_comes_before_settings_and_is_made_when_opened(
    qtbot: QtBot, db: Database
) -> None:
    window = MainWindow(db, admin_login(db))
    qtbot.addWidget(window)
    window.show()
    keys = [
        window.sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.sidebar.count())
    ]
    assert keys[-2:] == ["users", "settings"]
    assert window.users.page is None  # nothing loaded at start
    window.sidebar.setCurrentRow(keys.index("users"))
    page = window.users.page
    assert isinstance(page, UsersPage)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
    assert page.add_button.isEnabled()
