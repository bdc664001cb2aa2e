"""`reports`: every report (`crm_desktop.services.reports.REPORTS`, in each of its
groupings) over the last twelve months of N clients' history, and the executives'
dashboard, SQLite and PostgreSQL. The issue's targets: a report under 2 s, the
dashboard under 1 s.

The data: the N-client dataset of `bench.datasets`, copied, with two years of history
added in bulk by `bench.report_history` (3 interactions, 0.5 invoices, 0.05 deals and
0.1 tasks per client), cached in `bench/.data/` (`sqlite-reports-N.sqlite3`, database
`bench_reports_N` on the benchmarks' PostgreSQL server) and reused while its side file
says it was made by the current code from N clients.

The period: the twelve calendar months up to the history's last day (this month so far
and the eleven before). Each figure is the median of 3 calls of `run_report` (after one
untimed call), each in a fresh read-only unit of work, as the app's report screen makes
it; then one call for one manager (`owner=`). A call that takes half its target or more
has the plan of each of its slow statements written to
`bench/.data/report-plans-<database>-N.txt` (EXPLAIN QUERY PLAN on SQLite, EXPLAIN
ANALYZE on PostgreSQL).

    python -m bench reports [--clients N | --quick] [--database sqlite] [--fresh]

`--quick` uses 20,000 clients.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import importlib
import json
import math
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event, func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bench import postgres
from bench.datasets import Generation, data_fingerprint, open_dataset, prewarm
from bench.options import Options
from bench.progress import say
from bench.report_history import MANAGERS, Counts, fill_history
from bench.results import Measurement, Target
from bench.timing import Stopwatch
from crm_desktop.models import Client, Interaction
from crm_desktop.services.reports import GROUPINGS, REPORTS, run_report
from crm_desktop.services.reports.table import ReportParams, ReportTable
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import parse_location
from crm_desktop.store.schema import SchemaState, schema_state

NAME = "reports"
REPORT_TARGET = Target("<", 2, "s")
DASHBOARD_TARGET = Target("<", 1, "s")
QUICK_CLIENTS = 20_000
RUNS = 3
PLAN_SHARE = 0.5  # a call taking this share of its target gets its statements' plans
SLOW_STATEMENT_S = 0.05  # statements shown in the plans file
OWNER = MANAGERS[0][0]
T = TypeVar("T")


def fingerprint() -> str:
    """The base dataset's fingerprint and a hash of the history generator."""
    source = Path(__file__).with_name("report_history.py").read_bytes()
    return f"{data_fingerprint()}:{hashlib.sha256(source).hexdigest()[:12]}"


@dataclass(frozen=True)
class HistoryInfo:
    """How a report dataset was made (stored beside it, so a reused one still says)."""

    clients: int
    interactions: int
    invoices: int
    invoice_lines: int
    payments: int
    deals: int
    tasks: int
    products: int
    managers: int
    profiles: dict[str, int]
    today: str  # the history's last day: the reports' period ends there
    base_seconds: float  # generate_demo of the N clients (bench.datasets)
    base_reused: bool  # the base dataset was cached when this one was made
    copy_seconds: float
    seconds: float  # fill_history
    after_seconds: float  # SQLite: the WAL checkpoint; PostgreSQL: VACUUM ANALYZE
    size_mb: float
    fingerprint: str
    generated_at: str
    reused: bool = field(default=False, compare=False)

    @classmethod
    def load(cls, path: Path) -> HistoryInfo | None:
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
class ReportData:
    database: str
    db: Database
    info: HistoryInfo
    server_version: str = ""

    @property
    def today(self) -> dt.date:
        return dt.date.fromisoformat(self.info.today)


# --- the cached dataset ---------------------------------------------------------------------


def _info(
    counts: Counts,
    today: dt.date,
    base: Generation,
    timings: tuple[float, float, float],
    size: int,
) -> HistoryInfo:
    copy_seconds, seconds, after_seconds = timings
    return HistoryInfo(
        clients=counts.clients,
        interactions=counts.interactions,
        invoices=counts.invoices,
        invoice_lines=counts.invoice_lines,
        payments=counts.payments,
        deals=counts.deals,
        tasks=counts.tasks,
        products=counts.products,
        managers=counts.managers,
        profiles=counts.profiles,
        today=today.isoformat(),
        base_seconds=base.seconds,
        base_reused=base.reused,
        copy_seconds=round(copy_seconds, 2),
        seconds=round(seconds, 2),
        after_seconds=round(after_seconds, 2),
        size_mb=round(size / 2**20, 1),
        fingerprint=fingerprint(),
        generated_at=dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
    )


