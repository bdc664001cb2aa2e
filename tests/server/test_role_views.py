"""The product's own services on the office server, as each role: the rows row-level
security lets through are what the screens show."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from crm_desktop.services.client_list import list_clients
from crm_desktop.services.invoice_views import list_invoices
from crm_desktop.services.order_views import accounting_queue, production_queue
from crm_desktop.services.search import search_clients
from crm_desktop.store.database import Database, open_database
from tests.server.conftest import Office


@pytest.fixture
def as_user(licensed: Office) -> Iterator[dict[str, Database]]:
    opened: dict[str, Database] = {}

    def make(login: str) -> Database:
        db = open_database(licensed.location(login))
        db.take_seat("test")
        opened[login] = db
        return db

    for login in ("ivanova", "buh", "tsekh", "kuznetsov"):
        make(login)
    yield opened
    for db in opened.values():
        db.dispose()


def test_each_role_gets_its_part_through_the_services(
    office: Office, as_user: dict[str, Database]
) -> None:
    admin = open_database(office.admin)
    with admin.unit_of_work(None, write=False) as s:
        prepaid = s.execute(text("SELECT count(*) FROM orders WHERE status = 'prepaid'")).scalar()
        invoices = s.execute(text("SELECT count(*) FROM invoices")).scalar()
        theirs = s.execute(text("SELECT count(*) FROM clients WHERE owner = 'ivanova'")).scalar()
    admin.dispose()

    with as_user["ivanova"].unit_of_work("ivanova", write=False) as s:
        page = list_clients(s, limit=1000)
        assert len(page.rows) == theirs and theirs
        name = page.rows[0].name
        assert search_clients(s, name[:4])  # her own client is found
    with as_user["tsekh"].unit_of_work("tsekh", write=False) as s:
        queue = production_queue(s)
        assert len(queue.rows) == prepaid and prepaid
        assert all(order.client_name == "" for order in queue.rows)  # no client shown
        assert [o.specification for o in queue.rows]
        assert list_clients(s, limit=10).rows == []
    with as_user["buh"].unit_of_work("buh", write=False) as s:
        listed = list_invoices(s, limit=1000).rows
        assert len(listed) == invoices and all(i.client_name for i in listed)
        assert accounting_queue(s).rows is not None
    with as_user["kuznetsov"].unit_of_work("kuznetsov", write=False) as s:
        assert len(list_clients(s, limit=1000).rows) > theirs
