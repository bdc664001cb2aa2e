"""Alembic environment: always driven from `crm_desktop.store.schema` with an open connection."""

from __future__ import annotations

from alembic import context

from crm_desktop.models import Base

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot alter tables in place
    compare_type=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
