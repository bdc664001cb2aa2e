"""Erasing deleted records for good (emptying the recycle bin), with what cannot be
without them, following the foreign keys of the model.

- A record's own details go with it: a client's phones, e-mails, addresses, messengers,
  tags, consents, custom values, interactions and the records merged into it; a deal's
  lines, checklist marks and custom values; an invoice's lines and payments (`OWNED`).
- Records of the bin that belong to it go too: a client's deleted deals, tasks and
  drafts, a deal's deleted tasks and drafts (`FOLLOWERS`); an issued invoice never
  does (accounting), so it keeps its client and deal.
- An interaction of a client that stays keeps its place in that client's history: only
  its link to the erased person (as the contact) or deal is emptied (`DETACHED`).
- Anything else still referring to a record keeps it (a live deal of a deleted client, a
  product named on a line): the plan says which record kept which, and by what.

On the office server (PostgreSQL with the sync's change capture) the records go as
`server compact` removes its tombstones (sync.compaction): with the capture triggers
silenced, their sync clocks dropped and each erased row written to the purge log, which
every laptop reads at its next sync to remove the same rows (and which turns a laptop's
later edit of one into a "purged" conflict instead of bringing it back). Writing that log
takes the server's administrator (the caller checks).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Connection, Table, delete, select, text, update
from sqlalchemy.orm import Session

from crm_desktop.models import Base, InvoiceStatus, utcnow
from crm_desktop.store import change_capture

CHUNK = 500  # ids per statement (SQLite takes at most 32,766 parameters)

# (child table, its column): rows that cannot be without the record they name
OWNED: Mapping[str, tuple[tuple[str, str], ...]] = {
    "clients": (
        ("phones", "client_id"),
        ("emails", "client_id"),
        ("addresses", "client_id"),
        ("messengers", "client_id"),
        ("client_tags", "client_id"),
        ("consents", "client_id"),
        ("interactions", "client_id"),
        ("custom_field_values", "record_id"),  # no foreign key: the value names its record
        ("clients", "merged_into_id"),  # a merged duplicate, hidden for good
    ),
    "deals": (
        ("deal_lines", "deal_id"),
        ("deal_checklist_marks", "deal_id"),
        ("custom_field_values", "record_id"),
    ),
    "invoices": (("invoice_lines", "invoice_id"), ("payments", "invoice_id")),
}
# (child table, its column): records of the bin that go with the record they belong to
FOLLOWERS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "clients": (("deals", "client_id"), ("tasks", "client_id"), ("invoices", "client_id")),
    "deals": (("tasks", "deal_id"), ("invoices", "deal_id")),
}
# optional links of records that stay, emptied when what they name is erased
DETACHED = frozenset({("interactions", "contact_id"), ("interactions", "deal_id")})


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def chunks(ids: Iterable[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    items = list(ids)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def erasable_invoice(table: Table) -> Any:
    """The condition of an invoice that may be erased: a draft that was never numbered
    nor sent for a number (an issued invoice is an accounting document, kept for good)."""
    return (
        (table.c.status == InvoiceStatus.DRAFT.value)
        & table.c.number.is_(None)
        & table.c.issued_at.is_(None)
        & table.c.issue_requested_on.is_(None)
    )


@dataclass
class PurgePlan:
    rows: dict[str, set[uuid.UUID]] = field(default_factory=dict)  # table -> ids erased
    binned: dict[str, set[uuid.UUID]] = field(default_factory=dict)  # of them, bin records
    kept: dict[tuple[str, uuid.UUID], str] = field(default_factory=dict)  # root -> by table

    @property
    def details(self) -> int:
        """Rows erased with the bin's records (phones, lines, history...)."""
        total = sum(len(ids) for ids in self.rows.values())
        return total - sum(len(ids) for ids in self.binned.values())


def _referring(
    session: Session, child_name: str, column: str, ids: set[uuid.UUID], *, binned: bool
) -> set[uuid.UUID]:
    """The ids of `child_name`'s rows whose `column` names one of `ids` (only those in
    the bin, and only erasable invoices, when `binned`)."""
    child = _table(child_name)
    found: set[uuid.UUID] = set()
    for part in chunks(ids):
        query = select(child.c.id).where(child.c[column].in_(part))
        if binned:
            query = query.where(child.c.deleted_at.is_not(None))
            if child_name == "invoices":
                query = query.where(erasable_invoice(child))
        found.update(session.scalars(query))
    return found


def _closure(
    session: Session,
    roots: Mapping[str, set[uuid.UUID]],
    pinned: Mapping[str, set[uuid.UUID]],
) -> PurgePlan:
    """The roots with their details and followers (none of those `pinned`)."""
    plan = PurgePlan()
    for name, ids in roots.items():
        left = ids - pinned.get(name, set())
        if left:
            plan.rows[name] = set(left)
            plan.binned[name] = set(left)
    frontier = {name: set(ids) for name, ids in plan.rows.items()}
    while frontier:
        found: dict[tuple[str, bool], set[uuid.UUID]] = {}
        for name, ids in frontier.items():
            for child, column in OWNED.get(name, ()):
                rows = _referring(session, child, column, ids, binned=False)
                found.setdefault((child, False), set()).update(rows)
            for child, column in FOLLOWERS.get(name, ()):
                rows = _referring(session, child, column, ids, binned=True)
                found.setdefault((child, True), set()).update(rows)
        frontier = {}
        for (name, follows), ids in found.items():
            new = ids - plan.rows.get(name, set()) - pinned.get(name, set())
            if not new:
                continue
            plan.rows.setdefault(name, set()).update(new)
            if follows:
                plan.binned.setdefault(name, set()).update(new)
            frontier.setdefault(name, set()).update(new)
    return plan


