"""Which field each column of a sheet goes to: guessed from the headers, corrected by the
user, and kept in a JSON file keyed by header text so that next month's file with the
same headers imports the same way.

A column's target is a field of `headers.FIELDS`, `"custom:<code>"` for a custom field,
or None (ignored). `"note"` adds the value to the client's note: plainly for a note
column ("Примечание", "Комментарий"), as "Header: value" for any other column sent there.

The file: `{"version": 1, "columns": {"ФИО": "name", "Телефон": "phone", "№": null}}`.
A header that the sheet has several times takes one target for all its columns, or a list
with one target per column, in order (`"Телефон": ["phone", "note"]`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.services.custom_fields import code_for
from crm_desktop.services.importing.headers import FIELDS, guess_field

NOTE = "note"
CUSTOM = "custom:"
# Fields that several columns may feed: every phone and e-mail column, every note part.
MULTI_COLUMN = frozenset({"phone", "email", NOTE})
NAME_SOURCES = ("name", "last_name", "first_name")
FORMAT_VERSION = 1


def check_target(target: str | None) -> str | None:
    """The target in its stored form ("custom:Стаж работы" → "custom:стаж_работы", "skip"
    → None); raises BadInput for anything that is no target."""
    if target is None or target == "skip":
        return None
    if target in FIELDS:
        return target
    if target.startswith(CUSTOM):
        code = code_for(target[len(CUSTOM) :])
        if code:
            return CUSTOM + code
    raise BadInput(
        _(
            '"{target}" is not a field to import into; use one of: {fields}, "custom:CODE" or null',
            target=target,
            fields=", ".join(f for f in FIELDS if f != "skip"),
        )
    )


def header_key(header: object) -> str:
    """A header as the mapping file names it: its text, spaces at the ends and repeated
    spaces ignored."""
    return " ".join(str(header if header is not None else "").split())


@dataclass(frozen=True)
class ColumnMapping:
    """The target of each column, by column index (see the module's docstring)."""

    targets: tuple[str | None, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "targets", tuple(check_target(t) for t in self.targets))

    def __len__(self) -> int:
        return len(self.targets)

    def target(self, column: int) -> str | None:
        return self.targets[column] if column < len(self.targets) else None

    def columns(self, target: str) -> list[int]:
        """The columns mapped to `target`, in sheet order."""
        return [i for i, t in enumerate(self.targets) if t == target]

    def with_target(self, column: int, target: str | None) -> ColumnMapping:
        """The same mapping with one column sent elsewhere (the user's correction)."""
        targets = list(self.targets)
        targets.extend([None] * (column + 1 - len(targets)))
        targets[column] = target
        return ColumnMapping(tuple(targets))

    def has_name_source(self) -> bool:
        return any(t in NAME_SOURCES for t in self.targets)

    def check(self, headers: Sequence[str]) -> None:
        """Raises BadInput when the mapping cannot import the sheet: no column gives the
        client's name, or two columns feed a field that takes one."""
        if not self.has_name_source():
            named = ", ".join(f'"{h}"' for h in map(header_key, headers) if h)
            raise BadInput(
                _(
                    "The file has no column with the client's name (ФИО, or Фамилия and Имя); "
                    "its columns are: {columns}. Map one of them to the name.",
                    columns=named or "-",
                )
            )
        seen: dict[str, int] = {}
        for column, target in enumerate(self.targets):
            if target is None or target in MULTI_COLUMN:
                continue
            if target in seen:
                raise BadInput(
                    _(
                        'Columns "{first}" and "{second}" both go to {field}: '
                        "only phones, e-mails and the note take several columns",
                        first=_header_at(headers, seen[target]),
                        second=_header_at(headers, column),
                        field=target,
                    )
                )
            seen[target] = column


def _header_at(headers: Sequence[str], column: int) -> str:
    return header_key(headers[column]) if column < len(headers) else str(column + 1)


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """The mapping the headers suggest: every phone and e-mail column to phone and e-mail,
    "Фамилия", "Имя", "Отчество" to the parts of the name; a second column naming a field
    that takes one (a second "Адрес") and unrecognised columns are ignored until the user
    maps them."""
    targets: list[str | None] = []
    taken: set[str] = set()
    for header in headers:
        field = guess_field(header)
        if field == "skip" or (field in taken and field not in MULTI_COLUMN):
            field = None
        if field is not None:
            taken.add(field)
        targets.append(field)
    return ColumnMapping(tuple(targets))


def _occurrences(headers: Sequence[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for column, header in enumerate(headers):
        found.setdefault(header_key(header), []).append(column)
    return found


def save_mapping(mapping: ColumnMapping, headers: Sequence[str], path: Path | str) -> None:
    """Write the mapping of a sheet with these headers as a JSON file."""
    columns: dict[str, Any] = {}
    for key, indexes in _occurrences(headers).items():
        targets = [mapping.target(i) for i in indexes]
        columns[key] = targets[0] if len(set(targets)) == 1 else targets
    text = json.dumps({"version": FORMAT_VERSION, "columns": columns}, ensure_ascii=False, indent=2)
    try:
        Path(path).write_text(text + "\n", encoding="utf-8")
    except OSError as err:
        raise BadInput(
            _("Cannot write the mapping file {path}: {reason}", path=path, reason=err.strerror)
        ) from None


def _unique_keys(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _read_columns(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise BadInput(
            _("Cannot read the mapping file {path}: {reason}", path=path, reason=err.strerror)
        ) from None
    except UnicodeDecodeError:
        text = ""  # reported below as no JSON
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        raise BadInput(
            _(
                "The mapping file {path} is not valid JSON "
                "(line {line}, column {column}: {reason})",
                path=path,
                line=err.lineno,
                column=err.colno,
                reason=err.msg,
            )
        ) from None
    except _Duplicate as dup:
        raise BadInput(
            _('The mapping file {path} names column "{header}" twice', path=path, header=dup.key)
        ) from None
    columns = data.get("columns") if isinstance(data, dict) else None
    if not isinstance(columns, dict):
        raise BadInput(
            _(
                'The mapping file {path} must hold {{"columns": {{"header": "field", ...}}}}',
                path=path,
            )
        )
    return columns


def load_mapping(path: Path | str, headers: Sequence[str]) -> ColumnMapping:
    """The mapping a JSON file gives a sheet with these headers. A header of the sheet
    that the file does not name (a column new since) takes the guessed target; a header
    the file names that the sheet lacks, or a target that is no field, is a BadInput."""
    path = Path(path)
    columns = _read_columns(path)
    present = _occurrences(headers)
    targets: list[str | None] = [None] * len(headers)
    named: set[int] = set()
    for header, value in columns.items():
        key = header_key(header)
        if key not in present:
            raise BadInput(
                _(
                    'The mapping file {path} names column "{header}", which the sheet does '
                    "not have (its columns: {columns})",
                    path=path,
                    header=header,
                    columns=", ".join(f'"{h}"' for h in present if h) or "-",
                )
            )
        indexes = present[key]
        values = value if isinstance(value, list) else [value] * len(indexes)
        if len(values) != len(indexes):
            raise BadInput(
                _(
                    'The mapping file {path} gives {given} targets for column "{header}", '
                    "which the sheet has {count} times",
                    path=path,
                    given=len(values),
                    header=header,
                    count=len(indexes),
                )
            )
        for column, target in zip(indexes, values, strict=True):
            if target is not None and not isinstance(target, str):
                target = json.dumps(target, ensure_ascii=False)
            try:
                targets[column] = check_target(target)
            except BadInput as err:
                raise BadInput(
                    _(
                        'The mapping file {path}, column "{header}": {reason}',
                        path=path,
                        header=header,
                        reason=err.message,
                    )
                ) from None
            named.add(column)
    guessed = guess_mapping(headers)
    for column in range(len(headers)):
        guess = guessed.target(column)
        if column not in named and (guess in MULTI_COLUMN or guess not in targets):
            targets[column] = guess
    mapping = ColumnMapping(tuple(targets))
    mapping.check(headers)
    return mapping
