"""Reading records' sync states out of a database and writing merged states into it.

This is where a pull lands on a laptop and a push lands on the office server: for each
incoming state, the local copy is read (values, causal length, clocks), merged with it
(`sync.merge`), and what changed is written with the change-capture triggers silent
(`capture.applying`): the new clocks are the merged ones, not this computer's. Both
databases, one code (SQLAlchemy Core over the models' tables).

Rows are written parents first (the metadata's table order), and within a table a row
another incoming row points to (a person's company) before that row. Columns derived
from other fields (a client's folded name, first phone and e-mail, search text) are
recomputed here for every client the applied changes touch.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert, select, text, update

from crm_desktop.models import Base, ClientKind
from crm_desktop.store import change_capture as capture
from crm_desktop.store.search_index import derived_columns, fold
from crm_desktop.store.synced_tables import SyncedTable, synced_by_name, synced_tables
from crm_desktop.sync import issued
from crm_desktop.sync.issued import IssuedInvoices
from crm_desktop.sync.merge import Conflict, ConflictKind, RecordState, merge

IN_CHUNK = 500  # ids per IN (...) list
CONTACT_TABLES = ("phones", "emails")
# a client's fields its derived columns (and its people's) are computed from
DERIVED_FROM = frozenset({"kind", "name", "legal_form", "inn", "company_id"})


@dataclass
class ApplyReport:
    applied: int = 0  # records whose local copy changed
    conflicts: list[Conflict] = field(default_factory=list)
    inserted: dict[str, set[uuid.UUID]] = field(default_factory=dict)  # new here, by table


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _clocks(raw: Any) -> dict[str, list[Any]]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        loaded: dict[str, list[Any]] = json.loads(raw)
        return loaded
    return dict(raw)


def _chunks(ids: Sequence[uuid.UUID]) -> Iterable[Sequence[uuid.UUID]]:
    for start in range(0, len(ids), IN_CHUNK):
        yield ids[start : start + IN_CHUNK]


def read_states(
    conn: Connection, synced: SyncedTable, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, RecordState]:
    """The local copies of `ids` of one table (absent: never seen here)."""
    table = _table(synced.name)
    columns = [table.c[f] for f in synced.fields]
    values: dict[uuid.UUID, dict[str, Any]] = {}
    rows: dict[uuid.UUID, tuple[int, dict[str, list[Any]]]] = {}
    sqlite = conn.dialect.name == "sqlite"
    for part in _chunks(list(ids)):
        for row in conn.execute(select(table.c.id, *columns).where(table.c.id.in_(part))):
            values[row[0]] = dict(zip(synced.fields, row[1:], strict=True))
        keys = [i.hex if sqlite else str(i) for i in part]
        found = conn.execute(
            text(
                "SELECT row_id, cl, clocks FROM sync_row WHERE table_name = :t AND row_id IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            {"t": synced.name, "ids": keys},
        )
        for row_id, cl, clocks in found:
            rows[uuid.UUID(str(row_id))] = (int(cl), _clocks(clocks))
    states: dict[uuid.UUID, RecordState] = {}
    for row_id in set(values) | set(rows):
        current = values.get(row_id, {})
        if row_id in rows:
            cl, clocks = rows[row_id]
        else:  # written before change capture: alive or deleted as the row says
            cl, clocks = (1 if current.get("deleted_at") is None else 2), {}
        states[row_id] = RecordState(synced.name, row_id, cl, current, clocks)
    return states


@dataclass
class _PageContacts:
    """What the incoming states say about clients' contacts and companies' names, so
    that a client new here is written with its derived columns already right (and the
    refresh afterwards finds nothing to change) instead of being written twice."""

    phones: dict[uuid.UUID, list[tuple[int, str]]] = field(default_factory=dict)
    emails: dict[uuid.UUID, list[tuple[int, str]]] = field(default_factory=dict)
    names: dict[uuid.UUID, str] = field(default_factory=dict)

    @classmethod
    def of(cls, incoming: Sequence[RecordState]) -> _PageContacts:
        page = cls()
        for s in incoming:
            if s.table == "clients" and s.values.get("name") is not None:
                page.names[s.row_id] = str(s.values["name"])
            elif s.table in CONTACT_TABLES and s.alive and s.values.get("deleted_at") is None:
                owner = s.values.get("client_id")
                text_ = s.values.get("e164" if s.table == "phones" else "address")
                if isinstance(owner, uuid.UUID) and text_:
                    into = page.phones if s.table == "phones" else page.emails
                    into.setdefault(owner, []).append((int(s.values.get("position") or 0), text_))
        return page


def _in_order(contacts: list[tuple[int, str]]) -> list[str]:
    """Contacts given as (position, text), in their order."""
    return [text_ for _position, text_ in sorted(contacts, key=lambda c: c[0])]


def _derived_for_insert(
    conn: Connection, table: str, row_id: uuid.UUID, values: Mapping[str, Any], page: _PageContacts
) -> dict[str, Any]:
    """The derived columns of a row new here: a client's from its fields and the page's
    contacts (its contacts can only arrive with it or later: they refer to it)."""
    if table == "clients":
        name = str(values.get("name") or "")
        company = None
        company_id = values.get("company_id")
        if values.get("kind") == ClientKind.PERSON and isinstance(company_id, uuid.UUID):
            company = page.names.get(company_id)
            if company is None:
                clients = _table("clients")
                company = conn.scalar(select(clients.c.name).where(clients.c.id == company_id))
                if company is not None:
                    page.names[company_id] = company
        return derived_columns(
            name,
            values.get("legal_form"),
            company,
            values.get("inn"),
            _in_order(page.phones.get(row_id, [])),
            _in_order(page.emails.get(row_id, [])),
        )
    if table == "tags":
        return {"name_folded": fold(str(values.get("name") or ""))}
    return {}


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table.name == table.name]


def _parents_first(table: Table, states: Sequence[RecordState]) -> list[RecordState]:
    """Within one table, a row that another incoming row refers to goes first."""
    refs = _self_references(table)
    if not refs:
        return list(states)
    pending = {s.row_id: s for s in states}
    ordered: list[RecordState] = []
    while pending:
        ready = [
            s
            for s in pending.values()
            if not any(s.values.get(r) in pending and s.values.get(r) != s.row_id for r in refs)
        ]
        if not ready:  # a cycle: the rest in any order (foreign keys will say if wrong)
            ready = list(pending.values())
        for s in ready:
            ordered.append(s)
            del pending[s.row_id]
    return ordered


def _write_sync_rows(conn: Connection, states: Sequence[RecordState]) -> None:
    if not states:
        return
    sqlite = conn.dialect.name == "sqlite"
    params = [
        {
            "t": s.table,
            "r": s.row_id.hex if sqlite else str(s.row_id),
            "cl": s.cl,
            "c": json.dumps(s.clocks, ensure_ascii=False),
        }
        for s in states
    ]
    if sqlite:
        conn.execute(
            text(
                "INSERT INTO sync_row (table_name, row_id, cl, clocks) VALUES (:t, :r, :cl, :c) "
                "ON CONFLICT (table_name, row_id) DO UPDATE SET cl = excluded.cl, "
                "clocks = excluded.clocks"
            ),
            params,
        )
        return
    conn.execute(
        text(
            "INSERT INTO sync_row (table_name, row_id, cl, clocks) "
            "VALUES (:t, CAST(:r AS uuid), :cl, CAST(:c AS jsonb)) "
            "ON CONFLICT (table_name, row_id) DO UPDATE SET cl = excluded.cl, "
            "clocks = excluded.clocks, txid = pg_current_xact_id()"
        ),
        params,
    )


def apply_states(conn: Connection, incoming: Sequence[RecordState]) -> ApplyReport:
    """Merge `incoming` states into the database of `conn`, in its transaction."""
    report = ApplyReport()
    known = synced_by_name()
    by_table: dict[str, list[RecordState]] = {}
    for state in incoming:
        if state.table not in known:
            raise ValueError(f"{state.table} is not a synchronised table")
        by_table.setdefault(state.table, []).append(state)
    touched_clients: set[uuid.UUID] = set()
    new_clients: set[uuid.UUID] = set()
    page = _PageContacts.of(incoming)
    limited: bool | None = None  # the office login is held back by row-level security
    with capture.applying(conn):
        for synced in synced_tables():  # parents first
            states = by_table.get(synced.name)
            if not states:
                continue
            table = _table(synced.name)
            local = read_states(conn, synced, [s.row_id for s in states])
            if conn.dialect.name == "postgresql":
                if limited is None:  # asked once per apply, and only when needed
                    limited = not _sees_everything(conn)
                states = _without_hidden(conn, synced.name, states, local, report, limited)
            inserts: dict[uuid.UUID, dict[str, Any]] = {}  # new rows, written in one go
            updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            rows: dict[uuid.UUID, RecordState] = {}  # merged states for sync_row
            office = None
            if conn.dialect.name == "postgresql" and synced.name in issued.TABLES:
                office = IssuedInvoices(conn)
                office.are_issued(issued.invoice_of(s, local.get(s.row_id)) for s in states)
            for remote in _parents_first(table, states):
                mine = local.get(remote.row_id)
                merged = merge(mine, remote, synced.fields)
                if office is not None:
                    merged = issued.keep_issued(merged, mine, remote, synced.fields, office)
                report.conflicts += merged.conflicts
                row_exists = mine is not None and bool(mine.values)
                if remote.row_id in inserts:  # the same record twice in one page
                    inserts[remote.row_id].update(
                        {f: merged.state.values.get(f) for f in synced.fields}
                    )
                elif not row_exists and merged.state.values:
                    values = {f: merged.state.values.get(f) for f in synced.fields}
                    values.update(
                        _derived_for_insert(conn, synced.name, remote.row_id, values, page)
                    )
                    inserts[remote.row_id] = {"id": remote.row_id, "version": 1, **values}
                    report.applied += 1
                elif row_exists and merged.changed:
                    # updated_at given always: else its onupdate would stamp this moment
                    names = tuple(sorted(merged.changed | {"updated_at"}))
                    updates.setdefault(names, []).append(
                        {"row_id": remote.row_id}
                        | {f"new_{f}": merged.state.values[f] for f in names}
                    )
                    report.applied += 1
                rows[remote.row_id] = merged.state
                local[remote.row_id] = merged.state
                # A client new here was written with its derived columns from this page
                # (`_derived_for_insert`): only an existing client renamed, or whose
                # contacts changed, needs them recomputed.
                if synced.name == "clients":
                    if remote.row_id in inserts:
                        new_clients.add(remote.row_id)
                        if merged.state.values.get("kind") == ClientKind.COMPANY:
                            touched_clients.add(remote.row_id)  # people here may name it
                    elif merged.changed & DERIVED_FROM:
                        touched_clients.add(remote.row_id)
                elif synced.name in CONTACT_TABLES and merged.changed:
                    owner = merged.state.values.get("client_id")
                    if isinstance(owner, uuid.UUID) and owner not in new_clients:
                        touched_clients.add(owner)
            if conn.dialect.name == "sqlite":
                _keep_references(conn, table, inserts, updates, rows, report.inserted)
            if inserts:
                report.inserted.setdefault(synced.name, set()).update(inserts)
            if inserts:  # in parents-first order: a person after the company it names
                conn.execute(
                    insert(table).execution_options(render_nulls=True), list(inserts.values())
                )
            for names, params in updates.items():  # one executemany per set of fields
                conn.execute(
                    update(table)
                    .where(table.c.id == bindparam("row_id"))
                    .values(
                        version=table.c.version + 1, **{f: bindparam(f"new_{f}") for f in names}
                    ),
                    params,
                )
            _write_sync_rows(conn, list(rows.values()))
        _refresh_clients(conn, touched_clients)
    return report


def _sees_everything(conn: Connection) -> bool:
    """The connection's login is not limited by row-level security (an administrator)."""
    return bool(
        conn.scalar(
            text(
                "SELECT rolsuper OR rolbypassrls FROM pg_catalog.pg_roles "
                "WHERE rolname = current_user"
            )
        )
    )


