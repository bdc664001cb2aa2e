"""`backup OUT [--admin-url URL]` and `restore FILE [--yes] [--admin-url URL]`: the whole
database to one `.crmbackup` file and back (store/backup.py)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.commands.context import Context, print_json
from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.store.database import Database, DatabaseMissing
from crm_desktop.store.location import parse_location

if TYPE_CHECKING:  # the backup modules (zstandard, pg_dump's helpers) load when used
    from crm_desktop.store.backup_manifest import Manifest

YES = ("y", "yes", "д", "да")


def register(commands: Any) -> None:
    backup = commands.add_parser("backup", help=_("back up the whole database to one file"))
    backup.add_argument("out", type=Path, help=_("the backup file to make (or a folder for it)"))
    backup.add_argument(
        "--admin-url", help=_("a PostgreSQL superuser's URL (for a backup of the office server)")
    )
    backup.add_argument("--json", action="store_true")
    backup.set_defaults(handler=cmd_backup, takes_seat=False)

    restore = commands.add_parser(
        "restore", help=_("replace the database with a backup (the current one is backed up first)")
    )
    restore.add_argument("file", type=Path, help=_("the backup file"))
    restore.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    restore.add_argument(
        "--admin-url", help=_("a PostgreSQL superuser's URL (for a restore onto the office server)")
    )
    restore.add_argument("--json", action="store_true")
    restore.set_defaults(handler=cmd_restore, takes_seat=False)


def _as_admin(ctx: Context, args: argparse.Namespace) -> None:
    """With --admin-url the command works as that login on --db's database (a fresh
    server has none of the CRM's logins yet)."""
    if args.admin_url and not ctx.location.is_sqlite:
        admin = parse_location(args.admin_url)
        if admin.is_sqlite:
            raise BadInput(_("--admin-url: give a postgresql:// URL of the office server"))
        ctx.location = replace(admin, database=ctx.location.database)


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    _as_admin(ctx, args)
    db = ctx.open(check_schema=False)
    from crm_desktop.store.backup import make_backup

    info = make_backup(db, args.out, admin_url=args.admin_url, progress=_progress(args))
    if args.json:
        print_json(info.to_json())
        return 0
    print(
        _(
            "Backup saved: {path} ({size}; {clients} clients, schema {schema}).",
            path=info.path,
            size=_size(info.size),
            clients=info.manifest.clients,
            schema=info.manifest.schema,
        )
    )
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.store.backup import read_manifest, restore_backup

    manifest = read_manifest(args.file)  # another product's, damaged, newer: refused here
    if not args.yes and not sys.stdin.isatty():
        raise BadInput(
            _(
                "restore: there is no terminal to confirm on; add --yes to replace the "
                "database without asking."
            )
        )
    _as_admin(ctx, args)
    db = _open_or_create(ctx, args)
    if not args.yes and not _confirmed(manifest, db):
        print(_("Nothing was changed."), file=sys.stderr)
        return 0
    info = restore_backup(db, args.file, admin_url=args.admin_url, progress=_progress(args))
    if args.json:
        print_json(info.to_json())
        return 0
    print(
        _(
            "Restored {db} from {path} (made {date}, schema {schema}).",
            db=info.database,
            path=info.path,
            date=_local(manifest),
            schema=manifest.schema,
        )
    )
    if info.upgraded:
        print(_("The restored data was upgraded to this program's schema."))
    if info.previous is not None:
        print(_("The database as it was before: {path}", path=info.previous))
    return 0


def _open_or_create(ctx: Context, args: argparse.Namespace) -> Database:
    """A restore onto a new computer: the local file, or the server's database (created
    with the administrator's login), may not exist yet."""
    try:
        return ctx.open(check_schema=False, create=True)
    except DatabaseMissing as missing:
        if not args.admin_url:
            raise
        from crm_desktop.store.provisioning import create_postgres_database

        create_postgres_database(missing.location)
        ctx.location = missing.location
    return ctx.open(check_schema=False)


def _confirmed(manifest: Manifest, db: Database) -> bool:
    print(_summary(manifest), file=sys.stderr)
    question = _(
        "Replace the database {db} with this backup? The current data is backed up first. [y/N] ",
        db=db.location.describe(),
    )
    print(question, end="", file=sys.stderr, flush=True)
    try:
        answer = input()
    except EOFError:
        return False
    return answer.strip().casefold() in YES


def _summary(manifest: Manifest) -> str:
    return _(
        "Backup made {date} by crm-desktop {version} (schema {schema}) of {source}: "
        "{clients} clients, {rows} rows in all.",
        date=_local(manifest),
        version=manifest.program_version,
        schema=manifest.schema,
        source=manifest.source,
        clients=manifest.clients,
        rows=sum(manifest.rows.values()),
    )


def _local(manifest: Manifest) -> str:
    return manifest.created_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _size(size: int) -> str:
    if size >= 1_000_000:
        return _("{n:.1f} MB", n=size / 1e6)
    return _("{n:.0f} KB", n=max(size / 1e3, 1))


def _progress(args: argparse.Namespace) -> Any:
    if args.json or not sys.stderr.isatty():
        return None
    shown = [-1]

    def report(done: int, total: int) -> None:
        from crm_desktop.store.backup import STEPS

        percent = done * 100 // max(total, STEPS)
        if percent != shown[0]:
            shown[0] = percent
            print(f"\r{percent}%", end="" if done < total else "\n", file=sys.stderr, flush=True)

    return report
