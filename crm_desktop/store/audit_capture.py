"""Change history capture: triggers, generated from the SQLAlchemy metadata, that write
every create, change and delete of a client (with its phones, e-mails, addresses and
messengers), deal, task, invoice, order or product into `audit_log`, whichever way the
write is made (the program, a bulk import, the sync applying a laptop's push, raw SQL).

- PostgreSQL: statement-level triggers read the statement's transition tables (a bulk
  write is one trigger call) and record the real login (`session_user`) and the
  computer (the program's `application_name` says "crm-desktop@HOST"; else the client's
  address). Their functions are SECURITY DEFINER: app logins cannot write the log
  themselves. A deferred constraint trigger seals each transaction's entries at commit
  (`crm_audit_seal`), under an advisory lock so batches chain one after another.
- SQLite: row triggers; who writes and from which computer come from `audit_context`,
  which the program sets when a unit of work that writes begins (a write made outside
  the program falls back to the row's `updated_by`). The program seals the new entries
  just before each commit (`store.audit_chain.seal_sqlite`), in the same transaction.

Values are kept as text (`{"field": [old, new]}`); a phone, e-mail, address or messenger
is recorded on its client as the field `phone`, `email`, `address` or `messenger`.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, LargeBinary, Table, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, SessionTransaction

from crm_desktop.models import Base
from crm_desktop.store.audit_chain import seal_sqlite
from crm_desktop.store.synced_tables import DERIVED

AUDITED = ("clients", "deals", "tasks", "invoices", "orders", "products")
BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at", "created_by", "updated_by"})
SEAL_LOCK = 0x43524D41  # "CRMA": one transaction seals at a time


@dataclass(frozen=True)
class Child:
    """A table whose rows are recorded as one field of their client."""

    table: str
    field: str
    value: str  # SQL over the row alias "r"


CHILDREN = (
    Child("phones", "phone", "r.e164"),
    Child("emails", "email", "r.address"),
    Child("addresses", "address", "r.text"),
    Child("messengers", "messenger", "r.kind || ': ' || r.handle"),
)
PARENT = "clients"
RECORDED = frozenset({*AUDITED, *(c.table for c in CHILDREN)})


def audited_fields(table: str) -> tuple[str, ...]:
    """The fields of `table` the history records: not its bookkeeping, not what is
    derived from other fields (search text, the list's copies), not binary content."""
    t: Table = Base.metadata.tables[table]
    skip = BOOKKEEPING | DERIVED.get(table, frozenset())
    return tuple(
        c.name for c in t.columns if c.name not in skip and not isinstance(c.type, LargeBinary)
    )


def computer_name() -> str:
    return socket.gethostname()[:200] or "?"


def application_name() -> str:
    """The PostgreSQL application name the program connects with: the computer in it."""
    host = "".join(ch if 32 < ord(ch) < 127 else "?" for ch in socket.gethostname())
    return f"crm-desktop@{host}"[:63]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# -- SQLite -------------------------------------------------------------------------------

_SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'"
_SQLITE_COMPUTER = "(SELECT computer FROM audit_context WHERE id = 1)"
_SQLITE_TX = "(SELECT tx FROM audit_context WHERE id = 1)"
# The row triggers stand aside while the context's tx is BULK: the bulk writer records its
# rows' entries itself (store/bulk.py), and a laptop applying what it pulled from the
# office records nothing (the office's history holds those changes, under their authors).
BULK = -1
_SQLITE_ON = f"coalesce((SELECT tx FROM audit_context WHERE id = 1), 0) <> {BULK}"


def _sqlite_login(row: str) -> str:
    return f"coalesce((SELECT login FROM audit_context WHERE id = 1), {row}.updated_by)"


def _sqlite_entry(row: str, table: str, record: str, action: str, changes: str) -> str:
    return (
        "INSERT INTO audit_log (at, login, computer, table_name, record_id, action, changes, "
        f"tx) VALUES ({_SQLITE_NOW}, {_sqlite_login(row)}, {_SQLITE_COMPUTER}, {_lit(table)}, "
        f"{record}, {_lit(action)}, {changes}, {_SQLITE_TX});"
    )


def _sqlite_changes(pairs: list[tuple[str, str, str]]) -> str:
    """One JSON object of the fields whose `when` holds, each `[old, new]`: json_object
    writes every field in one C call, and json_patch drops the ones left null (a merge
    patch removes a key whose value is null), far cheaper than a subquery per field."""
    groups = [pairs[i : i + 60] for i in range(0, len(pairs), 60)] or [[]]
    objects = [
        "json_object("
        + ", ".join(
            f"{_lit(k)}, CASE WHEN {when} THEN json_array({value}) END" for k, when, value in g
        )
        + ")"
        for g in groups
    ]
    patched = "'{}'"
    for obj in objects:
        patched = f"json_patch({patched}, {obj})"
    return patched


def sqlite_triggers(table: str) -> list[str]:
    fields = audited_fields(table)
    tbl, prefix = _q(table), f"crm_audit_{table}"
    changed = " OR ".join(f"old.{_q(c)} IS NOT new.{_q(c)}" for c in fields)
    insert_changes = _sqlite_changes(
        [(c, f"new.{_q(c)} IS NOT NULL", f"NULL, new.{_q(c)}") for c in fields]
    )
    update_changes = _sqlite_changes(
        [(c, f"old.{_q(c)} IS NOT new.{_q(c)}", f"old.{_q(c)}, new.{_q(c)}") for c in fields]
    )
    delete_changes = _sqlite_changes(
        [(c, f"old.{_q(c)} IS NOT NULL", f"old.{_q(c)}, NULL") for c in fields]
    )
    return [
        f"CREATE TRIGGER {prefix}_ai AFTER INSERT ON {tbl} WHEN {_SQLITE_ON} BEGIN "
        f"{_sqlite_entry('new', table, 'new.id', 'insert', insert_changes)} END",
        f"CREATE TRIGGER {prefix}_au AFTER UPDATE ON {tbl} WHEN {_SQLITE_ON} AND ({changed}) "
        "BEGIN "
        f"{_sqlite_entry('new', table, 'new.id', 'update', update_changes)} END",
        f"CREATE TRIGGER {prefix}_ad AFTER DELETE ON {tbl} WHEN {_SQLITE_ON} BEGIN "
        f"{_sqlite_entry('old', table, 'old.id', 'delete', delete_changes)} END",
    ]


def sqlite_child_triggers(child: Child) -> list[str]:
    tbl, prefix = _q(child.table), f"crm_audit_{child.table}"
    new_v = child.value.replace("r.", "new.")
    old_v = child.value.replace("r.", "old.")
    new_alive = f"CASE WHEN new.deleted_at IS NULL THEN {new_v} END"
    old_alive = f"CASE WHEN old.deleted_at IS NULL THEN {old_v} END"
    field = _lit(child.field)

    def entry(row: str, record: str, old: str, new: str) -> str:
        changes = f"json_object({field}, json_array({old}, {new}))"
        return _sqlite_entry(row, PARENT, record, "update", changes)

    return [
        f"CREATE TRIGGER {prefix}_ai AFTER INSERT ON {tbl} "
        f"WHEN new.deleted_at IS NULL AND {_SQLITE_ON} BEGIN "
        f"{entry('new', 'new.client_id', 'NULL', new_v)} END",
        f"CREATE TRIGGER {prefix}_au AFTER UPDATE ON {tbl} "
        f"WHEN {_SQLITE_ON} AND old.client_id IS new.client_id "
        f"AND ({old_alive}) IS NOT ({new_alive}) BEGIN "
        f"{entry('new', 'new.client_id', old_alive, new_alive)} END",
        # moved to another client (a merge): gone from one card, added to the other
        f"CREATE TRIGGER {prefix}_am AFTER UPDATE ON {tbl} "
        f"WHEN {_SQLITE_ON} AND old.client_id IS NOT new.client_id BEGIN "
        f"INSERT INTO audit_log (at, login, computer, table_name, record_id, action, changes, tx) "
        f"SELECT {_SQLITE_NOW}, {_sqlite_login('new')}, {_SQLITE_COMPUTER}, {_lit(PARENT)}, "
        f"old.client_id, 'update', json_object({field}, json_array({old_alive}, NULL)), "
        f"{_SQLITE_TX} WHERE ({old_alive}) IS NOT NULL; "
        f"INSERT INTO audit_log (at, login, computer, table_name, record_id, action, changes, tx) "
        f"SELECT {_SQLITE_NOW}, {_sqlite_login('new')}, {_SQLITE_COMPUTER}, {_lit(PARENT)}, "
        f"new.client_id, 'update', json_object({field}, json_array(NULL, {new_alive})), "
        f"{_SQLITE_TX} WHERE ({new_alive}) IS NOT NULL; END",
        f"CREATE TRIGGER {prefix}_ad AFTER DELETE ON {tbl} "
        f"WHEN old.deleted_at IS NULL AND {_SQLITE_ON} BEGIN "
        f"{entry('old', 'old.client_id', old_v, 'NULL')} END",
    ]


def bulk_entries(
    cursor: Any, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[tuple[Any, ...]]:
    """SQLite: the entries the row triggers would write for `rows` just inserted into
    `table` (values as stored), for the bulk writer to insert in one executemany."""
    child = next((c for c in CHILDREN if c.table == table), None)
    if table not in AUDITED and child is None:
        return []
    context = cursor.execute(
        "SELECT login, computer, tx FROM audit_context WHERE id = 1"
    ).fetchone()
    login, computer, tx = context if context else (None, None, None)
    now = dt.datetime.now(dt.UTC)
    at = f"{now:%Y-%m-%d %H:%M:%S}.{now.microsecond:06d}"
    index = {name: i for i, name in enumerate(columns)}
    who = index.get("updated_by")
    out: list[tuple[Any, ...]] = []
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    if child is not None:
        value = _child_value(child, index)
        gone = index.get("deleted_at")
        for row in rows:
            if gone is not None and row[gone] is not None:
                continue
            entry = dumps({child.field: [None, value(row)]})
            author = login if login is not None else (row[who] if who is not None else None)
            out.append((at, author, computer, PARENT, row[index["client_id"]], "update", entry, tx))
        return out
    fields = [(name, index[name]) for name in audited_fields(table) if name in index]
    for row in rows:
        changes = {name: [None, row[i]] for name, i in fields if row[i] is not None}
        author = login if login is not None else (row[who] if who is not None else None)
        out.append((at, author, computer, table, row[index["id"]], "insert", dumps(changes), tx))
    return out


def _child_value(child: Child, index: dict[str, int]) -> Any:
    if child.table == "messengers":
        kind, handle = index["kind"], index["handle"]
        return lambda row: f"{row[kind]}: {row[handle]}"
    column = index[child.value.removeprefix("r.")]
    return lambda row: row[column]


BULK_INSERT = (
    "INSERT INTO audit_log (at, login, computer, table_name, record_id, action, changes, tx) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


# -- PostgreSQL ---------------------------------------------------------------------------

_PG_COMPUTER = (
    "coalesce(nullif(split_part(current_setting('application_name'), '@', 2), ''), "
    "host(inet_client_addr()), 'local')"
)
_PG_TX = "pg_current_xact_id()::text::bigint"
# The real login; only a superuser (the administrator, or a test acting as a user) may
# name the app user it acts for, with the transaction's `crm.login` setting.
_PG_LOGIN = (
    "CASE WHEN coalesce(current_setting('crm.login', true), '') <> '' AND (SELECT r.rolsuper "
    "FROM pg_catalog.pg_roles AS r WHERE r.rolname = session_user) "
    "THEN current_setting('crm.login', true) ELSE session_user::text END"
)
_PG_HEAD = (
    "INSERT INTO public.audit_log (at, login, computer, table_name, record_id, action, changes, tx)"
)


def _pg_text(row: str, column: str) -> str:
    return f"(to_jsonb({row}.{_q(column)}) #>> '{{}}')"


def postgres_function(table: str) -> str:
    fields = audited_fields(table)
    one = ", ".join(f"({_lit(c)}, {_pg_text('n', c)})" for c in fields)
    gone = ", ".join(f"({_lit(c)}, {_pg_text('o', c)})" for c in fields)
    both = ", ".join(f"({_lit(c)}, {_pg_text('o', c)}, {_pg_text('n', c)})" for c in fields)
    common = f"now(), {_PG_LOGIN}, {_PG_COMPUTER}, {_lit(table)}"
    return f"""
CREATE OR REPLACE FUNCTION public.crm_audit_{table}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_PG_HEAD}
        SELECT {common}, n.id, 'insert', coalesce(c.ch, '{{}}'::jsonb), {_PG_TX}
        FROM new_rows AS n CROSS JOIN LATERAL (
            SELECT jsonb_object_agg(f.k, jsonb_build_array(NULL::text, f.v)) AS ch
            FROM (VALUES {one}) AS f(k, v) WHERE f.v IS NOT NULL) AS c;
    ELSIF TG_OP = 'UPDATE' THEN
        {_PG_HEAD}
        SELECT {common}, n.id, 'update', c.ch, {_PG_TX}
        FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id CROSS JOIN LATERAL (
            SELECT jsonb_object_agg(f.k, jsonb_build_array(f.ov, f.nv)) AS ch
            FROM (VALUES {both}) AS f(k, ov, nv) WHERE f.ov IS DISTINCT FROM f.nv) AS c
        WHERE c.ch IS NOT NULL;
    ELSE
        {_PG_HEAD}
        SELECT {common}, o.id, 'delete', coalesce(c.ch, '{{}}'::jsonb), {_PG_TX}
        FROM old_rows AS o CROSS JOIN LATERAL (
            SELECT jsonb_object_agg(f.k, jsonb_build_array(f.v, NULL::text)) AS ch
            FROM (VALUES {gone}) AS f(k, v) WHERE f.v IS NOT NULL) AS c;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION public.crm_audit_{table}() FROM PUBLIC;
"""


def postgres_child_function(child: Child) -> str:
    def alive(row: str) -> str:
        return f"CASE WHEN {row}.deleted_at IS NULL THEN {child.value.replace('r.', row + '.')} END"

    field = _lit(child.field)
    common = f"now(), {_PG_LOGIN}, {_PG_COMPUTER}, {_lit(PARENT)}"
    return f"""
CREATE OR REPLACE FUNCTION public.crm_audit_{child.table}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_PG_HEAD}
        SELECT {common}, n.client_id, 'update',
            jsonb_build_object({field}, jsonb_build_array(NULL::text, {alive("n")})), {_PG_TX}
        FROM new_rows AS n WHERE n.deleted_at IS NULL;
    ELSIF TG_OP = 'UPDATE' THEN
        {_PG_HEAD}
        SELECT {common}, n.client_id, 'update',
            jsonb_build_object({field}, jsonb_build_array({alive("o")}, {alive("n")})), {_PG_TX}
        FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
        WHERE o.client_id = n.client_id AND {alive("o")} IS DISTINCT FROM {alive("n")};
        -- moved to another client (a merge): gone from one card, added to the other
        {_PG_HEAD}
        SELECT {common}, o.client_id, 'update',
            jsonb_build_object({field}, jsonb_build_array({alive("o")}, NULL::text)), {_PG_TX}
        FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
        WHERE o.client_id <> n.client_id AND {alive("o")} IS NOT NULL;
        {_PG_HEAD}
        SELECT {common}, n.client_id, 'update',
            jsonb_build_object({field}, jsonb_build_array(NULL::text, {alive("n")})), {_PG_TX}
        FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
        WHERE o.client_id <> n.client_id AND {alive("n")} IS NOT NULL;
    ELSE
        {_PG_HEAD}
        SELECT {common}, o.client_id, 'update',
            jsonb_build_object({field}, jsonb_build_array({alive("o")}, NULL::text)), {_PG_TX}
        FROM old_rows AS o WHERE o.deleted_at IS NULL;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION public.crm_audit_{child.table}() FROM PUBLIC;
"""


def _pg_value_hash(side: int) -> str:
    return (
        f"CASE WHEN a.erased ? e.key THEN a.erased -> e.key ->> {side} ELSE coalesce("
        f"encode(sha256(convert_to(e.value ->> {side}, 'UTF8')), 'hex'), '-') END"
    )


# The same text as store.audit_chain.entry_text, built by the server.
_PG_ENTRY_TEXT = f"""
    a.id::text || '|' || (extract(epoch FROM a.at) * 1000000)::bigint::text || '|'
    || coalesce(a.login, '') || '|' || coalesce(a.computer, '') || '|' || a.table_name
    || '|' || replace(a.record_id::text, '-', '') || '|' || a.action || '|'
    || coalesce((SELECT string_agg(e.key || ':' || {_pg_value_hash(0)} || ':'
        || {_pg_value_hash(1)}, ',' ORDER BY e.key COLLATE "C")
        FROM jsonb_each(a.changes) AS e), '')"""

POSTGRES_SEAL = f"""
CREATE OR REPLACE FUNCTION public.crm_audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t bigint := {_PG_TX};
    mark text;
    done bigint;
    last_seq bigint;
    prev text;
    n integer;
    lo bigint;
    hi bigint;
    body text;
BEGIN
    -- Fired once per entry at commit: the first call seals the transaction's entries,
    -- the others see (by this session's last entry id) that nothing came since. The mark
    -- only saves work: a transaction that forges it leaves its entries outside the chain,
    -- which `audit verify` reports.
    mark := t::text || ':' || currval('public.audit_log_id_seq')::text;
    IF current_setting('crm.audit_sealed', true) = mark THEN
        RETURN NULL;
    END IF;
    -- a transaction that holds the lock (sealing early with SET CONSTRAINTS ... IMMEDIATE
    -- and then idling) stops others' saves for at most this long, not for ever
    PERFORM set_config('lock_timeout', '20s', true);
    PERFORM pg_advisory_xact_lock({SEAL_LOCK});
    SELECT coalesce(max(s.last_id), 0) INTO done FROM public.audit_seals AS s WHERE s.tx = t;
    SELECT count(*), min(a.id), max(a.id), string_agg({_PG_ENTRY_TEXT}, E'\\n' ORDER BY a.id)
    INTO n, lo, hi, body FROM public.audit_log AS a WHERE a.tx = t AND a.id > done;
    IF n > 0 THEN
        SELECT s.seq, s.hash INTO last_seq, prev FROM public.audit_seals AS s
        ORDER BY s.seq DESC LIMIT 1;
        last_seq := coalesce(last_seq, 0);
        prev := coalesce(prev, '');
        BEGIN
            INSERT INTO public.audit_seals (seq, first_id, last_id, tx, entries, sealed_at,
                prev_hash, hash)
            VALUES (last_seq + 1, lo, hi, t, n, clock_timestamp(), prev,
                encode(sha256(convert_to(prev || '|' || (last_seq + 1)::text || '|' || body,
                'UTF8')), 'hex'));
        EXCEPTION WHEN unique_violation THEN
            -- a REPEATABLE READ transaction did not see a seal made after it began
            RAISE EXCEPTION 'the change history moved on while this transaction ran'
                USING ERRCODE = 'serialization_failure', HINT = 'Try again.';
        END;
    END IF;
    PERFORM set_config('crm.audit_sealed', mark, true);
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION public.crm_audit_seal() FROM PUBLIC;
"""


def postgres_triggers(table: str) -> list[str]:
    head = f"public.{_q(table)}"
    run = f"FOR EACH STATEMENT EXECUTE FUNCTION public.crm_audit_{table}()"
    name = f"crm_audit_{table}"
    return [
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {head} REFERENCING NEW TABLE AS new_rows {run}",
        f"CREATE TRIGGER {name}_au AFTER UPDATE ON {head} "
        f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows {run}",
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {head} REFERENCING OLD TABLE AS old_rows {run}",
    ]


def function_signatures() -> list[str]:
    """The functions the history installs on PostgreSQL (for ownership and grants)."""
    return [f"crm_audit_{t}()" for t in (*AUDITED, *(c.table for c in CHILDREN))] + [
        "crm_audit_seal()"
    ]


# -- installing ---------------------------------------------------------------------------


def _tables(conn: Connection) -> set[str]:
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        rows = conn.exec_driver_sql(
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public'"
        )
    return {str(r[0]) for r in rows}


def installed_triggers(conn: Connection) -> list[tuple[str, str]]:
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'crm_audit_%'"
        )
    else:
        rows = conn.exec_driver_sql(
            "SELECT t.tgname, c.relname FROM pg_catalog.pg_trigger t "
            "JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND starts_with(t.tgname::text, 'crm_audit_')"
        )
    return sorted((str(r[0]), str(r[1])) for r in rows)


def uninstall(conn: Connection) -> None:
    """Drop the history's triggers (what the history holds stays): for measuring what
    the history costs, and for tests."""
    sqlite = conn.dialect.name == "sqlite"
    for name, table in installed_triggers(conn):
        if sqlite:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_q(name)}")
        else:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_q(name)} ON public.{_q(table)}")


