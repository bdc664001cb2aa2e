"""Payments against issued invoices: each one moves the invoice to partly paid, or paid
when they reach its total; one recorded by mistake is removed and the status follows."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound, Refused, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Invoice, InvoiceStatus, Payment, utcnow
from crm_desktop.services.amounts import parse_amount
from crm_desktop.services.dates import parse_date
from crm_desktop.services.invoice_views import InvoiceView, get_invoice
from crm_desktop.services.invoicing import flush_invoice, invoice_label, load_invoice


def _settle(session: Session, invoice: Invoice) -> None:
    """The paid amount from the live payments, and the status that follows from it."""
    paid = sum(
        session.scalars(
            select(Payment.amount).where(
                Payment.invoice_id == invoice.id, Payment.deleted_at.is_(None)
            )
        ),
        Decimal("0.00"),
    )
    invoice.paid_amount = paid
    if paid <= 0:
        invoice.status, invoice.paid_at = InvoiceStatus.ISSUED, None
    elif paid < invoice.total:
        invoice.status, invoice.paid_at = InvoiceStatus.PARTLY_PAID, None
    else:
        invoice.status = InvoiceStatus.PAID
        invoice.paid_at = invoice.paid_at or utcnow()


def add_payment(
    session: Session,
    invoice_id: uuid.UUID,
    amount: str | Decimal | int,
    *,
    paid_on: str | dt.date | None = None,
    note: str | None = None,
) -> InvoiceView:
    """Record money received: the invoice becomes partly paid, or paid when the payments
    reach its total. More than is left to pay is refused."""
    invoice = load_invoice(session, invoice_id, lock=True)
    if invoice.status is InvoiceStatus.DRAFT:
        raise Refused(_("Issue the invoice before recording a payment."))
    if invoice.status is InvoiceStatus.CANCELLED:
        raise Refused(
            _("Invoice {number} is cancelled and takes no payments.", number=invoice_label(invoice))
        )
    value = parse_amount(amount, "amount")
    if value <= 0:
        raise ValidationError("amount", _("A payment must be more than zero"))
    left = invoice.total - invoice.paid_amount
    if value > left:
        raise ValidationError(
            "amount",
            _(
                "The payment is more than the {left} left to pay",
                left=f"{left:.2f}",
            ),
        )
    day = parse_date(paid_on, "date") if paid_on is not None else dt.date.today()
    if day > dt.date.today():
        raise ValidationError("date", _("A payment cannot be dated in the future"))
    session.add(
        Payment(
            invoice_id=invoice.id,
            amount=value,
            paid_on=day,
            note=(note or "").strip()[:300] or None,
        )
    )
    session.flush()
    _settle(session, invoice)
    flush_invoice(session)
    return get_invoice(session, invoice.id)


def delete_payment(session: Session, payment_id: uuid.UUID) -> InvoiceView:
    """Remove a payment recorded by mistake; the invoice's status follows."""
    payment = session.get(Payment, payment_id)
    if payment is None or payment.deleted_at is not None:
        raise NotFound(_("No payment with id {id}", id=payment_id))
    invoice = load_invoice(session, payment.invoice_id, lock=True)
    if invoice.status is InvoiceStatus.CANCELLED:
        raise Refused(
            _("Invoice {number} is cancelled and cannot be changed.", number=invoice_label(invoice))
        )
    payment.deleted_at = utcnow()
    session.flush()
    _settle(session, invoice)
    flush_invoice(session)
    return get_invoice(session, invoice.id)
