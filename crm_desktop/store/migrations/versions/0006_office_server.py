"""the office server's own tables (PostgreSQL only): the license document, the seat
registry, the seats' join tokens and sessions, the server's settings and the audit trail
(append-only, written by `crm_write_audit` only)

They hold no business data and are never synchronised; no app user may read or change
them: the SECURITY DEFINER functions of `store/server_functions.py` do that.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

from crm_desktop.store.server_functions import SERVER_TABLES

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(SERVER_TABLES)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "DROP TABLE IF EXISTS public.crm_license, public.crm_seats, public.crm_seat_tokens, "
        "public.crm_seat_sessions, public.crm_server_settings, public.crm_audit"
    )
