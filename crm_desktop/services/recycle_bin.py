"""The recycle bin: deleted records listed in one place (`bin_contents`), brought back
through each kind's own restore (its rules stay there: a deal whose client is in the bin
waits for the client), and erased for good, an administrator's action (`purging` knows
what goes with a record).

Where erasing happens, and why: on a local file (SQLite) its administrator erases; on
the office server only the server's administrator (a PostgreSQL superuser), because the
laptops must be told what went, through the purge log `server compact` writes too; on a
laptop's replica nothing is erased (the office's purge reaches it at the next sync: a
local erasure the office never heard of would diverge from it, or come back from it).
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text, true
from sqlalchemy.orm import Session

from crm_desktop.errors import CrmError, PermissionDenied
from crm_desktop.i18n import _
from crm_desktop.models import Invoice, Role, User, utcnow
from crm_desktop.services.bin_contents import (
    MODELS,
    BinEntry,
    BinKey,
    BinKind,
    BinPage,
    bin_count,
    bin_page,
    binned,
    iter_bin,
    kinds_of,
    parse_kind,
)
from crm_desktop.services.clients import restore_client
from crm_desktop.services.deals import restore_deal
from crm_desktop.services.invoicing import restore_draft
from crm_desktop.services.products import restore_product
from crm_desktop.services.purging import (
    chunks,
    erasable_invoice,
    erase,
    office_captures,
    plan_purge,
)
from crm_desktop.services.tasks import restore_task
from crm_desktop.store import change_capture
from crm_desktop.store.audit_trail import write_audit
from crm_desktop.store.roles import is_database_admin

__all__ = [
    "BinEntry",
    "BinKey",
    "BinKind",
    "BinPage",
    "Kept",
    "KeptReason",
    "PurgeReport",
    "Refusal",
    "RestoreReport",
    "bin_count",
    "bin_page",
    "bin_permission",
    "empty_bin",
    "iter_bin",
    "parse_kind",
    "purge",
    "purge_entries",
    "require_bin_admin",
    "restore",
    "restore_entries",
]

# what others belong to comes back first (a client before its deals, a deal before its tasks)
RESTORE_ORDER = (BinKind.CLIENTS, BinKind.PRODUCTS, BinKind.DEALS, BinKind.TASKS, BinKind.INVOICES)
RESTORERS: Mapping[BinKind, Callable[[Session, uuid.UUID], object]] = {
    BinKind.CLIENTS: restore_client,
    BinKind.DEALS: restore_deal,
    BinKind.TASKS: restore_task,
    BinKind.INVOICES: restore_draft,
    BinKind.PRODUCTS: restore_product,
}


# --- restoring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """A record that did not come back, and why (the error its kind's restore raised)."""

    kind: BinKind
    id: uuid.UUID
    error: CrmError

    @property
    def message(self) -> str:
        return self.error.message


@dataclass
class RestoreReport:
    restored: list[tuple[BinKind, uuid.UUID]] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "restored": [{"kind": k.value, "id": str(i)} for k, i in self.restored],
            "refused": [
                {"kind": r.kind.value, "id": str(r.id), "message": r.message} for r in self.refused
            ],
        }


def restore_entries(
    session: Session, entries: Iterable[tuple[BinKind, uuid.UUID]]
) -> RestoreReport:
    """Bring records back from the bin, each through its kind's own restore, what others
    belong to first; one refused (its client still in the bin, say) leaves the rest to
    come back, and the report says why."""
    wanted: dict[BinKind, list[uuid.UUID]] = {}
    for kind, row_id in entries:
        if row_id not in wanted.setdefault(kind, []):
            wanted[kind].append(row_id)
    report = RestoreReport()
    for kind in RESTORE_ORDER:
        for row_id in wanted.get(kind, []):
            try:
                with session.begin_nested():
                    RESTORERS[kind](session, row_id)
            except CrmError as error:
                report.refused.append(Refusal(kind, row_id, error))
            else:
                report.restored.append((kind, row_id))
    return report


def restore(session: Session, kind: BinKind, ids: Sequence[uuid.UUID]) -> RestoreReport:
    return restore_entries(session, ((kind, i) for i in ids))


# --- erasing for good ----------------------------------------------------------------------


def _is_admin(session: Session, login: str | None) -> bool:
    """The rule of `users.require_admin`, for `login`: the owner of a local file (no
    login), a database administrator, or an enabled user with the administrator's role."""
    if not login or is_database_admin(session, login):
        return True
    user = session.execute(select(User.role, User.disabled).where(User.login == login)).first()
    return user is not None and user.role == Role.ADMIN and not user.disabled


def _superuser(session: Session) -> bool:
    query = text("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user")
    return bool(session.execute(query).scalar())


def bin_permission(session: Session, login: str | None) -> str | None:
    """None when `login` may erase records for good here; else why not, in a sentence."""
    conn = session.connection()
    if change_capture.is_laptop_replica(conn):
        return _(
            "On a laptop the recycle bin is emptied at the office: what is erased there "
            "leaves this laptop at its next sync."
        )
    if not _is_admin(session, login):
        return _("Only an administrator can erase records from the recycle bin for good.")
    if office_captures(conn) and not _superuser(session):
        return _(
            "On the office server only the server's administrator (a PostgreSQL "
            "superuser) can erase records for good: the laptops must be told what went."
        )
    return None


def require_bin_admin(session: Session, login: str | None) -> None:
    reason = bin_permission(session, login)
    if reason is not None:
        raise PermissionDenied(reason)