def install(conn: Connection) -> bool:
    """(Re)create the history's triggers for the present columns, in the caller's
    transaction; False when the database has no history table yet (an older schema)."""
    present = _tables(conn)
    if "audit_log" not in present:
        return False
    sqlite = conn.dialect.name == "sqlite"
    uninstall(conn)
    statements: list[str] = []
    for table in AUDITED:
        if table not in present:
            continue
        if sqlite:
            statements += sqlite_triggers(table)
        else:
            statements += [postgres_function(table), *postgres_triggers(table)]
    for child in CHILDREN:
        if child.table not in present:
            continue
        if sqlite:
            statements += sqlite_child_triggers(child)
        else:
            statements.append(postgres_child_function(child))
            statements += postgres_triggers(child.table)
    if not sqlite:
        statements += [
            POSTGRES_SEAL,
            "CREATE CONSTRAINT TRIGGER crm_audit_seal AFTER INSERT ON public.audit_log "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.crm_audit_seal()",
            "REVOKE ALL ON public.audit_log, public.audit_seals, public.audit_context FROM PUBLIC",
        ]
    for statement in statements:
        conn.exec_driver_sql(statement)
    return True


def after_migrate(conn: Connection) -> None:
    install(conn)


# -- SQLite: who writes, and sealing at commit ----------------------------------------------


