from __future__ import annotations

from sqlalchemy import text

from crm_desktop.store.database import Database
from crm_desktop.store.schema import SchemaState, head_revision, schema_state


def test_migrated_database_is_current(db: Database) -> None:
    assert schema_state(db) is SchemaState.CURRENT
    with db.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == head_revision()
        )
