"""Invoices as the app, the command line and the printed documents read them: one with
its lines, payments and both sides' requisites, and lists a page at a time (newest
first, a keyset over the time-ordered ids)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound
from crm_desktop.i18n import _
from crm_desktop.models import (
    Client,
    ClientKind,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    VatMode,
)
from crm_desktop.services.invoice_math import LineSums, vat_by_rate
from crm_desktop.services.invoice_parties import payer_snapshot, supplier_snapshot
from crm_desktop.services.invoice_settings import rate_text

PAGE_SIZE = 50
CENT = Decimal("0.01")
OPEN_STATUSES = (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)


def money_text(amount: Decimal) -> str:
    """ "1500.00": an amount in JSON."""
    return str(amount.quantize(CENT))


def quantity_text(quantity: Decimal) -> str:
    """ "2", "0.333": a quantity without trailing zeros."""
    return format(quantity.normalize(), "f")


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class InvoiceLineView:
    id: uuid.UUID
    position: int
    product_id: uuid.UUID | None
    name: str
    unit_code: str
    unit_name: str
    quantity: Decimal
    price: Decimal
    vat_rate: Decimal | None  # as it applies: None without VAT (also under mode "none")
    amount: Decimal  # quantity × price in kopecks, as the line prints
    vat_amount: Decimal

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "product_id": str(self.product_id) if self.product_id else None,
            "name": self.name,
            "qty": quantity_text(self.quantity),
            "unit": self.unit_name,
            "unit_code": self.unit_code or None,
            "price": money_text(self.price),
            "vat_rate": rate_text(self.vat_rate),
            "amount": money_text(self.amount),
            "vat_amount": money_text(self.vat_amount),
        }


@dataclass(frozen=True)
class PaymentView:
    id: uuid.UUID
    amount: Decimal
    paid_on: dt.date
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "amount": money_text(self.amount),
            "paid_on": self.paid_on.isoformat(),
            "note": self.note,
        }


@dataclass(frozen=True)
class InvoiceView:
    """An invoice. `number` is the printed number ("2026-0001"), None for a draft.
    `supplier` and `payer` are the requisites frozen when it was issued; for a draft that
    `get_invoice` read, the current ones (so a draft prints as it would go out)."""

    id: uuid.UUID
    number: str | None
    status: InvoiceStatus
    client_id: uuid.UUID
    client_name: str
    issue_date: dt.date | None
    issued_at: dt.datetime | None
    due_date: dt.date | None
    total: Decimal
    vat_total: Decimal
    paid_amount: Decimal
    currency: str
    vat_mode: VatMode
    owner: str | None
    version: int
    series: int | None = None
    sequence: int | None = None  # the number within its series
    deal_id: uuid.UUID | None = None
    order_id: uuid.UUID | None = None
    note: str | None = None
    paid_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    supplier: dict[str, Any] | None = None
    payer: dict[str, Any] | None = None
    lines: tuple[InvoiceLineView, ...] = ()
    payments: tuple[PaymentView, ...] = ()
    issue_requested_on: dt.date | None = None  # issued offline: numbered at the next sync
    issue_refusal: str | None = None  # why the office server could not number it

    @property
    def awaiting_number(self) -> bool:
        """Issued on a laptop without a network: the office server numbers it at sync."""
        return self.status is InvoiceStatus.DRAFT and self.issue_requested_on is not None

    @property
    def is_draft(self) -> bool:
        return self.status is InvoiceStatus.DRAFT

    @property
    def editable(self) -> bool:
        return self.status is InvoiceStatus.DRAFT

    @property
    def amount(self) -> Decimal:
        """The sum of the lines' amounts ("Итого"); with VAT on top the total adds VAT."""
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    @property
    def left_to_pay(self) -> Decimal:
        if self.status not in OPEN_STATUSES:
            return Decimal("0.00")
        return max(self.total - self.paid_amount, Decimal("0.00"))

    def overdue(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        return self.status in OPEN_STATUSES and self.due_date is not None and self.due_date < today

    def vat_by_rate(self) -> list[tuple[Decimal | None, Decimal]]:
        """VAT per rate, highest first, "без НДС" (None) last."""
        return vat_by_rate(
            (line.vat_rate, LineSums(line.amount, line.vat_amount)) for line in self.lines
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "number": self.number,
            "status": self.status.value,
            "client_id": str(self.client_id),
            "client": self.client_name,
            "issued_at": _iso(self.issued_at),
            "issue_date": _iso(self.issue_date),
            "due_date": _iso(self.due_date),
            "total": money_text(self.total),
            "vat_total": money_text(self.vat_total),
            "amount": money_text(self.amount),
            "paid_amount": money_text(self.paid_amount),
            "left_to_pay": money_text(self.left_to_pay),
            "overdue": self.overdue(),
            "currency": self.currency,
            "vat_mode": self.vat_mode.value,
            "owner": self.owner,
            "version": self.version,
            "deal_id": str(self.deal_id) if self.deal_id else None,
            "order_id": str(self.order_id) if self.order_id else None,
            "note": self.note,
            "paid_at": _iso(self.paid_at),
            "cancelled_at": _iso(self.cancelled_at),
            "created_at": _iso(self.created_at),
            "supplier": self.supplier,
            "payer": self.payer,
            "lines": [line.to_json() for line in self.lines],
            "payments": [payment.to_json() for payment in self.payments],
            "issue_requested_on": _iso(self.issue_requested_on),
            "issue_refusal": self.issue_refusal,
        }


def client_display_name(kind: ClientKind, name: str, legal_form: str | None) -> str:
    if kind == ClientKind.COMPANY and legal_form:
        return f"{legal_form} «{name}»"
    return name


def invoice_vat_mode(invoice: Invoice) -> VatMode:
    try:
        return VatMode(invoice.vat_mode)
    except ValueError:
        return VatMode.NONE


def _line_view(line: InvoiceLine, mode: VatMode) -> InvoiceLineView:
    return InvoiceLineView(
        id=line.id,
        position=line.position,
        product_id=line.product_id,
        name=line.name,
        unit_code=line.unit_code,
        unit_name=line.unit_name,
        quantity=line.quantity,
        price=line.price,
        vat_rate=None if mode is VatMode.NONE else line.vat_rate,
        amount=line.amount,
        vat_amount=line.vat_amount,
    )


def live_lines(
    session: Session, invoice_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[InvoiceLine]]:
    found: dict[uuid.UUID, list[InvoiceLine]] = {i: [] for i in invoice_ids}
    if not invoice_ids:
        return found
    query = (
        select(InvoiceLine)
        .where(InvoiceLine.invoice_id.in_(list(invoice_ids)), InvoiceLine.deleted_at.is_(None))
        .order_by(InvoiceLine.invoice_id, InvoiceLine.position, InvoiceLine.id)
    )
    for line in session.scalars(query):
        found[line.invoice_id].append(line)
    return found


def live_payments(
    session: Session, invoice_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Payment]]:
    found: dict[uuid.UUID, list[Payment]] = {i: [] for i in invoice_ids}
    if not invoice_ids:
        return found
    query = (
        select(Payment)
        .where(Payment.invoice_id.in_(list(invoice_ids)), Payment.deleted_at.is_(None))
        .order_by(Payment.invoice_id, Payment.paid_on, Payment.id)
    )
    for payment in session.scalars(query):
        found[payment.invoice_id].append(payment)
    return found


