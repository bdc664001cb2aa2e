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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from crm_desktop.errors import BadInput, NotFound
from crm_desktop.i18n import _
from crm_desktop.models import (
    Client,
    ClientKind,
    Email,
    ImportBatch,
    ImportChange,
    Phone,
    User,
    new_id,
    utcnow,
)
from crm_desktop.services.clients import acting_login, default_owner
from crm_desktop.services.importing.rows import CompanyData, ImportRow, PersonData, RowError
from crm_desktop.services.importing.table import SheetTable
from crm_desktop.store.search_index import build_search_text, bulk_insert, fold

CHUNK = 2000  # ids or values per IN (...) and rows per insert
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


@dataclass
class _Company:
    id: uuid.UUID
    name: str
    legal_form: str | None
    inn: str | None
    new: bool
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass
class _NewPerson:
    id: uuid.UUID
    data: PersonData
    company: _Company | None


@dataclass
class _Pending:
    """What merging rows into an existing client would add (checked against it later)."""

    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    company: _Company | None = None


Target = _NewPerson | uuid.UUID  # a person this import makes, or one in the database


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _owners(session: Session, rows: Iterable[ImportRow]) -> dict[str, str]:
    """Responsible managers as written in the file → active logins (by login or by the
    user's full name, case and ё ignored)."""
    users = session.execute(select(User.login, User.full_name).where(User.disabled.is_(False)))
    known: dict[str, str] = {}
    for login, full_name in users:
        known[fold(login)] = login
        if full_name:
            known[fold(" ".join(full_name.split()))] = login
    wanted = {r.person.owner for r in rows if r.person and r.person.owner}
    return {
        w: known[fold(" ".join(w.split()))] for w in wanted if fold(" ".join(w.split())) in known
    }


def _company_key(data: CompanyData) -> tuple[str, str]:
    return ("inn", data.inn) if data.inn else ("name", fold(data.name))


def _companies(session: Session, rows: list[ImportRow]) -> dict[tuple[str, str], _Company]:
    """Every company the rows name, found in the database (by INN, else by name) or to be
    made (the first row's spelling)."""
    wanted: dict[tuple[str, str], CompanyData] = {}
    for row in rows:
        if row.company is not None:
            wanted.setdefault(_company_key(row.company), row.company)
    found: dict[tuple[str, str], _Company] = {}
    live = (Client.kind == ClientKind.COMPANY, Client.deleted_at.is_(None))
    columns = (Client.id, Client.name, Client.legal_form, Client.inn, Client.name_folded)
    inns = sorted({key[1] for key in wanted if key[0] == "inn"})
    names = sorted({key[1] for key in wanted if key[0] == "name"})
    for chunk in _chunks(inns):
        for cid, name, form, inn, _folded in session.execute(
            select(*columns).where(*live, Client.inn.in_(chunk)).order_by(Client.created_at)
        ):
            found.setdefault(("inn", str(inn)), _Company(cid, name, form, inn, False))
    for chunk in _chunks(names):
        for cid, name, form, inn, folded in session.execute(
            select(*columns).where(*live, Client.name_folded.in_(chunk)).order_by(Client.created_at)
        ):
            found.setdefault(("name", folded), _Company(cid, name, form, inn, False))
    for key, data in wanted.items():
        if key not in found:
            found[key] = _Company(new_id(), data.name, data.legal_form, data.inn, True)
    return found


def _lookup(session: Session, column: Any, values: Sequence[str]) -> dict[str, uuid.UUID]:
    """value → the live person holding it (the first made), for phones or e-mails."""
    table = column.class_
    found: dict[str, uuid.UUID] = {}
    for chunk in _chunks(values):
        query = (
            select(column, table.client_id)
            .join(Client, Client.id == table.client_id)
            .where(
                column.in_(chunk),
                table.deleted_at.is_(None),
                Client.deleted_at.is_(None),
                Client.kind == ClientKind.PERSON,
            )
            .order_by(Client.created_at)
        )
        for value, client_id in session.execute(query):
            found.setdefault(value, client_id)
    return found