def _existing(conn: Connection, table: str, ids: Sequence[Any]) -> set[uuid.UUID]:
    """Which of `ids` the office's `table` holds, seen by this login or not."""
    return set(
        conn.scalars(
            text("SELECT * FROM public.crm_sync_existing(:t, CAST(:ids AS uuid[]))"),
            {"t": table, "ids": [str(i) for i in ids]},
        )
    )


def _purged(conn: Connection, table: str, ids: Iterable[Any]) -> set[uuid.UUID]:
    """Which of `ids` `server compact` removed for good from `table`."""
    wanted = [str(i) for i in ids]
    if not wanted:
        return set()
    return set(
        conn.scalars(
            text(
                "SELECT row_id FROM sync_purged WHERE table_name = :t "
                "AND row_id = ANY(CAST(:ids AS uuid[]))"
            ),
            {"t": table, "ids": wanted},
        )
    )


def _without_hidden(
    conn: Connection,
    table: str,
    states: list[RecordState],
    local: Mapping[uuid.UUID, RecordState],
    report: ApplyReport,
    limited: bool,
) -> list[RecordState]:
    """The office's side of a push (from a login row-level security `limited`, or not),
    for records it does not hold (or not for this login):
    one it removed for good (`server compact`: a laptop away for long edited it) stays
    removed, and one row-level security hides from the pushing login (handed to someone
    else meanwhile) stays as the office has it; so do new records under either (a note
    on such a client). The edit comes back to the laptop as a conflict, with the values
    it had changed, so nothing typed is lost unseen."""
    unseen = [s for s in states if s.row_id not in local]
    if not unseen:
        return states
    ids = [s.row_id for s in unseen]
    purged = _purged(conn, table, ids)
    hidden = _existing(conn, table, ids) - purged if limited else set()
    for fk in _table(table).foreign_keys:
        parent, column = fk.column.table, fk.parent.name
        if parent.name == table or fk.column.name != "id" or parent.name not in synced_by_name():
            continue
        refs = {s.values.get(column) for s in unseen if s.row_id not in hidden | purged} - {None}
        if not refs:
            continue
        seen = set(conn.scalars(select(parent.c.id).where(parent.c.id.in_(list(refs)))))
        missing = refs - seen
        if not missing:
            continue
        gone = _purged(conn, parent.name, missing)
        away = _existing(conn, parent.name, list(missing - gone)) if limited else set()
        purged |= {s.row_id for s in unseen if s.values.get(column) in gone}
        hidden |= {s.row_id for s in unseen if s.values.get(column) in away}
    if not hidden and not purged:
        return states
    for s in states:
        if s.row_id in hidden or s.row_id in purged:
            since = s.new_since or 0
            edited = {
                f: s.values.get(f)
                for f, entry in s.clocks.items()
                if f in s.values and entry and int(entry[0]) >= since
            }
            stamp = capture.field_clock(s.clocks, next(iter(edited), "*"))
            kind = ConflictKind.PURGED if s.row_id in purged else ConflictKind.HIDDEN
            report.conflicts.append(
                Conflict(table, s.row_id, kind, "*", None, edited, (0, ""), stamp)
            )
    return [s for s in states if s.row_id not in hidden and s.row_id not in purged]


