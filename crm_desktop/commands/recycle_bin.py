"""`bin list|restore|empty`: the recycle bin of every kind of record."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from crm_desktop.commands.context import Context, parse_id, print_json, print_json_array
from crm_desktop.errors import BadInput, CrmError, PermissionDenied
from crm_desktop.i18n import _
from crm_desktop.services.local_time import to_local
from crm_desktop.services.recycle_bin import (
    BinEntry,
    BinKind,
    bin_count,
    bin_permission,
    empty_bin,
    iter_bin,
    parse_kind,
    restore,
)

KINDS = [k.value for k in BinKind]


def register(commands: Any) -> None:
    recycle = commands.add_parser("bin", help=_("the recycle bin: deleted records"))
    sub = recycle.add_subparsers(dest="bin_command", parser_class=type(recycle))

    lst = sub.add_parser("list", help=_("what is in the recycle bin, the latest deletion first"))
    lst.add_argument("--kind", choices=KINDS)
    lst.add_argument("--search", metavar="TEXT", help=_("only records whose name has this"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    back = sub.add_parser("restore", help=_("bring records back from the recycle bin"))
    back.add_argument("kind", metavar="KIND", help=", ".join(KINDS))
    back.add_argument("ids", metavar="ID", nargs="+")
    back.add_argument("--json", action="store_true")
    back.set_defaults(handler=cmd_restore)

    empty = sub.add_parser(
        "empty", help=_("erase what is in the recycle bin for good (an administrator only)")
    )
    empty.add_argument("--kind", choices=KINDS)
    empty.add_argument(
        "--older-than",
        type=int,
        metavar="DAYS",
        help=_("only what was deleted more than this many days ago"),
    )
    empty.add_argument("--yes", action="store_true", help=_("do not ask"))
    empty.add_argument("--json", action="store_true")
    empty.set_defaults(handler=cmd_empty)


def _line(entry: BinEntry) -> str:
    when = to_local(entry.deleted_at).strftime("%Y-%m-%d %H:%M")
    parts = [when, entry.kind.value, str(entry.id), entry.who or "-", entry.title]
    if entry.detail:
        parts.append(entry.detail)
    return "\t".join(parts)


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    kind = parse_kind(args.kind) if args.kind else None
    with ctx.read_snapshot() as session:
        entries = iter_bin(session, kind=kind, search=args.search)
        if args.json:
            print_json_array(e.to_json() for e in entries)
        else:
            for entry in entries:
                print(_line(entry))
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    """All or nothing: one record refused (its client still in the bin, say) keeps the
    others in the bin too, and the one line on stderr says which and why."""
    kind = parse_kind(args.kind)
    ids = [parse_id(raw) for raw in args.ids]
    with ctx.unit_of_work() as session:
        report = restore(session, kind, ids)
        if report.refused:
            first = report.refused[0]
            refused = CrmError(f"{first.id}: {first.message}")
            refused.exit_code = first.error.exit_code
            raise refused
    if args.json:
        print_json(report.to_json())
    else:
        for restored_kind, row_id in report.restored:
            print(_("Restored: {kind} {id}", kind=restored_kind.value, id=row_id))
    return 0


def _confirmed(count: int) -> bool:
    """Ask on the terminal; no terminal to ask on is a usage error (exit 2)."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise BadInput(
            _("bin empty: erasing for good needs a yes: answer on a terminal or give --yes")
        )
    sys.stderr.write(
        _(
            "Erase records from the recycle bin for good: {n}? This cannot be undone. [y/N] ",
            n=count,
        )
    )
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes", "д", "да")


def cmd_empty(ctx: Context, args: argparse.Namespace) -> int:
    kind = parse_kind(args.kind) if args.kind else None
    if args.older_than is not None and args.older_than < 0:
        raise BadInput(_("--older-than: a number of days, 0 or more"))
    older = dt.timedelta(days=args.older_than) if args.older_than is not None else None
    with ctx.unit_of_work(write=False) as session:
        reason = bin_permission(session, ctx.login)
        if reason is not None:
            raise PermissionDenied(reason)
        held = bin_count(session, kind=kind)
    if held and not args.yes and not _confirmed(held):
        print(_("Nothing was erased."), file=sys.stderr)
        return 0
    with ctx.unit_of_work() as session:
        report = empty_bin(session, ctx.login, kind=kind, older_than=older)
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.lines():
            print(line)
    return 0
