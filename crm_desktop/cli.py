"""The command line (a contract: see ARCHITECTURE.md). With no command it opens the app.

`crm-desktop [--db URL] [--user LOGIN] [--lang ru|en] COMMAND ...`
Exit status: 0 done, 1 unexpected error, 2 bad input, 3 refused, 75 server unavailable.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from crm_desktop import __version__
from crm_desktop.commands import (
    assignment,
    audit,
    backup,
    clients,
    company,
    deals,
    export,
    importing,
    invoice_documents,
    invoices,
    mailing,
    orders,
    privacy,
    recycle_bin,
    reports,
    server,
    setup,
    sync,
    tasks,
    users,
)
from crm_desktop.commands.context import Context
from crm_desktop.errors import BadInput, CrmError
from crm_desktop.i18n import _, set_language
from crm_desktop.logfile import log_path, setup_logging

log = logging.getLogger("crm_desktop")


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2) as the contract asks."""

    def error(self, message: str) -> NoReturn:
        where = self.prog.removeprefix("crm-desktop").strip()
        raise BadInput(f"{where}: {message}" if where else message)


def build_parser() -> Parser:
    parser = Parser(prog="crm-desktop", description=_("Desktop CRM for small businesses."))
    parser.add_argument("--version", action="version", version=f"crm-desktop {__version__}")
    parser.add_argument(
        "--db", help=_("database: a file path, sqlite:///PATH or postgresql://USER@HOST/DB")
    )
    parser.add_argument("--user", help=_("act as this login"))
    parser.add_argument("--lang", choices=["ru", "en"], help=_("language of messages"))
    commands = parser.add_subparsers(dest="command", parser_class=Parser)
    setup.register(commands)
    clients.register(commands)
    users.register(commands)
    export.register(commands)
    importing.register(commands)
    deals.register(commands)
    tasks.register(commands)
    assignment.register(commands)
    company.register(commands)
    invoices.register(commands)  # `invoice pdf`: invoices.subcommands(commands)
    invoice_documents.register(commands)  # `invoice pdf|xlsx|send`, `proposal pdf`
    orders.register(commands)
    recycle_bin.register(commands)  # `bin list|restore|empty`
    reports.register(commands)
    mailing.register(commands)
    server.register(commands)
    sync.register(commands)
    backup.register(commands)  # `backup OUT`, `restore FILE`
    audit.register(commands)  # `audit verify`, `history ID`
    privacy.register(commands)  # `privacy export|erase|requests`
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    _utf8_output()
    set_language(_peek_lang(args_list))
    setup_logging()
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        set_language(args.lang)
        if args.command is None:
            return _start_app(args)
        handler = getattr(args, "handler", None)
        if handler is None:
            raise BadInput(_("{command}: say what to do (see --help)", command=args.command))
        with Context.from_args(args) as ctx:
            return int(handler(ctx, args) or 0)
    except CrmError as exc:
        print(f"crm-desktop: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # the reader went away (`crm-desktop client list | head`)
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep interpreter exit quiet
        return 0
    except KeyboardInterrupt:
        print(_("crm-desktop: interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line here, the traceback in the log
        log.exception("unexpected error")
        first_line = (str(exc).strip().splitlines() or [""])[0]
        print(
            _(
                "crm-desktop: unexpected error: {error} (details in {log})",
                error=f"{type(exc).__name__}: {first_line}",
                log=log_path(),
            ),
            file=sys.stderr,
        )
        return 1


def _utf8_output() -> None:
    """JSON and names are UTF-8 whatever the console's code page (Windows pipes default
    to cp1251, which cannot hold every name)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")


def _peek_lang(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _start_app(args: argparse.Namespace) -> int:
    from crm_desktop.ui.app import run_app  # Qt is loaded only for the app

    return run_app(db=args.db, user=args.user, lang=args.lang)


if __name__ == "__main__":
    raise SystemExit(main())
