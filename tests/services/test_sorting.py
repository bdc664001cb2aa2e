"""The client list sorted by each column, a page at a time (each test on SQLite and
PostgreSQL): blanks last in both directions, equal values split across page boundaries,
and sorting combined with the filters."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from crm_desktop.models import Client, ClientKind, Role
from crm_desktop.services.client_list import (
    ClientFilter,
    ClientSort,
    PageKey,
    list_clients,
)
from crm_desktop.services.clients import ClientChanges, create_client, delete_client
from crm_desktop.services.tags import tag_clients
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database

T0 = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)

# name, company, phones, e-mails, owner, INN (set directly: ties allowed), last contact
PEOPLE: list[tuple[str, str | None, list[str], list[str], str | None, str | None, Any]] = [
    ("Иванов Иван", "ООО Ромашка", ["+79161112233"], ["ivanov@romashka.ru"], "anna", None, T0),
    ("Иванов Иван", "ООО Ромашка", [], ["ivanov@romashka.ru"], "boris", "500100732259", T0),
    ("Иванов Иван", None, ["+79161112233"], [], None, "500100732259", None),
    ("Абрамова Ольга", "АО Лютик", [], ["olga@lutik.ru"], "anna", None, T0.replace(day=5)),
    ("Ёлкин Пётр", "ООО Ромашка", ["+74956310014"], [], "boris", "7707083893", None),
    ("Яшин Лев", None, [], [], "anna", None, T0.replace(month=1)),
    ("Елисеев Борис", "АО Лютик", ["+79031234567"], ["b@lutik.ru"], None, None, None),
    ("Жуков Олег", None, ["+79031234567"], ["zh@mail.ru"], "anna", "7707083893", T0),
    ("Щукин Ян", "Берёзка", [], [], None, None, T0.replace(year=2025)),
    ("Фёдоров Фёдор", None, [], ["fedorov@mail.ru"], "boris", None, None),
]

SORTS = list(ClientSort)


def value_of(client: Client, sort: ClientSort) -> tuple[Any, ...]:
    """The sort key the list should follow, read from the ORM object (not from a row of
    the list), with the id last."""
    lead: dict[ClientSort, Callable[[Client], tuple[Any, ...]]] = {
        ClientSort.NAME: lambda c: (c.name_folded,),
        ClientSort.COMPANY: lambda c: (c.company_name, c.name_folded),
        ClientSort.PHONE: lambda c: (c.primary_phone,),
        ClientSort.EMAIL: lambda c: (c.primary_email,),
        ClientSort.INN: lambda c: (c.inn,),
        ClientSort.OWNER: lambda c: (c.owner, c.name_folded),
        ClientSort.LAST_CONTACT: lambda c: (c.last_contact_at,),
        ClientSort.CREATED: lambda c: (),
    }
    return (*lead[sort](client), client.id)


def expected(
    db: Database, sort: ClientSort, descending: bool, keep: Callable[[Client], bool] | None = None
) -> list[uuid.UUID]:
    """Live clients in `sort` order, sorted here in Python: the ones with a value, then
    the blanks, each part ascending or descending as asked."""
    with db.unit_of_work() as session:
        clients = [
            c
            for c in session.scalars(select(Client).where(Client.deleted_at.is_(None)))
            if keep is None or keep(c)
        ]
        keys = {c.id: value_of(c, sort) for c in clients}
    filled = sorted((k for k in keys.values() if k[0] is not None), reverse=descending)
    blanks = sorted((k[1:] for k in keys.values() if k[0] is None), reverse=descending)
    return [k[-1] for k in filled] + [k[-1] for k in blanks]


def walk(
    db: Database,
    sort: ClientSort,
    descending: bool,
    page: int,
    where: ClientFilter | None = None,
) -> list[uuid.UUID]:
    """Every page, following next_key as the scrolling list does (a session each)."""
    walked: list[uuid.UUID] = []
    after: PageKey | None = None
    for _ in range(1000):
        with db.unit_of_work() as session:
            result = list_clients(
                session, after=after, limit=page, where=where, descending=descending, sort=sort
            )
        assert len(result.rows) <= page
        walked.extend(row.id for row in result.rows)
        if result.next_key is None:
            assert len(result.rows) < page or page == 0
            return walked
        assert len(result.rows) == page
        after = result.next_key
    raise AssertionError("paging does not end")


@pytest.fixture
def people(db: Database) -> dict[str, uuid.UUID]:
    """Ten people and the three companies they name (made on the way), one person in the
    recycle bin; values repeat and are missing in every column."""
    with db.unit_of_work(None) as session:
        add_user(session, "anna", Role.MANAGER)
        add_user(session, "boris", Role.MANAGER)
    made: dict[str, uuid.UUID] = {}
    for i, (name, company, phones, emails, owner, inn, contact) in enumerate(PEOPLE):
        with db.unit_of_work(owner) as session:
            view = create_client(
                session,
                ClientChanges(
                    name=name, company=company, phones=phones, emails=emails, owner=owner or ""
                ),
            )
            client = session.get_one(Client, view.id)
            client.inn, client.last_contact_at = inn, contact
        made[f"{name} {i}"] = view.id
    with db.unit_of_work() as session:
        gone = create_client(session, ClientChanges(name="Аааа Удалённый", company="АО Лютик"))
        delete_client(session, gone.id)
    return made


def test_the_data_has_ties_and_blanks_in_every_sorted_column(
    db: Database, people: dict[str, uuid.UUID]
) -> None:
    """The other tests mean something only if each order has repeated and missing values."""
    for sort in SORTS:
        order = expected(db, sort, descending=False)
        assert len(order) == len(PEOPLE) + 3  # the companies Ромашка, Лютик, Берёзка
        if sort.may_be_blank:
            with db.unit_of_work() as session:
                keys = [value_of(c, sort)[0] for c in session.scalars(select(Client))]
            filled = [k for k in keys if k is not None]
            assert None in keys and len(set(filled)) < len(filled), sort


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("sort", SORTS, ids=[s.value for s in SORTS])
def test_pages_follow_the_sort_with_blanks_last(
    db: Database, people: dict[str, uuid.UUID], sort: ClientSort, descending: bool
) -> None:
    want = expected(db, sort, descending)
    for page in (1, 3, 4, 13, 100):
        assert walk(db, sort, descending, page) == want, f"pages of {page}"


def test_blanks_come_last_in_both_directions(db: Database, people: dict[str, uuid.UUID]) -> None:
    with db.unit_of_work() as session:
        up = list_clients(session, sort=ClientSort.LAST_CONTACT).rows
        down = list_clients(session, sort=ClientSort.LAST_CONTACT, descending=True).rows
    assert [r.last_contact_at for r in up[:5]] == [
        T0.replace(year=2025),
        T0.replace(month=1),
        T0,
        T0,
        T0,
    ]
    assert [r.last_contact_at for r in down[:5]] == [
        T0.replace(day=5),
        T0,
        T0,
        T0,
        T0.replace(month=1),
    ]
    assert up[-1].last_contact_at is None and down[-1].last_contact_at is None
    assert {r.id for r in up} == {r.id for r in down}


def test_equal_values_keep_the_name_order_within(
    db: Database, people: dict[str, uuid.UUID]
) -> None:
    with db.unit_of_work() as session:
        rows = list_clients(session, sort=ClientSort.COMPANY).rows
    romashka = [r.name for r in rows if r.company == "Ромашка"]
    assert romashka == ["Ёлкин Пётр", "Иванов Иван", "Иванов Иван"]
    assert [r.company for r in rows[:2]] == ["Берёзка", "Лютик"]


def test_the_owner_order_names_anna_then_boris_then_nobody(
    db: Database, people: dict[str, uuid.UUID]
) -> None:
    with db.unit_of_work() as session:
        rows = list_clients(session, sort=ClientSort.OWNER, limit=100).rows
    owners = [r.owner for r in rows]
    assert owners == sorted(owners, key=lambda o: (o is None, o or ""))
    assert owners[0] == "anna" and owners[-1] is None


def test_created_is_the_order_they_were_added(db: Database, people: dict[str, uuid.UUID]) -> None:
    with db.unit_of_work() as session:
        rows = list_clients(session, sort=ClientSort.CREATED, limit=100).rows
    mine = [r.id for r in rows if r.id in set(people.values())]
    assert mine == list(people.values())
    assert [r.created_at for r in rows] == sorted(r.created_at for r in rows)


FILTERS: list[tuple[str, Callable[[dict[str, uuid.UUID]], ClientFilter], Any]] = [
    ("anna", lambda _t: ClientFilter(owner="anna"), lambda c, _t: c.owner == "anna"),
    ("nobody", lambda _t: ClientFilter(unassigned=True), lambda c, _t: c.owner is None),
    (
        "people",
        lambda _t: ClientFilter(kind=ClientKind.PERSON),
        lambda c, _t: c.kind == ClientKind.PERSON,
    ),
    ("tag", lambda t: ClientFilter(tag_id=t["vip"]), lambda c, t: c.id in t["tagged"]),
    (
        "boris people with the tag",
        lambda t: ClientFilter(owner="boris", kind=ClientKind.PERSON, tag_id=t["vip"]),
        lambda c, t: c.owner == "boris" and c.kind == ClientKind.PERSON and c.id in t["tagged"],
    ),
]


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("sort", SORTS, ids=[s.value for s in SORTS])
def test_sort_and_filters_combine(
    db: Database, people: dict[str, uuid.UUID], sort: ClientSort, descending: bool
) -> None:
    ids = list(people.values())
    tagged = {ids[0], ids[1], ids[4], ids[6], ids[9]}
    with db.unit_of_work() as session:
        vip = tag_clients(session, sorted(tagged), "VIP")
    context: dict[str, Any] = {"vip": vip.id, "tagged": tagged}
    for label, make, keep in FILTERS:
        want = expected(db, sort, descending, lambda c, k=keep: bool(k(c, context)))
        assert want, label
        for page in (2, 100):
            got = walk(db, sort, descending, page, where=make(context))
            assert got == want, f"{label}, pages of {page}"


def test_a_key_of_another_order_is_refused(db: Database, people: dict[str, uuid.UUID]) -> None:
    with db.unit_of_work() as session:
        key = list_clients(session, limit=2).next_key
        assert key is not None and key.sort is ClientSort.NAME
        with pytest.raises(ValueError):
            list_clients(session, after=key, sort=ClientSort.EMAIL)


def test_the_default_is_still_by_name(db: Database, people: dict[str, uuid.UUID]) -> None:
    assert walk(db, ClientSort.NAME, False, 5) == expected(db, ClientSort.NAME, False)
    with db.unit_of_work() as session:
        default = [r.id for r in list_clients(session, limit=100).rows]
    assert default == expected(db, ClientSort.NAME, False)
