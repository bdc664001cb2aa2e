"""Timing the client list: its first page, the next one, and a page deep in the list."""

from __future__ import annotations

from sqlalchemy import func, select

from bench.datasets import Dataset
from bench.options import Options
from bench.queries import LIMIT, client_page
from bench.results import Measurement, Target
from bench.timing import Latencies, run_each, time_each
from crm_desktop.models import Client
from crm_desktop.services.client_list import PageKey, list_clients

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
        page = list_clients(session, after=PageKey(row[0], row[1]), limit=LIMIT)
    return page.next_key


def _next_key(dataset: Dataset) -> PageKey | None:
    with dataset.db.unit_of_work() as session:
        return list_clients(session, limit=LIMIT).next_key


def _time_page(dataset: Dataset, after: PageKey | None, repeats: int) -> Latencies:
    call = client_page(dataset.db, after)
    run_each(call, range(WARMUP))
    return time_each(call, range(repeats))


def measure_pages(benchmark: str, dataset: Dataset, options: Options) -> list[Measurement]:
    pages: list[tuple[str, PageKey | None, Target | None]] = [
        ("first page", None, FIRST_PAGE_TARGET),
        ("second page (next_key of the first)", _next_key(dataset), None),
        ("deep page (middle of the list)", _middle_key(dataset), None),
    ]
    out: list[Measurement] = []
    for label, after, target in pages:
        timed = _time_page(dataset, after, options.page_repeats)
        note = f"{timed.mean_count:.0f} rows, {len(timed.ms)} calls"
        out.append(Measurement(benchmark, dataset.database, f"list {label} p50", timed.p50, "ms"))
        out.append(
            Measurement(
                benchmark, dataset.database, f"list {label} p95", timed.p95, "ms", target, note
            )
        )
    return out
