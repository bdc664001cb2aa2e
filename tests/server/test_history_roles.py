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
        # the office's own change comes down to the laptop without a laptop entry: the
        # office's history holds it, under its author
        with admin.engine.begin() as conn:
            conn.execute(
                text("UPDATE clients SET note = 'из офиса' WHERE id = :id"), {"id": made.id}
            )
        engine.synchronise(laptop, server)
        with laptop.engine.connect() as conn:
            assert (
                conn.execute(
                    text("SELECT note FROM clients WHERE id = :id"), {"id": made.id.hex}
                ).scalar()
                == "из офиса"
            )
            notes = conn.execute(
                text("SELECT count(*) FROM audit_log WHERE changes LIKE '%из офиса%'")
            ).scalar()
            assert notes == 0
            assert verify_chain(conn).broken is None
        laptop.dispose()
    finally:
        server.dispose()
        admin.dispose()


def _verify(office: Office) -> object:
    admin = open_database(office.admin)
    try:
        with admin.engine.connect() as conn:
            return verify_chain(conn).broken
    finally:
        admin.dispose()


def test_sealing_early_keeps_the_chain_whole(office: Office) -> None:
    """SET CONSTRAINTS ... IMMEDIATE seals each statement's entries as it goes: later
    entries of the same transaction get a seal of their own."""
    with seated(office, "ivanova") as conn:
        client = _her_client(conn, "ivanova")
        with conn.transaction():
            conn.execute("SET CONSTRAINTS crm_audit_seal IMMEDIATE")
            conn.execute("UPDATE clients SET note = 'раз' WHERE id = %s", (client,))
            conn.execute("UPDATE clients SET note = 'два' WHERE id = %s", (client,))
        seals = conn.execute(
            "SELECT count(*) FROM audit_log WHERE record_id = %s AND changes ? 'note'", (client,)
        ).fetchone()
    assert seals == (2,)
    assert _verify(office) is None


def test_a_forged_seal_mark_leaves_the_entries_outside_the_chain_and_verify_says_so(
    office: Office,
) -> None:
    with seated(office, "ivanova") as conn:
        client = _her_client(conn, "ivanova")
        with conn.transaction():
            conn.execute("UPDATE clients SET note = 'тайком' WHERE id = %s", (client,))
            conn.execute(
                "SELECT set_config('crm.audit_sealed', pg_current_xact_id()::text || ':' || "
                "(SELECT max(id) FROM audit_log "
                "WHERE tx = pg_current_xact_id()::text::bigint)::text, true)"
            )
    broken = _verify(office)
    assert broken is not None and broken.reason == "unsealed"  # type: ignore[attr-defined]


def test_a_repeatable_read_writer_that_fell_behind_is_told_to_try_again(office: Office) -> None:
    with seated(office, "ivanova") as late, seated(office, "petrov") as other:
        hers = _her_client(late, "ivanova")
        his = _her_client(other, "petrov")
        late.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        late.execute("SELECT count(*) FROM clients").fetchone()  # its snapshot is taken
        other.execute("UPDATE clients SET note = 'раньше' WHERE id = %s", (his,))
        late.execute("UPDATE clients SET note = 'позже' WHERE id = %s", (hers,))
        with pytest.raises(psycopg.errors.SerializationFailure):
            late.execute("COMMIT")
    assert _verify(office) is None
