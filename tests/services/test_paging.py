"""The client list a page at a time (each test on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from crm_desktop.models import Client, ClientKind, Role, utcnow
from crm_desktop.services.client_list import (
    Bin,
    ClientFilter,
    PageKey,
    count_clients,
    iter_clients,
    list_clients,
)
from crm_desktop.services.client_views import ClientView
from crm_desktop.services.clients import ClientChanges, create_client, delete_client
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database

SURNAMES = [
    "Ёлкин",
    "Елисеев",
    "Жуков",
    "Абрамов",
    "абрамова",
    "Яковлев",
    "Эльдаров",
    "Фёдоров",
    "Федотов",
    "ЩУКИН",
]


def sort_key(name: str) -> str:
    """The order people expect: case ignored, ё as е."""
    return name.lower().replace("ё", "е")


def create(db: Database, name: str, login: str | None = None, **fields: Any) -> uuid.UUID:
    with db.unit_of_work(login) as session:
        return create_client(session, ClientChanges(name=name, **fields)).id


def create_many(db: Database, names: list[str]) -> dict[uuid.UUID, str]:
    with db.unit_of_work() as session:
        return {create_client(session, ClientChanges(name=n)).id: n for n in names}


def expected_order(clients: dict[uuid.UUID, str]) -> list[uuid.UUID]:
    return sorted(clients, key=lambda i: (sort_key(clients[i]), i))


def walk(
    db: Database, *, page: int, where: ClientFilter | None = None, descending: bool = False
) -> list[list[ClientView]]:
    """Every page, following next_key as a scrolling list does (one session each)."""
    pages: list[list[ClientView]] = []
    after: PageKey | None = None
    while True:
        with db.unit_of_work() as session:
            result = list_clients(
                session, after=after, limit=page, where=where, descending=descending
            )
        pages.append(result.rows)
        if result.next_key is None:
            return pages
        assert len(pages) < 1000, "paging does not end"
        after = result.next_key


def ids(pages: list[list[ClientView]]) -> list[uuid.UUID]:
    return [view.id for rows in pages for view in rows]


@pytest.fixture
def many(db: Database) -> dict[uuid.UUID, str]:
    """250 clients; many share a name (every 30th "X Иван" repeats)."""
    names = [SURNAMES[i % 10] + (" Иван" if i % 3 == 0 else f" {i}") for i in range(250)]
    return create_many(db, names)


def test_pages_of_100_walk_every_client_once_in_name_order(
    db: Database, many: dict[uuid.UUID, str]
) -> None:
    pages = walk(db, page=100)
    assert [len(rows) for rows in pages] == [100, 100, 50]
    walked = ids(pages)
    assert len(set(walked)) == len(walked) == 250
    assert walked == expected_order(many)


def test_names_sort_ignoring_case_with_yo_as_ye(db: Database) -> None:
    create_many(db, ["Жуков", "Ёжиков", "Еремеев", "абрамов", "Абрамова", "Яшин", "Елкин"])
    with db.unit_of_work() as session:
        names = [v.name for v in list_clients(session).rows]
    assert names == ["абрамов", "Абрамова", "Ёжиков", "Елкин", "Еремеев", "Жуков", "Яшин"]


def test_equal_names_split_across_pages_lose_no_one(db: Database) -> None:
    same = create_many(db, ["Иванов Иван"] * 7 + ["Ёлкин"] * 3 + ["Елкин"] * 2 + ["Яшин"])
    walked = ids(walk(db, page=2))
    assert walked == expected_order(same)
    assert len(set(walked)) == 13


def test_descending_pages_walk_the_reverse_order(db: Database, many: dict[uuid.UUID, str]) -> None:
    pages = walk(db, page=100, descending=True)
    assert [len(rows) for rows in pages] == [100, 100, 50]
    assert ids(pages) == list(reversed(expected_order(many)))


def test_page_size_dividing_the_total_ends_with_an_empty_page(db: Database) -> None:
    clients = create_many(db, [f"Клиент {n:02d}" for n in range(20)])
    pages = walk(db, page=10)
    assert [len(rows) for rows in pages] == [10, 10, 0]
    assert ids(pages) == expected_order(clients)


def test_iter_clients_yields_everything_in_order(db: Database, many: dict[uuid.UUID, str]) -> None:
    with db.unit_of_work() as session:
        walked = [view.id for view in iter_clients(session, page_size=64)]
        assert count_clients(session) == 250
    assert walked == expected_order(many)


def test_page_carries_first_phone_email_and_company(db: Database) -> None:
    create(db, "ООО Ромашка", kind=ClientKind.COMPANY)
    phones = ["89123456789", "84956310014"]
    create(db, "Иванов", phones=phones, emails=["a@b.ru"], company="Ромашка")
    with db.unit_of_work() as session:
        rows = {v.name: v for v in list_clients(session).rows}
    assert rows["Иванов"].phone == "+79123456789"  # the first of the person's phones
    assert rows["Иванов"].email == "a@b.ru"
    assert rows["Иванов"].company == "Ромашка"
    assert rows["Ромашка"].legal_form == "ООО"


# --- filters ------------------------------------------------------------------------------


def filtered_names(db: Database, where: ClientFilter, page: int = 2) -> list[str]:
    """Walk a filtered list in small pages; check the count agrees."""
    pages = walk(db, page=page, where=where)
    names = [view.name for rows in pages for view in rows]
    with db.unit_of_work() as session:
        assert count_clients(session, where) == len(names)
    return names


def test_filter_by_owner_and_unassigned(db: Database) -> None:
    with db.unit_of_work(None) as session:
        add_user(session, "anna", Role.MANAGER)
        add_user(session, "boris", Role.MANAGER)
    for name in ["Белов", "Аксенов", "Волков"]:
        create(db, name, "anna")
    create(db, "Громов", "boris")
    create(db, "Дронов", None)
    assert filtered_names(db, ClientFilter(owner="anna")) == ["Аксенов", "Белов", "Волков"]
    assert filtered_names(db, ClientFilter(owner="boris")) == ["Громов"]
    assert filtered_names(db, ClientFilter(unassigned=True)) == ["Дронов"]


def test_filter_by_kind_and_by_company(db: Database) -> None:
    romashka = create(db, "ООО Ромашка", kind=ClientKind.COMPANY)
    create(db, "АО Лютик", kind=ClientKind.COMPANY)
    create(db, "Петров", company="Ромашка")
    create(db, "Иванов", company="Ромашка")
    create(db, "Сидоров", company="Лютик")
    create(db, "Кузнецов")
    people = ClientFilter(kind=ClientKind.PERSON)
    companies = ClientFilter(kind=ClientKind.COMPANY)
    assert filtered_names(db, people) == ["Иванов", "Кузнецов", "Петров", "Сидоров"]
    assert filtered_names(db, companies) == ["Лютик", "Ромашка"]
    assert filtered_names(db, ClientFilter(company_id=romashka)) == ["Иванов", "Петров"]


def _set_last_contact(db: Database, client_id: uuid.UUID, when: dt.datetime | None) -> None:
    with db.unit_of_work() as session:
        session.get_one(Client, client_id).last_contact_at = when


def test_filter_no_contact_for_30_days(db: Database) -> None:
    now = utcnow()
    contacts: dict[str, dt.datetime | None] = {
        "Вчерашний": now - dt.timedelta(days=1),
        "Месяц без пары дней": now - dt.timedelta(days=28),
        "Давний": now - dt.timedelta(days=45),
        "Годовой": now - dt.timedelta(days=400),
        "Никогда": None,
    }
    for name, when in contacts.items():
        _set_last_contact(db, create(db, name), when)
    assert filtered_names(db, ClientFilter(no_contact_days=30)) == [
        "Годовой",
        "Давний",
        "Никогда",
    ]


def test_recycle_bin_filter(db: Database) -> None:
    kept = create(db, "Белов")
    gone = [create(db, "Аксенов"), create(db, "Волков")]
    with db.unit_of_work() as session:
        for client_id in gone:
            delete_client(session, client_id)
    assert filtered_names(db, ClientFilter()) == ["Белов"]
    assert filtered_names(db, ClientFilter(bin=Bin.DELETED)) == ["Аксенов", "Волков"]
    assert filtered_names(db, ClientFilter(bin=Bin.ALL)) == ["Аксенов", "Белов", "Волков"]
    assert kept not in gone


def test_filters_combine(db: Database) -> None:
    with db.unit_of_work(None) as session:
        add_user(session, "anna", Role.MANAGER)
    create(db, "ООО Ромашка", "anna", kind=ClientKind.COMPANY)
    create(db, "Петров", "anna")
    create(db, "Сидоров", None)
    where = ClientFilter(owner="anna", kind=ClientKind.PERSON)
    assert filtered_names(db, where) == ["Петров"]


@pytest.mark.parametrize("page", [1, 3, 100])
def test_filtered_paging_has_no_gaps(db: Database, page: int) -> None:
    names = [f"{SURNAMES[i % 10]} {i % 4}" for i in range(40)]
    clients = create_many(db, names)
    with db.unit_of_work() as session:
        for client_id, name in clients.items():
            if name.endswith("0"):
                delete_client(session, client_id)
    live = {i: n for i, n in clients.items() if not n.endswith("0")}
    assert ids(walk(db, page=page)) == expected_order(live)