def _query() -> Select[Invoice, ClientKind, str, str | None]:
    return select(Invoice, Client.kind, Client.name, Client.legal_form).join(
        Client, Client.id == Invoice.client_id
    )


def _views(
    session: Session,
    rows: Sequence[tuple[Invoice, ClientKind, str, str | None]],
    *,
    live_parties: bool = False,
) -> list[InvoiceView]:
    ids = [row[0].id for row in rows]
    lines = live_lines(session, ids)
    payments = live_payments(session, ids)
    views = []
    for invoice, kind, name, legal_form in rows:
        mode = invoice_vat_mode(invoice)
        supplier, payer = invoice.supplier, invoice.payer
        if live_parties and invoice.status is InvoiceStatus.DRAFT:
            supplier = supplier_snapshot(session, strict=False)
            payer = payer_snapshot(session, invoice.client_id)
        views.append(
            InvoiceView(
                id=invoice.id,
                number=invoice.number_text,
                status=invoice.status,
                client_id=invoice.client_id,
                client_name=client_display_name(kind, name, legal_form),
                issue_date=invoice.issue_date,
                issued_at=invoice.issued_at,
                due_date=invoice.due_date,
                total=invoice.total,
                vat_total=invoice.vat_total,
                paid_amount=invoice.paid_amount,
                currency=invoice.currency,
                vat_mode=mode,
                owner=invoice.owner,
                version=invoice.version,
                series=invoice.series,
                sequence=invoice.number,
                deal_id=invoice.deal_id,
                order_id=invoice.order_id,
                note=invoice.note,
                paid_at=invoice.paid_at,
                cancelled_at=invoice.cancelled_at,
                created_at=invoice.created_at,
                updated_at=invoice.updated_at,
                supplier=supplier,
                payer=payer,
                lines=tuple(_line_view(line, mode) for line in lines[invoice.id]),
                payments=tuple(
                    PaymentView(p.id, p.amount, p.paid_on, p.note) for p in payments[invoice.id]
                ),
                issue_requested_on=invoice.issue_requested_on,
                issue_refusal=invoice.issue_refusal,
            )
        )
    return views


