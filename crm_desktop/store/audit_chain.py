"""The change history's hash chain: the canonical text of an entry, the hash of a sealed
batch, sealing on SQLite, and checking the whole chain (`crm-desktop audit verify`).

An entry's text names its id, time (microseconds since 1970, UTC), login, computer,
table, record, action and, for each field in byte order, the hashes of its old and new
values (`-` for none). A value blanked by a lawful erasure keeps its hashes in the
entry's `erased`, so the text, and the chain, stay the same. A batch's hash is
sha256("prev_hash|seq|" + the batch's entry texts joined by newlines): on PostgreSQL
the server computes it in `crm_audit_seal()` (store/audit_capture.py) with the very same
formula, and this module checks both.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
NO_VALUE = "-"
_decode = json.JSONDecoder().decode


def value_hash(value: Any) -> str:
    if value is None:
        return NO_VALUE
    raw = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def micros(at: dt.datetime | str) -> int:
    """Microseconds since 1970 (UTC) of a stored time: a datetime, or SQLite's text."""
    if isinstance(at, str):
        return _text_micros(at)  # a save's entries share their time: read it once
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return (at - EPOCH) // dt.timedelta(microseconds=1)


@functools.lru_cache(maxsize=256)
def _text_micros(at: str) -> int:
    return (dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC) - EPOCH) // dt.timedelta(
        microseconds=1
    )


def record_hex(record: uuid.UUID | str) -> str:
    if isinstance(record, uuid.UUID):
        return record.hex
    return record if len(record) == 32 else str(record).replace("-", "").lower()


def _text(
    entry_id: int,
    at: dt.datetime | str,
    login: str | None,
    computer: str | None,
    table: str,
    record: uuid.UUID | str,
    action: str,
    changes: Any,
    erased: Any,
) -> str:
    """The canonical text (see the module's docstring), fast: sealing a 100,000-row
    import hashes some 200,000 entries."""
    fields = _decode(changes) if isinstance(changes, str) else changes or {}
    blanked = (_decode(erased) if isinstance(erased, str) else erased) or {}
    parts = []
    sha = hashlib.sha256
    for name in sorted(fields):
        hashes = blanked.get(name) if blanked else None
        old, new = fields[name][:2]
        if hashes is not None and (old is not None or new is not None):
            hashes = None  # an erased field holds no value: one that does is checked by it
        if hashes is None:
            first = (
                NO_VALUE
                if old is None
                else sha(old.encode()).hexdigest()
                if type(old) is str
                else value_hash(old)
            )
            second = (
                NO_VALUE
                if new is None
                else sha(new.encode()).hexdigest()
                if type(new) is str
                else value_hash(new)
            )
            parts.append(f"{name}:{first}:{second}")
        else:
            parts.append(f"{name}:{hashes[0]}:{hashes[1]}")
    return (
        f"{entry_id}|{micros(at)}|{login or ''}|{computer or ''}|{table}|{record_hex(record)}|"
        f"{action}|{','.join(parts)}"
    )


def rows_hash(prev_hash: str, seq: int, rows: Iterable[Any]) -> tuple[str, int]:
    """The hash of a sealed batch of raw rows of ENTRY_COLUMNS, and how many it holds."""
    return _batch_hash(prev_hash, seq, (_text(*row) for row in rows))


def _batch_hash(prev_hash: str, seq: int, texts: Iterable[str]) -> tuple[str, int]:
    digest = hashlib.sha256(f"{prev_hash}|{seq}|".encode())
    count = 0
    for line in texts:
        digest.update((("\n" if count else "") + line).encode("utf-8"))
        count += 1
    return digest.hexdigest(), count


ENTRY_COLUMNS = "id, at, login, computer, table_name, record_id, action, changes, erased"


# -- SQLite: sealing at each commit (called with the raw connection, see audit_capture) --