def _has_history(dbapi: Any, info: dict[str, Any]) -> bool:
    if info.get("audit"):
        return True
    found = (
        dbapi.cursor()
        .execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_seals'")
        .fetchone()
    )
    if found:
        info["audit"] = True  # a table once there stays (no negative cache: a migration adds it)
    return bool(found)


def _on_commit(conn: Connection) -> None:
    record = conn.connection
    dbapi = record.dbapi_connection
    if dbapi is None or not _has_history(dbapi, record.info):
        return
    cursor = dbapi.cursor()
    try:
        seal_sqlite(cursor)  # type: ignore[arg-type]
        if record.info.pop("audit_context", False):
            cursor.execute(
                "UPDATE audit_context SET login = NULL, computer = NULL, tx = NULL WHERE id = 1"
            )
    finally:
        cursor.close()


def _superuser(connection: Connection, info: dict[str, Any]) -> bool:
    """Whether this connection's login is a superuser, asked once per connection: an app
    user's saves need no extra round trip."""
    if "audit_superuser" not in info:
        info["audit_superuser"] = bool(
            connection.exec_driver_sql(
                "SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user"
            ).scalar()
        )
    return bool(info["audit_superuser"])


def _on_begin(session: Session, transaction: SessionTransaction, connection: Connection) -> None:
    if not connection.get_execution_options().get("crm_writes"):
        return
    record = connection.connection
    if connection.dialect.name != "sqlite":
        login = session.info.get("login")
        if login and _superuser(connection, record.info):  # heeded for one only (_PG_LOGIN)
            connection.exec_driver_sql("SELECT set_config('crm.login', %(l)s, true)", {"l": login})
        return
    dbapi = record.dbapi_connection
    if dbapi is None or not _has_history(dbapi, record.info):
        return
    connection.exec_driver_sql(
        "UPDATE audit_context SET login = ?, computer = ?, "
        "tx = (SELECT coalesce(max(id), 0) + 1 FROM audit_log) WHERE id = 1",
        (session.info.get("login"), computer_name()),
    )
    record.info["audit_context"] = True


def install_sqlite_hooks(engine: Engine) -> None:
    """Seal the history at each commit of this SQLite engine's transactions."""
    event.listen(engine, "commit", _on_commit)


def install_session_hooks(session_class: type[Session]) -> None:
    event.listen(session_class, "after_begin", _on_begin)
