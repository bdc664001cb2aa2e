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

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = """
CREATE TABLE IF NOT EXISTS public.crm_license (
    id integer PRIMARY KEY CHECK (id = 1),
    document text NOT NULL,
    signature text NOT NULL,
    installed_at timestamptz NOT NULL DEFAULT now(),
    installed_by text NOT NULL DEFAULT session_user
);
CREATE TABLE IF NOT EXISTS public.crm_seats (
    slot integer PRIMARY KEY,
    login text NOT NULL,
    host text NOT NULL DEFAULT '',
    since timestamptz NOT NULL DEFAULT now(),
    pid integer NOT NULL
);
CREATE TABLE IF NOT EXISTS public.crm_seat_tokens (
    slot integer PRIMARY KEY,
    holder_pid integer NOT NULL,
    login text NOT NULL,
    token text NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS public.crm_seat_sessions (
    pid integer PRIMARY KEY,
    slot integer NOT NULL,
    holder_pid integer NOT NULL,
    joined_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS public.crm_server_settings (
    id integer PRIMARY KEY CHECK (id = 1),
    unassigned_visible boolean NOT NULL DEFAULT false,
    role_prefix text
);
INSERT INTO public.crm_server_settings (id) VALUES (1) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS public.crm_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    login text NOT NULL DEFAULT session_user,
    action text NOT NULL,
    table_name text NOT NULL DEFAULT '',
    record_id text,
    details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS ix_crm_audit_at ON public.crm_audit (at);
REVOKE ALL ON public.crm_license, public.crm_seats, public.crm_seat_tokens,
    public.crm_seat_sessions, public.crm_server_settings, public.crm_audit FROM PUBLIC;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(TABLES)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "DROP TABLE IF EXISTS public.crm_license, public.crm_seats, public.crm_seat_tokens, "
        "public.crm_seat_sessions, public.crm_server_settings, public.crm_audit"
    )
