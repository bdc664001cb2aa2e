"""`python -m bench [NAME ...]`: run benchmarks, print a table, write bench/results.json."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import traceback
import warnings
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

from bench import DATA_DIR, RESULTS_FILE
from bench.benchmarks import BENCHMARKS
from bench.machine import machine_info
from bench.options import (
    DATABASES,
    FULL_CLIENTS,
    FULL_DEMO_CLIENTS,
    QUICK_CLIENTS,
    QUICK_DEMO_CLIENTS,
    Options,
)
from bench.progress import say
from bench.results import Measurement, format_table, write_results


def _parser() -> argparse.ArgumentParser:
    listing = "\n".join(f"  {b.name:<8} {b.summary}" for b in BENCHMARKS.values())
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure crm-desktop's performance targets on generated data.",
        epilog=f"benchmarks:\n{listing}\n\nGenerated databases are cached in {DATA_DIR}.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    parser.add_argument(
        "--clients",
        type=int,
        help=f"clients in the search databases (default {FULL_CLIENTS:,}; "
        f"{QUICK_CLIENTS:,} with --quick)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a fast smoke run: {QUICK_CLIENTS:,} clients, init --demo {QUICK_DEMO_CLIENTS:,}",
    )
    parser.add_argument(
        "--keep",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="keep generated databases in bench/.data/ and reuse them while they hold the "
        "requested number of clients (default); --no-keep works in a temporary directory",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="generate the databases again even if cached"
    )
    parser.add_argument(
        "--database",
        action="append",
        choices=DATABASES,
        help="only this database (repeatable; default: both)",
    )
    parser.add_argument(
        "--queries", type=int, default=250, help="timed queries per fragment kind (default 250)"
    )
    parser.add_argument(
        "--warmup", type=int, default=50, help="warm-up queries per fragment kind (default 50)"
    )
    parser.add_argument(
        "--demo-clients",
        type=int,
        help=f"N for init --demo N (default {FULL_DEMO_CLIENTS:,}; "
        f"{QUICK_DEMO_CLIENTS:,} with --quick)",
    )
    parser.add_argument(
        "--output", type=Path, default=RESULTS_FILE, help=f"results file (default {RESULTS_FILE})"
    )
    return parser


def _options(args: argparse.Namespace) -> Options:
    options = Options(
        clients=args.clients or (QUICK_CLIENTS if args.quick else FULL_CLIENTS),
        demo_clients=args.demo_clients or (QUICK_DEMO_CLIENTS if args.quick else FULL_DEMO_CLIENTS),
        queries=args.queries,
        warmup=args.warmup,
        databases=tuple(args.database) if args.database else DATABASES,
        keep=args.keep,
        fresh=args.fresh,
        quick=args.quick,
        data_dir=DATA_DIR,
    )
    if options.clients < 1000 or options.queries < 1 or options.warmup < 0:
        raise SystemExit("--clients must be at least 1000, --queries at least 1")
    return replace(options, databases=tuple(dict.fromkeys(options.databases)))


def main(argv: Sequence[str] | None = None) -> int:
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    args = _parser().parse_args(argv)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        known = ", ".join(BENCHMARKS)
        print(f"unknown benchmark: {', '.join(unknown)} (known: {known})", file=sys.stderr)
        return 2
    options = _options(args)
    names = list(dict.fromkeys(args.names)) or list(BENCHMARKS)
    started = dt.datetime.now(dt.UTC).astimezone()
    measurements: list[Measurement] = []
    failed: list[str] = []
    for name in names:
        say(f"running {name}")
        try:
            measurements.extend(BENCHMARKS[name].runner()(options))
        except Exception:
            failed.append(name)
            traceback.print_exc()
            say(f"{name} failed")
    print(format_table(measurements))
    write_results(
        args.output,
        measurements,
        machine=machine_info(),
        options={**asdict(options), "data_dir": str(options.data_dir), "benchmarks": names},
        started=started,
    )
    say(f"results written to {args.output}")
    if failed:
        say(f"failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
