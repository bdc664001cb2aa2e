"""`demo`: wall time of `crm-desktop --db FILE init --demo N` on a fresh SQLite file,
run as a user runs it (a subprocess of the installed entry point)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import func, select

from bench.options import FULL_DEMO_CLIENTS, Options
from bench.progress import say
from bench.results import Measurement, Target
from bench.timing import Stopwatch
from crm_desktop.models import Client, ClientKind, Deal, Email, Interaction, Invoice, Phone
from crm_desktop.store.database import open_database
from crm_desktop.store.location import parse_location

NAME = "demo"
TARGET = Target("<", 60, "s")
TIMEOUT_S = 1800


def entry_point() -> Path:
    """The `crm-desktop` script beside this interpreter (the virtualenv's)."""
    return Path(sys.executable).with_name("crm-desktop")


def _row_counts(path: Path) -> dict[str, int]:
    db = open_database(parse_location(str(path)))
    try:
        with db.unit_of_work() as session:
            counts = {
                "clients": select(func.count()).select_from(Client),
                "companies": select(func.count())
                .select_from(Client)
                .where(Client.kind == ClientKind.COMPANY),
                "phones": select(func.count()).select_from(Phone),
                "emails": select(func.count()).select_from(Email),
                "history entries": select(func.count()).select_from(Interaction),
                "deals": select(func.count()).select_from(Deal),
                "invoices": select(func.count()).select_from(Invoice),
            }
            return {name: int(session.scalar(query) or 0) for name, query in counts.items()}
    finally:
        db.dispose()


def run(options: Options) -> list[Measurement]:
    n = options.demo_clients
    folder = Path(tempfile.mkdtemp(prefix="crm-bench-demo-"))
    try:
        path = folder / "demo.sqlite3"
        command = [str(entry_point()), "--db", str(path), "init", "--demo", str(n)]
        say(f"demo: {' '.join(command)}")
        with Stopwatch() as watch:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
            )
        if done.returncode != 0:
            raise RuntimeError(
                f"crm-desktop init --demo {n} exited {done.returncode}: {done.stderr.strip()}"
            )
        printed = " / ".join(line.strip() for line in done.stdout.splitlines() if line.strip())
        counts = _row_counts(path)
        size_mb = path.stat().st_size / 1e6
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    target = TARGET if n == FULL_DEMO_CLIENTS else None
    out = [
        Measurement(
            NAME, "sqlite", f"init --demo {n} wall time", watch.seconds, "s", target, printed
        ),
        Measurement(NAME, "sqlite", "database file size", size_mb, "MB"),
    ]
    out.extend(
        Measurement(NAME, "sqlite", f"rows: {name}", count, "rows")
        for name, count in counts.items()
    )
    return out