def _references(name: str) -> list[tuple[Table, Column[Any]]]:
    """(child table, its column) of every foreign key to `name`'s id."""
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == name and fk.column.name == "id":
                found.append((table, fk.parent))
    return found


def _held(session: Session, rows: Mapping[str, set[uuid.UUID]]) -> dict[tuple[str, uuid.UUID], str]:
    """The planned rows something that stays refers to: (table, id) -> the referring table."""
    held: dict[tuple[str, uuid.UUID], str] = {}
    for name, ids in rows.items():
        for child, column in _references(name):
            if (child.name, column.name) in DETACHED:
                continue
            going = rows.get(child.name, set())
            key = next(iter(child.primary_key.columns))
            for part in chunks(ids):
                for ref, row_id in session.execute(select(column, key).where(column.in_(part))):
                    if row_id not in going:
                        held.setdefault((name, ref), child.name)
    return held


def plan_purge(session: Session, roots: Mapping[str, set[uuid.UUID]]) -> PurgePlan:
    """What erasing `roots` (table -> ids of deleted records) takes with it, and which
    roots stay because something that stays refers to them (or to what they own)."""
    pinned: dict[str, set[uuid.UUID]] = {}
    kept: dict[tuple[str, uuid.UUID], str] = {}
    while True:
        plan = _closure(session, roots, pinned)
        held = _held(session, plan.rows)
        if not held:
            plan.kept = kept
            return plan
        for (name, row_id), by in held.items():
            pinned.setdefault(name, set()).add(row_id)
            if row_id in roots.get(name, set()):
                kept.setdefault((name, row_id), by)


def office_captures(conn: Connection) -> bool:
    """The office server, whose writes the laptops receive through the sync (asked of the
    catalogue: the sync's own tables are closed to the app's logins)."""
    if conn.dialect.name != "postgresql":
        return False
    found = conn.exec_driver_sql("SELECT to_regclass('public.sync_row') IS NOT NULL").scalar()
    return bool(found)


def _forget(conn: Connection, name: str, ids: Sequence[uuid.UUID]) -> None:
    """As `server compact` does (sync.compaction): the rows' clocks go, and the purge log
    tells the laptops to remove them too."""
    params = {"t": name, "ids": [str(i) for i in ids]}
    conn.execute(
        text("DELETE FROM sync_row WHERE table_name = :t AND row_id = ANY(CAST(:ids AS uuid[]))"),
        params,
    )
    conn.execute(
        text(
            "INSERT INTO sync_purged (table_name, row_id) "
            "SELECT :t, unnest(CAST(:ids AS uuid[])) ON CONFLICT DO NOTHING"
        ),
        params,
    )


def _detach(session: Session, rows: Mapping[str, set[uuid.UUID]], login: str | None) -> int:
    """Empty the links of records that stay to what goes (an ordinary edit: the sync
    carries it like any other)."""
    changed = 0
    now = utcnow()
    for child_name, column_name in sorted(DETACHED):
        child = _table(child_name)
        column = child.c[column_name]
        target = next(iter(column.foreign_keys)).column.table.name
        going = rows.get(child_name, set())
        for part in chunks(rows.get(target, set())):
            ids = [
                i
                for i in session.scalars(select(child.c.id).where(column.in_(part)))
                if i not in going
            ]
            if ids:
                session.execute(
                    update(child)
                    .where(child.c.id.in_(ids))
                    .values(
                        {
                            column: None,
                            child.c.updated_at: now,
                            child.c.updated_by: login,
                            child.c.version: child.c.version + 1,
                        }
                    )
                )
                changed += len(ids)
    return changed


def erase(session: Session, plan: PurgePlan, login: str | None) -> int:
    """Carry out `plan`; returns how many rows went. Flushes the session first: nothing
    pending may be written after the rows it names are gone."""
    session.flush()
    _detach(session, plan.rows, login)
    conn = session.connection()
    captures = office_captures(conn)
    removed = 0
    silent = change_capture.applying(conn) if captures else contextlib.nullcontext()
    with silent:
        for table in Base.metadata.sorted_tables:  # a company and its people, in any order
            ids = plan.rows.get(table.name)
            if not ids:
                continue
            for fk in table.foreign_keys:
                if fk.column.table is table and fk.parent.nullable:
                    for part in chunks(ids):
                        conn.execute(
                            update(table)
                            .where(table.c.id.in_(part), fk.parent.is_not(None))
                            .values({fk.parent.name: None})
                        )
        for table in reversed(Base.metadata.sorted_tables):  # children first
            ids = plan.rows.get(table.name)
            if not ids:
                continue
            for part in chunks(ids):
                removed += conn.execute(delete(table).where(table.c.id.in_(part))).rowcount
                if captures:
                    _forget(conn, table.name, part)
    session.expire_all()
    return removed
