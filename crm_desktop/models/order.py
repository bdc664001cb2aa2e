"""Orders that go from sales to accounting and production."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Quantity, Rate, Tracked, str_enum


class OrderStatus(enum.StrEnum):
    NEW = "new"
    INVOICED = "invoiced"
    PREPAID = "prepaid"
    IN_PRODUCTION = "in_production"
    READY = "ready"
    SHIPPED = "shipped"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Order(Tracked, Base):
    __tablename__ = "orders"

    number: Mapped[str | None] = mapped_column(String(30), unique=True)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    deal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deals.id"))
    status: Mapped[OrderStatus] = mapped_column(
        str_enum(OrderStatus, "order_status"), default=OrderStatus.NEW
    )
    owner: Mapped[str | None] = mapped_column(ForeignKey("users.login"))
    due_date: Mapped[dt.date | None]
    total: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    specification: Mapped[str | None] = mapped_column(Text)


class OrderLine(Tracked, Base):
    __tablename__ = "order_lines"

    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id"), index=True)
    product_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("products.id"))
    name: Mapped[str] = mapped_column(String(300))
    unit_name: Mapped[str] = mapped_column(String(20), default="шт")
    quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal("1"))
    price: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    vat_rate: Mapped[Decimal | None] = mapped_column(Rate)
