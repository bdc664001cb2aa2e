"""`order add|move|list|show`: orders from sales through accounting and production."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from crm_desktop.commands.context import Context, parse_id, print_json, print_json_array
from crm_desktop.commands.invoices import parse_line
from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.i18n.formats import format_date, format_money
from crm_desktop.services.orders import (
    ACCOUNTING_STATUSES,
    PRODUCTION_STATUSES,
    AttachmentInput,
    OrderChanges,
    OrderLineInput,
    OrderView,
    check_attachment,
    create_order,
    find_order,
    get_order,
    iter_orders,
    move_order,
    parse_status,
    status_label,
)

QUEUES = {"accounting": ACCOUNTING_STATUSES, "production": PRODUCTION_STATUSES}


def register(commands: Any) -> None:
    order = commands.add_parser("order", help=_("take orders and move them to production"))
    sub = order.add_subparsers(dest="order_command", parser_class=type(order))

    add = sub.add_parser("add", help=_("take an order (a draft with its number)"))
    add.add_argument("--client", required=True, help=_("the client's id"))
    add.add_argument("--deal", help=_("the deal's id"))
    add.add_argument(
        "--line",
        action="append",
        dest="items",
        type=lambda raw: ("line", raw),
        metavar="NAME;QTY;UNIT;PRICE;VAT",
        help=_("a line of a custom or free product (repeatable)"),
    )
    add.add_argument(
        "--product",
        action="append",
        dest="items",
        type=lambda raw: ("product", raw),
        metavar="SKU[:QTY]",
        help=_("a product of the price list with its quantity (repeatable)"),
    )
    add.add_argument("--spec", help=_("the description of a custom product"))
    add.add_argument("--total", help=_("the price of a custom order without lines"))
    add.add_argument("--attach", action="append", metavar="FILE", help=_("a file (repeatable)"))
    add.add_argument("--due", help=_("when it must be ready"))
    add.add_argument("--note")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)

    move = sub.add_parser("move", help=_("move an order to its next status"))
    move.add_argument("id", help=_("the order's id or number"))
    move.add_argument("status", help=_("the new status, e.g. awaiting_prepayment"))
    move.add_argument("--note")
    move.add_argument(
        "--prepayment", help=_("the prepayment to invoice (the whole total if omitted)")
    )
    move.add_argument("--expected-version", type=int, help=_("refuse if it has changed"))
    move.add_argument("--json", action="store_true")
    move.set_defaults(handler=cmd_move)

    lst = sub.add_parser("list", help=_("orders, the newest first (a queue: the oldest first)"))
    lst.add_argument("--status", help=_("one status"))
    lst.add_argument("--queue", choices=sorted(QUEUES), help=_("a department's work queue"))
    lst.add_argument("--client", help=_("the client's id"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    show = sub.add_parser("show", help=_("one order"))
    show.add_argument("id", help=_("the order's id or number"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)


def _product_line(raw: str, index: int) -> OrderLineInput:
    product, sep, quantity = raw.rpartition(":")
    if not sep:
        product, quantity = raw, "1"
    if not product.strip():
        raise BadInput(_('--product {n}: "{value}" names no product', n=index + 1, value=raw))
    return OrderLineInput(product=product.strip(), quantity=quantity.strip() or "1")


def _attachments(paths: list[str] | None) -> list[AttachmentInput]:
    files = []
    for raw in paths or []:
        path = Path(raw)
        if not path.is_file():
            raise BadInput(_('--attach: no file "{path}"', path=raw))
        name = check_attachment(path.name, path.stat().st_size)  # before reading it
        files.append(AttachmentInput(name, path.read_bytes()))
    return files


def _summary(view: OrderView) -> str:
    return (
        f"{view.number or '—'} — {view.client_name} — {format_money(view.total)}"
        f" ({status_label(view.status)}) [{view.id}]"
    )


def _report(args: argparse.Namespace, view: OrderView) -> None:
    if args.json:
        print_json(view.to_json())
    else:
        print(_summary(view))


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    lines = None
    if args.items:
        lines = [
            parse_line(raw, i) if kind == "line" else _product_line(raw, i)
            for i, (kind, raw) in enumerate(args.items)
        ]
    changes = OrderChanges(
        client_id=parse_id(args.client, "--client"),
        deal_id=parse_id(args.deal, "--deal") if args.deal else None,
        lines=lines,
        specification=args.spec,
        total=args.total,
        due_date=args.due,
        note=args.note,
    )
    files = _attachments(args.attach)
    with ctx.unit_of_work() as session:
        view = create_order(session, changes, attachments=files)
    _report(args, view)
    return 0


def cmd_move(ctx: Context, args: argparse.Namespace) -> int:
    status = parse_status(args.status)
    with ctx.unit_of_work() as session:
        view = move_order(
            session,
            find_order(session, args.id),
            status,
            note=args.note,
            expected_version=args.expected_version,
            prepayment=args.prepayment,
        )
    _report(args, view)
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    if args.status and args.queue:
        raise BadInput(_("order list: give --status or --queue, not both"))
    where: dict[str, Any] = {}
    if args.status:
        where["status"] = parse_status(args.status)
    if args.queue:
        where["status"], where["oldest_first"] = QUEUES[args.queue], True
    if args.client:
        where["client_id"] = parse_id(args.client, "--client")
    with ctx.read_snapshot() as session:
        views = iter_orders(session, **where)
        if args.json:
            print_json_array(view.to_json() for view in views)
        else:
            for view in views:
                print(_summary(view))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work(write=False) as session:
        view = get_order(session, find_order(session, args.id))
    if args.json:
        print_json(view.to_json())
        return 0
    rows = [_summary(view)]
    if view.due_date:
        rows.append(_("Due: {date}", date=format_date(view.due_date)))
    if view.specification:
        rows.append(view.specification)
    for n, line in enumerate(view.lines, start=1):
        rows.append(
            f"{n}. {line.name} — {line.quantity.normalize():f} {line.unit_name}"
            f" × {format_money(line.price)} = {format_money(line.amount)}"
        )
    rows.append(_("Total: {amount}", amount=format_money(view.total)))
    for event in view.events:
        old = status_label(event.from_status) if event.from_status else "—"
        rows.append(
            f"{event.at.astimezone():%d.%m.%Y %H:%M} {event.by or '—'}:"
            f" {old} → {status_label(event.to_status)}" + (f". {event.note}" if event.note else "")
        )
    for attachment in view.attachments:
        rows.append(f"📎 {attachment.file_name} ({attachment.size} B)")
    print("\n".join(rows))
    return 0
