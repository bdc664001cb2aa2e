"""App users are the server's logins: made, regrouped and disabled by the app's
administrator (through a SECURITY DEFINER function), never by anyone else."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from crm_desktop.errors import PermissionDenied
from crm_desktop.models import Role
from crm_desktop.services.clients import assign_owner
from crm_desktop.services.users import add_user, disable_user, set_role
from crm_desktop.store.database import open_database
from tests.server.conftest import Office


def _role(office: Office, login: str) -> tuple[bool, bool, bool, int, list[str]]:
    with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
        row = admin.execute(
            "SELECT rolcanlogin, rolsuper, rolbypassrls, rolconnlimit, ARRAY("
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "WHERE m.member = r.oid ORDER BY 1) FROM pg_roles r WHERE rolname = %s",
            (login,),
        ).fetchone()
    assert row is not None
    return row[0], row[1], row[2], row[3], [g.rsplit("_", 1)[1] for g in row[4]]


def test_the_apps_administrator_makes_regroups_and_disables_logins(licensed: Office) -> None:
    chief = open_database(licensed.location("chief"))
    chief.take_seat("test")
    try:
        with chief.unit_of_work("chief") as session:
            add_user(session, "novikova", Role.MANAGER, password="пароль-надёжный-1")
        assert _role(licensed, "novikova") == (True, False, False, 20, ["manager"])
        with chief.unit_of_work("chief") as session:
            set_role(session, "novikova", Role.EXECUTIVE)
        assert _role(licensed, "novikova")[4] == ["exec"]
        nova = open_database(licensed.location("novikova"))
        nova.take_seat("test")
        nova.dispose()
        with chief.unit_of_work("chief") as session:
            disable_user(session, "novikova")
        assert _role(licensed, "novikova")[0] is False
    finally:
        chief.dispose()


def test_a_manager_cannot_make_logins(licensed: Office) -> None:
    anna = open_database(licensed.location("ivanova"))
    anna.take_seat("test")
    try:
        with pytest.raises(PermissionDenied), anna.unit_of_work("ivanova") as session:
            add_user(session, "intruder", Role.ADMIN)
        with (
            licensed.connect("ivanova") as conn,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            conn.execute("SELECT crm_sync_login('ivanova', NULL, false)")
        with (
            licensed.connect("ivanova") as conn,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            conn.execute("CREATE ROLE intruder LOGIN")
    finally:
        anna.dispose()


def test_the_audit_trail_records_who_by_the_servers_word(licensed: Office) -> None:
    chief = open_database(licensed.location("chief"))
    chief.take_seat("test")
    try:
        with chief.unit_of_work("chief") as session:
            add_user(session, "novikova", Role.MANAGER)
            assign = session.execute(
                text("SELECT id FROM clients WHERE owner = 'petrov' LIMIT 1")
            ).scalar_one()
            assert assign_owner(session, [assign], "ivanova") == 1
    finally:
        chief.dispose()
    with licensed.connect("ivanova") as anna:
        # she may not write an entry at all (the server writes them)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            anna.execute("SELECT crm_write_audit('user.disabled', 'users', 'petrov', '{}')")
        for statement in ("SELECT * FROM crm_audit", "DELETE FROM crm_audit",
                          "UPDATE crm_audit SET login = 'chief'"):  # fmt: skip
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                anna.execute(statement)
    with psycopg.connect(licensed.dsn("postgres"), autocommit=True) as admin:
        trail = admin.execute(
            "SELECT login, action, record_id, details FROM crm_audit ORDER BY id"
        ).fetchall()
    assert ("chief", "user.login", "novikova") in [row[:3] for row in trail]
    owner_change = [row for row in trail if row[1] == "client.owner" and row[0] == "chief"]
    assert owner_change and owner_change[0][3] == {"from": "petrov", "to": "ivanova"}
    assert "ivanova" not in {row[0] for row in trail}  # nothing in her name


def test_a_login_made_by_hand_before_becomes_a_crm_user(licensed: Office) -> None:
    with psycopg.connect(licensed.dsn("postgres"), autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS handmade")
        admin.execute("CREATE ROLE handmade LOGIN")
    try:
        setup = open_database(licensed.admin)
        with setup.unit_of_work(None) as session:
            add_user(session, "handmade", Role.MANAGER)
        setup.dispose()
        assert _role(licensed, "handmade")[4] == ["manager"]
        chief = open_database(licensed.location("chief"))
        chief.take_seat("test")
        with chief.unit_of_work("chief") as session:  # the app's administrator manages it
            disable_user(session, "handmade")
        chief.dispose()
        assert _role(licensed, "handmade")[0] is False
    finally:
        with psycopg.connect(licensed.dsn("postgres"), autocommit=True) as admin:
            admin.execute("DROP OWNED BY handmade")
            admin.execute("DROP ROLE handmade")
