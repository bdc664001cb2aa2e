"""Invoices made from what sales already has: a deal (its products, or its amount) and an
order (its lines, its custom description and total, or a prepayment). Lines are copied
by value: a product's price may change later, the invoice keeps what was agreed."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import BadInput, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import DealLine, Invoice, Order, OrderLine, Product, VatMode
from crm_desktop.services.amounts import parse_amount
from crm_desktop.services.invoice_settings import get_invoice_settings, parse_vat_mode
from crm_desktop.services.invoice_views import InvoiceView, get_invoice
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    create_invoice,
    flush_invoice,
    live_deal,
)
from crm_desktop.services.units import Unit, parse_unit, unit_of


def create_invoice_from_deal(
    session: Session,
    deal_id: uuid.UUID,
    *,
    use: Literal["lines", "amount"] | None = None,
    changes: InvoiceChanges | None = None,
) -> InvoiceView:
    """A draft for the deal's client: its product lines (`use="lines"`), or one line
    with the deal's title and amount (`use="amount"`); None: the lines if it has any.
    `changes` (due date, note ...) are applied too; its `lines` replace the deal's."""
    deal = live_deal(session, deal_id)
    deal_lines = list(
        session.scalars(
            select(DealLine)
            .where(DealLine.deal_id == deal.id, DealLine.deleted_at.is_(None))
            .order_by(DealLine.created_at, DealLine.id)
        )
    )
    if use is None:
        use = "lines" if deal_lines else "amount"
    if use == "lines" and not deal_lines:
        raise BadInput(_("The deal has no products to invoice; invoice its amount instead"))
    if use == "amount" and deal.amount <= 0:
        raise BadInput(_("The deal has no amount to invoice"))
    base = changes or InvoiceChanges()
    without_vat = _mode_of(session, base) is VatMode.NONE
    products = _products(session, [line.product_id for line in deal_lines])
    if use == "lines":
        lines = []
        for line in deal_lines:
            product = products.get(line.product_id) if line.product_id else None
            unit = unit_of(product.unit_code, product.unit_name) if product is not None else None
            rate: Decimal | Literal["default"] | None = "default" if without_vat else line.vat_rate
            lines.append(
                _copied_line(line.product_id, line.name, unit, line.quantity, line.price, rate)
            )
    else:
        lines = [_copied_line(None, deal.title, None, Decimal(1), deal.amount, "default")]
    return create_invoice(
        session,
        InvoiceChanges(
            client_id=deal.client_id,
            deal_id=deal.id,
            lines=base.lines if base.lines is not None else lines,
            due_date=base.due_date,
            note=base.note,
            vat_mode=base.vat_mode,
        ),
    )


def create_invoice_from_order(
    session: Session,
    order_id: uuid.UUID,
    *,
    prepayment: str | Decimal | None = None,
    changes: InvoiceChanges | None = None,
) -> InvoiceView:
    """A draft for the order's client, linked to the order: with the order's lines (for
    a custom order without lines, one line of its description and total), or with one
    line "Prepayment for order N" of `prepayment` (the order's workflow asks for one)."""
    order = session.get(Order, order_id)
    if order is None or order.deleted_at is not None:
        raise ValidationError("order", _("No order with id {id}", id=order_id))
    order_lines = list(
        session.scalars(
            select(OrderLine)
            .where(OrderLine.order_id == order.id, OrderLine.deleted_at.is_(None))
            .order_by(OrderLine.created_at, OrderLine.id)
        )
    )
    base = changes or InvoiceChanges()
    without_vat = _mode_of(session, base) is VatMode.NONE
    if prepayment is not None:
        amount = parse_amount(prepayment, "prepayment")
        if amount <= 0:
            raise ValidationError("prepayment", _("A prepayment must be more than zero"))
        name = _("Prepayment for order {number}", number=order.number or "")
        lines = [_copied_line(None, name.strip(), None, Decimal(1), amount, "default")]
    elif order_lines:
        products = _products(session, [line.product_id for line in order_lines])
        lines = []
        for line in order_lines:
            product = products.get(line.product_id) if line.product_id else None
            unit = (
                unit_of(product.unit_code, product.unit_name)
                if product is not None and product.unit_name == line.unit_name
                else parse_unit(line.unit_name)
            )
            rate: Decimal | Literal["default"] | None = "default" if without_vat else line.vat_rate
            lines.append(
                _copied_line(line.product_id, line.name, unit, line.quantity, line.price, rate)
            )
    elif order.total > 0:
        title = (order.specification or "").strip().splitlines()
        name = title[0][:300] if title else _("Order {number}", number=order.number or "")
        lines = [_copied_line(None, name, None, Decimal(1), order.total, "default")]
    else:
        raise BadInput(_("The order has no lines and no total to invoice"))
    view = create_invoice(
        session,
        InvoiceChanges(
            client_id=order.client_id,
            deal_id=order.deal_id,
            lines=base.lines if base.lines is not None else lines,
            due_date=base.due_date,
            note=base.note,
            vat_mode=base.vat_mode,
        ),
    )
    invoice = session.get_one(Invoice, view.id)
    invoice.order_id = order.id
    flush_invoice(session)
    return get_invoice(session, invoice.id)


def _mode_of(session: Session, changes: InvoiceChanges) -> VatMode:
    if changes.vat_mode is not None:
        return parse_vat_mode(changes.vat_mode)
    return get_invoice_settings(session).vat_mode


def _products(session: Session, ids: Sequence[uuid.UUID | None]) -> dict[uuid.UUID, Product]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(wanted)))}


def _copied_line(
    product_id: uuid.UUID | None,
    name: str,
    unit: Unit | None,
    quantity: Decimal,
    price: Decimal,
    vat_rate: Decimal | Literal["default"] | None,
) -> InvoiceLineInput:
    """A line copied from a deal or an order (by value: the product may have changed)."""
    return InvoiceLineInput(
        product=None,
        name=name,
        quantity=quantity,
        unit=(unit.code or unit.name) if unit is not None else None,
        price=price,
        vat_rate=None if vat_rate == "default" else ("none" if vat_rate is None else vat_rate),
    )
