"""The price list: goods and services with their SKU, unit (OKEI), price and VAT rate.

Prices are per unit and mean what the company's VAT mode says (with VAT included, or
without it when VAT goes on top). A VAT rate is one the company offers, or none.
Products are hidden, not erased (an invoice line may still point at one); the list pages
through a keyset over the case-folded name, so it never loads the whole table.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, tuple_
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop.errors import Conflict, NotFound, ValidationError, stale_record_message
from crm_desktop.i18n import _
from crm_desktop.models import Product, utcnow
from crm_desktop.services.amounts import parse_amount, parse_vat_rate
from crm_desktop.services.invoice_settings import (
    InvoiceSettings,
    check_rate,
    get_invoice_settings,
    rate_text,
)
from crm_desktop.services.units import SERVICE_UNIT, Unit, parse_unit, unit_of
from crm_desktop.store.search_index import fold

NAME_MAX, SKU_MAX, DESCRIPTION_MAX = 300, 60, 20_000
PAGE_SIZE = 50
SERVICE_UNITS = frozenset({"356", "355", "359", "362", "366", SERVICE_UNIT.code})


@dataclass(frozen=True)
class ProductChanges:
    """What to set; None leaves a field as it is ("" clears the SKU or description).
    `vat_rate` "none" (or "") means without VAT; on a new product None takes the
    company's default rate. `unit` is an OKEI code or a name ("шт", "м²", "796")."""

    name: str | None = None
    sku: str | None = None
    unit: str | None = None
    price: str | Decimal | int | None = None
    vat_rate: str | Decimal | None = None
    is_service: bool | None = None
    active: bool | None = None
    description: str | None = None


@dataclass(frozen=True)
class ProductView:
    id: uuid.UUID
    name: str
    sku: str | None
    unit_code: str
    unit_name: str
    price: Decimal
    currency: str
    vat_rate: Decimal | None
    is_service: bool
    active: bool
    description: str | None
    version: int
    deleted: bool = False

    @property
    def unit(self) -> Unit:
        return unit_of(self.unit_code, self.unit_name)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "sku": self.sku,
            "unit": self.unit_name,
            "unit_code": self.unit_code or None,
            "price": str(self.price.quantize(Decimal("0.01"))),
            "currency": self.currency,
            "vat_rate": rate_text(self.vat_rate),
            "is_service": self.is_service,
            "active": self.active,
            "description": self.description,
            "version": self.version,
            "deleted": self.deleted,
        }


def view_of(product: Product) -> ProductView:
    return ProductView(
        id=product.id,
        name=product.name,
        sku=product.sku,
        unit_code=product.unit_code,
        unit_name=product.unit_name,
        price=product.price,
        currency=product.currency,
        vat_rate=product.vat_rate,
        is_service=product.is_service,
        active=product.active,
        description=product.description,
        version=product.version,
        deleted=product.deleted_at is not None,
    )


# --- checking -----------------------------------------------------------------------------


def check_name(raw: str, field: str = "name") -> str:
    name = " ".join(raw.split())
    if not name:
        raise ValidationError(field, _("Enter the name"))
    if len(name) > NAME_MAX:
        raise ValidationError(field, _("At most {n} characters", n=NAME_MAX))
    return name


def check_sku(raw: str, field: str = "sku") -> str | None:
    sku = " ".join(raw.split())
    if len(sku) > SKU_MAX:
        raise ValidationError(field, _("At most {n} characters", n=SKU_MAX))
    return sku or None


def product_rate(
    settings: InvoiceSettings, raw: str | Decimal, field: str = "vat_rate"
) -> Decimal | None:
    """A VAT rate the company offers, or None for without VAT."""
    rate = parse_vat_rate(raw, field)
    check_rate(settings, rate, field)
    return rate


def _sku_taken(session: Session, sku: str, except_id: uuid.UUID | None) -> bool:
    query = select(Product.id).where(
        func.lower(Product.sku) == sku.lower(), Product.deleted_at.is_(None)
    )
    if except_id is not None:
        query = query.where(Product.id != except_id)
    return session.scalar(query.limit(1)) is not None


def _apply(session: Session, product: Product, data: ProductChanges, *, new: bool) -> None:
    settings = get_invoice_settings(session)
    if data.name is not None:
        product.name = check_name(data.name)
    if data.sku is not None:
        sku = check_sku(data.sku)
        if sku is not None and _sku_taken(session, sku, None if new else product.id):
            raise ValidationError("sku", _('SKU "{sku}" is taken by another product', sku=sku))
        product.sku = sku
    if data.unit is not None:
        unit = parse_unit(data.unit)
        product.unit_code, product.unit_name = unit.code, unit.name
    if data.price is not None:
        product.price = parse_amount(data.price, "price")
    if data.vat_rate is not None:
        product.vat_rate = product_rate(settings, data.vat_rate)
    elif new:
        product.vat_rate = settings.default_rate()
    if data.is_service is not None:
        product.is_service = data.is_service
    elif new:
        product.is_service = product.unit_code in SERVICE_UNITS
    if data.active is not None:
        product.active = data.active
    if data.description is not None:
        text = data.description.strip()
        if len(text) > DESCRIPTION_MAX:
            raise ValidationError("description", _("At most {n} characters", n=DESCRIPTION_MAX))
        product.description = text or None


