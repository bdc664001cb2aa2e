"""A data row after normalisation: the person and the company it names, in the forms the
database keeps (E.164 phones, lower-case e-mails, real dates, the legal form apart), or
the reasons it cannot be imported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from crm_desktop.services.custom_fields import CustomValue


@dataclass(frozen=True, slots=True)
class RowError:
    """One invalid value: `row` as Excel numbers it, `column` the header text as in the
    file, `field` the contract's name (phone, email, birth_date, inn, company_inn, name,
    owner ...), the value as written, and why it was refused (in the active language)."""

    row: int
    column: str
    field: str
    value: str
    message: str

    def to_json(self) -> dict[str, object]:
        return {
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "value": self.value,
            "message": self.message,
        }


@dataclass(slots=True)
class PersonData:
    name: str  # "Фамилия Имя Отчество" in normal case, spaces collapsed
    phones: list[str] = field(default_factory=list)  # E.164, no repeats, in file order
    emails: list[str] = field(default_factory=list)  # trimmed, lower case, no repeats
    birth_date: dt.date | None = None
    position: str | None = None
    inn: str | None = None  # a person's own (12-digit) INN
    city: str | None = None
    address: str | None = None
    note: str | None = None  # the note column, plus unmapped columns sent to the note
    owner: str | None = None  # the responsible manager's login as written (checked later)
    # the client's own fields: code -> the value checked by the field's type (the text
    # where the import will make the field)
    custom: dict[str, CustomValue] = field(default_factory=dict)


@dataclass(slots=True)
class CompanyData:
    name: str  # without the legal form and quotes ("Ромашка")
    legal_form: str | None = None  # "ООО", "АО", "ИП" ...
    inn: str | None = None
    # A row that names only a company gives it the row's contacts and note.
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass(slots=True)
class ImportRow:
    number: int  # as Excel shows it
    person: PersonData | None = None  # None when the row names only a company
    company: CompanyData | None = None
    errors: list[RowError] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return bool(self.errors)
