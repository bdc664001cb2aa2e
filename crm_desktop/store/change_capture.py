"""Change capture: triggers, generated from the SQLAlchemy metadata, that record every
write to a synchronised table whichever way it is made (the ORM, bulk statements, raw
SQL, a desktop connected straight to the office server).

For each record the database keeps one `sync_row`: its causal length `cl` (odd while
the record is alive, even once deleted: each delete or restore adds one) and `clocks`,
a JSON object giving each field the hybrid logical clock and the site of the write that
last set it (see `sync.hlc`): `{"*": [clock, "site"]}` from the record's creation, and
an entry `"name": [clock, "site"]` for each field an edit changed since (`field_clock`
reads it). A trigger stamps only the fields whose value changed, so two computers that
edit different fields of a record both keep their edit when they meet.

- SQLite (a laptop's replica): the clock is `sync_site.hlc`, advanced by each write
  (SQLite has one writer at a time); every changed record is also queued in
  `sync_outbox` for the next push, once per record however often it changes.
- PostgreSQL (the office server): the clock comes from a sequence, moved up to the wall
  clock under a short advisory lock when it falls behind (many sessions write at once,
  and a one-row counter would queue them all behind each other's transactions); each
  `sync_row` keeps the id of the transaction that last changed it (`txid`), which is
  what a pull's cursor follows. The triggers are statement-level, reading the
  statement's transition tables, so a bulk write pays one trigger call; their functions
  are SECURITY DEFINER: the app's logins write the sync tables only through them.

While the sync applies what it received, the triggers stay silent (`applying`): those
changes carry their own clocks, and they must not come back as local edits.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from crm_desktop.store.audit_capture import BULK
from crm_desktop.store.schema import REVISIONS
from crm_desktop.store.synced_tables import SyncedTable, synced_tables

SQLITE_MS = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
# A new record's fields share its clock: `{"*": [clock, site]}`; a field's own entry,
# added when an edit changes it, overrides that (see `field_clock`).
ALL_FIELDS = "*"
TICK_LOCK = 0x43524D53
# The schema versions of laptops an office server of this program takes: its own and
# the one before (an older program reads and writes only the columns it knows).
ACCEPTS = tuple(REVISIONS[-2:])  # the advisory lock key guarding the clock's catch-up ("CRMS")

SQLITE_TABLES = (
    """CREATE TABLE IF NOT EXISTS sync_site (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        site_id CHAR(32) NOT NULL,
        hlc BIGINT NOT NULL DEFAULT 0,
        applying INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE IF NOT EXISTS sync_row (
        table_name VARCHAR(63) NOT NULL,
        row_id CHAR(32) NOT NULL,
        cl INTEGER NOT NULL,
        clocks TEXT NOT NULL,
        PRIMARY KEY (table_name, row_id)
    ) WITHOUT ROWID""",
    # batch_id: the push batch a queued record was last sent in (kept until the server
    # acknowledges it, so a retry resends the same batch); a new edit clears it.
    # since: the clock of the record's first edit since its last acknowledged push: this
    # site's entries from there on are new to the server (see sync.merge).
    """CREATE TABLE IF NOT EXISTS sync_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        table_name VARCHAR(63) NOT NULL,
        row_id CHAR(32) NOT NULL,
        batch_id CHAR(32),
        since BIGINT NOT NULL DEFAULT 0,
        UNIQUE (table_name, row_id)
    )""",
)
POSTGRES_TABLES = (
    """CREATE TABLE IF NOT EXISTS public.sync_site (
        id integer PRIMARY KEY CHECK (id = 1),
        site_id uuid NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS public.sync_row (
        table_name varchar(63) NOT NULL,
        row_id uuid NOT NULL,
        cl integer NOT NULL,
        clocks jsonb NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        PRIMARY KEY (table_name, row_id)
    )""",
    "CREATE INDEX IF NOT EXISTS ix_sync_row_txid ON public.sync_row (txid)",
    # the laptops' schema versions this server takes (see sync.engine.check_versions)
    "ALTER TABLE public.sync_site ADD COLUMN IF NOT EXISTS accepts text NOT NULL DEFAULT ''",
    """CREATE TABLE IF NOT EXISTS public.sync_batches (
        batch_id uuid PRIMARY KEY,
        site varchar(32) NOT NULL,
        login text NOT NULL DEFAULT session_user,
        records integer NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
    )""",
    "REVOKE ALL ON public.sync_batches FROM PUBLIC",
    # the conflicts the batch met, sent again when its acknowledgement was lost
    "ALTER TABLE public.sync_batches ADD COLUMN IF NOT EXISTS conflicts jsonb",
    "ALTER TABLE public.sync_batches ENABLE ROW LEVEL SECURITY",
    # tombstones removed below this transaction horizon (see sync.compaction)
    "ALTER TABLE public.sync_site ADD COLUMN IF NOT EXISTS compacted_below xid8 "
    "NOT NULL DEFAULT '0'",
    # each laptop's progress: the horizon it has pulled to, when it was last seen
    """CREATE TABLE IF NOT EXISTS public.sync_replicas (
        site varchar(32) PRIMARY KEY,
        login text NOT NULL DEFAULT session_user,
        pulled_to xid8 NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now()
    )""",
    "REVOKE ALL ON public.sync_replicas FROM PUBLIC",
    # records removed for good by `server compact`: the laptops remove them too
    """CREATE TABLE IF NOT EXISTS public.sync_purged (
        table_name varchar(63) NOT NULL,
        row_id uuid NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        PRIMARY KEY (table_name, row_id)
    )""",
    "CREATE INDEX IF NOT EXISTS ix_sync_purged_txid ON public.sync_purged (txid)",
    "REVOKE ALL ON public.sync_purged FROM PUBLIC",
    "ALTER TABLE public.sync_purged ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE public.sync_replicas ENABLE ROW LEVEL SECURITY",
    "CREATE SEQUENCE IF NOT EXISTS public.crm_sync_hlc AS bigint",
    "REVOKE ALL ON public.sync_site, public.sync_row FROM PUBLIC",
    # no policies: only their owner and the SECURITY DEFINER functions below touch them
    "ALTER TABLE public.sync_site ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE public.sync_row ENABLE ROW LEVEL SECURITY",
    "REVOKE ALL ON SEQUENCE public.crm_sync_hlc FROM PUBLIC",
)
# The latest clock the office takes: five minutes past its own (as `sync.hlc.MAX_AHEAD_MS`).
CLOCK_LIMIT = "((floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint + 300000) << 16)"
POSTGRES_TICK = f"""
CREATE OR REPLACE FUNCTION public.crm_sync_tick() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    wall bigint := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint << 16;
    v bigint := nextval('public.crm_sync_hlc');
BEGIN
    IF v >= wall THEN
        RETURN v;
    END IF;
    -- Behind the wall clock: move the sequence up once, under a lock, so that two
    -- sessions catching up at once cannot move it back.
    PERFORM pg_advisory_lock({TICK_LOCK});
    BEGIN
        v := nextval('public.crm_sync_hlc');
        IF v < wall THEN
            PERFORM setval('public.crm_sync_hlc', wall);
            v := wall;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        PERFORM pg_advisory_unlock({TICK_LOCK});
        RAISE;
    END;
    PERFORM pg_advisory_unlock({TICK_LOCK});
    RETURN v;
END
$$;
REVOKE ALL ON FUNCTION public.crm_sync_tick() FROM PUBLIC;

CREATE OR REPLACE FUNCTION public.crm_sync_observe(seen bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- After applying a push: the server's next writes order after what it received.
    -- A clock far ahead of the office's own would stop everyone's edits from winning.
    IF seen > {CLOCK_LIMIT} THEN
        RAISE EXCEPTION 'a clock more than five minutes ahead of the office''s';
    END IF;
    PERFORM pg_advisory_lock({TICK_LOCK});
    BEGIN
        IF nextval('public.crm_sync_hlc') < seen THEN
            PERFORM setval('public.crm_sync_hlc', seen);
        END IF;
    EXCEPTION WHEN OTHERS THEN
        PERFORM pg_advisory_unlock({TICK_LOCK});
        RAISE;
    END;
    PERFORM pg_advisory_unlock({TICK_LOCK});
END
$$;
REVOKE ALL ON FUNCTION public.crm_sync_observe(bigint) FROM PUBLIC;
"""


def postgres_existing() -> str:
    """`crm_sync_existing(table, ids)`: which of `ids` the synchronised `table` holds,
    seen or not by the caller. A push from a login row-level security limits tells so a
    record handed to someone else (there, but hidden) from a new one (a new id)."""
    names = ", ".join(f"'{t.name}'" for t in synced_tables())
    # run by exec_driver_sql: a literal percent sign is written twice
    return f"""
CREATE OR REPLACE FUNCTION public.crm_sync_existing(wanted text, ids uuid[])
RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF wanted NOT IN ({names}) THEN
        RAISE EXCEPTION 'not a synchronised table: %%', wanted;
    END IF;
    RETURN QUERY EXECUTE format('SELECT id FROM public.%%I WHERE id = ANY($1)', wanted)
        USING ids;
END
$$;
REVOKE ALL ON FUNCTION public.crm_sync_existing(text, uuid[]) FROM PUBLIC;
"""


def field_clock(clocks: Mapping[str, Sequence[Any]], field: str) -> tuple[int, str]:
    """The `(clock, site)` of the write that last set `field` of a record, from its
    `sync_row.clocks`: the field's own entry, else the record's creation, else nothing
    (a record written before change capture was installed)."""
    entry = clocks.get(field) or clocks.get(ALL_FIELDS)
    if not entry:
        return 0, ""
    return int(entry[0]), str(entry[1])


def field_base(clocks: Mapping[str, Sequence[Any]], field: str) -> tuple[int, str]:
    """The `(clock, site)` of the entry an edit of `field` replaced: what the editing
    computer had seen of the field. Two edits of a field are concurrent when neither
    was made on top of the other; `(0, "")` for a field never edited since creation."""
    entry = clocks.get(field)
    if not entry or len(entry) < 4:
        return 0, ""
    return int(entry[2]), str(entry[3])


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# -- SQLite ---------------------------------------------------------------------------

_SQLITE_NOW = "(SELECT hlc FROM sync_site WHERE id = 1)"
_SQLITE_SITE = "(SELECT site_id FROM sync_site WHERE id = 1)"
_SQLITE_QUIET = "(SELECT applying FROM sync_site WHERE id = 1) = 0"
_SQLITE_TICK = f"UPDATE sync_site SET hlc = max(hlc + 1, {SQLITE_MS} << 16) WHERE id = 1;"


def _sqlite_queue(table: str, row: str) -> str:
    return (
        f"INSERT INTO sync_outbox (table_name, row_id, since) "
        f"VALUES ({_lit(table)}, {row}, {_SQLITE_NOW}) "
        "ON CONFLICT (table_name, row_id) DO UPDATE SET batch_id = NULL;"
    )


def sqlite_triggers(table: SyncedTable) -> list[str]:
    """The three triggers (insert, update, delete) capturing `table`'s writes."""
    name, tbl = table.name, _q(table.name)
    now = f"json_array({_SQLITE_NOW}, {_SQLITE_SITE})"
    alive = "CASE WHEN new.deleted_at IS NULL THEN 1 ELSE 2 END"
    changed = " OR ".join(f"old.{_q(c)} IS NOT new.{_q(c)}" for c in table.fields)
    # The changed fields' clocks as one object, for json_patch: a compound SELECT with
    # an arm per field, each present only when that field changed.
    # The changed fields' entries as one object, for json_patch: a compound SELECT with an
    # arm per field, each present only when that field changed, carrying the entry it
    # replaces (its base: what this computer had seen of the field when it was edited).
    mine = f"sync_row WHERE table_name = {_lit(name)} AND row_id = new.id"
    arms = " UNION ALL ".join(
        f"SELECT {_lit(c)} AS k, (SELECT coalesce(clocks -> {_lit('$.' + c)}, "
        f"clocks -> '$.\"{ALL_FIELDS}\"') FROM {mine}) AS b "
        f"WHERE old.{_q(c)} IS NOT new.{_q(c)}"
        for c in table.fields
    )
    entry = (
        f"json_array({_SQLITE_NOW}, {_SQLITE_SITE}, "
        "coalesce(b ->> '$[0]', 0), coalesce(b ->> '$[1]', ''))"
    )
    patch = f"(SELECT json_group_object(k, {entry}) FROM ({arms}))"
    deleted_base = (
        f"(SELECT coalesce(clocks -> '$.deleted_at', clocks -> '$.\"{ALL_FIELDS}\"') "
        f"FROM sync_row WHERE table_name = {_lit(name)} AND row_id = old.id)"
    )
    deleted_entry = (
        f"json_array({_SQLITE_NOW}, {_SQLITE_SITE}, coalesce({deleted_base} ->> '$[0]', 0), "
        f"coalesce({deleted_base} ->> '$[1]', ''))"
    )
    parity = (
        "CASE WHEN (sync_row.cl % 2 = 1) = (excluded.cl = 1) "
        "THEN sync_row.cl ELSE sync_row.cl + 1 END"
    )
    insert = f"""CREATE TRIGGER {table.trigger_name}_ai AFTER INSERT ON {tbl}
WHEN {_SQLITE_QUIET}
BEGIN
    {_SQLITE_TICK}
    INSERT INTO sync_row (table_name, row_id, cl, clocks)
    VALUES ({_lit(name)}, new.id, {alive}, json_object('{ALL_FIELDS}', {now}))
    ON CONFLICT (table_name, row_id) DO UPDATE SET cl = {parity}, clocks = excluded.clocks;
    {_sqlite_queue(name, "new.id")}
END"""
    update = f"""CREATE TRIGGER {table.trigger_name}_au AFTER UPDATE ON {tbl}
WHEN {_SQLITE_QUIET} AND ({changed})
BEGIN
    {_SQLITE_TICK}
    INSERT INTO sync_row (table_name, row_id, cl, clocks)
    VALUES ({_lit(name)}, new.id, {alive}, {patch})
    ON CONFLICT (table_name, row_id) DO UPDATE SET
        cl = {parity}, clocks = json_patch(sync_row.clocks, excluded.clocks);
    {_sqlite_queue(name, "new.id")}
END"""
    delete = f"""CREATE TRIGGER {table.trigger_name}_ad AFTER DELETE ON {tbl}
WHEN {_SQLITE_QUIET}
BEGIN
    {_SQLITE_TICK}
    INSERT INTO sync_row (table_name, row_id, cl, clocks)
    VALUES ({_lit(name)}, old.id, 2, json_object('deleted_at', {deleted_entry}))
    ON CONFLICT (table_name, row_id) DO UPDATE SET
        cl = sync_row.cl + sync_row.cl % 2,
        clocks = json_patch(sync_row.clocks, excluded.clocks);
    {_sqlite_queue(name, "old.id")}
END"""
    return [insert, update, delete]


# -- PostgreSQL -----------------------------------------------------------------------


def _jsonb_object(pairs: Sequence[str]) -> str:
    """`jsonb_build_object` over many pairs: PostgreSQL functions take at most 100
    arguments, so the pairs go in groups joined with `||`."""
    groups = [pairs[i : i + 40] for i in range(0, len(pairs), 40)] or [[]]
    return " || ".join(f"jsonb_build_object({', '.join(g)})" for g in groups)


def postgres_function(table: SyncedTable) -> str:
    """The PL/pgSQL function of `table`'s three statement-level triggers: each statement
    is one write with one clock, and its rows go into `sync_row` in one INSERT from the
    statement's transition tables (a bulk insert of thousands of rows costs one trigger
    call, not one per row)."""
    name = table.name
    now = "jsonb_build_array(h, s)"

    def entry(field: str) -> str:  # the new clock, then the entry it replaces (its base)
        base = f"coalesce(b.clocks -> {_lit(field)}, b.clocks -> '{ALL_FIELDS}', '[0, \"\"]')"
        return f"jsonb_build_array(h, s, ({base}) -> 0, ({base}) -> 1)"

    def differs(c: str) -> str:  # json has no equality operator: compare as jsonb
        cast = "::jsonb" if c in table.json_fields else ""
        return f"o.{_q(c)}{cast} IS DISTINCT FROM n.{_q(c)}{cast}"

    patch = _jsonb_object(
        [f"{_lit(c)}, CASE WHEN {differs(c)} THEN {entry(c)} END" for c in table.fields]
    )
    alive = "CASE WHEN n.deleted_at IS NULL THEN 1 ELSE 2 END"
    # A record's sync_row may be older than its last delete or restore (or missing, for
    # a record from before capture): the causal length moves on to the new state's parity.
    parity = "CASE WHEN (mod(r.cl, 2) = 1) = (excluded.cl = 1) THEN r.cl ELSE r.cl + 1 END"
    return f"""
CREATE OR REPLACE FUNCTION public.{table.trigger_name}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    h bigint;
    s text;
BEGIN
    IF current_setting('crm.sync_applying', true) = 'on' THEN
        RETURN NULL;
    END IF;
    h := public.crm_sync_tick();
    SELECT replace(site_id::text, '-', '') INTO s FROM public.sync_site WHERE id = 1;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO public.sync_row AS r (table_name, row_id, cl, clocks)
        SELECT {_lit(name)}, n.id, {alive}, jsonb_build_object('{ALL_FIELDS}', {now})
        FROM new_rows AS n
        ON CONFLICT (table_name, row_id) DO UPDATE SET
            cl = {parity}, clocks = excluded.clocks, txid = pg_current_xact_id();
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO public.sync_row AS r (table_name, row_id, cl, clocks)
        SELECT {_lit(name)}, n.id, {alive}, p.patch
        FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
        LEFT JOIN public.sync_row AS b ON b.table_name = {_lit(name)} AND b.row_id = n.id
        CROSS JOIN LATERAL (SELECT jsonb_strip_nulls({patch}) AS patch) AS p
        WHERE p.patch <> '{{}}'::jsonb
        ON CONFLICT (table_name, row_id) DO UPDATE SET
            cl = {parity}, clocks = r.clocks || excluded.clocks, txid = pg_current_xact_id();
    ELSE
        INSERT INTO public.sync_row AS r (table_name, row_id, cl, clocks)
        SELECT {_lit(name)}, o.id, 2, jsonb_build_object('deleted_at', {entry("deleted_at")})
        FROM old_rows AS o
        LEFT JOIN public.sync_row AS b ON b.table_name = {_lit(name)} AND b.row_id = o.id
        ON CONFLICT (table_name, row_id) DO UPDATE SET
            cl = r.cl + mod(r.cl, 2), clocks = r.clocks || excluded.clocks,
            txid = pg_current_xact_id();
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION public.{table.trigger_name}() FROM PUBLIC;
"""


def postgres_triggers(table: SyncedTable) -> list[str]:
    head = f"public.{_q(table.name)}"
    run = f"FOR EACH STATEMENT EXECUTE FUNCTION public.{table.trigger_name}()"
    return [
        f"CREATE TRIGGER {table.trigger_name}_ai AFTER INSERT ON {head} "
        f"REFERENCING NEW TABLE AS new_rows {run}",
        f"CREATE TRIGGER {table.trigger_name}_au AFTER UPDATE ON {head} "
        f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows {run}",
        f"CREATE TRIGGER {table.trigger_name}_ad AFTER DELETE ON {head} "
        f"REFERENCING OLD TABLE AS old_rows {run}",
    ]


# -- installing -----------------------------------------------------------------------


def _run(conn: Connection, statements: Sequence[str]) -> None:
    for statement in statements:
        conn.exec_driver_sql(statement)


def _existing_tables(conn: Connection) -> set[str]:
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        rows = conn.exec_driver_sql(
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public'"
        )
    return {str(r[0]) for r in rows}


# Work the office server does once a laptop's push is all in (one transaction of its
# own, at every sync). Services register it (invoicing: invoices issued on a laptop
# without a network get their numbers), as ARCHITECTURE.md lets upper layers hook into
# the store.
after_push: list[Callable[[Session, str], None]] = []


def requested_by(conn: Connection, table: str, flag: str, site: str) -> list[uuid.UUID]:
    """The office's records of `table` whose `flag` column is set and was last set by
    laptop `site` (its clock's site): what that laptop asked the office to do."""
    rows = conn.execute(
        text(
            f'SELECT t.id FROM public."{table}" AS t JOIN public.sync_row AS r '
            "ON r.table_name = :t AND r.row_id = t.id "
            f'WHERE t."{flag}" IS NOT NULL '
            "AND coalesce(r.clocks -> :f ->> 1, r.clocks -> '*' ->> 1) = :s"
        ),
        {"t": table, "f": flag, "s": site},
    )
    return [uuid.UUID(str(r[0])) for r in rows]


def is_laptop_replica(conn: Connection) -> bool:
    """A SQLite file made a laptop's replica of an office server (`replica init`): what
    only the office may decide (an invoice's number) waits there for the next sync."""
    if conn.dialect.name != "sqlite":
        return False
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_replica'"
    ).first()
    return found is not None


def download_unfinished(conn: Connection) -> bool:
    """A replica whose first download (`sync.bootstrap`) stopped halfway: its triggers
    are set aside until it finishes, so nothing may be written to it before."""
    if not is_laptop_replica(conn):
        return False
    table = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_bootstrap'"
    ).first()
    if table is None:
        return False
    done = conn.exec_driver_sql("SELECT done FROM sync_bootstrap WHERE id = 1").scalar()
    return done is not None and not done


