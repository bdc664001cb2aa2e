"""invoices issued on a laptop replica without a network: the day the user asked for the
number (`issue_requested_on`), and the office server's reason when it could not give one
(`issue_refusal`)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invoices", sa.Column("issue_requested_on", sa.Date(), nullable=True))
    op.add_column("invoices", sa.Column("issue_refusal", sa.String(500), nullable=True))
    # the office looks for invoices waiting for their number at every laptop's sync
    waiting = sa.text("issue_requested_on IS NOT NULL")
    op.create_index(
        "ix_invoices_issue_requested",
        "invoices",
        ["issue_requested_on"],
        postgresql_where=waiting,
        sqlite_where=waiting,
    )


def downgrade() -> None:
    op.drop_index("ix_invoices_issue_requested", table_name="invoices")
    with op.batch_alter_table("invoices") as batch:
        batch.drop_column("issue_refusal")
        batch.drop_column("issue_requested_on")
