"""Blocks the invoice and the proposal both print: the company's letterhead with its
logo, and the totals under the table."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from crm_desktop.services.documents.document_lines import TotalLine
from crm_desktop.services.documents.fonts import register_fonts
from crm_desktop.services.documents.pdf_parts import FRAME_WIDTH, FittedImage, styles, text_block
from crm_desktop.services.documents.requisites_text import Requisites
from crm_desktop.services.documents.russian import money
from crm_desktop.services.phones import format_phone


def contact_line(side: Requisites) -> str:
    """ "тел.: +7 495 500-55-50, info@vector.ru" """
    phone = f"тел.: {format_phone(side.phone)}" if side.phone else ""
    return ", ".join(part for part in (phone, side.email) if part)


def logo_header(side: Requisites, logo: bytes | None, *, always: bool = False) -> list[Flowable]:
    """The logo with the company's name, address and contacts beside it; nothing when
    there is no logo (unless `always`: the letterhead of a proposal)."""
    if not logo and not always:
        return []
    st = styles()
    text = [text_block(side.name, st["header_name"])]
    text += [text_block(c, st["header"]) for c in (side.address, contact_line(side)) if c]
    if not logo:
        return [*text, Spacer(1, 3 * mm)]
    table = Table(
        [[FittedImage(logo, 45 * mm, 18 * mm), text]],
        colWidths=[50 * mm, FRAME_WIDTH - 50 * mm],
        style=[
            ("FONT", (0, 0), (-1, -1), register_fonts()[0], 9),  # else Helvetica is set
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (0, 0), 0),
        ],
    )
    return [table, Spacer(1, 4 * mm)]


def totals_table(lines: Sequence[TotalLine]) -> Table:
    """ "Итого", the VAT line and "Всего к оплате", right-aligned under the table."""
    _regular, bold = register_fonts()
    rows = [[line.label, money(line.amount) if line.amount is not None else "—"] for line in lines]
    return Table(
        rows,
        colWidths=[FRAME_WIDTH - 30 * mm, 30 * mm],
        style=[
            ("FONT", (0, 0), (-1, -1), bold, 9),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("RIGHTPADDING", (1, 0), (1, -1), 3),
        ],
    )
