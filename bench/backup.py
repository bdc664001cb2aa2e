"""`backup`: `make_backup` of the SQLite database of N clients (1,000,000 unless
--quick/--clients) as `crm-desktop backup OUT` makes it (the online backup API, then zstd
into the .crmbackup file), against the target of 30 s at a million clients; then
`check_backup` reading it all back (what a restore checks before it touches anything).

A backup copies pages, whatever they hold: the cached database of the other benchmarks
(bench/datasets.py) serves even when it was made by an older schema or generator, and it is
only read, never upgraded. The backup file and the scratch copy are deleted afterwards.

    python -m bench backup [--quick]
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text

from bench.datasets import prewarm, sqlite_dataset
from bench.options import FULL_CLIENTS, Options
from bench.progress import say
from bench.results import Measurement, Target
from bench.timing import Stopwatch
from crm_desktop.store.backup import check_backup, make_backup
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import parse_location

NAME = "backup"
TARGET = Target("<", 30, "s")


def _clients(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM clients")).scalar() or 0)


@contextlib.contextmanager
def _database(options: Options) -> Iterator[Database]:
    """The cached database of N clients as it is, else the datasets' own (made if need be)."""
    cached = options.data_dir / f"sqlite-{options.clients}.sqlite3"
    if options.keep and not options.fresh and cached.exists():
        db = open_database(parse_location(str(cached)))
        try:
            if _clients(db) == options.clients:
                say(f"backup: using {cached} as it is")
                prewarm([cached])  # in the OS cache, as a database in daily use is
                yield db
                return
        finally:
            db.dispose()
    with sqlite_dataset(options) as dataset:
        yield dataset.db


def run(options: Options) -> list[Measurement]:
    if "sqlite" not in options.databases:
        return []
    folder = Path(tempfile.mkdtemp(prefix="crm-bench-backup-", dir=options.data_dir))
    try:
        with _database(options) as db:
            assert db.location.path is not None
            source_mb = db.location.path.stat().st_size / 1e6
            out = folder / "bench.crmbackup"
            say(f"backup: {source_mb:,.0f} MB to {out}")
            with Stopwatch() as made:
                info = make_backup(db, out)
        size_mb = info.size / 1e6
        with Stopwatch() as checked:
            check_backup(out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    clients = info.manifest.clients
    target = TARGET if options.clients == FULL_CLIENTS else None
    note = f"{clients:,} clients, {source_mb:,.0f} MB file, schema {info.manifest.schema}"
    return [
        Measurement(NAME, "sqlite", "backup (copy + zstd)", made.seconds, "s", target, note),
        Measurement(
            NAME,
            "sqlite",
            "backup file size",
            size_mb,
            "MB",
            note=f"{size_mb / source_mb:.0%} of the database file",
        ),
        Measurement(
            NAME, "sqlite", "check the backup (read, sha256, unzstd)", checked.seconds, "s"
        ),
    ]