def _fits(info: HistoryInfo | None, db: Database, clients: int) -> bool:
    if info is None or info.fingerprint != fingerprint() or info.clients != clients:
        return False
    if schema_state(db) is not SchemaState.CURRENT:
        return False
    with db.unit_of_work(write=False) as session:
        n_clients = session.scalar(select(func.count()).select_from(Client))
        n_interactions = session.scalar(select(func.count()).select_from(Interaction))
    return n_clients == clients and n_interactions == info.interactions


@contextlib.contextmanager
def _data_root(options: Options) -> Iterator[Path]:
    if options.keep:
        options.data_dir.mkdir(parents=True, exist_ok=True)
        yield options.data_dir
        return
    root = Path(tempfile.mkdtemp(prefix="crm-bench-reports-"))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


def _fill(db: Database, options: Options, label: str) -> tuple[Counts, dt.date, float]:
    say(f"{label}: adding the history of {options.clients:,} clients")
    with Stopwatch() as watch:
        counts, today = fill_history(db, options.seed, lambda m: say(f"{label}: {m}"))
    say(
        f"{label}: history made in {watch.seconds:.0f} s: {counts.interactions:,} interactions, "
        f"{counts.invoices:,} invoices, {counts.deals:,} deals, {counts.tasks:,} tasks"
    )
    return counts, today, watch.seconds


def _make_sqlite(path: Path, meta: Path, options: Options, root: Path) -> HistoryInfo:
    loading = path.with_name(path.stem + ".loading.sqlite3")
    for old in (loading, path):
        _remove_sqlite(old)
    meta.unlink(missing_ok=True)
    with open_dataset("sqlite", replace(options, keep=True, data_dir=root)) as base:
        with base.db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        source = base.db.location.path
        assert source is not None
        with Stopwatch() as copy:
            shutil.copyfile(source, loading)
        generation = base.generation
    db = open_database(parse_location(str(loading)))
    try:
        counts, today, seconds = _fill(db, options, "sqlite")
        with Stopwatch() as after, db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    os.replace(loading, path)
    _remove_sqlite(loading)
    timings = (copy.seconds, seconds, after.seconds)
    info = _info(counts, today, generation, timings, path.stat().st_size)
    info.save(meta)
    return info


@contextlib.contextmanager
def _sqlite(options: Options) -> Iterator[ReportData]:
    with _data_root(options) as root:
        path = root / f"sqlite-reports-{options.clients}.sqlite3"
        meta = root / f"sqlite-reports-{options.clients}.json"
        info = None if options.fresh or not path.exists() else HistoryInfo.load(meta)
        if info is not None:
            db = open_database(parse_location(str(path)))
            if not _fits(info, db, options.clients):
                info = None
            db.dispose()
        if info is None:
            info = _make_sqlite(path, meta, options, root)
        else:
            say(f"sqlite: reusing {path}")
        db = open_database(parse_location(str(path)))
        try:
            prewarm([path])
            yield ReportData("sqlite", db, info)
        finally:
            db.dispose()


def _copy_database(server: postgres.Server, source: str, target: str) -> None:
    """`target` as a file copy of `source` (which nobody may be connected to)."""
    engine = server.admin_engine()
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)'))
            for attempt in range(12):
                try:
                    conn.execute(
                        text(f'CREATE DATABASE "{target}" TEMPLATE "{source}" STRATEGY FILE_COPY')
                    )
                    return
                except OperationalError as error:  # someone is reading the base: wait
                    if "being accessed" not in str(error) or attempt == 11:
                        raise
                    say(f"postgresql: {source} is in use; waiting to copy it")
                    time.sleep(10)
    finally:
        engine.dispose()


def _make_postgres(
    server: postgres.Server, name: str, meta: Path, options: Options, root: Path
) -> HistoryInfo:
    loading = f"{name}_loading"
    meta.unlink(missing_ok=True)
    postgres.drop_database(server, name)
    with open_dataset("postgresql", replace(options, keep=True, data_dir=root)) as base:
        source = base.db.engine.url.database
        generation = base.generation
        base.db.dispose()
    assert source is not None
    with Stopwatch() as copy:
        _copy_database(server, source, loading)
    db = open_database(parse_location(server.database_url(loading)))
    try:
        counts, today, seconds = _fill(db, options, "postgresql")
        with Stopwatch() as after:
            postgres.vacuum_analyze(db)
        with db.engine.connect() as conn:
            size = int(
                conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
            )
    finally:
        db.dispose()
    postgres.rename_database(server, loading, name)
    info = _info(counts, today, generation, (copy.seconds, seconds, after.seconds), size)
    info.save(meta)
    return info


