"""A faulty transport between laptop replicas and the office server, for the sync tests
(issue 8, "a test transport that drops, duplicates and reorders"): it drives the same
steps as `sync.engine` (batches out, pages in) but loses a batch on the way, delivers a
batch twice, or hands the laptop pages of changes out of order and more than once.
Nothing here is a stand-in for the engine: each delivered message goes through the
engine's own functions into the real databases."""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy import text

from crm_desktop.models import utcnow
from crm_desktop.store.database import Database
from crm_desktop.sync import engine, replica
from crm_desktop.sync.apply import apply_states


def lose_push(laptop: Database) -> bool:
    """A batch is made and sent, but lost before the office: nothing arrives, the laptop
    keeps it (and sends the same batch id again later)."""
    return engine._next_batch(laptop, 3) is not None


def push_twice(laptop: Database, server: Database) -> bool:
    """A batch delivered twice (a retry that crossed the first answer): the office must
    apply it once; the laptop then hears back and forgets it."""
    batch = engine._next_batch(laptop, 3)
    if batch is None:
        return False
    site = engine._site(laptop)
    with laptop.engine.connect() as conn:
        states = [
            replace(s, origin=site, new_since=batch.since.get(s.row_id, 0))
            for s in engine._states(conn, batch.entries)
        ]
    first = engine.send_batch(server, batch.batch_id, site, states)
    second = engine.send_batch(server, batch.batch_id, site, states)
    assert [c.row_id for c in second] == [c.row_id for c in first]  # the same answer
    with laptop.engine.begin() as conn:
        conn.execute(text("DELETE FROM sync_outbox WHERE batch_id = :b"), {"b": batch.batch_id})
        replica.record_conflicts(conn, first, utcnow())
    return True


def pages_out_of_order(laptop: Database, server: Database, size: int) -> int:
    """Pages of the office's changes since the laptop's cursor, delivered last first and
    the first one twice, without moving the cursor (a stray copy of messages the laptop
    will receive again in order): applying must be indifferent to order and repetition.
    Returns how many pages were delivered."""
    with laptop.engine.connect() as conn:
        cursor = replica.state(conn).pull_cursor
    with server.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT table_name, row_id FROM sync_row WHERE txid >= CAST(:c AS xid8) "
                "ORDER BY sync_row.txid, table_name, row_id LIMIT :n"
            ),
            {"c": cursor, "n": size * 3},
        ).all()
        pages = [
            [(str(t), uuid.UUID(str(r))) for t, r in rows[start : start + size]]
            for start in range(0, len(rows), size)
        ]
        delivered = [
            (states := engine._states(conn, page)) + engine._missing_parents(laptop, conn, states)
            for page in pages
        ]
    order = [*reversed(delivered), *delivered[:1]]
    for states in order:
        with laptop.engine.begin() as conn:
            applied = apply_states(conn, states)
            replica.record_conflicts(conn, applied.conflicts, utcnow())
    return len(order)
