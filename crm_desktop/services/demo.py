"""Realistic Russian sample data (`init --demo N`, the benchmarks, screenshots).

Rows are made in Python from Faker's `ru_RU` vocabularies and written with bulk Core
inserts, a batch at a time (never one ORM object per row): 100,000 clients with their
phones, e-mails, history, deals and invoices take well under a minute on SQLite.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from faker import Faker
from faker.providers.job.ru_RU import Provider as JobWords
from faker.providers.person.ru_RU import Provider as PersonWords
from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from crm_desktop.models import (
    Client,
    ClientKind,
    CompanyProfile,
    Deal,
    Email,
    Interaction,
    InteractionKind,
    Invoice,
    InvoiceCounter,
    InvoiceLine,
    InvoiceStatus,
    Phone,
    Product,
    Role,
    StageOutcome,
    User,
    new_id,
    utcnow,
)
from crm_desktop.services.pipelines import ensure_default_pipeline
from crm_desktop.store.search_index import build_search_text, fold

BATCH = 5_000
MOBILE_CODES = (
    "900",
    "903",
    "905",
    "909",
    "912",
    "915",
    "916",
    "917",
    "919",
    "921",
    "922",
    "925",
    "926",
    "929",
    "950",
    "951",
    "960",
    "977",
    "985",
    "999",
)
CITY_CODES = ("495", "499", "812", "343", "383", "843", "861", "846", "863")
MAIL_DOMAINS = ("mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "list.ru")
COMPANY_FORMS = ("ООО", "ООО", "ООО", "АО", "ПАО", "ИП")
COMPANY_SUFFIXES = (
    "Строй",
    "Торг",
    "Снаб",
    "Пром",
    "Сервис",
    "Тех",
    "Логистик",
    "Мебель",
    "Агро",
    "Энерго",
    "Трейд",
    "Групп",
)
DEMO_USERS = (
    ("ivanova", "Иванова Мария Сергеевна", Role.MANAGER),
    ("petrov", "Петров Алексей Иванович", Role.MANAGER),
    ("smirnova", "Смирнова Ольга Викторовна", Role.MANAGER),
    ("kuznetsov", "Кузнецов Дмитрий Павлович", Role.EXECUTIVE),
    ("buh", "Орлова Елена Николаевна", Role.ACCOUNTANT),
)
PRODUCTS = (
    ("Монтаж оборудования", "ч", "356", "2500.00"),
    ("Доставка по городу", "усл", "876", "1500.00"),
    ("Стеллаж металлический", "шт", "796", "8900.00"),
    ("Кабель ВВГ 3х2,5", "м", "006", "95.50"),
    ("Краска фасадная", "кг", "166", "420.00"),
    ("Консультация специалиста", "ч", "356", "3000.00"),
    ("Плитка тротуарная", "м²", "055", "780.00"),
    ("Светильник LED 36 Вт", "шт", "796", "1250.00"),
)
CALL_OUTCOMES = (
    "Договорились о встрече",
    "Не дозвонился",
    "Перезвонить через неделю",
    "Отправить КП",
    "Клиент думает",
    "Заказ подтверждён",
)
NOTES = (
    "Просил прислать прайс",
    "Интересуется оптовыми скидками",
    "Звонить после 15:00",
    "Сезонный спрос весной",
    "Бухгалтерия просит оригиналы документов",
)


@dataclass
class DemoReport:
    clients: int = 0
    companies: int = 0
    phones: int = 0
    emails: int = 0
    interactions: int = 0
    deals: int = 0
    invoices: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class _Rows:
    clients: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    emails: list[dict[str, Any]] = field(default_factory=list)
    interactions: list[dict[str, Any]] = field(default_factory=list)


def _translit(text: str) -> str:
    table = str.maketrans(
        {
            "а": "a",
            "б": "b",
            "в": "v",
            "г": "g",
            "д": "d",
            "е": "e",
            "ё": "e",
            "ж": "zh",
            "з": "z",
            "и": "i",
            "й": "y",
            "к": "k",
            "л": "l",
            "м": "m",
            "н": "n",
            "о": "o",
            "п": "p",
            "р": "r",
            "с": "s",
            "т": "t",
            "у": "u",
            "ф": "f",
            "х": "h",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "sch",
            "ъ": "",
            "ы": "y",
            "ь": "",
            "э": "e",
            "ю": "yu",
            "я": "ya",
        }
    )
    return text.lower().translate(table)


class DemoMaker:
    """Makes sample rows from a seeded random source, so a given seed gives the same data."""

    def __init__(self, seed: int = 2026) -> None:
        self.rnd = random.Random(seed)
        self.faker = Faker("ru_RU")
        self.faker.seed_instance(seed)
        self.now = utcnow()

    def phone(self) -> str:
        code = self.rnd.choice(MOBILE_CODES if self.rnd.random() < 0.8 else CITY_CODES)
        return f"+7{code}{self.rnd.randrange(10**7):07d}"

    def person_name(self) -> tuple[str, str, str]:
        if self.rnd.random() < 0.5:
            return (
                self.rnd.choice(PersonWords.last_names_male),
                self.rnd.choice(PersonWords.first_names_male),
                self.rnd.choice(PersonWords.middle_names_male),
            )
        return (
            self.rnd.choice(PersonWords.last_names_female),
            self.rnd.choice(PersonWords.first_names_female),
            self.rnd.choice(PersonWords.middle_names_female),
        )

    def email(self, first: str, last: str) -> str:
        login = f"{_translit(first)[:1]}{_translit(last)}{self.rnd.randrange(1, 999)}"
        return f"{login}@{self.rnd.choice(MAIL_DOMAINS)}"

    def company_name(self) -> tuple[str, str]:
        form = self.rnd.choice(COMPANY_FORMS)
        if form == "ИП":
            last, first, middle = self.person_name()
            return form, f"{last} {first[0]}. {middle[0]}."
        root = self.rnd.choice(PersonWords.last_names_male)
        return form, root + self.rnd.choice(COMPANY_SUFFIXES)

    def moment(self, days_back: int) -> dt.datetime:
        return self.now - dt.timedelta(seconds=self.rnd.randrange(days_back * 86400))


def generate_demo(
    session: Session,
    n_clients: int,
    *,
    seed: int = 2026,
    with_history: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> DemoReport:
    """Add `n_clients` sample clients (about one in five a company) with phones, e-mails
    and, with `with_history`, calls and meetings, deals and a few invoices."""
    started = dt.datetime.now()
    maker = DemoMaker(seed)
    report = DemoReport()
    owners = _ensure_demo_users(session)
    _ensure_company_profile(session, maker)
    pipeline_stages = _ensure_pipeline(session)
    products = _ensure_products(session)
    sqlite = session.get_bind().dialect.name == "sqlite"
    next_rowid = (session.scalar(select(func.max(Client.search_rowid))) or 0) + 1 if sqlite else 0
    actor = session.info.get("login")
    stamp = {
        "created_at": maker.now,
        "updated_at": maker.now,
        "created_by": actor,
        "updated_by": actor,
        "version": 1,
        "deleted_at": None,
    }

    n_companies = max(1, n_clients // 5) if n_clients >= 5 else 0
    companies: list[tuple[uuid.UUID, str, str | None]] = []
    client_ids: list[tuple[uuid.UUID, str | None]] = []
    made = 0
    for chunk in _chunks(n_clients, BATCH):
        rows = _Rows()
        for _i in range(chunk):
            is_company = made < n_companies
            made += 1
            cid = new_id()
            owner = maker.rnd.choice(owners)
            phones = [maker.phone() for _ in range(1 if maker.rnd.random() < 0.7 else 2)]
            emails: list[str] = []
            company_id = company_name = None
            if is_company:
                form, name = maker.company_name()
                legal_form: str | None = form
                inn = (
                    maker.faker.individuals_inn() if form == "ИП" else maker.faker.businesses_inn()
                )
                kpp = None if form == "ИП" else maker.faker.kpp()
                birth = None
                position = None
                emails.append(f"info@{_translit(name.split()[0])[:12]}.ru")
                companies.append((cid, name, form))
                report.companies += 1
            else:
                last, first, middle = maker.person_name()
                name, legal_form, inn, kpp = f"{last} {first} {middle}", None, None, None
                birth = (
                    dt.date(1955, 1, 1) + dt.timedelta(days=maker.rnd.randrange(18000))
                    if maker.rnd.random() < 0.6
                    else None
                )
                position = maker.rnd.choice(JobWords.jobs) if maker.rnd.random() < 0.5 else None
                if maker.rnd.random() < 0.8:
                    emails.append(maker.email(first, last))
                if companies and maker.rnd.random() < 0.6:
                    company_id, company_name, _form = maker.rnd.choice(companies)
            last_contact = maker.moment(400) if with_history else None
            row = {
                "id": cid,
                "kind": ClientKind.COMPANY if is_company else ClientKind.PERSON,
                "name": name,
                "legal_form": legal_form,
                "full_name": None,
                "company_id": company_id,
                "position": position,
                "inn": inn,
                "kpp": kpp,
                "ogrn": None,
                "birth_date": birth,
                "owner": owner,
                "source": maker.rnd.choice(("Сайт", "Звонок", "Рекомендация", "Выставка")),
                "note": None,
                "last_contact_at": last_contact,
                "merged_into_id": None,
                "name_folded": fold(name),
                "company_name": company_name,
                "primary_phone": phones[0] if phones else None,
                "primary_email": emails[0] if emails else None,
                "search_text": build_search_text(
                    name, legal_form, company_name, inn, phones, emails
                ),
                "search_rowid": next_rowid if sqlite else None,
                **stamp,
            }
            next_rowid += 1
            rows.clients.append(row)
            client_ids.append((cid, owner))
            for pos, number in enumerate(phones):
                rows.phones.append(
                    {
                        "id": new_id(),
                        "client_id": cid,
                        "e164": number,
                        "kind": "mobile" if number[2] == "9" else "work",
                        "extension": None,
                        "position": pos,
                        **stamp,
                    }
                )
            for pos, address in enumerate(emails):
                rows.emails.append(
                    {"id": new_id(), "client_id": cid, "address": address, "position": pos, **stamp}
                )
            if with_history and last_contact is not None:
                rows.interactions.extend(_history(maker, cid, owner, last_contact, stamp))
        _bulk(session, Client.__table__, rows.clients)
        _bulk(session, Phone.__table__, rows.phones)
        _bulk(session, Email.__table__, rows.emails)
        _bulk(session, Interaction.__table__, rows.interactions)
        report.clients += len(rows.clients)
        report.phones += len(rows.phones)
        report.emails += len(rows.emails)
        report.interactions += len(rows.interactions)
        if progress:
            progress(report.clients, n_clients)
    if with_history and client_ids:
        report.deals, report.invoices = _deals_and_invoices(
            session, maker, client_ids, pipeline_stages, products, stamp
        )
    report.seconds = (dt.datetime.now() - started).total_seconds()
    return report


def _chunks(total: int, size: int) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size


def _bulk(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        assert isinstance(table, Table)
        session.execute(insert(table).execution_options(render_nulls=True), rows)


def _history(
    maker: DemoMaker, client_id: uuid.UUID, owner: str, last: dt.datetime, stamp: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    count = maker.rnd.choice((1, 1, 2, 2, 3, 4))
    for i in range(count):
        when = last if i == 0 else last - dt.timedelta(days=maker.rnd.randrange(1, 300))
        kind = maker.rnd.choice(
            (
                InteractionKind.CALL,
                InteractionKind.CALL,
                InteractionKind.MEETING,
                InteractionKind.EMAIL,
                InteractionKind.NOTE,
            )
        )
        is_call = kind == InteractionKind.CALL
        yield {
            "id": new_id(),
            "client_id": client_id,
            "contact_id": None,
            "deal_id": None,
            "kind": kind,
            "direction": None,
            "occurred_at": when,
            "user_login": owner,
            "duration_s": maker.rnd.randrange(30, 900) if is_call else None,
            "outcome": maker.rnd.choice(CALL_OUTCOMES) if is_call else None,
            "subject": None,
            "text": maker.rnd.choice(NOTES),
            **stamp,
        }


def _ensure_demo_users(session: Session) -> list[str]:
    existing = set(session.scalars(select(User.login)))
    for login, full_name, role in DEMO_USERS:
        if login not in existing:
            session.add(User(login=login, full_name=full_name, role=role))
    session.flush()
    return [login for login, _n, role in DEMO_USERS if role == Role.MANAGER]


def _ensure_company_profile(session: Session, maker: DemoMaker) -> None:
    if session.scalar(select(func.count()).select_from(CompanyProfile)):
        return
    session.add(
        CompanyProfile(
            full_name="Общество с ограниченной ответственностью «Вектор»",
            short_name="ООО «Вектор»",
            inn="7707083893",
            kpp="773601001",
            ogrn="1027700132195",
            legal_address="117997, г. Москва, ул. Вавилова, д. 19",
            bank_name="ПАО Сбербанк",
            bic="044525225",
            corr_account="30101810400000000225",
            account="40702810938000000001",
            director="Соколов Андрей Викторович",
            chief_accountant="Орлова Елена Николаевна",
            vat_mode="included",
            vat_rate=Decimal("22.00"),
        )
    )
    session.flush()


def _ensure_pipeline(session: Session) -> list[tuple[uuid.UUID, uuid.UUID, int, StageOutcome]]:
    pipeline = ensure_default_pipeline(session)
    return [(pipeline.id, s.id, s.probability, s.outcome) for s in pipeline.stages]


def _ensure_products(session: Session) -> list[tuple[uuid.UUID, str, str, str, Decimal]]:
    if not session.scalar(select(func.count()).select_from(Product)):
        for name, unit, code, price in PRODUCTS:
            session.add(
                Product(
                    name=name,
                    unit_name=unit,
                    unit_code=code,
                    price=Decimal(price),
                    vat_rate=Decimal("22.00"),
                    is_service=unit in ("ч", "усл"),
                )
            )
        session.flush()
    return [
        (p.id, p.name, p.unit_name, p.unit_code, p.price)
        for p in session.scalars(select(Product).order_by(Product.name))
    ]


def _deals_and_invoices(
    session: Session,
    maker: DemoMaker,
    clients: list[tuple[uuid.UUID, str | None]],
    stages: list[tuple[uuid.UUID, uuid.UUID, int, StageOutcome]],
    products: list[tuple[uuid.UUID, str, str, str, Decimal]],
    stamp: dict[str, Any],
) -> tuple[int, int]:
    deals: list[dict[str, Any]] = []
    invoices: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    year = maker.now.year
    counted = session.get(InvoiceCounter, year)
    next_number = (
        max(
            session.scalar(select(func.max(Invoice.number)).where(Invoice.series == year)) or 0,
            counted.last_number if counted is not None else 0,
        )
        + 1
    )
    for client_id, owner in maker.rnd.sample(clients, k=max(1, len(clients) // 10)):
        pipeline_id, stage_id, probability, outcome = maker.rnd.choice(stages)
        amount = Decimal(maker.rnd.randrange(5_000, 2_000_000)).quantize(Decimal("1.00"))
        deals.append(
            {
                "id": new_id(),
                "title": maker.rnd.choice(
                    ("Поставка оборудования", "Монтаж", "Годовой контракт", "Пробная партия")
                ),
                "client_id": client_id,
                "pipeline_id": pipeline_id,
                "stage_id": stage_id,
                "amount": amount,
                "currency": "RUB",
                "probability": probability,
                "expected_close": (maker.now + dt.timedelta(days=maker.rnd.randrange(90))).date(),
                "owner": owner,
                "closed_at": maker.now if outcome != StageOutcome.OPEN else None,
                "lost_reason": "Дорого" if outcome == StageOutcome.LOST else None,
                "note": None,
                **stamp,
            }
        )
        if outcome == StageOutcome.WON or (
            maker.rnd.random() < 0.2 and len(invoices) * 50 < len(clients)
        ):
            invoice_id = new_id()
            total = Decimal("0.00")
            vat_total = Decimal("0.00")
            for pos, (pid, pname, unit, code, price) in enumerate(
                maker.rnd.sample(products, k=maker.rnd.randrange(1, 4))
            ):
                qty = Decimal(maker.rnd.randrange(1, 20))
                line_amount = (price * qty).quantize(Decimal("0.01"))
                total += line_amount
                vat_total += (line_amount * Decimal(22) / Decimal(122)).quantize(Decimal("0.01"))
                lines.append(
                    {
                        "id": new_id(),
                        "invoice_id": invoice_id,
                        "position": pos,
                        "product_id": pid,
                        "name": pname,
                        "unit_code": code,
                        "unit_name": unit,
                        "quantity": qty,
                        "price": price,
                        "vat_rate": Decimal("22.00"),
                        "amount": line_amount,
                        **stamp,
                    }
                )
            issued = maker.rnd.random() < 0.8
            paid = issued and maker.rnd.random() < 0.6
            issue_date = maker.moment(300).date()
            invoices.append(
                {
                    "id": invoice_id,
                    "series": year if issued else None,
                    "number": next_number if issued else None,
                    "number_text": f"{year}-{next_number:04d}" if issued else None,
                    "issued_at": maker.now if issued else None,
                    "vat_mode": "included",
                    "client_id": client_id,
                    "deal_id": deals[-1]["id"],
                    "order_id": None,
                    "status": InvoiceStatus.PAID
                    if paid
                    else (InvoiceStatus.ISSUED if issued else InvoiceStatus.DRAFT),
                    "owner": owner,
                    "issue_date": issue_date if issued else None,
                    "due_date": issue_date + dt.timedelta(days=5) if issued else None,
                    "currency": "RUB",
                    "total": total,
                    "vat_total": vat_total,
                    "paid_amount": total if paid else Decimal("0.00"),
                    "paid_at": maker.now if paid else None,
                    "note": None,
                    **stamp,
                }
            )
            if issued:
                next_number += 1
    for table, rows in (
        (Deal.__table__, deals),
        (Invoice.__table__, invoices),
        (InvoiceLine.__table__, lines),
    ):
        for start in range(0, len(rows), BATCH):
            _bulk(session, table, rows[start : start + BATCH])
    # The series' counter knows these numbers: the next invoice issued goes on from them.
    counter = session.get(InvoiceCounter, year)
    if counter is None:
        session.add(InvoiceCounter(series=year, last_number=next_number - 1))
    else:
        counter.last_number = max(counter.last_number, next_number - 1)
    session.flush()
    return len(deals), len(invoices)
