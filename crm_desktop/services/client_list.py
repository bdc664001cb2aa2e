"""The client list, a page at a time (keyset paging: never the whole table)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from crm_desktop.models import Client, ClientKind, ClientTag, utcnow
from crm_desktop.services.client_rows import ClientRow, client_row_query, to_rows
from crm_desktop.services.client_views import ClientView, load_views

DEFAULT_PAGE = 100


class Bin(enum.Enum):
    LIVE = "live"  # what the list shows
    DELETED = "deleted"  # the recycle bin
    ALL = "all"


@dataclass(frozen=True)
class ClientFilter:
    owner: str | None = None
    unassigned: bool = False
    kind: ClientKind | None = None
    tag_id: uuid.UUID | None = None
    company_id: uuid.UUID | None = None
    no_contact_days: int | None = None
    bin: Bin = Bin.LIVE

    def conditions(self) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if self.bin is Bin.LIVE:
            conds.append(Client.deleted_at.is_(None))
        elif self.bin is Bin.DELETED:
            conds.append(Client.deleted_at.is_not(None))
        if self.owner is not None:
            conds.append(Client.owner == self.owner)
        if self.unassigned:
            conds.append(Client.owner.is_(None))
        if self.kind is not None:
            conds.append(Client.kind == self.kind)
        if self.company_id is not None:
            conds.append(Client.company_id == self.company_id)
        if self.tag_id is not None:
            conds.append(
                exists().where(
                    ClientTag.client_id == Client.id,
                    ClientTag.tag_id == self.tag_id,
                    ClientTag.deleted_at.is_(None),
                )
            )
        if self.no_contact_days is not None:
            since = utcnow() - dt.timedelta(days=self.no_contact_days)
            conds.append(or_(Client.last_contact_at.is_(None), Client.last_contact_at < since))
        return conds


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts: after this (folded name, id)."""

    name_folded: str
    id: uuid.UUID


@dataclass(frozen=True)
class Page:
    rows: list[ClientRow]
    next_key: PageKey | None


def list_clients(
    session: Session,
    *,
    after: PageKey | None = None,
    limit: int = DEFAULT_PAGE,
    where: ClientFilter | None = None,
    descending: bool = False,
) -> Page:
    """One page of clients sorted by name (then id), starting after `after`."""
    conds = (where or ClientFilter()).conditions()
    key = tuple_(Client.name_folded, Client.id)
    if after is not None:
        bound = tuple_(after.name_folded, after.id)
        conds.append(key < bound if descending else key > bound)
    order = (
        (Client.name_folded.desc(), Client.id.desc())
        if descending
        else (Client.name_folded, Client.id)
    )
    query = client_row_query().where(*conds).order_by(*order).limit(limit)
    rows = to_rows(session.execute(query))
    next_key = PageKey(rows[-1].name_folded, rows[-1].id) if len(rows) == limit else None
    return Page(rows, next_key)


def iter_pages(
    session: Session, where: ClientFilter | None = None, page_size: int = 1000
) -> Iterator[list[ClientRow]]:
    """Every client matching `where`, by name, a page at a time."""
    after: PageKey | None = None
    while True:
        page = list_clients(session, after=after, limit=page_size, where=where)
        yield page.rows
        if page.next_key is None:
            return
        after = page.next_key


def iter_clients(
    session: Session, where: ClientFilter | None = None, page_size: int = 1000
) -> Iterator[ClientRow]:
    for rows in iter_pages(session, where, page_size):
        yield from rows


def iter_client_views(
    session: Session, where: ClientFilter | None = None, page_size: int = 500
) -> Iterator[ClientView]:
    """Every client's whole card (all phones and e-mails), by name: for exports."""
    for rows in iter_pages(session, where, page_size):
        yield from load_views(session, [row.id for row in rows])


def count_clients(session: Session, where: ClientFilter | None = None) -> int:
    query = select(func.count()).select_from(Client).where(*(where or ClientFilter()).conditions())
    return int(session.scalar(query) or 0)
