"""`server`: the office server's costs, on the search benchmark's PostgreSQL database of
N clients (1,000,000 by default) set up by `server init`:

- connecting as a CRM user and taking a license seat (loopback), target < 300 ms;
- search-as-you-type for a manager who owns 10 % of the clients, through row-level
  security, against the same search filtered explicitly to her clients by the table's
  owner (a superuser, no RLS): within 20 %;
- an executive's search through RLS against the table owner's: within 20 %.

Every search goes through the product (`search_clients`, limit 50, a unit of work per
query), the same fragments for each side, sides interleaved so that caches favour none.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import text

from bench.datasets import Dataset, postgres_dataset
from bench.fragments import KINDS, sample_fragments
from bench.options import Options
from bench.progress import say
from bench.results import Measurement, Target
from bench.timing import Latencies
from crm_desktop.models import Role
from crm_desktop.services.client_list import ClientFilter
from crm_desktop.services.search import search_clients
from crm_desktop.services.users import add_user, find_user
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location
from crm_desktop.store.server_setup import init_server

NAME = "server"
MANAGER, EXECUTIVE = "bench_manager", "bench_exec"
CONNECT_TARGET = Target("<", 300, "ms")
RATIO_TARGET = Target("<=", 1.2)
CONNECTS = 20


def _secure(dataset: Dataset) -> None:
    """`server init` on the dataset, the bench's two users, a tenth of the clients to the
    manager (once: kept with the cached database)."""
    location = dataset.db.location
    say("postgresql: server init (schema, roles, row-level security)")
    init_server(location, location.database or "")
    with dataset.db.unit_of_work(None) as session:
        for login, role in ((MANAGER, Role.MANAGER), (EXECUTIVE, Role.EXECUTIVE)):
            if find_user(session, login) is None:
                add_user(session, login, role, full_name=login)
    with dataset.db.unit_of_work(None) as session:
        total = session.execute(text("SELECT count(*) FROM clients")).scalar_one()
        owned = session.execute(
            text("SELECT count(*) FROM clients WHERE owner = :m"), {"m": MANAGER}
        ).scalar_one()
    if owned < total // 20:
        say(f"postgresql: giving 10 % of {total:,} clients to {MANAGER}")
        with dataset.db.engine.begin() as conn:
            conn.execute(
                text("UPDATE clients SET owner = :m WHERE abs(hashtext(id::text)) % 10 = 0"),
                {"m": MANAGER},
            )
            conn.execute(text("ANALYZE clients"))


def _as(location: Location, login: str) -> Database:
    db = open_database(replace(location, user=login, password=None))
    db.take_seat("bench")
    return db


def _connect_times(location: Location) -> Latencies:
    ms: list[float] = []
    for _ in range(CONNECTS):
        started = time.perf_counter()
        db = _as(location, MANAGER)
        with db.unit_of_work(MANAGER, write=False) as session:
            session.execute(text("SELECT 1"))
        ms.append((time.perf_counter() - started) * 1000)
        db.dispose()
    return Latencies(ms, [])


def _searcher(db: Database, login: str | None, where: ClientFilter | None) -> Callable[[str], int]:
    def call(raw: str) -> int:
        with db.unit_of_work(login, write=False) as session:
            return len(search_clients(session, raw, limit=50, where=where))

    return call


def _paired(
    a: Callable[[str], int], b: Callable[[str], int], items: list[str]
) -> tuple[Latencies, Latencies]:
    """Each fragment through both sides, in a random order per fragment."""
    rng = random.Random(7)
    times: dict[int, list[float]] = {0: [], 1: []}
    counts: dict[int, list[int]] = {0: [], 1: []}
    for item in items:
        order = [0, 1]
        rng.shuffle(order)
        for side in order:
            call = a if side == 0 else b
            started = time.perf_counter()
            n = call(item)
            times[side].append((time.perf_counter() - started) * 1000)
            counts[side].append(n)
    return Latencies(times[0], counts[0]), Latencies(times[1], counts[1])


def _compare(label: str, rls: Latencies, plain: Latencies, note: str) -> list[Measurement]:
    mismatched = sum(1 for x, y in zip(rls.counts, plain.counts, strict=True) if x != y)
    p50 = rls.p50 / plain.p50 if plain.p50 > 0 else float("nan")
    p95 = rls.p95 / plain.p95 if plain.p95 > 0 else float("nan")
    extra = f"{len(rls.ms)} queries; {mismatched} with a different number of hits"
    return [
        Measurement(NAME, "postgresql", f"{label} p50 (RLS)", rls.p50, "ms"),
        Measurement(NAME, "postgresql", f"{label} p95 (RLS)", rls.p95, "ms"),
        Measurement(NAME, "postgresql", f"{label} p50 ({note})", plain.p50, "ms"),
        Measurement(NAME, "postgresql", f"{label} p95 ({note})", plain.p95, "ms"),
        Measurement(NAME, "postgresql", f"{label} ratio p50", p50, "x", RATIO_TARGET, extra),
        Measurement(NAME, "postgresql", f"{label} ratio p95", p95, "x", RATIO_TARGET, extra),
    ]


def run(options: Options) -> list[Measurement]:
    out: list[Measurement] = []
    with postgres_dataset(options) as dataset:
        _secure(dataset)
        location = dataset.db.location
        say("postgresql: connecting and taking a seat")
        connect = _connect_times(location)
        out.append(
            Measurement(
                NAME, "postgresql", "connect + take a seat p50", connect.p50, "ms", CONNECT_TARGET,
                f"{CONNECTS} times, loopback; max {max(connect.ms):.0f} ms",
            )
        )  # fmt: skip
        fragments = sample_fragments(dataset.db, options.warmup + options.queries, options.seed)
        items = [f for kind in KINDS for f in fragments[kind]]
        warm = [f for kind in KINDS for f in fragments[kind][: options.warmup]]
        timed = [f for kind in KINDS for f in fragments[kind][options.warmup :]]
        manager = _as(location, MANAGER)
        executive = _as(location, EXECUTIVE)
        owner = dataset.db
        try:
            sides = {
                "manager": (
                    _searcher(manager, MANAGER, None),
                    _searcher(owner, None, ClientFilter(owner=MANAGER)),
                    "owner, filtered to her",
                ),
                "executive": (
                    _searcher(executive, EXECUTIVE, None),
                    _searcher(owner, None, None),
                    "table owner",
                ),
            }
            for label, (rls, plain, note) in sides.items():
                say(f"postgresql: {label}'s search, {len(timed)} fragments")
                _paired(rls, plain, warm)
                rls_ms, plain_ms = _paired(rls, plain, timed)
                out.extend(_compare(f"{label} search", rls_ms, plain_ms, note))
        finally:
            manager.dispose()
            executive.dispose()
        del items
    return out
