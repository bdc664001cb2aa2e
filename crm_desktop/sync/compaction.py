"""Tombstones on the office server: deleted records (in the recycle bin past its
keeping time) are removed for good only once every active laptop has pulled their
deletion, so no replica can miss it. A laptop away for longer than that (not seen for
`ACTIVE_DAYS`, or behind the compaction anyway) is not waited for: at its next sync it
pushes its queue first, then downloads afresh (`refresh_if_behind`), never losing what
it had not sent.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, exists, select, text

from crm_desktop.models import Base, utcnow
from crm_desktop.store import change_capture as capture
from crm_desktop.store.database import Database
from crm_desktop.store.synced_tables import synced_tables
from crm_desktop.sync.bootstrap import drop_dangling_references
from crm_desktop.sync.unchecked import unchecked

ACTIVE_DAYS = 90  # a laptop not seen for longer downloads afresh when it comes back
KEEP_DAYS = 30  # deleted records stay restorable (the recycle bin) at least this long


@dataclass(frozen=True)
class CompactionReport:
    removed: int  # records removed for good
    horizon: str  # the transaction horizon every active laptop has passed
    active_replicas: int

    def to_json(self) -> dict[str, Any]:
        return {
            "removed": self.removed,
            "horizon": self.horizon,
            "active_replicas": self.active_replicas,
        }


def note_progress(server: Connection, site: str, pulled_to: str) -> None:
    """A laptop finished a pull up to `pulled_to`: the office remembers it."""
    server.execute(
        text(
            "INSERT INTO sync_replicas (site, pulled_to) VALUES (:s, CAST(:p AS xid8)) "
            "ON CONFLICT (site) DO UPDATE SET pulled_to = excluded.pulled_to, "
            "seen_at = now(), login = session_user"
        ),
        {"s": site, "p": pulled_to},
    )


def compacted_below(server: Connection) -> int:
    value = server.exec_driver_sql("SELECT compacted_below FROM sync_site WHERE id = 1").scalar()
    return int(str(value or 0))


def _references(name: str) -> list[tuple[Any, Any, str]]:
    """(child table, its column, the column it refers to) of every foreign key into
    `name` (a client's id, a user's login)."""
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == name:
                found.append((table, fk.parent, fk.column.name))
    return found


# A deleted client's own details go with it for good; what else refers to it (deals,
# invoices: numbered papers are never erased) keeps it.
OWNED = {"clients": ("phones", "emails", "addresses", "messengers", "client_tags")}


def _forget(conn: Connection, table: str, ids: list[uuid.UUID]) -> int:
    """Removed for good: their clocks go, and the purge log tells the laptops."""
    if ids:
        params = {"t": table, "ids": [str(i) for i in ids]}
        conn.execute(
            text(
                "DELETE FROM sync_row WHERE table_name = :t AND row_id = ANY(CAST(:ids AS uuid[]))"
            ),
            params,
        )
        conn.execute(
            text(
                "INSERT INTO sync_purged (table_name, row_id) "
                "SELECT :t, unnest(CAST(:ids AS uuid[])) ON CONFLICT DO NOTHING"
            ),
            params,
        )
    return len(ids)


def purged_since(server: Connection, cursor: str) -> list[tuple[str, uuid.UUID]]:
    """What `server compact` removed at or after the transaction horizon `cursor`."""
    rows = server.execute(
        text("SELECT table_name, row_id FROM sync_purged WHERE txid >= CAST(:c AS xid8)"),
        {"c": cursor},
    )
    return [(str(t), uuid.UUID(str(r))) for t, r in rows]


def remove_purged(laptop: Database, purged: list[tuple[str, uuid.UUID]]) -> int:
    """Remove here what the office removed for good (and what cannot be without it),
    silently: it was deleted everywhere long ago. Returns how many records went."""
    if not purged:
        return 0
    order = {t.name: n for n, t in enumerate(synced_tables())}
    removed = 0
    with unchecked(laptop) as raw:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("UPDATE sync_site SET applying = 1 WHERE id = 1")
        for table, row_id in sorted(purged, key=lambda p: -order.get(p[0], 0)):
            if table not in order:
                continue
            removed += raw.execute(f'DELETE FROM "{table}" WHERE id = ?', (row_id.hex,)).rowcount
            raw.execute(
                "DELETE FROM sync_row WHERE table_name = ? AND row_id = ?", (table, row_id.hex)
            )
        drop_dangling_references(raw)
        raw.execute("UPDATE sync_site SET applying = 0 WHERE id = 1")
        raw.execute("COMMIT")
        return removed


def _compact_table(conn: Connection, name: str, cutoff: dt.datetime, horizon: int) -> int:
    """Remove `name`'s tombstones older than `cutoff` whose deletion is below `horizon`
    and that nothing but their own details refers to; returns how many records went."""
    table = Base.metadata.tables[name]
    if "deleted_at" not in table.c:
        return 0
    owned = OWNED.get(name, ())
    passed = text(
        "EXISTS (SELECT 1 FROM sync_row r WHERE r.table_name = :t "
        f"AND r.row_id = {name}.id AND mod(r.cl, 2) = 0 AND r.txid < CAST(:h AS xid8))"
    ).bindparams(t=name, h=str(horizon))
    conditions: list[Any] = [table.c.deleted_at.is_not(None), table.c.deleted_at < cutoff, passed]
    for child, column, target in _references(name):
        if child.name in owned:
            continue
        if child.name == name:
            alias = child.alias("referring")
            conditions.append(~exists().where(alias.c[column.name] == table.c[target]))
        else:
            conditions.append(~exists().where(column == table.c[target]))
    candidates = list(conn.scalars(select(table.c.id).where(and_(*conditions))))
    removed = 0
    for start in range(0, len(candidates), 1000):
        part = candidates[start : start + 1000]
        for child_name in owned:
            child = Base.metadata.tables[child_name]
            gone = list(
                conn.scalars(delete(child).where(child.c.client_id.in_(part)).returning(child.c.id))
            )
            removed += _forget(conn, child_name, gone)
        gone = list(conn.scalars(delete(table).where(table.c.id.in_(part)).returning(table.c.id)))
        removed += _forget(conn, name, gone)
    return removed


def compact(
    server: Database,
    *,
    keep_days: int = KEEP_DAYS,
    active_days: int = ACTIVE_DAYS,
    now: dt.datetime | None = None,
) -> CompactionReport:
    """Remove the tombstones every active laptop has passed (the administrator's
    command `server compact`). A record still referred to is kept."""
    now = now or utcnow()
    cutoff = now - dt.timedelta(days=keep_days)
    removed = 0
    with server.engine.begin() as conn:
        current = int(
            str(conn.exec_driver_sql("SELECT pg_snapshot_xmin(pg_current_snapshot())").scalar())
        )
        row = conn.execute(
            text("SELECT min(pulled_to)::text, count(*) FROM sync_replicas WHERE seen_at > :since"),
            {"since": now - dt.timedelta(days=active_days)},
        ).one()
        horizon = min(current, int(row[0])) if row[0] is not None else current
        with capture.applying(conn):
            for synced in reversed(synced_tables()):
                removed += _compact_table(conn, synced.name, cutoff, horizon)
        if removed:  # a laptop that has not pulled up to here must download afresh
            conn.execute(
                text(
                    "UPDATE sync_site SET compacted_below = "
                    "greatest(compacted_below, CAST(:h AS xid8)) WHERE id = 1"
                ),
                {"h": str(horizon)},
            )
    return CompactionReport(removed, str(horizon), int(row[1]))


def _wipe(laptop: Database, horizon: str) -> bool:
    """Empty the replica's records and clocks for a fresh download, in one transaction
    that also marks the download unfinished (from `horizon`), so a kill before it ends
    leaves a replica every command refuses, not an empty one that looks healthy;
    refused (False) while anything waits to be sent."""
    with unchecked(laptop) as raw:
        raw.execute("BEGIN IMMEDIATE")
        if raw.execute("SELECT 1 FROM sync_outbox LIMIT 1").fetchone() is not None:
            raw.execute("ROLLBACK")
            return False
        raw.execute("UPDATE sync_site SET applying = 1 WHERE id = 1")
        fts = raw.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'clients_fts_ad'"
        ).fetchone()
        if fts is not None:
            raw.execute("DROP TRIGGER clients_fts_ad")
        for synced in reversed(synced_tables()):
            raw.execute(f'DELETE FROM "{synced.name}"')
        raw.execute("INSERT INTO client_fts(client_fts) VALUES ('delete-all')")
        if fts is not None:
            raw.execute(fts[0])
        raw.execute("DELETE FROM sync_row")
        raw.execute(
            "UPDATE sync_bootstrap SET horizon = ?, table_name = NULL, last_row = NULL, "
            "copied = 0, newest_clock = 0, done = 0 WHERE id = 1",
            (horizon,),
        )
        raw.execute(
            "UPDATE sync_replica SET pull_cursor = '0', pull_next = NULL, page_txid = NULL, "
            "page_table = NULL, page_row = NULL WHERE id = 1"
        )
        raw.execute("UPDATE sync_site SET applying = 0 WHERE id = 1")
        raw.execute("COMMIT")
        return True


def behind(laptop: Database, server: Database) -> bool:
    """The office removed tombstones this laptop has not pulled yet."""
    with server.engine.connect() as conn:
        below = compacted_below(conn)
    if below == 0:
        return False
    with laptop.engine.connect() as conn:
        cursor = conn.exec_driver_sql("SELECT pull_cursor FROM sync_replica WHERE id = 1").scalar()
    return int(str(cursor or 0)) < below


def refresh_if_behind(
    laptop: Database, server: Database, horizon: Callable[[], str], download: Any
) -> bool:
    """After its push: a laptop behind the office's compaction empties its copy and
    downloads afresh (`download()`: the bootstrap, from `horizon()`). Returns False when
    it is behind but something was queued since the push (the app works on while it
    syncs): then it must not pull (its cursor would pass deletions it never received)
    and waits for the next sync, which pushes that first."""
    if not behind(laptop, server):
        return True
    if not _wipe(laptop, horizon()):
        return False
    download()
    return True