@contextlib.contextmanager
def _postgresql(options: Options) -> Iterator[ReportData]:
    with (
        _data_root(options) as root,
        postgres.embedded_server(root / "pg", delete=not options.keep) as server,
    ):
        name = f"bench_reports_{options.clients}"
        meta = root / f"postgresql-reports-{options.clients}.json"
        info = None
        if not options.fresh and postgres.database_exists(server, name):
            info = HistoryInfo.load(meta)
            db = open_database(parse_location(server.database_url(name)))
            if not _fits(info, db, options.clients):
                info = None
            db.dispose()
        if info is None:
            info = _make_postgres(server, name, meta, options, root)
        else:
            say(f"postgresql: reusing database {name}")
        db = open_database(parse_location(server.database_url(name)))
        try:
            prewarm(postgres.data_files(db, server.pgdata))
            yield ReportData("postgresql", db, info, postgres.server_version(db))
        finally:
            db.dispose()


def open_report_data(
    database: str, options: Options
) -> contextlib.AbstractContextManager[ReportData]:
    if database == "sqlite":
        return _sqlite(options)
    if database == "postgresql":
        return _postgresql(options)
    raise ValueError(f"unknown database {database!r}")


# --- query plans of slow calls ----------------------------------------------------------------


def _sqlite_tree(rows: list[tuple[Any, ...]]) -> list[str]:
    depth: dict[int, int] = {0: -1}
    lines = []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + str(detail))
    return lines


class PlanLog:
    """Writes the statements of slow calls with their plans, and remembers the slowest."""

    def __init__(self, path: Path, data: ReportData) -> None:
        self.path = path
        self.data = data
        self.slow: list[tuple[str, float, str]] = []  # (call, seconds, the statement's start)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"# {data.database}, {data.info.clients:,} clients, reports up to {data.today}\n",
            encoding="utf-8",
        )

    def explain(self, label: str, seconds: float, call: Callable[[Session], object]) -> None:
        statements: list[tuple[str, Any]] = []

        def record(*args: Any) -> None:
            statements.append((args[2], args[3]))

        engine = self.data.db.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            with self.data.db.unit_of_work(write=False) as session:
                call(session)
        finally:
            event.remove(engine, "before_cursor_execute", record)
        out = [f"\n## {label}: {seconds:.3f} s ({len(statements)} statements)"]
        with self.data.db.unit_of_work(write=False) as session:
            raw = session.connection().connection.driver_connection
            for sql, params in statements:
                if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                took, plan = self._plan(raw, sql, params)
                if took < SLOW_STATEMENT_S:
                    continue
                self.slow.append((label, took, " ".join(sql.split())[:160]))
                out += [f"\n-- {took:.3f} s", sql.strip(), f"-- parameters: {params!r}", *plan]
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(out) + "\n")

    def _plan(self, raw: Any, sql: str, params: Any) -> tuple[float, list[str]]:
        if self.data.database == "sqlite":
            started = time.perf_counter()
            raw.execute(sql, params).fetchall()
            took = time.perf_counter() - started
            return took, _sqlite_tree(raw.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall())
        with raw.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            lines = [str(row[0]) for row in cursor.fetchall()]
        found = re.search(r"Execution Time: ([\d.]+) ms", "\n".join(lines))
        return (float(found.group(1)) / 1000 if found else math.nan), lines


# --- the measurements -------------------------------------------------------------------------


def _once(db: Database, call: Callable[[Session], T]) -> tuple[float, T]:
    """One call in a fresh read-only unit of work, timed with the unit of work."""
    gc.collect()
    started = time.perf_counter()
    with db.unit_of_work(None, write=False) as session:
        result = call(session)
    return time.perf_counter() - started, result


