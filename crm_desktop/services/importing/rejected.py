"""The rejected rows of an import as a workbook, ready to fix and import again: the
sheet's own header and cells, and one more column saying what is wrong."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.services.importing.rows import ImportRow
from crm_desktop.services.importing.table import SheetTable


def write_rejected(table: SheetTable, rows: list[ImportRow], path: Path) -> int:
    """Write the rejected rows to `path` (.xlsx); returns how many."""
    if path.suffix.lower() != ".xlsx":
        raise BadInput(_("--rejected: the file must end in .xlsx: {path}", path=path))
    sources = {r.number: r for r in table.rows}
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Rejected"))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in [*table.headers, _("Error")]:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    written = 0
    for row in rows:
        if not row.rejected or row.number not in sources:
            continue
        cells = list(sources[row.number].cells) + [None] * len(table.headers)
        reasons = "; ".join(
            f"{e.column}: {e.message}" if e.column else e.message for e in row.errors
        )
        sheet.append([*cells[: len(table.headers)], reasons])
        written += 1
    temporary = path.with_name(path.name + ".part")
    try:
        book.save(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise BadInput(
            _("Cannot write {path}: {reason}", path=path, reason=exc.strerror or exc)
        ) from None
    return written
