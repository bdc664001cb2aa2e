"""`replica init`, `sync`, `sync status`, `conflicts list|resolve`: a laptop's replica of
the office server (issue 8). `--db` names the laptop's SQLite file; the server's URL is
given once to `replica init` and remembered (without its password)."""

from __future__ import annotations

import argparse
from typing import Any

from crm_desktop.commands.context import Context, ask_password_on_terminal, print_json
from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.store import credentials
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, parse_location
from crm_desktop.store.schema import upgrade
from crm_desktop.sync import replica


def register(commands: Any) -> None:
    rep = commands.add_parser("replica", help=_("this laptop's copy of the office database"))
    rsub = rep.add_subparsers(dest="replica_command", parser_class=type(rep))
    init = rsub.add_parser(
        "init", help=_("make --db a replica of the office server and download its data")
    )
    init.add_argument("--server", required=True, help=_("the office server's postgresql:// URL"))
    init.add_argument(
        "--page-size",
        type=int,
        default=5000,
        help=_("records copied per transaction (5000); an interrupted download goes on"),
    )
    init.add_argument("--json", action="store_true")
    init.set_defaults(handler=cmd_replica_init, takes_seat=False)

    sync = commands.add_parser("sync", help=_("send this laptop's changes, receive the others'"))
    sync.add_argument("--json", action="store_true")
    sync.add_argument(
        "--page-size", type=int, default=1000, help=_("records received per transaction (1000)")
    )
    sync.set_defaults(handler=cmd_sync, takes_seat=False)
    ssub = sync.add_subparsers(dest="sync_command", parser_class=type(sync))
    status = ssub.add_parser("status", help=_("changes waiting, last sync, conflicts"))
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_status, takes_seat=False)

    con = commands.add_parser("conflicts", help=_("edits that met another computer's edits"))
    csub = con.add_subparsers(dest="conflicts_command", parser_class=type(con))
    lst = csub.add_parser("list", help=_("the conflicts nobody has settled yet"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_conflicts_list, takes_seat=False)
    res = csub.add_parser("resolve", help=_("settle a conflict with a new edit"))
    res.add_argument("id", type=int)
    how = res.add_mutually_exclusive_group(required=True)
    how.add_argument("--value", help=_("the value the field should have"))
    how.add_argument("--keep", choices=["mine", "theirs"])
    res.add_argument("--json", action="store_true")
    res.set_defaults(handler=cmd_conflicts_resolve, takes_seat=False)

    dup = commands.add_parser(
        "duplicates", help=_("clients created twice on two computers, found by the sync")
    )
    dsub = dup.add_subparsers(dest="duplicates_command", parser_class=type(dup))
    dlist = dsub.add_parser("list", help=_("the pairs to merge (client merge) or dismiss"))
    dlist.add_argument("--json", action="store_true")
    dlist.set_defaults(handler=cmd_duplicates_list, takes_seat=False)
    dismiss = dsub.add_parser("dismiss", help=_("two different clients: stop offering the pair"))
    dismiss.add_argument("id", type=int)
    dismiss.add_argument("--json", action="store_true")
    dismiss.set_defaults(handler=cmd_duplicates_dismiss, takes_seat=False)


def _laptop(ctx: Context, *, create: bool = False) -> Database:
    if not ctx.location.is_sqlite:
        raise BadInput(_("--db: a laptop's replica is a SQLite file, not {db}", db="PostgreSQL"))
    return ctx.open(create=create, check_schema=not create)


def _server(url: str) -> Database:
    location = parse_location(url)
    if location.is_sqlite:
        raise BadInput(_("--server: give the office server's postgresql:// URL"))
    from crm_desktop.sync.engine import take_sync_seat

    server = open_database(
        location,
        ask_password=ask_password_on_terminal,
        keyring_password=credentials.load_password,
    )
    take_sync_seat(server)
    return server


def _remember(location: Location) -> str:
    """The server's URL as the replica remembers it, never with the password: that goes
    to the keyring (when there is one), where the next `sync` finds it."""
    if location.password:
        credentials.save_password(location, location.password)
    return location.url()


def cmd_replica_init(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.sync.engine import init_replica

    laptop = _laptop(ctx, create=True)
    upgrade(laptop)
    with laptop.engine.connect() as conn:
        if (
            not replica.is_replica(conn)
            and conn.exec_driver_sql("SELECT 1 FROM clients LIMIT 1").first()
        ):
            raise BadInput(
                _(
                    "{db} already holds clients of its own: a replica starts as a new file "
                    "(give another --db).",
                    db=ctx.location.describe(),
                )
            )
    server = _server(args.server)
    try:
        report = init_replica(
            laptop,
            server,
            _remember(server.location),
            server.location.user,
            page_size=max(1, args.page_size),
        )
    finally:
        server.dispose()
    if args.json:
        print_json(report.to_json())
    else:
        print(_("Replica ready: {count} records received.", count=report.pulled))
    return 0


def _remembered_server(laptop: Database) -> str:
    with laptop.engine.connect() as conn:
        return replica.state(conn).server


def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.sync.engine import synchronise

    laptop = _laptop(ctx)
    server = _server(_remembered_server(laptop))
    try:
        report = synchronise(laptop, server, page_size=max(1, args.page_size))
    finally:
        server.dispose()
    if args.json:
        print_json(report.to_json())
    else:
        print(
            _(
                "Sent {pushed}, received {pulled}; {pending} waiting, {conflicts} conflicts.",
                **report.to_json(),
            )
        )
        if report.duplicates:
            print(
                _(
                    "{count} clients may have been created twice: see "
                    "'crm-desktop duplicates list'.",
                    count=report.duplicates,
                )
            )
    return 0


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.sync.engine import status_json

    status = status_json(_laptop(ctx))
    if args.json:
        print_json(status)
    else:
        print(
            _(
                "{pending} changes waiting, last sync {last_sync}, {conflicts} conflicts "
                "({server})",
                **{**status, "last_sync": status["last_sync"] or _("never")},
            )
        )
    return 0


def cmd_conflicts_list(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.sync.engine import conflicts_json

    found = conflicts_json(_laptop(ctx))
    if args.json:
        print_json(found)
        return 0
    for c in found:
        print(
            f"{c['id']}\t{c['table']}\t{c['record_id']}\t{c['field']}\t"
            f"{c['shown']!s}\t{c['other']!s}"
        )
    return 0


def cmd_conflicts_resolve(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.sync.engine import resolve_conflict

    settled = resolve_conflict(_laptop(ctx), args.id, value=args.value, keep=args.keep)
    if args.json:
        print_json({"id": settled.id, "resolved": True})
    else:
        print(_("Conflict {id} settled.", id=settled.id))
    return 0


def cmd_duplicates_list(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.sync.engine import duplicates_json

    found = duplicates_json(_laptop(ctx))
    if args.json:
        print_json(found)
        return 0
    for pair in found:
        print(
            f"{pair['id']}\t{pair['reason']}\t{pair['client']} [{pair['client_id']}]\t"
            f"{pair['other']} [{pair['other_id']}]"
        )
    if found:
        print(_("Merge a pair with 'crm-desktop client merge ID ID', or dismiss it."))
    return 0


def cmd_duplicates_dismiss(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.sync.engine import dismiss_duplicate

    dismiss_duplicate(_laptop(ctx), args.id)
    if args.json:
        print_json({"id": args.id, "dismissed": True})
    else:
        print(_("Pair {id} dismissed: the two clients stay apart.", id=args.id))
    return 0