# --- adding and changing ------------------------------------------------------------------


def create_product(session: Session, data: ProductChanges) -> ProductView:
    """A new product or service of the price list."""
    if data.name is None:
        raise ValidationError("name", _("Enter the name"))
    unit = parse_unit(data.unit)
    product = Product(
        name="",
        unit_code=unit.code,
        unit_name=unit.name,
        price=Decimal("0.00"),
        currency="RUB",
        active=True,
    )
    _apply(session, product, ProductChanges(**{**data.__dict__, "unit": None}), new=True)
    session.add(product)
    session.flush()
    return view_of(product)


def load_product(session: Session, product_id: uuid.UUID) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound(_("No product with id {id}", id=product_id))
    return product


def get_product(session: Session, product_id: uuid.UUID) -> ProductView:
    return view_of(load_product(session, product_id))


def find_product(session: Session, ref: uuid.UUID | str) -> Product:
    """A live product by its id or SKU (case ignored)."""
    if isinstance(ref, str):
        text = ref.strip()
        try:
            ref = uuid.UUID(text)
        except ValueError:
            product = session.scalars(
                select(Product)
                .where(func.lower(Product.sku) == text.lower(), Product.deleted_at.is_(None))
                .order_by(Product.id)
                .limit(1)
            ).first()
            if product is None:
                raise NotFound(_('No product with SKU "{sku}"', sku=text)) from None
            return product
    product = session.get(Product, ref)
    if product is None or product.deleted_at is not None:
        raise NotFound(_("No product with id {id}", id=ref))
    return product


def edit_product(
    session: Session,
    product_id: uuid.UUID,
    data: ProductChanges,
    *,
    expected_version: int | None = None,
) -> ProductView:
    """Change a product; `expected_version` refuses (Conflict) a copy someone changed."""
    product = load_product(session, product_id)
    if expected_version is not None and product.version != expected_version:
        raise Conflict(stale_record_message())
    _apply(session, product, data, new=False)
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(stale_record_message()) from None
    return view_of(product)


def delete_product(session: Session, product_id: uuid.UUID) -> ProductView:
    """Hide a product (invoices that name it keep their lines)."""
    product = load_product(session, product_id)
    if product.deleted_at is None:
        product.deleted_at = utcnow()
        session.flush()
    return view_of(product)


def restore_product(session: Session, product_id: uuid.UUID) -> ProductView:
    product = load_product(session, product_id)
    if product.deleted_at is not None:
        if product.sku and _sku_taken(session, product.sku, product.id):
            raise ValidationError(
                "sku", _('SKU "{sku}" is taken by another product', sku=product.sku)
            )
        product.deleted_at = None
        session.flush()
    return view_of(product)


# --- the list -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductKey:
    """Where a page ended: the folded name and id of its last row."""

    name: str
    id: uuid.UUID


@dataclass(frozen=True)
class ProductPage:
    rows: list[ProductView]
    next_key: ProductKey | None  # None: this was the last page


def _fold_sql(session: Session, column: Any) -> ColumnElement[str]:
    """`column` case-folded with ё as е, in SQL (SQLite's lower() folds ASCII only, so it
    gets the Python fold as a function of the connection)."""
    if session.get_bind().dialect.name == "sqlite":
        raw = session.connection().connection.driver_connection
        raw.create_function("crm_fold", 1, _fold_or_none, deterministic=True)  # type: ignore[union-attr]
        return func.crm_fold(column)
    return func.translate(func.lower(column), "ё", "е")


def _fold_or_none(value: str | None) -> str | None:
    return fold(value) if value is not None else None


def _like_pattern(fragment: str) -> str:
    escaped = fold(fragment).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_products(
    session: Session,
    *,
    search: str | None = None,
    active_only: bool = True,
    services: bool | None = None,
    after: ProductKey | None = None,
    limit: int = PAGE_SIZE,
) -> ProductPage:
    """A page of the price list in name order: `search` finds a fragment of the name or
    SKU (case and ё ignored); `services` True/False keeps services or goods only."""
    folded = _fold_sql(session, Product.name).label("folded")
    query = select(Product, folded).where(Product.deleted_at.is_(None))
    if active_only:
        query = query.where(Product.active.is_(True))
    if services is not None:
        query = query.where(Product.is_service.is_(services))
    text = (search or "").strip()
    if text:
        pattern = _like_pattern(text)
        sku = func.lower(Product.sku)
        query = query.where(
            or_(
                folded.expression.like(pattern, escape="\\"),
                sku.like(pattern.lower(), escape="\\"),
            )
        )
    if after is not None:
        query = query.where(tuple_(folded.expression, Product.id) > tuple_(after.name, after.id))
    query = query.order_by(folded.expression, Product.id).limit(limit + 1)
    rows = list(session.execute(query))
    more = len(rows) > limit
    rows = rows[:limit]
    next_key = ProductKey(rows[-1].folded, rows[-1].Product.id) if more and rows else None
    return ProductPage([view_of(row.Product) for row in rows], next_key)


def products_by_ids(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, ProductView]:
    if not ids:
        return {}
    found = session.scalars(select(Product).where(Product.id.in_(list(ids))))
    return {p.id: view_of(p) for p in found}
