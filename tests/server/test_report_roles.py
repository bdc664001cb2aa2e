"""Reports on the office server (issue 9, "Roles"): a manager's reports cover only the
rows row-level security lets her see; an executive's cover everybody's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from crm_desktop.services.reports import run_report
from crm_desktop.services.reports.table import ReportParams
from crm_desktop.store.database import Database, open_database
from tests.server.conftest import Office

EVER = ReportParams(dt.date(2000, 1, 1), dt.date.today() + dt.timedelta(days=366), limit=0)


@pytest.fixture
def as_user(licensed: Office) -> Iterator[dict[str, Database]]:
    opened: dict[str, Database] = {}
    for login in ("ivanova", "kuznetsov"):
        opened[login] = open_database(licensed.location(login))
        opened[login].take_seat("test")
    yield opened
    for db in opened.values():
        db.dispose()


def test_a_manager_sees_her_figures_an_executive_everybodys(
    office: Office, as_user: dict[str, Database]
) -> None:
    admin = open_database(office.admin)
    with admin.unit_of_work(None, write=False) as s:
        hers = set(s.execute(text("SELECT name FROM clients WHERE owner = 'ivanova'")).scalars())
        owners = set(
            s.execute(text("SELECT DISTINCT owner FROM invoices WHERE status <> 'draft'")).scalars()
        )
    admin.dispose()
    assert len(owners - {None}) > 1  # the demo's invoices belong to several managers

    with as_user["ivanova"].unit_of_work("ivanova", write=False) as s:
        sleeping = run_report(s, "sleeping", EVER)
        abc = run_report(s, "abc", EVER)
        revenue = run_report(s, "revenue", ReportParams(EVER.date_from, EVER.date_to, by="manager"))
    assert sleeping.rows and {r[1] for r in sleeping.rows} == {"ivanova"}
    assert abc.rows and {r[0] for r in abc.rows} <= hers
    with as_user["kuznetsov"].unit_of_work("kuznetsov", write=False) as s:
        all_abc = run_report(s, "abc", EVER)
        all_revenue = run_report(
            s, "revenue", ReportParams(EVER.date_from, EVER.date_to, by="manager")
        )
        her_part = run_report(
            s, "revenue", ReportParams(EVER.date_from, EVER.date_to, by="manager", owner="ivanova")
        )
    assert {r[0] for r in all_abc.rows} - hers  # other managers' clients too
    assert all_abc.totals["revenue"] > abc.totals["revenue"]
    assert len(all_revenue.rows) > 1
    # what she sees of her own sales is what the executive sees of them
    mine = {r[0]: r for r in revenue.rows}
    assert mine["ivanova"][1:] == her_part.rows[0][1:]
