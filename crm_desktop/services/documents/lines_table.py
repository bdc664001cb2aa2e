"""The table of lines of an invoice or a proposal: №, name, quantity, unit, price (VAT
rate and amount when there is VAT), sum. Its header repeats on every page, and its last
lines stay on the page of the totals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table
from reportlab.platypus.tables import TableStyle

from crm_desktop.services.documents.document_lines import DocumentLine
from crm_desktop.services.documents.fonts import register_fonts
from crm_desktop.services.documents.pdf_parts import FRAME_WIDTH, fitting, styles
from crm_desktop.services.documents.russian import money, quantity, rate

HEADER_FILL = colors.Color(0.93, 0.93, 0.93)
TAIL_ROWS = 2  # lines kept with the totals
FONT_SIZE = 8.5
PADDING = 3


def _columns(shows_vat: bool) -> tuple[list[str], list[float]]:
    if shows_vat:
        heads = ["№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена"]
        heads += ["Ставка\nНДС", "Сумма\nНДС", "Сумма"]
        widths = [8 * mm, 0.0, 16 * mm, 13 * mm, 23 * mm, 14 * mm, 21 * mm, 25 * mm]
    else:
        heads = ["№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Сумма"]
        widths = [8 * mm, 0.0, 18 * mm, 14 * mm, 26 * mm, 28 * mm]
    widths[1] = FRAME_WIDTH - sum(widths)
    return heads, widths


def _name_cell(name: str, width: float) -> str | Flowable:
    """A name that fits on one line as plain text, a longer one wrapped."""
    return fitting(name, styles()["cell"], width)


def _rows(lines: Sequence[DocumentLine], shows_vat: bool, name_width: float) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for number, line in enumerate(lines, start=1):
        row: list[Any] = [
            str(number),
            _name_cell(line.name, name_width),
            quantity(line.quantity),
            line.unit,
            money(line.price),
        ]
        if shows_vat:
            with_vat = line.vat_rate is not None
            row.append(rate(line.vat_rate) if line.vat_rate is not None else "без НДС")
            row.append(money(line.vat_amount) if with_vat else "—")
        row.append(money(line.amount))
        rows.append(row)
    return rows


def _style(shows_vat: bool, *, header: bool) -> TableStyle:
    regular, bold = register_fonts()
    first = 1 if header else 0
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), regular, FONT_SIZE),
        ("VALIGN", (0, first), (-1, -1), "TOP"),
        ("ALIGN", (0, first), (0, -1), "CENTER"),
        ("ALIGN", (2, first), (2, -1), "RIGHT"),
        ("ALIGN", (3, first), (3, -1), "CENTER"),
        ("ALIGN", (4, first), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
    ]
    if header:
        commands += [
            ("FONT", (0, 0), (-1, 0), bold, 8, 9.5),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ]
    if shows_vat:
        commands.append(("ALIGN", (5, first), (5, -1), "CENTER"))
    return TableStyle(commands)


class TableTail(Flowable):
    """The table's last rows: drawn on with no header right under the rest of the table,
    with the header when they start a new page (so every page's table has one)."""

    def __init__(
        self, header: list[Any], rows: list[list[Any]], widths: list[float], shows_vat: bool
    ) -> None:
        super().__init__()
        self.with_header = Table(
            [header, *rows], colWidths=widths, style=_style(shows_vat, header=True)
        )
        self.bare = Table(rows, colWidths=widths, style=_style(shows_vat, header=False))
        self.chosen = self.with_header

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        frame = getattr(self, "_frame", None)
        at_top = frame is None or bool(getattr(frame, "_atTop", False))
        self.chosen = self.with_header if at_top else self.bare
        return self.chosen.wrap(availWidth, availHeight)

    def draw(self) -> None:
        self.chosen.drawOn(self.canv, 0, 0)


def lines_tables(lines: Sequence[DocumentLine], *, shows_vat: bool) -> tuple[Table, list[Flowable]]:
    """The table (header repeated on each page) and its tail to keep with the totals."""
    heads, widths = _columns(shows_vat)
    header: list[Any] = heads
    rows = _rows(lines, shows_vat, widths[1])
    split = len(rows) - TAIL_ROWS if len(rows) > TAIL_ROWS + 1 else len(rows)
    body = Table(
        [header, *rows[:split]],
        colWidths=widths,
        repeatRows=1,
        style=_style(shows_vat, header=True),
    )
    tail: list[Flowable] = (
        [TableTail(header, rows[split:], widths, shows_vat)] if rows[split:] else []
    )
    return body, tail
