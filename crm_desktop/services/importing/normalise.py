"""Each data row of a sheet checked and put in the forms the database keeps: phones in
E.164 (several in a cell, numbers typed as numbers), e-mails lower-cased, dates from real
cells or text, INNs typed as numbers, names in normal case, a company's legal form apart.
Pure Python over a `SheetTable`; every invalid value becomes a `RowError` and rejects its
row. Values that repeat down a column (a company, its INN, a phone) are parsed once."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.services.clients import NAME_MAX, POSITION_MAX
from crm_desktop.services.custom_fields import CustomFieldView, parse_custom_value
from crm_desktop.services.dates import parse_birth_date
from crm_desktop.services.emails import normalize_email
from crm_desktop.services.importing.headers import guess_field
from crm_desktop.services.importing.mapping import CUSTOM, NOTE, ColumnMapping, header_key
from crm_desktop.services.importing.rows import CompanyData, ImportRow, PersonData, RowError
from crm_desktop.services.importing.table import Cell, SheetTable, SourceRow
from crm_desktop.services.legal_forms import split_legal_form
from crm_desktop.services.phones import normalize_phone, split_extension
from crm_desktop.services.requisites import normalize_inn

_CACHE = 1 << 16
# What people write into a phone, e-mail, date, INN, company or manager cell for "none".
_NOTHING = frozenset({"-", "--", "---", "—", "–", "н/д", "нет", "n/a", "none"})
_PHONE_SEPARATORS = re.compile(r"\s*[,;/\n\r]+\s*")
_EXTENSION_START = re.compile(r"^(?:доб|ext|вн)", re.IGNORECASE)
_EMAIL_SEPARATORS = re.compile(r"[,;\n\r]+")
_LOGIN = re.compile(r"^[A-Za-z][A-Za-z0-9._-]{0,62}$")
_NAME_SEPARATORS = re.compile(r"([-'’.])")
# Words of a name that stay in lower case after the first word ("Гусейнов Гасан оглы").
_PARTICLES = frozenset(
    "оглы огли кызы гызы улы уулу ибн бен бин фон ван дер де дю ди да ла ле дель аль эль".split()  # noqa: SIM905
)


def cell_text(cell: Cell) -> str:
    """A cell as text: numbers without a ".0", dates as dd.mm.yyyy, ends stripped."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return _("yes") if cell else _("no")
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else str(cell)
    if isinstance(cell, Decimal):
        return str(int(cell)) if cell == cell.to_integral_value() else format(cell, "f")
    if isinstance(cell, dt.datetime):
        if cell.time() == dt.time():
            return cell.strftime("%d.%m.%Y")
        return cell.strftime("%d.%m.%Y %H:%M")
    if isinstance(cell, dt.date):
        return cell.strftime("%d.%m.%Y")
    return str(cell).strip()


def _value(cell: Cell) -> str:
    """A checked field's text, "" where the cell says there is none ("-", "н/д")."""
    text = cell_text(cell)
    return "" if text.casefold() in _NOTHING else text


@lru_cache(maxsize=_CACHE)
def person_name(raw: str) -> str:
    """Spaces collapsed; a word typed in capitals or in lower case gets normal case
    ("ИВАНОВ ИВАН" → "Иванов Иван", "РИМСКИЙ-КОРСАКОВ" → "Римский-Корсаков"); a word
    typed in mixed case stays as typed ("МакДональд")."""
    words = raw.split()
    if raw.istitle():  # "Иванов Иван", "Римский-Корсаков", "О'Коннор": nothing to change
        return " ".join(words)
    for index, word in enumerate(words):
        if word.isupper() or word.islower():
            parts = _NAME_SEPARATORS.split(word.lower())
            words[index] = "".join(
                part if (index or position) and part in _PARTICLES else part[:1].upper() + part[1:]
                for position, part in enumerate(parts)
            )
    return " ".join(words)


@lru_cache(maxsize=_CACHE)
def _company(raw: str) -> tuple[str | None, str]:
    form, name = split_legal_form(raw)
    return form, name or " ".join(raw.split())


