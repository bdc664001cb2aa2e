"""Reading a legacy client list into a `SheetTable`: an Excel workbook (.xlsx, .xlsm,
.xls) through python-calamine, or a CSV file (encoding and delimiter detected). The
header row is found under any titles and blank rows; data rows keep the numbers Excel
(or a text editor, for CSV) shows; blank rows, totals rows ("Итого") and columns with
neither a header nor data are left out. Anything that is not a readable list raises
`BadInput` with one sentence naming the file.

What calamine gives, checked with python-calamine 0.9 (tests/services/test_import_readers.py):
- formulas: the value Excel cached when it saved the file. A formula without a cached
  value (written by a program and never opened in Excel) and an error value (#DIV/0!,
  #N/A) read as empty cells; openpyxl could give only the formula's text, not a value,
  so there is no fallback for them.
- merged cells: the value stands in the top-left cell and `merged_cell_ranges` (xlsx,
  xls) says where the ranges are; this reader spreads the value where the layout means
  it (see `_header_texts` and `_spread_merges`).
- real dates in any date format (also "[$-419]D MMMM YYYY"): `date` or `datetime`;
  integers as floats, empty cells as "": converted here (`_cells`).
Where it falls short, openpyxl takes over:
- a sheet whose used range is enormous (a stray value in column XFD under a long list):
  calamine builds a dense grid of every cell in the range and the process dies when the
  allocation fails (it cannot be caught). Such workbooks (their declared `<dimension>`
  is over `DENSE_CELL_LIMIT` cells) are read by openpyxl in read-only mode, which
  streams the cells (slower; merged ranges are not available there).
What neither does: a damaged .xls can make calamine panic (caught: "damaged"); rarely
(about one random corruption in a thousand, fuzzing here) it asks for an absurd
allocation instead and the process aborts, which no Python code can catch.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol

from python_calamine import (
    CalamineError,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.services.importing.headers import header_score
from crm_desktop.services.importing.table import Cell, SheetTable, SourceRow
from crm_desktop.services.importing.xls_probe import survives_reading

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
SUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES + TEXT_SUFFIXES

HEADER_SEARCH_ROWS = 30  # the header is looked for among the first rows with content
MIN_HEADER_FIELDS = 2  # a header names at least this many distinct client fields
MAX_HEADER_DEPTH = 3  # rows a header may span (merged cells over sub-headings)
DENSE_CELL_LIMIT = 5_000_000  # cells of a sheet's used range calamine may build densely

_ZIP = b"PK"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKUP = re.compile(rb"^\s*<(?:!doctype\s+html|html|\?xml|table|head|body|meta)", re.I)
# Bytes that never stand in text: NUL and the C0 controls other than tab, CR, LF, FF.
_BINARY = bytes([*range(0, 9), 11, *range(14, 27), *range(28, 32)])
_TEXT_BYTES = bytes(b for b in range(256) if b not in _BINARY)
# What zipfile raises on a damaged archive (NotImplementedError: a garbled version field).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, ValueError, EOFError)
_SEP_LINE = re.compile(r"sep=([;,\t|])\r?$", re.I | re.M)
_AS_IS = frozenset({dt.date, dt.datetime, int, bool, type(None)})
_TOTALS = re.compile(r"\s*(?:итого|всего|total|totals|grand total)\b", re.I)
_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\s+ref=\"\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?\""
)

# How many known fields a row's cells name (a header names several): clients by default;
# another kind of list (a price list) passes its own.
HeaderScore = Callable[[list[object]], int]


class NoHeader(BadInput):
    """The file (or sheet) was read but no row of it looks like the header."""


def list_sheets(path: str | Path) -> list[str]:
    """The worksheets of a workbook, in workbook order ([] for a CSV file)."""
    path, kind = _kind(Path(path))
    if kind == "text":
        return []
    book = _open_book(path, kind)
    book.close()
    return book.sheets


def read_table(
    path: str | Path, sheet: str | None = None, *, score: HeaderScore = header_score
) -> SheetTable:
    """The client list in `path`: the sheet named `sheet`, or without it the first sheet
    (visible ones first) with a recognisable header (`score` tells one). Raises `BadInput`
    (`NoHeader` when no header is found)."""
    path, kind = _kind(Path(path))
    if kind == "text":
        if sheet is not None:
            raise BadInput(_("{file} is a CSV file and has no sheets.", file=path.name))
        return _read_text(path, score)
    book = _open_book(path, kind)
    try:
        if sheet is not None:
            return _read_sheet(book, path, sheet, score)
        return _read_first(book, path, score)
    finally:
        book.close()  # the file stays free for the user to save over or move


def _read_sheet(book: _Book, path: Path, sheet: str, score: HeaderScore) -> SheetTable:
    name = _sheet_named(book, sheet, path)
    grid = book.grid(name)
    if grid is None:
        raise BadInput(_('Sheet "{sheet}" of {file} is empty.', sheet=name, file=path.name))
    table = _table(grid, path.name, name, book.sheets, score)
    if table is None:
        raise NoHeader(
            _(
                'Sheet "{sheet}" of {file} has no header row naming client columns'
                " (ФИО, Телефон, E-mail …).",
                sheet=name,
                file=path.name,
            )
        )
    return table


def _read_first(book: _Book, path: Path, score: HeaderScore) -> SheetTable:
    """The first sheet with a header, visible sheets first; each is probed on its first
    rows before it is read whole."""
    empty = True
    for name in book.order:
        probe = book.grid(name, HEADER_SEARCH_ROWS)
        if probe is None:
            continue
        empty = False
        if _find_header(probe.rows, score) is None:
            continue
        grid = book.grid(name)
        table = _table(grid, path.name, name, book.sheets, score) if grid is not None else None
        if table is not None:
            return table
    if empty:
        raise BadInput(_("{file} is empty.", file=path.name))
    if len(book.sheets) == 1:
        raise NoHeader(_no_header(path))
    raise NoHeader(
        _(
            "No sheet of {file} has a header row naming client columns (ФИО, Телефон, E-mail …).",
            file=path.name,
        )
    )


def _no_header(path: Path) -> str:
    return _(
        "{file} has no header row naming client columns (ФИО, Телефон, E-mail …).",
        file=path.name,
    )


# What the file is --------------------------------------------------------------------


def _kind(path: Path) -> tuple[Path, str]:
    """ "zip" (xlsx, xlsm), "ole" (xls, or an encrypted workbook) or "text" (CSV), told by
    the content rather than the name: an .xls that is really an .xlsx reads all the same."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise BadInput(
            _(
                "Cannot import {file}: only Excel workbooks (.xlsx, .xlsm, .xls) and CSV files"
                " (.csv, .tsv, .txt) can be imported.",
                file=path.name,
            )
        )
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except FileNotFoundError:
        raise BadInput(_("{file} does not exist.", file=str(path))) from None
    except OSError:
        raise BadInput(_("Cannot read {file}.", file=str(path))) from None
    if len(head) < 4096 and not head.removeprefix(codecs.BOM_UTF8).strip():
        raise BadInput(_("{file} is empty.", file=path.name))
    if head.startswith(_ZIP):
        return path, "zip"
    if head.startswith(_OLE):
        return path, "ole"
    if _MARKUP.match(head.removeprefix(codecs.BOM_UTF8)):
        raise BadInput(
            _(
                "{file} is a web page (HTML or XML), not a real workbook:"
                " open it in Excel and save it as .xlsx.",
                file=path.name,
            )
        )
    if path.suffix.lower() in WORKBOOK_SUFFIXES or _looks_binary(head):
        raise BadInput(_not_a_spreadsheet(path))
    return path, "text"


