"""`privacy export|erase|requests`: personal data (152-FZ)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from crm_desktop.commands.context import Context, parse_id, print_json, print_json_array
from crm_desktop.errors import BadInput, PermissionDenied
from crm_desktop.i18n import _
from crm_desktop.services.privacy import erase_person, erasure_permission, privacy_requests_report
from crm_desktop.store.privacy_wipe import erasing_unit_of_work


def register(commands: Any) -> None:
    privacy = commands.add_parser("privacy", help=_("personal data (152-FZ)"))
    sub = privacy.add_subparsers(dest="privacy_command", parser_class=type(privacy))

    export = sub.add_parser("export", help=_("everything held about a person, as PDF or JSON"))
    export.add_argument("client_id", metavar="CLIENT_ID")
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    export.add_argument("--format", choices=["pdf", "json"])
    export.add_argument("--no-record", action="store_true", help=_("do not note an access request"))
    export.set_defaults(handler=cmd_export)

    erase = sub.add_parser("erase", help=_("erase a person's personal data everywhere"))
    erase.add_argument("client_id", metavar="CLIENT_ID")
    erase.add_argument("--ground", required=True, metavar="TEXT")
    erase.add_argument("--yes", action="store_true", help=_("do not ask"))
    erase.add_argument("--json", action="store_true")
    erase.set_defaults(handler=cmd_erase)

    requests = sub.add_parser("requests", help=_("the requests about personal data answered"))
    requests.add_argument("--from", dest="date_from", metavar="DATE")
    requests.add_argument("--to", dest="date_to", metavar="DATE")
    requests.add_argument("--json", action="store_true")
    requests.set_defaults(handler=cmd_requests)


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    client_id = parse_id(args.client_id, "CLIENT_ID")
    path = Path(args.output)
    chosen = (args.format or path.suffix.lstrip(".")).lower()
    if chosen not in ("pdf", "json"):
        raise BadInput(
            _("{path}: the file must end in .pdf or .json (or give --format)", path=path)
        )
    with ctx.unit_of_work() as session:
        from crm_desktop.services.privacy_export import export_person, write_person  # ReportLab

        data = export_person(session, client_id, record=not args.no_record)
    written = write_person(data, path, chosen)
    print(written)
    return 0


def _confirmed(client: str) -> bool:
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise BadInput(_("privacy erase: erasing needs a yes: answer on a terminal or give --yes"))
    sys.stderr.write(
        _(
            "Erase the personal data of {client} everywhere? This cannot be undone. [y/N] ",
            client=client,
        )
    )
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes", "д", "да")


def cmd_erase(ctx: Context, args: argparse.Namespace) -> int:
    client_id = parse_id(args.client_id, "CLIENT_ID")
    if not " ".join(args.ground.split()):
        raise BadInput(_("--ground: say on what ground the data is erased"))
    with ctx.unit_of_work(write=False) as session:
        reason = erasure_permission(session, ctx.login)
        if reason is not None:
            raise PermissionDenied(reason)
    if not args.yes and not _confirmed(str(client_id)):
        print(_("Nothing was erased."), file=sys.stderr)
        return 0
    with erasing_unit_of_work(ctx.open(), ctx.login) as session:
        report = erase_person(session, client_id, ground=args.ground, login=ctx.login)
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.lines():
            print(line)
    return 0


def _date(raw: str | None, option: str) -> dt.date | None:
    if raw is None:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(raw.strip(), pattern).date()
        except ValueError:
            continue
    raise BadInput(_('{option}: "{value}" is not a date (YYYY-MM-DD)', option=option, value=raw))


def cmd_requests(ctx: Context, args: argparse.Namespace) -> int:
    date_from = _date(args.date_from, "--from")
    date_to = _date(args.date_to, "--to")
    with ctx.read_snapshot() as session:
        rows = privacy_requests_report(session, date_from, date_to)
    if args.json:
        print_json_array(r.to_json() for r in rows)
        return 0
    for row in rows:
        answered = f"{row.answered_on:%d.%m.%Y}" if row.answered_on else "-"
        days = str(row.days) if row.days is not None else "-"
        print(f"{row.received_on:%d.%m.%Y}\t{answered}\t{days}\t{row.kind}\t{row.person}")
    return 0
