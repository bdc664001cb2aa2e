"""`init [--demo N]`: create or upgrade the database, optionally with sample data."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crm_desktop.commands.context import Context, print_json
from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.store.database import Database, DatabaseMissing
from crm_desktop.store.provisioning import create_postgres_database, upgrade_as_admin
from crm_desktop.store.schema import head_revision
from crm_desktop.store.search_index import cyrillic_search_works


def register(commands: Any) -> None:
    init = commands.add_parser("init", help=_("create or upgrade the database"))
    init.add_argument(
        "--demo", type=int, metavar="N", help=_("add N realistic sample clients with history")
    )
    init.add_argument("--json", action="store_true")
    init.set_defaults(handler=cmd_init)


def _open_or_create(ctx: Context) -> Database:
    try:
        return ctx.open(check_schema=False, create=True)
    except DatabaseMissing as missing:
        create_postgres_database(missing.location)
        ctx.location = missing.location
    return ctx.open(check_schema=False)


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    if args.demo is not None and args.demo < 0:
        raise BadInput(_("--demo: the number of clients cannot be negative"))
    db = _open_or_create(ctx)
    backup = upgrade_as_admin(db)
    with ctx.unit_of_work(write=False) as session:
        if not cyrillic_search_works(session):
            print(
                _(
                    "crm-desktop: warning: the server's locale hides Cyrillic from the search "
                    "index; initialise it with a UTF-8 locale (see the README)."
                ),
                file=sys.stderr,
            )
    result: dict[str, Any] = {
        "database": db.location.describe(),
        "schema": head_revision(),
        "backup": str(backup) if backup else None,
    }
    if args.demo:
        from crm_desktop.services.demo import generate_demo  # Faker loads only here

        with ctx.unit_of_work() as session:
            report = generate_demo(session, args.demo, progress=_progress(args))
        result["demo"] = report.to_json()
    if args.json:
        print_json(result)
    else:
        print(
            _(
                "Database ready: {db} (schema {schema})",
                db=result["database"],
                schema=result["schema"],
            )
        )
        if backup:
            print(_("Backup of the previous version: {path}", path=backup))
        if args.demo:
            demo = result["demo"]
            print(
                _(
                    "Sample data: {clients} clients ({companies} companies), {interactions} "
                    "history entries, {deals} deals, {invoices} invoices in {seconds:.1f} s",
                    **demo,
                )
            )
    return 0


def _progress(args: argparse.Namespace) -> Any:
    if args.json or not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr)

    return report
