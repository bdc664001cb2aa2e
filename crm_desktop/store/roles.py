"""What the database itself says about a login."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def is_database_admin(session: Session, login: str) -> bool:
    """On PostgreSQL a superuser (or a login with CREATEROLE) acts as the CRM
    administrator (ARCHITECTURE.md, the command line). It is the acting login's role that
    counts, not the connection's: a privileged connection acting for someone else (the
    sync, say) gives that someone nothing. SQLite has no such logins."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    row = session.execute(
        text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = :login"),
        {"login": login},
    ).scalar()
    return bool(row)
