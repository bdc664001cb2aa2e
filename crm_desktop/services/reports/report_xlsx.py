"""A report as an Excel workbook: the title with the period, the table with typed cells
(money, percents and day counts as numbers with their formats, dates as dates), a frozen
header with a filter, the totals under it, and, for a report that has one, a bar chart
on a second sheet.

Written through openpyxl's write-only worksheet (a row goes out as soon as it is
appended), so a report of 100,000 rows takes the memory of a few rows; the column widths
are worked out from the values beforehand."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from crm_desktop.i18n import _
from crm_desktop.services.documents.output import write_document
from crm_desktop.services.reports.table import Column, Kind, ReportTable, kind_of

MONEY = "#,##0.00"
TENTHS = "0.0"  # percents (66.7 means 66.7 %) and day counts
DATE = "DD.MM.YYYY"
FORMATS: dict[Kind, str] = {
    Kind.MONEY: MONEY,
    Kind.PERCENT: TENTHS,
    Kind.NUMBER: TENTHS,
    Kind.DATE: DATE,
}
HEADER_ROW = 3  # the title above it, then the manager (or nothing)
CHART_ROWS = 50  # bars of the chart at most
MAX_WIDTH = 50  # characters of a column at most
SHEET_NAME_LENGTH = 31  # Excel's limit
_NOT_IN_SHEET_NAMES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))

BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=13)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))
HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)


def period_text(table: ReportTable) -> str:
    """ "01.11.2026 – 30.11.2026" """
    params = table.params
    return f"{params.date_from:%d.%m.%Y} – {params.date_to:%d.%m.%Y}"


def sheet_name(title: str) -> str:
    """The report's title as a worksheet's name: without the characters Excel refuses,
    31 characters at most."""
    name = " ".join(title.translate(_NOT_IN_SHEET_NAMES).split()).strip("'")
    return name[:SHEET_NAME_LENGTH].rstrip() or _("Report")


def cell_value(value: Any, kind: Kind) -> Any:
    """A value as the workbook stores it: numbers as numbers (Decimal kept exact), dates
    as dates, anything else as text; None an empty cell."""
    if value is None:
        return None
    if kind is Kind.INT:
        return int(value)
    if kind in (Kind.MONEY, Kind.PERCENT, Kind.NUMBER):
        return value if isinstance(value, Decimal | int | float) else Decimal(str(value))
    if kind is Kind.DATE:
        return value.date() if isinstance(value, dt.datetime) else value
    return _clean(str(value))


def _clean(text: str) -> str:
    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def _shown_length(value: Any, kind: Kind) -> int:
    """About how many characters Excel shows for the value (for the column's width)."""
    if value is None:
        return 0
    if kind is Kind.DATE:
        return 10
    if kind is Kind.MONEY:
        return len(f"{Decimal(value):,.2f}")
    if kind in (Kind.PERCENT, Kind.NUMBER):
        return len(f"{Decimal(value):.1f}")
    if kind is Kind.INT:
        return len(str(int(value)))
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(table: ReportTable) -> list[float]:
    """Each column's width in characters: its longest value or its header, and the
    totals' labels and values in the first two columns; MAX_WIDTH at most."""
    columns = table.columns
    longest = [max((len(word) for word in c.label.split()), default=0) + 2 for c in columns]
    for index, column in enumerate(columns):
        longest[index] = max(longest[index], min(len(column.label), 18) + 3)
    for row in table.rows:
        for index, (value, column) in enumerate(zip(row, columns, strict=True)):
            length = _shown_length(value, column.kind)
            if length > longest[index]:
                longest[index] = length
    for key, value in table.totals.items():
        longest[0] = max(longest[0], len(table.total_labels.get(key, key)))
        if len(columns) > 1:
            kind = table.total_kinds.get(key) or kind_of(value)
            longest[1] = max(longest[1], _shown_length(value, kind))
    return [min(MAX_WIDTH, length + 2) for length in longest]


class _Cells:
    """Styled cells of a write-only sheet, one per typed column, refilled for each row
    (a row is written out as soon as it is appended, so one cell object serves all)."""

    def __init__(self, sheet: WriteOnlyWorksheet, columns: Sequence[Column]) -> None:
        self.sheet = sheet
        self.kinds = [c.kind for c in columns]
        self.formatted: dict[int, WriteOnlyCell] = {}
        for index, kind in enumerate(self.kinds):
            if kind in FORMATS:
                cell = WriteOnlyCell(sheet)
                cell.number_format = FORMATS[kind]
                self.formatted[index] = cell

    def row(self, values: Sequence[Any]) -> list[Any]:
        out: list[Any] = []
        for index, (value, kind) in enumerate(zip(values, self.kinds, strict=True)):
            stored = cell_value(value, kind)
            if stored is None:
                out.append(None)
            elif index in self.formatted:
                cell = self.formatted[index]
                cell.value = stored
                out.append(cell)
            elif isinstance(stored, str) and stored.startswith("="):
                out.append(text_cell(self.sheet, stored))
            else:
                out.append(stored)
        return out


def text_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    """Text kept as typed: a leading "=" is not made a formula."""
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def _styled(sheet: WriteOnlyWorksheet, value: Any, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _total_cell(sheet: WriteOnlyWorksheet, value: Any, kind: Kind) -> Any:
    stored = cell_value(value, kind)
    if stored is None:
        return None
    if kind in FORMATS:
        return _styled(sheet, stored, number_format=FORMATS[kind], font=BOLD)
    cell = _styled(sheet, stored, font=BOLD)
    if isinstance(stored, str):
        cell.data_type = "s"  # a leading "=" is not a formula
    return cell


def _data_sheet(book: Workbook, table: ReportTable) -> WriteOnlyWorksheet:
    sheet: WriteOnlyWorksheet = book.create_sheet(sheet_name(table.title))
    width = len(table.columns)
    last = get_column_letter(width)
    # Everything about the sheet first: openpyxl writes it when the first row comes.
    for index, chars in enumerate(column_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = chars
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    title = f"{_clean(table.title)}, {period_text(table)}"
    sheet.append([_styled(sheet, title, font=TITLE_FONT)])
    owner = table.params.owner
    sheet.append([_styled(sheet, _("Manager: {name}", name=_clean(owner)))] if owner else [])
    sheet.append(
        [
            _styled(
                sheet,
                _clean(column.label),
                font=BOLD,
                fill=HEADER_FILL,
                border=HEADER_BORDER,
                alignment=HEADER_ALIGNMENT,
            )
            for column in table.columns
        ]
    )
    cells = _Cells(sheet, table.columns)
    for row in table.rows:
        sheet.append(cells.row(row))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(table.rows)}"

    if table.totals:
        sheet.append([])
        for key, value in table.totals.items():
            kind = table.total_kinds.get(key) or kind_of(value)
            label = _styled(sheet, _clean(table.total_labels.get(key, key)), font=BOLD)
            sheet.append([label, _total_cell(sheet, value, kind)])
    return sheet


def _chart_sheet(book: Workbook, data: WriteOnlyWorksheet, table: ReportTable) -> None:
    """The first CHART_ROWS rows of the chart's columns as horizontal bars, in the
    table's order from the top."""
    assert table.chart is not None
    label_key, value_key = table.chart
    label_col = table.column(label_key) + 1
    value_col = table.column(value_key) + 1
    count = min(len(table.rows), CHART_ROWS)
    last = HEADER_ROW + count

    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = table.title
    chart.legend = None
    values = Reference(data, min_col=value_col, min_row=HEADER_ROW, max_row=last)
    labels = Reference(data, min_col=label_col, min_row=HEADER_ROW + 1, max_row=last)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(labels)
    chart.x_axis.scaling.orientation = "maxMin"  # the first row at the top
    chart.x_axis.delete = False  # openpyxl 3.1 hides the axes unless told
    chart.y_axis.delete = False
    chart.y_axis.title = table.columns[value_col - 1].label
    chart.y_axis.majorGridlines = None
    chart.y_axis.number_format = FORMATS.get(table.columns[value_col - 1].kind, "General")
    chart.gapWidth = 60
    chart.width = 26  # cm
    chart.height = max(8.0, min(0.55 * count + 3, 30.0))

    sheet: WriteOnlyWorksheet = book.create_sheet(_("Chart"))
    sheet.add_chart(chart, "A1")


def report_workbook(table: ReportTable) -> bytes:
    """The workbook's bytes."""
    book = Workbook(write_only=True)
    data = _data_sheet(book, table)
    if table.chart is not None and table.rows:
        _chart_sheet(book, data, table)
    book.properties.title = table.title
    book.properties.creator = "crm-desktop"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render_report_xlsx(table: ReportTable, out: BinaryIO | Path) -> None:
    """Write the report as an .xlsx workbook to a file (all or nothing) or a stream."""
    data = report_workbook(table)
    if isinstance(out, Path):
        write_document(out, data)
    else:
        out.write(data)
