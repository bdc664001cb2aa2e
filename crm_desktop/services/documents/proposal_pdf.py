"""The commercial proposal (КП) as an A4 PDF: the company's letterhead, to whom, the
title and subject, the table of products with totals and the amount in words, how long
the offer holds, the manager to call, the director's signature, the bank requisites."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Spacer

from crm_desktop.services.documents.lines_table import lines_tables
from crm_desktop.services.documents.pdf_blocks import contact_line, logo_header, totals_table
from crm_desktop.services.documents.pdf_parts import (
    SignatureBlock,
    build_pdf,
    escape,
    styles,
)
from crm_desktop.services.documents.proposal_data import ProposalDocument
from crm_desktop.services.documents.russian import date_words
from crm_desktop.services.phones import format_phone

ACCENT = colors.Color(0.12, 0.25, 0.55)


def _letterhead(doc: ProposalDocument) -> list[Flowable]:
    st = styles()
    parts = logo_header(doc.supplier, doc.logo, always=True)
    numbers = [f"ИНН {doc.supplier.inn}" if doc.supplier.inn else ""]
    numbers += [f"КПП {doc.supplier.kpp}" if doc.supplier.kpp else ""]
    numbers += [f"ОГРН {doc.supplier.ogrn}" if doc.supplier.ogrn else ""]
    line = ", ".join(n for n in numbers if n)
    if line:
        parts.append(Paragraph(escape(line), st["small"]))
    parts.append(HRFlowable(width="100%", thickness=2, color=ACCENT, spaceBefore=3, spaceAfter=6))
    return parts


def _addressee(doc: ProposalDocument) -> list[Flowable]:
    right = ParagraphStyle("addressee", styles()["base"], alignment=TA_RIGHT, fontSize=9.5)
    text = f"Кому: <b>{escape(doc.client.name)}</b>"
    if doc.client.inn:
        text += f"<br/>ИНН {escape(doc.client.inn)}"
    return [Paragraph(text, right), Spacer(1, 6 * mm)]


def _heading(doc: ProposalDocument) -> list[Flowable]:
    st = styles()
    title = ParagraphStyle("kp_title", st["title"], alignment=TA_CENTER, fontSize=16, leading=20)
    dated = ParagraphStyle("kp_date", st["base"], alignment=TA_CENTER, fontSize=9.5)
    intro = (
        f"{escape(doc.supplier.name)} благодарит Вас за интерес к нашей работе и предлагает "
        "следующие товары и услуги:"
    )
    return [
        Paragraph("Коммерческое предложение", title),
        Paragraph(f"от {date_words(doc.date)}", dated),
        Spacer(1, 5 * mm),
        Paragraph(f"<b>Предмет:</b> {escape(doc.subject)}", st["header"]),
        Spacer(1, 2 * mm),
        Paragraph(intro, st["header"]),
        Spacer(1, 3 * mm),
    ]


def _terms(doc: ProposalDocument) -> list[Flowable]:
    st = styles()
    parts: list[Flowable] = [
        Spacer(1, 2 * mm),
        Paragraph(f"Сумма предложения: {escape(doc.amount_in_words)}", st["words"]),
        Spacer(1, 3 * mm),
        Paragraph(escape(doc.vat_terms), st["header"]),
        Paragraph(
            f"<b>Предложение действительно до {date_words(doc.valid_until)}</b>", st["header"]
        ),
    ]
    manager = doc.manager
    if manager.name:
        reach = ", ".join(
            p
            for p in (
                f"тел.: {format_phone(manager.phone)}" if manager.phone else "",
                manager.email,
            )
            if p
        )
        who = f"Ваш менеджер: {escape(manager.name)}" + (f", {escape(reach)}" if reach else "")
        parts += [Spacer(1, 2 * mm), Paragraph(who, st["header"])]
    elif contact_line(doc.supplier):
        parts += [
            Spacer(1, 2 * mm),
            Paragraph(f"Контакты: {escape(contact_line(doc.supplier))}", st["header"]),
        ]
    parts.append(Spacer(1, 8 * mm))
    return parts


def _bank_footer(doc: ProposalDocument) -> list[Flowable]:
    bank = doc.bank
    if not bank.account:
        return []
    text = (
        f"Банковские реквизиты: р/с {bank.account} в {bank.bank_name}, БИК {bank.bic}, "
        f"к/с {bank.corr_account}"
    )
    return [
        HRFlowable(width="100%", thickness=0.5, color=colors.grey, spaceBefore=4, spaceAfter=3),
        Paragraph(escape(text), styles()["small"]),
    ]


def proposal_flowables(doc: ProposalDocument) -> list[Flowable]:
    story = [*_letterhead(doc), *_addressee(doc), *_heading(doc)]
    body, tail = lines_tables(doc.lines, shows_vat=doc.shows_vat)
    story.append(body)
    signature = SignatureBlock(
        [("Руководитель", doc.signatories.director)], signature=doc.signature, stamp=doc.stamp
    )
    story.append(
        KeepTogether([*tail, totals_table(doc.totals), *_terms(doc), signature, *_bank_footer(doc)])
    )
    return story


def render_proposal_pdf(doc: ProposalDocument, out: BinaryIO | Path) -> None:
    """Write the proposal as a PDF to a file or a binary stream."""
    build_pdf(out, proposal_flowables(doc), title=doc.title, author=doc.supplier.name)