def replica_login(conn: Connection) -> str | None:
    """The office login a laptop's replica was made for (`replica init`): who acts on it
    when no --user is given, so what she adds offline is hers at the office too."""
    if not is_laptop_replica(conn):
        return None
    login = conn.exec_driver_sql("SELECT login FROM sync_replica WHERE id = 1").scalar()
    return str(login) if login else None


def site_id(conn: Connection) -> uuid.UUID | None:
    """This database's site id, or None when change capture was never installed."""
    if "sync_site" not in _existing_tables(conn):
        return None
    value = conn.exec_driver_sql("SELECT site_id FROM sync_site WHERE id = 1").scalar()
    return None if value is None else uuid.UUID(str(value))


def install(conn: Connection, site: uuid.UUID | None = None) -> uuid.UUID:
    """Create the sync tables (once) and (re)create the triggers of every synchronised
    table, in the caller's transaction; returns the site id (kept when already set, else
    `site` or a new one). Run again after every migration: a table's triggers name its
    columns, so a migration that adds one needs them remade."""
    sqlite = conn.dialect.name == "sqlite"
    _run(conn, SQLITE_TABLES if sqlite else POSTGRES_TABLES)
    if not sqlite:
        conn.exec_driver_sql(POSTGRES_TICK)
        conn.exec_driver_sql(postgres_existing())
    current = site_id(conn)
    present = _existing_tables(conn)
    if current is None:
        current = site or uuid.uuid4()
        conn.execute(
            text("INSERT INTO sync_site (id, site_id) VALUES (1, :site)"),
            {"site": current.hex if sqlite else str(current)},
        )
        _backfill(conn, present)
    if not sqlite:
        conn.execute(
            text("UPDATE sync_site SET accepts = :a WHERE id = 1"),
            {"a": ",".join(ACCEPTS)},
        )
    uninstall_triggers(conn)
    for table in synced_tables():
        if table.name not in present:
            continue
        if sqlite:
            _run(conn, sqlite_triggers(table))
        else:
            conn.exec_driver_sql(postgres_function(table))
            _run(conn, postgres_triggers(table))
    return current


