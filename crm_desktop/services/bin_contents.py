"""What the recycle bin holds: every kind of record the program deletes to the bin
(clients, deals, tasks, invoice drafts, products), the latest deletion first, with who
deleted it and the words a user knows the record by; paged by keyset over all kinds at
once, and counted.

Orders are never deleted (an order is cancelled), so they have no place here.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, func, literal, literal_column, or_, select
from sqlalchemy import tuple_ as row_value
from sqlalchemy.orm import Session

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.i18n.formats import format_money
from crm_desktop.models import Client, Deal, Invoice, Product, Task, User
from crm_desktop.services.client_rows import display_name
from crm_desktop.services.phones import format_phone
from crm_desktop.store.search_index import fold

DEFAULT_PAGE = 100


class BinKind(enum.StrEnum):
    CLIENTS = "clients"
    DEALS = "deals"
    TASKS = "tasks"
    INVOICES = "invoices"
    PRODUCTS = "products"


MODELS: Mapping[BinKind, Any] = {
    BinKind.CLIENTS: Client,
    BinKind.DEALS: Deal,
    BinKind.TASKS: Task,
    BinKind.INVOICES: Invoice,
    BinKind.PRODUCTS: Product,
}


def parse_kind(raw: str | BinKind) -> BinKind:
    """ "deals" (or "deal") as a kind of the bin."""
    text = str(raw).strip().lower()
    for kind in BinKind:
        if text in (kind.value, kind.value[:-1]):
            return kind
    kinds = ", ".join(k.value for k in BinKind)
    raise ValidationError(
        "kind",
        _(
            '"{value}" is not a kind of record in the recycle bin (one of: {kinds})',
            value=raw,
            kinds=kinds,
        ),
    )


# --- the list ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BinEntry:
    kind: BinKind
    id: uuid.UUID
    title: str  # as the user knows it: the client's name, the deal's title, the number...
    deleted_at: dt.datetime
    deleted_by: str | None  # the login that deleted it
    deleted_by_name: str | None  # that user's name, where the users table has one
    detail: str | None  # the client of a deal, task or invoice; a client's company or phone

    @property
    def who(self) -> str:
        return self.deleted_by_name or self.deleted_by or ""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "id": str(self.id),
            "title": self.title,
            "detail": self.detail,
            "deleted_at": self.deleted_at.isoformat(),
            "deleted_by": self.deleted_by,
            "deleted_by_name": self.deleted_by_name,
        }


@dataclass(frozen=True)
class BinKey:
    """Where the next page starts: after the entry deleted at `deleted_at` with `id`."""

    deleted_at: dt.datetime
    id: uuid.UUID


@dataclass(frozen=True)
class BinPage:
    rows: list[BinEntry]
    next_key: BinKey | None  # None: this was the last page


def kinds_of(kind: BinKind | None) -> tuple[BinKind, ...]:
    return tuple(BinKind) if kind is None else (kind,)


def _folded(session: Session, column: Any) -> ColumnElement[str]:
    """`column` case-folded with ё as е, in SQL (SQLite's lower() folds ASCII only: it
    gets the Python fold as a function of the connection, as the price list does)."""
    if session.get_bind().dialect.name == "sqlite":
        raw = session.connection().connection.driver_connection
        raw.create_function("crm_fold", 1, _fold_or_none, deterministic=True)  # type: ignore[union-attr]
        return func.crm_fold(column)
    return func.translate(func.lower(column), "ё", "е")


def _fold_or_none(value: str | None) -> str | None:
    return fold(value) if value is not None else None


def _pattern(search: str | None) -> str | None:
    text = (search or "").strip()
    if not text:
        return None
    escaped = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def binned(
    session: Session, kind: BinKind, pattern: str | None, columns: Sequence[Any]
) -> Select[Any]:
    """`columns` of `kind`'s records in the bin (matching `pattern`, when given)."""
    model = MODELS[kind]
    query = select(*columns).select_from(model).where(model.deleted_at.is_not(None))
    if kind is BinKind.CLIENTS:  # a merged duplicate is not in the bin: it lives on in another
        query = query.where(Client.merged_into_id.is_(None))
    if pattern is None:
        return query
    like: list[Any]
    if kind is BinKind.CLIENTS:
        like = [Client.search_text.like(pattern, escape="\\")]
    elif kind is BinKind.PRODUCTS:
        like = [
            _folded(session, Product.name).like(pattern, escape="\\"),
            func.lower(Product.sku).like(pattern, escape="\\"),
        ]
    else:
        own = Invoice.number_text if kind is BinKind.INVOICES else model.title
        query = query.outerjoin(Client, Client.id == model.client_id)
        like = [
            _folded(session, own).like(pattern, escape="\\"),
            Client.search_text.like(pattern, escape="\\"),
        ]
    return query.where(or_(*like))


