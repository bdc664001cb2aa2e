"""Everything a commercial proposal (КП) prints, read from a deal: its products (or its
amount when it has none), the company's requisites and contacts, the client, the manager
and how long the offer holds. Sums as an invoice computes them (`invoice_math`), under
the company's VAT mode."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Product, User, VatMode
from crm_desktop.services.amount_words import rubles_in_words
from crm_desktop.services.deals import DealView, get_deal
from crm_desktop.services.documents.document_lines import DocumentLine, TotalLine, total_lines
from crm_desktop.services.documents.invoice_data import current_profile
from crm_desktop.services.documents.requisites_text import (
    BankDetails,
    Requisites,
    Signatories,
    payer_from_snapshot,
    supplier_from_snapshot,
)
from crm_desktop.services.documents.russian import date_words
from crm_desktop.services.invoice_math import line_sums, totals
from crm_desktop.services.invoice_parties import payer_snapshot, supplier_snapshot
from crm_desktop.services.invoice_settings import get_invoice_settings

DEFAULT_VALID_DAYS = 14
MAX_VALID_DAYS = 366


@dataclass(frozen=True)
class Manager:
    name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ProposalDocument:
    date: dt.date
    valid_until: dt.date
    subject: str  # the deal's title
    supplier: Requisites
    bank: BankDetails
    signatories: Signatories
    client: Requisites
    manager: Manager
    lines: tuple[DocumentLine, ...]
    vat_mode: VatMode
    total: Decimal
    vat_total: Decimal
    currency: str = "RUB"
    logo: bytes | None = None
    stamp: bytes | None = None
    signature: bytes | None = None

    @property
    def title(self) -> str:
        return f"Коммерческое предложение от {date_words(self.date)}"

    @property
    def shows_vat(self) -> bool:
        return self.vat_mode != VatMode.NONE

    @property
    def totals(self) -> tuple[TotalLine, ...]:
        return total_lines(self.vat_mode, self.lines, self.total, self.vat_total, "Всего:")

    @property
    def amount_in_words(self) -> str:
        return rubles_in_words(self.total)

    @property
    def vat_terms(self) -> str:
        """How the prices treat VAT, in a sentence."""
        if self.vat_mode == VatMode.INCLUDED:
            return "Цены указаны в рублях, включая НДС."
        if self.vat_mode == VatMode.ON_TOP:
            return "Цены указаны в рублях без НДС; НДС начисляется сверху."
        return "Цены указаны в рублях. НДС не облагается."

    @property
    def file_stem(self) -> str:
        return f"КП от {self.date.strftime('%d.%m.%Y')}"


def valid_until(today: dt.date, days: int | None = None, until: dt.date | None = None) -> dt.date:
    """The last day the offer holds: a date given, else today + `days` (14 by default)."""
    if until is not None:
        if until < today:
            raise ValidationError(
                "valid_until", _("The offer cannot expire before today ({date})", date=today)
            )
        return until
    days = DEFAULT_VALID_DAYS if days is None else days
    if not 1 <= days <= MAX_VALID_DAYS:
        raise ValidationError(
            "valid_days", _("Days the offer holds: from 1 to {n}", n=MAX_VALID_DAYS)
        )
    return today + dt.timedelta(days=days)


def _units(session: Session, deal: DealView) -> dict[uuid.UUID, str]:
    ids = [line.product_id for line in deal.lines if line.product_id is not None]
    if not ids:
        return {}
    rows = session.execute(select(Product.id, Product.unit_name).where(Product.id.in_(ids)))
    return {row.id: row.unit_name for row in rows}


def _lines(
    session: Session, deal: DealView, mode: VatMode, default_rate: Decimal | None
) -> tuple[DocumentLine, ...]:
    units = _units(session, deal)
    given = [
        (
            line.name,
            line.quantity,
            units.get(line.product_id, "шт") if line.product_id else "шт",
            line.price,
            line.vat_rate,
        )
        for line in deal.lines
    ]
    if not given and deal.amount > 0:  # a deal with only an amount: one line of it
        given = [(deal.title, Decimal(1), "усл", deal.amount, default_rate)]
    lines = []
    for name, quantity, unit, price, rate in given:
        rate = rate if mode != VatMode.NONE else None
        sums = line_sums(quantity, price, rate, mode)
        lines.append(DocumentLine(name, quantity, unit, price, rate, sums.vat, sums.amount))
    return tuple(lines)


def _manager(session: Session, login: str | None) -> Manager:
    if not login:
        return Manager()
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        return Manager(name=login)
    return Manager(
        name=user.full_name or user.login, phone=user.phone or "", email=user.email or ""
    )


def load_proposal_document(
    session: Session,
    deal_id: uuid.UUID,
    *,
    today: dt.date | None = None,
    valid_days: int | None = None,
    valid_to: dt.date | None = None,
) -> ProposalDocument:
    """The proposal for a deal (NotFound when there is no such deal; a deal with neither
    products nor an amount is refused: there would be nothing to offer)."""
    deal = get_deal(session, deal_id)
    day = today or dt.date.today()
    settings = get_invoice_settings(session)
    lines = _lines(session, deal, settings.vat_mode, settings.default_rate())
    if not lines:
        raise ValidationError(
            "lines", _("The deal has neither products nor an amount: there is nothing to offer")
        )
    figures = totals(
        [line_sums(ln.quantity, ln.price, ln.vat_rate, settings.vat_mode) for ln in lines],
        settings.vat_mode,
    )
    supplier, bank, signatories = supplier_from_snapshot(supplier_snapshot(session, strict=False))
    profile = current_profile(session)
    return ProposalDocument(
        date=day,
        valid_until=valid_until(day, valid_days, valid_to),
        subject=deal.title,
        supplier=supplier,
        bank=bank,
        signatories=signatories,
        client=payer_from_snapshot(payer_snapshot(session, deal.client_id)),
        manager=_manager(session, deal.owner),
        lines=lines,
        vat_mode=settings.vat_mode,
        total=figures.total,
        vat_total=figures.vat,
        currency=deal.currency,
        logo=profile.logo if profile is not None else None,
        stamp=profile.stamp if profile is not None else None,
        signature=profile.signature if profile is not None else None,
    )
