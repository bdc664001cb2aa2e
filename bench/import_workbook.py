"""A legacy client list of N rows for `python -m bench import`, as customers send them,
cached in `bench/.data/` with what a correct import of it reports.

The sheet looks like `tests/data/legacy_clients_sample.xlsx` at scale: a merged title and
a blank row above the header "№, ФИО, Организация, ИНН, Должность, Телефон, Доп.
телефон, E-mail, Дата рождения, Город, Примечание", blank rows here and there, a totals
row with a formula at the end and an "Архив" sheet after it. Phones come in a dozen
writings (some typed as numbers, a few two in a cell or with an extension), dates as real
dates or text in four forms, names in capitals or with stray spaces, companies with the
legal form before or after the name in any quotes, INNs typed as numbers.

Each data row is one of:
- existing (`EXISTING_SHARE`): a person the benchmark database already holds (its name,
  a phone or e-mail of theirs, their company and its INN), written differently, sometimes
  with a new second phone or a birth date the database lacks: the import merges it;
- duplicate (`DUPLICATE_SHARE`): an earlier good row of the file written differently,
  sharing at least one phone or e-mail with it: merged;
- bad (`BAD_SHARE`): a new person with one invalid value (phone, e-mail, birth date or the
  company's INN checksum): rejected;
- new (the rest): a person seen for the first time: created.
New people's names, phones and e-mails are unique in the file and in the database, so
the expected counts are exact. The workbook is regenerated when this module, the
generated database's shape (`bench.datasets.data_fingerprint`), N or the seed change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import aliased

from bench.datasets import data_fingerprint
from bench.progress import say
from crm_desktop.models import Client, ClientKind, Email, Phone
from crm_desktop.services.demo import DemoMaker
from crm_desktop.store.database import Database
from crm_desktop.store.search_index import fold

HEADERS = (
    "№",
    "ФИО",
    "Организация",
    "ИНН",
    "Должность",
    "Телефон",
    "Доп. телефон",
    "E-mail",
    "Дата рождения",
    "Город",
    "Примечание",
)
HEADER_ROW = 3
WIDTHS = (7, 36, 30, 14, 24, 20, 20, 30, 16, 18, 24)
EXISTING_SHARE = 0.20
DUPLICATE_SHARE = 0.10
BAD_SHARE = 0.05
BLANK_ROW_SHARE = 0.002
COMPANIES_PER_ROW = 1 / 8  # the pool of new companies the new people work for
MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
NOTES = ("постоянный клиент", "VIP", "звонить после 15:00", "отказ", "просил прайс", None)
BAD_PHONES = ("123", "8-912-1", "12-34", "+7 (912) 12", "нет номера")
BAD_EMAILS = ("ivanov@mail", "петров.mail.ru", "sidorov@@yandex.ru", "info@", "@mail.ru")
BAD_DATES = ("1985-13-01", "31.02.1985", "32.01.1990", "31.04.1990", "29.02.1987")


@dataclass(frozen=True)
class Expected:
    """What importing the workbook with `--on-duplicate merge` reports."""

    rows: int  # data rows
    created: int  # new people
    merged: int  # existing people's rows and duplicates
    rejected: int  # rows with one invalid value
    existing_rows: int  # of merged: people the database holds (first sight in the file)
    duplicate_rows: int  # of merged: earlier rows of the file written differently
    new_companies: int  # distinct new INNs on the new people's rows (before name matching)


@dataclass(frozen=True)
class LegacyWorkbook:
    path: Path
    expected: Expected
    fingerprint: str
    seconds: float  # how long generating it took
    size_mb: float
    reused: bool


@dataclass
class _Person:
    name: str
    phones: list[str]  # E.164
    email: str | None
    birth: dt.date | None
    company: tuple[str | None, str, str] | None  # (legal form, name, INN)
    position: str | None
    city: str


def workbook_fingerprint(rows: int, clients: int, seed: int) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{data_fingerprint()}:{rows}:{clients}:{seed}".encode())
    return digest.hexdigest()[:16]


def _existing_people(db: Database) -> tuple[list[_Person], set[str], set[str], set[str], set[str]]:
    """The database's people (name, first phone, e-mail, birth date, company) in a fixed
    order, and the folded names, phones, e-mails and INNs it holds."""
    company = aliased(Client)
    people: list[_Person] = []
    with db.unit_of_work(write=False) as session:
        query = (
            select(
                Client.name,
                Client.primary_phone,
                Client.primary_email,
                Client.birth_date,
                Client.position,
                company.legal_form,
                company.name,
                company.inn,
            )
            .outerjoin(company, company.id == Client.company_id)
            .where(Client.kind == ClientKind.PERSON, Client.deleted_at.is_(None))
            .order_by(Client.name_folded, Client.primary_phone)
        )
        for name, phone, email, birth, position, form, company_name, inn in session.execute(query):
            firm = (form, company_name, inn) if company_name and inn else None
            people.append(_Person(name, [phone] if phone else [], email, birth, firm, position, ""))
        names = {fold(n) for n in session.scalars(select(Client.name_folded))}
        phones = set(session.scalars(select(Phone.e164)))
        emails = set(session.scalars(select(Email.address)))
        inns = {str(i) for i in session.scalars(select(Client.inn).where(Client.inn.is_not(None)))}
    return people, names, phones, emails, inns


class _Writer:
    """Writes one person's values the way a person keeping a list for years would."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd

    def name(self, name: str) -> str:
        r = self.rnd.random()
        if r < 0.06:
            return name.upper()
        if r < 0.16:
            return f"  {name} "
        if r < 0.19:
            return name.replace(" ", "  ", 1)
        return name

    def phone(self, e164: str) -> str | int:
        code, rest = e164[2:5], e164[5:]
        a, b, c = rest[:3], rest[3:5], rest[5:]
        styles: list[Callable[[], str | int]] = [
            lambda: f"+7 {code} {a} {b} {c}",
            lambda: f"+7({code}){rest}",
            lambda: f"8 ({code}) {a}-{b}-{c}",
            lambda: f"8-{code}-{a}-{b}-{c}",
            lambda: f"7{code}{rest}",
            lambda: f"{code}{rest}",
            lambda: f"8{code}{rest}",
            lambda: f"+7 ({code}) {a}-{b}-{c}",
            lambda: f"8 {code} {a} {b} {c}",
            lambda: int(f"8{code}{rest}"),
            lambda: int(f"7{code}{rest}"),
        ]
        return self.rnd.choice(styles)()

    def phones(self, numbers: list[str]) -> tuple[str | int | None, str | int | None]:
        """(Телефон, Доп. телефон): the second number in its own column, now and then in
        the first cell after a comma, or with an extension."""
        if not numbers:
            return None, None
        first = self.phone(numbers[0])
        if len(numbers) == 1:
            if self.rnd.random() < 0.01:
                return f"{self.phone_text(numbers[0])} доб. {self.rnd.randrange(10, 999)}", None
            return first, None
        if self.rnd.random() < 0.1:
            return f"{self.phone_text(numbers[0])}, {self.phone_text(numbers[1])}", None
        return first, self.phone(numbers[1])

    def phone_text(self, e164: str) -> str:
        written = self.phone(e164)
        return written if isinstance(written, str) else f"8 ({e164[2:5]}) {e164[5:]}"

    def email(self, address: str | None) -> str | None:
        if address is None:
            return None
        r = self.rnd.random()
        if r < 0.1:
            return address.upper()
        if r < 0.25:
            return f" {address} "
        return address

    def birth(self, day: dt.date | None) -> str | dt.datetime | None:
        if day is None:
            return None
        r = self.rnd.random()
        if r < 0.3:
            return dt.datetime(day.year, day.month, day.day)
        if r < 0.5:
            return day.strftime("%d.%m.%Y")
        if r < 0.65:
            return day.strftime("%d.%m.%Y") + " г."
        if r < 0.85:
            return day.isoformat()
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"

    def company(self, firm: tuple[str | None, str, str] | None) -> str | None:
        if firm is None:
            return None
        form, name, _inn = firm
        if form is None:
            return name
        r = self.rnd.random()
        if r < 0.25:
            return f"{form} «{name}»"
        if r < 0.45:
            return f'{form} "{name}"'
        if r < 0.55:
            return f'  {form} "{name}" '
        if r < 0.75:
            return f"{name} {form}"
        if r < 0.85:
            return f"{form} «{name.upper()}»"
        return f"{form} {name}"

    def inn(self, firm: tuple[str | None, str, str] | None) -> str | int | None:
        if firm is None:
            return None
        r = self.rnd.random()
        if r < 0.03:
            return None  # the company known by its name alone
        return int(firm[2]) if r < 0.3 else firm[2]


