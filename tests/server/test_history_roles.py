"""The change history on the office server (issue 10): written by the database under the
real login (also for raw SQL), readable by a user only for the records she sees, and
never changed by an app user."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.store.audit_chain import verify_chain
from crm_desktop.store.database import open_database
from crm_desktop.store.location import Location
from crm_desktop.store.schema import upgrade
from crm_desktop.sync import engine
from tests.server.conftest import Office, seated


def _her_client(conn: psycopg.Connection[object], login: str) -> object:
    row = conn.execute(
        "SELECT id FROM clients WHERE owner = %s AND deleted_at IS NULL ORDER BY id LIMIT 1",
        (login,),
    ).fetchone()
    assert row is not None
    return row[0]


def test_a_raw_edit_is_recorded_under_the_real_login(office: Office) -> None:
    with seated(office, "ivanova") as conn:
        client = _her_client(conn, "ivanova")
        conn.execute("UPDATE clients SET note = 'правка из psql' WHERE id = %s", (client,))
        row = conn.execute(
            "SELECT login, action, changes -> 'note' ->> 1 FROM audit_log "
            "WHERE record_id = %s ORDER BY id DESC LIMIT 1",
            (client,),
        ).fetchone()
    assert row == ("ivanova", "update", "правка из psql")
    admin = open_database(office.admin)
    try:
        with admin.engine.connect() as conn2:
            assert verify_chain(conn2).broken is None
    finally:
        admin.dispose()


def test_a_manager_reads_only_her_records_history(office: Office) -> None:
    with seated(office, "petrov") as conn:
        his = _her_client(conn, "petrov")
        conn.execute("UPDATE clients SET note = 'его' WHERE id = %s", (his,))
    with seated(office, "ivanova") as conn:
        hers = _her_client(conn, "ivanova")
        conn.execute("UPDATE clients SET note = 'её' WHERE id = %s", (hers,))
        seen = {r[0] for r in conn.execute("SELECT DISTINCT record_id FROM audit_log")}
        owners = {
            r[0]
            for r in conn.execute(
                "SELECT c.owner FROM audit_log a JOIN clients c ON c.id = a.record_id"
            )
        }
    assert hers in seen and his not in seen
    assert owners == {"ivanova"}


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET login = 'someone'",
        "DELETE FROM audit_log",
        "INSERT INTO audit_log (at, table_name, record_id, action, changes) "
        "VALUES (now(), 'clients', gen_random_uuid(), 'update', '{}')",
        "DELETE FROM audit_seals",
    ],
)
def test_an_app_user_cannot_alter_the_history(office: Office, statement: str) -> None:
    with seated(office, "kuznetsov") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)


def test_a_laptops_offline_edit_is_recorded_at_the_office_under_her_login(
    tmp_path: Path, office: Office
) -> None:
    server = open_database(office.location("ivanova"))
    server.take_seat()
    admin = open_database(office.admin)
    try:
        laptop = open_database(
            Location(kind="sqlite", path=tmp_path / "ivanova.sqlite3"), create=True
        )
        upgrade(laptop)
        engine.init_replica(laptop, server, server.location.url(), "ivanova")
        with laptop.unit_of_work("ivanova") as session:
            made = create_client(
                session, ClientChanges(name="Офлайн Клиент", phones=["+79120001122"])
            )
        engine.synchronise(laptop, server)
        with admin.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT login, action FROM audit_log WHERE record_id = :id ORDER BY id"),
                {"id": made.id},
            ).all()
            assert verify_chain(conn).broken is None
        assert [tuple(r) for r in rows] == [("ivanova", "insert"), ("ivanova", "update")]
        laptop.dispose()
    finally:
        server.dispose()
        admin.dispose()
