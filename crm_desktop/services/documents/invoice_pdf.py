"""The invoice (счёт на оплату) as an A4 PDF in the layout Russian businesses expect: the
payee's bank block at the top, the title with number and date, supplier and buyer, the
table of lines (its header repeated on every page), totals and VAT, the amount in words,
the signatures with the stamp. Fonts embedded; a draft is marked across every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table
from reportlab.platypus.tables import TableStyle

from crm_desktop.services.documents.fonts import register_fonts
from crm_desktop.services.documents.invoice_data import InvoiceDocument
from crm_desktop.services.documents.lines_table import lines_tables
from crm_desktop.services.documents.pdf_blocks import logo_header, totals_table
from crm_desktop.services.documents.pdf_parts import (
    FRAME_WIDTH,
    GREY,
    SignatureBlock,
    build_pdf,
    fitting,
    styles,
    text_block,
)
from crm_desktop.services.documents.russian import date_digits

HEADER_FILL = colors.Color(0.93, 0.93, 0.93)


def _bank_block(doc: InvoiceDocument) -> Table:
    """The bordered block the buyer's accountant copies into the payment order."""
    st = styles()
    bank, supplier = doc.bank, doc.supplier
    wide = 106 * mm
    data: list[list[Any]] = [
        [fitting(bank.bank_name, st["base"], wide), "", "БИК", bank.bic],
        ["Банк получателя", "", "Сч. №", bank.corr_account],
        [
            f"ИНН {supplier.inn}",
            f"КПП {supplier.kpp}" if supplier.kpp else "КПП",
            "Сч. №",
            bank.account,
        ],
        [fitting(supplier.name, st["base"], wide), "", "", ""],
        ["Получатель", "", "", ""],
    ]
    regular, _bold = register_fonts()
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), regular, 8.5),
            ("FONT", (0, 1), (0, 1), regular, 7),
            ("FONT", (0, 4), (0, 4), regular, 7),
            ("TEXTCOLOR", (0, 1), (0, 1), GREY),
            ("TEXTCOLOR", (0, 4), (0, 4), GREY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("SPAN", (0, 0), (1, 0)),
            ("SPAN", (0, 1), (1, 1)),
            ("SPAN", (0, 3), (1, 3)),
            ("SPAN", (0, 4), (1, 4)),
            ("SPAN", (2, 2), (2, 4)),
            ("SPAN", (3, 2), (3, 4)),
            ("VALIGN", (0, 1), (1, 1), "BOTTOM"),
            ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
            ("LINEBEFORE", (2, 0), (2, -1), 0.5, colors.black),
            ("LINEBEFORE", (3, 0), (3, -1), 0.5, colors.black),
            ("LINEBELOW", (2, 0), (3, 0), 0.5, colors.black),
            ("LINEABOVE", (0, 2), (-1, 2), 0.5, colors.black),
            ("LINEBEFORE", (1, 2), (1, 2), 0.5, colors.black),
            ("LINEABOVE", (0, 3), (1, 3), 0.5, colors.black),
        ]
    )
    widths = [52 * mm, 54 * mm, 16 * mm, FRAME_WIDTH - 122 * mm]
    return Table(data, colWidths=widths, style=style)


def _title(doc: InvoiceDocument) -> list[Flowable]:
    return [
        Spacer(1, 6 * mm),
        text_block(doc.title, styles()["title"]),
        HRFlowable(width="100%", thickness=1.6, color=colors.black, spaceBefore=1, spaceAfter=4),
    ]


def _parties(doc: InvoiceDocument) -> Table:
    st = styles()
    rows = [
        [
            text_block("Поставщик (Исполнитель):", st["base"]),
            text_block(doc.supplier.line(), st["bold"]),
        ],
        [
            text_block("Покупатель (Заказчик):", st["base"]),
            text_block(doc.payer.line(), st["bold"]),
        ],
    ]
    return Table(
        rows,
        colWidths=[27 * mm, FRAME_WIDTH - 27 * mm],
        style=[
            ("FONT", (0, 0), (-1, -1), register_fonts()[0], 8.5),  # else Helvetica is set
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ],
    )


def _summary(doc: InvoiceDocument) -> list[Flowable]:
    st = styles()
    parts: list[Flowable] = [
        Spacer(1, 2 * mm),
        text_block(doc.count_line, st["base"]),
        text_block(doc.amount_in_words, st["words"]),
    ]
    if doc.due_date is not None:
        parts.append(Spacer(1, 2 * mm))
        parts.append(text_block(f"Оплатить не позднее {date_digits(doc.due_date)}.", st["base"]))
    if doc.note:
        parts.append(text_block(doc.note, st["base"]))
    parts.append(
        HRFlowable(width="100%", thickness=1.6, color=colors.black, spaceBefore=4, spaceAfter=8)
    )
    return parts


def _signatures(doc: InvoiceDocument) -> Flowable:
    people = [("Руководитель", doc.signatories.director)]
    people.append(("Бухгалтер", doc.signatories.accountant))
    return SignatureBlock(people, signature=doc.signature, stamp=doc.stamp)


def invoice_flowables(doc: InvoiceDocument) -> list[Flowable]:
    story: list[Flowable] = [*logo_header(doc.supplier, doc.logo), _bank_block(doc), *_title(doc)]
    story.append(_parties(doc))
    body, tail = lines_tables(doc.lines, shows_vat=doc.shows_vat)
    story += [Spacer(1, 3 * mm), body]
    # The last lines, the totals, the words and the signatures stay together: a page
    # never starts with the totals or a lonely signature.
    story.append(KeepTogether([*tail, totals_table(doc.totals), *_summary(doc), _signatures(doc)]))
    return story


def render_invoice_pdf(doc: InvoiceDocument, out: BinaryIO | Path) -> None:
    """Write the invoice as a PDF to a file or a binary stream."""
    build_pdf(out, invoice_flowables(doc), title=doc.title, author=doc.supplier.name, mark=doc.mark)
