"""The client list, a page at a time (keyset paging: never the whole table)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

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
    segment_id: uuid.UUID | None = None  # a saved segment's clients (needs the session)
    bin: Bin = Bin.LIVE

    def conditions(self, session: Session | None = None) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if self.segment_id is not None:
            if session is None:
                raise ValueError("a segment's conditions need the session")
            from crm_desktop.services.segments import find_segment, segment_conditions

            rules = find_segment(session, self.segment_id).rules
            conds += segment_conditions(session, rules, live_only=False)
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


class ClientSort(enum.Enum):
    """What the list is sorted by. Every order ends with the id, so that equal values
    still have one order and keyset paging loses no one; blanks (NULL) come after the
    values in both directions. Names sort folded (case and ё ignored); company names,
    phones, e-mails, INNs and logins as stored, in the database's text order (code
    points on SQLite and on a C.UTF-8 PostgreSQL)."""

    NAME = "name"
    COMPANY = "company"
    PHONE = "phone"
    EMAIL = "email"
    INN = "inn"
    OWNER = "owner"
    LAST_CONTACT = "last_contact"
    CREATED = "created"  # the id: UUIDv7, made in time order

    @property
    def columns(self) -> tuple[InstrumentedAttribute[Any], ...]:
        """The ORDER BY columns, each with an index of exactly these (see models/party.py)."""
        return _SORT_COLUMNS[self]

    @property
    def may_be_blank(self) -> bool:
        """Whether the first column is nullable (then the blanks are paged apart)."""
        return self not in (ClientSort.NAME, ClientSort.CREATED)


_SORT_COLUMNS: dict[ClientSort, tuple[InstrumentedAttribute[Any], ...]] = {
    ClientSort.NAME: (Client.name_folded, Client.id),
    ClientSort.COMPANY: (Client.company_name, Client.name_folded, Client.id),
    ClientSort.PHONE: (Client.primary_phone, Client.id),
    ClientSort.EMAIL: (Client.primary_email, Client.id),
    ClientSort.INN: (Client.inn, Client.id),
    ClientSort.OWNER: (Client.owner, Client.name_folded, Client.id),
    ClientSort.LAST_CONTACT: (Client.last_contact_at, Client.id),
    ClientSort.CREATED: (Client.id,),
}

# The same values read from a list row, in the order of `ClientSort.columns`.
_ROW_VALUES: dict[ClientSort, Callable[[ClientRow], tuple[Any, ...]]] = {
    ClientSort.NAME: lambda r: (r.name_folded, r.id),
    ClientSort.COMPANY: lambda r: (r.company, r.name_folded, r.id),
    ClientSort.PHONE: lambda r: (r.phone, r.id),
    ClientSort.EMAIL: lambda r: (r.email, r.id),
    ClientSort.INN: lambda r: (r.inn, r.id),
    ClientSort.OWNER: lambda r: (r.owner, r.name_folded, r.id),
    ClientSort.LAST_CONTACT: lambda r: (r.last_contact_at, r.id),
    ClientSort.CREATED: lambda r: (r.id,),
}


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts: after the row whose sort values (`sort.columns`:
    the sorted column's value, None for a blank, then the tie-breakers, the id last)
    are `values`."""

    values: tuple[Any, ...]
    sort: ClientSort = ClientSort.NAME

    @classmethod
    def of(cls, row: ClientRow, sort: ClientSort = ClientSort.NAME) -> PageKey:
        return cls(_ROW_VALUES[sort](row), sort)

    @property
    def id(self) -> uuid.UUID:
        value = self.values[-1]
        assert isinstance(value, uuid.UUID)
        return value


@dataclass(frozen=True)
class Page:
    rows: list[ClientRow]
    next_key: PageKey | None


def _beyond(
    columns: Sequence[InstrumentedAttribute[Any]], values: Sequence[Any], descending: bool
) -> ColumnElement[bool]:
    """`(columns) > (values)` (or `<`): a row-value comparison both databases use as the
    start of an index range."""
    key: Any = columns[0] if len(columns) == 1 else tuple_(*columns)
    bound: Any = values[0] if len(values) == 1 else tuple_(*values)
    condition: ColumnElement[bool] = key < bound if descending else key > bound
    return condition


def _page_query(
    conds: list[ColumnElement[bool]],
    columns: Sequence[InstrumentedAttribute[Any]],
    descending: bool,
    limit: int,
) -> Select[Any]:
    order = [column.desc() if descending else column for column in columns]
    return client_row_query().where(*conds).order_by(*order).limit(limit)


def list_clients(
    session: Session,
    *,
    after: PageKey | None = None,
    limit: int = DEFAULT_PAGE,
    where: ClientFilter | None = None,
    descending: bool = False,
    sort: ClientSort = ClientSort.NAME,
) -> Page:
    """One page of clients in `sort` order (then the id), starting after `after`.

    A sort on a column that may be blank reads in two index ranges: the clients with a
    value (ascending or descending), then those without one (by the rest of the key, in
    the same direction), so blanks come last either way. Each range is one index scan
    from where the previous page ended, as fast on the last page as on the first."""
    if after is not None and after.sort is not sort:
        raise ValueError(f"a page key of the {after.sort.value} order given for {sort.value}")
    conds = (where or ClientFilter()).conditions(session)
    columns = sort.columns
    if not sort.may_be_blank:
        if after is not None:
            conds.append(_beyond(columns, after.values, descending))
        rows = to_rows(session.execute(_page_query(conds, columns, descending, limit)))
    else:
        lead, rest = columns[0], columns[1:]
        rows = []
        among_blanks = after is not None and after.values[0] is None
        if not among_blanks:
            bound = (
                lead.is_not(None) if after is None else _beyond(columns, after.values, descending)
            )
            query = _page_query([*conds, bound], columns, descending, limit)
            rows = to_rows(session.execute(query))
        if len(rows) < limit:
            blanks = [*conds, lead.is_(None)]
            if among_blanks:
                assert after is not None
                blanks.append(_beyond(rest, after.values[1:], descending))
            query = _page_query(blanks, columns, descending, limit - len(rows))
            rows += to_rows(session.execute(query))
    next_key = PageKey.of(rows[-1], sort) if rows and len(rows) == limit else None
    return Page(rows, next_key)


def sort_rows(
    rows: Sequence[ClientRow], sort: ClientSort, descending: bool = False
) -> list[ClientRow]:
    """A fixed set of rows (search results) in the order `list_clients` pages in: the
    rows with a value ascending or descending, then the blanks."""
    keyed = [(_ROW_VALUES[sort](row), row) for row in rows]
    filled = [item for item in keyed if item[0][0] is not None]
    blanks = [item for item in keyed if item[0][0] is None]
    filled.sort(key=lambda item: item[0], reverse=descending)
    blanks.sort(key=lambda item: item[0][1:], reverse=descending)
    return [row for _key, row in filled + blanks]


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
    conditions = (where or ClientFilter()).conditions(session)
    query = select(func.count()).select_from(Client).where(*conditions)
    return int(session.scalar(query) or 0)
