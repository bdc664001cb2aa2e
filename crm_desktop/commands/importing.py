"""`import FILE [...]` and `import undo BATCH_ID [--force]`."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path
from typing import Any

from crm_desktop.commands.context import Context, parse_id, print_json
from crm_desktop.errors import BadInput
from crm_desktop.i18n import _

POLICIES = ("merge", "skip", "create")  # services.importing.batches.DuplicatePolicy


def register(commands: Any) -> None:
    command = commands.add_parser(
        "import",
        help=_("import a client list from Excel or CSV; 'import undo BATCH_ID' takes one back"),
    )
    command.add_argument("file", help=_("the .xlsx, .xls or .csv file (or: undo)"))
    command.add_argument("batch", nargs="?", help=argparse.SUPPRESS)
    command.add_argument(
        "--sheet", help=_("the sheet to import (default: the first with a header)")
    )
    command.add_argument("--mapping", type=Path, help=_("a saved column mapping (.json)"))
    command.add_argument(
        "--on-duplicate",
        choices=POLICIES,
        default="merge",
        help=_("what to do with a client that is already there (default: merge)"),
    )
    command.add_argument("--dry-run", action="store_true", help=_("show what would happen"))
    command.add_argument("--rejected", type=Path, help=_("write the rejected rows to this .xlsx"))
    command.add_argument("--force", action="store_true", help=_("undo: also records changed since"))
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=cmd_import)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    # Loaded here: the readers pull in calamine and openpyxl, which other commands and
    # the app's start need not pay for.
    from crm_desktop.services.custom_fields import list_custom_fields
    from crm_desktop.services.importing.batches import DuplicatePolicy, run_import
    from crm_desktop.services.importing.mapping import guess_mapping, load_mapping
    from crm_desktop.services.importing.normalise import normalise_table
    from crm_desktop.services.importing.readers import read_table
    from crm_desktop.services.importing.rejected import write_rejected

    if args.file == "undo":  # a file literally named "undo" is given as ./undo
        return _undo(ctx, args)
    # A command that ends with the import: the cyclic collector need not walk its
    # millions of objects (they make no cycles), not even once at the end.
    gc.disable()
    if args.batch is not None:
        raise BadInput(_("import: one file at a time (unexpected {arg})", arg=args.batch))
    path = Path(args.file)
    table = read_table(path, args.sheet)
    if args.mapping:
        mapping = load_mapping(args.mapping, table.headers)
    else:
        mapping = guess_mapping(table.headers)
    with ctx.unit_of_work(write=False) as session:
        fields = list_custom_fields(session)  # a column may fill one of them
    rows = normalise_table(table, mapping, fields)
    # The file's cells are needed again only for the rejected rows (--rejected): the
    # rest go now, a third of a big import's memory.
    rejected = {row.number for row in rows if row.rejected}
    table.rows = [source for source in table.rows if source.number in rejected]
    with ctx.unit_of_work(write=not args.dry_run) as session:
        report = run_import(
            session,
            table,
            rows,
            policy=DuplicatePolicy(args.on_duplicate),
            dry_run=args.dry_run,
        )
    if args.rejected:
        write_rejected(table, rows, args.rejected)
    if args.json:
        print_json(report.to_json())
        return 0
    where = _("sheet «{sheet}»", sheet=table.sheet) if table.sheet else path.name
    print(
        _(
            "{file}, {where}, header in row {header}: {rows} rows — {created} created, "
            "{merged} merged, {skipped} skipped, {rejected} rejected; "
            "{companies} companies created.",
            file=path.name,
            where=where,
            header=table.header_row,
            rows=report.rows,
            created=report.created,
            merged=report.merged,
            skipped=report.skipped,
            rejected=report.rejected,
            companies=report.companies_created,
        )
    )
    for error in report.errors:
        print(
            _(
                "  row {row}, «{column}»: {reason}",
                row=error.row,
                column=error.column,
                reason=error.message,
            )
        )
    if report.batch_id is None:
        print(_("Dry run: nothing was written."))
    else:
        print(_("To take it back: crm-desktop import undo {id}", id=report.batch_id))
    return 0


def _undo(ctx: Context, args: argparse.Namespace) -> int:
    if args.batch is None:
        raise BadInput(_("import undo: name the batch (its id is in the import's report)"))
    from crm_desktop.services.importing.batches import undo_batch

    batch_id = parse_id(args.batch)
    with ctx.unit_of_work() as session:
        report = undo_batch(session, batch_id, force=args.force)
    if args.json:
        print_json(report.to_json())
        return 0
    print(
        _(
            "Import {id} undone: {removed} records removed, {restored} restored.",
            id=batch_id,
            removed=report.removed,
            restored=report.restored,
        )
    )
    if report.kept:
        print(
            _(
                "Changed by someone since the import, so kept (use --force to undo them too): "
                "{names}",
                names=", ".join(report.kept),
            )
        )
    return 0
