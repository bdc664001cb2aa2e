"""`export`: the client list written to an Excel workbook, as `crm-desktop export clients
OUT.xlsx` does it (`services.exporting.export_clients` in one read-only unit of work), on
N clients (1,000,000 unless --quick/--clients), SQLite and PostgreSQL.

Each export runs in a fresh Python process (`python -m bench.export --probe`), so its
peak resident memory (VmHWM from /proc/self/status) is the export's own: the target is
300 MB for a million clients. Wall time and rows per second are reported, not targeted.
The workbook is then checked from outside (its filter covers a header and one row per
client) and deleted; the cached databases are the other benchmarks' (bench/datasets.py).

    python -m bench export [--quick] [--database sqlite]
    python -m bench.export --probe --db URL --out FILE.xlsx   # one measurement, JSON
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import BENCH_DIR
from bench.options import FULL_CLIENTS, Options
from bench.progress import say
from bench.results import Measurement, Target

if TYPE_CHECKING:  # the probe imports no more than the export needs
    from bench.datasets import Dataset

NAME = "export"
MEMORY_TARGET = Target("<", 300, "MB")
PROBE_TIMEOUT_S = 3600
MARK = "EXPORT-PROBE "
_FILTER = re.compile(rb'<autoFilter ref="A1:([A-Z]+)(\d+)"')


def _memory_mb() -> dict[str, float]:
    """Resident memory now (VmRSS) and at its highest so far (VmHWM), in MB (10^6 bytes)."""
    found: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        key, _sep, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found["rss" if key == "VmRSS" else "peak"] = int(value.split()[0]) * 1024 / 1e6
    return found


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


# --- the probe: one export in this (fresh) process ---------------------------------------------


def probe(db_url: str, out: Path) -> dict[str, Any]:
    from crm_desktop.services.exporting import export_clients
    from crm_desktop.store.database import open_database
    from crm_desktop.store.location import parse_location

    db = open_database(parse_location(db_url))
    before = _memory_mb()
    highest_rss = 0.0
    reports: list[tuple[float, int]] = []

    def progress(done: int, total: int) -> None:
        nonlocal highest_rss
        highest_rss = max(highest_rss, _memory_mb()["rss"])
        reports.append((time.perf_counter(), done))

    started = time.perf_counter()
    with db.unit_of_work(write=False) as session:
        rows = export_clients(session, out, progress=progress)
    seconds = time.perf_counter() - started
    db.dispose()
    first_page = reports[1][0] - started if len(reports) > 1 else float("nan")
    last_page = reports[-1][0] - started if reports else float("nan")
    return {
        "rows": rows,
        "seconds": seconds,
        "first_page_s": first_page,  # counting, the first page read and written
        "pages_done_s": last_page,  # every row written; the rest is zipping the workbook
        "memory_before": before,
        "memory_after": _memory_mb(),
        "highest_rss_during": highest_rss,
        "bytes": out.stat().st_size,
    }


# --- the benchmark ------------------------------------------------------------------------------


def _run_probe(db_url: str, out: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.export", "--probe", "--db", db_url, "--out", str(out)]
    done = subprocess.run(
        command,
        cwd=BENCH_DIR.parent,
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT_S,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    if done.returncode != 0 or not lines:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"export probe exited {done.returncode}:\n{tail}")
    result: dict[str, Any] = json.loads(lines[-1][len(MARK) :])
    return result


def filter_rows(path: Path) -> int:
    """The last row the workbook's filter covers (the header is row 1), read from the
    end of the first sheet's XML, streamed out of the zip."""
    with zipfile.ZipFile(path) as book, book.open("xl/worksheets/sheet1.xml") as sheet:
        tail = b""
        while chunk := sheet.read(16 * 1024 * 1024):
            tail = (tail + chunk)[-4096:]
    found = _FILTER.search(tail)
    if found is None:
        raise RuntimeError(f"{path}: no filter at the end of the first sheet")
    return int(found.group(2))


def measure(dataset: Dataset, targets: bool) -> list[Measurement]:
    database = dataset.database
    clients = dataset.generation.clients
    folder = Path(tempfile.mkdtemp(prefix="crm-bench-export-"))
    try:
        out = folder / "clients.xlsx"
        say(f"{database}: exporting {clients:,} clients in a fresh process")
        load = _load()
        run = _run_probe(dataset.db.location.url(), out)
        covered = filter_rows(out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rows = int(run["rows"])
    seconds = float(run["seconds"])
    if rows != clients or covered != clients + 1:
        raise RuntimeError(
            f"{database}: {rows:,} rows written and {covered:,} under the filter "
            f"for {clients:,} clients"
        )

    def m(
        metric: str, value: float, unit: str, target: Target | None = None, note: str = ""
    ) -> Measurement:
        return Measurement(NAME, database, metric, value, unit, target, note)

    return [
        m(
            "export: clients written",
            rows,
            "rows",
            note=f"checked: the workbook's filter covers rows 1-{covered:,} (the header, "
            "a row a client)",
        ),
        m("export: wall time", seconds, "s", note=f"a fresh process; {load}"),
        m(
            "export: rows per second",
            rows / seconds if seconds else float("nan"),
            "rows/s",
            note=f"all rows written after {run['pages_done_s']:.1f} s, then the zip; "
            f"count and first page {run['first_page_s']:.2f} s",
        ),
        m(
            "export: peak resident memory (VmHWM)",
            run["memory_after"]["peak"],
            "MB",
            MEMORY_TARGET if targets else None,
            f"{run['memory_before']['rss']:.0f} MB before the export (Python, SQLAlchemy, "
            f"openpyxl loaded, database open); highest VmRSS at a page "
            f"{run['highest_rss_during']:.0f} MB",
        ),
        m("export: workbook size", run["bytes"] / 1e6, "MB"),
    ]


def run(options: Options) -> list[Measurement]:
    from bench.datasets import open_dataset

    targets = options.clients >= FULL_CLIENTS  # the memory target is for a million clients
    out: list[Measurement] = []
    for database in options.databases:
        with open_dataset(database, options) as dataset:
            out.extend(measure(dataset, targets))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.export")
    parser.add_argument("--probe", action="store_true", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    result = probe(args.db, args.out)
    print(MARK + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
