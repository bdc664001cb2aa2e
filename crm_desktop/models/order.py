"""Orders that go from sales to accounting and production."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Quantity, Rate, Tracked, new_id, str_enum, utcnow


class OrderStatus(enum.StrEnum):
    DRAFT = "draft"
    AWAITING_PREPAYMENT = "awaiting_prepayment"
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
        str_enum(OrderStatus, "order_status"), default=OrderStatus.DRAFT
    )
    owner: Mapped[str | None] = mapped_column(ForeignKey("users.login"))
    due_date: Mapped[dt.date | None]
    total: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    specification: Mapped[str | None] = mapped_column(Text)  # a custom product, described
    note: Mapped[str | None] = mapped_column(Text)


class OrderLine(Tracked, Base):
    __tablename__ = "order_lines"

    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id"), index=True)
    product_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("products.id"))
    name: Mapped[str] = mapped_column(String(300))
    unit_name: Mapped[str] = mapped_column(String(20), default="шт")
    quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal("1"))
    price: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    vat_rate: Mapped[Decimal | None] = mapped_column(Rate)


class OrderEvent(Base):
    """One move of an order through its workflow: who, when, from where to where."""

    __tablename__ = "order_events"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    by: Mapped[str | None] = mapped_column(String(63))
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)


class OrderAttachment(Tracked, Base):
    """A file that goes with an order to production (a drawing, a photo, a spec)."""

    __tablename__ = "order_attachments"

    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
