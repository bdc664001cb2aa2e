"""`export clients OUT.xlsx [--search TEXT] [--json]`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from crm_desktop.commands.context import Context, print_json
from crm_desktop.i18n import _


def register(commands: Any) -> None:
    export = commands.add_parser("export", help=_("write clients to a workbook"))
    sub = export.add_subparsers(dest="export_command", parser_class=type(export))

    clients = sub.add_parser("clients", help=_("the client list as an Excel workbook (.xlsx)"))
    clients.add_argument("out", metavar="OUT.xlsx")
    clients.add_argument(
        "--search", metavar="TEXT", help=_("only the clients the search box finds for TEXT")
    )
    clients.add_argument("--json", action="store_true")
    clients.set_defaults(handler=cmd_clients)


def cmd_clients(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.exporting import export_clients  # openpyxl: only here

    out = Path(args.out)
    with ctx.unit_of_work(write=False) as session:
        rows = export_clients(session, out, search=args.search)
    path = out.expanduser().absolute()
    if args.json:
        print_json({"path": str(path), "rows": rows})
    else:
        print(_("Exported {rows} clients to {path}", rows=rows, path=path))
    return 0
