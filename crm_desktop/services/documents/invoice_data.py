"""Everything an invoice prints, read once from the database into a plain dataclass that
the PDF and Excel writers draw from.

A draft takes the requisites from the company profile and the client card as they are
now; an issued invoice, from the copies frozen when it was issued (so a later edit of a
card never changes a document already sent)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound
from crm_desktop.i18n import _
from crm_desktop.models import (
    CompanyProfile,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    VatMode,
)
from crm_desktop.services.amount_words import rubles_in_words
from crm_desktop.services.documents.document_lines import (
    DocumentLine,
    TotalLine,
    total_lines,
    vat_line,
)
from crm_desktop.services.documents.requisites_text import (
    BankDetails,
    Requisites,
    Signatories,
    payer_from_snapshot,
    supplier_from_snapshot,
)
from crm_desktop.services.documents.russian import date_words, money
from crm_desktop.services.invoice_parties import payer_snapshot, supplier_snapshot

DRAFT_MARK = "ЧЕРНОВИК"
CANCELLED_MARK = "АННУЛИРОВАН"


@dataclass(frozen=True)
class InvoiceDocument:
    number: str | None  # None for a draft
    date: dt.date
    status: InvoiceStatus
    vat_mode: VatMode
    supplier: Requisites
    bank: BankDetails
    payer: Requisites
    signatories: Signatories
    lines: tuple[DocumentLine, ...]
    total: Decimal
    vat_total: Decimal
    due_date: dt.date | None = None
    note: str = ""
    currency: str = "RUB"
    logo: bytes | None = None
    stamp: bytes | None = None
    signature: bytes | None = None

    @property
    def is_draft(self) -> bool:
        return self.status == InvoiceStatus.DRAFT or not self.number

    @property
    def mark(self) -> str | None:
        """The large diagonal word across a page that is not a valid invoice."""
        if self.is_draft:
            return DRAFT_MARK
        return CANCELLED_MARK if self.status == InvoiceStatus.CANCELLED else None

    @property
    def title(self) -> str:
        if self.is_draft:
            return f"Счёт на оплату (черновик) от {date_words(self.date)}"
        return f"Счёт на оплату № {self.number} от {date_words(self.date)}"

    @property
    def shows_vat(self) -> bool:
        return self.vat_mode != VatMode.NONE

    @property
    def vat_line(self) -> TotalLine:
        """ "В том числе НДС (22%)", "НДС (22%)" or "Без НДС"."""
        return vat_line(self.vat_mode, self.lines, self.vat_total)

    @property
    def totals(self) -> tuple[TotalLine, ...]:
        return total_lines(self.vat_mode, self.lines, self.total, self.vat_total)

    @property
    def amount_in_words(self) -> str:
        return rubles_in_words(self.total)

    @property
    def count_line(self) -> str:
        """ "Всего наименований 3, на сумму 12 345,00 руб." """
        return f"Всего наименований {len(self.lines)}, на сумму {money(self.total)} руб."

    @property
    def file_stem(self) -> str:
        """ "Счёт 2026-0001 от 27.11.2026" (a draft: "Счёт (черновик) от ...")."""
        which = f"Счёт {self.number}" if not self.is_draft else "Счёт (черновик)"
        return f"{which} от {self.date.strftime('%d.%m.%Y')}"


def current_profile(session: Session) -> CompanyProfile | None:
    query = select(CompanyProfile).where(CompanyProfile.deleted_at.is_(None))
    return session.scalars(query.order_by(CompanyProfile.created_at).limit(1)).first()


def _lines(session: Session, invoice_id: uuid.UUID) -> tuple[DocumentLine, ...]:
    rows = session.scalars(
        select(InvoiceLine)
        .where(InvoiceLine.invoice_id == invoice_id, InvoiceLine.deleted_at.is_(None))
        .order_by(InvoiceLine.position, InvoiceLine.id)
    )
    return tuple(
        DocumentLine(
            name=row.name,
            quantity=row.quantity,
            unit=row.unit_name,
            price=row.price,
            vat_rate=row.vat_rate,
            vat_amount=row.vat_amount,
            amount=row.amount,
        )
        for row in rows
    )


def _vat_mode(raw: str) -> VatMode:
    try:
        return VatMode(raw)
    except ValueError:
        return VatMode.NONE


def load_invoice_document(session: Session, invoice_id: uuid.UUID) -> InvoiceDocument:
    """The invoice as it prints (NotFound when there is none with this id)."""
    invoice = session.get(Invoice, invoice_id)
    if invoice is None or invoice.deleted_at is not None:
        raise NotFound(_("No invoice with id {id}", id=invoice_id))
    profile = current_profile(session)
    supplier_data = invoice.supplier
    payer_data = invoice.payer
    if invoice.status == InvoiceStatus.DRAFT or supplier_data is None:
        supplier_data = supplier_snapshot(session, strict=False)
    if invoice.status == InvoiceStatus.DRAFT or payer_data is None:
        payer_data = payer_snapshot(session, invoice.client_id)
    supplier, bank, signatories = supplier_from_snapshot(supplier_data)
    issued = invoice.issue_date or (invoice.issued_at.date() if invoice.issued_at else None)
    return InvoiceDocument(
        number=invoice.number_text if invoice.status != InvoiceStatus.DRAFT else None,
        date=issued or dt.date.today(),
        status=invoice.status,
        vat_mode=_vat_mode(invoice.vat_mode),
        supplier=supplier,
        bank=bank,
        payer=payer_from_snapshot(payer_data),
        signatories=signatories,
        lines=_lines(session, invoice.id),
        total=invoice.total,
        vat_total=invoice.vat_total,
        due_date=invoice.due_date,
        note=invoice.note or "",
        currency=invoice.currency,
        # The images are the company's current ones: they are not requisites.
        logo=profile.logo if profile is not None else None,
        stamp=profile.stamp if profile is not None else None,
        signature=profile.signature if profile is not None else None,
    )
