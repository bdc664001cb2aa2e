"""A report as a PDF to print or send: A4 landscape, the title with the period (and the
manager), a bar chart when the report has one, the table with its header on every page
and numbers the Russian way ("1 234 567,89", "66,7", "30.11.2026"), the totals, and on
every page a footer with the page number and when it was made.

Columns share the page's width by what they hold: numbers and dates keep the width of
their longest value (they never wrap), text columns take the rest and wrap. A report of
more than MAX_ROWS rows prints the first MAX_ROWS and says how many were left out (the
workbook holds them all)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, LongTable, PageTemplate, Paragraph, Spacer, Table
from reportlab.platypus.doctemplate import BaseDocTemplate
from reportlab.platypus.tables import TableStyle

from crm_desktop.i18n import _
from crm_desktop.services.documents.fonts import register_fonts
from crm_desktop.services.documents.output import write_document
from crm_desktop.services.documents.pdf_parts import GREY, PlainText, escape
from crm_desktop.services.documents.russian import NBSP, money
from crm_desktop.services.reports.table import Column, Kind, ReportTable, kind_of

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 12 * mm
BOTTOM_MARGIN = 14 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN - BOTTOM_MARGIN
MAX_ROWS = 5000  # rows printed at most
CHART_ROWS = 50  # bars of the chart at most
CHART_LABEL = 30  # characters of a bar's label at most
PADDING = 4  # points left and right of a cell's text
FONT_SIZES = (8.5, 7.5, 6.5)  # the table's, the first one its columns fit in
TEXT_MIN = 22 * mm  # a text column's width at least, when the page is short of room

HEADER_FILL = colors.Color(0.87, 0.9, 0.94)
ZEBRA = colors.Color(0.96, 0.965, 0.975)
RULE = colors.Color(0.55, 0.58, 0.62)
BAR = colors.Color(0.23, 0.42, 0.66)
TENTH = Decimal("0.1")
DASH = "—"


# --- values as printed ------------------------------------------------------------------------


def _grouped(integer: int) -> str:
    sign = "-" if integer < 0 else ""
    return sign + f"{abs(integer):,}".replace(",", NBSP)


def tenths(value: Decimal | int | float) -> str:
    """ "66,7", "1 234,5" """
    number = Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, tenth = divmod(int(abs(number) * 10), 10)
    return f"{sign}{_grouped(whole)},{tenth}"


def printed(value: Any, kind: Kind) -> str:
    """A value as the PDF prints it: Russian number formats, dd.mm.yyyy, "—" for none."""
    if value is None:
        return DASH
    if kind is Kind.MONEY:
        return money(Decimal(str(value)) if not isinstance(value, Decimal) else value)
    if kind in (Kind.PERCENT, Kind.NUMBER):
        return tenths(value)
    if kind is Kind.INT:
        return _grouped(int(value))
    if kind is Kind.DATE and isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return str(value)


def period_text(table: ReportTable) -> str:
    """ "01.11.2026 – 30.11.2026" """
    params = table.params
    return f"{params.date_from:%d.%m.%Y} – {params.date_to:%d.%m.%Y}"


def _fonts() -> tuple[str, str]:
    return register_fonts()


def _style(name: str, size: float, *, bold: bool = False, **more: Any) -> ParagraphStyle:
    regular, heavy = _fonts()
    return ParagraphStyle(
        name, fontName=heavy if bold else regular, fontSize=size, leading=size * 1.22, **more
    )


# --- the columns' widths ----------------------------------------------------------------------


def _measure(
    texts: list[list[str]], columns: Sequence[Column], size: float
) -> tuple[list[float], list[float]]:
    """Each column's width at least (its longest number or date, its header's longest
    word) and the width it would like (its longest value and its header on one line)."""
    regular, bold = _fonts()
    least: list[float] = []
    wanted: list[float] = []
    for index, column in enumerate(columns):
        words = column.label.split() or [""]
        header_word = max(stringWidth(word, bold, size) for word in words)
        header = stringWidth(column.label, bold, size)
        widest = max(
            (stringWidth(row[index], regular, size) for row in texts),
            default=0.0,
        )
        if column.kind is Kind.TEXT:
            least.append(max(header_word, min(widest, TEXT_MIN)) + 2 * PADDING)
        else:
            least.append(max(header_word, widest) + 2 * PADDING)
        wanted.append(max(header, widest, least[-1] - 2 * PADDING) + 2 * PADDING)
    return least, wanted


def _share(
    least: list[float], wanted: list[float], wraps: list[bool], room: float
) -> list[float] | None:
    """Widths adding up to `room`, or None when even the least do not fit. When all
    columns get what they want, the room left is shared in proportion; else the columns
    that do not wrap (numbers, dates) get what they want if they can, and the text
    columns share the rest in proportion to what each still wants beyond its least."""
    if sum(least) > room + 0.01:
        return None
    if sum(wanted) <= room:
        scale = room / sum(wanted)
        return [width * scale for width in wanted]
    first = [low if wrap else want for low, want, wrap in zip(least, wanted, wraps, strict=True)]
    if sum(first) > room:
        first = list(least)
    extra = room - sum(first)
    short = [want - low for want, low in zip(wanted, first, strict=True)]
    total_short = sum(short)
    if total_short <= 0:
        return first
    return [low + extra * gap / total_short for low, gap in zip(first, short, strict=True)]


def column_layout(texts: list[list[str]], columns: Sequence[Column]) -> tuple[float, list[float]]:
    """The table's font size and its columns' widths, filling the page's width."""
    wraps = [column.kind is Kind.TEXT for column in columns]
    for size in FONT_SIZES:
        least, wanted = _measure(texts, columns, size)
        widths = _share(least, wanted, wraps, FRAME_WIDTH)
        if widths is not None:
            return size, widths
    # Too many columns even in the smallest size: all narrowed alike.
    scale = FRAME_WIDTH / sum(least)
    return FONT_SIZES[-1], [width * scale for width in least]


