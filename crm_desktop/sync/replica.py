"""A laptop's replica: a SQLite file with the office database's schema, change capture
installed, and what it knows of its server (the URL, the pull cursor, the last sync) and
of the conflicts found while syncing.

The URL is kept without a password; the password comes from the keyring as for any
connection. The pull cursor is the office server's transaction horizon (an `xid8` as
text) below which this replica has seen every change; `pull_next` and the page position
belong to a pull in progress, so that a pull killed halfway resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.store import change_capture as capture
from crm_desktop.store.database import Database
from crm_desktop.sync import duplicates
from crm_desktop.sync.merge import Conflict

REPLICA_TABLES = (
    """CREATE TABLE IF NOT EXISTS sync_replica (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        server TEXT NOT NULL,
        login TEXT,
        pull_cursor TEXT NOT NULL DEFAULT '0',
        pull_next TEXT,
        page_txid TEXT,
        page_table TEXT,
        page_row TEXT,
        last_sync_at TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS sync_conflicts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        table_name VARCHAR(63) NOT NULL,
        row_id CHAR(32) NOT NULL,
        kind VARCHAR(16) NOT NULL,
        field VARCHAR(63) NOT NULL,
        kept TEXT,
        other TEXT,
        kept_site CHAR(32) NOT NULL,
        other_site CHAR(32) NOT NULL,
        found_at TEXT NOT NULL,
        resolved_at TEXT
    )""",
)


@dataclass(frozen=True)
class ReplicaState:
    server: str
    login: str | None
    pull_cursor: str
    pull_next: str | None
    page: tuple[str, str, str] | None  # (txid, table, row id) of the last page applied
    last_sync_at: dt.datetime | None


def create(conn: Connection, server: str, login: str | None) -> None:
    for statement in (*REPLICA_TABLES, duplicates.TABLE):
        conn.exec_driver_sql(statement)
    conn.execute(
        text(
            "INSERT INTO sync_replica (id, server, login) VALUES (1, :s, :l) "
            "ON CONFLICT (id) DO UPDATE SET server = excluded.server, login = excluded.login"
        ),
        {"s": server, "l": login},
    )


def is_replica(conn: Connection) -> bool:
    return (
        conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_replica'"
        ).first()
        is not None
        and conn.exec_driver_sql("SELECT 1 FROM sync_replica WHERE id = 1").first() is not None
    )


def state(conn: Connection) -> ReplicaState:
    if conn.dialect.name != "sqlite" or not is_replica(conn):
        raise BadInput(
            _(
                "This database is no laptop replica: make one with "
                "`crm-desktop --db FILE replica init --server URL`."
            )
        )
    row = conn.exec_driver_sql(
        "SELECT server, login, pull_cursor, pull_next, page_txid, page_table, page_row, "
        "last_sync_at FROM sync_replica WHERE id = 1"
    ).one()
    page = (str(row[4]), str(row[5]), str(row[6])) if row[4] is not None else None
    last = dt.datetime.fromisoformat(str(row[7])) if row[7] else None
    return ReplicaState(str(row[0]), row[1], str(row[2]), row[3], page, last)


def start_pull(conn: Connection, horizon: str) -> None:
    conn.execute(
        text(
            "UPDATE sync_replica SET pull_next = :h, page_txid = NULL, page_table = NULL, "
            "page_row = NULL WHERE id = 1"
        ),
        {"h": horizon},
    )


def page_done(conn: Connection, txid: str, table: str, row: str) -> None:
    conn.execute(
        text("UPDATE sync_replica SET page_txid = :x, page_table = :t, page_row = :r WHERE id = 1"),
        {"x": txid, "t": table, "r": row},
    )


def pull_done(conn: Connection, now: dt.datetime) -> None:
    conn.execute(
        text(
            "UPDATE sync_replica SET pull_cursor = pull_next, pull_next = NULL, "
            "page_txid = NULL, page_table = NULL, page_row = NULL, last_sync_at = :now "
            "WHERE id = 1"
        ),
        {"now": now.isoformat()},
    )


def pending(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one())


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def record_conflicts(conn: Connection, conflicts: list[Conflict], now: dt.datetime) -> None:
    """Keep the conflicts found; one already open for the same two values (the same
    states met again: a retried push, then the pull that brings them back) is not
    recorded twice."""
    for c in conflicts:
        conn.execute(
            text(
                "INSERT INTO sync_conflicts (table_name, row_id, kind, field, kept, other, "
                "kept_site, other_site, found_at) "
                "SELECT :t, :r, :k, :f, :kept, :other, :ks, :os, :now "
                "WHERE NOT EXISTS (SELECT 1 FROM sync_conflicts WHERE resolved_at IS NULL "
                "AND table_name = :t AND row_id = :r AND field = :f AND kind = :k "
                "AND ((kept IS :kept AND other IS :other) OR (kept IS :other AND other IS :kept)))"
            ),
            {
                "t": c.table,
                "r": c.row_id.hex,
                "k": c.kind.value,
                "f": c.field,
                "kept": _json(c.kept),
                "other": _json(c.other),
                "ks": c.kept_stamp[1],
                "os": c.other_stamp[1],
                "now": now.isoformat(),
            },
        )


@dataclass(frozen=True)
class StoredConflict:
    id: int
    table: str
    row_id: uuid.UUID
    kind: str
    field: str
    kept: Any
    other: Any
    kept_site: str
    other_site: str
    found_at: dt.datetime

    def to_json(self, site: str) -> dict[str, Any]:
        mine_kept = self.kept_site == site
        return {
            "id": self.id,
            "table": self.table,
            "record_id": str(self.row_id),
            "kind": self.kind,
            "field": self.field,
            "shown": self.kept,
            "other": self.other,
            "mine": self.kept if mine_kept else self.other,
            "theirs": self.other if mine_kept else self.kept,
            "found_at": self.found_at.isoformat(),
        }


def open_conflicts(conn: Connection) -> list[StoredConflict]:
    rows = conn.exec_driver_sql(
        "SELECT id, table_name, row_id, kind, field, kept, other, kept_site, other_site, "
        "found_at FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id"
    )
    return [
        StoredConflict(
            int(r[0]),
            str(r[1]),
            uuid.UUID(str(r[2])),
            str(r[3]),
            str(r[4]),
            json.loads(r[5]) if r[5] is not None else None,
            json.loads(r[6]) if r[6] is not None else None,
            str(r[7]),
            str(r[8]),
            dt.datetime.fromisoformat(str(r[9])),
        )
        for r in rows
    ]


def made_for(db: Database) -> str | None:
    """The office login a laptop's replica was made for (None: no replica)."""
    with db.engine.connect() as conn:
        return capture.replica_login(conn)
