"""Databases filled with N generated clients, cached in `bench/.data/` between runs.

A cached database is reused when its side file says it holds N clients made by the
current code (the fingerprint of the migrations, the client models, the generator and the
search text: the product's schema can change without a new revision while it is young)
and a count agrees; otherwise it is generated again. Generation writes under a
temporary name and renames at the end, so an interrupted run leaves nothing half-made.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import func, select

import crm_desktop
from bench import postgres
from bench.options import Options
from bench.progress import generation_progress, say
from bench.timing import Stopwatch
from crm_desktop.models import Client
from crm_desktop.services.demo import generate_demo
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import parse_location
from crm_desktop.store.schema import SchemaState, head_revision, schema_state, upgrade

READ_CHUNK = 16 * 1024 * 1024
# What decides the shape of the generated rows, relative to the crm_desktop package.
DATA_SHAPE_SOURCES = (
    "store/migrations/versions",
    "models/base.py",
    "models/party.py",
    "services/demo.py",
    "store/search_index.py",
)


def data_fingerprint() -> str:
    """The head revision and a hash of the sources that decide the generated data."""
    package = Path(crm_desktop.__file__).parent
    digest = hashlib.sha256()
    for source in DATA_SHAPE_SOURCES:
        path = package / source
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(package)).encode())
            digest.update(file.read_bytes())
    return f"{head_revision()}:{digest.hexdigest()[:16]}"


@dataclass(frozen=True)
class Generation:
    """How a dataset was made (stored beside it, so a reused one still reports it)."""

    clients: int
    companies: int
    phones: int
    emails: int
    seconds: float  # generate_demo in its unit of work, commit included
    after_seconds: float  # what followed before searching (PostgreSQL: VACUUM ANALYZE)
    method: str
    fingerprint: str  # data_fingerprint() when it was made
    generated_at: str
    reused: bool = field(default=False, compare=False)

    @classmethod
    def load(cls, path: Path) -> Generation | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            data["reused"] = True
            return cls(**data)
        except (OSError, ValueError, TypeError):
            return None

    def save(self, path: Path) -> None:
        data = asdict(self)
        data.pop("reused")
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


@dataclass
class Dataset:
    database: str  # "sqlite" | "postgresql"
    db: Database
    generation: Generation
    server_version: str = ""


def _count_clients(db: Database) -> int:
    with db.unit_of_work() as session:
        return int(session.scalar(select(func.count()).select_from(Client)) or 0)


def _fill(db: Database, options: Options, label: str) -> Generation:
    """Generate the clients with the product's own generator, in one unit of work."""
    upgrade(db)
    with Stopwatch() as watch, db.unit_of_work() as session:
        report = generate_demo(
            session,
            options.clients,
            seed=options.seed,
            with_history=False,
            progress=generation_progress(label),
        )
    generation = Generation(
        clients=report.clients,
        companies=report.companies,
        phones=report.phones,
        emails=report.emails,
        seconds=round(watch.seconds, 2),
        after_seconds=0.0,
        method="crm_desktop.services.demo.generate_demo(with_history=False)",
        fingerprint=data_fingerprint(),
        generated_at=dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
    )
    return generation


def _fits(generation: Generation | None, db: Database, clients: int) -> bool:
    return (
        generation is not None
        and generation.clients == clients
        and generation.fingerprint == data_fingerprint()
        and schema_state(db) is SchemaState.CURRENT
        and _count_clients(db) == clients
    )


def prewarm(paths: list[Path]) -> None:
    """Read files once so they sit in the OS cache, as a database in daily use does."""
    for path in paths:
        with contextlib.suppress(OSError), path.open("rb") as handle:
            while handle.read(READ_CHUNK):
                pass


@contextlib.contextmanager
def _data_root(options: Options) -> Iterator[Path]:
    if options.keep:
        options.data_dir.mkdir(parents=True, exist_ok=True)
        yield options.data_dir
        return
    root = Path(tempfile.mkdtemp(prefix="crm-bench-"))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


