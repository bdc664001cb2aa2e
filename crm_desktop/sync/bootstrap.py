"""A replica's first download: every record the office server lets this login see,
copied table by table in pages of ids, with the server's clocks.

The general pull merges each incoming record with the local copy and writes it through
the triggers; on an empty replica there is nothing to merge with, so the first download
writes the server's rows as they are (derived columns included: both databases compute
them alike), in bulk, with the replica's triggers and secondary indexes set aside and
made again at the end (an index built once over sorted rows costs a fraction of one
kept up row by row), and the full-text index filled in one statement.

Resumable: each page is one local transaction that also records how far the copy got
(table and last id), so a download killed halfway goes on from there when `replica
init` is run again. The DDL of what was set aside is kept in the same table, so it comes
back even after a kill. The replica's pull cursor is the server's transaction horizon
taken before the first page: the ordinary pull that follows brings whatever changed on
the server while the copy ran.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Table,
    Text,
    and_,
    cast,
    column,
    literal_column,
    select,
    table,
)

from crm_desktop.models import Base
from crm_desktop.store.database import Database
from crm_desktop.store.synced_tables import DERIVED, SyncedTable, synced_tables
from crm_desktop.sync.failpoints import failpoint
from crm_desktop.sync.unchecked import unchecked

Progress = Callable[[str, int], None]

STATE_TABLE = """CREATE TABLE IF NOT EXISTS sync_bootstrap (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    horizon TEXT NOT NULL,
    table_name TEXT,
    last_row TEXT,
    set_aside TEXT NOT NULL,
    copied INTEGER NOT NULL DEFAULT 0,
    newest_clock INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0
)"""
# Derived columns copied as the server has them (computed alike on both databases); a
# user's password and sign-in state are not: they belong to the database signed in to.
COPIED_DERIVED = {
    "clients": ("company_name", "primary_phone", "primary_email", "name_folded", "search_text"),
    "tags": ("name_folded",),
}
# a record's newest clock, so the replica's own clock starts past all it received
_NEWEST = "(SELECT max((e.value ->> 0)::bigint) FROM jsonb_each(sync_row.clocks) AS e)"
_SERVER_ROWS = table(
    "sync_row", column("table_name"), column("row_id"), column("cl"), column("clocks")
)


@dataclass
class _State:
    horizon: str
    table_name: str | None
    last_row: str | None
    copied: int
    newest_clock: int
    done: bool


def _columns(synced: SyncedTable) -> list[str]:
    derived = [c for c in COPIED_DERIVED.get(synced.name, ()) if c in DERIVED.get(synced.name, ())]
    return [*synced.fields, *derived]


def _read_state(raw: Any) -> _State | None:
    row = raw.execute(
        "SELECT horizon, table_name, last_row, copied, newest_clock, done "
        "FROM sync_bootstrap WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    return _State(str(row[0]), row[1], row[2], int(row[3]), int(row[4]), bool(row[5]))


def _set_aside(raw: Any) -> list[str]:
    """Drop the secondary indexes and the triggers of the synchronised tables (the sync's
    own and the full-text index's); returns their DDL to make them again."""
    names = [t.name for t in synced_tables()]
    marks = ", ".join("?" * len(names))
    rows = raw.execute(
        f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({marks}) "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
        names,
    ).fetchall()
    kept: list[str] = []
    for kind, name, sql in rows:
        if kind == "index" and "UNIQUE" in str(sql).upper().split("INDEX")[0]:
            continue  # a unique index guards the copy itself
        raw.execute(f'DROP {"INDEX" if kind == "index" else "TRIGGER"} "{name}"')
        kept.append(str(sql))
    return kept


def _bind_processors(target: Table, names: Sequence[str], dialect: Any) -> list[Any]:
    columns: list[Column[Any]] = [target.c.id, *(target.c[n] for n in names)]
    return [c.type._cached_bind_processor(dialect) for c in columns]


def _local_defaults(target: Table, copied: Sequence[str], dialect: Any) -> dict[str, Any]:
    """Values for the columns not copied (a user's sign-in state) that the database does
    not fill itself: their model defaults, as the ORM would write them."""
    found: dict[str, Any] = {}
    for col in target.columns:
        default = col.default
        if col.name in copied or default is None or not getattr(default, "is_scalar", False):
            continue
        value = getattr(default, "arg", None)
        processor = col.type._cached_bind_processor(dialect)
        found[col.name] = processor(value) if processor is not None else value
    return found


def _page(server: Connection, synced: SyncedTable, after: str | None, size: int) -> list[Any]:
    source = Base.metadata.tables[synced.name]
    names = _columns(synced)
    clocks = _SERVER_ROWS
    query = (
        select(
            source.c.id,
            *(source.c[n] for n in names),
            clocks.c.cl,
            cast(clocks.c.clocks, Text),
            literal_column(_NEWEST),
        )
        .select_from(
            source.outerjoin(
                clocks,
                and_(clocks.c.table_name == synced.name, clocks.c.row_id == source.c.id),
            )
        )
        .order_by(source.c.id)
        .limit(size)
    )
    if after is not None:
        query = query.where(source.c.id > uuid.UUID(after))
    return list(server.execute(query).all())


def bootstrap(
    laptop: Database,
    server: Database,
    *,
    page_size: int,
    horizon: Callable[[], str],
    progress: Progress | None = None,
) -> int:
    """Copy what the server shows this login into the (new) replica `laptop`; returns
    how many records were copied in this run. Run again after an interruption, it goes
    on where it stopped; once done, it does nothing."""
    dialect = laptop.engine.dialect
    with unchecked(laptop) as raw:
        raw.execute(STATE_TABLE)
        state = _read_state(raw)
        if state is not None and state.done:
            return 0
        if state is None:
            raw.execute("BEGIN IMMEDIATE")
            kept = _set_aside(raw)
            raw.execute(
                "INSERT INTO sync_bootstrap (id, horizon, set_aside) VALUES (1, ?, ?)",
                (horizon(), json.dumps(kept)),
            )
            raw.execute("COMMIT")
            state = _read_state(raw)
            assert state is not None
        else:  # going on after an interruption: `capture.install` made its triggers again
            raw.execute("BEGIN IMMEDIATE")
            kept = json.loads(
                raw.execute("SELECT set_aside FROM sync_bootstrap WHERE id = 1").fetchone()[0]
            )
            kept += [sql for sql in _set_aside(raw) if sql not in kept]
            raw.execute("UPDATE sync_bootstrap SET set_aside = ? WHERE id = 1", (json.dumps(kept),))
            raw.execute("COMMIT")
        copied = 0
        tables = [t.name for t in synced_tables()]
        start = tables.index(state.table_name) if state.table_name in tables else 0
        rowid = int(raw.execute("SELECT coalesce(max(search_rowid), 0) FROM clients").fetchone()[0])
        for synced in synced_tables()[start:]:
            target = Base.metadata.tables[synced.name]
            names = _columns(synced)
            processors = _bind_processors(target, names, dialect)
            insert_names = ["id", *names, "version"]
            if synced.name == "clients":
                insert_names.append("search_rowid")
            defaults = _local_defaults(target, insert_names, dialect)
            insert_names += list(defaults)
            marks = ", ".join("?" * len(insert_names))
            statement = f"INSERT INTO {synced.name} ({', '.join(insert_names)}) VALUES ({marks})"
            after = state.last_row if synced.name == state.table_name else None
            while True:
                with server.engine.connect() as conn:
                    rows = _page(conn, synced, after, page_size)
                if not rows:
                    break
                values: list[tuple[Any, ...]] = []
                clock_rows: list[tuple[Any, ...]] = []
                newest = state.newest_clock
                for row in rows:
                    fields = row[: len(names) + 1]
                    out = [
                        p(v) if p is not None else v
                        for p, v in zip(processors, fields, strict=True)
                    ]
                    out.append(1)  # version: this replica's own optimistic lock
                    if synced.name == "clients":
                        rowid += 1
                        out.append(rowid)
                    out.extend(defaults.values())
                    values.append(tuple(out))
                    cl, clocks, row_newest = row[-3], row[-2], row[-1]
                    if cl is None:  # a row from before change capture was installed
                        deleted = "deleted_at" in names and row[names.index("deleted_at") + 1]
                        cl, clocks = (2 if deleted else 1), "{}"
                    if row_newest is not None and row_newest > newest:
                        newest = int(row_newest)
                    clock_rows.append((synced.name, row[0].hex, int(cl), clocks))
                after = str(rows[-1][0])
                raw.execute("BEGIN IMMEDIATE")
                raw.executemany(statement, values)
                raw.executemany(
                    "INSERT INTO sync_row (table_name, row_id, cl, clocks) VALUES (?, ?, ?, ?)",
                    clock_rows,
                )
                raw.execute(
                    "UPDATE sync_bootstrap SET table_name = ?, last_row = ?, "
                    "copied = copied + ?, newest_clock = ? WHERE id = 1",
                    (synced.name, after, len(rows), newest),
                )
                raw.execute("COMMIT")
                state.newest_clock = newest
                copied += len(rows)
                if progress is not None:
                    progress("bootstrap", state.copied + copied)
                failpoint("after-bootstrap-page")
                if len(rows) < page_size:
                    break
        _finish(raw)
        return copied


def drop_dangling_references(raw: Any) -> None:
    """What refers to a record this login may not see (her client's company owned by a
    colleague, her deal on a colleague's client): an optional reference is left empty on
    the laptop (its clock stays the server's, so no push changes it at the office), a
    record that cannot be without it is not kept (nor its clocks: it comes back if it
    becomes visible). Repeated until nothing dangles: a record left out can orphan
    others."""
    while True:
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if not broken:
            return
        for name, rowid, _parent, fk in broken:
            table = str(name)
            column, nullable = _reference(raw, table, int(fk))
            if nullable:
                raw.execute(f'UPDATE "{table}" SET "{column}" = NULL WHERE rowid = ?', (rowid,))
                # the field's clock goes back to nothing: the office's value wins again
                # as soon as the record comes (say, when the company becomes visible)
                raw.execute(
                    f"UPDATE sync_row SET clocks = json_set(clocks, '$.{column}', "
                    "json_array(0, '')) WHERE table_name = ? AND row_id = "
                    f'(SELECT id FROM "{table}" WHERE rowid = ?)',
                    (table, rowid),
                )
                continue
            row_id = raw.execute(f'SELECT id FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
            raw.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            if row_id is not None:
                raw.execute(
                    "DELETE FROM sync_row WHERE table_name = ? AND row_id = ?", (table, row_id[0])
                )


def _reference(raw: Any, table: str, fk: int) -> tuple[str, bool]:
    """The column of foreign key number `fk` of `table`, and whether it may be empty."""
    column = next(
        str(r[3]) for r in raw.execute(f'PRAGMA foreign_key_list("{table}")') if int(r[0]) == fk
    )
    not_null = next(
        bool(r[3]) for r in raw.execute(f'PRAGMA table_info("{table}")') if r[1] == column
    )
    return column, not not_null


def _finish(raw: Any) -> None:
    """Make again what was set aside, fill the full-text index, hand the replica its pull
    cursor and clock: one transaction."""
    state = _read_state(raw)
    assert state is not None
    kept = json.loads(
        raw.execute("SELECT set_aside FROM sync_bootstrap WHERE id = 1").fetchone()[0]
    )
    raw.execute("BEGIN IMMEDIATE")
    drop_dangling_references(raw)
    for sql in kept:
        if sql.upper().startswith("CREATE INDEX") or sql.upper().startswith("CREATE UNIQUE"):
            raw.execute(sql)
    raw.execute(
        "INSERT INTO client_fts(rowid, search_text) SELECT search_rowid, search_text FROM clients"
    )
    for sql in kept:
        if sql.upper().startswith("CREATE TRIGGER"):
            raw.execute(sql)
    raw.execute(
        "UPDATE sync_replica SET pull_cursor = ?, pull_next = NULL, page_txid = NULL, "
        "page_table = NULL, page_row = NULL WHERE id = 1",
        (state.horizon,),
    )
    raw.execute("UPDATE sync_site SET hlc = max(hlc, ?) WHERE id = 1", (state.newest_clock,))
    raw.execute("UPDATE sync_bootstrap SET done = 1 WHERE id = 1")
    raw.execute("COMMIT")