def accepted_versions(conn: Connection) -> tuple[str, ...]:
    """The laptops' schema versions this (office) database takes."""
    if conn.dialect.name == "sqlite":
        return ()
    value = conn.exec_driver_sql("SELECT accepts FROM sync_site WHERE id = 1").scalar()
    return tuple(v for v in str(value or "").split(",") if v)


def reinstall_after_migration(conn: Connection) -> None:
    """The after-migration hook (`store.schema.after_migrate`): a database that captures
    changes gets its triggers remade for the new columns."""
    if site_id(conn) is not None:
        install(conn)


def _backfill(conn: Connection, present: set[str]) -> None:
    """Records written before capture was installed get a `sync_row` with no clocks (older
    than any edit), so that a laptop's first download takes them too."""
    for table in synced_tables():
        if table.name not in present:
            continue
        conn.exec_driver_sql(
            "INSERT INTO sync_row (table_name, row_id, cl, clocks) "
            f"SELECT {_lit(table.name)}, id, "
            "CASE WHEN deleted_at IS NULL THEN 1 ELSE 2 END, '{}' "
            f"FROM {_q(table.name)} WHERE true "
            "ON CONFLICT (table_name, row_id) DO NOTHING"
        )


def installed_triggers(conn: Connection) -> list[str]:
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'crm_sync_%'"
        )
    else:
        rows = conn.exec_driver_sql(
            "SELECT tgname FROM pg_catalog.pg_trigger WHERE NOT tgisinternal "
            "AND starts_with(tgname::text, 'crm_sync_')"
        )
    return sorted(str(r[0]) for r in rows)


