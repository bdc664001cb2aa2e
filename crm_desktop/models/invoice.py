"""Invoices (счета) with lines. A draft has no number; the number comes from a gapless
series when the invoice is issued, and an issued invoice is never edited."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Quantity, Rate, Tracked, str_enum


class InvoiceStatus(enum.StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    CANCELLED = "cancelled"


class VatMode(enum.StrEnum):
    """How an invoice's prices treat VAT (frozen on the invoice when it is made)."""

    NONE = "none"  # without VAT (simplified taxation)
    INCLUDED = "included"  # prices include VAT; VAT is shown "в том числе"
    ON_TOP = "on_top"  # VAT is added to the prices


class Invoice(Tracked, Base):
    __tablename__ = "invoices"

    series: Mapped[int | None]  # the year of the gapless series
    number: Mapped[int | None]
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"))  # see client_issue
    deal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deals.id"))
    order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("orders.id"))
    status: Mapped[InvoiceStatus] = mapped_column(
        str_enum(InvoiceStatus, "invoice_status"), default=InvoiceStatus.DRAFT
    )
    owner: Mapped[str | None] = mapped_column(ForeignKey("users.login"))
    issue_date: Mapped[dt.date | None]
    due_date: Mapped[dt.date | None]
    currency: Mapped[str] = mapped_column(String(3), default="RUB")
    total: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    vat_total: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    paid_amount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    paid_at: Mapped[dt.datetime | None]
    note: Mapped[str | None] = mapped_column(Text)
    # Set when issued: the number as printed ("2026-0001"), when, and the requisites of
    # both sides as they were then (JSON), so later edits of a card never change it.
    number_text: Mapped[str | None] = mapped_column(String(40), index=True)
    issued_at: Mapped[dt.datetime | None]
    cancelled_at: Mapped[dt.datetime | None]
    vat_mode: Mapped[str] = mapped_column(String(20), default="none", server_default="none")
    supplier: Mapped[dict[str, Any] | None]
    payer: Mapped[dict[str, Any] | None]
    # Issued on a laptop replica with no network: the day the number was asked for (the
    # office server gives it at the next sync), and the server's reason if it could not.
    issue_requested_on: Mapped[dt.date | None]
    issue_refusal: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (
        UniqueConstraint("series", "number", name="uq_invoices_number"),
        Index("ix_invoices_issue_date", "issue_date"),  # the reports' periods
        # a client's invoices, and what the client analytics read of them (ABC, RFM,
        # churn...) without visiting the table
        Index(
            "ix_invoices_client_issue",
            "client_id",
            "issue_date",
            "status",
            "deleted_at",
            "owner",
            "total",
        ),
        Index(
            "ix_invoices_issue_requested",
            "issue_requested_on",
            postgresql_where=text("issue_requested_on IS NOT NULL"),
            sqlite_where=text("issue_requested_on IS NOT NULL"),
        ),
    )


class InvoiceLine(Tracked, Base):
    __tablename__ = "invoice_lines"

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    product_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("products.id"))
    name: Mapped[str] = mapped_column(String(300))
    unit_code: Mapped[str] = mapped_column(String(4), default="796")
    unit_name: Mapped[str] = mapped_column(String(20), default="шт")
    quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal("1"))
    price: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    vat_rate: Mapped[Decimal | None] = mapped_column(Rate)
    amount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    vat_amount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"), server_default="0")


class InvoiceCounter(Base):
    """The last number issued in each series (a year): taken and advanced in the issuing
    transaction, so numbers have no gaps and no repeats (the row lock serialises issuers)."""

    __tablename__ = "invoice_counters"

    series: Mapped[int] = mapped_column(primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)


class Payment(Tracked, Base):
    """Money received against an invoice."""

    __tablename__ = "payments"

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"), index=True)
    amount: Mapped[Decimal]
    paid_on: Mapped[dt.date] = mapped_column(index=True)
    note: Mapped[str | None] = mapped_column(String(300))


# the recycle bin's list (latest deletion first), a page at a time even with a million rows
Index(
    "ix_invoices_bin",
    Invoice.deleted_at,
    Invoice.id,
    sqlite_where=text("deleted_at IS NOT NULL"),
    postgresql_where=text("deleted_at IS NOT NULL"),
)
