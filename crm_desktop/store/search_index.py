"""The text the search index covers, and the index itself on each database.

The text is folded in Python (lower case, ё→е) because SQLite 3.40's trigram tokenizer
has no `remove_diacritics`, and so that both databases search the same string. SQLite
indexes it with FTS5 (trigram tokenizer, external content keyed by `search_rowid`, kept
by triggers); PostgreSQL with a `pg_trgm` GIN index. A `before_flush` hook recomputes the
text of every client touched by the session, so the index is current on every write.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import event, inspect, select, text
from sqlalchemy.orm import Session, UOWTransaction

from crm_desktop.models import Client, ClientKind, Email, Phone

_NON_DIGIT = re.compile(r"\D+")


def fold(text: str) -> str:
    """Case-fold and turn ё into е, so "Фёдоров" and "федоров" compare equal."""
    return text.casefold().replace("ё", "е")


def phone_search_digits(e164: str) -> list[str]:
    """Digit strings a user may type for a stored number: "+79123456789" is found by
    "7912...", "8912..." and "912..."; separators are stripped from the query."""
    digits = _NON_DIGIT.sub("", e164)
    forms = [digits]
    if digits.startswith("7") and len(digits) == 11:
        forms.append("8" + digits[1:])
    return forms


def build_search_text(
    name: str,
    legal_form: str | None,
    company_name: str | None,
    inn: str | None,
    phones: Iterable[str],
    emails: Iterable[str],
) -> str:
    parts = [name]
    if legal_form:
        parts.append(legal_form)
    if company_name:
        parts.append(company_name)
    if inn:
        parts.append(inn)
    for phone in phones:
        parts.extend(phone_search_digits(phone))
    parts.extend(emails)
    return fold(" \u2502 ".join(parts))


def derived_columns(
    name: str,
    legal_form: str | None,
    company_name: str | None,
    inn: str | None,
    phones: Sequence[str],
    emails: Sequence[str],
) -> dict[str, Any]:
    """What is derived from a client and its live contacts (in their order): the folded
    name, the list columns and the search text."""
    return {
        "name_folded": fold(name),
        "company_name": company_name,
        "primary_phone": phones[0] if phones else None,
        "primary_email": emails[0] if emails else None,
        "search_text": build_search_text(name, legal_form, company_name, inn, phones, emails),
    }


def refresh_client(client: Client, company_name: str | None) -> None:
    """Recompute what is derived from the client and its contacts (assigning only what
    changed)."""
    phones = sorted((p for p in client.phones if p.deleted_at is None), key=lambda p: p.position)
    emails = sorted((e for e in client.emails if e.deleted_at is None), key=lambda e: e.position)
    derived = derived_columns(
        client.name,
        client.legal_form,
        company_name,
        client.inn,
        [p.e164 for p in phones],
        [e.address for e in emails],
    )
    for attr, value in derived.items():
        if getattr(client, attr) != value:
            setattr(client, attr, value)


def _company_name(session: Session, client: Client) -> str | None:
    if client.kind != ClientKind.PERSON or client.company_id is None:
        return None
    company = session.get(Client, client.company_id)
    return company.name if company is not None else None


def _touched_clients(session: Session) -> set[Client]:
    touched: set[Client] = set()
    for obj in [*session.new, *session.dirty, *session.deleted]:
        if isinstance(obj, Client):
            touched.add(obj)
        elif isinstance(obj, Phone | Email):
            owner = obj.client if obj.client is not None else session.get(Client, obj.client_id)
            if owner is not None:
                touched.add(owner)
    return touched


def _before_flush(session: Session, flush_context: UOWTransaction, instances: object) -> None:
    with session.no_autoflush:
        touched = _touched_clients(session)
        renamed_companies: list[uuid.UUID] = []
        for client in touched:
            if client in session.deleted:
                continue
            # The services set name_folded along with the name, so compare with what
            # the database holds (the attribute history), not with name_folded.
            if (
                client.kind == ClientKind.COMPANY
                and client.id is not None
                and client not in session.new
                and inspect(client).attrs.name.history.has_changes()
            ):
                renamed_companies.append(client.id)
            refresh_client(client, _company_name(session, client))
        if renamed_companies:
            for person in session.scalars(
                select(Client).where(Client.company_id.in_(renamed_companies))
            ):
                refresh_client(person, _company_name(session, person))


def install(session_class: type[Session]) -> None:
    """Keep search text current on every flush of sessions of `session_class`."""
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush)


def cyrillic_search_works(session: Session) -> bool:
    """False on a PostgreSQL database whose locale makes pg_trgm blind to Cyrillic (a C
    locale: ARCHITECTURE.md, pitfalls); searches then still answer, but slowly."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(session.execute(text("SELECT show_trgm('петров') <> '{}'::text[]")).scalar())


class TextChanges:
    """Clients whose search text an import's bulk update changes: (search rowid, old
    text, new text) each, for `bulk_update` to index in rowid order."""

    def __init__(self) -> None:
        self.changes: list[tuple[int, str, str]] = []

    def add(self, rowid: int | None, old: str, new: str) -> None:
        if rowid is not None:
            self.changes.append((rowid, old, new))


@contextlib.contextmanager
def bulk_update(session: Session) -> Iterator[TextChanges]:
    """Many clients' search text changed at once (an import's merges): on SQLite the
    update trigger is set aside and the full-text entries are replaced afterwards in
    rowid order. FTS5 keeps its pending entries in rowid order and writes them out
    whenever a lower rowid comes, so the trigger, fired in the order the updates run,
    wrote a new segment per client (0.4 ms each; sorted, 3,000 clients take 0.05 s).
    The trigger comes back in the same transaction, so a failure rolls both back. The
    updates must name `search_text` only for clients recorded in the yielded changes.
    PostgreSQL's trigram index needs nothing."""
    changes = TextChanges()
    if session.get_bind().dialect.name != "sqlite":
        yield changes
        return
    ddl = session.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'clients_fts_au'")
    ).scalar()
    if ddl is None:
        yield changes
        return
    session.execute(text("DROP TRIGGER clients_fts_au"))
    yield changes
    ordered = sorted(changes.changes)
    raw: Any = session.connection().connection.driver_connection
    raw.executemany(
        "INSERT INTO client_fts(client_fts, rowid, search_text) VALUES ('delete', ?, ?)",
        [(rowid, old) for rowid, old, _new in ordered],
    )
    raw.executemany(
        "INSERT INTO client_fts(rowid, search_text) VALUES (?, ?)",
        [(rowid, new) for rowid, _old, new in ordered],
    )
    session.execute(text(str(ddl)))


@contextlib.contextmanager
def bulk_insert(session: Session, first_rowid: int) -> Iterator[None]:
    """Many clients inserted at once (an import): on SQLite the full-text index is filled
    in one statement afterwards instead of by the insert trigger row by row (four times
    faster for 65,000 rows). The trigger is dropped and made again inside the same
    transaction, so a failure rolls both back. PostgreSQL's trigram index needs nothing."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    ddl = session.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'clients_fts_ai'")
    ).scalar()
    if ddl is None:
        yield
        return
    session.execute(text("DROP TRIGGER clients_fts_ai"))
    yield
    session.execute(
        text(
            "INSERT INTO client_fts(rowid, search_text) "
            "SELECT search_rowid, search_text FROM clients WHERE search_rowid >= :first"
        ),
        {"first": first_rowid},
    )
    session.execute(text(str(ddl)))
