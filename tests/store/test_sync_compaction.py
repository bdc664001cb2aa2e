"""Tombstones on the office server (issue 8): a deleted record is removed for good only
once every active laptop has pulled its deletion; a laptop away past that point pushes
its queue first, then downloads afresh, and loses nothing it had not sent."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import text

from crm_desktop.models import InteractionKind, utcnow
from crm_desktop.services.clients import ClientChanges, create_client, delete_client, edit_client
from crm_desktop.services.interactions import add_interaction
from crm_desktop.store.database import Database
from crm_desktop.sync import compaction, engine
from tests.store.test_sync_engine import snapshot
from tests.sync_replicas import Laptop


def _rows(db: Database, client_id: uuid.UUID) -> tuple[int, int]:
    """(the client's rows, its sync records) in `db`."""
    hexed = client_id.hex if db.location.is_sqlite else str(client_id)
    with db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT count(*) FROM clients WHERE id = :i"), {"i": hexed}
        ).scalar_one()
        clocks = conn.execute(
            text("SELECT count(*) FROM sync_row WHERE row_id = :i"), {"i": hexed}
        ).scalar_one()
    return int(rows), int(clocks)


def _deleted_at_the_office(server: Database, name: str) -> uuid.UUID:
    with server.unit_of_work() as session:
        client_id = create_client(session, ClientChanges(name=name, phones=["+79160007788"])).id
    with server.unit_of_work() as session:
        delete_client(session, client_id)
    return client_id


def test_a_tombstone_waits_for_every_active_laptop_then_goes(
    server: Database, laptop: Laptop
) -> None:
    anna, boris = laptop("anna"), laptop("boris")
    engine.synchronise(anna, server)
    engine.synchronise(boris, server)
    gone = _deleted_at_the_office(server, "Удалённый Клиент")
    engine.synchronise(anna, server)  # Anna has the deletion, Boris not yet
    report = compaction.compact(server, keep_days=0)
    assert report.active_replicas == 2
    assert report.removed == 0 and _rows(server, gone) == (1, 1)
    engine.synchronise(boris, server)
    report = compaction.compact(server, keep_days=0)
    assert report.removed == 2  # the client and its phone
    assert _rows(server, gone) == (0, 0)
    # a deletion younger than the recycle bin's keeping time stays restorable
    recent = _deleted_at_the_office(server, "Недавно Удалённый")
    for mine in (anna, boris):
        engine.synchronise(mine, server)
    assert compaction.compact(server).removed == 0 and _rows(server, recent) == (1, 1)
    for mine in (anna, boris):
        assert engine.synchronise(mine, server).pending == 0
    # the laptops removed what the office removed for good: every copy the same
    office = snapshot(server)
    for mine in (anna, boris):
        assert _rows(mine, gone) == (0, 0)
        assert snapshot(mine) == office


def test_an_edit_of_a_record_removed_for_good_does_not_come_back_or_block_the_sync(
    server: Database, laptop: Laptop
) -> None:
    """A laptop away for long logged a call on a client the office deleted and removed
    meanwhile: the sync does not fail for ever on the missing client, the client does
    not come back alive, and the laptop lists the edit as a conflict."""
    with server.unit_of_work() as session:
        gone = create_client(session, ClientChanges(name="Удалённый Навсегда")).id
    anna, away = laptop("anna"), laptop("away")
    engine.synchronise(anna, server)
    engine.synchronise(away, server)
    with server.unit_of_work() as session:
        delete_client(session, gone)
    with away.unit_of_work() as session:
        add_interaction(session, gone, InteractionKind.CALL, text="Звонил, договорились")
    site = engine._site(away)
    with server.engine.begin() as conn:
        conn.execute(
            text("UPDATE sync_replicas SET seen_at = :t WHERE site = :s"),
            {"t": utcnow() - dt.timedelta(days=180), "s": site},
        )
    engine.synchronise(anna, server)
    assert compaction.compact(server, keep_days=0).removed == 1
    report = engine.synchronise(away, server)
    assert report.pending == 0 and report.conflicts >= 1
    assert "purged" in {c["kind"] for c in engine.conflicts_json(away)}
    assert _rows(server, gone) == (0, 0)  # not back at the office
    engine.synchronise(anna, server)
    office = snapshot(server)
    assert snapshot(away) == office and snapshot(anna) == office


def test_a_laptop_behind_with_an_edit_queued_meanwhile_waits_for_the_next_sync(
    server: Database, laptop: Laptop
) -> None:
    with server.unit_of_work() as session:
        gone = create_client(session, ClientChanges(name="Удалённый Пока Ждём")).id
    away = laptop("away")
    engine.synchronise(away, server)
    with server.unit_of_work() as session:
        delete_client(session, gone)
    with server.engine.begin() as conn:  # nobody active: the office does not wait
        conn.execute(text("DELETE FROM sync_replicas"))
    assert compaction.compact(server, keep_days=0).removed == 1
    with away.unit_of_work() as session:  # written between its push and its refresh
        made = create_client(session, ClientChanges(name="Только Что Записан")).id
    with away.engine.connect() as conn:
        cursor = conn.exec_driver_sql("SELECT pull_cursor FROM sync_replica").scalar()
    refreshed = compaction.refresh_if_behind(away, server, lambda: "0", lambda: None)
    assert refreshed is False  # no wipe with something queued: no pull either
    with away.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT pull_cursor FROM sync_replica").scalar() == cursor
    engine.synchronise(away, server)  # pushes, then downloads afresh
    assert _rows(away, gone) == (0, 0) and _rows(away, made) == (1, 1)
    assert snapshot(away) == snapshot(server)


def test_a_laptop_away_past_the_compaction_pushes_then_downloads_afresh(
    server: Database, laptop: Laptop
) -> None:
    with server.unit_of_work() as session:
        gone = create_client(session, ClientChanges(name="Давно Удалённый")).id
    anna, away = laptop("anna"), laptop("away")  # both receive the client
    engine.synchronise(anna, server)
    engine.synchronise(away, server)
    with server.unit_of_work() as session:
        delete_client(session, gone)
    with away.unit_of_work() as session:  # offline work on the laptop that stays away
        made = create_client(session, ClientChanges(name="Клиент Из Командировки")).id
    site = engine._site(away)
    with server.engine.begin() as conn:  # not seen for half a year
        conn.execute(
            text("UPDATE sync_replicas SET seen_at = :t WHERE site = :s"),
            {"t": utcnow() - dt.timedelta(days=180), "s": site},
        )
    engine.synchronise(anna, server)
    report = compaction.compact(server, keep_days=0)
    assert report.active_replicas == 1 and report.removed == 1
    assert compaction.behind(away, server)
    assert _rows(away, gone) == (1, 1)  # the laptop still holds the client, alive
    report_away = engine.synchronise(away, server)
    assert report_away.pending == 0
    assert not compaction.behind(away, server)
    assert _rows(away, gone) == (0, 0)  # downloaded afresh: the tombstone is gone
    with server.engine.connect() as conn:
        name = conn.execute(
            text("SELECT name FROM clients WHERE id = :i"), {"i": made}
        ).scalar_one()
    assert name == "Клиент Из Командировки"  # its queue went first
    with away.unit_of_work() as session:  # and it works on as before
        edit_client(session, made, ClientChanges(position="Директор"))
    assert engine.synchronise(away, server).pushed == 1
    engine.synchronise(anna, server)
    with anna.engine.connect() as conn:
        position = conn.execute(
            text("SELECT position FROM clients WHERE id = :i"), {"i": made.hex}
        ).scalar_one()
    assert position == "Директор"
