"""Who each imported row is: its company (by INN, else by folded name) and its person
(by phone, e-mail, or name plus company), found among the file's earlier rows or in the
database. The database is asked a few queries per thousand values, never row by row.

Ids here are 32 hex digits (`store.bulk.id_text`): the form the bulk writer takes, for
new records and for those found in the database alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.models import Client, ClientKind, Email, Phone, User
from crm_desktop.services.importing.rows import CompanyData, ImportRow, PersonData
from crm_desktop.store.search_index import fold

CHUNK = 2000  # values per IN (...)


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass
class Company:
    id: str
    name: str
    legal_form: str | None
    inn: str | None
    new: bool
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass
class NewPerson:
    id: str
    data: PersonData
    company: Company | None


@dataclass
class Pending:
    """What merging rows into an existing client would add (checked against it later)."""

    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    company: Company | None = None
    custom: dict[str, Any] = field(default_factory=dict)  # the client's own fields, by code


Target = NewPerson | str  # a person this import makes, or the id of one in the database


def owners(session: Session, rows: Iterable[ImportRow]) -> dict[str, str]:
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


def company_key(data: CompanyData) -> tuple[str, str]:
    return ("inn", data.inn) if data.inn else ("name", fold(data.name))


def companies(
    session: Session, rows: list[ImportRow], new_id: Callable[[], str]
) -> dict[tuple[str, str], Company]:
    """Every company the rows name, found in the database (by INN, else by name) or to be
    made (the first row's spelling)."""
    wanted: dict[tuple[str, str], CompanyData] = {}
    for row in rows:
        if row.company is not None:
            wanted.setdefault(company_key(row.company), row.company)
    found: dict[tuple[str, str], Company] = {}
    live = (Client.kind == ClientKind.COMPANY, Client.deleted_at.is_(None))
    columns = (Client.id, Client.name, Client.legal_form, Client.inn, Client.name_folded)
    inns = sorted({key[1] for key in wanted if key[0] == "inn"})
    names = sorted({key[1] for key in wanted if key[0] == "name"})
    for chunk in chunks(inns):
        for cid, name, form, inn, _folded in session.execute(
            select(*columns).where(*live, Client.inn.in_(chunk)).order_by(Client.created_at)
        ):
            found.setdefault(("inn", str(inn)), Company(cid.hex, name, form, inn, False))
    for chunk in chunks(names):
        for cid, name, form, inn, folded in session.execute(
            select(*columns).where(*live, Client.name_folded.in_(chunk)).order_by(Client.created_at)
        ):
            found.setdefault(("name", folded), Company(cid.hex, name, form, inn, False))
    for key, data in wanted.items():
        if key not in found:
            found[key] = Company(new_id(), data.name, data.legal_form, data.inn, True)
    return found


def _lookup(session: Session, column: Any, values: Sequence[str]) -> dict[str, str]:
    """value → the live person holding it (the first made), for phones or e-mails."""
    table = column.class_
    found: dict[str, str] = {}
    for chunk in chunks(values):
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
            found.setdefault(value, client_id.hex)
    return found


def _names(session: Session, folded: Sequence[str]) -> dict[tuple[str, str | None], str]:
    found: dict[tuple[str, str | None], str] = {}
    for chunk in chunks(folded):
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
            found.setdefault((name, company_id.hex if company_id else None), client_id.hex)
    return found


class Matcher:
    """Who a row's person is: an earlier row of the file, or a client in the database."""

    def __init__(self, session: Session, rows: list[ImportRow]) -> None:
        people = [r.person for r in rows if r.person is not None]
        self.db_phones = _lookup(session, Phone.e164, sorted({p for d in people for p in d.phones}))
        self.db_emails = _lookup(
            session, Email.address, sorted({e for d in people for e in d.emails})
        )
        self.db_names = _names(session, sorted({fold(d.name) for d in people}))
        self.file: dict[tuple[str, Any], Target] = {}
        self._tables: dict[str, dict[Any, str]] = {
            "phone": self.db_phones,
            "email": self.db_emails,
            "name": self.db_names,
        }

    def keys(self, data: PersonData, company: Company | None) -> list[tuple[str, Any]]:
        keys: list[tuple[str, Any]] = [("phone", p) for p in data.phones]
        keys += [("email", e) for e in data.emails]
        keys.append(("name", (fold(data.name), company.id if company else None)))
        return keys

    def find(self, keys: list[tuple[str, Any]]) -> Target | None:
        for key in keys:
            if key in self.file:
                return self.file[key]
        for kind, value in keys:
            table = self._tables[kind]
            if value in table:
                return table[value]
        return None

    def remember(self, keys: list[tuple[str, Any]], target: Target) -> None:
        for key in keys:
            self.file.setdefault(key, target)


def merge_into_new(person: NewPerson, data: PersonData) -> None:
    """A later row of the same person fills what the first left empty."""
    base = person.data
    base.phones += [p for p in data.phones if p not in base.phones]
    base.emails += [e for e in data.emails if e not in base.emails]
    for name in ("birth_date", "position", "inn", "city", "address", "note", "owner"):
        if getattr(base, name) in (None, "") and getattr(data, name):
            setattr(base, name, getattr(data, name))
    for code, value in data.custom.items():
        base.custom.setdefault(code, value)


def merge_pending(pending: Pending, data: PersonData, company: Company | None) -> None:
    pending.phones += [p for p in data.phones if p not in pending.phones]
    pending.emails += [e for e in data.emails if e not in pending.emails]
    for name in ("birth_date", "position", "inn", "note"):
        value = getattr(data, name)
        if value not in (None, "") and name not in pending.fields:
            pending.fields[name] = value
    if company is not None and pending.company is None:
        pending.company = company
    for code, value in data.custom.items():
        pending.custom.setdefault(code, value)
