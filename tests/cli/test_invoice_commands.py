"""The invoice commands of the CLI contract, in a subprocess, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from crm_desktop.services.products import ProductChanges, create_product
from crm_desktop.store.database import open_database
from crm_desktop.store.location import parse_location
from tests.cli.conftest import Cli
from tests.cli.test_company_commands import REQUISITES

YEAR = dt.date.today().year
INVOICE_KEYS = {"id", "number", "status", "client_id", "issued_at", "due_date", "total"}
INVOICE_KEYS |= {"vat_total", "lines"}
LINE_KEYS = {"name", "qty", "unit", "price", "vat_rate", "amount"}


@pytest.fixture
def client_id(cli: Cli) -> str:
    cli.ok("company", "set", *REQUISITES, "--vat", "included", "--vat-rate", "22")
    added = cli.ok("client", "add", "--kind", "company", "--name", "ООО «Ромашка»", "--json")
    return str(added.json()["id"])


def create(cli: Cli, client_id: str, *extra: str) -> dict[str, Any]:
    args = ("invoice", "create", "--client", client_id, *extra, "--json")
    result: dict[str, Any] = cli.ok(*args).json()
    return result


SHELF = ("--line", "Стеллаж СТ-1;2;шт;1 500,50;22")
MOUNTING = ("--line", "Монтаж; 1,5 ;ч;1000.00;")


def test_create_prints_a_draft(cli: Cli, client_id: str) -> None:
    invoice = create(cli, client_id, *SHELF, *MOUNTING, "--note", "к договору 5")
    assert set(invoice) >= INVOICE_KEYS
    assert invoice["number"] is None and invoice["status"] == "draft"
    assert invoice["client_id"] == client_id and invoice["issued_at"] is None
    assert invoice["due_date"] is None
    # prices include VAT (the company's mode): the total is the lines' sum
    assert (invoice["total"], invoice["vat_total"]) == ("4501.00", "811.65")
    assert [{k: line[k] for k in LINE_KEYS} for line in invoice["lines"]] == [
        {
            "name": "Стеллаж СТ-1",
            "qty": "2",
            "unit": "шт",
            "price": "1500.50",
            "vat_rate": "22",
            "amount": "3001.00",
        },
        {
            "name": "Монтаж",
            "qty": "1.5",
            "unit": "ч",
            "price": "1000.00",
            "vat_rate": "22",  # empty: the company's default rate
            "amount": "1500.00",
        },
    ]


def test_issue_numbers_and_list(cli: Cli, client_id: str) -> None:
    first = create(cli, client_id, *SHELF, "--issue")
    assert first["number"] == f"{YEAR}-0001" and first["status"] == "issued"
    assert first["issued_at"] is not None
    issue_day = dt.date.fromisoformat(first["issue_date"])
    assert first["due_date"] == (issue_day + dt.timedelta(days=5)).isoformat()
    draft = create(cli, client_id, *MOUNTING, "--due", "31.12.2099")
    issued = cli.ok("invoice", "issue", draft["id"], "--json").json()
    assert issued["number"] == f"{YEAR}-0002" and issued["due_date"] == "2099-12-31"
    text = cli.ok("invoice", "issue", create(cli, client_id, *SHELF)["id"]).out
    assert f"{YEAR}-0003" in text
    create(cli, client_id, *SHELF)  # a draft stays without a number
    listed = cli.ok("invoice", "list", "--status", "issued", "--json").json()
    assert [i["number"] for i in listed] == [f"{YEAR}-0003", f"{YEAR}-0002", f"{YEAR}-0001"]
    assert all(set(i) >= INVOICE_KEYS and i["lines"] for i in listed)
    assert len(cli.ok("invoice", "list", "--json").json()) == 4
    assert cli.ok("invoice", "list", "--status", "draft", "--json").json()[0]["number"] is None
    shown = cli.ok("invoice", "show", f"{YEAR}-0002", "--json").json()
    assert shown["id"] == draft["id"] and shown["supplier"]["inn"] == "7707083893"
    assert shown["payer"]["name"] == "ООО «Ромашка»"
    assert cli("invoice", "list", "--status", "lost", "--json").code == 2


def test_an_issued_invoice_is_not_edited_exit_3(cli: Cli, client_id: str) -> None:
    invoice = create(cli, client_id, *SHELF, "--issue")
    for args in (
        ("invoice", "edit", invoice["id"], *MOUNTING),
        ("invoice", "edit", invoice["number"], "--note", "x"),
        ("invoice", "issue", invoice["id"]),
    ):
        result = cli(*args, "--json")
        assert result.code == 3, args
        assert result.out == "" and invoice["number"] in result.err
    edited = cli.ok("invoice", "edit", create(cli, client_id, *SHELF)["id"], *MOUNTING, "--json")
    assert edited.json()["total"] == "1500.00"


def test_incomplete_requisites_refuse_issuing_exit_3(cli: Cli) -> None:
    cli.ok("company", "set", "--name", "ООО «Вектор»", "--inn", "7707083893")
    client = cli.ok("client", "add", "--kind", "company", "--name", "ООО «Ромашка»", "--json")
    args = ("invoice", "create", "--client", client.json()["id"], "--line", "Стол;1;шт;100;none")
    result = cli(*args, "--issue", "--json")
    assert result.code == 3 and result.out == ""
    assert "the KPP, the legal address, the bank's name, the bank's BIC" in result.err
    assert "the director" in result.err and len(result.err.strip().splitlines()) == 1
    assert cli.ok("invoice", "list", "--json").json() == []  # nothing was made


BAD_LINES = [
    "Стол;abc;шт;100;22",  # the quantity
    "Стол;1;шт;100",  # a field missing
    "Стол;1;шт;сто;22",  # the price
    "Стол;1;шт;100;18",  # not one of the company's rates
    ";1;шт;100;22",  # no name
    "Стол;1;шт;100,555;22",  # three decimals in a price
]


def test_a_bad_line_exits_2(cli: Cli, client_id: str) -> None:
    for line in BAD_LINES:
        good = "Стул;1;шт;100;22"
        result = cli("invoice", "create", "--client", client_id, "--line", good, "--line", line)
        assert result.code == 2, (line, result.err)
        assert result.out == "" and "line 2" in result.err, line
        assert len(result.err.strip().splitlines()) == 1
    assert cli.ok("invoice", "list", "--json").json() == []


def test_vat_on_top_and_products_by_sku(cli: Cli, client_id: str) -> None:
    cli.ok("company", "set", "--vat", "on-top")
    assert cli.db is not None
    db = open_database(parse_location(cli.db))
    try:
        with db.unit_of_work() as session:
            create_product(
                session, ProductChanges(name="Полка П-2", sku="P-2", unit="шт", price="750")
            )
    finally:
        db.dispose()
    invoice = create(cli, client_id, "--product", "P-2:4", "--line", "Доставка;1;рейс;2000;none")
    assert [(x["name"], x["qty"], x["unit"], x["vat_rate"]) for x in invoice["lines"]] == [
        ("Полка П-2", "4", "шт", "22"),
        ("Доставка", "1", "рейс", None),
    ]
    # 3000 + 22 % on top = 3660; delivery without VAT
    assert (invoice["total"], invoice["vat_total"]) == ("5660.00", "660.00")


def test_payments_and_cancelling(cli: Cli, client_id: str) -> None:
    invoice = create(cli, client_id, *SHELF, "--issue")  # 3001.00
    paid = cli.ok("invoice", "pay", invoice["id"], "1000,50", "--json").json()
    assert (paid["status"], paid["paid_amount"]) == ("partly_paid", "1000.50")
    assert cli("invoice", "pay", invoice["id"], "5000").code == 2  # more than is left
    assert cli("invoice", "cancel", invoice["id"]).code == 3  # payments recorded
    paid = cli.ok("invoice", "pay", invoice["number"], "2000.50", "--json").json()
    assert paid["status"] == "paid" and paid["paid_amount"] == "3001.00"
    other = create(cli, client_id, *SHELF, "--issue")
    cancelled = cli.ok("invoice", "cancel", other["id"], "--json").json()
    assert cancelled["status"] == "cancelled" and cancelled["number"] == f"{YEAR}-0002"
    assert create(cli, client_id, *SHELF, "--issue")["number"] == f"{YEAR}-0003"
    assert cli("invoice", "pay", other["id"], "1").code == 3
    assert cli("invoice", "show", "2099-9999").code == 2