def _looks_binary(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if head.startswith(b"%PDF"):
        return True
    return len(head.translate(None, _TEXT_BYTES)) > 0


def _not_a_spreadsheet(path: Path) -> str:
    return _("{file} is not an Excel workbook or a CSV file.", file=path.name)


def _damaged(path: Path) -> BadInput:
    return BadInput(_("{file} is damaged or incomplete and cannot be read.", file=path.name))


def _password_protected(path: Path) -> BadInput:
    return BadInput(
        _(
            "{file} is password-protected: open it in Excel, remove the password"
            " and save it again.",
            file=path.name,
        )
    )


# Workbooks ---------------------------------------------------------------------------


@dataclass
class _Grid:
    """Cells of a sheet's used area: `rows[i]` is the sheet's row `numbers[i]`; every row
    has the same width; `merges` are (first row, first column, last row, last column) as
    indices into `rows` and its columns."""

    rows: list[list[Any]]
    numbers: Sequence[int]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


class _Book(Protocol):
    sheets: list[str]  # every worksheet, in workbook order
    order: list[str]  # where to look for a header: visible sheets first

    def grid(self, name: str, nrows: int | None = None) -> _Grid | None: ...

    def close(self) -> None: ...


def _open_book(path: Path, kind: str) -> _Book:
    if kind == "ole":
        data = path.read_bytes()
        # An encrypted .xlsx is an OLE container of an EncryptionInfo and an
        # EncryptedPackage stream (directory names are UTF-16LE).
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise _password_protected(path)
        if "Workbook".encode("utf-16-le") not in data and "Book".encode("utf-16-le") not in data:
            if _ole_cut_short(data):
                raise _damaged(path)
            raise BadInput(_not_a_spreadsheet(path))  # a Word .doc renamed .xls, say
        if not survives_reading(path):
            raise _damaged(path)  # it would have taken the whole program down
        content: bytes | None = data
        named_right = path.suffix.lower() == ".xls"
    else:
        try:
            with zipfile.ZipFile(path) as archive:
                names = {name.lower() for name in archive.namelist()}
                if not any(name.startswith("xl/") for name in names):
                    raise BadInput(_not_a_spreadsheet(path))  # a .docx, a zip archive ...
                if _enormous(archive):
                    return _OpenpyxlBook(path)
        except _ZIP_ERRORS:
            raise _damaged(path) from None
        content = None
        named_right = path.suffix.lower() in (".xlsx", ".xlsm")
    with _calamine_errors(path):
        if named_right:
            workbook = CalamineWorkbook.from_path(str(path))
        else:  # calamine goes by the name; from_filelike looks at the content
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(content or path.read_bytes()))
        return _CalamineBook(workbook, path)