# --- the blocks -------------------------------------------------------------------------------


def _heading(table: ReportTable) -> list[Flowable]:
    title = _style("report_title", 15, bold=True, spaceAfter=3)
    line = _style("report_line", 9.5, textColor=GREY)
    parts: list[Flowable] = [
        PlainText(table.title, title),
        Spacer(1, 1.5 * mm),
        PlainText(_("Period: {period}", period=period_text(table)), line),
    ]
    if table.params.owner:
        parts.append(PlainText(_("Manager: {name}", name=table.params.owner), line))
    parts.append(Spacer(1, 4 * mm))
    return parts


def _short(text: str, length: int = CHART_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _axis_number(value: float) -> str:
    return _grouped(round(value)) if abs(value) >= 10 or value == int(value) else tenths(value)


def chart_drawing(table: ReportTable) -> Drawing | None:
    """The first CHART_ROWS rows of the chart's columns as horizontal bars, the first
    row at the top, with their values at the bars' ends."""
    if table.chart is None or not table.rows:
        return None
    regular, bold = _fonts()
    label_at = table.column(table.chart[0])
    value_at = table.column(table.chart[1])
    label_column, value_column = table.columns[label_at], table.columns[value_at]
    rows = table.rows[:CHART_ROWS]
    labels = [_short(printed(row[label_at], label_column.kind)) for row in rows]
    values = [float(row[value_at] or 0) for row in rows]

    count = len(rows)
    slot = min(18.0, 400.0 / count)  # points of height per bar
    size = max(5.5, min(8.0, slot * 0.8))
    label_room = min(
        max(stringWidth(label, regular, size) for label in labels) + 8, FRAME_WIDTH / 3
    )
    caption_height, axis_height = 16.0, 16.0
    plot_height = slot * count
    height = caption_height + plot_height + axis_height
    # Its initial font: else Helvetica is set, and left unembedded in the file.
    drawing = Drawing(FRAME_WIDTH, height, initialFontName=regular)

    caption = value_column.label
    if len(table.rows) > CHART_ROWS:
        caption = f"{caption} ({_('the first {count} rows', count=CHART_ROWS)})"
    drawing.add(String(0, height - 10, caption, fontName=bold, fontSize=9, fillColor=GREY))

    chart = HorizontalBarChart()
    value_room = stringWidth(printed(max(values, key=abs), value_column.kind), regular, size) + 10
    chart.x = round(label_room)  # whole points: ReportLab's types say int
    chart.y = round(axis_height)
    chart.width = round(FRAME_WIDTH - label_room - value_room)
    chart.height = round(plot_height)
    chart.data = [values]
    chart.barSpacing = 0
    chart.groupSpacing = max(1, round(slot * 0.25))
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.reverseDirection = 1  # the first row at the top
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = size
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.valueMin = min(0.0, *values)
    chart.valueAxis.forceZero = 1
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = _axis_number
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.Color(0.88, 0.88, 0.88)
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.barLabelFormat = _bar_label(value_column.kind)
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = size
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabels.fillColor = colors.Color(0.2, 0.2, 0.2)
    drawing.add(chart)
    return drawing


def _bar_label(kind: Kind) -> Callable[[float], str]:
    def label(value: float) -> str:
        if kind is Kind.MONEY:
            return money(Decimal(str(value)))
        if kind is Kind.INT:
            return _grouped(round(value))
        return tenths(value)

    return label


def _cell(text: str, style: ParagraphStyle, width: float) -> str | Flowable:
    """Text that fits on one line as a plain string (cheap), longer text wrapped."""
    if "\n" in text or stringWidth(text, style.fontName, style.fontSize) > width - 2 * PADDING:
        return PlainText(text, style)
    return text


def data_table(table: ReportTable, rows: Sequence[tuple[Any, ...]]) -> Table:
    """The rows under a header that repeats on every page; zebra-striped."""
    columns = table.columns
    texts = [
        [printed(value, column.kind) for value, column in zip(row, columns, strict=True)]
        for row in rows
    ]
    size, widths = column_layout(texts, columns)
    regular, _bold = _fonts()
    cell = _style("report_cell", size)
    header_left = _style("report_head", size, bold=True, alignment=TA_LEFT)
    header_right = _style("report_head_r", size, bold=True, alignment=TA_RIGHT)
    header: list[Any] = [
        Paragraph(escape(c.label), header_left if c.kind is Kind.TEXT else header_right)
        for c in columns
    ]
    text_columns = [i for i, c in enumerate(columns) if c.kind is Kind.TEXT]
    cells: list[list[Any]] = []
    for line in texts:
        row: list[Any] = list(line)
        for index in text_columns:
            row[index] = _cell(line[index], cell, widths[index])
        cells.append(row)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), regular, size, size * 1.22),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for index, column in enumerate(columns):
        if column.kind is not Kind.TEXT:
            commands.append(("ALIGN", (index, 1), (index, -1), "RIGHT"))
    return LongTable(
        [header, *cells], colWidths=widths, repeatRows=1, style=TableStyle(commands), hAlign="LEFT"
    )


