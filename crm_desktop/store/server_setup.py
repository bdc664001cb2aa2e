"""`server init`: make (or upgrade) the CRM database on an existing PostgreSQL server:
the database, its roles, the schema, the functions and the row-level security. Running it
again upgrades the schema and reinstalls the rest; nothing else changes a server's schema.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from crm_desktop.errors import BadInput, PermissionDenied
from crm_desktop.i18n import _
from crm_desktop.store import change_capture
from crm_desktop.store.database import (
    Database,
    DatabaseMissing,
    classify_connect_error,
    open_database,
)
from crm_desktop.store.location import Location
from crm_desktop.store.provisioning import create_postgres_database
from crm_desktop.store.schema import head_revision, upgrade
from crm_desktop.store.server_functions import install_functions
from crm_desktop.store.server_roles import ServerRoles, stored_roles
from crm_desktop.store.server_security import install_security, make_like_leakproof

MIN_SERVER_VERSION = 150000


@dataclass(frozen=True)
class ServerInitReport:
    database: str
    created: bool
    schema: str
    server_version: str
    roles: ServerRoles
    search_index_under_rls: bool

    def to_json(self) -> dict[str, object]:
        return {
            "database": self.database,
            "created": self.created,
            "schema": self.schema,
            "server_version": self.server_version,
            "owner_role": self.roles.owner,
            "group_role": self.roles.users,
            "role_groups": self.roles.groups(),
            "search_index_under_rls": self.search_index_under_rls,
        }


def _check_admin(admin: Location) -> tuple[str, bool]:
    """The server's version; refuses a login that may not create databases and roles,
    and a PostgreSQL older than 15."""
    maintenance = replace(admin, database=admin.database or "postgres")
    engine = create_engine(maintenance.sqlalchemy_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            version_num = int(conn.execute(text("SHOW server_version_num")).scalar_one())
            version = str(conn.execute(text("SHOW server_version")).scalar_one())
            rights = conn.execute(
                text(
                    "SELECT rolsuper, rolsuper FROM pg_catalog.pg_roles "
                    "WHERE rolname = session_user"
                )
            ).one()
    except OperationalError as exc:
        raise classify_connect_error(maintenance, str(exc.orig)) from None
    finally:
        engine.dispose()
    if version_num < MIN_SERVER_VERSION:
        raise BadInput(
            _(
                "PostgreSQL {version} is too old: the CRM needs PostgreSQL 15 or newer.",
                version=version,
            )
        )
    if not rights[1]:
        raise PermissionDenied(
            _(
                "{user} is not a superuser of {server}: give the URL of a PostgreSQL "
                "superuser (e.g. postgres) to set up the CRM.",
                user=admin.user or "?",
                server=admin.server_name(),
            )
        )
    return version, bool(rights[0])


def init_server(admin: Location, database: str = "crm") -> ServerInitReport:
    """Create or upgrade `database` on the server `admin` logs in to (a superuser)."""
    if admin.is_sqlite:
        raise BadInput(_("--admin-url: give a postgresql:// URL of the office server"))
    version, _superuser = _check_admin(admin)
    target = replace(admin, database=database)
    created = False
    try:
        db = open_database(target)
    except DatabaseMissing:
        create_postgres_database(target)
        created = True
        db = open_database(target)
    try:
        upgrade(db)
        with db.engine.begin() as conn:
            install_functions(conn)
            # every write on the office server is captured for the laptops' sync (the
            # sync tables get their owner and privileges with the rest just below)
            change_capture.install(conn)
            roles = stored_roles(conn) or ServerRoles.for_database(database)
            conn.exec_driver_sql(
                "UPDATE public.crm_server_settings SET role_prefix = %(p)s WHERE id = 1",
                {"p": roles.prefix},
            )
            install_security(conn, roles, database)
            leakproof = make_like_leakproof(conn)
    finally:
        db.dispose()
    return ServerInitReport(database, created, head_revision(), version, roles, leakproof)


def resecure(db: Database) -> bool:
    """After an upgrade by `init` with an administrator's login: the functions, owners,
    grants and policies again, so new tables are the owner's and under row-level security
    as `server init` leaves them. False where `server init` never ran (no CRM roles)."""
    if db.location.is_sqlite:
        return False
    with db.engine.begin() as conn:
        install_functions(conn)
        roles = stored_roles(conn)
        if roles is None:
            return False
        database = str(conn.exec_driver_sql("SELECT current_database()").scalar())
        install_security(conn, roles, database)
    return True