@contextlib.contextmanager
def _calamine_errors(path: Path) -> Iterator[None]:
    """calamine's errors as one sentence. A damaged .xls can make it panic, which pyo3
    raises as a `PanicException` (a BaseException; Rust also prints the panic on stderr)."""
    try:
        yield
    except PasswordError:
        raise _password_protected(path) from None
    except CalamineError:
        raise _damaged(path) from None
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        raise _damaged(path) from None


def _ole_cut_short(data: bytes) -> bool:
    """Whether an OLE file ends before its directory's first sector (as its header says)."""
    if len(data) < 512:
        return True
    sector = 1 << int.from_bytes(data[0x1E:0x20], "little")
    directory = int.from_bytes(data[0x30:0x34], "little")
    return len(data) < (directory + 1) * sector + sector


def _enormous(archive: zipfile.ZipFile) -> bool:
    """Whether a worksheet declares a used range too big for calamine's dense grid."""
    for info in archive.infolist():
        name = info.filename.lower()
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        try:
            with archive.open(info) as stream:
                head = stream.read(8192)
        except _ZIP_ERRORS:
            continue  # calamine will say it is damaged
        match = _DIMENSION.search(head)
        if match and match.group(3):
            width = _column_number(match.group(3)) - _column_number(match.group(1)) + 1
            height = int(match.group(4)) - int(match.group(2)) + 1
            if width * height > DENSE_CELL_LIMIT:
                return True
    return False


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


class _CalamineBook:
    def __init__(self, workbook: Any, path: Path) -> None:
        self._workbook = workbook
        self._path = path
        self._sheets: dict[str, Any] = {}
        metadata = [m for m in workbook.sheets_metadata if m.typ != SheetTypeEnum.ChartSheet]
        self.sheets = [m.name for m in metadata]
        visible = [m.name for m in metadata if m.visible == SheetVisibleEnum.Visible]
        self.order = visible + [name for name in self.sheets if name not in visible]

    def close(self) -> None:
        self._sheets.clear()
        self._workbook.close()

    def grid(self, name: str, nrows: int | None = None) -> _Grid | None:
        with _calamine_errors(self._path):
            sheet = self._sheets.get(name)
            if sheet is None:
                sheet = self._sheets[name] = self._workbook.get_sheet_by_name(name)
            start = sheet.start
            if start is None:
                return None
            rows = sheet.to_python(skip_empty_area=True, nrows=nrows)
            merged = None
            if nrows is None:  # read whole: calamine's copy of the sheet is not needed again
                merged = sheet.merged_cell_ranges
                del self._sheets[name]
        if not rows:
            return None
        top, left = start
        merges = [
            (r0 - top, c0 - left, r1 - top, c1 - left)
            for (r0, c0), (r1, c1) in merged or ()
            if r0 >= top and c0 >= left
        ]
        return _Grid(rows, range(top + 1, top + 1 + len(rows)), merges)


