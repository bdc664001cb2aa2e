"""`import`: a 100,000-row legacy workbook imported end to end, against openpyxl reading
the same file, on SQLite and PostgreSQL (issue 4, "Targets").

The workbook (bench/import_workbook.py, cached in bench/.data/) is imported by
`crm-desktop --db URL import FILE --json`, run as a user runs it: a fresh process of the
installed entry point, on a fresh copy of the cached 100,000-client database (SQLite: the
file copied; PostgreSQL: `CREATE DATABASE ... TEMPLATE bench_100000`, dropped after), so
every run dedupes against the same 100,000 clients. Each repeat, side by side with it:
openpyxl in read-only mode reading every cell of the workbook, and python-calamine doing
the same for reference, each in a fresh process.

- import: wall time from spawn to exit (Python's start and imports, reading, normalising,
  matching, writing, commit, the JSON report printed) and the child's peak resident
  memory (`ru_maxrss` from `wait4`).
- openpyxl: `load_workbook(read_only=True)` through the last cell of `iter_rows
  (values_only=True)`, timed inside its process (its start and `import openpyxl` left out,
  so the ratio is the import's whole run against openpyxl's read alone).
- ratio: median import time / median openpyxl time of the same run; target < 1 on
  SQLite, reported on PostgreSQL; memory < 500 MB on both.
- the import's report (rows, created, merged, skipped, rejected) against what the
  generator knows the file holds, so a broken import cannot pass on speed.
- where the time goes: one more import in a process that times the pipeline's steps
  (reader, normaliser, company and person look-ups, matching, inserts, commit) by wrapping
  those functions; and when a target is missed, a cProfile of one import, saved beside
  the data (`bench/.data/import-profile-DATABASE.txt`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench import BENCH_DIR
from bench import postgres as pg
from bench.datasets import Dataset, open_dataset, prewarm
from bench.import_workbook import Expected, LegacyWorkbook, legacy_workbook
from bench.options import Options
from bench.progress import say
from bench.results import Measurement, Target

NAME = "import"
CLIENTS = 100_000  # in the database the import dedupes against
ROWS = 100_000
QUICK_ROWS = 20_000
REPEATS = 3
QUICK_REPEATS = 1
RATIO_TARGET = Target("<", 1.0)
MEMORY_TARGET = Target("<", 500, "MB")
HISTORY_TARGET = Target("<", 15, "%")  # issue 10: the change history adds under 15 %
REPORT_TARGET = Target("<=", 0, "rows")
TIMEOUT_S = 1200
PROFILE_LINES = 45
MARK = "IMPORT-PROBE "

OPENPYXL_READ = f"""
import json, sys, time
started = time.perf_counter()
from openpyxl import load_workbook
loaded = time.perf_counter()
workbook = load_workbook(sys.argv[1], read_only=True)
rows = cells = 0
for sheet in workbook.worksheets:
    for row in sheet.iter_rows(values_only=True):
        rows += 1
        cells += sum(1 for value in row if value is not None)
workbook.close()
done = time.perf_counter()
print({MARK!r} + json.dumps(
    {{"import_s": loaded - started, "read_s": done - loaded, "rows": rows, "cells": cells}}
))
"""

CALAMINE_READ = f"""
import json, sys, time
started = time.perf_counter()
from python_calamine import CalamineWorkbook
loaded = time.perf_counter()
workbook = CalamineWorkbook.from_path(sys.argv[1])
rows = cells = 0
for name in workbook.sheet_names:
    for row in workbook.get_sheet_by_name(name).to_python(skip_empty_area=False):
        rows += 1
        cells += sum(1 for value in row if value not in (None, ""))
workbook.close()
done = time.perf_counter()
print({MARK!r} + json.dumps(
    {{"import_s": loaded - started, "read_s": done - loaded, "rows": rows, "cells": cells}}
))
"""

# The import as `crm-desktop` runs it, with the pipeline's steps timed by wrappers (each
# called a handful of times, so they cost nothing measurable). Steps missing from the
# product's code as it stands are left out.
PHASES = f"""
import json, sys, time
started = time.perf_counter()
import importlib
from collections import defaultdict
spent = defaultdict(float)
calls = defaultdict(int)