def _names(
    session: Session, folded: Sequence[str]
) -> dict[tuple[str, uuid.UUID | None], uuid.UUID]:
    found: dict[tuple[str, uuid.UUID | None], uuid.UUID] = {}
    for chunk in _chunks(folded):
        query = (
            select(Client.name_folded, Client.company_id, Client.id)
            .where(
                Client.name_folded.in_(chunk),
                Client.kind == ClientKind.PERSON,
                Client.deleted_at.is_(None),
            )
            .order_by(Client.created_at)
        )
        for name, company_id, client_id in session.execute(query):
            found.setdefault((name, company_id), client_id)
    return found


class _Matcher:
    """Who a row's person is: an earlier row of the file, or a client in the database."""

    def __init__(self, session: Session, rows: list[ImportRow]) -> None:
        people = [r.person for r in rows if r.person is not None]
        self.db_phones = _lookup(session, Phone.e164, sorted({p for d in people for p in d.phones}))
        self.db_emails = _lookup(
            session, Email.address, sorted({e for d in people for e in d.emails})
        )
        self.db_names = _names(session, sorted({fold(d.name) for d in people}))
        self.file: dict[tuple[str, Any], Target] = {}

    def keys(self, data: PersonData, company: _Company | None) -> list[tuple[str, Any]]:
        keys: list[tuple[str, Any]] = [("phone", p) for p in data.phones]
        keys += [("email", e) for e in data.emails]
        keys.append(("name", (fold(data.name), company.id if company else None)))
        return keys

    def find(self, keys: list[tuple[str, Any]]) -> Target | None:
        for key in keys:
            if key in self.file:
                return self.file[key]
        tables: dict[str, dict[Any, uuid.UUID]] = {
            "phone": self.db_phones,
            "email": self.db_emails,
            "name": self.db_names,
        }
        for kind, value in keys:
            if value in tables[kind]:
                return tables[kind][value]
        return None

    def remember(self, keys: list[tuple[str, Any]], target: Target) -> None:
        for key in keys:
            self.file.setdefault(key, target)


def _merge_into_new(person: _NewPerson, data: PersonData) -> None:
    """A later row of the same person fills what the first left empty."""
    base = person.data
    base.phones += [p for p in data.phones if p not in base.phones]
    base.emails += [e for e in data.emails if e not in base.emails]
    for name in ("birth_date", "position", "inn", "city", "address", "note", "owner"):
        if getattr(base, name) in (None, "") and getattr(data, name):
            setattr(base, name, getattr(data, name))


def _merge_pending(pending: _Pending, data: PersonData, company: _Company | None) -> None:
    pending.phones += [p for p in data.phones if p not in pending.phones]
    pending.emails += [e for e in data.emails if e not in pending.emails]
    for name in ("birth_date", "position", "inn", "note"):
        value = getattr(data, name)
        if value not in (None, "") and name not in pending.fields:
            pending.fields[name] = value
    if company is not None and pending.company is None:
        pending.company = company


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
    report = ImportReport(None, table.sheet, table.header_row, rows=len(rows))
    for row in rows:
        report.errors.extend(row.errors)
    valid = [r for r in rows if not r.rejected]
    report.rejected = len(rows) - len(valid)
    owners = _owners(session, valid)
    companies = _companies(session, valid)
    matcher = _Matcher(session, valid)
    new_people: list[_NewPerson] = []
    pending: dict[uuid.UUID, _Pending] = {}
    used_companies: set[uuid.UUID] = set()
    for done, row in enumerate(valid, start=1):
        company = companies[_company_key(row.company)] if row.company else None
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
            data.owner = owners.get(data.owner)  # an unknown manager: left unassigned
        keys = matcher.keys(data, company)
        target = matcher.find(keys)
        if target is None or policy is DuplicatePolicy.CREATE:
            person = _NewPerson(new_id(), data, company)
            new_people.append(person)
            matcher.remember(keys, person)
            report.created += 1
        elif policy is DuplicatePolicy.SKIP:
            report.skipped += 1
        else:
            report.merged += 1
            if isinstance(target, _NewPerson):
                _merge_into_new(target, data)
                if target.company is None:
                    target.company = company
            else:
                _merge_pending(pending.setdefault(target, _Pending()), data, company)
            matcher.remember(keys, target)
        if progress and done % 200 == 0:
            progress(done, len(valid) * 2)
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
    writer = _Writer(session, batch.id)
    with bulk_insert(session, writer.rowid):
        writer.companies([c for c in companies.values() if c.new and c.id in used_companies])
        writer.people(new_people, default_owner=default_owner(session))
    writer.merges(pending, matcher)
    writer.finish()
    if progress:
        progress(1, 1)
    return report


