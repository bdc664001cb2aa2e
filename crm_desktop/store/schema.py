"""Schema versions: create, check and upgrade a database with the packaged Alembic migrations.

SQLite files are upgraded on open, after a backup, in one transaction that rolls back
whole on error. On PostgreSQL only an administrator upgrades (`init`/`server init`); a
desktop that finds an older schema says so, and a newer one makes it refuse to write.
"""

from __future__ import annotations

import datetime as dt
import enum
import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from crm_desktop.errors import BadInput, SchemaMismatch
from crm_desktop.i18n import _
from crm_desktop.store.database import Database

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"

# Every revision shipped, oldest first. Checking a database's version needs no Alembic
# import (it costs 100 ms at every start); a unit test keeps this list equal to the
# migration scripts.
REVISIONS: tuple[str, ...] = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009"
)

# Other layers (sync, audit) register callables here to reinstall what they keep in the
# database (triggers) after every migration; each gets the connection of the upgrade.
after_migrate: list[Callable[[Connection], None]] = []


def _server_functions(conn: Connection) -> None:
    from crm_desktop.store.server_functions import after_migrate as install

    install(conn)


after_migrate.append(_server_functions)


def _change_capture(conn: Connection) -> None:
    from crm_desktop.store.change_capture import reinstall_after_migration

    reinstall_after_migration(conn)


after_migrate.append(_change_capture)


def _change_history(conn: Connection) -> None:
    from crm_desktop.store.audit_capture import after_migrate as install

    install(conn)


after_migrate.append(_change_history)


class SchemaState(enum.Enum):
    EMPTY = "empty"
    CURRENT = "current"
    OLDER = "older"
    NEWER = "newer"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return REVISIONS[-1]


def current_revision(connection: Connection) -> str | None:
    value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(value) if value is not None else None


def schema_state(db: Database) -> SchemaState:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return SchemaState.EMPTY
        current = current_revision(conn)
    if current is None:
        return SchemaState.EMPTY
    if current == head_revision():
        return SchemaState.CURRENT
    if current in REVISIONS:
        return SchemaState.OLDER
    return SchemaState.NEWER


def refuse_newer(db: Database) -> SchemaMismatch:
    return SchemaMismatch(
        _(
            "The database {db} was made by a newer version of crm-desktop; "
            "update the program. Nothing was changed.",
            db=db.location.describe(),
        )
    )


def upgrade(db: Database, *, backup_first: bool = True) -> Path | None:
    """Bring the schema to this program's version; returns the backup made first of an
    older schema (store/backup.py; on PostgreSQL only a superuser may upgrade).

    Refuses a schema newer than the program. The whole upgrade is one transaction.
    """
    state = schema_state(db)
    if state is SchemaState.NEWER:
        raise refuse_newer(db)
    if state is SchemaState.CURRENT:
        return None
    if state is SchemaState.EMPTY and _holds_other_tables(db):
        raise BadInput(
            _(
                "{db} already holds other data and is no crm-desktop database: "
                "choose another file or database.",
                db=db.location.describe(),
            )
        )
    backup = None
    if state is SchemaState.OLDER and backup_first:
        from crm_desktop.store.backup import backup_before_upgrade

        backup = backup_before_upgrade(db)
    from alembic import command

    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
        for hook in after_migrate:
            hook(conn)
    return backup


def ensure_usable(db: Database, *, upgrade_sqlite: bool = True) -> None:
    """Check (and on SQLite, bring up to date) the schema before any work; refuse a
    laptop's replica whose first download did not finish."""
    _ensure_schema(db, upgrade_sqlite=upgrade_sqlite)
    if db.location.is_sqlite:
        from crm_desktop.store.change_capture import download_unfinished

        with db.engine.connect() as conn:
            unfinished = download_unfinished(conn)
        if unfinished:
            raise BadInput(
                _(
                    "The first download of this laptop's copy {db} did not finish: run "
                    "'crm-desktop --db FILE replica init --server URL' again to complete it.",
                    db=db.location.describe(),
                )
            )


def _ensure_schema(db: Database, *, upgrade_sqlite: bool) -> None:
    state = schema_state(db)
    if state is SchemaState.CURRENT:
        return
    if state is SchemaState.NEWER:
        raise refuse_newer(db)
    if state is SchemaState.EMPTY and db.location.is_sqlite:
        raise BadInput(
            _(
                "{db} holds no crm-desktop data yet: run 'crm-desktop init' first.",
                db=db.location.describe(),
            )
        )
    if db.location.is_sqlite and upgrade_sqlite:
        upgrade(db)
        return
    if state is SchemaState.EMPTY:
        raise SchemaMismatch(
            _(
                "The database {db} has no CRM data yet: an administrator must run "
                "'crm-desktop --db URL init' first.",
                db=db.location.describe(),
            )
        )
    raise SchemaMismatch(
        _(
            "The database {db} has an older schema than this program: an administrator must "
            "upgrade it with 'crm-desktop server init' (or 'init' with an administrator's login).",
            db=db.location.describe(),
        )
    )


def _holds_other_tables(db: Database) -> bool:
    with db.engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
    return bool(names - {"alembic_version"})


def backup_sqlite(path: Path) -> Path:
    """A consistent copy of the file (SQLite's online backup), beside it in `backups/`."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target_dir = path.parent / "backups"
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{path.stem}-{stamp}{path.suffix or '.sqlite3'}"
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target
