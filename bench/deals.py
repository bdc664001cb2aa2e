"""`deals`: opening the deal board of a pipeline holding 10,000 open deals (and 20,000
closed ones, most of them long ago), and "My day" of a manager with 5,000 tasks (among
20,000 of five managers), SQLite and PostgreSQL.

One opening is what the board screen does: a fresh read-only unit of work, the pipeline
with its stages and checklists, and per stage the count, the exact total and the first
200 cards (`services.deal_lists.board`). Timed for the whole board, for one manager's
deals and for a period of expected close dates. The target is the issue's: under 500 ms.
"My day" is what its screen asks: a fresh read-only unit of work and
`services.task_views.my_day` (overdue, today, this week, with their counts); target
under 200 ms.

The data is generated afresh each run (a few seconds) into a temporary SQLite file and a
database on the benchmarks' embedded PostgreSQL server.

    python -m bench deals [--database sqlite]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert

from bench import postgres
from bench.options import Options
from bench.progress import say
from bench.results import Measurement, Target
from bench.timing import Latencies, run_each, time_each
from crm_desktop.models import (
    Client,
    ClientKind,
    Deal,
    Role,
    StageOutcome,
    Task,
    TaskKind,
    TaskStatus,
    User,
    new_id,
    utcnow,
)
from crm_desktop.services.deal_lists import board
from crm_desktop.services.pipelines import ensure_default_pipeline
from crm_desktop.services.task_views import my_day
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, parse_location
from crm_desktop.store.schema import upgrade

NAME = "deals"
BOARD_TARGET = Target("<", 500, "ms")
MY_DAY_TARGET = Target("<", 200, "ms")
TASKS_PER_MANAGER = 5_000
OPEN_DEALS = 10_000
CLOSED_DEALS = 20_000
CLIENTS = 5_000
MANAGERS = ("manager1", "manager2", "manager3", "manager4", "manager5")
REPEATS = 30
WARMUP = 5
BATCH = 5_000


def _table(model: type[Client] | type[Deal] | type[Task]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _fill(db: Database, seed: int) -> uuid.UUID:
    """Clients, managers and the deals of the default pipeline; returns its id."""
    rnd = random.Random(seed)
    now = utcnow()
    stamp = {
        "created_at": now,
        "updated_at": now,
        "created_by": None,
        "updated_by": None,
        "version": 1,
        "deleted_at": None,
    }
    with db.unit_of_work() as session:
        for login in MANAGERS:
            session.add(User(login=login, role=Role.MANAGER))
        pipeline = ensure_default_pipeline(session)
        sqlite = db.dialect == "sqlite"
        clients = [
            {
                "id": new_id(),
                "kind": ClientKind.COMPANY,
                "name": f"Компания {i}",
                "name_folded": f"компания {i}",
                "search_text": f"компания {i}",
                "search_rowid": i + 1 if sqlite else None,
                **stamp,
            }
            for i in range(CLIENTS)
        ]
        session.execute(insert(_table(Client)), clients)
        open_stages = [s for s in pipeline.stages if s.outcome == StageOutcome.OPEN]
        closed_stages = [s for s in pipeline.stages if s.outcome != StageOutcome.OPEN]
        rows: list[dict[str, Any]] = []
        for i in range(OPEN_DEALS + CLOSED_DEALS):
            is_open = i < OPEN_DEALS
            stage = rnd.choice(open_stages if is_open else closed_stages)
            closed_days = rnd.randrange(30) if rnd.random() < 0.1 else rnd.randrange(31, 900)
            rows.append(
                {
                    "id": new_id(),
                    "title": f"Сделка {i}",
                    "client_id": rnd.choice(clients)["id"],
                    "pipeline_id": pipeline.id,
                    "stage_id": stage.id,
                    "amount": Decimal(rnd.randrange(100_000, 1_000_000_000)).scaleb(-2),
                    "currency": "RUB",
                    "probability": None,
                    "expected_close": dt.date.today() + dt.timedelta(days=rnd.randrange(365)),
                    "owner": rnd.choice(MANAGERS),
                    "closed_at": None if is_open else now - dt.timedelta(days=closed_days),
                    "lost_reason": "Дорого" if stage.outcome == StageOutcome.LOST else None,
                    "note": None,
                    "stage_entered_at": now - dt.timedelta(seconds=rnd.randrange(10**7)),
                    **stamp,
                }
            )
            if len(rows) == BATCH:
                session.execute(insert(_table(Deal)).execution_options(render_nulls=True), rows)
                rows = []
        if rows:
            session.execute(insert(_table(Deal)).execution_options(render_nulls=True), rows)
        _fill_tasks(session, rnd, [c["id"] for c in clients], stamp)
        return pipeline.id


def _fill_tasks(
    session: Any, rnd: random.Random, clients: list[Any], stamp: dict[str, Any]
) -> None:
    """Each manager's tasks: due from a month ago to a month ahead, a tenth done."""
    now = utcnow()
    kinds = list(TaskKind)
    rows: list[dict[str, Any]] = []
    for login in MANAGERS:
        for i in range(TASKS_PER_MANAGER):
            due = now + dt.timedelta(minutes=rnd.randrange(-30 * 1440, 30 * 1440))
            done = rnd.random() < 0.1
            rows.append(
                {
                    "id": new_id(),
                    "title": f"Задача {i}",
                    "kind": rnd.choice(kinds),
                    "due_at": due,
                    "remind_at": due,
                    "client_id": rnd.choice(clients),
                    "deal_id": None,
                    "assignee": login,
                    "priority": "normal",
                    "status": TaskStatus.DONE if done else TaskStatus.OPEN,
                    "completed_at": now if done else None,
                    "recurrence": None,
                    "description": None,
                    "queue_id": None,
                    "assigned_by_rule": None,
                    "reminded_at": None,
                    **stamp,
                }
            )
            if len(rows) == BATCH:
                session.execute(insert(_table(Task)).execution_options(render_nulls=True), rows)
                rows = []
    if rows:
        session.execute(insert(_table(Task)).execution_options(render_nulls=True), rows)