class _OpenpyxlBook:
    """The fallback for sheets too big for calamine's dense grid (see the module's doc)."""

    def __init__(self, path: Path) -> None:
        import openpyxl

        self._path = path
        try:
            self._workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception:  # openpyxl raises anything from KeyError to XML errors
            raise _damaged(path) from None
        worksheets = self._workbook.worksheets
        self.sheets = [ws.title for ws in worksheets]
        visible = [ws.title for ws in worksheets if ws.sheet_state == "visible"]
        self.order = visible + [name for name in self.sheets if name not in visible]

    def close(self) -> None:
        self._workbook.close()

    def grid(self, name: str, nrows: int | None = None) -> _Grid | None:
        sheet = self._workbook[name]
        sheet.reset_dimensions()  # rows as long as their last cell, not the declared range
        rows: list[tuple[Any, ...]] = []
        used: set[int] = set()
        first: int | None = None
        try:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                filled = [j for j, value in enumerate(row) if value is not None and value != ""]
                if first is None:
                    if not filled:
                        continue
                    first = number
                used.update(filled)
                rows.append(row)
                if nrows is not None and len(rows) >= nrows:
                    break
        except Exception:
            raise _damaged(self._path) from None
        if first is None:
            return None
        keep = sorted(used)
        grid = [[_plain(row[j]) if j < len(row) else None for j in keep] for row in rows]
        return _Grid(grid, range(first, first + len(grid)))


def _plain(value: Any) -> Any:
    """openpyxl's date cells are datetimes at midnight where calamine gives dates."""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _sheet_named(book: _Book, sheet: str, path: Path) -> str:
    if sheet in book.sheets:
        return sheet
    folded = [name for name in book.sheets if name.strip().casefold() == sheet.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise BadInput(
        _(
            '{file} has no sheet "{sheet}"; its sheets are {sheets}.',
            file=path.name,
            sheet=sheet,
            sheets=", ".join(_('"{name}"', name=name) for name in book.sheets),
        )
    )


# CSV ---------------------------------------------------------------------------------


def _read_text(path: Path, score: HeaderScore) -> SheetTable:
    try:
        data = path.read_bytes()
    except OSError:
        raise BadInput(_("Cannot read {file}.", file=str(path))) from None
    text = _decode(data)
    if not text.strip():
        raise BadInput(_("{file} is empty.", file=path.name))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[Any]] = []
    numbers: list[int] = []
    line = 0
    try:
        for record in reader:
            numbers.append(line + 1)  # a quoted field may span lines: its first line
            rows.append(record)
            line = reader.line_num
    except csv.Error:  # an unclosed quote swallowing the rest of the file, say
        raise _damaged(path) from None
    width = max(map(len, rows))
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    table = _table(_Grid(rows, numbers), path.name, None, [], score)
    if table is None:
        raise NoHeader(_no_header(path))
    return table