def get_invoice(session: Session, invoice_id: uuid.UUID) -> InvoiceView:
    """One invoice with its lines and payments (NotFound if there is none)."""
    rows = session.execute(_query().where(Invoice.id == invoice_id)).all()
    if not rows or rows[0][0].deleted_at is not None:
        raise NotFound(_("No invoice with id {id}", id=invoice_id))
    return _views(session, rows, live_parties=True)[0]


def find_invoice(session: Session, ref: str) -> uuid.UUID:
    """An invoice's id from its id or its printed number ("2026-0001")."""
    text = ref.strip()
    try:
        return uuid.UUID(text)
    except ValueError:
        pass
    found = session.scalars(
        select(Invoice.id)
        .where(Invoice.number_text == text, Invoice.deleted_at.is_(None))
        .order_by(Invoice.series.desc())
        .limit(2)
    ).all()
    if not found:
        raise NotFound(_('No invoice numbered "{number}"', number=text))
    return found[0]


@dataclass(frozen=True)
class InvoiceFilter:
    status: InvoiceStatus | None = None
    client_id: uuid.UUID | None = None
    deal_id: uuid.UUID | None = None
    order_id: uuid.UUID | None = None
    owner: str | None = None
    # A fragment of the printed number ("0012" finds 2026-0012); case does not matter;
    # drafts (no number yet) never match a fragment.
    number: str | None = None


def number_condition(typed: str) -> ColumnElement[bool] | None:
    """Invoices whose number contains `typed` (trimmed; % and _ are literal), in any case:
    ILIKE on PostgreSQL, lower() LIKE lower() on SQLite (ASCII only there, so the typed
    text is also tried in upper and lower case for numbers with Cyrillic letters)."""
    text = typed.strip()
    if not text:
        return None
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    variants = dict.fromkeys((escaped, escaped.lower(), escaped.upper()))
    return or_(*(Invoice.number_text.ilike(f"%{v}%", escape="\\") for v in variants))


@dataclass(frozen=True)
class InvoicePage:
    rows: list[InvoiceView]
    next_key: uuid.UUID | None = None  # pass as `after` for the next page; None: the last


def list_invoices(
    session: Session,
    where: InvoiceFilter | None = None,
    *,
    after: uuid.UUID | None = None,
    limit: int = PAGE_SIZE,
) -> InvoicePage:
    """A page of invoices, newest first (ids are time-ordered), with their lines."""
    where = where or InvoiceFilter()
    query = _query().where(Invoice.deleted_at.is_(None))
    if where.status is not None:
        query = query.where(Invoice.status == where.status)
    if where.client_id is not None:
        query = query.where(Invoice.client_id == where.client_id)
    if where.deal_id is not None:
        query = query.where(Invoice.deal_id == where.deal_id)
    if where.order_id is not None:
        query = query.where(Invoice.order_id == where.order_id)
    if where.owner is not None:
        query = query.where(Invoice.owner == where.owner)
    if where.number is not None:
        condition = number_condition(where.number)
        if condition is not None:
            query = query.where(condition)
    if after is not None:
        query = query.where(Invoice.id < after)
    rows = session.execute(query.order_by(Invoice.id.desc()).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    views = _views(session, rows)
    return InvoicePage(views, views[-1].id if more and views else None)


def iter_invoices(
    session: Session, where: InvoiceFilter | None = None, *, page: int = 200
) -> Iterator[InvoiceView]:
    """Every invoice matching `where`, newest first, a page at a time."""
    after: uuid.UUID | None = None
    while True:
        result = list_invoices(session, where, after=after, limit=page)
        yield from result.rows
        if result.next_key is None:
            return
        after = result.next_key