class _Writer:
    """Bulk inserts of the batch's new records, and the record of what it did."""

    def __init__(self, session: Session, batch_id: uuid.UUID) -> None:
        self.session = session
        self.batch_id = batch_id
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        self.rowid = (
            (session.scalar(select(func.max(Client.search_rowid))) or 0) + 1 if self.sqlite else 0
        )
        actor = acting_login(session)
        now = utcnow()
        self.stamp = {
            "created_at": now,
            "updated_at": now,
            "created_by": actor,
            "updated_by": actor,
            "version": 1,
            "deleted_at": None,
        }
        self.changes: list[dict[str, Any]] = []

    def _client_row(self, **values: Any) -> dict[str, Any]:
        row = {
            "full_name": None,
            "company_id": None,
            "position": None,
            "inn": None,
            "kpp": None,
            "ogrn": None,
            "birth_date": None,
            "owner": None,
            "source": None,
            "note": None,
            "last_contact_at": None,
            "merged_into_id": None,
            "company_name": None,
            "primary_phone": None,
            "primary_email": None,
            "legal_form": None,
            **values,
            **self.stamp,
        }
        row["name_folded"] = fold(row["name"])
        row["search_rowid"] = self.rowid if self.sqlite else None
        self.rowid += 1
        self.changes.append(self._change("clients", row["id"]))
        return row

    def _change(
        self, table: str, record_id: uuid.UUID, before: str | None = None, version: int = 1
    ) -> dict[str, Any]:
        return {
            "id": new_id(),
            "batch_id": self.batch_id,
            "table_name": table,
            "record_id": record_id,
            "action": "created" if before is None else "updated",
            "before": before,
            "after_version": version,
            **self.stamp,
        }

    def _insert(self, table: Any, rows: list[dict[str, Any]]) -> None:
        assert isinstance(table, Table)
        for chunk in _chunks(rows):
            self.session.execute(insert(table).execution_options(render_nulls=True), list(chunk))

    def companies(self, made: list[_Company]) -> None:
        rows, phones, emails = [], [], []
        for c in made:
            rows.append(
                self._client_row(
                    id=c.id,
                    kind=ClientKind.COMPANY,
                    name=c.name,
                    legal_form=c.legal_form,
                    inn=c.inn,
                    note=c.note,
                    primary_phone=c.phones[0] if c.phones else None,
                    primary_email=c.emails[0] if c.emails else None,
                    search_text=build_search_text(
                        c.name, c.legal_form, None, c.inn, c.phones, c.emails
                    ),
                )
            )
            phones += [_phone_row(c.id, n, i, self.stamp) for i, n in enumerate(c.phones)]
            emails += [_email_row(c.id, a, i, self.stamp) for i, a in enumerate(c.emails)]
        self._insert(Client.__table__, rows)
        self._insert(Phone.__table__, phones)
        self._insert(Email.__table__, emails)

    def people(self, made: list[_NewPerson], *, default_owner: str | None) -> None:
        clients, phones, emails = [], [], []
        for person in made:
            data, company = person.data, person.company
            company_name = company.name if company else None
            clients.append(
                self._client_row(
                    id=person.id,
                    kind=ClientKind.PERSON,
                    name=data.name,
                    company_id=company.id if company else None,
                    company_name=company_name,
                    position=data.position,
                    inn=data.inn,
                    birth_date=data.birth_date,
                    owner=data.owner or default_owner,
                    note=_note(data),
                    primary_phone=data.phones[0] if data.phones else None,
                    primary_email=data.emails[0] if data.emails else None,
                    search_text=build_search_text(
                        data.name, None, company_name, data.inn, data.phones, data.emails
                    ),
                )
            )
            for position, number in enumerate(data.phones):
                phones.append(_phone_row(person.id, number, position, self.stamp))
            for position, address in enumerate(data.emails):
                emails.append(_email_row(person.id, address, position, self.stamp))
        self._insert(Client.__table__, clients)
        self._insert(Phone.__table__, phones)
        self._insert(Email.__table__, emails)

    def merges(self, pending: dict[uuid.UUID, _Pending], matcher: _Matcher) -> None:
        """Fill what the matched clients lack; load only those that really change."""
        ids = list(pending)
        current: dict[uuid.UUID, dict[str, Any]] = {}
        names = ("birth_date", "position", "inn", "note", "company_id")
        for chunk in _chunks(ids):
            query = select(Client.id, *(getattr(Client, n) for n in names)).where(
                Client.id.in_(chunk)
            )
            for cid, *values in self.session.execute(query):
                current[cid] = dict(zip(names, values, strict=True))
        changing: dict[uuid.UUID, dict[str, Any]] = {}
        for cid, want in pending.items():
            have = current.get(cid)
            if have is None:
                continue
            fields = {k: v for k, v in want.fields.items() if have.get(k) in (None, "")}
            if want.company is not None and have["company_id"] is None:
                fields["company_id"] = want.company.id
            phones = [p for p in want.phones if p not in matcher.db_phones]
            emails = [e for e in want.emails if e not in matcher.db_emails]
            if fields or phones or emails:
                changing[cid] = {"fields": fields, "phones": phones, "emails": emails}
        # A chunk at a time: its clients with their phones and e-mails in three queries,
        # the companies they name in one more, then a single flush for the chunk.
        for chunk in _chunks(list(changing), 500):
            query = (
                select(Client)
                .where(Client.id.in_(chunk))
                .options(selectinload(Client.phones), selectinload(Client.emails))
            )
            clients = list(self.session.scalars(query))
            companies = {c.company_id for c in clients} | {
                changing[c.id]["fields"].get("company_id") for c in clients
            }
            companies.discard(None)
            if companies:
                list(self.session.scalars(select(Client).where(Client.id.in_(companies))))
            merged = [(client, *self._merge(client, changing[client.id])) for client in clients]
            self.session.flush()
            for client, before, added in merged:
                self.changes.append(
                    self._change(
                        "clients", client.id, json.dumps(before, ensure_ascii=False), client.version
                    )
                )
                for record in added:
                    table = "phones" if isinstance(record, Phone) else "emails"
                    self.changes.append(self._change(table, record.id, None, record.version))
            self.session.expunge_all()  # what is written needs no keeping in memory

    def _merge(
        self, client: Client, change: dict[str, Any]
    ) -> tuple[dict[str, Any], list[Phone | Email]]:
        before: dict[str, Any] = {}
        for name, value in change["fields"].items():
            old = getattr(client, name)
            before[name] = (
                old.isoformat()
                if isinstance(old, dt.date)
                else (str(old) if isinstance(old, uuid.UUID) else old)
            )
            setattr(client, name, value)
        added: list[Phone | Email] = []
        start = len(client.phones)
        for offset, number in enumerate(change["phones"]):
            phone = Phone(e164=number, position=start + offset)
            client.phones.append(phone)
            added.append(phone)
        start = len(client.emails)
        for offset, address in enumerate(change["emails"]):
            email = Email(address=address, position=start + offset)
            client.emails.append(email)
            added.append(email)
        return before, added

    def finish(self) -> None:
        self._insert(ImportChange.__table__, self.changes)


