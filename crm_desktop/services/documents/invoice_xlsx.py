"""The invoice as an Excel workbook: the same content as the PDF, with typed cells (numbers
as numbers with their formats, dates as dates) so the buyer's accountant can work with it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from crm_desktop.services.documents.invoice_data import InvoiceDocument

MONEY = "#,##0.00"
QUANTITY = "#,##0.###"
DATE = "DD.MM.YYYY"
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")
BOLD = Font(bold=True)


def _columns(doc: InvoiceDocument) -> list[tuple[str, float]]:
    columns: list[tuple[str, float]] = [("№", 5), ("Товары (работы, услуги)", 48)]
    columns += [("Кол-во", 10), ("Ед.", 7)]
    columns.append(("Цена", 13))
    if doc.shows_vat:
        columns += [("Ставка НДС", 10), ("Сумма НДС", 13)]
    columns.append(("Сумма", 14))
    return columns


def _rate_format(rate: Decimal) -> str:
    return "0%" if rate == rate.to_integral_value() else "0.0#%"


def _header_block(sheet: Worksheet, doc: InvoiceDocument, width: int) -> int:
    """The title and both sides' requisites; returns the next free row."""
    sheet.cell(1, 1, doc.title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    bank = doc.bank
    pairs = [
        ("Поставщик:", doc.supplier.line()),
        ("Покупатель:", doc.payer.line()),
        ("Банк получателя:", bank.bank_name),
        ("БИК:", bank.bic),
        ("Корр. счёт:", bank.corr_account),
        ("Расчётный счёт:", bank.account),
    ]
    row = 3
    for label, value in pairs:
        sheet.cell(row, 1, label).font = BOLD
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        cell = sheet.cell(row, 3, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=width)
        row += 1
    return row + 1


def _line_values(doc: InvoiceDocument, index: int) -> list[tuple[Any, str | None]]:
    line = doc.lines[index]
    values: list[tuple[Any, str | None]] = [
        (index + 1, None),
        (line.name, None),
        (line.quantity, QUANTITY),
        (line.unit, None),
        (line.price, MONEY),
    ]
    if doc.shows_vat:
        if line.vat_rate is None:
            values += [("без НДС", None), (None, None)]
        else:
            values += [(line.vat_rate / 100, _rate_format(line.vat_rate)), (line.vat_amount, MONEY)]
    values.append((line.amount, MONEY))
    return values


def _lines(sheet: Worksheet, doc: InvoiceDocument, first_row: int) -> int:
    columns = _columns(doc)
    for col, (title, width) in enumerate(columns, start=1):
        cell = sheet.cell(first_row, col, title)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.border = GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = width
    row = first_row
    for index in range(len(doc.lines)):
        row += 1
        for col, (value, number_format) in enumerate(_line_values(doc, index), start=1):
            cell = sheet.cell(row, col, value)
            cell.border = GRID
            if number_format:
                cell.number_format = number_format
            if col == 2:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(first_row + 1, 1)
    sheet.print_title_rows = f"{first_row}:{first_row}"
    return row + 1


def _totals(sheet: Worksheet, doc: InvoiceDocument, row: int, width: int) -> int:
    for line in doc.totals:
        label = sheet.cell(row, width - 1, line.label)
        label.font = BOLD
        label.alignment = Alignment(horizontal="right")
        value = sheet.cell(row, width, line.amount if line.amount is not None else "—")
        value.font = BOLD
        value.alignment = Alignment(horizontal="right")
        if line.amount is not None:
            value.number_format = MONEY
        row += 1
    row += 1
    sheet.cell(row, 1, doc.count_line)
    sheet.cell(row + 1, 1, doc.amount_in_words).font = BOLD
    row += 2
    if doc.due_date is not None:
        sheet.cell(row, 1, "Оплатить не позднее:")
        due = sheet.cell(row, 3, doc.due_date)
        due.number_format = DATE
        due.alignment = Alignment(horizontal="left")
        row += 1
    return row + 1


def _signatures(sheet: Worksheet, doc: InvoiceDocument, row: int) -> None:
    people = (("Руководитель", doc.signatories.director), ("Бухгалтер", doc.signatories.accountant))
    for role, name in people:
        sheet.cell(row, 1, role).font = BOLD
        sheet.cell(row, 3, "____________________")
        sheet.cell(row, 5, name)
        row += 2


def render_invoice_xlsx(doc: InvoiceDocument, out: BinaryIO | Path) -> None:
    """Write the invoice as an .xlsx workbook to a file or a binary stream."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Счёт"
    width = len(_columns(doc))
    row = _header_block(sheet, doc, width)
    row = _lines(sheet, doc, row)
    row = _totals(sheet, doc, row, width)
    _signatures(sheet, doc, row)
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.properties.title = doc.title
    book.properties.creator = "crm-desktop"
    book.save(out)
