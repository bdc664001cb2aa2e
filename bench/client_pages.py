"""Timing the client list: its first page in each order the list offers (both directions,
all clients and one manager's), the next page, and a page deep in the list.

`pages` runs these alone on each database; `search` runs them after its searches.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from bench.datasets import Dataset, open_dataset
from bench.options import Options
from bench.progress import say
from bench.queries import LIMIT, client_page
from bench.results import Measurement, Target
from bench.timing import Latencies, run_each, time_each
from crm_desktop.models import Client
from crm_desktop.services.client_list import ClientFilter, ClientSort, PageKey, list_clients
from crm_desktop.store.database import Database

NAME = "pages"
FIRST_PAGE_TARGET = Target("<", 10, "ms")
WARMUP = 20


def _middle_key(dataset: Dataset) -> PageKey | None:
    """The `next_key` of the page that starts in the middle of the list."""
    with dataset.db.unit_of_work() as session:
        total = int(session.scalar(select(func.count()).select_from(Client)) or 0)
        row = session.execute(
            select(Client.name_folded, Client.id)
            .where(Client.deleted_at.is_(None))
            .order_by(Client.name_folded, Client.id)
            .offset(total // 2)
            .limit(1)
        ).first()
        if row is None:
            return None
        page = list_clients(session, after=PageKey((row[0], row[1])), limit=LIMIT)
    return page.next_key


def _next_key(dataset: Dataset) -> PageKey | None:
    with dataset.db.unit_of_work() as session:
        return list_clients(session, limit=LIMIT).next_key


def _busiest_owner(dataset: Dataset) -> str | None:
    """The manager with the most clients: "My clients" at its largest."""
    with dataset.db.unit_of_work() as session:
        count = func.count().label("n")
        row = session.execute(
            select(Client.owner, count)
            .where(Client.owner.is_not(None))
            .group_by(Client.owner)
            .order_by(count.desc())
            .limit(1)
        ).first()
    return None if row is None else str(row[0])


def sorted_first_page(
    db: Database, sort: ClientSort, descending: bool, where: ClientFilter | None
) -> Callable[[object], int]:
    """The list's first page in one order, as the list asks for it (a unit of work each)."""

    def call(_item: object) -> int:
        with db.unit_of_work(write=False) as session:
            page = list_clients(session, limit=LIMIT, sort=sort, descending=descending, where=where)
            return len(page.rows)

    return call


def _time(call: Callable[[object], int], repeats: int) -> Latencies:
    run_each(call, range(WARMUP))
    return time_each(call, range(repeats))


def _measured(
    benchmark: str, dataset: Dataset, label: str, timed: Latencies, target: Target | None
) -> list[Measurement]:
    note = f"{timed.mean_count:.0f} rows, {len(timed.ms)} calls"
    return [
        Measurement(benchmark, dataset.database, f"list {label} p50", timed.p50, "ms"),
        Measurement(
            benchmark, dataset.database, f"list {label} p95", timed.p95, "ms", target, note
        ),
    ]


def measure_pages(benchmark: str, dataset: Dataset, options: Options) -> list[Measurement]:
    out: list[Measurement] = []
    pages: list[tuple[str, PageKey | None, Target | None]] = [
        ("first page", None, FIRST_PAGE_TARGET),
        ("second page (next_key of the first)", _next_key(dataset), None),
        ("deep page (middle of the list)", _middle_key(dataset), None),
    ]
    for label, after, target in pages:
        timed = _time(client_page(dataset.db, after), options.page_repeats)
        out.extend(_measured(benchmark, dataset, label, timed, target))
    owner = _busiest_owner(dataset)
    filters: list[tuple[str, ClientFilter | None]] = [("", None)]
    if owner is not None:
        filters.append((f", owner={owner}", ClientFilter(owner=owner)))
    for suffix, where in filters:
        for sort in ClientSort:
            for descending in (False, True):
                way = "desc" if descending else "asc"
                call = sorted_first_page(dataset.db, sort, descending, where)
                timed = _time(call, options.page_repeats)
                label = f"first page by {sort.value} {way}{suffix}"
                target = FIRST_PAGE_TARGET if where is None else None
                out.extend(_measured(benchmark, dataset, label, timed, target))
    return out


def run(options: Options) -> list[Measurement]:
    out: list[Measurement] = []
    for database in options.databases:
        with open_dataset(database, options) as dataset:
            say(f"{database}: timing client list pages ({dataset.generation.clients:,} clients)")
            out.extend(measure_pages(NAME, dataset, options))
    return out