class _Maker:
    """New people, unique (name, phones, e-mail) against the database and the file."""

    def __init__(
        self, seed: int, names: set[str], phones: set[str], emails: set[str], inns: set[str]
    ) -> None:
        self.demo = DemoMaker(seed)
        self.rnd = self.demo.rnd
        self.names, self.phones, self.emails, self.inns = names, phones, emails, inns
        self.cities = [self.demo.faker.city_name() for _ in range(2000)]
        self.jobs = [self.demo.faker.job() for _ in range(500)]
        self.companies: list[tuple[str | None, str, str]] = []

    def new_phone(self) -> str:
        while True:
            number = self.demo.phone()
            if number not in self.phones:
                self.phones.add(number)
                return number

    def company_pool(self, size: int) -> None:
        for _ in range(size):
            form, name = self.demo.company_name()
            while True:
                inn = (
                    self.demo.faker.individuals_inn()
                    if form == "ИП"
                    else self.demo.faker.businesses_inn()
                )
                if inn not in self.inns:
                    self.inns.add(inn)
                    break
            self.companies.append((form, name, inn))

    def person(self) -> _Person:
        while True:
            last, first, middle = self.demo.person_name()
            name = f"{last} {first} {middle}"
            if fold(name) not in self.names:
                self.names.add(fold(name))
                break
        phones = [self.new_phone() for _ in range(1 if self.rnd.random() < 0.7 else 2)]
        email = None
        if self.rnd.random() < 0.8:
            while True:
                email = self.demo.email(first, last)
                if email not in self.emails:
                    self.emails.add(email)
                    break
        birth = (
            dt.date(1950, 1, 1) + dt.timedelta(days=self.rnd.randrange(20000))
            if self.rnd.random() < 0.6
            else None
        )
        firm = self.rnd.choice(self.companies) if self.rnd.random() < 0.6 else None
        position = self.rnd.choice(self.jobs) if self.rnd.random() < 0.5 else None
        return _Person(name, phones, email, birth, firm, position, self.rnd.choice(self.cities))


