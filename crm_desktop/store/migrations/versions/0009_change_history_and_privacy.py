"""the change history (audit_log, its seals, SQLite's writer context); personal data:
erasure records, privacy requests, card reads, the consent log's purpose details and
evidence, the setting that logs card reads

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

JSONB = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ENTRY_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
BIN_TABLES = ("clients", "deals", "tasks", "invoices", "products")


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


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", ENTRY_ID, autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=True),
        sa.Column("computer", sa.String(length=200), nullable=True),
        sa.Column("table_name", sa.String(length=63), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("changes", JSONB, nullable=False),
        sa.Column("erased", JSONB, nullable=True),
        sa.Column("tx", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_log_record", "audit_log", ["record_id", "id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":  # its seals find a transaction's entries
        op.create_index("ix_audit_log_tx", "audit_log", ["tx"], unique=False)
    op.create_table(
        "audit_seals",
        sa.Column("seq", ENTRY_ID, autoincrement=False, nullable=False),
        sa.Column("first_id", sa.BigInteger(), nullable=False),
        sa.Column("last_id", sa.BigInteger(), nullable=False),
        sa.Column("tx", sa.BigInteger(), nullable=True),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("sealed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_seals")),
    )
    op.create_index(op.f("ix_audit_seals_tx"), "audit_seals", ["tx"], unique=False)
    op.create_table(
        "audit_context",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=True),
        sa.Column("computer", sa.String(length=200), nullable=True),
        sa.Column("tx", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_context")),
    )
    op.execute("INSERT INTO audit_context (id) VALUES (1)")
    op.create_table(
        "erasure_records",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_by", sa.String(length=63), nullable=True),
        sa.Column("ground", sa.Text(), nullable=False),
        sa.Column("what", sa.JSON(), nullable=False),
        sa.Column("backups", sa.JSON(), nullable=False),
        sa.Column("keep_until", sa.Date(), nullable=False),
        *_tracked(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_records")),
    )
    op.create_index(
        op.f("ix_erasure_records_client_id"), "erasure_records", ["client_id"], unique=False
    )
    op.create_table(
        "privacy_requests",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("channel", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *_tracked(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_requests")),
    )
    op.create_index(
        op.f("ix_privacy_requests_client_id"), "privacy_requests", ["client_id"], unique=False
    )
    op.create_table(
        "card_reads",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=True),
        sa.Column("computer", sa.String(length=200), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_reads")),
    )
    op.create_index("ix_card_reads_client", "card_reads", ["client_id", "at"], unique=False)
    for table in BIN_TABLES:  # the recycle bin's list, latest deletion first
        op.create_index(
            f"ix_{table}_bin",
            table,
            ["deleted_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_version", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("channel", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("evidence", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("evidence_name", sa.String(length=200), nullable=True))
    with op.batch_alter_table("company_profile", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("log_card_reads", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    for table in BIN_TABLES:
        op.drop_index(f"ix_{table}_bin", table_name=table)
    with op.batch_alter_table("company_profile", schema=None) as batch_op:
        batch_op.drop_column("log_card_reads")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        for column in ("evidence_name", "evidence", "channel", "text_version"):
            batch_op.drop_column(column)
    op.drop_table("card_reads")
    op.drop_table("privacy_requests")
    op.drop_table("erasure_records")
    op.drop_table("audit_context")
    op.drop_table("audit_seals")
    op.drop_table("audit_log")