class KeptReason(enum.StrEnum):
    ISSUED = "issued"  # an issued invoice: an accounting document, never erased
    IN_USE = "in_use"  # something outside the bin still refers to it


@dataclass(frozen=True)
class Kept:
    kind: BinKind
    id: uuid.UUID
    reason: KeptReason
    by: str | None = None  # the table still referring to it

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "id": str(self.id),
            "reason": self.reason.value,
            "by": self.by,
        }


@dataclass
class PurgeReport:
    removed: dict[BinKind, int] = field(default_factory=dict)  # the bin's records erased
    details: int = 0  # rows that went with them (phones, lines, history...)
    kept: list[Kept] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.removed.values())

    def lines(self) -> list[str]:
        """What happened, in sentences."""
        out = [
            _(
                "Erased for good: {n} records ({details} details with them).",
                n=self.total,
                details=self.details,
            )
        ]
        issued = sum(1 for k in self.kept if k.reason is KeptReason.ISSUED)
        in_use = len(self.kept) - issued
        if issued:
            out.append(
                _("Kept: {n} issued invoices (accounting documents are never erased).", n=issued)
            )
        if in_use:
            out.append(
                _("Kept: {n} records still used by records outside the recycle bin.", n=in_use)
            )
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "removed": {k.value: n for k, n in self.removed.items()},
            "total": self.total,
            "details": self.details,
            "kept": [k.to_json() for k in self.kept],
        }


def _roots(
    session: Session, kind: BinKind, condition: Any
) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
    """(erasable, issued) ids of `kind`'s records in the bin meeting `condition`."""
    model = MODELS[kind]
    query = binned(session, kind, None, [model.id]).where(condition)
    if kind is not BinKind.INVOICES:
        return set(session.scalars(query)), set()
    table = Invoice.__table__
    erasable = set(session.scalars(query.where(erasable_invoice(table))))  # type: ignore[arg-type]
    issued = set(session.scalars(query.where(~erasable_invoice(table))))  # type: ignore[arg-type]
    return erasable, issued


def _purge(
    session: Session,
    login: str | None,
    roots: Mapping[BinKind, set[uuid.UUID]],
    issued: set[uuid.UUID],
) -> PurgeReport:
    tables = {MODELS[k].__tablename__: k for k in BinKind}
    plan = plan_purge(session, {MODELS[k].__tablename__: ids for k, ids in roots.items() if ids})
    erase(session, plan, login)
    report = PurgeReport(details=plan.details)
    for name, ids in plan.binned.items():
        if name in tables:
            report.removed[tables[name]] = len(ids)
    report.kept = [Kept(BinKind.INVOICES, i, KeptReason.ISSUED) for i in sorted(issued)]
    report.kept += [
        Kept(tables[name], row_id, KeptReason.IN_USE, by)
        for (name, row_id), by in sorted(plan.kept.items())
        if name in tables
    ]
    if session.get_bind().dialect.name == "postgresql" and _superuser(session):
        _audit(session, report)
    return report


def _audit(session: Session, report: PurgeReport) -> None:
    """On the office server the erasure goes into its audit trail (when it keeps one)."""
    conn = session.connection()
    present = conn.exec_driver_sql(
        "SELECT to_regprocedure('public.crm_write_audit(text, text, text, jsonb)') IS NOT NULL"
    ).scalar()
    if present:
        write_audit(conn, "recycle_bin.erase", "", None, report.to_json())


def purge_entries(
    session: Session, login: str | None, entries: Iterable[tuple[BinKind, uuid.UUID]]
) -> PurgeReport:
    """Erase these records of the bin for good (an administrator only), with what cannot
    be without them; an issued invoice, or a record still in use, is kept and reported;
    one not in the bin (restored meanwhile) is left alone."""
    require_bin_admin(session, login)
    wanted: dict[BinKind, list[uuid.UUID]] = {}
    for kind, row_id in entries:
        wanted.setdefault(kind, []).append(row_id)
    roots: dict[BinKind, set[uuid.UUID]] = {}
    issued: set[uuid.UUID] = set()
    for kind, ids in wanted.items():
        model = MODELS[kind]
        for part in chunks(dict.fromkeys(ids)):
            found, refused = _roots(session, kind, model.id.in_(part))
            roots.setdefault(kind, set()).update(found)
            issued |= refused
    return _purge(session, login, roots, issued)


def purge(
    session: Session, login: str | None, kind: BinKind, ids: Sequence[uuid.UUID]
) -> PurgeReport:
    return purge_entries(session, login, ((kind, i) for i in ids))


def empty_bin(
    session: Session,
    login: str | None,
    *,
    kind: BinKind | None = None,
    older_than: dt.timedelta | None = None,
    now: dt.datetime | None = None,
) -> PurgeReport:
    """Erase everything in the bin (of `kind`; deleted more than `older_than` ago) for
    good: an administrator only. Issued invoices stay (accounting), and so does what
    records outside the bin still use; the report counts both."""
    require_bin_admin(session, login)
    roots: dict[BinKind, set[uuid.UUID]] = {}
    issued: set[uuid.UUID] = set()
    cutoff = (now or utcnow()) - older_than if older_than is not None else None
    for k in kinds_of(kind):
        model = MODELS[k]
        condition = model.deleted_at < cutoff if cutoff is not None else true()
        roots[k], refused = _roots(session, k, condition)
        issued |= refused
    return _purge(session, login, roots, issued)
