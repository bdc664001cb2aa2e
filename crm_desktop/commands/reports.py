"""`report NAME [--from D] [--to D] [--owner LOGIN] [--by G] [--format json|xlsx|pdf|text]
[-o FILE]`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from crm_desktop.commands.context import Context, print_json
from crm_desktop.errors import BadInput, NotFound, ValidationError
from crm_desktop.i18n import _
from crm_desktop.services.dates import parse_date
from crm_desktop.services.documents.output import write_document
from crm_desktop.services.reports import GROUPINGS, REPORTS, run_report
from crm_desktop.services.reports.display import display_value, period_text
from crm_desktop.services.reports.table import DEFAULT_LIMIT, ReportParams, ReportTable, kind_of
from crm_desktop.services.users import find_user, normalize_login

FORMATS = ("text", "json", "xlsx", "pdf")


def register(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help=_("reports: sales funnel, revenue, receivables, activity, client analytics"),
    )
    report.add_argument("name", choices=list(REPORTS), metavar="NAME", help=", ".join(REPORTS))
    report.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help=_("first day (default: the 1st of this month)"),
    )
    report.add_argument("--to", dest="date_to", metavar="DATE", help=_("last day (default: today)"))
    report.add_argument("--owner", metavar="LOGIN", help=_("one manager's figures"))
    report.add_argument("--segment", metavar="NAME", help=_("only the clients of a segment"))
    report.add_argument("--tag", metavar="NAME", help=_("only the clients with a tag"))
    groupings = "; ".join(f"{name}: {', '.join(g)}" for name, g in GROUPINGS.items())
    report.add_argument("--by", metavar="GROUP", help=_("grouping ({choices})", choices=groupings))
    report.add_argument(
        "--days", type=int, metavar="N", help=_("sleeping: no contact for N days (default 90)")
    )
    report.add_argument("--pipeline", metavar="NAME", help=_("funnel, forecast: the pipeline"))
    report.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=_("at most N rows of clients or invoices (0: all; default {n})", n=DEFAULT_LIMIT),
    )
    report.add_argument("--format", choices=FORMATS, help=_("default: from -o, else text"))
    report.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=_("the .xlsx or .pdf to write")
    )
    report.add_argument("--json", action="store_true", help=_("the same as --format json"))
    report.set_defaults(handler=cmd_report)


def _format(args: argparse.Namespace) -> str:
    if args.json:
        if args.format not in (None, "json"):
            raise BadInput(
                _("--json and --format {format} contradict each other", format=args.format)
            )
        return "json"
    if args.format:
        return str(args.format)
    if args.output is not None:
        suffix = str(args.output.suffix).lower().lstrip(".")
        if suffix in ("xlsx", "pdf", "json"):
            return suffix
        raise BadInput(_("-o: name a .xlsx or .pdf file (or give --format)"))
    return "text"


def _period(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    date_to = parse_date(args.date_to, "to") if args.date_to else today
    date_from = parse_date(args.date_from, "from") if args.date_from else date_to.replace(day=1)
    return date_from, date_to


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    fmt = _format(args)
    if fmt in ("xlsx", "pdf") and args.output is None:
        raise BadInput(_("--format {format} needs -o FILE", format=fmt))
    if args.limit < 0:
        raise ValidationError("limit", _("--limit: a number of rows, 0 for all"))
    if args.days is not None and args.days < 0:
        raise ValidationError("days", _("--days: a number of days"))
    date_from, date_to = _period(args)
    with ctx.unit_of_work(write=False) as session:
        owner = None
        if args.owner:
            owner = normalize_login(args.owner)
            if find_user(session, owner) is None:
                raise NotFound(_('No user with login "{login}"', login=args.owner))
        params = ReportParams(
            date_from,
            date_to,
            owner=owner,
            by=args.by,
            days=args.days,
            pipeline=args.pipeline,
            limit=args.limit,
            segment=args.segment,
            tag=args.tag,
        )
        table = run_report(session, args.name, params)
    if fmt == "json":
        if args.output is not None:
            data = json.dumps(table.to_json(), ensure_ascii=False, indent=1).encode()
            write_document(args.output, data)
        else:
            print_json(table.to_json())
        return 0
    if fmt == "xlsx":
        from crm_desktop.services.reports.report_xlsx import render_report_xlsx

        render_report_xlsx(table, args.output)
        print(_("Written: {path}", path=args.output.expanduser().absolute()))
        return 0
    if fmt == "pdf":
        from crm_desktop.services.reports.report_pdf import render_report_pdf

        render_report_pdf(table, args.output)
        print(_("Written: {path}", path=args.output.expanduser().absolute()))
        return 0
    _print_text(table)
    return 0


def _print_text(table: ReportTable) -> None:
    """The report as an aligned table on the terminal, then its totals."""
    print(f"{table.title}, {period_text(table.params.date_from, table.params.date_to)}")
    if table.params.owner:
        print(_("Manager: {login}", login=table.params.owner))
    header = [c.label for c in table.columns]
    cells = [
        [display_value(v, c.kind) for v, c in zip(row, table.columns, strict=True)]
        for row in table.rows
    ]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    numeric = [c.kind.value in ("int", "money", "percent", "number") for c in table.columns]

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if right else v.ljust(w)
            for v, w, right in zip(values, widths, numeric, strict=True)
        ).rstrip()

    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))
    if not cells:
        print(_("(nothing in this period)"))
    for key, value in table.totals.items():
        kind = table.total_kinds.get(key, kind_of(value))
        print(f"{table.total_labels.get(key, key)}: {display_value(value, kind)}")
