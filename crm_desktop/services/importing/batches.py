"""Writing an import: match each row's person and company against the file's earlier rows
and the database (a person by phone, e-mail, or name plus company; a company by INN, else
by its folded name), apply the duplicate policy, and write everything as one batch whose
record of what it created and changed lets `undo_batch` take it back.

Rows are matched and written in bulk (a few queries per thousand rows, Core inserts), so
a 100,000-row sheet imports in seconds; only clients an import really changes are loaded
as objects."""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crm_desktop.errors import BadInput, NotFound
from crm_desktop.i18n import _
from crm_desktop.models import (
    Client,
    CustomFieldValue,
    Email,
    ImportBatch,
    ImportChange,
    Phone,
    utcnow,
)
from crm_desktop.services.clients import acting_login, default_owner
from crm_desktop.services.custom_fields import (
    CustomFieldView,
    define_custom_field,
    list_custom_fields,
)
from crm_desktop.services.importing.matching import (
    Matcher,
    NewPerson,
    Pending,
    chunks,
    companies,
    company_key,
    merge_into_new,
    merge_pending,
    owners,
)
from crm_desktop.services.importing.normalise import paused_collector
from crm_desktop.services.importing.rows import ImportRow, RowError
from crm_desktop.services.importing.table import SheetTable
from crm_desktop.services.importing.writing import BatchWriter
from crm_desktop.store.bulk import IdSource
from crm_desktop.store.search_index import bulk_insert

Report = Callable[[int, int], None]


class DuplicatePolicy(enum.StrEnum):
    MERGE = "merge"  # fill the empty fields of the match, add its new phones and e-mails
    SKIP = "skip"  # leave the match as it is
    CREATE = "create"  # a new client all the same


@dataclass
class ImportReport:
    batch_id: uuid.UUID | None
    sheet: str | None
    header_row: int
    rows: int = 0
    created: int = 0
    merged: int = 0
    skipped: int = 0
    rejected: int = 0
    companies_created: int = 0
    errors: list[RowError] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "batch_id": str(self.batch_id) if self.batch_id else None,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "rows": self.rows,
            "created": self.created,
            "merged": self.merged,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "companies_created": self.companies_created,
            "errors": [e.to_json() for e in self.errors],
        }


def run_import(
    session: Session,
    table: SheetTable,
    rows: list[ImportRow],
    *,
    policy: DuplicatePolicy = DuplicatePolicy.MERGE,
    dry_run: bool = False,
    progress: Report | None = None,
) -> ImportReport:
    """Import the normalised rows of `table` as one batch (nothing is written with
    `dry_run`: the same report, no batch id). Each data row counts in exactly one of
    created, merged, skipped and rejected."""
    with paused_collector():
        return _run_import(session, table, rows, policy, dry_run, progress)


