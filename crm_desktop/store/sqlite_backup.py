"""SQLite's online backup API, both ways: a consistent copy of a file in use (a read
transaction held on the source fixes the snapshot, so writers elsewhere neither stop nor
restart the copy) and a restore into the live file through the same API (one write
transaction on the destination: a failure or a cancel midway leaves it as it was; no file
is renamed over an open database, which Windows would refuse)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from crm_desktop.store.database import SQLITE_BUSY_TIMEOUT_MS

MAX_PAGES_PER_STEP = 4096  # 16 MB of 4 KB pages at most between two progress reports
MIN_PAGES_PER_STEP = 16

Pages = Callable[[int, int], None]  # pages copied, pages in all (may raise to stop)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    conn.isolation_level = None  # transactions only where this module opens them
    return conn


def table_rows(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in each ordinary table (not the search index's virtual table and its shadows)."""
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    virtual = [name for name, sql in tables if str(sql or "").upper().startswith("CREATE VIRTUAL")]
    rows: dict[str, int] = {}
    for name, _sql in tables:
        if name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue
        quoted = '"' + str(name).replace('"', '""') + '"'
        rows[str(name)] = int(conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0])
    return rows


def revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def snapshot(
    source: Path, target: Path, progress: Pages | None = None
) -> tuple[str, dict[str, int]]:
    """Copy `source` (in use) to the new file `target`; returns the copy's schema revision
    and rows per table, read in the same snapshot."""
    src = _connect(source)
    try:
        src.execute("BEGIN")
        found = revision(src)  # the first read starts the snapshot the copy is taken from
        rows = table_rows(src)
        dest = sqlite3.connect(target)
        try:
            src.backup(dest, pages=_step(src), progress=_pages(progress))
        finally:
            dest.close()
        src.execute("COMMIT")
    finally:
        src.close()
    return found or "", rows


def inspect_copy(path: Path) -> tuple[str | None, dict[str, int], int]:
    """A restored file's schema revision, rows per table and page size (read only)."""
    conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        return revision(conn), table_rows(conn), page_size
    finally:
        conn.close()


def page_size(path: Path) -> int:
    conn = _connect(path)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def match_page_size(path: Path, size: int) -> None:
    """A WAL database only takes a backup of its own page size: rewrite the copy with it."""
    conn = _connect(path)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA page_size = {int(size)}")
        conn.execute("VACUUM")
    finally:
        conn.close()


def restore_into(copy: Path, live: Path, progress: Pages | None = None) -> None:
    """Replace the contents of the live database `live` with those of `copy`."""
    src = _connect(copy)
    try:
        dest = _connect(live)
        try:
            src.backup(dest, pages=_step(src), progress=_pages(progress))
            dest.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            dest.close()
    finally:
        src.close()


def _step(conn: sqlite3.Connection) -> int:
    """Pages per step: about a hundred steps, each short enough to report and cancel."""
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    return max(MIN_PAGES_PER_STEP, min(MAX_PAGES_PER_STEP, pages // 100))


def _pages(progress: Pages | None) -> Callable[[int, int, int], object] | None:
    if progress is None:
        return None

    def report(_status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total)

    return report