def _forget_clock(rows: dict[uuid.UUID, RecordState], row_id: uuid.UUID, column: str) -> None:
    """A reference left empty here keeps no clock: the office's value wins again as soon
    as the record comes back (when what it refers to becomes visible)."""
    state = rows.get(row_id)
    if state is not None:
        rows[row_id] = replace(state, clocks={**state.clocks, column: [0, ""]})


def _keep_references(
    conn: Connection,
    table: Table,
    inserts: dict[uuid.UUID, dict[str, Any]],
    updates: dict[tuple[str, ...], list[dict[str, Any]]],
    rows: dict[uuid.UUID, RecordState],
    written: Mapping[str, set[uuid.UUID]],
) -> None:
    """On a laptop, a record may refer to one its login cannot see (a manager's client
    at a colleague's company): the reference is left empty here, or, where the record
    cannot be without it, the record is not written (nor its state: it comes again
    once it can be). The office's copy keeps the reference."""
    synced = synced_by_name()
    for fk in table.foreign_keys:
        parent, target, column = fk.column.table, fk.column.name, fk.parent.name
        if parent.name not in synced:
            continue
        wanted: set[Any] = {v[column] for v in inserts.values() if v.get(column) is not None}
        for params in updates.values():
            wanted.update(p[f"new_{column}"] for p in params if p.get(f"new_{column}") is not None)
        if target == "id":
            wanted -= written.get(parent.name, set())
            wanted -= {i for i in inserts if parent.name == table.name}
        if not wanted:
            continue
        present: set[Any] = set()
        found = list(wanted)
        for start in range(0, len(found), IN_CHUNK):
            part = found[start : start + IN_CHUNK]
            present.update(conn.scalars(select(parent.c[target]).where(parent.c[target].in_(part))))
        missing = wanted - present
        if not missing:
            continue
        optional = bool(fk.parent.nullable)
        for row_id, values in list(inserts.items()):
            if values.get(column) in missing:
                if optional:
                    values[column] = None
                    _forget_clock(rows, row_id, column)
                else:
                    del inserts[row_id]
                    rows.pop(row_id, None)
        for names, params in updates.items():
            key = f"new_{column}"
            if column not in names:
                continue
            kept: list[dict[str, Any]] = []
            for p in params:
                if p.get(key) in missing:
                    if not optional:
                        rows.pop(p["row_id"], None)
                        continue
                    p[key] = None
                    _forget_clock(rows, p["row_id"], column)
                kept.append(p)
            params[:] = kept


