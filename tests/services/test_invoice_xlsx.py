"""The Excel copy of an invoice, read back with openpyxl, on SQLite and PostgreSQL: the
requisites, the lines as typed cells with number formats, the totals, the words."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from crm_desktop.services.documents.invoice_data import load_invoice_document
from crm_desktop.services.documents.invoice_xlsx import MONEY, QUANTITY, render_invoice_xlsx
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    create_invoice,
    issue_invoice,
)
from crm_desktop.store.database import Database
from tests.services.invoice_setup import set_up

LINES = [
    InvoiceLineInput(name="Кресло офисное", quantity="2", price="12500"),
    InvoiceLineInput(name="Монтаж", quantity="0,333", unit="ч", price="3000", vat_rate="10"),
    InvoiceLineInput(name="Доставка", quantity="1", unit="усл", price="1500", vat_rate="none"),
]


def workbook(db: Database, *, issue: bool = True) -> Worksheet:
    client_id = set_up(db)
    with db.unit_of_work() as session:
        view = create_invoice(session, InvoiceChanges(client_id=client_id, lines=LINES))
        if issue:
            view = issue_invoice(session, view.id)
        doc = load_invoice_document(session, view.id)
    buffer = io.BytesIO()
    render_invoice_xlsx(doc, buffer)
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert isinstance(sheet, Worksheet)
    return sheet


def find_row(sheet: Worksheet, first: Any) -> int:
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == first:
            return row[0].row
    raise AssertionError(f"no row starting with {first!r}")


def row_values(sheet: Worksheet, row: int) -> list[Any]:
    return [cell.value for cell in sheet[row]]


def test_the_invoice_as_a_workbook(db: Database) -> None:
    sheet = workbook(db)
    assert sheet.title == "Счёт"
    title = sheet.cell(1, 1).value
    assert isinstance(title, str) and title.startswith("Счёт на оплату № ")
    texts = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    for requisite in ("ИНН 7707083893", "ПАО Сбербанк", "044525225", "30101810400000000225"):
        assert requisite in texts
    assert "40702810938000000001" in texts and "ИНН 7728168971" in texts

    header = find_row(sheet, "№")
    assert row_values(sheet, header) == [
        "№",
        "Товары (работы, услуги)",
        "Кол-во",
        "Ед.",
        "Цена",
        "Ставка НДС",
        "Сумма НДС",
        "Сумма",
    ]
    first = row_values(sheet, header + 1)
    assert first[:4] == [1, "Кресло офисное", 2, "шт"]
    assert D(str(first[4])) == D("12500") and D(str(first[7])) == D("25000")
    assert D(str(first[5])) == D("0.22") and D(str(first[6])) == D("4508.20")
    second = row_values(sheet, header + 2)
    assert D(str(second[2])) == D("0.333") and second[3] == "ч"
    assert D(str(second[7])) == D("999.00") and D(str(second[6])) == D("90.82")
    third = row_values(sheet, header + 3)
    assert third[5] == "без НДС" and third[6] is None
    # typed cells with their formats
    assert sheet.cell(header + 1, 5).number_format == MONEY
    assert sheet.cell(header + 2, 3).number_format == QUANTITY
    assert sheet.cell(header + 1, 6).number_format == "0%"
    assert isinstance(sheet.cell(header + 1, 8).value, int | float)

    totals = {row[6]: row[7] for row in sheet.iter_rows(values_only=True) if row[6]}
    assert D(str(totals["Итого:"])) == D("27499.00")
    assert D(str(totals["В том числе НДС (10%, 22%):"])) == D("4599.02")
    assert D(str(totals["Всего к оплате:"])) == D("27499.00")
    assert "Двадцать семь тысяч четыреста девяносто девять рублей 00 копеек" in texts
    due_row = find_row(sheet, "Оплатить не позднее:")
    due = sheet.cell(due_row, 3).value
    assert isinstance(due, dt.datetime) and due.date() > dt.date(2000, 1, 1)
    assert sheet.freeze_panes == f"A{header + 1}"


def test_a_draft_workbook_has_no_number(db: Database) -> None:
    sheet = workbook(db, issue=False)
    assert str(sheet.cell(1, 1).value).startswith("Счёт на оплату (черновик) от ")
