"""Creating a database that does not exist yet (an administrator's `init`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from crm_desktop.errors import PermissionDenied
from crm_desktop.i18n import _
from crm_desktop.store.database import Database, classify_connect_error
from crm_desktop.store.location import Location
from crm_desktop.store.schema import upgrade


def create_postgres_database(location: Location) -> None:
    """CREATE DATABASE on the server of `location` (UTF-8, from template0), connecting to
    its maintenance database with the same login and password."""
    maintenance = replace(location, database="postgres")
    engine = create_engine(maintenance.sqlalchemy_url(), isolation_level="AUTOCOMMIT")
    name = (location.database or "").replace('"', '""')
    try:
        with engine.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    except OperationalError as exc:
        raise classify_connect_error(maintenance, str(exc.orig)) from None
    except DBAPIError as exc:
        raise PermissionDenied(
            _(
                "Cannot create the database {db}: {reason}",
                db=location.database,
                reason=str(exc.orig).strip().splitlines()[0],
            )
        ) from None
    finally:
        engine.dispose()


def upgrade_as_admin(db: Database) -> Path | None:
    """`upgrade`, saying in one sentence that only an administrator may when the server
    refuses an ordinary login."""
    try:
        backup = upgrade(db)
        if not db.location.is_sqlite and db.is_server_admin():
            from crm_desktop.store.server_setup import resecure

            resecure(db)  # a secured server stays secured: new tables get their policies
        return backup
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) in ("42501", "42P01"):
            raise PermissionDenied(
                _(
                    "Only an administrator can create or upgrade the schema on {server}.",
                    server=db.location.server_name(),
                )
            ) from None
        raise
