"""A deal's products: lines taken from the price list (name, quantity, price, VAT rate),
or written by hand; their sum is the deal's amount."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import DealLine, Product, utcnow
from crm_desktop.services.amounts import CENT, parse_amount, parse_quantity, parse_vat_rate
from crm_desktop.services.deal_lists import money_text

NAME_MAX = 300


@dataclass(frozen=True)
class LineInput:
    """A product line as given: a product of the price list (id, SKU or exact name)
    lends its name, price and VAT rate unless they are given; a line without a product
    needs a name."""

    product: uuid.UUID | str | None = None
    name: str | None = None
    quantity: str | Decimal | int = 1
    price: str | Decimal | None = None
    vat_rate: str | Decimal | None = None  # None: the product's; "" : without VAT


@dataclass(frozen=True)
class CheckedLine:
    product_id: uuid.UUID | None
    name: str
    quantity: Decimal
    price: Decimal
    vat_rate: Decimal | None

    @property
    def amount(self) -> Decimal:
        return line_amount(self.quantity, self.price)


@dataclass(frozen=True)
class LineView:
    id: uuid.UUID
    product_id: uuid.UUID | None
    name: str
    quantity: Decimal
    price: Decimal
    vat_rate: Decimal | None  # percent; None: without VAT
    amount: Decimal  # VAT included, as Russian prices are

    def to_json(self) -> dict[str, Any]:
        return {
            "product_id": str(self.product_id) if self.product_id else None,
            "name": self.name,
            "quantity": plain(self.quantity),
            "price": money_text(self.price),
            "vat_rate": plain(self.vat_rate) if self.vat_rate is not None else None,
            "amount": money_text(self.amount),
        }


def line_amount(quantity: Decimal, price: Decimal) -> Decimal:
    return (quantity * price).quantize(CENT, rounding=ROUND_HALF_UP)


def lines_total(lines: list[CheckedLine]) -> Decimal:
    return sum((line.amount for line in lines), Decimal("0.00"))


def plain(value: Decimal) -> str:
    """ "2", "2.5": a quantity or rate without trailing zeros (and no exponent)."""
    return format(value.normalize(), "f")


def check_line(session: Session, given: LineInput) -> CheckedLine:
    product = find_product(session, given.product) if given.product is not None else None
    name = " ".join((given.name or "").split()) or (product.name if product else "")
    if not name:
        raise ValidationError("lines", _("A product line needs a product or a name"))
    if len(name) > NAME_MAX:
        raise ValidationError(
            "lines", _("Too long: at most {n} characters, given {m}", n=NAME_MAX, m=len(name))
        )
    if given.price is not None:
        price = parse_amount(given.price, "price")
    else:
        price = product.price if product else Decimal("0.00")
    if given.vat_rate is not None:
        vat = parse_vat_rate(given.vat_rate)
    else:
        vat = product.vat_rate if product else None
    quantity = parse_quantity(given.quantity)
    return CheckedLine(product.id if product else None, name, quantity, price, vat)


def find_product(session: Session, ref: uuid.UUID | str) -> Product:
    """A product of the price list still sold, by id, SKU or exact name."""
    product: Product | None = None
    if isinstance(ref, uuid.UUID):
        product = session.get(Product, ref)
    else:
        text = ref.strip()
        try:
            product = session.get(Product, uuid.UUID(text))
        except ValueError:
            for column in (Product.sku, Product.name):
                product = session.scalar(
                    select(Product)
                    .where(column == text, Product.deleted_at.is_(None))
                    .order_by(Product.active.desc(), Product.id)
                    .limit(1)
                )
                if product is not None:
                    break
    if product is None or product.deleted_at is not None:
        raise ValidationError("product", _('No product "{ref}" in the price list', ref=ref))
    if not product.active:
        raise ValidationError("product", _('Product "{name}" is no longer sold', name=product.name))
    return product


def replace_lines(session: Session, deal_id: uuid.UUID, lines: list[CheckedLine]) -> None:
    """The deal's lines become `lines` (the old ones are tombstoned)."""
    now = utcnow()
    for old in live_lines(session, deal_id):
        old.deleted_at = now
    for line in lines:
        session.add(
            DealLine(
                deal_id=deal_id,
                product_id=line.product_id,
                name=line.name,
                quantity=line.quantity,
                price=line.price,
                vat_rate=line.vat_rate,
            )
        )


def live_lines(session: Session, deal_id: uuid.UUID) -> list[DealLine]:
    return list(
        session.scalars(
            select(DealLine)
            .where(DealLine.deal_id == deal_id, DealLine.deleted_at.is_(None))
            .order_by(DealLine.created_at, DealLine.id)
        )
    )


def line_views(lines: list[DealLine]) -> tuple[LineView, ...]:
    return tuple(
        LineView(
            line.id,
            line.product_id,
            line.name,
            line.quantity,
            line.price,
            line.vat_rate,
            line_amount(line.quantity, line.price),
        )
        for line in lines
    )
