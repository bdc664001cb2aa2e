"""The replica's own SQLite connection with foreign-key checks off, for the sync's bulk
work on a laptop: the first download (a page may hold a person before her company), and
removing what the office no longer shows or keeps (what would dangle is then tidied by
`bootstrap.drop_dangling_references` in the same transaction)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from crm_desktop.store.database import Database


@contextlib.contextmanager
def unchecked(laptop: Database) -> Iterator[Any]:
    """The driver's connection (autocommit: the caller writes BEGIN and COMMIT), with
    the checks off; a transaction left open is rolled back, and the checks are on again
    before the connection goes back to the pool (PRAGMA foreign_keys works only outside
    a transaction)."""
    pooled = laptop.engine.raw_connection()
    raw: Any = pooled.driver_connection
    try:
        raw.execute("PRAGMA foreign_keys = OFF")
        yield raw
    finally:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        raw.execute("PRAGMA foreign_keys = ON")
        pooled.close()