def _opening(db: Database, pipeline_id: uuid.UUID, **filters: Any) -> Callable[[object], int]:
    def call(_item: object) -> int:
        with db.unit_of_work(write=False) as session:
            result = board(session, pipeline_id, **filters)
        return sum(len(c.cards) for c in result.columns)

    return call


def _measure(database: str, db: Database, pipeline_id: uuid.UUID) -> list[Measurement]:
    today = dt.date.today()
    cases: list[tuple[str, dict[str, Any]]] = [
        ("board, every deal", {}),
        ("board, one manager's", {"owner": MANAGERS[0]}),
        ("board, closing within 30 days", {"period": (today, today + dt.timedelta(days=30))}),
    ]
    found: list[Measurement] = []
    for label, filters in cases:
        call = _opening(db, pipeline_id, **filters)
        run_each(call, range(WARMUP))
        times: Latencies = time_each(call, range(REPEATS))
        note = f"{OPEN_DEALS:,} open deals; {times.mean_count:.0f} cards shown"
        found.append(
            Measurement(NAME, database, f"{label} p50", times.p50, "ms", BOARD_TARGET, note)
        )
        found.append(
            Measurement(NAME, database, f"{label} p95", times.p95, "ms", BOARD_TARGET, note)
        )
        say(f"{database}: {label}: p50 {times.p50:.1f} ms, p95 {times.p95:.1f} ms")
    found += _measure_my_day(database, db)
    found += _measure_board_screen(database, db)
    return found