DERIVED_CLIENT_COLUMNS = (
    "name_folded",
    "company_name",
    "primary_phone",
    "primary_email",
    "search_text",
)


def _refresh_clients(conn: Connection, ids: set[uuid.UUID]) -> None:
    """Recompute the derived columns of `ids` and of the people of any company among
    them (a renamed company changes its people's search text), as the unit of work's
    hook does (`search_index.refresh_client`), in plain Core reads and one executemany:
    the row's stamps and version stay as the merge set them, identical everywhere."""
    if not ids:
        return
    clients = _table("clients")
    phones, emails = _table("phones"), _table("emails")
    columns = (
        clients.c.id,
        clients.c.kind,
        clients.c.name,
        clients.c.legal_form,
        clients.c.inn,
        clients.c.company_id,
        *(clients.c[c] for c in DERIVED_CLIENT_COLUMNS),
    )
    rows: dict[uuid.UUID, Any] = {}
    for part in _chunks(list(ids)):
        for row in conn.execute(select(*columns).where(clients.c.id.in_(part))):
            rows[row.id] = row
    companies = [i for i, r in rows.items() if r.kind == ClientKind.COMPANY]
    for part in _chunks(companies):
        for row in conn.execute(select(*columns).where(clients.c.company_id.in_(part))):
            rows.setdefault(row.id, row)
    wanted = list(rows)
    numbers: dict[uuid.UUID, list[tuple[int, str]]] = {}
    addresses: dict[uuid.UUID, list[tuple[int, str]]] = {}
    names: dict[uuid.UUID, str] = {}
    for part in _chunks(wanted):
        for owner, position, e164 in conn.execute(
            select(phones.c.client_id, phones.c.position, phones.c.e164).where(
                phones.c.client_id.in_(part), phones.c.deleted_at.is_(None)
            )
        ):
            numbers.setdefault(owner, []).append((position, e164))
        for owner, position, address in conn.execute(
            select(emails.c.client_id, emails.c.position, emails.c.address).where(
                emails.c.client_id.in_(part), emails.c.deleted_at.is_(None)
            )
        ):
            addresses.setdefault(owner, []).append((position, address))
    company_ids = [r.company_id for r in rows.values() if r.company_id is not None]
    for part in _chunks(list(set(company_ids))):
        for cid, name in conn.execute(
            select(clients.c.id, clients.c.name).where(clients.c.id.in_(part))
        ):
            names[cid] = name
    changes: list[dict[str, Any]] = []
    for row_id, row in rows.items():
        company = (
            names.get(row.company_id)
            if row.kind == ClientKind.PERSON and row.company_id is not None
            else None
        )
        derived = derived_columns(
            row.name,
            row.legal_form,
            company,
            row.inn,
            _in_order(numbers.get(row_id, [])),
            _in_order(addresses.get(row_id, [])),
        )
        if any(getattr(row, c) != v for c, v in derived.items()):
            changes.append({"row_id": row_id, **{f"new_{c}": v for c, v in derived.items()}})
    if changes:
        conn.execute(
            update(clients)
            .where(clients.c.id == bindparam("row_id"))
            .values(
                updated_at=clients.c.updated_at,
                **{c: bindparam(f"new_{c}") for c in DERIVED_CLIENT_COLUMNS},
            ),
            changes,
        )
