"""The first-run wizard, driven as a user would: a local database with the company and the
first user, the office server (a real PostgreSQL: made from nothing, and an existing
one), sample data, mistakes refused at their field, and the language switch."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import keyring
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, func, select, text

from crm_desktop.i18n import language, set_language
from crm_desktop.models import Client, Role, User
from crm_desktop.services.company_profile import (
    CompanyDetails,
    get_company_profile,
    save_company_profile,
)
from crm_desktop.services.first_run import DEMO_CLIENTS, demo_path
from crm_desktop.services.passwords import sign_in
from crm_desktop.store import credentials
from crm_desktop.store.database import open_database
from crm_desktop.store.location import connection_file, parse_location, resolve_location
from crm_desktop.store.schema import SchemaState, schema_state
from crm_desktop.ui.first_run import COMPANY, PLACE, SERVER, USER, FirstRunWizard
from crm_desktop.ui.language import use_language
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.settings import last_login, saved_language
from crm_desktop.ui.startup import first_run_path, open_for_app
from tests.memory_keyring import MemoryKeyring
from tests.ui.dialogs import Answers


@pytest.fixture
def wizard(qtbot: QtBot, tmp_path: Path) -> Iterator[FirstRunWizard]:
    made = FirstRunWizard(tmp_path / "crm.sqlite3")
    qtbot.addWidget(made)
    made.show()
    yield made
    if made.opened is not None:
        made.opened[0].dispose()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def type_into(edit: object, text: str) -> None:
    """What typing does: the text changes and `textEdited` fires (keyClicks cannot type
    Cyrillic: see ARCHITECTURE.md)."""
    edit.setText(text)  # type: ignore[attr-defined]
    edit.textEdited.emit(text)  # type: ignore[attr-defined]


def fill_company(wizard: FirstRunWizard, **values: str) -> None:
    for name, value in values.items():
        type_into(wizard.company_page.edits[name], value)


def test_local_database_with_company_and_first_user(wizard: FirstRunWizard, tmp_path: Path) -> None:
    wizard.next()
    assert wizard.currentId() == PLACE and wizard.place_page.local.isChecked()
    wizard.next()
    assert wizard.currentId() == COMPANY
    fill_company(
        wizard,
        short_name="ООО «Вектор»",
        inn="7707083893",
        kpp="773601001",
        bic="044525225",
        account="40702810938000000001",
        phone="8 (495) 500-55-50",
    )
    assert wizard.company_page.isComplete()
    wizard.next()
    assert wizard.currentId() == USER
    page = wizard.user_page
    type_into(page.login, "Ivanova")
    type_into(page.full_name, "Иванова Мария")
    type_into(page.password, "секретный пароль")
    type_into(page.repeat, "секретный пароль")
    assert page.isComplete()
    wizard.accept()

    assert wizard.opened is not None
    db, login = wizard.opened
    assert login == "ivanova"
    assert db.location.path == tmp_path / "crm.sqlite3"
    with db.unit_of_work() as session:
        profile = get_company_profile(session)
        user = session.scalar(select(User).where(User.login == "ivanova"))
        assert sign_in(session, "ivanova", "секретный пароль").error is None
    assert profile is not None
    assert (profile.short_name, profile.inn, profile.phone) == (
        "ООО «Вектор»",
        "7707083893",
        "+74955005550",
    )
    assert user is not None and user.role == Role.ADMIN and user.full_name == "Иванова Мария"
    assert last_login(db.location.describe()) == "ivanova"
    assert saved_language() == "en"
    assert not connection_file().exists()  # the default local file needs no saving


def test_next_start_opens_the_database_as_the_remembered_user(
    wizard: FirstRunWizard, tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / "crm.sqlite3"
    assert first_run_path(str(path), None) == path
    wizard.next()
    wizard.next()
    fill_company(wizard, short_name="ИП Петров")
    wizard.next()
    type_into(wizard.user_page.login, "petrov")
    wizard.accept()
    assert wizard.opened is not None
    assert first_run_path(str(path), None) is None  # the wizard is done with
    opened = open_for_app(str(path), None)
    assert opened is not None
    assert opened[1] == "petrov"  # no password: signed in without a question
    opened[0].dispose()


def test_mistakes_are_shown_at_their_field_and_block_the_way_on(wizard: FirstRunWizard) -> None:
    wizard.next()
    wizard.next()
    page = wizard.company_page
    assert not page.isComplete()  # a name is required
    assert not page.errors["short_name"].isVisibleTo(page)  # ... but not scolded untouched
    fill_company(wizard, short_name="ИП Сидоров", inn="7707083894")
    assert page.errors["inn"].isVisibleTo(page)
    assert "check digit" in page.errors["inn"].text()
    assert not page.isComplete()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    fill_company(wizard, inn="500100732259", kpp="773601001")  # a sole trader's INN
    assert not page.errors["inn"].isVisibleTo(page)
    assert "no KPP" in page.errors["kpp"].text()
    fill_company(wizard, kpp="", account="40702810938000000001")
    assert "BIC" in page.errors["account"].text()
    fill_company(wizard, bic="044525225")
    assert page.isComplete()
    wizard.next()
    users = wizard.user_page
    type_into(users.login, "мария")
    assert "Latin" in users.errors["login"].text()
    type_into(users.login, "maria")
    type_into(users.password, "short")
    assert users.errors["password"].isVisibleTo(users)
    type_into(users.password, "long enough")
    type_into(users.repeat, "long enough!")
    assert "differ" in users.errors["repeat"].text()
    assert not users.isComplete()
    type_into(users.repeat, "long enough")
    assert users.isComplete()


def test_office_server_made_from_nothing_by_its_administrator(
    wizard: FirstRunWizard, empty_pg_database: str, memory_keyring: MemoryKeyring
) -> None:
    """An empty database on the server: the administrator's login gives it its schema,
    the company profile is entered, and the URL (never the password) is saved."""
    server = parse_location(empty_pg_database)
    wizard.next()
    wizard.place_page.server.setChecked(True)
    wizard.next()
    assert wizard.currentId() == SERVER
    page = wizard.server_page
    type_into(page.host, server.socket_dir or "")
    page.port.setValue(server.port or 5432)
    type_into(page.database, server.database or "")
    type_into(page.login, server.user or "")
    type_into(page.password, "server secret")
    wizard.next()
    assert wizard.currentId() == COMPANY, page.status.text()
    assert not wizard.company_page.read_only
    fill_company(wizard, short_name="АО «Офис»", inn="7707083893")
    wizard.accept()

    assert wizard.opened is not None
    db, login = wizard.opened
    assert login == server.user
    assert schema_state(db) is SchemaState.CURRENT
    with db.unit_of_work(login) as session:
        profile = get_company_profile(session)
    assert profile is not None and profile.short_name == "АО «Офис»"
    saved = json.loads(connection_file().read_text(encoding="utf-8"))["db"]
    assert "server secret" not in saved
    assert list(memory_keyring.store.values()) == ["server secret"]
    next_start = resolve_location(None, None)
    assert next_start == replace(server, password=None, port=server.port or 5432)
    assert credentials.load_password(next_start) == "server secret"  # found again


def test_joining_an_office_server_that_is_set_up(
    wizard: FirstRunWizard, pg_database: str, memory_keyring: MemoryKeyring
) -> None:
    """The company is already described there: the wizard shows it, read-only."""
    existing = open_database(parse_location(pg_database))
    with existing.unit_of_work() as session:
        save_company_profile(session, CompanyDetails(short_name="ООО «Сервер»"))
    existing.dispose()
    server = parse_location(pg_database)
    wizard.next()
    wizard.place_page.server.setChecked(True)
    wizard.next()
    page = wizard.server_page
    type_into(page.host, server.socket_dir or "")
    page.port.setValue(server.port or 5432)
    type_into(page.database, server.database or "")
    type_into(page.login, server.user or "")
    wizard.next()
    assert wizard.currentId() == COMPANY
    assert wizard.company_page.read_only
    assert wizard.company_page.edits["short_name"].text() == "ООО «Сервер»"
    wizard.accept()
    assert wizard.opened is not None
    assert memory_keyring.store == {}  # no password typed, none stored


def test_a_server_that_cannot_be_reached_is_said_at_the_fields(
    wizard: FirstRunWizard, tmp_path: Path
) -> None:
    wizard.next()
    wizard.place_page.server.setChecked(True)
    wizard.next()
    page = wizard.server_page
    type_into(page.host, str(tmp_path))  # a socket directory with no server in it
    type_into(page.login, "anna")
    wizard.next()
    assert wizard.currentId() == SERVER
    assert page.status.isVisibleTo(page)
    assert page.status.text().startswith("Cannot reach the database server")
    assert not connection_file().exists()


def test_try_with_sample_data(wizard: FirstRunWizard) -> None:
    wizard.next()
    wizard.place_page.demo.setChecked(True)
    assert wizard.place_page.nextId() == -1  # nothing more to ask
    wizard.accept()
    assert wizard.opened is not None
    db, _login = wizard.opened
    assert db.location.path == demo_path()
    with db.unit_of_work(write=False) as session:
        clients = session.scalar(select(func.count()).select_from(Client))
    assert clients == DEMO_CLIENTS


def test_choosing_russian_switches_the_wizard_at_once(wizard: FirstRunWizard) -> None:
    app = QApplication.instance()
    assert app is not None
    try:
        wizard.language_page.combo.setCurrentIndex(0)  # Русский
        assert language() == "ru"
        wizard.next()
        assert wizard.place_page.local.text() == "Работать на этом компьютере"
        assert wizard.button(wizard.WizardButton.NextButton).text() == "Далее >"
        wizard.language_page.combo.setCurrentIndex(1)
        assert wizard.place_page.local.text() == "Work on this computer"
    finally:
        set_language("en")
        use_language(app, "en")  # type: ignore[arg-type]


def test_the_app_opens_the_wizard_when_there_is_no_database(qtbot: QtBot, tmp_path: Path) -> None:
    """Cancelling it opens nothing and creates nothing."""
    path = tmp_path / "none.sqlite3"
    closer = Answers()
    closer.timer.timeout.connect(_cancel_wizard)
    assert MainWindow.open(str(path), None) is None
    assert not path.exists()


def _cancel_wizard() -> None:
    widget = QApplication.activeModalWidget()
    if isinstance(widget, FirstRunWizard):
        widget.reject()


def test_cli_created_database_skips_the_wizard(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    db = open_database(parse_location(str(path)), create=True)
    db.dispose()
    assert first_run_path(str(path), None) is None


def test_a_mistyped_database_name_is_not_created_without_asking(
    wizard: FirstRunWizard, pg_url: str
) -> None:
    server = parse_location(pg_url)
    wizard.next()
    wizard.place_page.server.setChecked(True)
    wizard.next()
    page = wizard.server_page
    type_into(page.host, server.socket_dir or "")
    page.port.setValue(server.port or 5432)
    type_into(page.database, "crm_typo_in_name")
    type_into(page.login, server.user or "")
    answers = Answers(QMessageBox.StandardButton.No)
    wizard.next()
    assert wizard.currentId() == SERVER
    assert "has no database «crm_typo_in_name»" in answers.messages[0]
    answers.stop()
    answers = Answers(QMessageBox.StandardButton.Yes)
    wizard.next()
    assert wizard.currentId() == COMPANY, page.status.text()
    assert page.check is not None and schema_state(page.check.database) is SchemaState.CURRENT
    wizard.reject()
    admin = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://"))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("DROP DATABASE crm_typo_in_name WITH (FORCE)"))
    admin.dispose()


def test_switching_the_language_keeps_what_was_typed(wizard: FirstRunWizard) -> None:
    app = QApplication.instance()
    assert app is not None
    wizard.next()
    wizard.next()
    fill_company(wizard, short_name="ООО «Вектор»", inn="7707083893")
    wizard.back()
    wizard.back()
    try:
        wizard.language_page.combo.setCurrentIndex(0)
        assert wizard.company_page.edits["inn"].text() == "7707083893"
        assert wizard.place_page.local.isChecked()
    finally:
        set_language("en")
        use_language(app, "en")  # type: ignore[arg-type]