def _row(number: int, w: _Writer, p: _Person, note: str | None) -> list[Any]:
    phone, extra = w.phones(p.phones)
    return [
        number,
        w.name(p.name),
        w.company(p.company),
        w.inn(p.company),
        p.position,
        phone,
        extra,
        w.email(p.email),
        w.birth(p.birth),
        p.city or None,
        note,
    ]


def _spoil(rnd: random.Random, cells: list[Any], p: _Person) -> None:
    """One invalid value on a bad row."""
    kinds = ["phone", "email", "birth_date"] + (["company_inn"] if p.company else [])
    kind = rnd.choice(kinds)
    if kind == "phone":
        cells[5] = rnd.choice(BAD_PHONES)
    elif kind == "email":
        cells[7] = rnd.choice(BAD_EMAILS)
    elif kind == "birth_date":
        cells[8] = rnd.choice(BAD_DATES)
    else:
        assert p.company is not None
        inn = p.company[2]
        cells[3] = inn[:-1] + str((int(inn[-1]) + rnd.randrange(1, 10)) % 10)


def _generate(path: Path, db: Database, rows: int, seed: int) -> Expected:
    existing, names, phones, emails, inns = _existing_people(db)
    rnd = random.Random(seed + 1)
    maker = _Maker(seed + 2, names, phones, emails, inns)
    maker.company_pool(max(1, int(rows * COMPANIES_PER_ROW)))
    writer = _Writer(rnd)
    wanted_existing = min(int(rows * EXISTING_SHARE), len(existing))
    to_meet = rnd.sample(existing, wanted_existing)
    good: list[_Person] = []  # rows a later duplicate may repeat
    counts = {"new": 0, "existing": 0, "duplicate": 0, "bad": 0}
    new_inns: set[str] = set()

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Клиенты")
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    for letter, width in zip("ABCDEFGHIJK", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.merged_cells.add("A1:K1")
    sheet.append([f"Список клиентов отдела продаж на {dt.date(2019, 3, 1):%d.%m.%Y}"])
    sheet.append([])
    sheet.append(list(HEADERS))
    bold = Font(bold=True)
    sheet_row = HEADER_ROW
    for number in range(1, rows + 1):
        if rnd.random() < BLANK_ROW_SHARE:
            sheet.append([])
            sheet_row += 1
        r = rnd.random()
        if r < EXISTING_SHARE and counts["existing"] < wanted_existing:
            person = to_meet[counts["existing"]]
            if rnd.random() < 0.2:
                person.phones = [*person.phones, maker.new_phone()]
            if person.birth is None and rnd.random() < 0.3:
                person.birth = dt.date(1960, 1, 1) + dt.timedelta(days=rnd.randrange(15000))
            person.city = rnd.choice(maker.cities)
            if person.email and rnd.random() < 0.15:
                person.phones = []  # known by the e-mail alone
            kind = "existing"
        elif r < EXISTING_SHARE + DUPLICATE_SHARE and good:
            person = _duplicate(rnd, rnd.choice(good), maker)
            kind = "duplicate"
        elif r < EXISTING_SHARE + DUPLICATE_SHARE + BAD_SHARE:
            person = maker.person()
            kind = "bad"
        else:
            person = maker.person()
            kind = "new"
            if person.company:
                new_inns.add(person.company[2])
        cells = _row(number, writer, person, rnd.choice(NOTES))
        if kind == "bad":
            _spoil(rnd, cells, person)
        else:
            good.append(person)
        counts[kind] += 1
        sheet.append(cells)
        sheet_row += 1
    sheet.append([])
    total = f"=COUNTA(B{HEADER_ROW + 1}:B{sheet_row})"
    sheet.append([_bold_cell(sheet, "Итого клиентов:", bold), total])
    archive = workbook.create_sheet("Архив")
    archive.append(["Старые записи не переносить"])
    partial = path.with_name(path.stem + ".partial.xlsx")
    workbook.save(partial)
    os.replace(partial, path)
    return Expected(
        rows=rows,
        created=counts["new"],
        merged=counts["existing"] + counts["duplicate"],
        rejected=counts["bad"],
        existing_rows=counts["existing"],
        duplicate_rows=counts["duplicate"],
        new_companies=len(new_inns),
    )


def _bold_cell(sheet: Any, value: str, font: Font) -> Any:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell


def _duplicate(rnd: random.Random, of: _Person, maker: _Maker) -> _Person:
    """The same person again: at least one phone or the e-mail kept, perhaps a new
    phone, the birth date dropped or the position missing."""
    phones = list(of.phones)
    email = of.email
    if phones and email and rnd.random() < 0.3:
        if rnd.random() < 0.5:
            phones = []
        else:
            email = None
    if phones and rnd.random() < 0.2:
        phones = [*phones[:1], maker.new_phone()]
    if not phones and email is None:
        phones = of.phones[:1]
    birth = of.birth if rnd.random() < 0.7 else None
    position = of.position if rnd.random() < 0.6 else None
    return _Person(of.name, phones, email, birth, of.company, position, of.city)


def legacy_workbook(
    data_dir: Path, db: Database, *, rows: int, clients: int, seed: int, fresh: bool = False
) -> LegacyWorkbook:
    """The cached workbook of `rows` rows for a database of `clients` generated clients
    (made from `db` when missing or out of date)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"import-{rows}.xlsx"
    meta = data_dir / f"import-{rows}.json"
    fingerprint = workbook_fingerprint(rows, clients, seed)
    if not fresh and path.exists():
        try:
            saved = json.loads(meta.read_text(encoding="utf-8"))
            if saved["fingerprint"] == fingerprint:
                return LegacyWorkbook(
                    path,
                    Expected(**saved["expected"]),
                    fingerprint,
                    saved["seconds"],
                    path.stat().st_size / 1e6,
                    reused=True,
                )
        except (OSError, ValueError, KeyError, TypeError):
            pass
    say(f"import: generating a {rows:,}-row legacy workbook into {path}")
    meta.unlink(missing_ok=True)
    started = time.perf_counter()
    expected = _generate(path, db, rows, seed)
    seconds = round(time.perf_counter() - started, 1)
    document = {"fingerprint": fingerprint, "expected": asdict(expected), "seconds": seconds}
    meta.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    say(f"import: workbook generated in {seconds:.0f} s ({asdict(expected)})")
    return LegacyWorkbook(path, expected, fingerprint, seconds, path.stat().st_size / 1e6, False)
