"""`task add|done|list|snooze|show|cancel|reopen|delete`."""

from __future__ import annotations

import argparse
from typing import Any

from crm_desktop.commands.context import Context, parse_id, print_json, print_json_array
from crm_desktop.errors import BadInput, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Priority, TaskKind, utcnow
from crm_desktop.services.assignment import rule_label
from crm_desktop.services.local_time import from_local_text, to_local
from crm_desktop.services.recurrence import Repeat
from crm_desktop.services.tasks import (
    DUE_FILTERS,
    TaskView,
    add_task,
    cancel_task,
    complete_task,
    delete_task,
    get_task,
    list_tasks,
    reopen_task,
    snooze,
)


def register(commands: Any) -> None:
    task = commands.add_parser("task", help=_("calls, meetings and other things to do"))
    sub = task.add_subparsers(dest="task_command", parser_class=type(task))

    add = sub.add_parser("add", help=_("add a task"))
    add.add_argument("--title", required=True)
    add.add_argument("--type", required=True, choices=[k.value for k in TaskKind])
    add.add_argument(
        "--due", required=True, metavar="ISO_DATETIME", help=_("without a zone: local time")
    )
    add.add_argument("--client", metavar="ID")
    add.add_argument("--deal", metavar="ID")
    who = add.add_mutually_exclusive_group(required=True)
    who.add_argument("--assignee", metavar="LOGIN")
    who.add_argument(
        "--auto", action="store_true", help=_("assign by the rule for the task's type")
    )
    add.add_argument("--priority", choices=[p.value for p in Priority], default="normal")
    add.add_argument("--repeat", choices=[r.value for r in Repeat])
    add.add_argument(
        "--remind-before", type=int, metavar="MINUTES", help=_("remind this many minutes early")
    )
    add.add_argument("--description")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)

    done = sub.add_parser("done", help=_("mark a task done"))
    done.add_argument("id")
    done.add_argument("--json", action="store_true")
    done.set_defaults(handler=cmd_done)

    lst = sub.add_parser("list", help=_("open tasks, soonest first"))
    lst.add_argument("--mine", action="store_true", help=_("only the acting user's"))
    lst.add_argument("--assignee", metavar="LOGIN")
    lst.add_argument("--due", choices=DUE_FILTERS)
    lst.add_argument("--all", action="store_true", help=_("done and cancelled ones too"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    snz = sub.add_parser("snooze", help=_("remind again later"))
    snz.add_argument("id")
    snz.add_argument("minutes", type=int)
    snz.add_argument("--json", action="store_true")
    snz.set_defaults(handler=cmd_snooze)

    show = sub.add_parser("show", help=_("one task"))
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    for name, handler, text in (
        ("cancel", cmd_cancel, _("cancel an open task")),
        ("reopen", cmd_reopen, _("open a done or cancelled task again")),
        ("delete", cmd_delete, _("move a task to the recycle bin")),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("id")
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=handler)


def _line(view: TaskView) -> str:
    due = to_local(view.due_at).strftime("%Y-%m-%d %H:%M") if view.due_at else "-"
    parts = [str(view.id), due, view.status.value, view.assignee or "-", view.title]
    if view.client_name:
        parts.append(view.client_name)
    return "\t".join(parts)


def _report(args: argparse.Namespace, view: TaskView, done: str) -> None:
    if getattr(args, "json", False):
        print_json(view.to_json())
    else:
        print(f"{done}: {view.title} ({view.id})")


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    try:
        due = from_local_text(args.due)
    except ValueError:
        raise ValidationError(
            "--due", _('"{value}" is not a date and time (use YYYY-MM-DDTHH:MM)', value=args.due)
        ) from None
    client_id = parse_id(args.client, "--client") if args.client else None
    deal_id = parse_id(args.deal, "--deal") if args.deal else None
    with ctx.unit_of_work() as session:
        view = add_task(
            session,
            title=args.title,
            kind=args.type,
            due_at=due,
            client_id=client_id,
            deal_id=deal_id,
            assignee=args.assignee,
            auto=args.auto,
            priority=args.priority,
            recurrence=args.repeat,
            remind_before=args.remind_before,
            description=args.description,
        )
    if args.json:
        print_json(view.to_json())
    else:
        print(_("Added task: {title} ({id})", title=view.title, id=view.id))
        if view.assignee:
            how = rule_label(view.assigned_by_rule)
            print(_("Assignee: {login}", login=view.assignee) + (f" ({how})" if how else ""))
    return 0


def cmd_done(ctx: Context, args: argparse.Namespace) -> int:
    task_id = parse_id(args.id)
    with ctx.unit_of_work() as session:
        result = complete_task(session, task_id, utcnow())
    if args.json:
        data = result.task.to_json()
        data["next"] = result.next_task.to_json() if result.next_task else None
        print_json(data)
    else:
        print(_("Done: {title}", title=result.task.title))
        if result.next_task is not None and result.next_task.due_at is not None:
            when = to_local(result.next_task.due_at).strftime("%Y-%m-%d %H:%M")
            print(_("Next one: {when} ({id})", when=when, id=result.next_task.id))
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    assignee = args.assignee.strip().lower() if args.assignee else None
    if args.mine:
        if args.assignee:
            raise BadInput(_("task list: --mine and --assignee cannot go together"))
        assignee = ctx.login
        if not assignee:
            raise BadInput(_("task list --mine: say who you are with --user"))
    with ctx.unit_of_work(write=False) as session:
        views = list_tasks(
            session, now=utcnow(), assignee=assignee, due=args.due, include_closed=args.all
        )
    if args.json:
        print_json_array(v.to_json() for v in views)
    else:
        for view in views:
            print(_line(view))
    return 0


def cmd_snooze(ctx: Context, args: argparse.Namespace) -> int:
    task_id = parse_id(args.id)
    with ctx.unit_of_work() as session:
        view = snooze(session, task_id, utcnow(), minutes=args.minutes)
    if args.json:
        print_json(view.to_json())
    else:
        when = to_local(view.remind_at).strftime("%H:%M") if view.remind_at else "-"
        print(_("Will remind again at {time}: {title}", time=when, title=view.title))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    task_id = parse_id(args.id)
    with ctx.unit_of_work(write=False) as session:
        view = get_task(session, task_id)
    if args.json:
        print_json(view.to_json())
    else:
        print(_line(view))
        if view.assigned_by_rule:
            print(rule_label(view.assigned_by_rule))
    return 0


def cmd_cancel(ctx: Context, args: argparse.Namespace) -> int:
    task_id = parse_id(args.id)
    with ctx.unit_of_work() as session:
        view = cancel_task(session, task_id)
    _report(args, view, _("Cancelled"))
    return 0


def cmd_reopen(ctx: Context, args: argparse.Namespace) -> int:
    task_id = parse_id(args.id)
    with ctx.unit_of_work() as session:
        view = reopen_task(session, task_id)
    _report(args, view, _("Open again"))
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    task_id = parse_id(args.id)
    with ctx.unit_of_work() as session:
        view = get_task(session, task_id)
        delete_task(session, task_id, utcnow())
    _report(args, view, _("Moved to the recycle bin"))
    return 0