def totals_table(table: ReportTable) -> list[Flowable]:
    """ "Totals": label and value, two columns, under the table."""
    if not table.totals:
        return []
    regular, bold = _fonts()
    size = 8.5
    rows = [
        [
            table.total_labels.get(key, key),
            printed(value, table.total_kinds.get(key) or kind_of(value)),
        ]
        for key, value in table.totals.items()
    ]
    label_width = max(stringWidth(label, regular, size) for label, _v in rows) + 2 * PADDING
    value_width = max(stringWidth(value, bold, size) for _l, value in rows) + 2 * PADDING
    label_width = min(max(label_width, 50 * mm), FRAME_WIDTH * 0.6)
    value_width = max(value_width, 30 * mm)
    box = Table(
        rows,
        colWidths=[label_width, value_width],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONT", (0, 0), (0, -1), regular, size),
                ("FONT", (1, 0), (1, -1), bold, size),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.Color(0.8, 0.8, 0.8)),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        ),
    )
    heading = _style("report_totals", 10, bold=True)
    return [Spacer(1, 5 * mm), PlainText(_("Totals"), heading), Spacer(1, 1.5 * mm), box]


def report_flowables(table: ReportTable) -> list[Flowable]:
    story = _heading(table)
    drawing = chart_drawing(table)
    if drawing is not None:
        story += [drawing, Spacer(1, 5 * mm)]
    note = _style("report_note", 8.5, textColor=GREY)
    story.append(data_table(table, table.rows[:MAX_ROWS]))
    if not table.rows:
        story += [Spacer(1, 2 * mm), PlainText(_("(nothing in this period)"), note)]
    left_out = len(table.rows) - MAX_ROWS
    if left_out > 0:
        line = _(
            "{count} more rows not printed: the PDF holds the first {shown}.",
            count=_grouped(left_out),
            shown=_grouped(MAX_ROWS),
        )
        story += [Spacer(1, 2 * mm), PlainText(line, note)]
    story += totals_table(table)
    return story


# --- the pages --------------------------------------------------------------------------------


def _footer(made: dt.datetime) -> Callable[[Canvas, BaseDocTemplate], None]:
    stamp = _("Generated {moment}", moment=f"{made:%d.%m.%Y %H:%M}")

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        regular, _bold = _fonts()
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.setFillColor(GREY)
        y = BOTTOM_MARGIN / 2
        canvas.drawString(MARGIN, y, stamp)
        page = _("Page {number}", number=canvas.getPageNumber())
        canvas.drawRightString(PAGE_WIDTH - MARGIN, y, page)
        canvas.restoreState()

    return draw


def report_pdf(table: ReportTable, *, made: dt.datetime | None = None) -> bytes:
    """The PDF's bytes; `made` is the moment the footer gives (now by default)."""
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=table.title,
        author="crm-desktop",
        creator="crm-desktop",
        initialFontName=_fonts()[0],  # no Helvetica left unembedded in the file
    )
    frame = Frame(
        MARGIN,
        BOTTOM_MARGIN,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    page = PageTemplate(
        "page",
        [frame],
        onPage=_footer(made or dt.datetime.now()),
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
    )
    template.addPageTemplates([page])
    template.build(report_flowables(table))
    return buffer.getvalue()


def render_report_pdf(table: ReportTable, out: BinaryIO | Path) -> None:
    """Write the report as a PDF to a file (all or nothing) or a binary stream."""
    data = report_pdf(table)
    if isinstance(out, Path):
        write_document(out, data)
    else:
        out.write(data)
