"""The Users screen's Seats tab on a real office server: the administrator sees who holds
which seat and ends a session (the holder's connection dies, the seat is free); a manager
sees the seats but may end nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pytestqt.qtbot import QtBot

from crm_desktop.store import license_document
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.license_document import make_document, sign
from crm_desktop.store.location import parse_location
from crm_desktop.ui.users_page import UsersPage
from tests.server.conftest import Office


@pytest.fixture
def admin_db(office: Office) -> Iterator[Database]:
    db = open_database(parse_location(office.admin_url))  # the superuser: takes no seat
    yield db
    db.dispose()


def opened(qtbot: QtBot, db: Database) -> UsersPage:
    page = UsersPage(db, db.location.user)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
    return page


def refreshed(qtbot: QtBot, page: UsersPage) -> None:
    with qtbot.waitSignal(page.sig_seats_loaded, timeout=10_000):
        page.refresh_seats()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)


def test_the_administrator_ends_a_session(qtbot: QtBot, office: Office, admin_db: Database) -> None:
    page = opened(qtbot, admin_db)
    assert page.may_edit and page.may_end
    assert {"ivanova", "chief"} <= {row.login for row in page.users_model.rows}
    assert page.in_use_label.text() == "In use: 0 of 2"
    assert not page.no_seats.isHidden()

    ivanova = office.connect("ivanova")
    try:
        refreshed(qtbot, page)
        holders = page.seats_model.rows
        assert [h.login for h in holders] == ["ivanova"]
        assert holders[0].host == "test"
        assert page.in_use_label.text() == "In use: 1 of 2"
        assert page.seats_model.data(page.seats_model.index(0, 1)) == "ivanova"
        assert page.no_seats.isHidden()
        assert not page.end_button.isEnabled()  # no seat chosen yet
        assert page.select_seat(holders[0].slot)
        assert page.end_button.isEnabled()

        with qtbot.waitSignal(page.sig_message, timeout=10_000) as said:
            page.end_session(confirm=False)
        assert said.args == [f"The session of ivanova (seat {holders[0].slot}) has ended"]
        qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
        assert page.seats_model.rowCount() == 0
        assert page.in_use_label.text() == "In use: 0 of 2"
        assert page.seats_error.isHidden()
        with pytest.raises(psycopg.OperationalError):
            ivanova.execute("SELECT 1")
    finally:
        ivanova.close()


def test_the_license_is_shown(
    qtbot: QtBot, office: Office, admin_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    monkeypatch.setattr(license_document, "PUBLIC_KEY", public)
    document = make_document("ООО «Вектор»", 5, dt.date(2031, 3, 9))
    with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
        admin.execute(
            "INSERT INTO crm_license (id, document, signature) VALUES (1, %s, %s)",
            (document, sign(key, document)),
        )
    page = opened(qtbot, admin_db)
    assert page.license_label.text() == "Licensed to ООО «Вектор»: 5 seats until Mar 9, 2031"
    assert page.in_use_label.text() == "In use: 0 of 5"

    with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
        admin.execute("UPDATE crm_license SET document = replace(document, '5', '9')")
    refreshed(qtbot, page)  # an altered license: one sentence, no crash
    assert page.seats_error.text() == (
        "The installed license is damaged or not genuine: install the license file again."
    )
    assert not page.seats_error.isHidden()


def test_a_manager_sees_the_seats_but_ends_no_session(qtbot: QtBot, office: Office) -> None:
    db = open_database(office.location("ivanova"))
    try:
        seat = db.take_seat("desk-7")
        assert seat is not None
        page = opened(qtbot, db)
        assert not page.may_edit and not page.may_end
        assert not page.read_only_note.isHidden()
        assert [(h.login, h.host) for h in page.seats_model.rows] == [("ivanova", "desk-7")]
        assert page.end_button.isHidden()
        assert page.select_seat(seat.slot)
        assert not page.end_button.isEnabled()
        page.end_session(confirm=False)  # nothing happens
        assert not page.is_busy()
        refreshed(qtbot, page)
        assert [h.login for h in page.seats_model.rows] == ["ivanova"]
    finally:
        db.dispose()


def login_role(office: Office, login: str) -> tuple[bool, list[str]] | None:
    """Whether `login` may log in to the server, and its groups; None: no such role."""
    with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
        row = admin.execute(
            "SELECT r.rolcanlogin, array(SELECT g.rolname FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid ORDER BY 1) "
            "FROM pg_roles r WHERE r.rolname = %s",
            (login,),
        ).fetchone()
    return None if row is None else (bool(row[0]), list(row[1]))


def test_users_added_and_disabled_on_the_screen_are_server_logins(
    qtbot: QtBot, office: Office, admin_db: Database
) -> None:
    page = opened(qtbot, admin_db)
    dialog = page.add_user()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.password_needed  # a server login connects with its password
    dialog.login.setText("orlova")
    dialog.role.setCurrentIndex(dialog.role.findText("Accountant"))
    dialog.add()
    assert dialog.errors["password"].text() == "Enter a password."
    for edit in (dialog.password, dialog.repeat):
        edit.setText("orlova-pass-1")
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000):
        dialog.add()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
    assert login_role(office, "orlova") == (True, ["crm_crm_secure_template_accountant"])

    # the new login works, until it is disabled (roles are the server's: the template's
    # staff are shared by every test, so the test disables the login it made)
    orlova = office.connect("orlova")
    try:
        assert page.select_user("orlova")
        page.disable_selected(confirm=False)
        qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
        assert {r.login: r.state for r in page.users_model.rows}["orlova"] == "disabled"
        assert login_role(office, "orlova") == (False, ["crm_crm_secure_template_accountant"])
        with pytest.raises(psycopg.OperationalError):
            orlova.execute("SELECT 1")  # the session ended with the login
    finally:
        orlova.close()