def _run_import(
    session: Session,
    table: SheetTable,
    rows: list[ImportRow],
    policy: DuplicatePolicy,
    dry_run: bool,
    progress: Report | None,
) -> ImportReport:
    report = ImportReport(None, table.sheet, table.header_row, rows=len(rows))
    for row in rows:
        report.errors.extend(row.errors)
    valid = [r for r in rows if not r.rejected]
    report.rejected = len(rows) - len(valid)
    new_id = IdSource()
    known_owners = owners(session, valid)
    found = companies(session, valid, new_id)
    matcher = Matcher(session, valid)
    new_people: list[NewPerson] = []
    pending: dict[str, Pending] = {}
    used_companies: set[str] = set()
    # Matching is a tenth of the work, writing the rest: the bar moves by both.
    total = len(valid) * 2 or 1
    for done, row in enumerate(valid, start=1):
        company = found[company_key(row.company)] if row.company else None
        if company is not None and company.new and company.id not in used_companies:
            used_companies.add(company.id)
            report.companies_created += 1
            first_sight = True
        else:
            first_sight = False
        if row.person is None and company is not None and company.new and row.company:
            # a row that names only a company: a new one takes the row's contacts
            company.phones += [p for p in row.company.phones if p not in company.phones]
            company.emails += [e for e in row.company.emails if e not in company.emails]
            company.note = company.note or row.company.note
        if row.person is None:  # a row that names only a company
            if first_sight or policy is DuplicatePolicy.CREATE:
                report.created += 1
            elif policy is DuplicatePolicy.SKIP:
                report.skipped += 1
            else:
                report.merged += 1
            continue
        data = row.person
        if data.owner:
            data.owner = known_owners.get(data.owner)  # an unknown manager: left unassigned
        keys = matcher.keys(data, company)
        target = matcher.find(keys)
        if target is None or policy is DuplicatePolicy.CREATE:
            person = NewPerson(new_id(), data, company)
            new_people.append(person)
            matcher.remember(keys, person)
            report.created += 1
        elif policy is DuplicatePolicy.SKIP:
            report.skipped += 1
        else:
            report.merged += 1
            if isinstance(target, NewPerson):
                merge_into_new(target, data)
                if target.company is None:
                    target.company = company
            else:
                merge_pending(pending.setdefault(target, Pending()), data, company)
            matcher.remember(keys, target)
        if progress and done % 1000 == 0:
            progress(done // 10, total)
    if dry_run:
        return report
    batch = ImportBatch(
        file_name=table.source[:500],
        sheet=table.sheet,
        header_row=table.header_row,
        policy=policy.value,
        rows=report.rows,
        created=report.created,
        merged=report.merged,
        skipped=report.skipped,
        rejected=report.rejected,
        companies_created=report.companies_created,
    )
    session.add(batch)
    session.flush()
    report.batch_id = batch.id
    written = len(valid) // 10
    writing = len(new_people) + len(pending) or 1

    def advanced(count: int) -> None:
        nonlocal written
        written += count * (total - len(valid) // 10) // writing
        if progress:
            progress(min(written, total - 1), total)

    writer = BatchWriter(session, batch.id, new_id, _custom_fields(session, new_people, pending))
    with writer.bulk.large_cache():
        with bulk_insert(session, writer.first_rowid):
            writer.companies([c for c in found.values() if c.new and c.id in used_companies])
            writer.people(new_people, default_owner=default_owner(session), progress=advanced)
        writer.merges(pending, matcher, progress=advanced)
    if progress:
        progress(total, total)
    return report


def _custom_fields(
    session: Session, made: list[NewPerson], pending: dict[str, Pending]
) -> dict[str, CustomFieldView]:
    """The clients' own fields the rows fill, by code; a field the database lacks is made
    (as text, named after its code), so no value of the file is lost."""
    fields = {f.code: f for f in list_custom_fields(session)}
    wanted = {code for p in made for code in p.data.custom}
    wanted.update(code for p in pending.values() for code in p.custom)
    for code in sorted(wanted - set(fields)):
        label = code.replace("_", " ")
        fields[code] = define_custom_field(session, label[:1].upper() + label[1:], "text")
    return fields


@dataclass
class UndoReport:
    batch_id: uuid.UUID
    removed: int = 0  # clients, phones and e-mails the import had created
    restored: int = 0  # clients whose changed fields got their old values back
    kept: list[str] = field(default_factory=list)  # changed by someone since: left alone

    def to_json(self) -> dict[str, Any]:
        return {
            "batch_id": str(self.batch_id),
            "removed": self.removed,
            "restored": self.restored,
            "kept": self.kept,
        }


_TABLES: dict[str, Any] = {
    "clients": Client,
    "phones": Phone,
    "emails": Email,
    "custom_field_values": CustomFieldValue,
}


def undo_batch(session: Session, batch_id: uuid.UUID, *, force: bool = False) -> UndoReport:
    """Take an import back: what it created goes to the recycle bin (phones and e-mails
    with their clients), what it changed gets its old values. A record someone changed
    after the import is kept and listed, unless `force`."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.deleted_at is not None:
        raise NotFound(_("No import batch {id}", id=batch_id))
    if batch.undone_at is not None:
        raise BadInput(_("Import batch {id} was already undone", id=batch_id))
    report = UndoReport(batch_id)
    changes = list(session.scalars(select(ImportChange).where(ImportChange.batch_id == batch_id)))
    now = utcnow()
    actor = acting_login(session)
    for table_name, model in _TABLES.items():
        mine = [c for c in changes if c.table_name == table_name]
        versions: dict[uuid.UUID, tuple[int, Any]] = {}
        for chunk in chunks([c.record_id for c in mine]):
            for rid, version, deleted in session.execute(
                select(model.id, model.version, model.deleted_at).where(model.id.in_(chunk))
            ):
                versions[rid] = (version, deleted)
        created: list[ImportChange] = []
        updated: list[ImportChange] = []
        for change in mine:
            version, deleted = versions.get(change.record_id, (None, None))
            if version is None or (deleted is not None and change.action == "created"):
                continue  # gone already
            if version != change.after_version and not force:
                report.kept.append(_describe(session, model, change.record_id))
                continue
            (created if change.action == "created" else updated).append(change)
        ids = [c.record_id for c in created]
        for chunk in chunks(ids):
            values = {"deleted_at": now, "updated_at": now, "updated_by": actor}
            session.execute(
                update(model)
                .where(model.id.in_(chunk))
                .values(**values, version=model.version + 1)
                .execution_options(synchronize_session=False)
            )
            if model is Client:  # their phones, e-mails and own fields' values go too
                for child, owner in (
                    (Phone, Phone.client_id),
                    (Email, Email.client_id),
                    (CustomFieldValue, CustomFieldValue.record_id),
                ):
                    session.execute(
                        update(child)
                        .where(owner.in_(chunk), child.deleted_at.is_(None))
                        .values(**values, version=child.version + 1)
                        .execution_options(synchronize_session=False)
                    )
        report.removed += len(ids)
        for change in updated:
            client = session.get(Client, change.record_id)
            if client is None:
                continue
            for name, old in json.loads(change.before or "{}").items():
                setattr(client, name, _restore(name, old))
            report.restored += 1
    session.expire_all()
    _refresh_derived(session, changes)
    if not report.kept:  # else `--force` may still take back what was kept
        batch.undone_at = now
    session.flush()
    return report


def _refresh_derived(session: Session, changes: list[ImportChange]) -> None:
    """Phones or e-mails removed from clients that stay: their first phone, e-mail and
    search text are made again (the ORM hook does it when they are touched)."""
    owners: set[uuid.UUID] = set()
    for table_name in ("phones", "emails"):
        model = _TABLES[table_name]
        ids = [c.record_id for c in changes if c.table_name == table_name]
        for chunk in chunks(ids):
            owners.update(session.scalars(select(model.client_id).where(model.id.in_(chunk))))
    for client in session.scalars(select(Client).where(Client.id.in_(owners))) if owners else []:
        client.updated_at = utcnow()  # touched: the before-flush hook refreshes it


def _restore(name: str, old: Any) -> Any:
    if old is None:
        return None
    if name == "birth_date":
        return dt.date.fromisoformat(old)
    if name == "company_id":
        return uuid.UUID(old)
    return old


def _describe(session: Session, model: Any, record_id: uuid.UUID) -> str:
    if model is Client:
        name = session.scalar(select(Client.name).where(Client.id == record_id))
        return str(name or record_id)
    column = {Phone: Phone.e164, Email: Email.address}.get(model, CustomFieldValue.value_text)
    return str(session.scalar(select(column).where(model.id == record_id)) or record_id)


@dataclass(frozen=True)
class BatchView:
    id: uuid.UUID
    file_name: str
    sheet: str | None
    at: dt.datetime
    by: str | None
    rows: int
    created: int
    merged: int
    rejected: int
    companies_created: int
    undone_at: dt.datetime | None


def list_batches(session: Session, limit: int = 100) -> list[BatchView]:
    """The latest imports, newest first (the import history)."""
    query = (
        select(ImportBatch)
        .where(ImportBatch.deleted_at.is_(None))
        .order_by(ImportBatch.created_at.desc())
        .limit(limit)
    )
    return [
        BatchView(
            b.id,
            b.file_name,
            b.sheet,
            b.created_at,
            b.created_by,
            b.rows,
            b.created,
            b.merged,
            b.rejected,
            b.companies_created,
            b.undone_at,
        )
        for b in session.scalars(query)
    ]
