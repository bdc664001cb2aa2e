"""The calls being timed: the product's search, and the bare index query beneath it.

Both go through the same engine and pay the same connection check-out from its pool
(with the product's `pool_pre_ping` on PostgreSQL); the product's call is what a search
box does for each keystroke, one unit of work per query.
"""

from __future__ import annotations

from collections.abc import Callable

from crm_desktop.services.client_list import PageKey, list_clients
from crm_desktop.services.search import parse_fragment, search_clients
from crm_desktop.store.database import Database

LIMIT = 50

SQLITE_INDEX_SQL = (
    "SELECT c.id, c.name FROM client_fts JOIN clients c ON c.search_rowid = client_fts.rowid "
    "WHERE client_fts MATCH ? LIMIT 50"
)
POSTGRES_INDEX_SQL = "SELECT id, name FROM clients WHERE search_text LIKE %s LIMIT 50"


def product_search(db: Database) -> Callable[[str], int]:
    def call(raw: str) -> int:
        with db.unit_of_work() as session:
            return len(search_clients(session, raw, limit=LIMIT))

    return call


def fts_phrase(folded: str) -> str:
    return '"' + folded.replace('"', '""') + '"'


def like_pattern(folded: str) -> str:
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def bare_index_query(db: Database) -> Callable[[str], int]:
    """The trigram index alone: FTS5 MATCH on SQLite, pg_trgm LIKE on PostgreSQL, over
    the fragment folded as the product folds it."""
    if db.dialect == "sqlite":
        sql, param = SQLITE_INDEX_SQL, fts_phrase
    else:
        sql, param = POSTGRES_INDEX_SQL, like_pattern

    def call(raw: str) -> int:
        fragment = parse_fragment(raw)
        assert fragment is not None
        with db.engine.connect() as conn:
            return len(conn.exec_driver_sql(sql, (param(fragment.text),)).all())

    return call


def client_page(db: Database, after: PageKey | None) -> Callable[[object], int]:
    """One page of the client list (sorted by name), after `after` (None: the first)."""

    def call(_item: object) -> int:
        with db.unit_of_work() as session:
            return len(list_clients(session, after=after, limit=LIMIT).rows)

    return call
