"""Applying another computer's record states (issue 8): two databases that exchange what
their change capture recorded end up with the same records, field by field, on SQLite
and PostgreSQL (`db` is the office side; the laptop is a SQLite file)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text, update

from crm_desktop.models import Client
from crm_desktop.services.clients import (
    ClientChanges,
    create_client,
    delete_client,
    edit_client,
    get_client,
)
from crm_desktop.services.search import search_clients
from crm_desktop.store import change_capture as capture
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location
from crm_desktop.store.schema import upgrade
from crm_desktop.store.synced_tables import synced_tables
from crm_desktop.sync.apply import ApplyReport, apply_states, read_states
from crm_desktop.sync.merge import ConflictKind, RecordState


@pytest.fixture
def office(db: Database) -> Database:
    with db.engine.begin() as conn:
        capture.install(conn)
    return db


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Database]:
    database = open_database(Location(kind="sqlite", path=tmp_path / "laptop.sqlite3"), create=True)
    upgrade(database)
    with database.engine.begin() as conn:
        capture.install(conn)
    yield database
    database.dispose()


def everything(source: Database) -> list[RecordState]:
    """Every record state `source` has recorded, parents' tables first."""
    states: list[RecordState] = []
    with source.engine.connect() as conn:
        for synced in synced_tables():
            ids = [
                uuid.UUID(str(r[0]))
                for r in conn.execute(
                    text("SELECT row_id FROM sync_row WHERE table_name = :t"), {"t": synced.name}
                )
            ]
            states += read_states(conn, synced, ids).values()
    return states


def send(source: Database, target: Database) -> ApplyReport:
    states = everything(source)
    with target.engine.begin() as conn:
        return apply_states(conn, states)


def resolved(database: Database) -> dict[tuple[str, uuid.UUID], object]:
    found: dict[tuple[str, uuid.UUID], object] = {}
    fields = {t.name: t.fields for t in synced_tables()}
    for state in everything(database):
        found[(state.table, state.row_id)] = (state.cl, state.resolved(fields[state.table]))
    return found


def assert_same(one: Database, other: Database) -> None:
    """Both databases hold the same records, field by field (entries and values)."""
    a, b = resolved(one), resolved(other)
    assert set(a) == set(b)
    differ = []
    for key in a:
        cl_a, fields_a = a[key]  # type: ignore[misc]
        cl_b, fields_b = b[key]  # type: ignore[misc]
        if cl_a != cl_b:
            differ.append((key, "cl", cl_a, cl_b))
        differ += [
            (key, f, fields_a[f], fields_b[f]) for f in fields_a if fields_a[f] != fields_b[f]
        ]
    assert differ == []


def outbox(database: Database) -> int:
    with database.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one())


def test_a_client_made_on_one_side_arrives_whole(office: Database, laptop: Database) -> None:
    with office.unit_of_work() as session:
        company = create_client(session, ClientChanges(kind="company", name="ООО «Ромашка»"))
        person = create_client(
            session,
            ClientChanges(
                name="Соколова Мария",
                company_id=company.id,
                phones=["+79161234567"],
                emails=["sokolova@romashka.ru"],
            ),
        )
    report = send(office, laptop)
    assert report.applied >= 4 and report.conflicts == []
    with laptop.unit_of_work() as session:
        copy = get_client(session, person.id)
        assert copy.name == "Соколова Мария"
        assert copy.company == "Ромашка"
        assert copy.phones == ["+79161234567"]
        assert [c.name for c in search_clients(session, "1234567")] == ["Соколова Мария"]
        assert [c.name for c in search_clients(session, "ромаш")] == ["Ромашка", "Соколова Мария"]
    assert_same(laptop, office)
    assert outbox(laptop) == 0  # what arrived is not queued to go back
    assert send(office, laptop).applied == 0  # the same states again: nothing to do


def test_different_fields_edited_on_both_sides_both_stay(
    office: Database, laptop: Database
) -> None:
    with office.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Орлов Денис"))
    send(office, laptop)
    with office.engine.begin() as conn:
        conn.execute(update(Client).where(Client.id == client.id).values(position="директор"))
    with laptop.engine.begin() as conn:
        conn.execute(update(Client).where(Client.id == client.id).values(note="перезвонить"))
    assert send(laptop, office).conflicts == []
    assert send(office, laptop).conflicts == []
    for side in (office, laptop):
        with side.unit_of_work() as session:
            copy = get_client(session, client.id)
            assert (copy.position, copy.note) == ("директор", "перезвонить")
    assert_same(laptop, office)


def test_the_same_guarded_field_edited_on_both_sides_is_a_conflict(
    office: Database, laptop: Database
) -> None:
    with office.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Волков Илья"))
    send(office, laptop)
    with laptop.unit_of_work() as session:
        edit_client(session, client.id, ClientChanges(name="Волков Илья Петрович"))
    with office.unit_of_work() as session:  # later: this one wins
        edit_client(session, client.id, ClientChanges(name="Волков И. П."))
    on_office = send(laptop, office)
    on_laptop = send(office, laptop)
    for report in (on_office, on_laptop):
        [conflict] = report.conflicts
        assert conflict.kind is ConflictKind.FIELD and conflict.field == "name"
        assert (conflict.kept, conflict.other) == ("Волков И. П.", "Волков Илья Петрович")
    for side in (office, laptop):
        with side.unit_of_work() as session:
            assert get_client(session, client.id).name == "Волков И. П."
    assert_same(laptop, office)


def test_an_edit_in_sequence_is_no_conflict(office: Database, laptop: Database) -> None:
    with office.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Зайцев Олег"))
    send(office, laptop)
    with laptop.unit_of_work() as session:
        edit_client(session, client.id, ClientChanges(name="Зайцев Олег Иванович"))
    assert send(laptop, office).conflicts == []
    with office.unit_of_work() as session:  # made on top of the laptop's edit
        edit_client(session, client.id, ClientChanges(name="Зайцев О. И."))
    assert send(office, laptop).conflicts == []
    with laptop.unit_of_work() as session:
        assert get_client(session, client.id).name == "Зайцев О. И."


def test_an_edit_meeting_a_deletion_keeps_the_deletion(office: Database, laptop: Database) -> None:
    with office.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Лебедев Антон"))
    send(office, laptop)
    with office.unit_of_work() as session:
        delete_client(session, client.id)
    with laptop.engine.begin() as conn:
        conn.execute(update(Client).where(Client.id == client.id).values(note="важный клиент"))
    report = send(laptop, office)
    [conflict] = report.conflicts
    assert conflict.kind is ConflictKind.DELETED and conflict.other == "важный клиент"
    send(office, laptop)
    for side in (office, laptop):
        with side.engine.connect() as conn:
            deleted_at, note = conn.execute(
                text("SELECT deleted_at, note FROM clients WHERE id = :i"),
                {"i": client.id.hex if side.dialect == "sqlite" else str(client.id)},
            ).one()
        assert deleted_at is not None  # still deleted everywhere
        assert note == "важный клиент"  # and a restore brings the edit back
    assert_same(laptop, office)
