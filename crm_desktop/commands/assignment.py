"""`queue add|list|rename|delete|add-member|remove-member` and
`assignment set|clear|list`: who gets new tasks and new incoming clients."""

from __future__ import annotations

import argparse
from typing import Any

from crm_desktop.commands.context import Context, print_json
from crm_desktop.i18n import _
from crm_desktop.models import AssignMethod
from crm_desktop.services.assignment import (
    SCOPES,
    QueueView,
    add_member,
    clear_rule,
    create_queue,
    delete_queue,
    find_queue,
    list_queues,
    list_rules,
    method_label,
    remove_member,
    rename_queue,
    scope_label,
    set_rule,
)


def register(commands: Any) -> None:
    queue = commands.add_parser("queue", help=_("groups of users that take work in turn"))
    sub = queue.add_subparsers(dest="queue_command", parser_class=type(queue))

    add = sub.add_parser("add", help=_("add a queue"))
    add.add_argument("name")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_queue_add)

    lst = sub.add_parser("list", help=_("every queue with its members"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_queue_list)

    rename = sub.add_parser("rename", help=_("rename a queue"))
    rename.add_argument("queue", help=_("name or id"))
    rename.add_argument("name")
    rename.add_argument("--json", action="store_true")
    rename.set_defaults(handler=cmd_queue_rename)

    delete = sub.add_parser("delete", help=_("remove a queue"))
    delete.add_argument("queue", help=_("name or id"))
    delete.set_defaults(handler=cmd_queue_delete)

    for name, handler, text in (
        ("add-member", cmd_member_add, _("put a user in a queue")),
        ("remove-member", cmd_member_remove, _("take a user out of a queue")),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("queue", help=_("name or id"))
        p.add_argument("login")
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=handler)

    rules = commands.add_parser("assignment", help=_("rules of automatic assignment"))
    rsub = rules.add_subparsers(dest="assignment_command", parser_class=type(rules))

    set_ = rsub.add_parser("set", help=_("choose how work of a scope is assigned"))
    set_.add_argument("scope", choices=SCOPES)
    set_.add_argument("method", choices=[m.value for m in AssignMethod])
    set_.add_argument("--queue", help=_("the queue (name or id) for the queue method"))
    set_.add_argument("--json", action="store_true")
    set_.set_defaults(handler=cmd_rule_set)

    clear = rsub.add_parser("clear", help=_("remove a scope's rule"))
    clear.add_argument("scope", choices=SCOPES)
    clear.set_defaults(handler=cmd_rule_clear)

    rlist = rsub.add_parser("list", help=_("the rules set up"))
    rlist.add_argument("--json", action="store_true")
    rlist.set_defaults(handler=cmd_rule_list)


def _report(args: argparse.Namespace, view: QueueView) -> None:
    if getattr(args, "json", False):
        print_json(view.to_json())
    else:
        print(f"{view.name}: {', '.join(view.members) or '-'} ({view.id})")


def cmd_queue_add(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        view = create_queue(session, args.name)
    _report(args, view)
    return 0


def cmd_queue_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work(write=False) as session:
        views = list_queues(session)
    if args.json:
        print_json([v.to_json() for v in views])
    else:
        for view in views:
            _report(args, view)
    return 0


def cmd_queue_rename(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        view = rename_queue(session, find_queue(session, args.queue).id, args.name)
    _report(args, view)
    return 0


def cmd_queue_delete(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        queue = find_queue(session, args.queue)
        name = queue.name
        delete_queue(session, queue.id)
    print(_('Queue "{name}" removed', name=name))
    return 0


def cmd_member_add(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        view = add_member(session, find_queue(session, args.queue).id, args.login)
    _report(args, view)
    return 0


def cmd_member_remove(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        view = remove_member(session, find_queue(session, args.queue).id, args.login)
    _report(args, view)
    return 0


def cmd_rule_set(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        queue_id = find_queue(session, args.queue).id if args.queue else None
        view = set_rule(session, args.scope, args.method, queue_id=queue_id)
    if args.json:
        print_json(view.to_json())
    else:
        print(f"{scope_label(view.scope)}: {method_label(view.method)}")
    return 0


def cmd_rule_clear(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        clear_rule(session, args.scope)
    return 0


def cmd_rule_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work(write=False) as session:
        views = list_rules(session)
    if args.json:
        print_json([v.to_json() for v in views])
    else:
        for view in views:
            queue = f" ({view.queue_name})" if view.queue_name else ""
            print(f"{view.scope}\t{method_label(view.method)}{queue}")
    return 0
