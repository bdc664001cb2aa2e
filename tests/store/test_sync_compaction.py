"""Tombstones on the office server (issue 8): a deleted record is removed for good only
once every active laptop has pulled its deletion; a laptop away past that point pushes
its queue first, then downloads afresh, and loses nothing it had not sent."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import text

from crm_desktop.models import utcnow
from crm_desktop.services.clients import ClientChanges, create_client, delete_client, edit_client
from crm_desktop.store.database import Database
from crm_desktop.sync import compaction, engine
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