def wrap(owner, attr, label):
    inner = getattr(owner, attr, None)
    if inner is None:
        return
    def timed(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - begun
            calls[label] += 1
    setattr(owner, attr, timed)

from sqlalchemy.orm import Session
from crm_desktop import cli
imported = time.perf_counter()
steps = [
    ("crm_desktop.services.importing.readers", None, "read_table", "read_table"),
    ("crm_desktop.services.importing.mapping", None, "guess_mapping", "guess_mapping"),
    ("crm_desktop.services.importing.normalise", None, "normalise_table", "normalise_table"),
    ("crm_desktop.services.importing.batches", None, "run_import", "run_import"),
    ("crm_desktop.services.importing.batches", None, "owners", "owners"),
    ("crm_desktop.services.importing.batches", None, "companies", "company look-ups"),
    ("crm_desktop.services.importing.matching", "Matcher", "__init__", "person look-ups"),
    ("crm_desktop.services.importing.writing", "BatchWriter", "companies", "insert companies"),
    ("crm_desktop.services.importing.writing", "BatchWriter", "people", "insert people"),
    ("crm_desktop.services.importing.writing", "BatchWriter", "merges", "merges"),
    ("crm_desktop.services.importing.batches", None, "default_owner", "default owner"),
]
for module_name, class_name, attr, label in steps:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        continue
    owner = getattr(module, class_name, None) if class_name else module
    if owner is not None:
        wrap(owner, attr, label)
wrap(Session, "commit", "commit")
wrap(Session, "flush", "flush")
modules = time.perf_counter()
code = cli.main(sys.argv[1:])
done = time.perf_counter()
sys.stdout.flush()
print({MARK!r} + json.dumps({{
    "code": code, "import_crm_s": imported - started, "import_steps_s": modules - imported,
    "main_s": done - modules, "spent": spent, "calls": calls,
}}))
"""

PROFILE = f"""
import cProfile, io, json, pstats, sys
from crm_desktop import cli
profile = cProfile.Profile()
profile.enable()
code = cli.main(sys.argv[2:])
profile.disable()
out = io.StringIO()
stats = pstats.Stats(profile, stream=out)
stats.sort_stats("cumulative").print_stats({PROFILE_LINES})
stats.sort_stats("tottime").print_stats({PROFILE_LINES})
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    handle.write(out.getvalue())
print({MARK!r} + json.dumps({{"code": code}}))
"""


@dataclass(frozen=True)
class ChildRun:
    seconds: float  # spawn to exit, measured here
    peak_mb: float  # the child's peak resident memory (ru_maxrss)
    returncode: int
    stdout: str
    stderr: str

    def probe(self, what: str) -> dict[str, Any]:
        """The JSON a probe printed after MARK (raises when it failed)."""
        lines = [line for line in self.stdout.splitlines() if line.startswith(MARK)]
        if self.returncode != 0 or not lines:
            raise RuntimeError(f"{what} exited {self.returncode}:\n{self._tail()}")
        result: dict[str, Any] = json.loads(lines[-1][len(MARK) :])
        return result

    def report(self, what: str) -> dict[str, Any]:
        """The import's `--json` report (the JSON object its stdout starts with)."""
        if self.returncode != 0:
            raise RuntimeError(f"{what} exited {self.returncode}:\n{self._tail()}")
        start = self.stdout.find("{")
        try:
            report, _end = json.JSONDecoder().raw_decode(self.stdout, max(start, 0))
        except ValueError as err:
            raise RuntimeError(f"{what} printed no JSON report: {self.stdout[:500]!r}") from err
        if not isinstance(report, dict):
            raise RuntimeError(f"{what} printed {type(report).__name__}, not a report")
        return report

    def _tail(self) -> str:
        return "\n".join(self.stderr.strip().splitlines()[-15:])


def _child_env() -> dict[str, str]:
    """The children's logs and settings go to a scratch directory, not the user's."""
    home = Path(tempfile.gettempdir()) / "crm-bench-import-home"
    scratch = {
        var: str(home / var.lower())
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
    }
    return {**os.environ, **scratch, "PYTHONUNBUFFERED": "1"}


def run_child(command: Sequence[str]) -> ChildRun:
    """Run `command` to its end; its wall time and its own peak RSS (from `wait4`, which
    reports the rusage of that child alone)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command), stdout=out, stderr=err, cwd=BENCH_DIR.parent, env=_child_env()
        )
        timer = threading.Timer(TIMEOUT_S, process.kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", errors="replace")
        stderr = err.read().decode("utf-8", errors="replace")
    return ChildRun(seconds, usage.ru_maxrss / 1024, process.returncode, stdout, stderr)


def entry_point() -> str:
    """The `crm-desktop` script beside this interpreter (the virtualenv's)."""
    return str(Path(sys.executable).with_name("crm-desktop"))


# --- fresh copies of the 100,000-client database -------------------------------------------


def _without_history(url: str) -> None:
    """The copy without the change history (its triggers and tables): what the import
    costs without it."""
    from crm_desktop.store import audit_capture
    from crm_desktop.store.database import open_database
    from crm_desktop.store.location import parse_location

    db = open_database(parse_location(url))
    try:
        with db.engine.begin() as conn:
            audit_capture.uninstall(conn)
            # without its tables the bulk writer writes no entries and nothing is sealed
            for table in ("audit_log", "audit_seals", "audit_context"):
                conn.exec_driver_sql(f"DROP TABLE {table}")
    finally:
        db.dispose()


@contextlib.contextmanager
def database_copy(dataset: Dataset, data_dir: Path, *, history: bool = True) -> Iterator[str]:
    """A `--db` URL of a fresh copy of the dataset's database, removed afterwards;
    `history=False`: with the change history's triggers dropped."""
    with _database_copy(dataset, data_dir) as url:
        if not history:
            _without_history(url)
        yield url


@contextlib.contextmanager
def _database_copy(dataset: Dataset, data_dir: Path) -> Iterator[str]:
    dataset.db.dispose()  # no connection of ours to the original (PostgreSQL's TEMPLATE)
    if dataset.database == "sqlite":
        source = dataset.db.location.path
        assert source is not None
        folder = Path(tempfile.mkdtemp(prefix="crm-bench-import-"))
        try:
            target = folder / "copy.sqlite3"
            shutil.copyfile(source, target)
            yield str(target)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    url = dataset.db.location.url()
    server = pg.Server(data_dir / "pg", url)
    admin = pg.Server(server.pgdata, server.database_url("postgres"))
    original = dataset.db.location.database or ""
    name = f"bench_import_{uuid.uuid4().hex[:8]}"
    _create_from_template(admin, name, original)
    try:
        yield server.database_url(name)
    finally:
        pg.drop_database(admin, name)


def _create_from_template(admin: pg.Server, name: str, template: str) -> None:
    """CREATE DATABASE name TEMPLATE template, retried while someone is still connected
    to the template (PostgreSQL refuses to copy a database in use)."""
    engine = admin.admin_engine()
    try:
        for attempt in range(20):
            try:
                with engine.connect() as conn:
                    conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
                return
            except Exception as err:
                if "being accessed by other users" not in str(err) or attempt == 19:
                    raise
                time.sleep(1)
    finally:
        engine.dispose()


# --- one run of each kind --------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    read_s: float  # inside the process: open the file through its last cell
    process_s: float  # spawn to exit
    peak_mb: float
    rows: int
    cells: int


def read_with(reader: str, workbook: Path) -> Reading:
    code = OPENPYXL_READ if reader == "openpyxl" else CALAMINE_READ
    run = run_child([sys.executable, "-c", code, str(workbook)])
    found = run.probe(f"{reader} read")
    return Reading(found["read_s"], run.seconds, run.peak_mb, found["rows"], found["cells"])


@dataclass(frozen=True)
class ImportRun:
    seconds: float
    peak_mb: float
    report: dict[str, Any]


def import_once(
    dataset: Dataset, workbook: Path, data_dir: Path, *, history: bool = True
) -> ImportRun:
    with database_copy(dataset, data_dir, history=history) as url:
        run = run_child([entry_point(), "--db", url, "import", str(workbook), "--json"])
    return ImportRun(run.seconds, run.peak_mb, run.report("crm-desktop import"))


def import_phases(dataset: Dataset, workbook: Path, data_dir: Path) -> dict[str, Any]:
    with database_copy(dataset, data_dir) as url:
        argv = ["--db", url, "import", str(workbook), "--json"]
        run = run_child([sys.executable, "-c", PHASES, *argv])
    found = run.probe("instrumented import")
    found["wall_s"] = run.seconds
    return found


def import_profile(dataset: Dataset, workbook: Path, data_dir: Path) -> Path:
    out = data_dir / f"import-profile-{dataset.database}.txt"
    with database_copy(dataset, data_dir) as url:
        argv = ["--db", url, "import", str(workbook), "--json"]
        run = run_child([sys.executable, "-c", PROFILE, str(out), *argv])
    run.probe("profiled import")
    return out


# --- measurements ------------------------------------------------------------------------------


def _m(
    database: str,
    metric: str,
    value: float,
    unit: str,
    target: Target | None = None,
    note: str = "",
) -> Measurement:
    return Measurement(NAME, database, metric, value, unit, target, note)


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


def _seconds(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def report_measurements(
    database: str, reports: list[dict[str, Any]], expected: Expected
) -> list[Measurement]:
    """The import's counts against the generator's; the worst run counts."""
    wanted = {
        "rows": expected.rows,
        "created": expected.created,
        "merged": expected.merged,
        "skipped": 0,
        "rejected": expected.rejected,
    }
    off = 0
    for report in reports:
        counted = report["created"] + report["merged"] + report["skipped"] + report["rejected"]
        miss = sum(abs(int(report[key]) - want) for key, want in wanted.items())
        off = max(off, miss + abs(counted - report["rows"]))
    last = reports[-1]
    out = [
        _m(
            database,
            "import report: rows off the generator's truth",
            off,
            "rows",
            REPORT_TARGET,
            "sum of |reported - expected| over rows, created, merged, skipped, rejected, "
            "plus rows not counted exactly once; worst of the runs",
        ),
    ]
    notes = {
        "merged": f"expected {expected.merged:,}: {expected.existing_rows:,} people the "
        f"database holds, {expected.duplicate_rows:,} repeats of earlier rows",
        "companies_created": f"{expected.new_companies:,} new INNs on new rows (companies "
        "known by their name alone may match the database's)",
        "rejected": f"expected {expected.rejected:,}; {len(last.get('errors', [])):,} errors "
        "listed",
    }
    for key in ("rows", "created", "merged", "skipped", "rejected", "companies_created"):
        note = notes.get(key, f"expected {wanted.get(key, 0):,}")
        out.append(_m(database, f"import report: {key}", float(last[key]), "rows", note=note))
    return out


def phase_measurements(database: str, phases: dict[str, Any]) -> list[Measurement]:
    spent: dict[str, float] = phases["spent"]
    wall = float(phases["wall_s"])
    run_import = spent.get("run_import", 0.0)
    inside = (
        "owners",
        "company look-ups",
        "person look-ups",
        "insert companies",
        "insert people",
        "merges",
        "default owner",
    )
    matching = run_import - sum(spent.get(k, 0.0) for k in inside)
    steps: list[tuple[str, float, str]] = [
        (
            "Python start and imports",
            float(phases["import_crm_s"]) + float(phases["import_steps_s"]),
            "interpreter up to crm_desktop.cli and the import modules loaded",
        ),
        ("read_table", spent.get("read_table", 0.0), "the reader: file to SheetTable"),
        ("guess_mapping", spent.get("guess_mapping", 0.0), ""),
        ("normalise_table", spent.get("normalise_table", 0.0), "every cell checked"),
        (
            "company look-ups",
            spent.get("company look-ups", 0.0),
            "matching.companies: INNs and names in the database",
        ),
        (
            "person look-ups",
            spent.get("person look-ups", 0.0),
            "matching.Matcher(): phones, e-mails, names in the database",
        ),
        ("matching rows", matching, "run_import's loop over the rows, less its steps"),
        ("insert companies", spent.get("insert companies", 0.0), ""),
        ("insert people", spent.get("insert people", 0.0), "clients, phones, e-mails, changes"),
        ("merges", spent.get("merges", 0.0), "existing clients loaded and changed"),
        ("default owner", spent.get("default owner", 0.0), ""),
        ("commit", spent.get("commit", 0.0), "Session.commit (flushes pending objects)"),
    ]
    accounted = sum(seconds for _label, seconds, _note in steps)
    out = [
        _m(database, f"import step: {label}", seconds, "s", note=note)
        for label, seconds, note in steps
    ]
    out.append(
        _m(
            database,
            "import step: the rest",
            wall - accounted,
            "s",
            note=f"report printed, exit; instrumented run took {wall:.2f} s",
        )
    )
    return out


def measure(
    dataset: Dataset, workbook: LegacyWorkbook, options: Options, repeats: int, targets: bool
) -> list[Measurement]:
    database = dataset.database
    data_dir = options.data_dir
    path = workbook.path
    prewarm([path])
    say(f"{database}: {repeats} x (openpyxl read, python-calamine read, crm-desktop import)")
    load = _load()
    openpyxl: list[Reading] = []
    calamine: list[Reading] = []
    imports: list[ImportRun] = []
    bare: list[ImportRun] = []  # without the change history (issue 10's target)
    for index in range(repeats):
        openpyxl.append(read_with("openpyxl", path))
        calamine.append(read_with("calamine", path))
        imports.append(import_once(dataset, path, data_dir))
        bare.append(import_once(dataset, path, data_dir, history=False))
        say(
            f"{database}: run {index + 1}: openpyxl {openpyxl[-1].read_s:.2f} s, "
            f"calamine {calamine[-1].read_s:.2f} s, import {imports[-1].seconds:.2f} s "
            f"({imports[-1].peak_mb:.0f} MB), without the history {bare[-1].seconds:.2f} s"
        )
    import_s = statistics.median(r.seconds for r in imports)
    openpyxl_s = statistics.median(r.read_s for r in openpyxl)
    calamine_s = statistics.median(r.read_s for r in calamine)
    ratio = import_s / openpyxl_s
    peak = max(r.peak_mb for r in imports)
    pairs = ", ".join(f"{i.seconds / o.read_s:.2f}" for i, o in zip(imports, openpyxl, strict=True))
    rows = f"{workbook.expected.rows:,} rows"
    out = [
        _m(
            database,
            f"import / openpyxl read-only read [{rows}]",
            ratio,
            "x",
            RATIO_TARGET if targets and database == "sqlite" else None,
            f"median import / median openpyxl read; per run: {pairs}"
            + ("" if database == "sqlite" else " (reported: the target is on SQLite)"),
        ),
        _m(
            database,
            "crm-desktop import --json, spawn to exit, median",
            import_s,
            "s",
            note=f"runs {_seconds([r.seconds for r in imports])}; on a fresh copy of "
            f"{CLIENTS:,} clients each; {load}",
        ),
        _m(
            database,
            "openpyxl read-only: load + every cell, median",
            openpyxl_s,
            "s",
            note=f"runs {_seconds([r.read_s for r in openpyxl])}; process spawn to exit "
            f"{statistics.median(r.process_s for r in openpyxl):.2f} s; "
            f"{openpyxl[-1].rows:,} rows, {openpyxl[-1].cells:,} cells; "
            f"peak {max(r.peak_mb for r in openpyxl):.0f} MB",
        ),
        _m(
            database,
            "python-calamine: load + every cell, median",
            calamine_s,
            "s",
            note=f"runs {_seconds([r.read_s for r in calamine])}; "
            f"{calamine[-1].rows:,} rows, {calamine[-1].cells:,} cells; "
            f"peak {max(r.peak_mb for r in calamine):.0f} MB",
        ),
        _m(
            database,
            "import peak resident memory, max",
            peak,
            "MB",
            MEMORY_TARGET if targets else None,
            f"ru_maxrss of the crm-desktop process; runs "
            f"{', '.join(f'{r.peak_mb:.0f}' for r in imports)}",
        ),
    ]
    bare_s = statistics.median(r.seconds for r in bare)
    out.append(
        _m(
            database,
            "change history's cost: import with / without it - 1, median",
            100 * (import_s / bare_s - 1),
            "%",
            HISTORY_TARGET if targets else None,
            f"import without the history's triggers: runs {_seconds([r.seconds for r in bare])},"
            f" median {bare_s:.2f} s (issue 10)",
        )
    )
    out.extend(report_measurements(database, [r.report for r in imports], workbook.expected))
    say(f"{database}: one more import with its steps timed")
    out.extend(phase_measurements(database, import_phases(dataset, path, data_dir)))
    missed = [m for m in out if m.ok is False]
    if missed:
        say(f"{database}: missed {', '.join(m.metric for m in missed)}: profiling one import")
        profile = import_profile(dataset, path, data_dir)
        say(f"{database}: cProfile of the import written to {profile}")
    return out


def run(options: Options) -> list[Measurement]:
    rows = QUICK_ROWS if options.quick else ROWS
    repeats = QUICK_REPEATS if options.quick else REPEATS
    targets = rows == ROWS
    dataset_options = replace(options, clients=CLIENTS)
    out: list[Measurement] = []
    workbook: LegacyWorkbook | None = None
    for database in options.databases:
        with open_dataset(database, dataset_options) as dataset:
            if workbook is None:
                # Both databases hold the same generated clients (same generator, same
                # seed), so the workbook made from the first fits the second.
                workbook = legacy_workbook(
                    options.data_dir,
                    dataset.db,
                    rows=rows,
                    clients=CLIENTS,
                    seed=options.seed,
                    fresh=options.fresh,
                )
                out.append(
                    _m(
                        "-",
                        "legacy workbook",
                        workbook.size_mb,
                        "MB",
                        note=f"{workbook.path.name}: {rows:,} rows; "
                        + ("reused" if workbook.reused else "generated")
                        + f" (generation took {workbook.seconds:.0f} s)",
                    )
                )
            out.extend(measure(dataset, workbook, options, repeats, targets))
    return out