def _median(db: Database, call: Callable[[Session], T]) -> tuple[float, list[float], T]:
    _once(db, call)  # warm-up
    runs = [_once(db, call) for _ in range(RUNS)]
    seconds = sorted(s for s, _r in runs)
    return seconds[len(seconds) // 2], seconds, runs[-1][1]


def _figure(value: Any) -> str:
    if isinstance(value, int) or (isinstance(value, Decimal) and abs(value) >= 1000):
        return f"{value:,.0f}"
    return str(value)


def _summary(table: ReportTable) -> str:
    totals = ", ".join(
        f"{key} {_figure(value)}" for key, value in table.totals.items() if value is not None
    )
    return f"{len(table.rows):,} rows; {totals}"


def _report(name: str, params: ReportParams, session: Session) -> ReportTable:
    return run_report(session, name, params)


def last_months(today: dt.date) -> ReportParams:
    """The twelve months up to `today`: this month so far and the eleven before it."""
    year, month = (
        (today.year, today.month - 11) if today.month > 11 else (today.year - 1, today.month + 1)
    )
    return ReportParams(dt.date(year, month, 1), today)


def _measure_reports(data: ReportData, plans: PlanLog) -> list[Measurement]:
    period = last_months(data.today)
    found: list[Measurement] = []
    for name in REPORTS:
        for by in GROUPINGS.get(name) or (None,):
            label = f"{name} by {by}" if by else name
            call = functools.partial(_report, name, replace(period, by=by))
            median, runs, table = _median(data.db, call)
            note = f"{_summary(table)}; runs {runs[0]:.2f}-{runs[-1]:.2f} s"
            found.append(Measurement(NAME, data.database, label, median, "s", REPORT_TARGET, note))
            say(f"{data.database}: {label}: {median:.3f} s ({len(table.rows):,} rows)")
            if median >= REPORT_TARGET.bound * PLAN_SHARE:
                plans.explain(label, median, call)
            mine = functools.partial(_report, name, replace(period, by=by, owner=OWNER))
            seconds, table = _once(data.db, mine)
            label = f"{label}, one manager"
            note = f"owner={OWNER}; {_summary(table)}"
            found.append(Measurement(NAME, data.database, label, seconds, "s", REPORT_TARGET, note))
            say(f"{data.database}: {label}: {seconds:.3f} s")
            if seconds >= REPORT_TARGET.bound * PLAN_SHARE:
                plans.explain(label, seconds, mine)
    return found


def _measure_dashboard(data: ReportData, plans: PlanLog) -> list[Measurement]:
    try:
        module = importlib.import_module("crm_desktop.services.reports.dashboard")
        load: Callable[..., Any] = module.load_dashboard
    except (ImportError, AttributeError):
        say("crm_desktop.services.reports.dashboard.load_dashboard is absent: not timed")
        note = "crm_desktop.services.reports.dashboard.load_dashboard absent: not timed"
        return [Measurement(NAME, data.database, "dashboard", math.nan, "s", note=note)]

    def call(session: Session) -> Any:
        return load(session, data.today)

    median, runs, board = _median(data.db, call)
    tiles = ("revenue", "funnel", "managers", "overdue", "sources")
    bars = ", ".join(f"{tile} {len(getattr(board, tile, []))}" for tile in tiles)
    note = f"bars: {bars}; runs {runs[0]:.2f}-{runs[-1]:.2f} s"
    say(f"{data.database}: dashboard: {median:.3f} s")
    if median >= DASHBOARD_TARGET.bound * PLAN_SHARE:
        plans.explain("dashboard", median, call)
    return [Measurement(NAME, data.database, "dashboard", median, "s", DASHBOARD_TARGET, note)]


def _generation(data: ReportData) -> list[Measurement]:
    info, database = data.info, data.database
    how = f"cached, made {info.generated_at}" if info.reused else "made in this run"
    base = "cached" if info.base_reused else "made for it"
    rows = {
        "interactions": info.interactions,
        "invoices": info.invoices,
        "invoice lines": info.invoice_lines,
        "payments": info.payments,
        "deals": info.deals,
        "tasks": info.tasks,
    }
    added = sum(rows.values())
    profiles = ", ".join(f"{k} {v:,}" for k, v in info.profiles.items())
    after = "WAL checkpoint" if database == "sqlite" else "VACUUM ANALYZE"
    version = f"PostgreSQL {data.server_version}" if data.server_version else ""
    found = [
        Measurement(NAME, database, "clients", info.clients, "clients", note=how),
        Measurement(
            NAME,
            database,
            "base dataset (generate_demo, no history)",
            info.base_seconds,
            "s",
            note=f"{base}; bench.datasets",
        ),
        Measurement(NAME, database, "copy of the base dataset", info.copy_seconds, "s"),
        Measurement(
            NAME,
            database,
            "history added (bulk)",
            info.seconds,
            "s",
            note=f"{added:,} rows, {added / info.seconds:,.0f} rows/s; profiles: {profiles}",
        ),
        Measurement(NAME, database, f"{after} after loading", info.after_seconds, "s"),
        Measurement(NAME, database, "database size", info.size_mb, "MB", note=version),
    ]
    found += [Measurement(NAME, database, key, n, "rows") for key, n in rows.items()]
    return found


def run(options: Options) -> list[Measurement]:
    clients = QUICK_CLIENTS if options.quick else options.clients
    options = replace(options, clients=clients)
    found: list[Measurement] = []
    for database in options.databases:
        with open_report_data(database, options) as data:
            plans = PlanLog(options.data_dir / f"report-plans-{database}-{clients}.txt", data)
            found += _generation(data)
            found += _measure_reports(data, plans)
            found += _measure_dashboard(data, plans)
            say(f"{database}: statements' plans of the slow calls in {plans.path}")
            for label, took, sql in sorted(plans.slow, key=lambda s: -s[1])[:10]:
                say(f"{database}: slow statement {took:.2f} s in {label}: {sql}")
    return found
