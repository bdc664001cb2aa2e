"""The database roles of one CRM database on an office server.

Roles are global to a PostgreSQL cluster while a CRM lives in one database, so the names
carry the database's (`crm_owner`, `crm_users` ... for the default database `crm`;
`crm_<db>_owner` ... for another), and one server can hold several CRMs.

- `owner` (NOLOGIN) owns every table and function: no person logs in as it, and no
  user is a member of it, so nobody can `SET ROLE` to it.
- `users` (NOLOGIN) is the group of every CRM login: table privileges are granted to it,
  and row-level security decides which rows.
- one group per app role (`admin`, `exec`, `manager`, `accountant`, `production`), each a
  member of `users`; a login is a member of its role's group (an administrator also of
  `exec`), and the policies are written `TO` these groups.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from crm_desktop.errors import PermissionDenied
from crm_desktop.i18n import _
from crm_desktop.models.user import Role


@dataclass(frozen=True)
class ServerRoles:
    prefix: str

    @classmethod
    def for_database(cls, database: str) -> ServerRoles:
        if database == "crm":
            return cls("crm")
        name = re.sub(r"[^a-z0-9_]", "_", database.lower())
        if len(name) > 40:
            name = name[:32] + "_" + hashlib.sha1(database.encode()).hexdigest()[:7]
        return cls(f"crm_{name}")

    @property
    def owner(self) -> str:
        return f"{self.prefix}_owner"

    @property
    def users(self) -> str:
        return f"{self.prefix}_users"

    @property
    def admin(self) -> str:
        return f"{self.prefix}_admin"

    @property
    def exec(self) -> str:
        return f"{self.prefix}_exec"

    @property
    def manager(self) -> str:
        return f"{self.prefix}_manager"

    @property
    def accountant(self) -> str:
        return f"{self.prefix}_accountant"

    @property
    def production(self) -> str:
        return f"{self.prefix}_production"

    def groups(self) -> list[str]:
        return [self.admin, self.exec, self.manager, self.accountant, self.production]

    def groups_of(self, role: Role) -> list[str]:
        """The groups a login of this app role belongs to."""
        return {
            Role.ADMIN: [self.admin, self.exec],
            Role.EXECUTIVE: [self.exec],
            Role.MANAGER: [self.manager],
            Role.ACCOUNTANT: [self.accountant],
            Role.PRODUCTION: [self.production],
        }[role]


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def stored_roles(conn: Connection) -> ServerRoles | None:
    """The roles `server init` made for the connected database (their prefix is kept in
    the database: a copy of it keeps its roles); None before `server init`."""
    usable = conn.exec_driver_sql(
        "SELECT CASE WHEN to_regprocedure('public.crm_role_prefix()') IS NULL THEN false "
        "ELSE has_function_privilege('public.crm_role_prefix()', 'EXECUTE') END"
    ).scalar()
    if not usable:  # before server init, or a login outside the CRM's group
        return None
    prefix = conn.exec_driver_sql("SELECT public.crm_role_prefix()").scalar()
    return ServerRoles(str(prefix)) if prefix else None


def secured(conn: Connection) -> ServerRoles | None:
    """The roles of the connected database when `server init` has set them up."""
    roles = stored_roles(conn)
    if roles is None:
        return None
    found = conn.exec_driver_sql(
        "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %(n)s", {"n": roles.users}
    ).first()
    return roles if found is not None else None


def _adopt_existing_login(conn: Connection, roles: ServerRoles, login: str) -> None:
    """A plain login made before by hand (or by an older version) can be managed by the
    owner role only with ADMIN OPTION on it: the server's administrator, adding it as an
    app user, grants that first. Nothing for anyone else, or for a privileged role (which
    `crm_sync_login` refuses)."""
    row = conn.exec_driver_sql(
        "SELECT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user), "
        "NOT (r.rolsuper OR r.rolbypassrls OR r.rolcreaterole OR r.rolcreatedb "
        "OR r.rolreplication) FROM pg_catalog.pg_roles r WHERE r.rolname = %(login)s",
        {"login": login},
    ).first()
    if row is not None and row[0] and row[1] and not login.startswith(("crm_", "pg_")):
        conn.exec_driver_sql(
            f"GRANT {quote_ident(login)} TO {quote_ident(roles.owner)} WITH ADMIN OPTION"
        )


def sync_login_role(
    conn: Connection,
    login: str,
    role: Role,
    *,
    password: str | None = None,
    disabled: bool = False,
) -> bool:
    """Make the app user's PostgreSQL login (NOSUPERUSER, NOBYPASSRLS, a connection
    limit) a member of exactly its role's groups, through the SECURITY DEFINER function
    `crm_sync_login` (so an app administrator with a seat may, not only a superuser);
    False where the database has no CRM roles (no `server init` yet). Disabling takes the
    login away and ends its sessions. The users row (with `role`) must be flushed first."""
    roles = secured(conn)
    if roles is None:
        return False
    _adopt_existing_login(conn, roles, login)
    try:
        conn.exec_driver_sql(
            "SELECT public.crm_sync_login(%(login)s, %(password)s, %(disabled)s)",
            {"login": login, "password": password, "disabled": disabled},
        )
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "CRM06":
            raise PermissionDenied(
                _("{login} is an administrator of the server, not a CRM login.", login=login)
            ) from None
        raise
    return True
