"""A report's two files, read back: the workbook with openpyxl (typed cells and their
formats, the header frozen and filtered, the totals, the chart sheet) and the PDF with
pypdf (title, period, Russian numbers, Cyrillic intact, fonts embedded, the header on
every page, at most 5,000 rows). Report tables built by hand: no database."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pypdf
import pytest
from openpyxl.chart import BarChart
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.graphics.charts.barcharts import HorizontalBarChart

from crm_desktop.errors import BadInput
from crm_desktop.i18n import set_language
from crm_desktop.services.reports.report_pdf import (
    FRAME_WIDTH,
    MAX_ROWS,
    chart_drawing,
    column_layout,
    printed,
    render_report_pdf,
)
from crm_desktop.services.reports.report_xlsx import render_report_xlsx, sheet_name
from crm_desktop.services.reports.table import Column, Kind, ReportParams, ReportTable
from tests.services.pdf_reading import fonts_of

NOVEMBER = ReportParams(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
PERIOD = "01.11.2026 – 30.11.2026"
HEADER_ROW = 3
LONG_NAME = "АО «Северо-Западная торгово-промышленная компания „Вектор-Плюс“» (головной офис)"


def columns(russian: bool) -> list[Column]:
    labels = (
        ["Клиент", "Менеджер", "Последняя покупка", "Счета", "Выручка", "Доля, %", "Месяцев"]
        if russian
        else ["Client", "Manager", "Last purchase", "Invoices", "Revenue", "Share, %", "Months"]
    )
    kinds = [Kind.TEXT, Kind.TEXT, Kind.DATE, Kind.INT, Kind.MONEY, Kind.PERCENT, Kind.NUMBER]
    keys = ["client", "manager", "last_purchase", "invoices", "revenue", "share", "months"]
    return [Column(k, label, kind) for k, label, kind in zip(keys, labels, kinds, strict=True)]


ROWS = [
    ("ООО «Ромашка»", "ivanov", dt.date(2026, 11, 15), 12, D("1234567.89"), D("66.7"), D("2.5")),
    ("Фёдоров Пётр Алексеевич", "petrova", dt.date(2026, 11, 3), 3, D("400000"), D("21.6"), None),
    (LONG_NAME, None, None, 1, D("150000.5"), D("8.1"), D("12")),
    ("=СУММ(A1:A2)", "ivanov", dt.date(2026, 11, 30), 0, D("0"), None, D("0.5")),
    ("Смирнова Анна", "sidorov", dt.date(2026, 11, 1), 2, D("66000.01"), D("3.6"), D("1")),
]


def report(
    *,
    russian: bool = True,
    rows: list[tuple[object, ...]] | None = None,
    chart: bool = True,
    owner: str | None = "ivanov",
) -> ReportTable:
    params = ReportParams(NOVEMBER.date_from, NOVEMBER.date_to, owner=owner)
    title = "ABC-анализ [клиенты]: выручка/доля" if russian else "ABC analysis"
    table = ReportTable(
        "abc",
        title,
        params,
        columns(russian),
        list(ROWS if rows is None else rows),
        chart=("client", "revenue") if chart else None,
    )
    table.totals = {
        "revenue": D("1850568.40"),
        "clients": 5,
        "churn_rate": D("12.3"),
        "last": dt.date(2026, 11, 30),
        "unlabelled": "A",
    }
    table.total_labels = {
        "revenue": "Выручка" if russian else "Revenue",
        "clients": "Клиенты" if russian else "Clients",
        "churn_rate": "Отток, %" if russian else "Churn, %",
        "last": "Последняя покупка" if russian else "Last purchase",
    }
    table.total_kinds = {"churn_rate": Kind.PERCENT}
    return table


def many_rows(count: int) -> list[tuple[object, ...]]:
    return [
        (
            f"Клиент № {i}" if i % 3 else f"{LONG_NAME} № {i}",
            "ivanov" if i % 2 else "petrova",
            dt.date(2026, 11, 1) + dt.timedelta(days=i % 30),
            i % 17,
            D("1000000") - i,
            D("0.1"),
            None if i % 4 == 0 else D("1.5"),
        )
        for i in range(count)
    ]


# --- the workbook -----------------------------------------------------------------------------


def workbook(table: ReportTable) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    render_report_xlsx(table, buffer)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))


def data_sheet(book: openpyxl.Workbook) -> Worksheet:
    sheet = book.worksheets[0]
    assert isinstance(sheet, Worksheet)
    return sheet


def test_the_workbook_holds_typed_cells_under_a_frozen_filtered_header() -> None:
    set_language("ru")
    book = workbook(report())
    sheet = data_sheet(book)
    assert sheet.title == "ABC-анализ клиенты выручка доля"  # no []:/ in a sheet's name
    title = sheet.cell(1, 1)
    assert title.value == f"ABC-анализ [клиенты]: выручка/доля, {PERIOD}"
    assert title.font.bold
    assert sheet.cell(2, 1).value == "Менеджер: ivanov"

    header = [cell.value for cell in sheet[HEADER_ROW]]
    assert header == [c.label for c in columns(True)]
    assert all(cell.font.bold for cell in sheet[HEADER_ROW])
    assert sheet.cell(HEADER_ROW, 1).fill.fgColor.rgb.endswith("DDE4EE")
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == f"A3:G{HEADER_ROW + len(ROWS)}"

    first = sheet[HEADER_ROW + 1]
    assert first[0].value == "ООО «Ромашка»" and first[0].data_type == "s"
    assert first[2].value == dt.datetime(2026, 11, 15)
    assert first[2].is_date and first[2].number_format == "DD.MM.YYYY"
    assert first[3].value == 12 and isinstance(first[3].value, int)
    assert first[4].value == pytest.approx(1234567.89) and first[4].data_type == "n"
    assert first[4].number_format == "#,##0.00"
    assert first[5].value == pytest.approx(66.7) and first[5].number_format == "0.0"
    assert first[6].value == pytest.approx(2.5) and first[6].number_format == "0.0"

    second = sheet[HEADER_ROW + 2]
    assert second[0].value == "Фёдоров Пётр Алексеевич"
    assert second[6].value is None  # None stays an empty cell
    third = sheet[HEADER_ROW + 3]
    assert third[0].value == LONG_NAME
    assert third[1].value is None and third[2].value is None
    assert third[4].value == pytest.approx(150000.5)
    fourth = sheet[HEADER_ROW + 4]
    assert fourth[0].value == "=СУММ(A1:A2)" and fourth[0].data_type == "s"  # not a formula
    assert fourth[4].value == 0 and fourth[4].number_format == "#,##0.00"
    assert fourth[5].value is None

    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFG"]
    assert widths[0] == 50  # the long name, capped
    assert 12 <= widths[4] < 20  # "1,234,567.89"
    assert all(width >= 8 for width in widths)


def test_the_totals_stand_under_the_table_after_a_blank_row() -> None:
    set_language("ru")
    sheet = data_sheet(workbook(report()))
    last_data = HEADER_ROW + len(ROWS)
    assert all(cell.value is None for cell in sheet[last_data + 1])
    totals = {
        sheet.cell(row, 1).value: sheet.cell(row, 2)
        for row in range(last_data + 2, sheet.max_row + 1)
    }
    assert list(totals) == ["Выручка", "Клиенты", "Отток, %", "Последняя покупка", "unlabelled"]
    assert totals["Выручка"].value == pytest.approx(1850568.40)
    assert totals["Выручка"].number_format == "#,##0.00"
    assert totals["Клиенты"].value == 5 and totals["Клиенты"].data_type == "n"
    assert totals["Отток, %"].value == pytest.approx(12.3)
    assert totals["Отток, %"].number_format == "0.0"
    assert totals["Последняя покупка"].value == dt.datetime(2026, 11, 30)
    assert totals["Последняя покупка"].number_format == "DD.MM.YYYY"
    assert totals["unlabelled"].value == "A"
    assert sheet.cell(last_data + 2, 1).font.bold


def test_the_chart_sheet_draws_the_chart_columns() -> None:
    set_language("ru")
    book = workbook(report())
    assert book.sheetnames == ["ABC-анализ клиенты выручка доля", "Диаграмма"]
    charts = book["Диаграмма"]._charts
    assert len(charts) == 1
    chart = charts[0]
    assert isinstance(chart, BarChart)
    series = chart.series[0]
    quoted = "'ABC-анализ клиенты выручка доля'"
    assert series.val.numRef.f == f"{quoted}!$E$4:$E$8"  # revenue, the five rows
    assert series.cat.numRef.f == f"{quoted}!$A$4:$A$8"  # the clients' names
    assert chart.title.tx.rich.p[0].r[0].t == "ABC-анализ [клиенты]: выручка/доля"


def test_no_chart_sheet_without_a_chart_or_rows() -> None:
    set_language("ru")
    assert workbook(report(chart=False)).sheetnames == ["ABC-анализ клиенты выручка доля"]
    empty = workbook(report(rows=[]))
    assert len(empty.sheetnames) == 1
    sheet = data_sheet(empty)
    assert sheet.cell(HEADER_ROW, 1).value == "Клиент"
    assert sheet.auto_filter.ref == "A3:G3"
    assert sheet.cell(HEADER_ROW + 2, 1).value == "Выручка"  # the totals, after a blank row


def test_an_english_workbook() -> None:
    book = workbook(report(russian=False, owner="petrova"))
    assert book.sheetnames == ["ABC analysis", "Chart"]
    sheet = data_sheet(book)
    assert sheet.cell(1, 1).value == f"ABC analysis, {PERIOD}"
    assert sheet.cell(2, 1).value == "Manager: petrova"
    assert sheet.cell(HEADER_ROW, 5).value == "Revenue"
    assert sheet.cell(HEADER_ROW + 1, 1).value == "ООО «Ромашка»"


def test_without_a_manager_the_second_line_is_empty() -> None:
    sheet = data_sheet(workbook(report(owner=None)))
    assert sheet.cell(2, 1).value is None
    assert sheet.cell(HEADER_ROW, 1).value == "Клиент"


def test_sheet_names_obey_excel() -> None:
    assert (
        sheet_name("Выручка [по месяцам]: 2026/11 * план? \\ факт")
        == "Выручка по месяцам 2026 11 план"
    )
    assert len(sheet_name("Очень длинное название отчёта о выручке по менеджерам")) == 31
    set_language("ru")
    assert sheet_name("[]:*?/\\") == "Отчёт"


def test_a_workbook_of_six_thousand_rows_holds_them_all() -> None:
    table = report(rows=many_rows(6000))
    buffer = io.BytesIO()
    render_report_xlsx(table, buffer)
    size = len(buffer.getvalue())
    assert size < 400_000  # about 50 bytes a row
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)
    sheet = book.worksheets[0]
    rows = list(
        sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 6000, values_only=True)
    )
    assert len(rows) == 6000
    assert rows[-1][0] == "Клиент № 5999" and rows[-1][4] == 994001
    book.close()
    chart = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["Chart"]._charts[0]
    assert chart.series[0].val.numRef.f.endswith("!$E$4:$E$53")  # the first 50 rows


def test_the_workbook_goes_to_a_path_whole(tmp_path: Path) -> None:
    target = tmp_path / "ABC.xlsx"
    target.write_bytes(b"the previous file")
    render_report_xlsx(report(), target)
    assert data_sheet(openpyxl.load_workbook(target)).cell(HEADER_ROW, 1).value == "Клиент"
    assert [p.name for p in tmp_path.iterdir()] == ["ABC.xlsx"]  # no temporary left
    with pytest.raises(BadInput, match="there is no such folder"):
        render_report_xlsx(report(), tmp_path / "missing" / "ABC.xlsx")


# --- the PDF ----------------------------------------------------------------------------------


def pdf(table: ReportTable) -> pypdf.PdfReader:
    buffer = io.BytesIO()
    render_report_pdf(table, buffer)
    assert buffer.getvalue().startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(buffer.getvalue()))


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    """Each page's text on one line (wrapped cells joined). The digits' groups are
    printed with no-break spaces; pypdf gives them back as plain spaces."""
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_pdf_prints_the_report_the_russian_way() -> None:
    set_language("ru")
    reader = pdf(report())
    assert len(reader.pages) == 1
    text = page_texts(reader)[0]
    for expected in (
        "ABC-анализ [клиенты]: выручка/доля",
        f"Период: {PERIOD}",
        "Менеджер: ivanov",
        "Клиент Менеджер Последняя покупка Счета Выручка Доля, % Месяцев",
        "ООО «Ромашка» ivanov 15.11.2026 12 1 234 567,89 66,7 2,5",
        "Фёдоров Пётр Алексеевич petrova 03.11.2026 3 400 000,00 21,6 —",
        "— — 1 150 000,50 8,1 12,0",  # no manager, no date; the long name wraps beside
        "=СУММ(A1:A2) ivanov 30.11.2026 0 0,00 — 0,5",
        "Итоги",
        "Выручка 1 850 568,40",
        "Клиенты 5",
        "Отток, % 12,3",
        "Последняя покупка 30.11.2026",
        "Страница 1",
        "Сформировано",
    ):
        assert expected in text, expected
    assert "Северо-Западная торгово-промышленная компания" in text
    assert set(fonts_of(reader).values()) == {True}  # DejaVu, embedded
    assert all(
        name.endswith(("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"))
        for name in fonts_of(reader)
    )


def test_money_is_printed_with_no_break_spaces() -> None:
    assert printed(D("1234567.89"), Kind.MONEY) == "1\u00a0234\u00a0567,89"
    assert printed(D("-1500"), Kind.MONEY) == "-1\u00a0500,00"
    assert printed(D("66.66"), Kind.PERCENT) == "66,7"
    assert printed(D("1234.56"), Kind.NUMBER) == "1\u00a0234,6"
    assert printed(12345, Kind.INT) == "12\u00a0345"
    assert printed(dt.date(2026, 3, 8), Kind.DATE) == "08.03.2026"
    assert printed(None, Kind.MONEY) == "—"
    assert printed("ООО «Ромашка»", Kind.TEXT) == "ООО «Ромашка»"


def test_an_english_pdf_keeps_russian_numbers() -> None:
    reader = pdf(report(russian=False, owner=None))
    text = page_texts(reader)[0]
    assert "ABC analysis" in text and f"Period: {PERIOD}" in text
    assert "Manager:" not in text
    assert "Revenue 1 850 568,40" in text and "Totals" in text and "Page 1" in text
    assert "Generated" in text
    assert "ООО «Ромашка» ivanov 15.11.2026 12 1 234 567,89 66,7 2,5" in text


def test_the_chart_holds_the_first_fifty_rows_with_short_labels() -> None:
    table = report(rows=many_rows(80))
    drawing = chart_drawing(table)
    assert drawing is not None
    charts = [item for item in drawing.contents if isinstance(item, HorizontalBarChart)]
    assert len(charts) == 1
    chart = charts[0]
    assert len(chart.data[0]) == 50
    assert chart.data[0][0] == 1000000.0
    names = chart.categoryAxis.categoryNames
    assert names[1] == "Клиент № 1"
    assert len(names[0]) == 30 and names[0].endswith("…")  # the long name, cut
    assert drawing.height < 500  # it fits on the first page with the title
    assert chart_drawing(report(chart=False)) is None
    assert chart_drawing(report(rows=[])) is None


def test_an_empty_report_says_so() -> None:
    set_language("ru")
    text = page_texts(pdf(report(rows=[])))[0]
    assert "Клиент Менеджер" in text
    assert "(за этот период ничего нет)" in text
    assert "Итоги" in text


def test_wide_tables_fit_the_page() -> None:
    wide = [Column("client", "Клиент")] + [
        Column(f"m{i}", f"Выручка за месяц {i}", Kind.MONEY) for i in range(1, 13)
    ]
    rows = [(LONG_NAME, *([D("12345678.90")] * 12))]
    texts = [[printed(v, c.kind) for v, c in zip(row, wide, strict=True)] for row in rows]
    size, widths = column_layout(texts, wide)
    assert sum(widths) == pytest.approx(FRAME_WIDTH)
    assert size < 8.5  # thirteen columns take a smaller font
    table = report()
    table.columns, table.rows, table.chart = wide, rows, None
    table.totals = {}
    text = page_texts(pdf(table))[0]
    assert "12 345 678,90" in text and "Северо-Западная" in text


@pytest.fixture(scope="module")
def long_pdf() -> list[str]:
    """6,000 rows in Russian: the first 5,000 printed, over some 190 pages."""
    set_language("ru")
    try:
        return page_texts(pdf(report(rows=many_rows(6000))))
    finally:
        set_language("en")


def test_a_long_report_repeats_its_header_and_stops_at_five_thousand_rows(
    long_pdf: list[str],
) -> None:
    assert MAX_ROWS == 5000
    assert len(long_pdf) > 100
    header = "Клиент Менеджер Последняя покупка Счета Выручка Доля, % Месяцев"
    # the title and the chart of 50 bars fill the first page; the table starts on the next
    assert header not in long_pdf[0] and "Выручка (первые 50 строк)" in long_pdf[0]
    assert all(header in page for page in long_pdf[1:])
    everything = " ".join(long_pdf)
    assert "Клиент № 4999 ivanov" in everything
    assert "Клиент № 5000" not in everything
    assert "Не напечатано строк: 1 000 — в PDF только первые 5 000." in long_pdf[-1]
    assert "Итоги" in long_pdf[-1]
    assert f"Страница {len(long_pdf)}" in long_pdf[-1]


def test_the_pdf_goes_to_a_path_whole(tmp_path: Path) -> None:
    target = tmp_path / "ABC.pdf"
    render_report_pdf(report(), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["ABC.pdf"]
    with pytest.raises(BadInput, match="there is no such folder"):
        render_report_pdf(report(), tmp_path / "missing" / "ABC.pdf")
