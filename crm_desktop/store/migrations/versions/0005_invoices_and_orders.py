"""invoices and orders: gapless counters per series, payments, what an issued invoice
froze (printed number, both sides' requisites, VAT mode, VAT per line), the order
workflow's statuses, events and attachments, invoice and mail settings of the company

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _tracked() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=63), nullable=True),
        sa.Column("updated_by", sa.String(length=63), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    ]


def _money() -> sa.Numeric[Decimal]:
    return sa.Numeric(precision=14, scale=2)


def upgrade() -> None:
    op.create_table(
        "invoice_counters",
        sa.Column("series", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", name=op.f("pk_invoice_counters")),
    )
    op.create_table(
        "payments",
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("amount", _money(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=True),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_payments_invoice_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    op.create_index(op.f("ix_payments_invoice_id"), "payments", ["invoice_id"])
    op.create_table(
        "order_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=63), nullable=True),
        sa.Column("from_status", sa.String(length=30), nullable=True),
        sa.Column("to_status", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_events_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_events")),
    )
    op.create_index(op.f("ix_order_events_order_id"), "order_events", ["order_id"])
    op.create_table(
        "order_attachments",
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_attachments_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_attachments")),
    )
    op.create_index(op.f("ix_order_attachments_order_id"), "order_attachments", ["order_id"])

    op.add_column("invoices", sa.Column("number_text", sa.String(length=40), nullable=True))
    op.add_column("invoices", sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("invoices", sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "invoices",
        sa.Column("vat_mode", sa.String(length=20), nullable=False, server_default="none"),
    )
    op.add_column("invoices", sa.Column("supplier", sa.JSON(), nullable=True))
    op.add_column("invoices", sa.Column("payer", sa.JSON(), nullable=True))
    op.create_index(op.f("ix_invoices_number_text"), "invoices", ["number_text"])
    op.add_column(
        "invoice_lines",
        sa.Column("vat_amount", _money(), nullable=False, server_default="0"),
    )
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))
    op.execute("UPDATE orders SET status = 'draft' WHERE status = 'new'")
    op.execute("UPDATE orders SET status = 'awaiting_prepayment' WHERE status = 'invoiced'")
    # Invoices issued before this version: their printed number and a counter per year.
    op.execute(
        "UPDATE invoices SET number_text = "
        "CAST(series AS VARCHAR(10)) || '-' || substr('0000' || CAST(number AS VARCHAR(10)), -4)"
        " WHERE number IS NOT NULL AND length(CAST(number AS VARCHAR(10))) <= 4"
        if op.get_bind().dialect.name == "sqlite"
        else "UPDATE invoices SET number_text = series::text || '-' || lpad(number::text, 4, '0')"
        " WHERE number IS NOT NULL"
    )
    op.execute(
        "INSERT INTO invoice_counters (series, last_number) "
        "SELECT series, max(number) FROM invoices WHERE series IS NOT NULL GROUP BY series"
    )

    with op.batch_alter_table("company_profile") as batch:  # nobody refers to it
        batch.add_column(sa.Column("vat_rate", sa.Numeric(precision=5, scale=2), nullable=True))
        batch.add_column(
            sa.Column(
                "vat_rates", sa.String(length=100), nullable=False, server_default="0,5,7,10,22"
            )
        )
        batch.add_column(
            sa.Column(
                "invoice_pattern",
                sa.String(length=60),
                nullable=False,
                server_default="{year}-{number:04d}",
            )
        )
        batch.add_column(
            sa.Column("payment_days", sa.Integer(), nullable=False, server_default="5")
        )
        batch.add_column(sa.Column("smtp_host", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("smtp_port", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column(
                "smtp_security", sa.String(length=10), nullable=False, server_default="starttls"
            )
        )
        batch.add_column(sa.Column("smtp_login", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("smtp_from", sa.String(length=254), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("company_profile") as batch:
        for name in (
            "smtp_from",
            "smtp_login",
            "smtp_security",
            "smtp_port",
            "smtp_host",
            "payment_days",
            "invoice_pattern",
            "vat_rates",
            "vat_rate",
        ):
            batch.drop_column(name)
    op.drop_table("order_attachments")
    op.drop_table("order_events")
    op.drop_table("payments")
    op.drop_table("invoice_counters")
