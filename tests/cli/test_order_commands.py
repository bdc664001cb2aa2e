"""The order commands of the CLI contract, in a subprocess, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from crm_desktop.services.orders import MAX_ATTACHMENT_BYTES
from crm_desktop.services.products import ProductChanges, create_product
from crm_desktop.store.database import open_database
from crm_desktop.store.location import parse_location
from tests.cli.conftest import Cli
from tests.cli.test_company_commands import REQUISITES

YEAR = dt.date.today().year
ORDER_KEYS = {"id", "number", "status", "client_id", "total", "lines", "events"}


@pytest.fixture
def client_id(cli: Cli) -> str:
    cli.ok("company", "set", *REQUISITES, "--vat", "included", "--vat-rate", "22")
    assert cli.db is not None
    db = open_database(parse_location(cli.db))
    try:
        with db.unit_of_work() as session:
            create_product(
                session, ProductChanges(name="Полка П-2", sku="P-2", unit="шт", price="750")
            )
    finally:
        db.dispose()
    added = cli.ok("client", "add", "--kind", "company", "--name", "ООО «Ромашка»", "--json")
    return str(added.json()["id"])


def add(cli: Cli, client_id: str, *extra: str, user: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = cli.ok(
        "order", "add", "--client", client_id, *extra, "--json", user=user
    ).json()
    return result


def test_add_with_products_lines_a_file_and_show_it(
    cli: Cli, client_id: str, tmp_path: Path
) -> None:
    drawing = tmp_path / "чертёж.pdf"
    drawing.write_bytes(b"%PDF-1.4 " + b"x" * 1000)
    order = add(
        cli,
        client_id,
        "--product", "P-2:4",
        "--line", "Стеллаж по размерам;1;шт;12 000;22",
        "--spec", "Стеллаж 2400×1200, цвет RAL 7035",
        "--attach", str(drawing),
        "--due", "31.12.2030",
        "--note", "доставка до склада",
    )  # fmt: skip
    assert set(order) >= ORDER_KEYS
    assert order["number"] == f"З-{YEAR}-0001" and order["status"] == "draft"
    assert order["client_id"] == client_id and order["total"] == "15000.00"
    assert [(x["name"], x["qty"], x["price"]) for x in order["lines"]] == [
        ("Полка П-2", "4", "750.00"),
        ("Стеллаж по размерам", "1", "12000.00"),
    ]
    assert order["specification"] == "Стеллаж 2400×1200, цвет RAL 7035"
    assert order["due_date"] == "2030-12-31"
    assert [(f["file_name"], f["size"]) for f in order["attachments"]] == [("чертёж.pdf", 1009)]
    assert [(e["from"], e["to"]) for e in order["events"]] == [(None, "draft")]
    shown = cli.ok("order", "show", order["number"], "--json").json()
    assert shown == order
    text = cli.ok("order", "show", order["id"]).out
    assert f"З-{YEAR}-0001" in text and "Полка П-2" in text and "чертёж.pdf" in text


def test_the_whole_way_and_closing_only_once_paid(cli: Cli, client_id: str) -> None:
    order = add(cli, client_id, "--spec", "Стол из дуба 2000×900", "--total", "48 000")
    submitted = cli.ok(
        "order", "move", order["id"], "awaiting_prepayment", "--prepayment", "20000", "--json"
    ).json()
    assert submitted["status"] == "awaiting_prepayment"
    (prepayment,) = submitted["invoices"]
    invoice = cli.ok("invoice", "show", prepayment["id"], "--json").json()
    assert invoice["order_id"] == order["id"] and invoice["total"] == "20000.00"
    assert invoice["lines"][0]["name"] == f"Prepayment for order {order['number']}"

    queue = cli.ok("order", "list", "--queue", "accounting", "--json").json()
    assert [o["id"] for o in queue] == [order["id"]]
    assert cli.ok("order", "list", "--queue", "production", "--json").json() == []
    cli.ok("invoice", "issue", prepayment["id"])
    cli.ok("invoice", "pay", prepayment["id"], "20000")
    for status in ("prepaid", "in-production", "ready", "shipped"):
        cli.ok("order", "move", order["number"], status, "--note", f"→ {status}")

    refused = cli("order", "move", order["id"], "closed")
    assert refused.code == 3 and refused.out == ""
    assert "paid in full" in refused.err and len(refused.err.strip().splitlines()) == 1
    rest = cli.ok("invoice", "create", "--order", order["id"], "--issue", "--json").json()
    cli.ok("invoice", "cancel", rest["id"])  # the whole total again: cancelled, so
    final = cli.ok(
        "invoice", "create", "--order", order["id"], "--line", "Остаток по заказу;1;шт;28000;",
        "--issue", "--json",
    ).json()  # fmt: skip
    cli.ok("invoice", "pay", final["id"], "28000")
    closed = cli.ok("order", "move", order["id"], "closed", "--json").json()
    assert closed["status"] == "closed" and closed["paid_amount"] == "48000.00"
    assert [e["to"] for e in closed["events"]] == [
        "draft",
        "awaiting_prepayment",
        "prepaid",
        "in_production",
        "ready",
        "shipped",
        "closed",
    ]
    assert closed["events"][2]["note"] == "→ prepaid"
    listed = cli.ok("order", "list", "--status", "closed", "--json").json()
    assert [o["id"] for o in listed] == [order["id"]]


def test_a_move_off_the_workflow_exits_3_naming_the_allowed_ones(cli: Cli, client_id: str) -> None:
    order = add(cli, client_id, "--spec", "Шкаф", "--total", "10000")
    result = cli("order", "move", order["id"], "shipped", "--json")
    assert result.code == 3 and result.out == ""
    assert result.err.count("\n") == 1
    assert 'from "draft" you may move it to: "awaiting prepayment", "cancelled"' in result.err
    ru = cli("order", "move", order["id"], "ready", lang="ru")
    assert ru.code == 3 and "«ждёт предоплаты», «отменён»" in ru.err
    cli.ok("order", "move", order["id"], "cancelled", "--note", "клиент передумал")
    after = cli("order", "move", order["id"], "awaiting_prepayment")
    assert after.code == 3 and "moves no further" in after.err


def test_bad_input_exits_2_with_one_line(cli: Cli, client_id: str, tmp_path: Path) -> None:
    huge = tmp_path / "скан.tif"
    with huge.open("wb") as f:
        f.truncate(MAX_ATTACHMENT_BYTES + 1)
    cases = [
        ("order", "add", "--client", client_id),  # neither lines nor a specification
        ("order", "add", "--client", client_id, "--line", "Стол;1;шт"),
        ("order", "add", "--client", client_id, "--product", "NOPE:1"),
        ("order", "add", "--client", client_id, "--spec", "Стол", "--attach", str(huge)),
        ("order", "add", "--client", client_id, "--spec", "Стол", "--attach", "нет.pdf"),
        ("order", "add", "--client", "not-an-id", "--spec", "Стол"),
        ("order", "move", "З-1999-0001", "ready"),
        ("order", "list", "--status", "lost"),
    ]
    for args in cases:
        result = cli(*args, "--json")
        assert result.code == 2, (args, result.err)
        assert result.out == "" and len(result.err.strip().splitlines()) == 1
    assert "at most 20 MB" in cli(*cases[3]).err
    assert cli.ok("order", "list", "--json").json() == []


def test_roles_decide_who_moves_an_order(cli: Cli, client_id: str) -> None:
    if cli.db and cli.db.startswith("postgresql"):
        return  # the login is the URL's there (database roles: the office-server issue)
    for login, role in (("anna", "manager"), ("olga", "accountant"), ("pavel", "production")):
        cli.ok("user", "add", login, "--role", role)
    refused = cli("order", "add", "--client", client_id, "--spec", "Стол", user="olga")
    assert refused.code == 3
    order = add(cli, client_id, "--spec", "Стол", "--total", "9000", user="anna")
    cli.ok("order", "move", order["id"], "awaiting_prepayment", user="anna")
    wrong = cli("order", "move", order["id"], "prepaid", user="anna")
    assert wrong.code == 3
    assert 'from "awaiting prepayment" to "prepaid": administrator, accountant' in wrong.err
    cli.ok("order", "move", order["id"], "prepaid", user="olga")
    moved = cli.ok("order", "move", order["id"], "in_production", "--json", user="pavel").json()
    assert [e["by"] for e in moved["events"]] == ["anna", "anna", "olga", "pavel"]
    queue = cli.ok("order", "list", "--queue", "production", "--json", user="pavel").json()
    assert [o["status"] for o in queue] == ["in_production"]
