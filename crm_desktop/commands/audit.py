"""`audit verify` (is the change history's hash chain whole?) and `history ID` (a record's
changes, newest first)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import ProgrammingError

from crm_desktop.commands.context import Context, parse_id, print_json
from crm_desktop.errors import PermissionDenied, Refused
from crm_desktop.i18n import _
from crm_desktop.store.audit_chain import Broken, ChainState, verify_chain

if TYPE_CHECKING:  # the history's reading loads when used (a command's start stays short)
    from crm_desktop.services.change_history import HistoryEntry


class ChainBroken(Refused):
    """`audit verify` found a removed or edited entry (exit 3)."""


def register(commands: Any) -> None:
    audit = commands.add_parser("audit", help=_("the change history's integrity"))
    sub = audit.add_subparsers(dest="audit_command", required=True, metavar="COMMAND")
    verify = sub.add_parser(
        "verify", help=_("check that no entry of the change history was removed or edited")
    )
    verify.add_argument("--json", action="store_true", help=_("machine-readable output"))
    verify.set_defaults(handler=cmd_verify)

    history = commands.add_parser("history", help=_("a record's changes: who, when, what"))
    history.add_argument("id", metavar="ID", help=_("the record's id (client, deal, task ...)"))
    history.add_argument(
        "--limit", type=int, default=200, metavar="N", help=_("at most N entries (default 200)")
    )
    history.add_argument(
        "--restore",
        type=int,
        metavar="ENTRY",
        help=_("put the record back as it was after this entry (or one field: --field)"),
    )
    history.add_argument("--field", metavar="NAME", help=_("with --restore: only this field"))
    history.add_argument("--json", action="store_true", help=_("machine-readable output"))
    history.set_defaults(handler=cmd_history)


def _broken_text(broken: Broken) -> str:
    reasons = {
        "edited": _("an entry was edited"),
        "removed": _("an entry was removed"),
        "seal": _("a seal of the chain was removed or changed"),
        "unsealed": _("an entry is outside the chain (added by hand?)"),
    }
    where = _("entry {id}", id=broken.entry_id) if broken.entry_id is not None else _("the chain")
    seal = _(" (batch {seal})", seal=broken.seal) if broken.seal is not None else ""
    return _(
        "The change history is damaged at {where}{seal}: {reason}.",
        where=where,
        seal=seal,
        reason=reasons.get(broken.reason, broken.reason),
    )


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    db = ctx.open()
    try:
        with db.engine.connect() as conn:
            state: ChainState = verify_chain(conn)
    except ProgrammingError as error:
        if "permission denied" in str(error).lower():
            raise PermissionDenied(
                _("Only the administrator can check the whole change history.")
            ) from error
        raise
    if state.broken is not None:  # stdout stays empty on an error (the CLI's contract)
        raise ChainBroken(_broken_text(state.broken))
    if args.json:
        print_json(
            {
                "ok": True,
                "seals": state.seals,
                "entries": state.entries,
                "pending": state.pending,
                "broken": None,
            }
        )
    else:
        print(
            _(
                "The change history is whole: {entries} entries in {seals} sealed batches.",
                entries=state.entries,
                seals=state.seals,
            )
        )
    return 0


def _entry_json(entry: HistoryEntry) -> dict[str, Any]:
    from crm_desktop.services.change_history import describe

    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "login": entry.login,
        "who": entry.who,
        "computer": entry.computer,
        "table": entry.table,
        "record_id": str(entry.record_id),
        "action": entry.action,
        "changes": {
            c.field: {
                "old": c.old_text if c.old is not None else None,
                "new": c.new_text if c.new is not None else None,
                "erased": c.erased,
            }
            for c in entry.changes
        },
        "text": describe(entry),
    }


def cmd_history(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.change_history import (
        describe,
        merged,
        record_history,
        restore_field,
        restore_version,
    )

    record = parse_id(args.id)
    if args.restore is not None:
        with ctx.unit_of_work() as session:
            if args.field:
                restore_field(session, args.restore, args.field)
            else:
                restore_version(session, args.restore)
    with ctx.unit_of_work(write=False) as session:
        entries = merged(record_history(session, record, limit=max(1, args.limit)))
        if args.json:
            print_json([_entry_json(e) for e in entries])
            return 0
        for entry in entries:
            sys.stdout.write(f"{entry.id}\t{describe(entry)}\n")
    return 0
