"""segments, consents to marketing mail, letter templates and mailings; a client's
"unsubscribed" mark; indexes the reports read by (invoices by issue date, payments by
day, interactions by time)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
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


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unsubscribed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "segments",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_folded", sa.String(length=100), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        *_tracked(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segments")),
    )
    op.create_index(op.f("ix_segments_name_folded"), "segments", ["name_folded"], unique=False)
    op.create_table(
        "consents",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        *_tracked(),
        _fk("consents", "client_id", "clients"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    op.create_index(op.f("ix_consents_client_id"), "consents", ["client_id"], unique=False)
    op.create_table(
        "mail_templates",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_folded", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        *_tracked(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_templates")),
    )
    op.create_index(
        op.f("ix_mail_templates_name_folded"), "mail_templates", ["name_folded"], unique=False
    )
    op.create_table(
        "mail_runs",
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("segment_name", sa.String(length=100), nullable=False),
        sa.Column("template_name", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        *_tracked(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_runs")),
    )
    op.create_table(
        "mail_recipients",
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("client_name", sa.String(length=300), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        *_tracked(),
        _fk("mail_recipients", "run_id", "mail_runs"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_recipients")),
        sa.UniqueConstraint("run_id", "client_id", name="uq_mail_recipients_run_client"),
    )
    op.create_index(
        "ix_mail_recipients_run_status", "mail_recipients", ["run_id", "status"], unique=False
    )
    # the reports' periods
    op.create_index("ix_invoices_issue_date", "invoices", ["issue_date"], unique=False)
    op.create_index("ix_payments_paid_on", "payments", ["paid_on"], unique=False)
    op.create_index(
        "ix_interactions_occurred_at",
        "interactions",
        ["occurred_at", "user_login", "kind", "deleted_at"],
        unique=False,
    )
    # a client's invoices with what the client analytics read of them (covering: measured
    # on 500,000 invoices, churn 5.7 → 1.1 s and ABC 2.7 → 1.0 s on SQLite); it serves
    # the lookups by client the old one-column index did
    op.create_index(
        "ix_invoices_client_issue",
        "invoices",
        ["client_id", "issue_date", "status", "deleted_at", "owner", "total"],
        unique=False,
    )
    op.drop_index("ix_invoices_client_id", table_name="invoices")


def downgrade() -> None:
    op.create_index("ix_invoices_client_id", "invoices", ["client_id"], unique=False)
    op.drop_index("ix_invoices_client_issue", table_name="invoices")
    op.drop_index("ix_interactions_occurred_at", table_name="interactions")
    op.drop_index("ix_payments_paid_on", table_name="payments")
    op.drop_index("ix_invoices_issue_date", table_name="invoices")
    op.drop_index("ix_mail_recipients_run_status", table_name="mail_recipients")
    op.drop_table("mail_recipients")
    op.drop_table("mail_runs")
    op.drop_index(op.f("ix_mail_templates_name_folded"), table_name="mail_templates")
    op.drop_table("mail_templates")
    op.drop_index(op.f("ix_consents_client_id"), table_name="consents")
    op.drop_table("consents")
    op.drop_index(op.f("ix_segments_name_folded"), table_name="segments")
    op.drop_table("segments")
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_column("unsubscribed_at")
