"""`user add|list|disable`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crm_desktop.commands.context import Context, print_json
from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.services.assignment import set_absent
from crm_desktop.services.users import add_user, disable_user, list_users, parse_role


def register(commands: Any) -> None:
    user = commands.add_parser("user", help=_("people who use the program"))
    sub = user.add_subparsers(dest="user_command", parser_class=type(user))

    add = sub.add_parser("add", help=_("add a user"))
    add.add_argument("login")
    add.add_argument(
        "--role", required=True, help="admin | executive | manager | accountant | production"
    )
    add.add_argument("--name", default="", help=_("full name"))
    add.add_argument(
        "--password-stdin", action="store_true", help=_("read the password from standard input")
    )
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)

    lst = sub.add_parser("list", help=_("every user"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    disable = sub.add_parser("disable", help=_("stop a user from signing in"))
    disable.add_argument("login")
    disable.add_argument("--json", action="store_true")
    disable.set_defaults(handler=cmd_disable)

    absent = sub.add_parser("absent", help=_("on holiday: skipped by automatic assignment"))
    absent.add_argument("login")
    absent.add_argument("state", choices=["on", "off"])
    absent.set_defaults(handler=cmd_absent)


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    role = parse_role(args.role)
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise BadInput(_("--password-stdin: standard input held no password"))
    with ctx.unit_of_work() as session:
        view = add_user(session, args.login, role, full_name=args.name, password=password)
    if args.json:
        print_json(view.to_json())
    else:
        print(_("Added user {login} ({role})", login=view.login, role=view.role.value))
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work(write=False) as session:
        users = list_users(session)
    if args.json:
        print_json([u.to_json() for u in users])
    else:
        for u in users:
            state = _("disabled") if u.disabled else ""
            print("\t".join(x for x in (u.login, u.role.value, u.full_name, state) if x))
    return 0


def cmd_disable(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        view = disable_user(session, args.login)
    if args.json:
        print_json(view.to_json())
    else:
        print(_("User {login} can no longer sign in", login=view.login))
    return 0


def cmd_absent(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        absent = set_absent(session, args.login, args.state == "on")
    login = args.login.strip().lower()
    print(_("{login} is absent", login=login) if absent else _("{login} is back", login=login))
    return 0
