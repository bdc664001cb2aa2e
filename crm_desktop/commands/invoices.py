"""`invoice create|edit|issue|show|list|pay|cancel|copy` (`invoice pdf` is registered by the
printed documents' module through `subcommands`)."""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from crm_desktop.commands.context import Context, parse_id, print_json, print_json_array
from crm_desktop.errors import BadInput, ValidationError
from crm_desktop.i18n import _
from crm_desktop.i18n.formats import format_date, format_money
from crm_desktop.models import InvoiceStatus
from crm_desktop.services.dates import parse_date
from crm_desktop.services.invoice_payments import add_payment
from crm_desktop.services.invoice_sources import (
    create_invoice_from_deal,
    create_invoice_from_order,
)
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceFilter,
    InvoiceLineInput,
    InvoiceView,
    cancel_invoice,
    copy_invoice,
    create_invoice,
    edit_invoice,
    find_invoice,
    get_invoice,
    issue_invoice,
    iter_invoices,
)
from crm_desktop.store.database import CrmSession

LINE_FIELDS = 5  # NAME;QTY;UNIT;PRICE;VAT


def register(commands: Any) -> Any:
    """Add `invoice ...`; returns its subcommands (where `invoice pdf` is added)."""
    invoice = commands.add_parser("invoice", help=_("make, issue and track invoices"))
    sub = invoice.add_subparsers(dest="invoice_command", parser_class=type(invoice))

    create = sub.add_parser("create", help=_("a new invoice (a draft unless --issue)"))
    create.add_argument("--client", help=_("the client's id (the deal's or order's if omitted)"))
    create.add_argument("--deal", help=_("the deal's id: its products (or amount) if no --line"))
    create.add_argument("--order", help=_("the order's id: its lines if no --line"))
    _line_options(create)
    create.add_argument("--due", help=_("the due date (the issue date + the days to pay)"))
    create.add_argument("--note")
    create.add_argument("--issue", action="store_true", help=_("issue it at once"))
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=cmd_create)

    edit = sub.add_parser("edit", help=_("change a draft (given lines replace all)"))
    edit.add_argument("id", help=_("the invoice's id"))
    edit.add_argument("--client", help=_("the client's id"))
    _line_options(edit)
    edit.add_argument("--due", help=_('the due date ("" clears it)'))
    edit.add_argument("--note")
    edit.add_argument("--vat", help=_("none, included or on-top"))
    edit.add_argument("--expected-version", type=int, help=_("refuse if it has changed"))
    edit.add_argument("--json", action="store_true")
    edit.set_defaults(handler=cmd_edit)

    issue = sub.add_parser("issue", help=_("give a draft its number"))
    issue.add_argument("id", help=_("the invoice's id"))
    issue.add_argument("--date", help=_("the invoice's date (today if omitted)"))
    issue.add_argument("--json", action="store_true")
    issue.set_defaults(handler=cmd_issue)

    show = sub.add_parser("show", help=_("one invoice"))
    show.add_argument("id", help=_("the invoice's id or number"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    lst = sub.add_parser("list", help=_("invoices, the newest first"))
    lst.add_argument(
        "--status", help=_("draft, issued, partly_paid, paid or cancelled"), type=str.lower
    )
    lst.add_argument("--client", help=_("the client's id"))
    lst.add_argument("--deal", help=_("the deal's id"))
    lst.add_argument(
        "--number", metavar="TEXT", help=_('invoices whose number contains TEXT ("0012")')
    )
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    pay = sub.add_parser("pay", help=_("record a payment"))
    pay.add_argument("id", help=_("the invoice's id or number"))
    pay.add_argument("amount", help=_('for example "15 000,50"'))
    pay.add_argument("--date", help=_("when it was paid (today if omitted)"))
    pay.add_argument("--note")
    pay.add_argument("--json", action="store_true")
    pay.set_defaults(handler=cmd_pay)

    cancel = sub.add_parser("cancel", help=_("cancel an invoice (it keeps its number)"))
    cancel.add_argument("id", help=_("the invoice's id or number"))
    cancel.add_argument("--json", action="store_true")
    cancel.set_defaults(handler=cmd_cancel)

    copy = sub.add_parser("copy", help=_("a new draft with the same lines (to correct one)"))
    copy.add_argument("id", help=_("the invoice's id or number"))
    copy.add_argument("--json", action="store_true")
    copy.set_defaults(handler=cmd_copy)
    return sub


def subcommands(commands: Any) -> Any:
    """The `invoice` command's subcommands, for another module to add one (`invoice pdf`):
    `subcommands(commands).add_parser("pdf", ...)` after `register(commands)`."""
    invoice = commands.choices["invoice"]
    for action in invoice._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError("the invoice command is not registered")  # pragma: no cover


def _line_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--line",
        action="append",
        dest="items",
        type=lambda raw: ("line", raw),
        metavar="NAME;QTY;UNIT;PRICE;VAT",
        help=_(
            'a line (repeatable): QTY and PRICE with a point or comma, UNIT as "шт" or an'
            ' OKEI code, VAT in percent or "none" (empty: the default rate)'
        ),
    )
    p.add_argument(
        "--product",
        action="append",
        dest="items",
        type=lambda raw: ("product", raw),
        metavar="ID_OR_SKU[:QTY]",
        help=_("a product of the price list with its quantity (repeatable)"),
    )


def parse_line(raw: str, index: int) -> InvoiceLineInput:
    """ "NAME;QTY;UNIT;PRICE;VAT" (the name may contain ";": the fields are split from the
    right). Empty UNIT is "шт", empty VAT the default rate, VAT "none" without VAT."""
    parts = raw.rsplit(";", LINE_FIELDS - 1)
    if len(parts) != LINE_FIELDS:
        raise BadInput(
            _(
                '--line {n}: "{value}" must be NAME;QTY;UNIT;PRICE;VAT (VAT in percent or "none")',
                n=index + 1,
                value=raw,
            )
        )
    name, quantity, unit, price, vat = (part.strip() for part in parts)
    if not name:
        raise BadInput(_("--line {n}: the name is empty", n=index + 1))
    if not quantity or not price:
        raise BadInput(_("--line {n}: give the quantity and the price", n=index + 1))
    return InvoiceLineInput(
        name=name,
        quantity=quantity,
        unit=unit or None,
        price=price,
        vat_rate=vat if vat else None,
    )


def _product_line(raw: str, index: int) -> InvoiceLineInput:
    product, sep, quantity = raw.rpartition(":")
    if not sep:
        product, quantity = raw, "1"
    if not product.strip():
        raise BadInput(_('--product {n}: "{value}" names no product', n=index + 1, value=raw))
    return InvoiceLineInput(product=product.strip(), quantity=quantity.strip() or "1")


def _lines(items: list[tuple[str, str]] | None) -> list[InvoiceLineInput] | None:
    if items is None:
        return None
    return [
        parse_line(raw, i) if kind == "line" else _product_line(raw, i)
        for i, (kind, raw) in enumerate(items)
    ]


def _invoice_id(session: CrmSession, raw: str) -> uuid.UUID:
    return find_invoice(session, raw)


def _report(args: argparse.Namespace, view: InvoiceView, done: str) -> None:
    if args.json:
        print_json(view.to_json())
    else:
        print(f"{done}: {_summary(view)}")


def _summary(view: InvoiceView) -> str:
    status = "" if view.is_draft else f" ({_status_text(view.status)})"
    if view.awaiting_number:
        status = " (" + _("numbered at the next sync") + ")"
    elif view.is_draft and view.issue_refusal:
        status = " (" + _("not issued: {reason}", reason=view.issue_refusal) + ")"
    return (
        f"{view.number or _('draft')} — {view.client_name} —"
        f" {format_money(view.total, view.currency)}{status} [{view.id}]"
    )


def _status_text(status: InvoiceStatus) -> str:
    return {
        InvoiceStatus.DRAFT: _("draft"),
        InvoiceStatus.ISSUED: _("issued"),
        InvoiceStatus.PARTLY_PAID: _("partly paid"),
        InvoiceStatus.PAID: _("paid"),
        InvoiceStatus.CANCELLED: _("cancelled"),
    }[status]


def cmd_create(ctx: Context, args: argparse.Namespace) -> int:
    client_id = parse_id(args.client, "--client") if args.client else None
    deal_id = parse_id(args.deal, "--deal") if args.deal else None
    order_id = parse_id(args.order, "--order") if args.order else None
    if deal_id is not None and order_id is not None:
        raise BadInput(_("invoice create: give --deal or --order, not both"))
    if client_id is None and deal_id is None and order_id is None:
        raise BadInput(_("invoice create: --client is required (or --deal, or --order)"))
    lines = _lines(args.items)
    if lines is None and deal_id is None and order_id is None:
        raise BadInput(_("invoice create: give at least one --line or --product"))
    changes = InvoiceChanges(
        client_id=client_id, lines=lines, due_date=args.due, note=args.note, deal_id=deal_id
    )
    with ctx.unit_of_work() as session:
        if deal_id is not None:
            view = create_invoice_from_deal(session, deal_id, changes=changes)
        elif order_id is not None:
            view = create_invoice_from_order(session, order_id, changes=changes)
        else:
            view = create_invoice(session, changes)
        if client_id is not None and view.client_id != client_id:
            raise ValidationError("--client", _("the deal or order belongs to another client"))
        if args.issue:
            view = issue_invoice(session, view.id)
    _report(args, view, _("Issued") if args.issue else _("Draft saved"))
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    changes = InvoiceChanges(
        client_id=parse_id(args.client, "--client") if args.client else None,
        lines=_lines(args.items),
        due_date=args.due,
        note=args.note,
        vat_mode=args.vat,
    )
    with ctx.unit_of_work() as session:
        invoice_id = _invoice_id(session, args.id)
        view = edit_invoice(session, invoice_id, changes, expected_version=args.expected_version)
    _report(args, view, _("Saved"))
    return 0


def cmd_issue(ctx: Context, args: argparse.Namespace) -> int:
    day = parse_date(args.date, "--date") if args.date else None
    with ctx.unit_of_work() as session:
        view = issue_invoice(session, _invoice_id(session, args.id), on=day)
    if view.awaiting_number:
        _report(args, view, _("To be numbered by the office server at the next sync"))
    else:
        _report(args, view, _("Issued"))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work(write=False) as session:
        view = get_invoice(session, _invoice_id(session, args.id))
    if args.json:
        print_json(view.to_json())
    else:
        print(_card(view))
    return 0


def _card(view: InvoiceView) -> str:
    rows = [
        _summary(view),
        _("Date: {date}", date=format_date(view.issue_date) if view.issue_date else "—"),
        _("Due: {date}", date=format_date(view.due_date) if view.due_date else "—"),
    ]
    for n, line in enumerate(view.lines, start=1):
        rate = f"{line.vat_rate.normalize():f} %" if line.vat_rate is not None else _("no VAT")
        rows.append(
            f"{n}. {line.name} — {line.quantity.normalize():f} {line.unit_name}"
            f" × {format_money(line.price)} = {format_money(line.amount)} ({rate})"
        )
    rows.append(_("VAT: {amount}", amount=format_money(view.vat_total)))
    rows.append(_("Total: {amount}", amount=format_money(view.total)))
    if view.paid_amount:
        rows.append(_("Paid: {amount}", amount=format_money(view.paid_amount)))
    return "\n".join(rows)


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    status = None
    if args.status:
        try:
            status = InvoiceStatus(args.status.replace("-", "_"))
        except ValueError:
            raise BadInput(
                _(
                    '--status: "{value}" is not one of: {statuses}',
                    value=args.status,
                    statuses=", ".join(s.value for s in InvoiceStatus),
                )
            ) from None
    where = InvoiceFilter(
        status=status,
        client_id=parse_id(args.client, "--client") if args.client else None,
        deal_id=parse_id(args.deal, "--deal") if args.deal else None,
        number=args.number,
    )
    with ctx.read_snapshot() as session:
        views = iter_invoices(session, where)
        if args.json:
            print_json_array(view.to_json() for view in views)
        else:
            for view in views:
                print(_summary(view))
    return 0


def cmd_pay(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        invoice_id = _invoice_id(session, args.id)
        view = add_payment(session, invoice_id, args.amount, paid_on=args.date, note=args.note)
    _report(args, view, _("Payment recorded"))
    return 0


def cmd_cancel(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        view = cancel_invoice(session, _invoice_id(session, args.id))
    _report(args, view, _("Invoice cancelled"))
    return 0


def cmd_copy(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        view = copy_invoice(session, _invoice_id(session, args.id))
    _report(args, view, _("Draft saved"))
    return 0
