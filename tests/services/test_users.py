"""Users, roles and signing in (each test on SQLite and PostgreSQL)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text

from crm_desktop.errors import Locked, PermissionDenied, ValidationError
from crm_desktop.models import LoginAttempt, Role, User
from crm_desktop.services.passwords import LOCKOUT, MAX_FAILURES, SignIn, sign_in
from crm_desktop.services.users import (
    add_user,
    disable_user,
    list_users,
    normalize_login,
    parse_role,
)
from crm_desktop.store.database import Database, open_database

PASSWORD = "correct horse battery"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def add(db: Database, login: str, role: Role = Role.MANAGER, **fields: str) -> None:
    with db.unit_of_work(None) as session:
        add_user(session, login, role, **fields)


def attempt(db: Database, login: str, password: str, now: dt.datetime = START) -> SignIn:
    """One sign-in as the program does it: the unit of work commits the attempt."""
    with db.unit_of_work(None) as session:
        return sign_in(session, login, password, host="pc-7", now=now)


def attempts(db: Database) -> list[tuple[str, bool, str]]:
    with db.unit_of_work() as session:
        rows = session.scalars(select(LoginAttempt).order_by(LoginAttempt.at, LoginAttempt.id))
        return [(row.login, row.success, row.reason) for row in rows]


@contextlib.contextmanager
def connected_as(db: Database, login: str) -> Iterator[Database]:
    """The database as `login` reaches it. On PostgreSQL the acting login is the connected
    role (commands/context.py), so connect as a real role that is no superuser and holds a
    CRM user's table privileges; on SQLite the same file serves every app user."""
    if db.dialect != "postgresql":
        yield db
        return
    with db.engine.connect() as conn:
        conn.execute(
            text(
                f"DO $$ BEGIN CREATE ROLE {login} LOGIN NOSUPERUSER NOCREATEROLE; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            )
        )
        conn.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {login}"))
        conn.commit()
    as_login = open_database(dataclasses.replace(db.location, user=login))
    try:
        yield as_login
    finally:
        as_login.dispose()


# --- adding, listing, disabling ----------------------------------------------------------


def test_added_users_are_listed_by_login(db: Database) -> None:
    add(db, "boris", Role.ACCOUNTANT, full_name=" Борис Петров ")
    add(db, "Anna", Role.ADMIN)
    with db.unit_of_work() as session:
        users = list_users(session)
    assert [(u.login, u.role, u.full_name, u.disabled) for u in users] == [
        ("anna", Role.ADMIN, "", False),
        ("boris", Role.ACCOUNTANT, "Борис Петров", False),
    ]
    assert users[0].to_json()["role"] == "admin"


def test_disabled_user_is_listed_as_disabled(db: Database) -> None:
    add(db, "anna")
    with db.unit_of_work(None) as session:
        assert disable_user(session, "ANNA").disabled
    with db.unit_of_work() as session:
        assert [(u.login, u.disabled) for u in list_users(session)] == [("anna", True)]


def test_login_taken_already_is_refused(db: Database) -> None:
    add(db, "anna")
    for again in ["anna", "ANNA", " Anna "]:
        with pytest.raises(ValidationError) as err:
            add(db, again, Role.ADMIN)
        assert err.value.field == "login", again
    with db.unit_of_work() as session:
        assert [(u.login, u.role) for u in list_users(session)] == [("anna", Role.MANAGER)]


def test_bad_login_is_refused(db: Database) -> None:
    for login in ["", "  ", "анна", "1anna", "_anna", "anna petrova", "anna@office", "a" * 64]:
        with pytest.raises(ValidationError) as err:
            add(db, login)
        assert err.value.field == "login", login
    with db.unit_of_work() as session:
        assert list_users(session) == []


@pytest.mark.parametrize("login", ["anna", "a", "anna.petrova", "anna_p-2", "a" * 63])
def test_good_login_is_accepted(login: str) -> None:
    assert normalize_login(login.upper()) == login


@pytest.mark.parametrize("role", ["boss", "", "менеджер", "admins"])
def test_bad_role_is_refused(role: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_role(role)
    assert err.value.field == "role"


@pytest.mark.parametrize(("raw", "role"), [("manager", Role.MANAGER), (" Admin ", Role.ADMIN)])
def test_role_is_read_ignoring_case(raw: str, role: Role) -> None:
    assert parse_role(raw) is role


def test_short_password_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        add(db, "anna", password="1234567")
    assert err.value.field == "password"
    with db.unit_of_work() as session:
        assert list_users(session) == []


def test_password_is_stored_as_an_argon2_hash(db: Database) -> None:
    add(db, "anna", password=PASSWORD)
    with db.unit_of_work() as session:
        stored = session.scalars(select(User)).one().password_hash
        assert list_users(session)[0].has_password
    assert stored is not None
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_manager_cannot_add_or_disable_users(db: Database) -> None:
    add(db, "boris", Role.MANAGER)
    with connected_as(db, "boris") as as_boris:
        with as_boris.unit_of_work("boris") as session:
            assert [u.login for u in list_users(session)] == ["boris"]  # may read
        with (
            pytest.raises(PermissionDenied, match="administrator"),
            as_boris.unit_of_work("boris") as session,
        ):
            add_user(session, "eve", Role.ADMIN)
        with (
            pytest.raises(PermissionDenied, match="administrator"),
            as_boris.unit_of_work("boris") as session,
        ):
            disable_user(session, "boris")
    with db.unit_of_work() as session:
        assert [(u.login, u.disabled) for u in list_users(session)] == [("boris", False)]


def test_administrator_can_add_users(db: Database) -> None:
    add(db, "anna", Role.ADMIN)
    with connected_as(db, "anna") as as_anna, as_anna.unit_of_work("anna") as session:
        add_user(session, "boris", Role.MANAGER)
    with db.unit_of_work() as session:
        assert [u.login for u in list_users(session)] == ["anna", "boris"]


def test_disabled_administrator_cannot_add_users(db: Database) -> None:
    add(db, "anna", Role.ADMIN)
    with db.unit_of_work(None) as session:
        disable_user(session, "anna")
    with (
        connected_as(db, "anna") as as_anna,
        pytest.raises(PermissionDenied, match="administrator"),
        as_anna.unit_of_work("anna") as session,
    ):
        add_user(session, "boris", Role.MANAGER)
    with db.unit_of_work() as session:
        assert [u.login for u in list_users(session)] == ["anna"]


# --- signing in -------------------------------------------------------------------------------


def test_correct_password_signs_in(db: Database) -> None:
    add(db, "anna", password=PASSWORD)
    user = attempt(db, " Anna ", PASSWORD).raise_if_failed()
    assert user.login == "anna"
    with db.unit_of_work() as session:
        stored = session.scalars(select(User)).one()
        assert stored.last_login_at == START
    assert attempts(db) == [("anna", True, "")]


@pytest.mark.parametrize(
    ("login", "password", "reason"),
    [
        ("anna", "wrong password", "wrong password"),
        ("nobody", PASSWORD, "unknown"),
        ("anna", "", "wrong password"),
    ],
)
def test_wrong_login_or_password_is_refused_and_logged(
    db: Database, login: str, password: str, reason: str
) -> None:
    add(db, "anna", password=PASSWORD)
    result = attempt(db, login, password)
    with pytest.raises(PermissionDenied):
        result.raise_if_failed()
    assert attempts(db) == [(login, False, reason)]


def test_disabled_user_cannot_sign_in(db: Database) -> None:
    add(db, "anna", password=PASSWORD)
    with db.unit_of_work(None) as session:
        disable_user(session, "anna")
    with pytest.raises(PermissionDenied):
        attempt(db, "anna", PASSWORD).raise_if_failed()
    assert attempts(db) == [("anna", False, "disabled")]


def test_user_without_a_password_cannot_sign_in(db: Database) -> None:
    add(db, "anna")
    with pytest.raises(PermissionDenied):
        attempt(db, "anna", "").raise_if_failed()


def _fail_until_locked(db: Database) -> dt.datetime:
    """Five wrong passwords a minute apart; returns the time of the last one."""
    now = START
    for n in range(MAX_FAILURES):
        now = START + dt.timedelta(minutes=n)
        with pytest.raises(PermissionDenied):
            attempt(db, "anna", f"wrong {n}", now).raise_if_failed()
    return now


def test_five_wrong_passwords_lock_the_account_for_15_minutes(db: Database) -> None:
    add(db, "anna", password=PASSWORD)
    locked_at = _fail_until_locked(db)
    assert dt.timedelta(minutes=15) == LOCKOUT

    for wait in (dt.timedelta(minutes=1), dt.timedelta(minutes=14, seconds=59)):
        with pytest.raises(Locked):  # even the right password is refused meanwhile
            attempt(db, "anna", PASSWORD, locked_at + wait).raise_if_failed()

    user = attempt(db, "anna", PASSWORD, locked_at + dt.timedelta(minutes=15, seconds=1))
    assert user.raise_if_failed().login == "anna"


def test_every_attempt_is_logged(db: Database) -> None:
    add(db, "anna", password=PASSWORD)
    locked_at = _fail_until_locked(db)
    with pytest.raises(Locked):
        attempt(db, "anna", PASSWORD, locked_at + dt.timedelta(minutes=5)).raise_if_failed()
    attempt(db, "anna", PASSWORD, locked_at + dt.timedelta(minutes=16)).raise_if_failed()
    assert attempts(db) == [
        *[("anna", False, "wrong password")] * 4,
        ("anna", False, "locked out"),
        ("anna", False, "locked"),
        ("anna", True, ""),
    ]
    with db.unit_of_work() as session:
        assert {row.host for row in session.scalars(select(LoginAttempt))} == {"pc-7"}


def test_right_password_resets_the_count_of_failures(db: Database) -> None:
    add(db, "anna", password=PASSWORD)
    for n in range(MAX_FAILURES - 1):
        attempt(db, "anna", "wrong", START + dt.timedelta(minutes=n))
    attempt(db, "anna", PASSWORD, START + dt.timedelta(minutes=5)).raise_if_failed()
    for n in range(MAX_FAILURES - 1):
        attempt(db, "anna", "wrong", START + dt.timedelta(minutes=6 + n))
    later = START + dt.timedelta(minutes=11)
    assert attempt(db, "anna", PASSWORD, later).raise_if_failed().login == "anna"


def test_wrong_passwords_during_lockout_do_not_extend_it(db: Database) -> None:
    add(db, "anna", password=PASSWORD)
    locked_at = _fail_until_locked(db)
    for n in range(3):
        attempt(db, "anna", "wrong", locked_at + dt.timedelta(minutes=10 + n))
    after = locked_at + dt.timedelta(minutes=15, seconds=1)
    assert attempt(db, "anna", PASSWORD, after).raise_if_failed().login == "anna"
