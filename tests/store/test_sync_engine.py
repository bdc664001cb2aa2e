"""Push and pull (issue 8): laptops' SQLite replicas and the office PostgreSQL meet and end
identical, nothing acknowledged is lost, nothing is applied twice."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text, update

from crm_desktop.errors import SchemaMismatch
from crm_desktop.models import Client
from crm_desktop.services.clients import ClientChanges, create_client, edit_client, get_client
from crm_desktop.services.search import search_clients
from crm_desktop.store.database import Database
from crm_desktop.store.schema import REVISIONS
from crm_desktop.store.synced_tables import synced_tables
from crm_desktop.sync import engine, replica
from crm_desktop.sync.apply import read_states
from tests.sync_replicas import Laptop


def snapshot(database: Database) -> dict[tuple[str, uuid.UUID], object]:
    found: dict[tuple[str, uuid.UUID], object] = {}
    with database.engine.connect() as conn:
        for synced in synced_tables():
            ids = [
                uuid.UUID(str(r[0]))
                for r in conn.execute(
                    text("SELECT row_id FROM sync_row WHERE table_name = :t"), {"t": synced.name}
                )
            ]
            for state in read_states(conn, synced, ids).values():
                found[(synced.name, state.row_id)] = (state.cl, state.resolved(synced.fields))
    return found


def names(database: Database) -> list[str]:
    with database.engine.connect() as conn:
        return sorted(str(n) for n in conn.execute(text("SELECT name FROM clients")).scalars())


def test_a_new_replica_downloads_everything_even_from_before_capture(
    server: Database, laptop: Laptop
) -> None:
    mine = laptop("anna")
    assert names(mine) == ["Старый Клиент"]
    with mine.unit_of_work() as session:
        [old] = list(session.scalars(select(Client)))
        assert get_client(session, old.id).phones == ["+79035550000"]
    assert snapshot(mine) == snapshot(server)
    with mine.engine.connect() as conn:
        status = engine.status_json(mine)
        assert status["pending"] == 0 and status["conflicts"] == 0
        assert status["last_sync"] is not None
        assert replica.pending(conn) == 0


def test_two_laptops_and_the_office_end_identical(server: Database, laptop: Laptop) -> None:
    anna, boris = laptop("anna"), laptop("boris")
    with anna.unit_of_work() as session:
        a = create_client(session, ClientChanges(name="Клиент Анны", phones=["+79161112233"]))
    with boris.unit_of_work() as session:
        b = create_client(session, ClientChanges(name="Клиент Бориса", emails=["b@example.ru"]))
    with server.unit_of_work() as session:  # a desktop working on the server directly
        c = create_client(session, ClientChanges(name="Клиент Офиса"))
    first = engine.synchronise(anna, server)
    assert first.pushed == 2 and first.pending == 0  # the client and its phone
    engine.synchronise(boris, server)
    engine.synchronise(anna, server)
    expected = ["Клиент Анны", "Клиент Бориса", "Клиент Офиса", "Старый Клиент"]
    for side in (anna, boris, server):
        assert names(side) == expected
    assert snapshot(anna) == snapshot(server) == snapshot(boris)
    with boris.unit_of_work() as session:
        assert get_client(session, a.id).phones == ["+79161112233"]
        assert get_client(session, c.id).name == "Клиент Офиса"
    with anna.unit_of_work() as session:
        assert get_client(session, b.id).emails == ["b@example.ru"]


def test_offline_edits_on_both_laptops_converge_with_a_conflict(
    server: Database, laptop: Laptop
) -> None:
    anna, boris = laptop("anna"), laptop("boris")
    [old_id] = [k[1] for k in snapshot(server) if k[0] == "clients"]
    with anna.unit_of_work() as session:
        edit_client(session, old_id, ClientChanges(name="Старый Клиент (Анна)"))
    with anna.engine.begin() as conn:
        conn.execute(update(Client).where(Client.id == old_id).values(position="закупщик"))
    with boris.unit_of_work() as session:  # later, and neither saw the other
        edit_client(session, old_id, ClientChanges(name="Старый Клиент (Борис)"))
    engine.synchronise(anna, server)
    report = engine.synchronise(boris, server)
    assert report.conflicts == 1
    engine.synchronise(anna, server)
    for side in (anna, boris, server):
        with side.unit_of_work() as session:
            client = get_client(session, old_id)
            assert (client.name, client.position) == ("Старый Клиент (Борис)", "закупщик")
    assert snapshot(anna) == snapshot(server) == snapshot(boris)
    [conflict] = engine.conflicts_json(boris)
    assert conflict["field"] == "name"
    assert conflict["mine"] == "Старый Клиент (Борис)"
    assert conflict["theirs"] == "Старый Клиент (Анна)"
    engine.resolve_conflict(boris, conflict["id"], keep="theirs")
    assert engine.conflicts_json(boris) == []
    engine.synchronise(boris, server)
    engine.synchronise(anna, server)
    for side in (anna, boris, server):
        with side.unit_of_work() as session:
            assert get_client(session, old_id).name == "Старый Клиент (Анна)"


def test_a_batch_sent_again_is_not_applied_twice(server: Database, laptop: Laptop) -> None:
    anna = laptop("anna")
    with anna.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Повторов Пётр"))
    batch = engine._next_batch(anna, 100)
    assert batch is not None
    engine.push(anna, server)  # sent and acknowledged: the queue is empty
    with server.engine.connect() as conn:
        applied = conn.execute(
            text("SELECT records FROM sync_batches WHERE batch_id = CAST(:b AS uuid)"),
            {"b": batch.batch_id},
        ).scalar_one()
    assert applied == 1
    # the acknowledgement was lost: the laptop queues the same batch id again
    with anna.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_outbox (table_name, row_id, batch_id) VALUES ('clients', :r, :b)"
            ),
            {"r": client.id.hex, "b": batch.batch_id},
        )
    with server.engine.begin() as conn:  # meanwhile the office edited the client
        conn.execute(update(Client).where(Client.id == client.id).values(note="из офиса"))
    again = engine.push(anna, server)
    assert again.pushed == 1
    with server.unit_of_work() as session:
        assert get_client(session, client.id).note == "из офиса"  # nothing re-applied
    with anna.engine.connect() as conn:
        assert replica.pending(conn) == 0


def test_an_edit_made_while_its_batch_was_away_goes_in_the_next(
    server: Database, laptop: Laptop
) -> None:
    anna = laptop("anna")
    with anna.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Быстров Борис"))
    batch = engine._next_batch(anna, 100)  # given a batch id, as a push does first
    assert batch is not None
    with anna.engine.begin() as conn:  # edited again before the push went out
        conn.execute(update(Client).where(Client.id == client.id).values(note="позже"))
        assert conn.exec_driver_sql("SELECT batch_id FROM sync_outbox").scalar() is None
    engine.push(anna, server)
    with server.unit_of_work() as session:
        assert get_client(session, client.id).note == "позже"


def test_a_pull_in_small_pages_gets_everything(server: Database, laptop: Laptop) -> None:
    with server.unit_of_work() as session:
        for n in range(12):
            create_client(session, ClientChanges(name=f"Страничный {n:02d}"))
    anna = laptop("anna")  # the download itself
    assert len(names(anna)) == 13
    with server.unit_of_work() as session:
        for n in range(5):
            create_client(session, ClientChanges(name=f"Новый {n}"))
    report = engine.pull(anna, server, page_size=2)
    assert report.pulled == 5
    assert snapshot(anna) == snapshot(server)


def test_a_conflict_met_again_is_listed_once(server: Database, laptop: Laptop) -> None:
    anna, boris = laptop("anna"), laptop("boris")
    [old_id] = [k[1] for k in snapshot(server) if k[0] == "clients"]
    with anna.unit_of_work() as session:
        edit_client(session, old_id, ClientChanges(name="Имя от Анны"))
    with boris.unit_of_work() as session:
        edit_client(session, old_id, ClientChanges(name="Имя от Бориса"))
    engine.synchronise(anna, server)
    engine.synchronise(boris, server)  # found at the push; the pull brings both back
    engine.synchronise(boris, server)
    assert [c["field"] for c in engine.conflicts_json(boris)] == ["name"]


def test_a_person_downloaded_before_the_company_finds_it_by_name(
    server: Database, laptop: Laptop
) -> None:
    anna = laptop("anna")
    with server.unit_of_work() as session:
        company = create_client(session, ClientChanges(kind="company", name="ООО «Ясень»"))
        create_client(session, ClientChanges(name="Осинова Ольга", company_id=company.id))
    with server.unit_of_work() as session:  # the company changes later: a later page
        edit_client(session, company.id, ClientChanges(kind="company", name="ООО «Клён»"))
    engine.pull(anna, server, page_size=1)
    with anna.unit_of_work() as session:
        found = [c.name for c in search_clients(session, "клён")]
    assert found == ["Клён", "Осинова Ольга"]


def test_the_handshake_refuses_a_newer_server_and_keeps_the_queue(
    server: Database, laptop: Laptop
) -> None:
    anna = laptop("anna")
    with anna.unit_of_work() as session:
        create_client(session, ClientChanges(name="Ждёт Обновления"))
    with server.engine.begin() as conn:  # the office was upgraded by a newer program
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        conn.execute(text("UPDATE sync_site SET accepts = '9998,9999'"))
    with pytest.raises(SchemaMismatch, match="update this program"):
        engine.synchronise(anna, server)
    with anna.engine.connect() as conn:
        assert replica.pending(conn) == 1  # the new client, still queued


def test_the_handshake_refuses_an_older_server_and_takes_the_previous_laptop(
    server: Database, laptop: Laptop
) -> None:
    anna = laptop("anna")
    head = REVISIONS[-1]
    previous = REVISIONS[-2]
    with server.engine.begin() as conn:  # a server one version behind this program
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": previous})
        conn.execute(text("UPDATE sync_site SET accepts = :a"), {"a": previous})
    with pytest.raises(SchemaMismatch, match="server init"):
        engine.synchronise(anna, server)
    with server.engine.begin() as conn:  # a server that takes this program's version
        conn.execute(text("UPDATE sync_site SET accepts = :a"), {"a": f"{previous},{head}"})
    assert engine.synchronise(anna, server).pending == 0


def test_a_pull_in_pages_takes_changes_whose_transaction_numbers_cross_a_power_of_ten(
    server: Database, laptop: Laptop
) -> None:
    """Pages follow the transaction numbers as numbers: 99 999 before 100 000 (as text
    "100000" sorts first, and the page after it skipped 99 999)."""
    mine = laptop("anna")
    with server.unit_of_work() as session:
        made = [create_client(session, ClientChanges(name=f"Страничный {n}")).id for n in range(3)]
    with server.engine.begin() as conn:
        current = int(conn.execute(text("SELECT pg_current_xact_id()::text")).scalar_one())
        power = 10 ** len(str(current))
        for client_id, txid in zip(made, (power - 1, power, power * 10), strict=True):
            conn.execute(
                text("UPDATE sync_row SET txid = CAST(:x AS xid8) WHERE row_id = :r"),
                {"x": str(txid), "r": client_id},
            )
    engine.synchronise(mine, server, page_size=1)
    assert {f"Страничный {n}" for n in range(3)} <= set(names(mine))
