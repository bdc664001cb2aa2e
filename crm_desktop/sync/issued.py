"""Issued invoices are immutable on every computer (issue 8). An edit made offline to a
draft that the office issued meanwhile (a line's price, a new line, the client) reaches
the office after the number was given: the office keeps the invoice as it was issued,
stamps its own values anew so every laptop takes them back at its next pull, and the
laptop's edit comes back as a conflict showing both values. A line added offline to
such an invoice is recorded deleted.

Only the office decides this (it holds the numbers): `apply_states` calls `keep_issued`
for each pushed invoice and line on PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, select, text

from crm_desktop.models import Base, InvoiceStatus, utcnow
from crm_desktop.sync.merge import Conflict, ConflictKind, Merged, RecordState

# What may still change on an issued invoice: its payment, its cancellation (not once a
# payment is recorded: the office refuses that too), its note.
MUTABLE_AFTER_ISSUE = frozenset(
    {
        "status",
        "paid_amount",
        "paid_at",
        "cancelled_at",
        "note",
        "updated_at",
        "updated_by",
        "issue_requested_on",
        "issue_refusal",
    }
)
TABLES = ("invoices", "invoice_lines")


class IssuedInvoices:
    """The office's view of which invoices are issued, read once per pushed page."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._issued: dict[uuid.UUID, bool] = {}
        self._clock: tuple[int, str] | None = None

    def are_issued(self, ids: Iterable[Any]) -> None:
        wanted = [i for i in set(ids) if isinstance(i, uuid.UUID) and i not in self._issued]
        if not wanted:
            return
        invoices = Base.metadata.tables["invoices"]
        rows = self.conn.execute(
            select(invoices.c.id, invoices.c.status, invoices.c.number).where(
                invoices.c.id.in_(wanted)
            )
        )
        for row_id, status, number in rows:
            self._issued[row_id] = number is not None and status != InvoiceStatus.DRAFT
        for row_id in wanted:
            self._issued.setdefault(row_id, False)

    def issued(self, invoice_id: Any) -> bool:
        return isinstance(invoice_id, uuid.UUID) and self._issued.get(invoice_id, False)

    def stamp(self) -> tuple[int, str]:
        """A new clock of the office's, for the values it stands by."""
        if self._clock is None:
            tick = int(self.conn.execute(text("SELECT public.crm_sync_tick()")).scalar_one())
            site = str(self.conn.execute(text("SELECT site_id FROM sync_site")).scalar_one())
            self._clock = (tick, uuid.UUID(site).hex)
        return self._clock


def invoice_of(state: RecordState, local: RecordState | None) -> Any:
    if state.table == "invoices":
        return state.row_id
    held = local.values.get("invoice_id") if local is not None and local.values else None
    return held or state.values.get("invoice_id")


def keep_issued(
    merged: Merged,
    local: RecordState | None,
    remote: RecordState,
    fields: Iterable[str],
    office: IssuedInvoices,
) -> Merged:
    """`merged` without the changes an issued invoice may not take."""
    if not office.issued(invoice_of(remote, local)):
        return merged
    frozen = [
        f
        for f in fields
        if f in merged.changed and (remote.table == "invoice_lines" or f not in MUTABLE_AFTER_ISSUE)
    ]
    if (
        remote.table == "invoices"
        and local is not None
        and merged.state.values.get("status") == InvoiceStatus.CANCELLED
        and local.values.get("status") != InvoiceStatus.CANCELLED
        and (local.values.get("paid_amount") or 0) > 0
    ):  # cancelled on a laptop while the office recorded a payment: the payment stands
        frozen += [f for f in ("status", "cancelled_at") if f in merged.changed]
    if local is None or not local.values:  # a line added offline: recorded deleted
        clock, site = office.stamp()
        values = dict(merged.state.values)
        values["deleted_at"] = utcnow()
        clocks = {**merged.state.clocks, "deleted_at": [clock, site, 0, ""]}
        cl = merged.state.cl + (merged.state.cl % 2)
        state = replace(merged.state, values=values, clocks=clocks, cl=cl)
        conflict = Conflict(
            remote.table,
            remote.row_id,
            ConflictKind.ISSUED,
            "*",
            None,
            {f: remote.values.get(f) for f in ("name", "quantity", "price") if f in remote.values},
            (clock, site),
            remote.entry("name").stamp,
        )
        return Merged(state, [*merged.conflicts, conflict], set(merged.changed) | {"deleted_at"})
    if not frozen and (merged.state.alive or not local.alive):
        return merged
    clock, site = office.stamp()
    values = dict(merged.state.values)
    clocks = dict(merged.state.clocks)
    conflicts = list(merged.conflicts)
    for name in frozen:
        values[name] = local.values.get(name)
        base = local.entry(name).stamp
        clocks[name] = [clock, site, base[0], base[1]]
        conflicts.append(
            Conflict(
                remote.table,
                remote.row_id,
                ConflictKind.ISSUED,
                name,
                local.values.get(name),
                remote.values.get(name),
                (clock, site),
                remote.entry(name).stamp,
            )
        )
    cl = merged.state.cl
    if local.alive and cl % 2 == 0:  # deleted offline: the office keeps it, alive again
        cl += 1
        conflicts = [c for c in conflicts if c.kind is not ConflictKind.DELETED]
    state = replace(merged.state, values=values, clocks=clocks, cl=cl)
    return Merged(state, conflicts, set(merged.changed) - set(frozen))
