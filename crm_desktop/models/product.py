"""The price list: goods and services with unit, price and VAT rate."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Rate, Tracked


class Product(Tracked, Base):
    __tablename__ = "products"

    name: Mapped[str] = mapped_column(String(300))
    sku: Mapped[str | None] = mapped_column(String(60), index=True)
    unit_code: Mapped[str] = mapped_column(String(4), default="796")  # OKEI: 796 = шт
    unit_name: Mapped[str] = mapped_column(String(20), default="шт")
    price: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    currency: Mapped[str] = mapped_column(String(3), default="RUB")
    vat_rate: Mapped[Decimal | None] = mapped_column(Rate)  # None: without VAT
    is_service: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    description: Mapped[str | None] = mapped_column(Text)


# the recycle bin's list (latest deletion first), a page at a time even with a million rows
Index(
    "ix_products_bin",
    Product.deleted_at,
    Product.id,
    sqlite_where=text("deleted_at IS NOT NULL"),
    postgresql_where=text("deleted_at IS NOT NULL"),
)
