"""Writing an import's records in bulk: its new companies and people (with their phones
and e-mails), what it fills into existing clients, and the record of all of it that
`undo_batch` reads. Rows go to the database a chunk at a time through
`store.bulk.BulkWriter` (executemany on SQLite, COPY on PostgreSQL), with the derived
columns (folded name, first phone and e-mail, search text) computed here as the unit of
work's hook would, and every update checked against the version it was read at."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.errors import Conflict, stale_record_message
from crm_desktop.models import Client, CustomFieldValue, Email, Phone, utcnow
from crm_desktop.services.clients import acting_login
from crm_desktop.services.custom_fields import CustomFieldView, CustomValue
from crm_desktop.services.importing.matching import (
    CHUNK,
    Company,
    Matcher,
    NewPerson,
    Pending,
    chunks,
)
from crm_desktop.services.importing.rows import PersonData
from crm_desktop.store.bulk import BulkWriter, IdSource
from crm_desktop.store.search_index import TextChanges, build_search_text, bulk_update, fold

STAMP = ("created_at", "updated_at", "created_by", "updated_by", "version", "deleted_at")
CLIENT_COLUMNS = (
    "id",
    "kind",
    "name",
    "legal_form",
    "company_id",
    "company_name",
    "position",
    "inn",
    "birth_date",
    "owner",
    "note",
    "primary_phone",
    "primary_email",
    "name_folded",
    "search_text",
    "search_rowid",
    *STAMP,
)
PHONE_COLUMNS = ("id", "client_id", "e164", "kind", "extension", "position", *STAMP)
EMAIL_COLUMNS = ("id", "client_id", "address", "position", *STAMP)
VALUE_COLUMNS = (
    "id",
    "field_id",
    "record_id",
    "value_text",
    "value_number",
    "value_date",
    *STAMP,
)
CHANGE_COLUMNS = (
    "id",
    "batch_id",
    "table_name",
    "record_id",
    "action",
    "before",
    "after_version",
    *STAMP,
)
VALUE_PLACES = 4  # custom_field_values.value_number is NUMERIC(18, 4)
Progress = Callable[[int], None]


class BatchWriter:
    """The records of one import batch, written in bulk in the session's transaction."""

    def __init__(
        self,
        session: Session,
        batch_id: uuid.UUID,
        new_id: IdSource,
        fields: Mapping[str, CustomFieldView],
    ) -> None:
        self.session = session
        self.fields = fields  # the clients' own fields, by code
        self.bulk = BulkWriter(session)
        self.batch_id = batch_id.hex
        self.new_id = new_id
        self.rowid = (
            (session.scalar(select(func.max(Client.search_rowid))) or 0) + 1
            if self.bulk.sqlite
            else 0
        )
        self.first_rowid = self.rowid
        self.actor = acting_login(session)
        self.now = self.bulk.timestamp(utcnow())
        self.stamp = (self.now, self.now, self.actor, self.actor, 1, None)

    def _rowid(self) -> int | None:
        if not self.bulk.sqlite:
            return None
        self.rowid += 1
        return self.rowid - 1

    def _created(self, table: str, record_id: str) -> tuple[Any, ...]:
        return (self.new_id(), self.batch_id, table, record_id, "created", None, 1, *self.stamp)

    def _phone(self, client_id: str, number: str, position: int) -> tuple[Any, ...]:
        kind = "mobile" if number.startswith("+79") else "work"
        return (self.new_id(), client_id, number, kind, None, position, *self.stamp)

    def _email(self, client_id: str, address: str, position: int) -> tuple[Any, ...]:
        return (self.new_id(), client_id, address, position, *self.stamp)

    def _value(self, client_id: str, code: str, value: CustomValue) -> tuple[Any, ...]:
        field_id = self.fields[code].id.hex
        text = number = date = None
        if isinstance(value, bool):
            text = "yes" if value else "no"
        elif isinstance(value, Decimal):
            number = self.bulk.decimal(value, VALUE_PLACES)
        elif isinstance(value, dt.date):
            date = value.isoformat()
        else:
            text = value
        return (self.new_id(), field_id, client_id, text, number, date, *self.stamp)

    def _write(
        self,
        clients: list[tuple[Any, ...]],
        phones: list[tuple[Any, ...]],
        emails: list[tuple[Any, ...]],
        values: list[tuple[Any, ...]] | None = None,
    ) -> None:
        self.bulk.insert("clients", CLIENT_COLUMNS, clients)
        self.bulk.insert("phones", PHONE_COLUMNS, phones)
        self.bulk.insert("emails", EMAIL_COLUMNS, emails)
        if values:
            self.bulk.insert("custom_field_values", VALUE_COLUMNS, values)
        self.bulk.insert(
            "import_changes", CHANGE_COLUMNS, [self._created("clients", c[0]) for c in clients]
        )

    def companies(self, made: Sequence[Company]) -> None:
        for chunk in chunks(made, CHUNK):
            clients, phones, emails = [], [], []
            for c in chunk:
                search = build_search_text(c.name, c.legal_form, None, c.inn, c.phones, c.emails)
                clients.append(
                    (
                        c.id,
                        "company",
                        c.name,
                        c.legal_form,
                        None,
                        None,
                        None,
                        c.inn,
                        None,
                        None,
                        c.note,
                        c.phones[0] if c.phones else None,
                        c.emails[0] if c.emails else None,
                        fold(c.name),
                        search,
                        self._rowid(),
                        *self.stamp,
                    )
                )
                phones += [self._phone(c.id, n, i) for i, n in enumerate(c.phones)]
                emails += [self._email(c.id, a, i) for i, a in enumerate(c.emails)]
            self._write(clients, phones, emails)

    def people(
        self, made: Sequence[NewPerson], *, default_owner: str | None, progress: Progress
    ) -> None:
        for chunk in chunks(made, CHUNK):
            clients, phones, emails, values = [], [], [], []
            for person in chunk:
                data, company = person.data, person.company
                company_name = company.name if company else None
                clients.append(
                    (
                        person.id,
                        "person",
                        data.name,
                        None,
                        company.id if company else None,
                        company_name,
                        data.position,
                        data.inn,
                        self.bulk.date(data.birth_date),
                        data.owner or default_owner,
                        _note(data),
                        data.phones[0] if data.phones else None,
                        data.emails[0] if data.emails else None,
                        fold(data.name),
                        build_search_text(
                            data.name, None, company_name, data.inn, data.phones, data.emails
                        ),
                        self._rowid(),
                        *self.stamp,
                    )
                )
                phones += [self._phone(person.id, n, i) for i, n in enumerate(data.phones)]
                emails += [self._email(person.id, a, i) for i, a in enumerate(data.emails)]
                values += [self._value(person.id, c, v) for c, v in data.custom.items()]
            self._write(clients, phones, emails, values)
            progress(len(chunk))

    def merges(self, pending: dict[str, Pending], matcher: Matcher, progress: Progress) -> None:
        """Fill what the matched clients lack and add their new phones and e-mails; a
        client that gains nothing is not touched (and not recorded as changed)."""
        with bulk_update(self.session) as texts:
            for chunk in chunks(list(pending), CHUNK):
                self._merge_chunk(chunk, pending, matcher, texts)
                progress(len(chunk))

    def _merge_chunk(
        self,
        chunk: Sequence[str],
        pending: dict[str, Pending],
        matcher: Matcher,
        texts: TextChanges,
    ) -> None:
        ids = [uuid.UUID(hex=cid) for cid in chunk]
        current = {
            row.id.hex: row
            for row in self.session.execute(
                select(
                    Client.id,
                    Client.version,
                    Client.name,
                    Client.legal_form,
                    Client.birth_date,
                    Client.position,
                    Client.inn,
                    Client.note,
                    Client.company_id,
                    Client.company_name,
                    Client.search_text,
                    Client.search_rowid,
                ).where(Client.id.in_(ids), Client.deleted_at.is_(None))
            )
        }
        phones = self._contacts(Phone, Phone.e164, ids)
        emails = self._contacts(Email, Email.address, ids)
        filled = self._filled(chunk, pending, ids)
        added_values: list[tuple[Any, ...]] = []
        updates: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        added_phones: list[tuple[Any, ...]] = []
        added_emails: list[tuple[Any, ...]] = []
        changes: list[tuple[Any, ...]] = []
        for cid in chunk:
            have = current.get(cid)
            if have is None:
                continue
            want = pending[cid]
            old = {
                "birth_date": have.birth_date,
                "position": have.position,
                "inn": have.inn,
                "note": have.note,
            }
            fields = {k: v for k, v in want.fields.items() if old.get(k) in (None, "")}
            company_id = have.company_id.hex if have.company_id else None
            company_name = have.company_name
            if want.company is not None and company_id is None:
                fields["company_id"] = want.company.id
                company_id, company_name = want.company.id, want.company.name
            own_phones, own_emails = phones.get(cid, []), emails.get(cid, [])
            new_phones = [p for p in want.phones if p not in matcher.db_phones]
            new_emails = [e for e in want.emails if e not in matcher.db_emails]
            new_values = {
                code: value
                for code, value in want.custom.items()
                if (cid, self.fields[code].id.hex) not in filled
            }
            if not (fields or new_phones or new_emails or new_values):
                continue
            values = {**old, **fields}
            all_phones, all_emails = own_phones + new_phones, own_emails + new_emails
            sets: dict[str, Any] = {
                k: self.bulk.date(v) if k == "birth_date" else v for k, v in fields.items()
            }
            if company_name != have.company_name:
                sets["company_name"] = company_name
            if all_phones[:1] != own_phones[:1]:
                sets["primary_phone"] = all_phones[0]
            if all_emails[:1] != own_emails[:1]:
                sets["primary_email"] = all_emails[0]
            search = build_search_text(
                have.name, have.legal_form, company_name, values["inn"], all_phones, all_emails
            )
            if search != have.search_text:
                sets["search_text"] = search
                texts.add(have.search_rowid, have.search_text, search)
            # Only what changes is set: SQLite rewrites every index (and the full-text
            # entry) of a column named in SET, changed or not.
            names = tuple(sorted(sets))
            updates.setdefault(names, []).append((*(sets[n] for n in names), cid, have.version))
            before = {name: _plain(getattr(have, name)) for name in fields}
            changes.append(
                (
                    self.new_id(),
                    self.batch_id,
                    "clients",
                    cid,
                    "updated",
                    json.dumps(before, ensure_ascii=False),
                    have.version + 1,
                    *self.stamp,
                )
            )
            for offset, number in enumerate(new_phones):
                row = self._phone(cid, number, len(own_phones) + offset)
                added_phones.append(row)
                changes.append(self._created("phones", row[0]))
            for offset, address in enumerate(new_emails):
                row = self._email(cid, address, len(own_emails) + offset)
                added_emails.append(row)
                changes.append(self._created("emails", row[0]))
            for code, value in new_values.items():
                row = self._value(cid, code, value)
                added_values.append(row)
                changes.append(self._created("custom_field_values", row[0]))
        stamp = (self.now, self.actor)
        updated = sum(self.bulk.update("clients", n, rows, stamp) for n, rows in updates.items())
        if updated != sum(map(len, updates.values())):  # changed by someone since read
            raise Conflict(stale_record_message())
        self.bulk.insert("phones", PHONE_COLUMNS, added_phones)
        self.bulk.insert("emails", EMAIL_COLUMNS, added_emails)
        self.bulk.insert("custom_field_values", VALUE_COLUMNS, added_values)
        self.bulk.insert("import_changes", CHANGE_COLUMNS, changes)

    def _filled(
        self, chunk: Sequence[str], pending: dict[str, Pending], ids: list[uuid.UUID]
    ) -> set[tuple[str, str]]:
        """(client, field) pairs that already have a row, live or cleared: a merge fills
        only the fields a client never had (one row per field and client)."""
        if not any(pending[cid].custom for cid in chunk):
            return set()
        query = select(CustomFieldValue.record_id, CustomFieldValue.field_id).where(
            CustomFieldValue.record_id.in_(ids)
        )
        return {(r.hex, f.hex) for r, f in self.session.execute(query)}

    def _contacts(self, model: Any, column: Any, ids: list[uuid.UUID]) -> dict[str, list[str]]:
        """Each client's live phones (or e-mails), in their order."""
        found: dict[str, list[str]] = {}
        query = (
            select(model.client_id, column)
            .where(model.client_id.in_(ids), model.deleted_at.is_(None))
            .order_by(model.client_id, model.position)
        )
        for client_id, value in self.session.execute(query):
            found.setdefault(client_id.hex, []).append(value)
        return found


def _plain(value: Any) -> Any:
    """A field's old value as the undo record keeps it (JSON)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _note(data: PersonData) -> str | None:
    parts = [p for p in (data.note, data.city and f"{data.city}", data.address) if p]
    return "\n".join(parts) if parts else None
