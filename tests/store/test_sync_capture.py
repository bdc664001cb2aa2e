"""Change capture (issue 8): every write to a synchronised table leaves its per-field clocks
and causal length, whichever way it is made, on SQLite and PostgreSQL; the sync's own
writes leave nothing."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import Connection, insert, text, update

from crm_desktop.models import Client, ClientKind, new_id, utcnow
from crm_desktop.services.clients import ClientChanges, create_client, delete_client, edit_client
from crm_desktop.store import change_capture as capture
from crm_desktop.store.database import Database
from crm_desktop.store.synced_tables import synced_tables
from crm_desktop.sync import hlc


@pytest.fixture
def site(db: Database) -> uuid.UUID:
    with db.engine.begin() as conn:
        return capture.install(conn)


def record(db: Database, table: str, row: uuid.UUID) -> tuple[int, dict[str, list[Any]]] | None:
    with db.engine.connect() as conn:
        found = conn.execute(
            text("SELECT cl, clocks FROM sync_row WHERE table_name = :t AND row_id = :r"),
            {"t": table, "r": row.hex if db.dialect == "sqlite" else str(row)},
        ).first()
    if found is None:
        return None
    clocks = found[1] if isinstance(found[1], dict) else json.loads(found[1])
    return int(found[0]), clocks


def outbox(db: Database) -> list[tuple[str, str]]:
    if db.dialect != "sqlite":
        return []
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT table_name, row_id FROM sync_outbox ORDER BY seq")
        return [(str(t), str(r)) for t, r in rows]


def test_a_new_client_gets_a_clock_on_every_field(db: Database, site: uuid.UUID) -> None:
    before = hlc.pack(hlc.now_ms() - 1000)
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Петрова Анна"))
    found = record(db, "clients", client.id)
    assert found is not None
    cl, clocks = found
    assert cl == 1
    [clients] = [t for t in synced_tables() if t.name == "clients"]
    assert "search_text" not in clients.fields and "version" not in clients.fields
    stamps = {capture.field_clock(clocks, f) for f in clients.fields}
    assert len(stamps) == 1  # one write, one clock for every field
    [(clock, writer)] = stamps
    assert uuid.UUID(writer) == site
    assert clock > before
    assert abs(hlc.physical(clock) - hlc.now_ms()) < 60_000
    if db.dialect == "sqlite":
        assert (("clients", client.id.hex)) in outbox(db)


def test_an_edit_stamps_only_the_fields_it_changed(db: Database, site: uuid.UUID) -> None:
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Петрова Анна", inn="500100732259"))
    first = record(db, "clients", client.id)
    assert first is not None
    with db.unit_of_work() as session:
        edit_client(
            session, client.id, ClientChanges(name="Петрова-Смирнова Анна", inn="500100732259")
        )
    second = record(db, "clients", client.id)
    assert second is not None

    def clock(found: tuple[int, dict[str, list[Any]]], field: str) -> tuple[int, str]:
        return capture.field_clock(found[1], field)

    assert clock(second, "name")[0] > clock(first, "name")[0]
    assert clock(second, "name")[1] == clock(first, "name")[1]  # the same site
    assert clock(second, "inn") == clock(first, "inn")  # the same value again: no change
    assert clock(second, "kind") == clock(first, "kind")
    assert set(second[1]) - set(first[1]) >= {"name", "updated_at"}
    assert "inn" not in second[1] and "kind" not in second[1]
    assert second[0] == 1


def test_delete_and_restore_move_the_causal_length(db: Database, site: uuid.UUID) -> None:
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Иванов Пётр"))
    with db.unit_of_work() as session:
        delete_client(session, client.id)
    deleted = record(db, "clients", client.id)
    assert deleted is not None and deleted[0] == 2
    with db.engine.begin() as conn:  # a restore, made the way any tool could make it
        conn.execute(update(Client).where(Client.id == client.id).values(deleted_at=None))
    restored = record(db, "clients", client.id)
    assert restored is not None and restored[0] == 3
    assert (
        capture.field_clock(restored[1], "deleted_at")[0]
        > capture.field_clock(deleted[1], "deleted_at")[0]
    )
    if db.dialect == "sqlite":
        assert outbox(db).count(("clients", client.id.hex)) == 1  # queued once


def test_bulk_and_raw_writes_are_captured_too(db: Database, site: uuid.UUID) -> None:
    now = utcnow()
    ids = [new_id() for _ in range(3)]
    with db.engine.begin() as conn:
        conn.execute(
            insert(Client),
            [
                {
                    "id": i,
                    "kind": ClientKind.PERSON,
                    "name": f"Клиент {n}",
                    "name_folded": f"клиент {n}",
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for n, i in enumerate(ids)
            ],
        )
        conn.execute(
            text("UPDATE clients SET note = 'звонил' WHERE id = :i"),
            {"i": ids[0].hex if db.dialect == "sqlite" else str(ids[0])},
        )
    for i in ids:
        assert record(db, "clients", i) is not None
    first = record(db, "clients", ids[0])
    second = record(db, "clients", ids[1])
    assert first is not None and second is not None
    note_first = capture.field_clock(first[1], "note")
    assert note_first[0] > capture.field_clock(first[1], "name")[0]  # edited after
    assert capture.field_clock(second[1], "note") == capture.field_clock(second[1], "name")


def test_a_hard_delete_leaves_an_even_causal_length(db: Database, site: uuid.UUID) -> None:
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Удаляемый Клиент"))
    with db.engine.begin() as conn:
        conn.execute(
            text("DELETE FROM clients WHERE id = :i"),
            {"i": client.id.hex if db.dialect == "sqlite" else str(client.id)},
        )
    found = record(db, "clients", client.id)
    assert found is not None and found[0] == 2


def test_clocks_only_move_forward(db: Database, site: uuid.UUID) -> None:
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Часов Тик"))
    seen = []
    for n in range(30):
        with db.engine.begin() as conn:
            conn.execute(update(Client).where(Client.id == client.id).values(note=f"правка {n}"))
        found = record(db, "clients", client.id)
        assert found is not None
        seen.append(capture.field_clock(found[1], "note")[0])
    assert seen == sorted(seen) and len(set(seen)) == len(seen)


def _silent_write(conn: Connection, client_id: uuid.UUID) -> None:
    with capture.applying(conn):
        conn.execute(update(Client).where(Client.id == client_id).values(note="с сервера"))


def test_the_syncs_own_writes_are_not_captured(db: Database, site: uuid.UUID) -> None:
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Тихий Клиент"))
    before = record(db, "clients", client.id)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM sync_outbox") if db.dialect == "sqlite" else None
        _silent_write(conn, client.id)
        # after the block, capture is on again in the same transaction
        conn.execute(update(Client).where(Client.id == client.id).values(position="директор"))
    after = record(db, "clients", client.id)
    assert before is not None and after is not None
    assert capture.field_clock(after[1], "note") == capture.field_clock(before[1], "note")
    assert (
        capture.field_clock(after[1], "position")[0] > capture.field_clock(before[1], "position")[0]
    )
    if db.dialect == "sqlite":
        assert outbox(db) == [("clients", client.id.hex)]


def test_install_is_repeatable_and_keeps_the_site(db: Database, site: uuid.UUID) -> None:
    with db.engine.begin() as conn:
        first = capture.installed_triggers(conn)
        again = capture.install(conn)
        assert capture.installed_triggers(conn) == first
    assert again == site
    expected = len(synced_tables()) * 3  # insert, update, delete
    assert len(first) == expected
    with db.engine.begin() as conn:
        capture.uninstall_triggers(conn)
        assert capture.installed_triggers(conn) == []
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Без Учёта"))
    assert record(db, "clients", client.id) is None


def test_a_failed_write_leaves_no_clock(db: Database, site: uuid.UUID) -> None:
    client_id = new_id()
    with pytest.raises(RuntimeError), db.engine.begin() as conn:
        conn.execute(
            insert(Client).values(
                id=client_id,
                kind=ClientKind.PERSON,
                name="Откат",
                name_folded="откат",
                version=1,
                created_at=utcnow(),
                updated_at=utcnow(),
            )
        )
        raise RuntimeError("the unit of work fails after the insert")
    assert record(db, "clients", client_id) is None
    assert outbox(db) == []


def test_a_record_from_before_capture_gets_clocks_for_what_changes(db: Database) -> None:
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Старожил Семён"))
    with db.engine.begin() as conn:
        capture.install(conn)
    assert record(db, "clients", client.id) == (1, {})  # written before: no clocks yet
    with db.engine.begin() as conn:
        conn.execute(update(Client).where(Client.id == client.id).values(note="новая заметка"))
    found = record(db, "clients", client.id)
    assert found is not None
    assert found[0] == 1
    assert capture.field_clock(found[1], "note")[0] > 0
    assert capture.field_clock(found[1], "name") == (0, "")  # older than any edit


def test_an_edit_remembers_the_entry_it_replaced(db: Database, site: uuid.UUID) -> None:
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Базов Борис"))
    created = record(db, "clients", client.id)
    with db.engine.begin() as conn:
        conn.execute(update(Client).where(Client.id == client.id).values(note="первая"))
    first = record(db, "clients", client.id)
    with db.engine.begin() as conn:
        conn.execute(update(Client).where(Client.id == client.id).values(note="вторая"))
    second = record(db, "clients", client.id)
    assert created is not None and first is not None and second is not None
    # the first edit was made on top of the creation, the second on top of the first
    assert capture.field_base(first[1], "note") == capture.field_clock(created[1], "note")
    assert capture.field_base(second[1], "note") == capture.field_clock(first[1], "note")
    with db.unit_of_work() as session:
        delete_client(session, client.id)
    deleted = record(db, "clients", client.id)
    assert deleted is not None
    assert capture.field_base(deleted[1], "deleted_at") == capture.field_clock(
        second[1], "deleted_at"
    )