def _decode(data: bytes) -> str:
    """UTF-8 with or without a BOM, UTF-16 with a BOM, else Windows-1251."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # UTF-8 cut off in the middle of the last letter
            return data.decode("utf-8", "replace")
    return data.decode("cp1251", "replace")


def _delimiter(text: str) -> str:
    """`;`, `,` or tab: the one that splits most records of the first lines into the same
    number of fields (quoted fields are parsed, so a comma inside quotes does not count)."""
    declared = _SEP_LINE.match(text)  # Excel's own hint: a first line "sep=;"
    if declared:
        return declared.group(1)
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best: tuple[int, int, int] = (0, 0, 0)
    chosen = ";"
    for rank, delimiter in enumerate((";", ",", "\t")):
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            counts = [len(record) for record in reader if len(record) > 1]
        except csv.Error:
            continue
        if not counts:
            continue
        fields, records = Counter(counts).most_common(1)[0]
        score = (records, fields, -rank)
        if score > best:
            best, chosen = score, delimiter
    return chosen


# The table ---------------------------------------------------------------------------


def _find_header(rows: Sequence[Sequence[Any]], score: HeaderScore = header_score) -> int | None:
    """The index of the row naming most client fields among the first rows (the first of
    equals), or None when none names `MIN_HEADER_FIELDS`."""
    best, found = 0, None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        named = score(list(row))
        if named > best:
            best, found = named, index
    return found if best >= MIN_HEADER_FIELDS else None


def _table(
    grid: _Grid,
    source: str,
    sheet: str | None,
    sheets: list[str],
    score: HeaderScore = header_score,
) -> SheetTable | None:
    rows = grid.rows
    top = _find_header(rows, score)
    if top is None:
        return None
    headers, bottom = _header_texts(grid, top)
    width = len(headers)
    sections = _spread_merges(grid, bottom + 1, width)
    numbers = grid.numbers
    kept_numbers: list[int] = []
    kept: list[tuple[Cell, ...]] = []
    header_key = tuple(text or None for text in headers)
    for index in range(bottom + 1, len(rows)):
        cells = _cells(rows[index])
        empty = cells.count(None)
        if empty == width:
            continue
        start = 0 if cells[0] is not None else _first_filled(cells)
        first = cells[start]
        if type(first) is str and _TOTALS.match(first):
            continue
        if index in sections and empty == width - 1:
            continue  # a heading over a group of rows ("Москва"), merged across the table
        if first == header_key[start] and _header_repeated(cells, header_key):
            continue  # the header printed again on a later page
        kept_numbers.append(numbers[index])
        kept.append(cells)
    keep = _kept_columns(headers, kept)
    if len(keep) < width:
        headers = [headers[j] for j in keep]
        if len(keep) == 1:
            kept = [(cells[keep[0]],) for cells in kept]
        else:
            kept = list(map(itemgetter(*keep), kept))
    return SheetTable(
        source=source,
        sheet=sheet,
        header_row=numbers[top],
        headers=headers,
        rows=list(map(SourceRow, kept_numbers, kept)),
        sheets=sheets,
    )


def _first_filled(cells: tuple[Cell, ...]) -> int:
    return next(index for index, cell in enumerate(cells) if cell is not None)


def _header_texts(grid: _Grid, top: int) -> tuple[list[str], int]:
    """The header's texts, one per column, and the index of its last row: a header cell
    merged down over several rows makes the header that deep, and the rows it covers add
    their sub-headings ("Телефон" over "моб." and "раб." gives "Телефон моб.")."""
    bottom = top
    for r0, _c0, r1, _c1 in grid.merges:
        if r0 == top and r1 > bottom:
            bottom = min(r1, top + MAX_HEADER_DEPTH - 1, len(grid.rows) - 1)
    block = [list(grid.rows[index]) for index in range(top, bottom + 1)]
    width = len(block[0])
    for r0, c0, r1, c1 in grid.merges:
        if top <= r0 <= bottom and c0 < width:
            value = grid.rows[r0][c0]
            for r in range(r0, min(r1, bottom) + 1):
                for c in range(c0, min(c1, width - 1) + 1):
                    block[r - top][c] = value
    texts = []
    for column in range(width):
        parts: list[str] = []
        for row in block:
            text = _text(row[column])
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        texts.append(" ".join(parts))
    return texts, bottom


def _spread_merges(grid: _Grid, first: int, width: int) -> set[int]:
    """Copy a data cell merged down over several rows (a company over its contacts) into
    each of them; return the rows that start a cell merged across half the table or more."""
    sections: set[int] = set()
    rows = grid.rows
    for r0, c0, r1, c1 in grid.merges:
        if r0 < first or r0 >= len(rows) or c0 >= width:
            continue
        value = rows[r0][c0]
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            rows[r][c0] = value
        if (min(c1, width - 1) - c0 + 1) * 2 >= width and c1 > c0:
            sections.add(r0)
    return sections


def _cells(row: Sequence[Any]) -> tuple[Cell, ...]:
    """Cells as the table keeps them: "" and blanks → None, whole floats → int."""
    return tuple(
        [
            (value if value and not value.isspace() else None)
            if type(value) is str
            else (int(value) if value.is_integer() else value)
            if type(value) is float
            else value
            if type(value) in _AS_IS
            else _other(value)
            for value in row
        ]
    )


def _other(value: Any) -> Cell:
    if value is None or isinstance(value, (bool, int, dt.date)):
        return value
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, float):  # a float subclass
        return int(value) if value.is_integer() else value
    text = str(value)  # a duration, or whatever a newer reader gives
    return text if text.strip() else None


def _text(value: Any) -> str:
    """A header cell as text, with runs of spaces and line breaks made one space."""
    cell = _cells((value,))[0]
    if cell is None:
        return ""
    text = cell.isoformat() if isinstance(cell, dt.date) else str(cell)
    return " ".join(text.split())


def _header_repeated(cells: tuple[Cell, ...], header: tuple[str | None, ...]) -> bool:
    return tuple(_text(cell) or None for cell in cells) == header


def _kept_columns(headers: list[str], rows: list[tuple[Cell, ...]]) -> list[int]:
    """The columns with a header or some data."""
    return [
        j for j, text in enumerate(headers) if text or any(cells[j] is not None for cells in rows)
    ]
