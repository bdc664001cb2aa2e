"""`server init|set` and `license install|status|check|kick`: the office server, set up
and looked after by its administrator (a PostgreSQL superuser, who takes no seat)."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from crm_desktop.commands.context import Context, print_json
from crm_desktop.errors import BadInput, PermissionDenied
from crm_desktop.i18n import _
from crm_desktop.store.location import parse_location


def register(commands: Any) -> None:
    server = commands.add_parser("server", help=_("the office server (PostgreSQL)"))
    sub = server.add_subparsers(dest="server_command", parser_class=type(server))
    init = sub.add_parser(
        "init", help=_("create or upgrade the CRM database, its roles and row-level security")
    )
    init.add_argument("--admin-url", required=True, help=_("a PostgreSQL superuser's URL"))
    init.add_argument("--database", default="crm", help=_("the database's name (crm)"))
    init.add_argument("--json", action="store_true")
    init.set_defaults(handler=cmd_init, takes_seat=False)

    host = sub.add_parser(
        "host", help=_("run the bundled PostgreSQL on this PC as the office server")
    )
    host.add_argument(
        "--data-dir", type=Path, help=_("where the server keeps its data (the data directory)")
    )
    host.add_argument("--port", type=int, default=5432, help=_("the TCP port (5432)"))
    host.add_argument(
        "--init-only", action="store_true", help=_("prepare the server, then stop and exit")
    )
    host.add_argument("--json", action="store_true")
    host.set_defaults(handler=cmd_host, takes_seat=False)

    set_ = sub.add_parser("set", help=_("the server's settings"))
    set_.add_argument(
        "--unassigned-visible",
        choices=["on", "off"],
        required=True,
        help=_("whether every manager sees the clients nobody owns"),
    )
    set_.set_defaults(handler=cmd_set, takes_seat=False)

    compact = sub.add_parser(
        "compact",
        help=_("remove for good the deleted records every active laptop has received"),
    )
    compact.add_argument(
        "--keep-days",
        type=int,
        default=30,
        help=_("keep deleted records restorable at least this many days (30)"),
    )
    compact.add_argument("--json", action="store_true")
    compact.set_defaults(handler=cmd_compact, takes_seat=False)

    lic = commands.add_parser("license", help=_("the license and its seats"))
    lsub = lic.add_subparsers(dest="license_command", parser_class=type(lic))
    install = lsub.add_parser("install", help=_("install a license file on the server"))
    install.add_argument("file", type=Path)
    install.add_argument("--json", action="store_true")
    install.set_defaults(handler=cmd_install, takes_seat=False)
    status = lsub.add_parser("status", help=_("the license and who holds which seat"))
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_status, takes_seat=False)
    check = lsub.add_parser("check", help=_("take a seat, print it, hold it, release it"))
    check.add_argument("--hold", type=float, default=0.0, metavar="SECONDS")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=cmd_check, takes_seat=False)
    kick = lsub.add_parser("kick", help=_("end the session holding a seat"))
    kick.add_argument("slot", type=int)
    kick.set_defaults(handler=cmd_kick, takes_seat=False)


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.store.server_setup import init_server

    admin = parse_location(args.admin_url)
    database = args.database.strip()
    if not database:
        raise BadInput(_("--database: give the database's name"))
    report = init_server(admin, database)
    if args.json:
        print_json(report.to_json())
        return 0
    print(
        _(
            "The CRM database {db} is ready (schema {schema}, PostgreSQL {version}).",
            db=report.database,
            schema=report.schema,
            version=report.server_version,
        )
    )
    print(_("Add its users with 'crm-desktop --db URL user add LOGIN --role ROLE'."))
    return 0


class _Stopped(BaseException):
    """Ctrl+C or SIGTERM reached `server host`: stop PostgreSQL and exit 0."""


def cmd_host(ctx: Context, args: argparse.Namespace) -> int:
    # the handlers go in first: a service stopped while it is still starting must stop
    # PostgreSQL too, not leave it running
    previous = _stop_on_signals()
    try:
        _host(args)
    except _Stopped:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def _host(args: argparse.Namespace) -> None:
    from crm_desktop.store import server_host

    prepared = server_host.prepare(args.data_dir, args.port)
    server = prepared.server
    try:
        out = sys.stderr if args.json else sys.stdout  # --json: the JSON alone on stdout
        _explain_host(prepared, out)
        if args.json:
            print_json(server.to_json(prepared.password_saved))
        if args.init_only:
            return
        print(
            _(
                "The office server is running at {url}; Ctrl+C stops it.",
                url=server.url(),
            ),
            file=out,
            flush=True,
        )
        sys.stdout.flush()
        while True:  # as a service does: wait for Ctrl+C or SIGTERM, watch PostgreSQL
            time.sleep(5)
            server_host.check_still_running(server)
    finally:
        server_host.stop(server)


def _stop_on_signals() -> dict[int, Any]:
    """Ctrl+C and SIGTERM (Ctrl+Break on Windows) raise `_Stopped` once; a second one
    does not interrupt the stopping."""
    signals = [signal.SIGINT, signal.SIGTERM]
    if sys.platform == "win32":
        signals.append(signal.SIGBREAK)
    received: list[int] = []

    def handler(signum: int, _frame: object) -> None:
        received.append(signum)
        if len(received) == 1:
            raise _Stopped

    return {sig: signal.signal(sig, handler) for sig in signals}


def _explain_host(prepared: Any, out: TextIO) -> None:
    from crm_desktop.store import server_host

    server = prepared.server
    if prepared.password is not None:
        print(
            _(
                "The password of the PostgreSQL superuser {user} (shown only now): {password}",
                user=server_host.SUPERUSER,
                password=prepared.password,
            ),
            file=out,
        )
        if prepared.password_saved:
            print(
                _(
                    "It is saved in this PC's keyring (service {service}, account {account}).",
                    service=server_host.KEYRING_SERVICE,
                    account=server_host.keyring_user(server.base),
                ),
                file=out,
            )
        else:
            print(
                _("This PC has no keyring: write the password down and keep it safe."),
                file=out,
            )
    report = prepared.init_report
    if report is None:
        print(
            _(
                "The superuser's password is not in this PC's keyring: set up the CRM "
                "database with: {command}",
                command=server_host.init_command(server),
            ),
            file=out,
        )
    else:
        print(
            _(
                "The CRM database {db} is ready (schema {schema}, PostgreSQL {version}).",
                db=report.database,
                schema=report.schema,
                version=report.server_version,
            ),
            file=out,
        )
    systemd, windows = server_host.install_commands(server)
    print(_("Data directory: {path}", path=server.base), file=out)
    print(_("To start the server at boot on Linux: {command}", command=systemd), file=out)
    print(
        _("To start it at boot on Windows (as an administrator): {command}", command=windows),
        file=out,
    )
    print(_("Desktops connect to {url} with their own logins.", url=server.url()), file=out)


def cmd_set(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.store.license_admin import set_unassigned_visible

    db = ctx.open()
    with db.engine.begin() as conn:
        set_unassigned_visible(conn, args.unassigned_visible == "on")
    print(_("Saved"))
    return 0


def cmd_compact(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.sync.compaction import compact

    db = ctx.open()
    if not db.is_server_admin():
        raise PermissionDenied(
            _("server compact: run it as the server's administrator (a PostgreSQL superuser).")
        )
    report = compact(db, keep_days=max(0, args.keep_days))
    if args.json:
        print_json(report.to_json())
    else:
        print(
            _(
                "{removed} deleted records removed for good; {active} active laptops have "
                "received everything older.",
                removed=report.removed,
                active=report.active_replicas,
            )
        )
    return 0


def cmd_install(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.store.license_admin import install_license, license_status
    from crm_desktop.store.license_document import read_license_file

    lic = read_license_file(args.file)
    db = ctx.open()
    with db.engine.begin() as conn:
        install_license(conn, lic)
        status = license_status(conn)
    if args.json:
        print_json(status.to_json())
    else:
        print(
            _(
                "License installed: {customer}, {seats} seats until {expires}",
                customer=lic.customer,
                seats=lic.seats,
                expires=lic.expires.strftime("%d.%m.%Y"),
            )
        )
    return 0


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.store.license_admin import license_status

    db = ctx.open()
    with db.engine.connect() as conn:
        status = license_status(conn)
    if args.json:
        print_json(status.to_json())
        return 0
    if status.license is None:
        print(_("No license installed: {n} seats free of charge", n=status.seats))
    else:
        print(
            _(
                "{customer}: {seats} seats until {expires}",
                customer=status.license.customer,
                seats=status.seats,
                expires=status.license.expires.strftime("%d.%m.%Y"),
            )
        )
    print(_("In use: {n} of {seats}", n=len(status.holders), seats=status.seats))
    for h in status.holders:
        print(f"  {h.slot}\t{h.login}\t{h.host}\t{h.since.astimezone():%d.%m.%Y %H:%M}")
    return 0


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    if args.hold < 0:
        raise BadInput(_("--hold: the seconds cannot be negative"))
    db = ctx.open()
    if db.location.is_sqlite:
        raise BadInput(
            _("Licenses belong to the office server: on a local file there is one seat.")
        )
    if db.is_server_admin():
        raise BadInput(
            _("A server administrator takes no seat: give the URL of a CRM user's login.")
        )
    seat = db.take_seat()
    slot = seat.slot if seat is not None else None
    if args.json:
        print_json({"slot": slot, "login": db.location.user})
    else:
        print(_("Seat {slot} taken by {login}", slot=slot, login=db.location.user))
    if args.hold:
        time.sleep(args.hold)
    db.dispose()
    return 0


def cmd_kick(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.store.license_admin import kick_seat

    db = ctx.open()
    with db.engine.begin() as conn:
        ended = kick_seat(conn, args.slot)
    print(_("Seat {slot}: {n} sessions ended", slot=args.slot, n=ended))
    return 0