def _measure_board_screen(database: str, db: Database) -> list[Measurement]:
    """The Deals screen as a user opens it (offscreen): the page made and shown, the
    board loaded in its worker, the columns filled and painted; then its refresh (F5)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.deal_board import DealsPage

    app = QApplication.instance() or QApplication([])

    def painted(page: DealsPage, begun: float, start: Callable[[], None]) -> float:
        loop = QEventLoop()
        page.sig_loaded.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)
        start()
        loop.exec()
        page.sig_loaded.disconnect(loop.quit)
        page.repaint()  # paint now, as the next frame would
        app.processEvents()
        return (time.perf_counter() - begun) * 1000

    openings: list[float] = []
    for _ in range(5):
        begun = time.perf_counter()
        page = DealsPage(db, MANAGERS[0])  # starts loading the board
        page.resize(1366, 720)
        openings.append(painted(page, begun, page.show))
        page.close()
        page.deleteLater()
    page = DealsPage(db, MANAGERS[0])
    page.resize(1366, 720)
    painted(page, time.perf_counter(), page.show)
    refreshes = []
    for _ in range(10):
        refreshes.append(painted(page, time.perf_counter(), page.refresh))
    page.close()
    openings.sort()
    refreshes.sort()
    note = f"{OPEN_DEALS:,} open deals, offscreen, 1366×720"
    say(
        f"{database}: board screen: open median {openings[2]:.0f} ms (max {openings[-1]:.0f}), "
        f"refresh median {refreshes[5]:.0f} ms"
    )
    return [
        Measurement(
            NAME, database, "board screen opened median", openings[2], "ms", BOARD_TARGET, note
        ),
        Measurement(
            NAME, database, "board screen opened max", openings[-1], "ms", BOARD_TARGET, note
        ),
        Measurement(
            NAME, database, "board screen refresh median", refreshes[5], "ms", BOARD_TARGET, note
        ),
    ]


def _measure_my_day(database: str, db: Database) -> list[Measurement]:
    def call(_item: object) -> int:
        with db.unit_of_work(write=False) as session:
            day = my_day(session, MANAGERS[0], utcnow())
        return sum(len(group.tasks) for group in (day.overdue, day.today, day.week))

    run_each(call, range(WARMUP))
    times: Latencies = time_each(call, range(REPEATS))
    note = f"{TASKS_PER_MANAGER:,} tasks of the manager, {len(MANAGERS)} managers"
    say(f"{database}: my day: p50 {times.p50:.1f} ms, p95 {times.p95:.1f} ms")
    return [
        Measurement(NAME, database, "my day p50", times.p50, "ms", MY_DAY_TARGET, note),
        Measurement(NAME, database, "my day p95", times.p95, "ms", MY_DAY_TARGET, note),
    ]


@contextlib.contextmanager
def _root(options: Options) -> Iterator[Path]:
    if options.keep:
        options.data_dir.mkdir(parents=True, exist_ok=True)
        yield options.data_dir
        return
    root = Path(tempfile.mkdtemp(prefix="crm-bench-"))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _sqlite(options: Options) -> list[Measurement]:
    with tempfile.TemporaryDirectory(prefix="crm-bench-deals-") as tmp:
        db = open_database(Location(kind="sqlite", path=Path(tmp) / "deals.sqlite3"), create=True)
        try:
            upgrade(db)
            say(f"sqlite: generating {OPEN_DEALS + CLOSED_DEALS:,} deals")
            pipeline_id = _fill(db, options.seed)
            return _measure("sqlite", db, pipeline_id)
        finally:
            db.dispose()


def _postgresql(options: Options) -> list[Measurement]:
    name = "bench_deals"
    with (
        _root(options) as root,
        postgres.embedded_server(root / "pg", delete=not options.keep) as server,
    ):
        postgres.create_database(server, name)
        db = open_database(parse_location(server.database_url(name)))
        try:
            upgrade(db)
            say(f"postgresql: generating {OPEN_DEALS + CLOSED_DEALS:,} deals")
            pipeline_id = _fill(db, options.seed)
            postgres.vacuum_analyze(db)
            return _measure("postgresql", db, pipeline_id)
        finally:
            db.dispose()
            postgres.drop_database(server, name)


def run(options: Options) -> list[Measurement]:
    found: list[Measurement] = []
    if "sqlite" in options.databases:
        found += _sqlite(options)
    if "postgresql" in options.databases:
        found += _postgresql(options)
    return found