def uninstall_triggers(conn: Connection) -> None:
    """Drop the capture triggers (the sync tables and what they hold stay)."""
    if conn.dialect.name == "sqlite":
        for name in installed_triggers(conn):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_q(name)}")
        return
    rows = conn.exec_driver_sql(
        "SELECT t.tgname, c.relname FROM pg_catalog.pg_trigger t "
        "JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal AND starts_with(t.tgname::text, 'crm_sync_')"
    )
    for trigger, table in list(rows):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_q(trigger)} ON public.{_q(table)}")


@contextlib.contextmanager
def applying(conn: Connection) -> Iterator[None]:
    """Silence the triggers for the rest of this block, in the caller's transaction:
    the sync writes what it received (with the clocks it carries) without recording it
    as this computer's own edits."""
    # No reset after an error: the transaction is rolled back with the flag (and on
    # PostgreSQL a statement in a failed transaction would hide the error itself).
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("UPDATE sync_site SET applying = 1 WHERE id = 1")
        history = "audit_context" in _existing_tables(conn)
        if history:  # nor is it this laptop's change history (the office's has it)
            before = conn.exec_driver_sql("SELECT tx FROM audit_context WHERE id = 1").scalar()
            conn.exec_driver_sql(f"UPDATE audit_context SET tx = {BULK} WHERE id = 1")
        yield
        if history:
            conn.exec_driver_sql("UPDATE audit_context SET tx = ? WHERE id = 1", (before,))
        conn.exec_driver_sql("UPDATE sync_site SET applying = 0 WHERE id = 1")
        return
    conn.exec_driver_sql("SELECT set_config('crm.sync_applying', 'on', true)")
    yield
    conn.exec_driver_sql("SELECT set_config('crm.sync_applying', 'off', true)")
