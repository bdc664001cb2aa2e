"""`deal add|edit|move|tick|show|list|board`."""

from __future__ import annotations

import argparse
import contextlib
import uuid
from typing import Any

from crm_desktop.commands.context import Context, parse_id, print_json, print_json_array
from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.i18n.formats import format_money
from crm_desktop.services.deal_lists import DealFilter, DealRow, board, iter_deals
from crm_desktop.services.deals import (
    DealChanges,
    DealView,
    LineInput,
    create_deal,
    edit_deal,
    get_deal,
    move_deal,
    tick,
)
from crm_desktop.services.pipelines import find_pipeline, find_stage
from crm_desktop.store.database import CrmSession


def register(commands: Any) -> None:
    deal = commands.add_parser("deal", help=_("add, move, list deals"))
    sub = deal.add_subparsers(dest="deal_command", parser_class=type(deal))

    add = sub.add_parser("add", help=_("add a deal"))
    add.add_argument("--client", required=True, help=_("the client's id"))
    add.add_argument("--title", required=True)
    add.add_argument("--pipeline", help=_("name or id (the default pipeline if not given)"))
    add.add_argument("--stage", help=_("name or id (the first stage if not given)"))
    add.add_argument("--lost-reason")
    _fields(add)
    add.set_defaults(handler=cmd_add)

    edit = sub.add_parser("edit", help=_("change a deal"))
    edit.add_argument("id")
    edit.add_argument("--title")
    edit.add_argument("--client", help=_("the client's id"))
    edit.add_argument("--expected-version", type=int, help=_("refuse if the deal has changed"))
    _fields(edit)
    edit.set_defaults(handler=cmd_edit)

    move = sub.add_parser("move", help=_("move a deal to another stage"))
    move.add_argument("id")
    move.add_argument("stage", help=_("name or id"))
    move.add_argument("--lost-reason", help=_("why the deal was lost (for a lost stage)"))
    move.add_argument("--expected-version", type=int, help=_("refuse if the deal has changed"))
    move.add_argument("--json", action="store_true")
    move.set_defaults(handler=cmd_move)

    tick_ = sub.add_parser("tick", help=_("tick a checklist item of a deal"))
    tick_.add_argument("id")
    tick_.add_argument("item", help=_("the item's text or id"))
    tick_.add_argument("--undo", action="store_true", help=_("untick it"))
    tick_.add_argument("--json", action="store_true")
    tick_.set_defaults(handler=cmd_tick)

    show = sub.add_parser("show", help=_("one deal"))
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    lst = sub.add_parser("list", help=_("deals, the latest first"))
    lst.add_argument("--pipeline", help=_("name or id"))
    lst.add_argument("--stage", help=_("name or id"))
    lst.add_argument("--owner")
    lst.add_argument("--client", help=_("the client's id"))
    lst.add_argument("--open", action="store_true", help=_("only deals not yet won or lost"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    brd = sub.add_parser("board", help=_("deals and totals per stage"))
    brd.add_argument("--pipeline", help=_("name or id"))
    brd.add_argument("--owner")
    brd.add_argument("--limit", type=int, default=200, help=_("cards per stage"))
    brd.add_argument("--json", action="store_true")
    brd.set_defaults(handler=cmd_board)


def _fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--amount", help=_('for example "150 000,50"'))
    p.add_argument("--currency")
    p.add_argument("--probability", help=_("0 to 100 (the stage's if not given)"))
    p.add_argument("--expected-close", help=_("the date the deal is expected to close"))
    p.add_argument("--owner")
    p.add_argument("--note")
    p.add_argument(
        "--product",
        action="append",
        metavar="PRODUCT[:QTY]",
        help=_("a product of the price list by id or SKU, with its quantity (repeatable)"),
    )
    p.add_argument("--json", action="store_true")


def _lines(raw: list[str] | None) -> list[LineInput] | None:
    if raw is None:
        return None
    lines = []
    for item in raw:
        product, sep, quantity = item.rpartition(":")
        if not sep:
            product, quantity = item, "1"
        if not product.strip():
            raise BadInput(_('--product: "{value}" names no product', value=item))
        lines.append(LineInput(product=product, quantity=quantity))
    return lines


def _changes(args: argparse.Namespace) -> DealChanges:
    client = getattr(args, "client", None)
    return DealChanges(
        title=args.title,
        client_id=parse_id(client, "--client") if client else None,
        amount=args.amount,
        currency=args.currency,
        probability=args.probability,
        expected_close=args.expected_close,
        owner=args.owner,
        note=args.note,
        lines=_lines(args.product),
    )


def _report(args: argparse.Namespace, view: DealView, done: str) -> None:
    if getattr(args, "json", False):
        print_json(view.to_json())
    else:
        print(f"{done}: {view.title} — {view.stage} ({view.id})")


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    changes = _changes(args)
    with ctx.unit_of_work() as session:
        view = create_deal(
            session, changes, pipeline=args.pipeline, stage=args.stage, lost_reason=args.lost_reason
        )
    _report(args, view, _("Added"))
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    deal_id = parse_id(args.id)
    changes = _changes(args)
    with ctx.unit_of_work() as session:
        view = edit_deal(session, deal_id, changes, expected_version=args.expected_version)
    _report(args, view, _("Saved"))
    return 0


def cmd_move(ctx: Context, args: argparse.Namespace) -> int:
    deal_id = parse_id(args.id)
    with ctx.unit_of_work() as session:
        view = move_deal(
            session,
            deal_id,
            args.stage,
            expected_version=args.expected_version,
            lost_reason=args.lost_reason,
        )
    _report(args, view, _("Moved"))
    return 0


def cmd_tick(ctx: Context, args: argparse.Namespace) -> int:
    deal_id = parse_id(args.id)
    with ctx.unit_of_work() as session:
        view = tick(session, deal_id, args.item, not args.undo)
    if args.json:
        print_json(view.to_json())
    else:
        for mark in view.checklist:
            print(f"[{'x' if mark.done else ' '}] {mark.text}")
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    deal_id = parse_id(args.id)
    with ctx.unit_of_work(write=False) as session:
        view = get_deal(session, deal_id)
    if args.json:
        print_json(view.to_json())
    else:
        print(_card(view))
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.read_snapshot() as session:
        pipeline_id, stage_id = _where(session, args.pipeline, args.stage)
        where = DealFilter(
            pipeline_id=pipeline_id,
            stage_id=stage_id,
            owner=args.owner.strip().lower() if args.owner else None,
            client_id=parse_id(args.client, "--client") if args.client else None,
            open_only=args.open,
        )
        rows = iter_deals(session, where)
        if args.json:
            print_json_array(row.to_json() for row in rows)
        else:
            for row in rows:
                print(_line(row))
    return 0


def _where(
    session: CrmSession, pipeline: str | None, stage: str | None
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """The pipeline and stage `deal list` keeps: a stage by name is looked for in the
    pipeline given, else in the default one; a stage id needs no pipeline."""
    if stage is not None and pipeline is None:
        with contextlib.suppress(ValueError):
            return None, uuid.UUID(stage.strip())
    if pipeline is None and stage is None:
        return None, None
    found = find_pipeline(session, pipeline, create=False)
    return found.id, find_stage(session, found.id, stage).id if stage is not None else None


def cmd_board(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:  # the default pipeline is made on first use
        pipeline = find_pipeline(session, args.pipeline)
        result = board(
            session,
            pipeline.id,
            owner=args.owner.strip().lower() if args.owner else None,
            limit_per_stage=max(0, args.limit),
        )
    if args.json:
        print_json(result.to_json())
    else:
        for column in result.columns:
            print(f"{column.stage.name}\t{column.count}\t{format_money(column.total)}")
    return 0


def _line(row: DealRow) -> str:
    return "\t".join(
        [
            str(row.id),
            row.title,
            row.client_name,
            row.stage,
            format_money(row.amount, row.currency),
            row.owner or "",
        ]
    )


def _card(view: DealView) -> str:
    rows = [
        (_("Deal"), view.title),
        (_("Client"), view.client_name),
        (_("Pipeline"), view.pipeline),
        (_("Stage"), view.stage),
        (_("Amount"), format_money(view.amount, view.currency)),
        (_("Probability"), f"{view.probability} %"),
        (
            _("Expected close"),
            view.expected_close.strftime("%d.%m.%Y") if view.expected_close else "",
        ),
        (_("Owner"), view.owner or ""),
        (_("Lost reason"), view.lost_reason or ""),
        (_("Note"), view.note or ""),
        (_("Id"), str(view.id)),
    ]
    width = max(len(k) for k, _v in rows)
    lines = [f"{k.ljust(width)}  {v}" for k, v in rows if v]
    for line in view.lines:
        lines.append(f"  {line.name} × {line.quantity.normalize():f} = {format_money(line.amount)}")
    for mark in view.checklist:
        lines.append(f"  [{'x' if mark.done else ' '}] {mark.text}")
    return "\n".join(lines)
