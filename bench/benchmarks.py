"""The benchmarks `python -m bench` knows, by name (imported only when they run)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from bench.options import Options
from bench.results import Measurement

Runner = Callable[[Options], list[Measurement]]


@dataclass(frozen=True)
class Benchmark:
    name: str
    summary: str
    module: str  # bench.<module> defines run(options) -> list[Measurement]

    def runner(self) -> Runner:
        return cast(Runner, importlib.import_module(f"bench.{self.module}").run)


BENCHMARKS: dict[str, Benchmark] = {
    b.name: b
    for b in (
        Benchmark(
            "search",
            "search-as-you-type (product vs bare trigram index) and client list pages "
            "on N clients, SQLite and PostgreSQL",
            "search",
        ),
        Benchmark(
            "pages",
            "the client list's first page in every sort order (and one manager's), the next "
            "page and a deep one, on N clients, SQLite and PostgreSQL",
            "client_pages",
        ),
        Benchmark(
            "server",
            "the office server: connect and take a seat; a manager's and an executive's "
            "search through row-level security vs the table owner's, on N clients",
            "server",
        ),
        Benchmark(
            "demo",
            "wall time of `crm-desktop --db FILE init --demo 100000` on a fresh SQLite file",
            "demo",
        ),
        Benchmark(
            "ui",
            "the desktop app in fresh processes (offscreen): launch on 100,000 clients; "
            "first paint, memory and search-as-you-type on N clients, SQLite and PostgreSQL",
            "ui",
        ),
        Benchmark(
            "import",
            "a 100,000-row legacy workbook through `crm-desktop import` against a 100,000-"
            "client database, vs openpyxl reading it (read-only), SQLite and PostgreSQL",
            "importing",
        ),
        Benchmark(
            "export",
            "`export clients` of N clients to an .xlsx in a fresh process: wall time, rows "
            "per second and peak memory, SQLite and PostgreSQL",
            "export",
        ),
        Benchmark(
            "deals",
            "opening the deal board of a pipeline with 10,000 open deals (every deal, one "
            "manager's, a period), SQLite and PostgreSQL",
            "deals",
        ),
        Benchmark(
            "invoices",
            "one invoice PDF against a bare ReportLab page with the same table, and 1,000 "
            "issued invoices from the database to PDF files, SQLite and PostgreSQL",
            "invoices",
        ),
        Benchmark(
            "sync",
            "what change capture (the sync's triggers) adds to a write: an edit, a new "
            "client, a bulk insert, tracked vs untracked, SQLite and PostgreSQL",
            "sync",
        ),
        Benchmark(
            "replicas",
            "laptop replicas against an office PostgreSQL: bootstrap of N clients with their "
            "history, pulled changes applied per second, a push of 1,000 edits, 10 replicas "
            "converging",
            "replicas",
        ),
        Benchmark(
            "reports",
            "every report (each grouping, and one manager's) over a year of N clients' history "
            "(3 interactions, 0.5 invoices per client), and the dashboard, SQLite and PostgreSQL",
            "reports",
        ),
        Benchmark(
            "backup",
            "`crm-desktop backup` of the SQLite database of N clients (online backup API + "
            "zstd) and the check a restore makes of it",
            "backup",
        ),
    )
}