@contextlib.contextmanager
def sqlite_dataset(options: Options) -> Iterator[Dataset]:
    with _data_root(options) as root:
        path = root / f"sqlite-{options.clients}.sqlite3"
        meta = root / f"sqlite-{options.clients}.json"
        generation = None if options.fresh or not path.exists() else Generation.load(meta)
        if generation is not None:
            db = open_database(parse_location(str(path)))
            if not _fits(generation, db, options.clients):
                generation = None
            db.dispose()
        if generation is None:
            generation = _generate_sqlite(path, meta, options)
        else:
            say(f"sqlite: reusing {path} ({options.clients:,} clients)")
        db = open_database(parse_location(str(path)))
        try:
            prewarm([path])
            yield Dataset("sqlite", db, generation)
        finally:
            db.dispose()


def _generate_sqlite(path: Path, meta: Path, options: Options) -> Generation:
    loading = path.with_name(path.stem + ".loading.sqlite3")
    _remove_sqlite(loading)
    _remove_sqlite(path)
    meta.unlink(missing_ok=True)
    say(f"sqlite: generating {options.clients:,} clients into {path}")
    db = open_database(parse_location(str(loading)), create=True)
    try:
        generation = _fill(db, options, "sqlite")
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    os.replace(loading, path)
    _remove_sqlite(loading)
    generation.save(meta)
    say(f"sqlite: generated in {generation.seconds:.1f} s")
    return generation


@contextlib.contextmanager
def postgres_dataset(options: Options) -> Iterator[Dataset]:
    with (
        _data_root(options) as root,
        postgres.embedded_server(root / "pg", delete=not options.keep) as server,
    ):
        name = f"bench_{options.clients}"
        meta = root / f"postgresql-{options.clients}.json"
        generation = None
        if not options.fresh and postgres.database_exists(server, name):
            generation = Generation.load(meta)
            db = open_database(parse_location(server.database_url(name)))
            if not (_fits(generation, db, options.clients) and postgres.cyrillic_trigrams_work(db)):
                generation = None
            db.dispose()
        if generation is None:
            generation = _generate_postgres(server, name, meta, options)
        else:
            say(f"postgresql: reusing database {name} in {server.pgdata}")
        db = open_database(parse_location(server.database_url(name)))
        try:
            if not postgres.cyrillic_trigrams_work(db):
                raise RuntimeError(
                    "pg_trgm makes no trigrams for Cyrillic in the benchmark database "
                    "(a C locale?): delete bench/.data/pg and run again"
                )
            prewarm(postgres.data_files(db, server.pgdata))
            yield Dataset("postgresql", db, generation, postgres.server_version(db))
        finally:
            db.dispose()


def _generate_postgres(
    server: postgres.Server, name: str, meta: Path, options: Options
) -> Generation:
    loading = f"{name}_loading"
    meta.unlink(missing_ok=True)
    postgres.drop_database(server, name)
    postgres.create_database(server, loading)
    say(f"postgresql: generating {options.clients:,} clients into database {name}")
    db = open_database(parse_location(server.database_url(loading)))
    try:
        generation = _fill(db, options, "postgresql")
        with Stopwatch() as watch:
            postgres.vacuum_analyze(db)
        generation = Generation(**{**asdict(generation), "after_seconds": round(watch.seconds, 2)})
    finally:
        db.dispose()
    postgres.rename_database(server, loading, name)
    generation.save(meta)
    say(
        f"postgresql: generated in {generation.seconds:.1f} s, "
        f"VACUUM ANALYZE {generation.after_seconds:.1f} s"
    )
    return generation


def open_dataset(database: str, options: Options) -> contextlib.AbstractContextManager[Dataset]:
    if database == "sqlite":
        return sqlite_dataset(options)
    if database == "postgresql":
        return postgres_dataset(options)
    raise ValueError(f"unknown database {database!r}")
