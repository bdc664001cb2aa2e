"""Who the database itself says the connected login is."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def is_database_admin(session: Session) -> bool:
    """On PostgreSQL a superuser (or a login with CREATEROLE) acts as the CRM
    administrator (ARCHITECTURE.md, the command line). SQLite has no such logins."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    row = session.execute(
        text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user")
    ).scalar()
    return bool(row)