def seal_sqlite(cursor: sqlite3.Cursor) -> int:
    """Seal every entry written since the last seal as one batch; returns how many."""
    last = cursor.execute(
        "SELECT seq, last_id, hash FROM audit_seals ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    seq, last_id, prev = (int(last[0]), int(last[1]), str(last[2])) if last else (0, 0, "")
    first = cursor.execute(
        "SELECT min(id), max(id) FROM audit_log WHERE id > ?", (last_id,)
    ).fetchone()
    if first is None or first[0] is None:
        return 0
    rows = cursor.execute(
        f"SELECT {ENTRY_COLUMNS} FROM audit_log WHERE id > ? AND id <= ? ORDER BY id",
        (last_id, first[1]),
    )
    digest, count = rows_hash(prev, seq + 1, rows)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    cursor.execute(
        "INSERT INTO audit_seals (seq, first_id, last_id, tx, entries, sealed_at, prev_hash, "
        "hash) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)",
        (seq + 1, first[0], first[1], count, now, prev, digest),
    )
    return count


# -- checking ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Broken:
    """The first place the chain does not hold."""

    entry_id: int | None  # the first entry of the damaged batch, or the loose entry
    seal: int | None
    reason: str  # "edited", "removed", "seal", "unsealed"


@dataclass(frozen=True)
class ChainState:
    seals: int
    entries: int
    pending: int  # SQLite: written since the last seal (sealed by the next commit)
    broken: Broken | None


def _entries(conn: Connection, where: str, params: dict[str, Any]) -> Iterator[Any]:
    result = conn.execution_options(stream_results=True).execute(
        text(f"SELECT {ENTRY_COLUMNS} FROM audit_log WHERE {where} ORDER BY id"), params
    )
    yield from result


def verify_chain(conn: Connection) -> ChainState:
    """Check every seal against the entries it covers, each seal's link to the one
    before, and that no entry is outside a seal (read-only)."""
    sqlite = conn.dialect.name == "sqlite"
    seals = conn.execute(
        text(
            "SELECT seq, first_id, last_id, tx, entries, prev_hash, hash FROM audit_seals "
            "ORDER BY seq"
        )
    ).all()
    prev, expected_seq, covered, last_id = "", 1, 0, 0
    for seq, first_id, batch_last, tx, count, prev_hash, stored in seals:
        if seq != expected_seq or prev_hash != prev:
            return ChainState(len(seals), covered, 0, Broken(int(first_id), int(seq), "seal"))
        if sqlite:
            if int(first_id) != last_id + 1:
                return ChainState(len(seals), covered, 0, Broken(last_id + 1, int(seq), "removed"))
            rows = _entries(conn, "id >= :a AND id <= :b", {"a": first_id, "b": batch_last})
            last_id = int(batch_last)
        else:  # a transaction's entries, one seal or (sealed as it went) several
            rows = _entries(
                conn,
                "tx = :tx AND id >= :a AND id <= :b",
                {"tx": tx, "a": first_id, "b": batch_last},
            )
        digest, found = rows_hash(prev, int(seq), rows)
        if found != count:
            return ChainState(len(seals), covered, 0, Broken(int(first_id), int(seq), "removed"))
        if digest != stored:
            return ChainState(len(seals), covered, 0, Broken(int(first_id), int(seq), "edited"))
        prev, expected_seq, covered = str(stored), expected_seq + 1, covered + found
    if sqlite:
        # entries removed at the tail, with their seal: AUTOINCREMENT remembers the last id
        issued = conn.execute(
            text("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")
        ).scalar()
        newest = conn.execute(text("SELECT max(id) FROM audit_log")).scalar()
        if issued is not None and int(issued) > max(int(newest or 0), last_id):
            return ChainState(len(seals), covered, 0, Broken(last_id + 1, None, "removed"))
        pending = conn.execute(
            text("SELECT count(*) FROM audit_log WHERE id > :b"), {"b": last_id}
        ).scalar_one()
        return ChainState(len(seals), covered, int(pending), None)
    loose_row = conn.execute(
        text(
            "SELECT min(a.id) FROM audit_log AS a WHERE a.tx IS NULL OR NOT EXISTS "
            "(SELECT 1 FROM audit_seals AS s WHERE s.tx = a.tx "
            "AND a.id BETWEEN s.first_id AND s.last_id)"
        )
    ).scalar()
    if loose_row is not None:
        return ChainState(len(seals), covered, 0, Broken(int(loose_row), None, "unsealed"))
    return ChainState(len(seals), covered, 0, None)
