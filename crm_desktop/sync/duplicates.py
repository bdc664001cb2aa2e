"""Clients that two people created offline on different computers: after a sync they
are duplicate candidates on each laptop, offered for merge (the client merge everyone
uses) or dismissed, never doubled unseen nor merged without a person deciding.

A candidate is a pair of live clients of the same kind, one of them new here from this
pull, that share a phone number, an e-mail address, an INN, or (people) the same name at
the same company (or both at none). A pair is listed until someone merges the two
(either is then deleted or merged, on every computer after its sync) or says they are
different people.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, text

TABLE = """CREATE TABLE IF NOT EXISTS sync_duplicates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id CHAR(32) NOT NULL,
    other_id CHAR(32) NOT NULL,
    reason VARCHAR(16) NOT NULL,
    found_at TEXT NOT NULL,
    dismissed_at TEXT,
    UNIQUE (client_id, other_id)
)"""
CHUNK = 400
LIVE = "{a}.deleted_at IS NULL AND {a}.merged_into_id IS NULL"
# (reason, a query of pairs (new client, other client) for the new ids in :ids)
_MATCHES = (
    (
        "phone",
        "SELECT p1.client_id, p2.client_id FROM phones p1 JOIN phones p2 "
        "ON p2.e164 = p1.e164 AND p2.client_id <> p1.client_id "
        "AND p1.deleted_at IS NULL AND p2.deleted_at IS NULL WHERE p1.client_id IN :ids",
    ),
    (
        "email",
        "SELECT e1.client_id, e2.client_id FROM emails e1 JOIN emails e2 "
        "ON e2.address = e1.address AND e2.client_id <> e1.client_id "
        "AND e1.deleted_at IS NULL AND e2.deleted_at IS NULL WHERE e1.client_id IN :ids",
    ),
    (
        "inn",
        "SELECT c1.id, c2.id FROM clients c1 JOIN clients c2 "
        "ON c2.inn = c1.inn AND c2.id <> c1.id AND c2.kind = c1.kind "
        "WHERE c1.id IN :ids AND c1.inn IS NOT NULL",
    ),
    (
        "name",
        "SELECT c1.id, c2.id FROM clients c1 JOIN clients c2 "
        "ON c2.name_folded = c1.name_folded AND c2.id <> c1.id AND c2.kind = 'person' "
        "AND c2.company_id IS c1.company_id WHERE c1.id IN :ids AND c1.kind = 'person'",
    ),
)


@dataclass(frozen=True)
class Candidate:
    id: int
    client_id: uuid.UUID
    other_id: uuid.UUID
    reason: str  # "phone", "email", "inn", "name"
    found_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "client_id": str(self.client_id),
            "other_id": str(self.other_id),
            "reason": self.reason,
            "found_at": self.found_at.isoformat(),
        }


def ensure_table(conn: Connection) -> None:
    """Made by `replica init`; a replica made before this table existed gets it at its
    next pull (a write transaction)."""
    conn.exec_driver_sql(TABLE)


def _exists(conn: Connection) -> bool:
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_duplicates'"
    ).first()
    return found is not None


def _alive(conn: Connection, ids: Iterable[str]) -> set[str]:
    wanted = list(set(ids))
    found: set[str] = set()
    for start in range(0, len(wanted), CHUNK):
        rows = conn.execute(
            text(f"SELECT id FROM clients c WHERE id IN :ids AND {LIVE.format(a='c')}").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": wanted[start : start + CHUNK]},
        )
        found.update(str(r[0]) for r in rows)
    return found


def record(conn: Connection, new_ids: Sequence[uuid.UUID], now: dt.datetime) -> int:
    """Look for duplicates of clients new here (received in this pull, or whose phones
    or e-mails were); returns how many new pairs were recorded."""
    if not new_ids:
        return 0
    ensure_table(conn)
    keys = [i.hex for i in new_ids]
    pairs: dict[tuple[str, str], str] = {}
    for start in range(0, len(keys), CHUNK):
        part = keys[start : start + CHUNK]
        for reason, query in _MATCHES:
            rows = conn.execute(
                text(query).bindparams(bindparam("ids", expanding=True)), {"ids": part}
            )
            for new, other in rows:
                pair = tuple(sorted((str(new), str(other))))
                pairs.setdefault((pair[0], pair[1]), reason)
    if not pairs:
        return 0
    alive = _alive(conn, (i for pair in pairs for i in pair))
    added = 0
    for (first, second), reason in pairs.items():
        if first in alive and second in alive:
            added += conn.execute(
                text(
                    "INSERT INTO sync_duplicates (client_id, other_id, reason, found_at) "
                    "VALUES (:a, :b, :r, :now) ON CONFLICT (client_id, other_id) DO NOTHING"
                ),
                {"a": first, "b": second, "r": reason, "now": now.isoformat()},
            ).rowcount
    return added


def open_candidates(conn: Connection) -> list[Candidate]:
    """The pairs still to decide: both clients alive and not merged, not dismissed."""
    if not _exists(conn):
        return []
    rows = conn.exec_driver_sql(
        "SELECT d.id, d.client_id, d.other_id, d.reason, d.found_at FROM sync_duplicates d "
        "JOIN clients a ON a.id = d.client_id JOIN clients b ON b.id = d.other_id "
        f"WHERE d.dismissed_at IS NULL AND {LIVE.format(a='a')} AND {LIVE.format(a='b')} "
        "ORDER BY d.id"
    )
    return [
        Candidate(
            int(r[0]),
            uuid.UUID(str(r[1])),
            uuid.UUID(str(r[2])),
            str(r[3]),
            dt.datetime.fromisoformat(str(r[4])),
        )
        for r in rows
    ]


def dismiss(conn: Connection, candidate_id: int, now: dt.datetime) -> bool:
    """ "Different clients": the pair is no longer offered. False when there is no such
    open pair."""
    if not _exists(conn):
        return False
    done = conn.execute(
        text(
            "UPDATE sync_duplicates SET dismissed_at = :now WHERE id = :i AND dismissed_at IS NULL"
        ),
        {"now": now.isoformat(), "i": candidate_id},
    )
    return bool(done.rowcount)