def _arm(
    session: Session, kind: BinKind, pattern: str | None, after: BinKey | None, limit: int
) -> Select[Any]:
    model = MODELS[kind]
    columns = (
        literal_column(f"'{kind.value}'", String).label("kind"),
        model.id.label("id"),
        model.deleted_at.label("deleted_at"),
        model.updated_by.label("deleted_by"),
    )
    query = binned(session, kind, pattern, columns)
    if after is not None:
        bound = row_value(
            literal(after.deleted_at, type_=model.deleted_at.type),
            literal(after.id, type_=model.id.type),
        )
        query = query.where(row_value(model.deleted_at, model.id) < bound)
    return query.order_by(model.deleted_at.desc(), model.id.desc()).limit(limit)


def bin_page(
    session: Session,
    *,
    kind: BinKind | None = None,
    search: str | None = None,
    after: BinKey | None = None,
    limit: int = DEFAULT_PAGE,
) -> BinPage:
    """One page of the bin, the latest deletion first, after `after` (keyset paging over
    every kind at once: each kind gives at most a page, the merge keeps the first)."""
    pattern = _pattern(search)
    arms = [_arm(session, k, pattern, after, limit).subquery() for k in kinds_of(kind)]
    merged = (
        arms[0]
        if len(arms) == 1
        else select(arms[0]).union_all(*(select(a) for a in arms[1:])).subquery()
    )
    query = select(merged).order_by(merged.c.deleted_at.desc(), merged.c.id.desc()).limit(limit)
    found = [(BinKind(r.kind), r.id, r.deleted_at, r.deleted_by) for r in session.execute(query)]
    rows = _entries(session, found)
    last = rows[-1] if rows and len(rows) == limit else None
    return BinPage(rows, BinKey(last.deleted_at, last.id) if last else None)


def bin_count(session: Session, *, kind: BinKind | None = None, search: str | None = None) -> int:
    """How many records the bin holds (of `kind`, matching `search`): one count a kind."""
    pattern = _pattern(search)
    total = 0
    for k in kinds_of(kind):
        query = binned(session, k, pattern, [func.count()])
        total += int(session.scalar(query) or 0)
    return total


def iter_bin(
    session: Session, *, kind: BinKind | None = None, search: str | None = None
) -> Iterable[BinEntry]:
    """Every entry, a page at a time."""
    after: BinKey | None = None
    while True:
        page = bin_page(session, kind=kind, search=search, after=after)
        yield from page.rows
        if page.next_key is None:
            return
        after = page.next_key


def _client_text(kind: Any, name: str | None, legal_form: str | None) -> str | None:
    return display_name(kind, name, legal_form) if name is not None else None


def _described(
    session: Session, kind: BinKind, ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str | None]]:
    """(title, detail) of `kind`'s records `ids`."""
    if kind is BinKind.CLIENTS:
        rows = session.execute(
            select(
                Client.id,
                Client.kind,
                Client.name,
                Client.legal_form,
                Client.company_name,
                Client.primary_phone,
                Client.primary_email,
            ).where(Client.id.in_(ids))
        )
        return {
            r.id: (
                display_name(r.kind, r.name, r.legal_form),
                r.company_name
                or (format_phone(r.primary_phone) if r.primary_phone else r.primary_email),
            )
            for r in rows
        }
    if kind is BinKind.PRODUCTS:
        rows = session.execute(
            select(Product.id, Product.name, Product.sku).where(Product.id.in_(ids))
        )
        return {r.id: (r.name, r.sku) for r in rows}
    model = MODELS[kind]
    own: list[Any] = (
        [Invoice.number_text, Invoice.total, Invoice.currency]
        if kind is BinKind.INVOICES
        else [model.title]
    )
    query = (
        select(model.id, Client.kind, Client.name, Client.legal_form, *own)
        .outerjoin(Client, Client.id == model.client_id)
        .where(model.id.in_(ids))
    )
    found: dict[uuid.UUID, tuple[str, str | None]] = {}
    for r in session.execute(query):
        client = _client_text(r.kind, r.name, r.legal_form)
        if kind is BinKind.INVOICES:
            title = (
                _("Invoice {number}", number=r.number_text) if r.number_text else _("Draft invoice")
            )
            money = format_money(r.total, r.currency)
            found[r.id] = (title, f"{client} · {money}" if client else money)
        else:
            found[r.id] = (r.title, client)
    return found


def _entries(
    session: Session, found: list[tuple[BinKind, uuid.UUID, dt.datetime, str | None]]
) -> list[BinEntry]:
    by_kind: dict[BinKind, list[uuid.UUID]] = {}
    for kind, row_id, _at, _by in found:
        by_kind.setdefault(kind, []).append(row_id)
    texts: dict[uuid.UUID, tuple[str, str | None]] = {}
    for kind, ids in by_kind.items():
        texts.update(_described(session, kind, ids))
    logins = {by for *_rest, by in found if by}
    names = (
        {
            login: name
            for login, name in session.execute(
                select(User.login, User.full_name).where(User.login.in_(logins))
            )
        }
        if logins
        else {}
    )
    entries = []
    for kind, row_id, at, by in found:
        title, detail = texts.get(row_id, ("", None))
        entries.append(BinEntry(kind, row_id, title, at, by, names.get(by or "") or None, detail))
    return entries
