"""Fixtures shared by the sync tests (store and ui): an office PostgreSQL database with
change capture installed and one client from before it was, and a factory of laptop
replicas of it (real SQLite files, downloaded with `engine.init_replica`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.store import change_capture as capture
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, parse_location
from crm_desktop.store.schema import upgrade
from crm_desktop.sync import engine

Laptop = Callable[[str], Database]
OLD_NAME = "Старый Клиент"
OLD_PHONE = "+79035550000"


@pytest.fixture
def server(pg_database: str) -> Iterator[Database]:
    database = open_database(parse_location(pg_database))
    with database.unit_of_work() as session:  # a client from before capture was installed
        create_client(session, ClientChanges(name=OLD_NAME, phones=[OLD_PHONE]))
    with database.engine.begin() as conn:
        capture.install(conn)
    yield database
    database.dispose()


@pytest.fixture
def laptop(tmp_path: Path, server: Database) -> Iterator[Laptop]:
    made: list[Database] = []

    def make(name: str) -> Database:
        path = tmp_path / f"{name}.sqlite3"
        database = open_database(Location(kind="sqlite", path=path), create=True)
        upgrade(database)
        engine.init_replica(database, server, server.location.url(), None)
        made.append(database)
        return database

    yield make
    for database in made:
        database.dispose()
