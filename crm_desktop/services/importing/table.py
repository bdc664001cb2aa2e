"""A sheet as read from a file: the header found in it and its data rows, each with the
row number Excel shows, the cells as the reader gave them (no normalisation yet)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

# What a cell may hold once read: text (stripped of nothing yet), a number as the file
# stored it (an int where it is whole), a real date or date-time, a boolean, or nothing.
Cell = str | int | float | Decimal | dt.date | dt.datetime | bool | None


@dataclass(frozen=True, slots=True)
class SourceRow:
    number: int  # the row number as Excel (or a text editor, for CSV) shows it
    cells: tuple[Cell, ...]  # one per header column, in the header's order

    def cell(self, column: int) -> Cell:
        return self.cells[column] if column < len(self.cells) else None


@dataclass
class SheetTable:
    """One sheet (or a CSV file): where its header is and its data rows, without the
    blank rows, the totals row ("Итого") and the trailing empty columns."""

    source: str  # the file's name, for reports
    sheet: str | None  # the sheet's name (None for CSV)
    header_row: int  # the header's row number as Excel shows it
    headers: list[str]  # header texts as in the file, one per column
    rows: list[SourceRow] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # every sheet of the workbook

    def __iter__(self) -> Iterator[SourceRow]:
        return iter(self.rows)
