"""The search index follows every write, whichever way it is made."""

from __future__ import annotations

from sqlalchemy import insert, text

from crm_desktop.models import Client, ClientKind, new_id, utcnow
from crm_desktop.services.clients import ClientChanges, create_client, edit_client
from crm_desktop.services.search import search_clients
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.schema import backup_sqlite
from crm_desktop.store.search_index import build_search_text, fold


def names(db: Database, fragment: str) -> list[str]:
    with db.unit_of_work() as session:
        return [c.name for c in search_clients(session, fragment)]


def test_bulk_core_insert_is_searchable(db: Database) -> None:
    now = utcnow()
    rows = [
        {
            "id": new_id(),
            "kind": ClientKind.PERSON,
            "name": name,
            "name_folded": fold(name),
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "search_text": build_search_text(name, None, None, None, [], []),
        }
        for name in ("Гончаров Илья", "Гончарова Юлия")
    ]
    with db.unit_of_work() as session:
        session.execute(insert(Client), rows)
    assert names(db, "ончар") == ["Гончаров Илья", "Гончарова Юлия"]


def test_edits_move_the_index_along(db: Database) -> None:
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Старое Имя", phones=["+79161234567"]))
    with db.unit_of_work() as session:
        edit_client(session, client.id, ClientChanges(name="Новое Имя", phones=["+79031112233"]))
    assert names(db, "старое") == []
    assert names(db, "новое") == ["Новое Имя"]
    assert names(db, "1234567") == []
    assert names(db, "1112233") == ["Новое Имя"]
    if db.dialect == "sqlite":
        with db.engine.begin() as conn:  # FTS5 checks its index against the content table
            conn.execute(text("INSERT INTO client_fts(client_fts) VALUES ('integrity-check')"))


def test_search_survives_vacuum(db: Database) -> None:
    """SQLite's VACUUM may renumber rowids of tables without an INTEGER PRIMARY KEY; the
    index is keyed by its own column, so it must still point at the right clients."""
    with db.unit_of_work() as session:
        for i in range(30):
            create_client(session, ClientChanges(name=f"Клиент {i:02d} Вакуумов"))
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("DELETE FROM clients WHERE name LIKE '%0_ %'"))
        conn.execute(text("VACUUM"))
    found = names(db, "вакуум")
    assert len(found) == 20
    assert all(not n.startswith("Клиент 0") for n in found)


def test_backup_is_a_consistent_copy(db: Database) -> None:
    if db.dialect != "sqlite":
        return  # PostgreSQL backups come with the backup issue
    with db.unit_of_work() as session:
        create_client(session, ClientChanges(name="Резервный"))
    assert db.location.path is not None
    copy = backup_sqlite(db.location.path)
    from crm_desktop.store.location import Location

    restored = open_database(Location(kind="sqlite", path=copy))
    try:
        assert names(restored, "резерв") == ["Резервный"]
    finally:
        restored.dispose()


def test_a_c_locale_postgres_database_is_noticed(pg_url: str) -> None:
    """pg_trgm makes no Cyrillic trigrams in a C-locale database; `init` warns about it."""
    import psycopg
    from sqlalchemy.orm import Session

    from crm_desktop.store.location import parse_location
    from crm_desktop.store.search_index import cyrillic_search_works
    from tests.conftest import _with_db

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS c_locale WITH (FORCE)")
        conn.execute("CREATE DATABASE c_locale TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'")
    try:
        url = _with_db(pg_url, "c_locale")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION pg_trgm")
        c_db = open_database(parse_location(url))
        with Session(c_db.engine) as session:
            assert not cyrillic_search_works(session)
        c_db.dispose()
        good = open_database(parse_location(pg_url))
        with Session(good.engine) as session:
            session.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            assert cyrillic_search_works(session)
        good.dispose()
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS c_locale WITH (FORCE)")