def _weak(spelling: str) -> bool:
    """A spelling that tells nothing of the name's case ("РОМАШКА", "ромашка")."""
    return spelling.isupper() or spelling.islower()


@lru_cache(maxsize=_CACHE)
def _phones(raw: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """(as written, E.164 or None when invalid, extension) for each number of a cell."""
    parts: list[str] = []
    for part in _PHONE_SEPARATORS.split(raw):
        if not part:
            continue
        if parts and _EXTENSION_START.match(part):  # "8 (495) 123-45-67, доб. 12"
            parts[-1] += " " + part
        else:
            parts.append(part)
    found: list[tuple[str, str | None, str | None]] = []
    for part in parts:
        try:
            e164, extension = split_extension(part)
        except ValidationError:
            found.append((part, None, None))
        else:
            found.append((part, e164, extension))
    return tuple(found)


@lru_cache(maxsize=_CACHE)
def _emails(raw: str) -> tuple[tuple[str, str | None], ...]:
    """(as written, the address or None when invalid) for each address of a cell."""
    found: list[tuple[str, str | None]] = []
    for chunk in _EMAIL_SEPARATORS.split(raw):
        pieces = chunk.split()
        if len(pieces) > 1 and not all("@" in piece for piece in pieces):
            pieces = [chunk.strip()]  # "ivan @mail.ru" is one wrong address, not two
        for piece in pieces:
            try:
                found.append((piece, normalize_email(piece)))
            except ValidationError:
                found.append((piece, None))
    return tuple(found)


@lru_cache(maxsize=_CACHE)
def _birth_date(raw: str) -> dt.date | None:
    try:
        return parse_birth_date(raw)
    except ValidationError:
        return None


@lru_cache(maxsize=_CACHE)
def _inn(raw: str, kind: str) -> str | None:
    try:
        return normalize_inn(raw, kind=kind)
    except ValidationError:
        return None


def _error(check: Callable[..., object], raw: str, *args: object, **kwargs: object) -> str:
    """The message `check` gives for a value known to be invalid (a rare path: the cached
    parsers above remember only whether a value is valid, not the message's language)."""
    try:
        check(raw, *args, **kwargs)
    except ValidationError as err:
        return err.message
    raise AssertionError(f"{raw!r} passed the check it failed")  # pragma: no cover


def _inn_text(cell: Cell) -> str:
    """An INN's digits; a number cell lost its leading zero ("0105012345" typed as a
    number is 105012345), so 9 or 11 digits there get it back."""
    text = _value(cell)
    typed_as_number = isinstance(cell, int | float | Decimal) and not isinstance(cell, bool)
    if typed_as_number and text.isdigit() and len(text) in (9, 11):
        text = "0" + text
    return text


@dataclass
class _Columns:
    """Where each field's columns are, worked out once per table."""

    headers: list[str]
    width: int = 0
    name_column: int = 0  # where a missing name is reported
    single: dict[str, int] = field(default_factory=dict)
    phones: list[int] = field(default_factory=list)
    emails: list[int] = field(default_factory=list)
    notes: list[tuple[int, str | None]] = field(default_factory=list)  # (column, label)
    custom: list[tuple[int, str]] = field(default_factory=list)  # (column, code)
    fields: dict[str, CustomFieldView] = field(default_factory=dict)  # defined, by code

    @classmethod
    def of(
        cls, headers: Sequence[str], mapping: ColumnMapping, fields: Sequence[CustomFieldView]
    ) -> _Columns:
        columns = cls([str(h) for h in headers])  # as in the file, for the errors
        columns.fields = {f.code: f for f in fields}
        columns.headers.extend(str(i + 1) for i in range(len(headers), len(mapping)))
        columns.width = len(columns.headers)
        for index, target in enumerate(mapping.targets):
            if target is None:
                continue
            if target == "phone":
                columns.phones.append(index)
            elif target == "email":
                columns.emails.append(index)
            elif target == NOTE:
                header = header_key(columns.headers[index])
                columns.notes.append((index, None if guess_field(header) == NOTE else header))
            elif target.startswith(CUSTOM):
                columns.custom.append((index, target[len(CUSTOM) :]))
            else:
                columns.single.setdefault(target, index)
        sources = ("name", "last_name", "first_name", "middle_name")
        columns.name_column = next((columns.single[t] for t in sources if t in columns.single), 0)
        return columns


class _Row:
    """One source row on its way to an `ImportRow`."""

    def __init__(self, columns: _Columns, source: SourceRow) -> None:
        self.columns = columns
        self.source = source
        self.cells = source.cells
        if len(self.cells) < columns.width:  # a short CSV line
            self.cells += (None,) * (columns.width - len(self.cells))
        self.errors: list[RowError] = []
        self.notes: list[str] = []

    def cell(self, target: str) -> tuple[int, Cell] | None:
        index = self.columns.single.get(target)
        return None if index is None else (index, self.cells[index])

    def fail(self, column: int, field: str, value: str, message: str) -> None:
        self.errors.append(
            RowError(self.source.number, self.columns.headers[column], field, value, message)
        )

    def text(self, target: str) -> str | None:
        found = self.cell(target)
        return (" ".join(cell_text(found[1]).split()) or None) if found else None

    def checked_length(self, target: str, value: str | None, limit: int) -> str | None:
        if value is not None and len(value) > limit:
            column = self.columns.single.get(target, self.columns.name_column)
            message = _("Too long: at most {n} characters, given {m}", n=limit, m=len(value))
            self.fail(column, target, value, message)
        return value

    def name(self) -> str:
        found = self.cell("name")
        name = person_name(cell_text(found[1])) if found else ""
        if not name:
            parts = (self.cell(t) for t in ("last_name", "first_name", "middle_name"))
            name = " ".join(filter(None, (person_name(cell_text(p[1])) for p in parts if p)))
        return self.checked_length("name", name, NAME_MAX) or ""

    def company(self) -> CompanyData | None:
        found = self.cell("company")
        raw = _value(found[1]) if found else ""
        if not raw or found is None:
            return None
        form, name = _company(raw)
        if len(name) > NAME_MAX:
            message = _("Too long: at most {n} characters, given {m}", n=NAME_MAX, m=len(name))
            self.fail(found[0], "company", raw, message)
        return CompanyData(name=name, legal_form=form)

    def inn(self, company: CompanyData | None, person: PersonData | None) -> None:
        """The INN belongs to the company the row names, else to the person (12 digits)."""
        found = self.cell("inn")
        raw = _inn_text(found[1]) if found else ""
        if not raw or found is None:
            return
        kind, field = ("company", "company_inn") if company else ("person", "inn")
        inn = _inn(raw, kind)
        if inn is None:
            if kind == "person" and raw.isdigit() and len(raw) == 10:
                message = _(
                    "INN {value} is an organisation's (10 digits), but the row names no company",
                    value=raw,
                )
            else:
                message = _error(normalize_inn, raw, field, kind=kind)
            self.fail(found[0], field, raw, message)
        elif company is not None:
            company.inn = inn
        elif person is not None:
            person.inn = inn

    def phones(self) -> list[str]:
        numbers: list[str] = []
        for index in self.columns.phones:
            raw = _value(self.cells[index])
            if not raw:
                continue
            for written, e164, extension in _phones(raw):
                if e164 is None:
                    self.fail(index, "phone", written, _error(normalize_phone, written))
                    continue
                if e164 not in numbers:
                    numbers.append(e164)
                if extension:  # E.164 holds no extension: keep the writing in the note
                    self.notes.append(f"{header_key(self.columns.headers[index])}: {written}")
        return numbers

    def emails(self) -> list[str]:
        addresses: list[str] = []
        for index in self.columns.emails:
            raw = _value(self.cells[index])
            if not raw:
                continue
            for written, address in _emails(raw):
                if address is None:
                    self.fail(index, "email", written, _error(normalize_email, written))
                elif address not in addresses:
                    addresses.append(address)
        return addresses

    def birth_date(self) -> dt.date | None:
        found = self.cell("birth_date")
        if found is None:
            return None
        index, cell = found
        if isinstance(cell, dt.date):
            raw = cell_text(cell)
            try:
                return parse_birth_date(cell)
            except ValidationError as err:
                self.fail(index, "birth_date", raw, err.message)
                return None
        raw = _value(cell)
        if not raw:
            return None
        value = _birth_date(raw)
        if value is None:
            self.fail(index, "birth_date", raw, _error(parse_birth_date, raw))
        return value

    def owner(self) -> str | None:
        """The manager as written (matched with users later); a login in lower case."""
        found = self.cell("owner")
        raw = " ".join(_value(found[1]).split()) if found else ""
        if not raw:
            return None
        return raw.lower() if _LOGIN.match(raw) else raw

    def note(self) -> str | None:
        parts: list[str] = []
        for index, label in self.columns.notes:
            raw = cell_text(self.cells[index])
            text = "\n".join(" ".join(line.split()) for line in raw.splitlines() if line.strip())
            if text:
                parts.append(f"{label}: {text}" if label else text)
        return "\n".join(parts + self.notes) or None

    def custom(self, person: PersonData) -> None:
        """Values for the client's own fields, checked by the field's type; a field the
        database does not have yet is made (as text) by the import, so its text stays."""
        for index, code in self.columns.custom:
            text = cell_text(self.cells[index])
            if not text:
                continue
            defined = self.columns.fields.get(code)
            if defined is None:
                person.custom[code] = text
                continue
            try:
                value = parse_custom_value(defined, text)
            except ValidationError as err:
                self.fail(index, defined.key, text, err.message)
                continue
            if value is not None:
                person.custom[code] = value

    def build(self) -> ImportRow:
        name = self.name()
        company = self.company()
        person = None
        if name:
            person = PersonData(
                name=name,
                phones=self.phones(),
                emails=self.emails(),
                birth_date=self.birth_date(),
                position=self.checked_length("position", self.text("position"), POSITION_MAX),
                city=self.text("city"),
                address=self.text("address"),
                owner=self.owner(),
            )
            person.note = self.note()
            self.custom(person)
        else:
            # A row that names only a company: its contacts and note are the company's.
            phones, emails = self.phones(), self.emails()
            self.birth_date()
            if company is not None:
                company.phones, company.emails, company.note = phones, emails, self.note()
            if company is None:
                message = _("The row names neither a person nor a company")
                self.fail(self.columns.name_column, "name", "", message)
        self.inn(company, person)
        return ImportRow(self.source.number, person, company, self.errors)


def _unify_company_spelling(rows: list[ImportRow]) -> None:
    """A company name typed in capitals (or lower case) takes the spelling another row of
    the same INN uses ("ЗАО «АФАНАСЬЕВСЕРВИС»" → "АфанасьевСервис"), else of the same
    name; with no such row it stays as typed."""
    by_inn: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for row in rows:
        company = row.company
        if company is not None and not _weak(company.name):
            if company.inn:
                by_inn.setdefault(company.inn, company.name)
            by_name.setdefault(company.name.casefold(), company.name)
    for row in rows:
        company = row.company
        if company is not None and _weak(company.name):
            better = by_inn.get(company.inn) if company.inn else None
            company.name = better or by_name.get(company.name.casefold(), company.name)


def normalise_table(
    table: SheetTable, mapping: ColumnMapping, fields: Sequence[CustomFieldView] = ()
) -> list[ImportRow]:
    """One `ImportRow` per data row of the table, in order; rows with invalid values come
    back with their errors. `fields` are the clients' own fields the database defines
    (services.custom_fields.list_custom_fields): a column mapped to one is checked by its
    type. Raises BadInput when the mapping gives no client's name."""
    mapping.check(table.headers)
    columns = _Columns.of(table.headers, mapping, fields)
    with paused_collector():
        rows = [_Row(columns, source).build() for source in table.rows]
    _unify_company_spelling(rows)
    return rows


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """An import's objects make no reference cycles, yet each of their 100,000s makes
    the cyclic collector walk all those alive, again and again: a third of the time of
    normalising and matching (measured), saved by pausing it meanwhile."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
