"""Opening the app's database: a local user with a password signs in first."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.models import LoginAttempt, Role
from crm_desktop.services.users import add_user
from crm_desktop.store.database import open_database
from crm_desktop.store.location import Location
from crm_desktop.store.schema import upgrade
from crm_desktop.ui.startup import open_for_app
from tests.ui.dialogs import Answers


def make_db(path: Path) -> None:
    db = open_database(Location(kind="sqlite", path=path), create=True)
    upgrade(db)
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER, password="верный пароль")
    db.dispose()


def test_first_run_creates_the_local_database(qtbot: QtBot, tmp_path: Path) -> None:
    opened = open_for_app(str(tmp_path / "new.sqlite3"), None)
    assert opened is not None
    assert (tmp_path / "new.sqlite3").exists()
    opened[0].dispose()


def test_a_user_with_a_password_signs_in(qtbot: QtBot, tmp_path: Path) -> None:
    """Wrong, then right: one warning, and both attempts logged in the database."""
    path = tmp_path / "crm.sqlite3"
    make_db(path)
    answers = Answers("неверный", "верный пароль")
    opened = open_for_app(str(path), "anna")
    warnings = answers.messages
    assert opened is not None
    db, login = opened
    assert login == "anna"
    assert len(warnings) == 1
    with db.unit_of_work() as session:
        attempts = [
            a.success for a in session.scalars(select(LoginAttempt).order_by(LoginAttempt.at))
        ]
    assert attempts == [False, True]
    db.dispose()


def test_giving_up_at_the_password_opens_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    make_db(path)
    answers = Answers(None)
    assert open_for_app(str(path), "anna") is None
    assert answers.answers == []


def test_with_passwords_in_use_nobody_gets_in_unnamed(qtbot: QtBot, tmp_path: Path) -> None:
    """No remembered user (another computer, a lost settings file, a disabled account):
    the person says who they are and signs in, rather than acting as the file's owner."""
    path = tmp_path / "crm.sqlite3"
    make_db(path)
    answers = Answers("anna", "верный пароль")
    opened = open_for_app(str(path), None)
    assert opened is not None and opened[1] == "anna"
    assert answers.answers == []
    opened[0].dispose()
    answers = Answers(None)  # gives up at "who is working?"
    assert open_for_app(str(path), "") is None


def test_without_passwords_the_owner_opens_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    db = open_database(Location(kind="sqlite", path=path), create=True)
    upgrade(db)
    with db.unit_of_work() as session:
        add_user(session, "solo", Role.ADMIN)
    db.dispose()
    answers = Answers("should not be asked")
    opened = open_for_app(str(path), None)
    assert opened is not None and opened[1] is None
    assert answers.answers == ["should not be asked"]
    opened[0].dispose()