def _note(data: PersonData) -> str | None:
    parts = [p for p in (data.note, data.city and f"{data.city}", data.address) if p]
    return "\n".join(parts) if parts else None


def _phone_row(
    client_id: uuid.UUID, number: str, position: int, stamp: dict[str, Any]
) -> dict[str, Any]:
    kind = "mobile" if number.startswith("+79") else "work"
    return {
        "id": new_id(),
        "client_id": client_id,
        "e164": number,
        "kind": kind,
        "extension": None,
        "position": position,
        **stamp,
    }


def _email_row(
    client_id: uuid.UUID, address: str, position: int, stamp: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "client_id": client_id,
        "address": address,
        "position": position,
        **stamp,
    }


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


_TABLES: dict[str, Any] = {"clients": Client, "phones": Phone, "emails": Email}


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
        for chunk in _chunks([c.record_id for c in mine]):
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
        for chunk in _chunks(ids):
            values = {"deleted_at": now, "updated_at": now, "updated_by": actor}
            session.execute(
                update(model)
                .where(model.id.in_(chunk))
                .values(**values, version=model.version + 1)
                .execution_options(synchronize_session=False)
            )
            if model is Client:  # their phones and e-mails go with them
                for child in (Phone, Email):
                    session.execute(
                        update(child)
                        .where(child.client_id.in_(chunk), child.deleted_at.is_(None))
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
        for chunk in _chunks(ids):
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
    column = Phone.e164 if model is Phone else Email.address
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
