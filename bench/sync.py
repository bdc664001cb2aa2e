"""`sync`: what change capture costs a write (issue 8: a tracked write at most 2x an
untracked one), on SQLite and PostgreSQL.

Three kinds of write, each timed on a database without the capture triggers and on the
same database with them (`sync.capture.install`), alternating so that drift in the
machine's speed falls on both sides:
- a user's edit: `edit_client` of one client in its own unit of work (the ORM, a commit);
- a new client: `create_client` with a phone and an e-mail, in its own unit of work;
- a bulk insert: 5,000 clients in one Core `insert` (what an import's writes look like);
- bare updates: 1,000 one-row UPDATE statements in one transaction, where no commit
  hides what the triggers cost.
The ratio is tracked median / untracked median; the target holds for each kind.
"""

from __future__ import annotations

import contextlib
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import insert, select, update

from bench import postgres
from bench.options import Options
from bench.progress import say
from bench.results import Measurement, Target
from crm_desktop.models import Client, ClientKind, new_id, utcnow
from crm_desktop.services.clients import ClientChanges, create_client, edit_client
from crm_desktop.store import change_capture as capture
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, parse_location
from crm_desktop.store.schema import upgrade
from crm_desktop.store.search_index import build_search_text, fold

NAME = "sync"
TARGET = Target("<=", 2.0, "x")
EDITS = 400
CREATES = 300
BULK = 5_000
ROUNDS = 5
UPDATES = 1_000


def _edit(db: Database, client_id: uuid.UUID, n: int) -> None:
    with db.unit_of_work() as session:
        edit_client(
            session, client_id, ClientChanges(name=f"Правкин Пётр {n}", phones=["+79161234567"])
        )


def _create(db: Database, n: int) -> None:
    with db.unit_of_work() as session:
        create_client(
            session,
            ClientChanges(
                name=f"Новиков Иван {n}",
                phones=[f"+7916{n % 10_000_000:07d}"],
                emails=[f"novikov{n}@example.ru"],
            ),
        )


def _bulk(db: Database, n: int) -> None:
    now = utcnow()
    rows = []
    for i in range(BULK):
        name = f"Импортов Олег {n}-{i}"
        rows.append(
            {
                "id": new_id(),
                "kind": ClientKind.PERSON,
                "name": name,
                "name_folded": fold(name),
                "search_text": build_search_text(name, None, None, None, [], []),
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    with db.engine.begin() as conn:
        conn.execute(insert(Client).execution_options(render_nulls=True), rows)


def _updates(db: Database, ids: list[uuid.UUID], n: int) -> None:
    with db.engine.begin() as conn:
        for i, client_id in enumerate(ids):
            conn.execute(
                update(Client).where(Client.id == client_id).values(note=f"заметка {n}-{i}")
            )


def _timed(work: Callable[[int], None], count: int, start: int) -> float:
    """Seconds per call of `work`, over `count` calls."""
    began = time.perf_counter()
    for n in range(start, start + count):
        work(n)
    return (time.perf_counter() - began) / count


def _set_capture(db: Database, on: bool) -> None:
    with db.engine.begin() as conn:
        if on:
            capture.install(conn)
        else:
            capture.uninstall_triggers(conn)


def _compare(
    database: str, db: Database, kind: str, work: Callable[[int], None], count: int
) -> list[Measurement]:
    plain: list[float] = []
    tracked: list[float] = []
    serial = 0
    for _round in range(ROUNDS):
        for on, into in ((False, plain), (True, tracked)):
            _set_capture(db, on)
            into.append(_timed(work, count, serial))
            serial += count
    base, with_capture = statistics.median(plain), statistics.median(tracked)
    ratio = with_capture / base
    say(f"{database}: {kind}: {base * 1000:.2f} ms untracked, {with_capture * 1000:.2f} ms tracked")
    unit_ms = 1000.0
    note = (
        f"median of {ROUNDS} rounds of {count:,}; untracked {base * unit_ms:.2f} ms, "
        f"tracked {with_capture * unit_ms:.2f} ms a call"
    )
    return [Measurement(NAME, database, f"tracked / untracked: {kind}", ratio, "x", TARGET, note)]


def _run_on(database: str, db: Database) -> list[Measurement]:
    upgrade(db)
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Правкин Пётр"))
    found = _compare(
        database,
        db,
        "edit one client (ORM, a commit each)",
        lambda n: _edit(db, client.id, n),
        EDITS,
    )
    found += _compare(
        database, db, "new client with phone and e-mail", lambda n: _create(db, n), CREATES
    )
    found += _compare(database, db, f"{BULK:,} clients in one insert", lambda n: _bulk(db, n), 1)
    with db.engine.connect() as conn:
        ids = list(conn.scalars(select(Client.id).limit(UPDATES)))
    found += _compare(
        database,
        db,
        f"{UPDATES:,} one-row updates in one transaction",
        lambda n: _updates(db, ids, n),
        1,
    )
    return found


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="crm-bench-sync-"))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run(options: Options) -> list[Measurement]:
    found: list[Measurement] = []
    if "sqlite" in options.databases:
        with _scratch() as tmp:
            db = open_database(Location(kind="sqlite", path=tmp / "sync.sqlite3"), create=True)
            try:
                found += _run_on("sqlite", db)
            finally:
                db.dispose()
    if "postgresql" in options.databases:
        name = "bench_sync"
        with _scratch() as tmp, postgres.embedded_server(tmp / "pg", delete=True) as server:
            postgres.create_database(server, name)
            db = open_database(parse_location(server.database_url(name)))
            try:
                found += _run_on("postgresql", db)
            finally:
                db.dispose()
                postgres.drop_database(server, name)
    return found
