"""`client add|edit|show|delete|restore|search|list|merge`."""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Callable
from typing import Any

from crm_desktop.commands.context import Context, parse_id, print_json, print_json_array
from crm_desktop.i18n import _
from crm_desktop.models import ClientKind
from crm_desktop.services.client_list import iter_client_views, iter_clients
from crm_desktop.services.client_rows import ClientRow
from crm_desktop.services.client_views import ClientView, get_client, load_views
from crm_desktop.services.clients import (
    ClientChanges,
    create_client,
    delete_client,
    edit_client,
    restore_client,
)
from crm_desktop.services.merge import merge_clients
from crm_desktop.services.phones import format_phone
from crm_desktop.services.search import DEFAULT_LIMIT, search_clients
from crm_desktop.store.database import CrmSession


def register(commands: Any) -> None:
    client = commands.add_parser("client", help=_("add, change, find clients"))
    sub = client.add_subparsers(dest="client_command", parser_class=type(client))

    add = sub.add_parser("add", help=_("add a person or a company"))
    add.add_argument("--kind", choices=["person", "company"], default="person")
    add.add_argument("--name", required=True)
    _fields(add)
    add.add_argument(
        "--auto-owner",
        action="store_true",
        help=_("let the assignment rule for new clients choose the owner"),
    )
    add.add_argument("--legal-form")
    add.set_defaults(handler=cmd_add)

    edit = sub.add_parser("edit", help=_("change a client"))
    edit.add_argument("id")
    edit.add_argument("--name")
    edit.add_argument("--legal-form")
    _fields(edit)
    edit.set_defaults(handler=cmd_edit)

    show = sub.add_parser("show", help=_("one client"))
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    for name, handler, text in (
        ("delete", cmd_delete, _("move a client to the recycle bin")),
        ("restore", cmd_restore, _("bring a client back")),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("id")
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=handler)

    search = sub.add_parser("search", help=_("what the search box finds"))
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=DEFAULT_LIMIT)
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=cmd_search)

    lst = sub.add_parser("list", help=_("every client, by name"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    merge = sub.add_parser("merge", help=_("merge a duplicate into the client to keep"))
    merge.add_argument("survivor")
    merge.add_argument("duplicate")
    merge.add_argument(
        "--take",
        action="append",
        default=[],
        metavar="FIELD",
        help=_("take this field from the duplicate (repeatable)"),
    )
    merge.add_argument("--json", action="store_true")
    merge.set_defaults(handler=cmd_merge)


def _fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--company", help=_("the company a person belongs to"))
    p.add_argument("--phone", action="append", help=_("repeat for several"))
    p.add_argument("--email", action="append")
    p.add_argument("--inn")
    p.add_argument("--kpp")
    p.add_argument("--ogrn")
    p.add_argument("--birth-date")
    p.add_argument("--owner")
    p.add_argument("--position")
    p.add_argument("--note")
    p.add_argument("--json", action="store_true")


def _changes(args: argparse.Namespace, kind: ClientKind | None) -> ClientChanges:
    return ClientChanges(
        kind=kind,
        name=args.name,
        legal_form=args.legal_form,
        company=args.company,
        phones=args.phone,
        emails=args.email,
        inn=args.inn,
        kpp=args.kpp,
        ogrn=args.ogrn,
        birth_date=args.birth_date,
        owner=args.owner,
        position=args.position,
        note=args.note,
        auto_owner=bool(getattr(args, "auto_owner", False)),
    )


def _report(args: argparse.Namespace, view: ClientView, done: str) -> None:
    if getattr(args, "json", False):
        print_json(view.to_json())
    else:
        print(f"{done}: {view.display_name} ({view.id})")


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        view = create_client(session, _changes(args, ClientKind(args.kind)))
    _report(args, view, _("Added"))
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    client_id = parse_id(args.id)
    with ctx.unit_of_work() as session:
        view = edit_client(session, client_id, _changes(args, None))
    _report(args, view, _("Saved"))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    client_id = parse_id(args.id)
    with ctx.unit_of_work(write=False) as session:
        view = get_client(session, client_id)
    if args.json:
        print_json(view.to_json())
    else:
        print(_card(view))
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    return _bin_move(ctx, args, delete_client, _("Moved to the recycle bin"))


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    return _bin_move(ctx, args, restore_client, _("Restored"))


def _bin_move(
    ctx: Context,
    args: argparse.Namespace,
    move: Callable[[CrmSession, uuid.UUID], ClientView],
    done: str,
) -> int:
    client_id = parse_id(args.id)
    with ctx.unit_of_work() as session:
        view = move(session, client_id)
    _report(args, view, done)
    return 0


def cmd_search(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work(write=False) as session:
        found = search_clients(session, args.text, limit=max(0, args.limit))
        views = load_views(session, [row.id for row in found]) if args.json else []
    if args.json:
        print_json([v.to_json() for v in views])
    else:
        for row in found:
            print(_line(row))
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.read_snapshot() as session:
        if args.json:
            print_json_array(v.to_json() for v in iter_client_views(session))
        else:
            for row in iter_clients(session):
                print(_line(row))
    return 0


def cmd_merge(ctx: Context, args: argparse.Namespace) -> int:
    survivor, other = parse_id(args.survivor), parse_id(args.duplicate)
    with ctx.unit_of_work() as session:
        view = merge_clients(
            session, survivor, other, {f.replace("-", "_"): "other" for f in args.take}
        )
    _report(args, view, _("Merged into"))
    return 0


def _line(row: ClientRow) -> str:
    parts = [str(row.id), row.display_name]
    if row.company:
        parts.append(row.company)
    if row.phone:
        parts.append(format_phone(row.phone))
    if row.email:
        parts.append(row.email)
    return "\t".join(parts)


def _card(view: ClientView) -> str:
    rows = [
        (_("Name"), view.display_name),
        (_("Kind"), _("company") if view.kind == ClientKind.COMPANY else _("person")),
        (_("Company"), view.company or ""),
        (_("Phones"), ", ".join(format_phone(p) for p in view.phones)),
        (_("E-mails"), ", ".join(view.emails)),
        (_("INN"), view.inn or ""),
        (_("Date of birth"), view.birth_date.strftime("%d.%m.%Y") if view.birth_date else ""),
        (_("Owner"), view.owner or ""),
        (_("Id"), str(view.id)),
    ]
    if view.deleted_at:
        rows.append(
            (_("In the recycle bin since"), view.deleted_at.astimezone().strftime("%d.%m.%Y %H:%M"))
        )
    width = max(len(k) for k, _v in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows if v)
