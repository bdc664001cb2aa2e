"""Two years of business history for the `reports` benchmark, added in bulk to a copy of
the N-client dataset (`bench.datasets`) and cached beside it in `bench/.data/`.

Per client, on average: 3 interactions (calls, meetings, e-mails, notes, stage changes),
0.5 invoices with 1-3 lines from a catalogue of 200 products (and the payments of those
paid), 0.05 deals of the default pipeline and 0.1 tasks; ten managers own the clients.
Clients follow a few profiles, so that every report has something to say: regular
buyers (monthly, steady amounts: XYZ's X), periodic and occasional ones, clients who are
only talked to, and clients never contacted; some stay in touch, others went quiet at
some point (churn, sleeping clients). Each client's `last_contact_at` is its last call,
meeting or e-mail, and `created_at` comes before its history.

Rows go in as the databases keep them, through `crm_desktop.store.bulk.BulkWriter`
(SQLite's executemany, PostgreSQL's COPY), ten thousand clients per transaction.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bench.progress import say
from crm_desktop.models import (
    Client,
    ClientKind,
    InvoiceCounter,
    Role,
    StageOutcome,
    User,
    utcnow,
)
from crm_desktop.services.pipelines import ensure_default_pipeline
from crm_desktop.store.bulk import BulkWriter, id_text
from crm_desktop.store.database import Database

CHUNK = 10_000  # clients per transaction
DAY = 86_400
HISTORY_DAYS = 730  # interactions, invoices, deals and tasks: the last two years
CLIENT_DAYS = 1460  # clients were added over the last four years, in the order of their ids
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
VAT = 22

# The demo's three managers (generate_demo made them) and seven more; the weights share
# the clients out unevenly, as in a real office.
MANAGERS: tuple[tuple[str, str, int], ...] = (
    ("ivanova", "Иванова Мария Сергеевна", 18),
    ("petrov", "Петров Алексей Иванович", 15),
    ("smirnova", "Смирнова Ольга Викторовна", 13),
    ("sokolov", "Соколов Игорь Андреевич", 11),
    ("popova", "Попова Анна Дмитриевна", 10),
    ("lebedev", "Лебедев Сергей Олегович", 9),
    ("kozlova", "Козлова Екатерина Юрьевна", 8),
    ("novikov", "Новиков Павел Викторович", 7),
    ("morozova", "Морозова Наталья Игоревна", 5),
    ("volkov", "Волков Артём Сергеевич", 4),
)


@dataclass(frozen=True)
class Profile:
    """What kind of customer a client is: how likely for a company / a person, how
    many interactions on average, the chance they are still in touch, of a deal and of
    a task."""

    name: str
    company: float
    person: float
    interactions: float
    active: float
    deal: float
    task: float


PROFILES = (
    Profile("regular", 0.012, 0.002, 12, 0.9, 0.3, 0.12),
    Profile("periodic", 0.09, 0.021, 6, 0.7, 0.3, 0.12),
    Profile("occasional", 0.20, 0.0875, 4, 0.35, 0.25, 0.12),
    Profile("silent", 0.15, 0.15, 0, 0.0, 0.0, 0.0),
    Profile("contact", 1.0, 1.0, 3.28, 0.5, 0.0185, 0.12),  # everyone else
)
BUYERS = ("regular", "periodic", "occasional")
# (name, unit, OKEI code, price from, to, a service): ten variants of each = 200 products
CATALOGUE = (
    ("Монтаж оборудования", "ч", "356", 1500, 4500, True),
    ("Доставка", "усл", "876", 500, 5000, True),
    ("Консультация специалиста", "ч", "356", 2000, 6000, True),
    ("Техническое обслуживание", "мес", "362", 5000, 50000, True),
    ("Стеллаж металлический", "шт", "796", 3000, 25000, False),
    ("Кабель ВВГ", "м", "006", 40, 400, False),
    ("Краска фасадная", "кг", "166", 200, 900, False),
    ("Плитка тротуарная", "м²", "055", 500, 1500, False),
    ("Светильник LED", "шт", "796", 600, 6000, False),
    ("Кресло офисное", "шт", "796", 5000, 40000, False),
    ("Стол письменный", "шт", "796", 6000, 35000, False),
    ("Бумага офисная А4", "уп", "778", 300, 600, False),
    ("Картридж лазерный", "шт", "796", 1500, 9000, False),
    ("Ноутбук", "шт", "796", 45000, 150000, False),
    ("Монитор", "шт", "796", 9000, 60000, False),
    ("Лицензия ПО", "шт", "796", 3000, 90000, False),
    ("Труба стальная", "м", "006", 150, 1200, False),
    ("Цемент М500", "т", "168", 6000, 12000, False),
    ("Пиломатериал", "м³", "113", 12000, 30000, False),
    ("Перчатки рабочие", "пар", "715", 30, 200, False),
)
VARIANTS: tuple[str, ...] = (
    "Эконом",
    "Стандарт",
    "Оптима",
    "Плюс",
    "Лайт",
    "Про",
    "Премиум",
    "Бизнес",
)
VARIANTS += ("Мини", "Макси")
KINDS = (("call", 35), ("email", 25), ("meeting", 10), ("note", 18), ("stage_change", 12))
CONTACT_KINDS = ("call", "email", "meeting")
OUTCOMES: tuple[str, ...] = ("Договорились о встрече", "Не дозвонился", "Перезвонить через неделю")
OUTCOMES += ("Отправить КП", "Клиент думает", "Заказ подтверждён")
SUBJECTS = ("Коммерческое предложение", "Счёт на оплату", "Акт сверки", "Договор поставки")
NOTES: tuple[str, ...] = (
    "Просил прислать прайс",
    "Интересуется оптовыми скидками",
    "Звонить после 15:00",
)
NOTES += ("Сезонный спрос весной", "Бухгалтерия просит оригиналы документов")
STAGE_TEXTS: tuple[str, ...] = ("Этап: Новый → Квалификация", "Этап: Квалификация → КП отправлено")
STAGE_TEXTS += ("Этап: КП отправлено → Переговоры", "Этап: Переговоры → Счёт выставлен")
DEAL_TITLES: tuple[str, ...] = (
    "Поставка оборудования",
    "Монтаж",
    "Годовой контракт",
    "Пробная партия",
)
DEAL_TITLES += ("Расширение поставки", "Сервисный договор")
LOST_REASONS = ("Дорого", "Выбрали конкурента", "Нет бюджета", "Пропала потребность")
TASK_TITLES = (
    ("call", "Позвонить клиенту"),
    ("call", "Уточнить реквизиты"),
    ("meeting", "Встреча в офисе клиента"),
    ("documents", "Отправить КП"),
    ("documents", "Подготовить договор"),
    ("other", "Выставить счёт"),
)
# (age in days up to, [(status, weight)]): fresh invoices are mostly still unpaid
STATUSES = (
    (10, (("draft", 4), ("cancelled", 2), ("issued", 60), ("partly_paid", 8), ("paid", 26))),
    (60, (("draft", 1), ("cancelled", 3), ("issued", 25), ("partly_paid", 10), ("paid", 61))),
    (
        10**6,
        (("draft", 0.5), ("cancelled", 5), ("issued", 1.5), ("partly_paid", 1.5), ("paid", 91.5)),
    ),
)

INTERACTION_COLUMNS = (
    "id", "client_id", "kind", "direction", "occurred_at", "user_login", "duration_s",
    "outcome", "subject", "text", "created_at", "updated_at", "created_by", "updated_by",
    "version",
)  # fmt: skip
INVOICE_COLUMNS = (
    "id", "series", "number", "number_text", "client_id", "status", "owner", "issue_date",
    "due_date", "currency", "total", "vat_total", "paid_amount", "paid_at", "issued_at",
    "cancelled_at", "vat_mode", "created_at", "updated_at", "created_by", "updated_by",
    "version",
)  # fmt: skip
LINE_COLUMNS = (
    "id", "invoice_id", "position", "product_id", "name", "unit_code", "unit_name",
    "quantity", "price", "vat_rate", "amount", "vat_amount", "created_at", "updated_at",
    "created_by", "updated_by", "version",
)  # fmt: skip
PAYMENT_COLUMNS = (
    "id", "invoice_id", "amount", "paid_on", "created_at", "updated_at", "created_by",
    "updated_by", "version",
)  # fmt: skip
DEAL_COLUMNS = (
    "id", "title", "client_id", "pipeline_id", "stage_id", "amount", "currency",
    "probability", "expected_close", "owner", "closed_at", "lost_reason", "stage_entered_at",
    "created_at", "updated_at", "created_by", "updated_by", "version",
)  # fmt: skip
TASK_COLUMNS = (
    "id", "title", "kind", "due_at", "remind_at", "client_id", "assignee", "priority",
    "status", "completed_at", "created_at", "updated_at", "created_by", "updated_by",
    "version",
)  # fmt: skip
# (table, columns, key in Maker.rows), in the order they are written (foreign keys)
TABLES = (
    ("interactions", INTERACTION_COLUMNS, "interactions"),
    ("invoices", INVOICE_COLUMNS, "invoices"),
    ("invoice_lines", LINE_COLUMNS, "lines"),
    ("payments", PAYMENT_COLUMNS, "payments"),
    ("deals", DEAL_COLUMNS, "deals"),
    ("tasks", TASK_COLUMNS, "tasks"),
)
STAGE = "bench_stage_"
PRODUCT_COLUMNS = (
    "id", "name", "sku", "unit_code", "unit_name", "price", "currency", "vat_rate",
    "is_service", "active", "created_at", "updated_at", "created_by", "updated_by", "version",
)  # fmt: skip


@dataclass
class Counts:
    """What the history holds (what was added to the N-client dataset)."""

    clients: int = 0
    interactions: int = 0
    invoices: int = 0
    invoice_lines: int = 0
    payments: int = 0
    deals: int = 0
    tasks: int = 0
    products: int = 0
    managers: int = len(MANAGERS)
    profiles: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    unit: str
    code: str
    price: int  # kopecks
    service: bool


@dataclass
class Window:
    """A client's life in the history (days since the epoch): added, talked to from
    `start` to `last`, buying until `until` (the last day for one still in touch);
    owned by `owner`, buying `scale` times as much as the usual client."""

    client_id: str
    profile: Profile
    owner: str
    added: int  # a moment (seconds since the epoch)
    start: int
    last: int
    until: int
    scale: float


def _weighted(rnd: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rnd.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


class Maker:
    """Makes the rows of one chunk of clients; `stage` puts them in the database."""

    def __init__(
        self, writer: BulkWriter, rnd: random.Random, now: dt.datetime, total: int
    ) -> None:
        self.w = writer
        self.rnd = rnd
        self.now = int(now.timestamp())
        self.total = max(1, total)  # clients, to spread their `created_at` over the years
        self.position = 0
        self.today = now.astimezone().date()
        self.today_day = (self.today - EPOCH.date()).days
        self.logins = [m[0] for m in MANAGERS]
        self.weights = [m[2] for m in MANAGERS]
        self.products: list[Product] = []
        self.product_weights: list[float] = []
        self.pipeline = ""
        self.open_stages: list[tuple[str, int]] = []  # (id, probability)
        self.won_stage = self.lost_stage = ""
        self.numbers: dict[int, int] = {}  # series (year) -> last number
        self.rows: dict[str, list[tuple[Any, ...]]] = {}
        self.updates: list[tuple[Any, ...]] = []

    # --- values as the database keeps them ------------------------------------------------

    def ts(self, seconds: int) -> Any:
        return self.w.timestamp(EPOCH + dt.timedelta(seconds=seconds))

    def day(self, day: int) -> Any:
        return self.w.date(EPOCH.date() + dt.timedelta(days=day))

    def money(self, kopecks: int) -> Any:
        return kopecks if self.w.sqlite else Decimal(kopecks).scaleb(-2)

    def quantity(self, units: int) -> Any:
        return units * 1000 if self.w.sqlite else Decimal(units)

    def rate(self, percent: int) -> Any:
        return percent * 100 if self.w.sqlite else Decimal(percent)

    def id_at(self, seconds: int) -> str:
        """A UUIDv7 (32 hex digits) made at that moment, as the app would have made it."""
        bits = self.rnd.getrandbits(74)
        ms = seconds * 1000 + bits % 1000
        return f"{ms:012x}7{bits >> 62:03x}{8 | (bits >> 60) & 3:x}{bits & (1 << 60) - 1:015x}"

    # --- moments --------------------------------------------------------------------------

    def workday(self, low: int, high: int) -> int:
        """A day in low..high, mostly a weekday (days since the epoch)."""
        day = self.rnd.randint(low, max(low, high))
        weekday = (day + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
        if weekday >= 5 and self.rnd.random() < 0.9:
            back = day - (weekday - 4)
            day = back if back >= low else min(day + (7 - weekday), high)
        return day

    def moment(self, day: int, not_before: int = 0) -> int:
        """Office hours of that day (09:00-18:00 in Moscow), never in the future."""
        at = day * DAY + 6 * 3600 + self.rnd.randrange(9 * 3600)
        return min(max(at, not_before), self.now - 60)

    # --- set-up ---------------------------------------------------------------------------

    def set_up(self, session: Session) -> int:
        """The managers, the pipeline's stages and the catalogue; returns the products."""
        existing = set(session.scalars(select(User.login)))
        for login, full_name, _weight in MANAGERS:
            if login not in existing:
                session.add(User(login=login, full_name=full_name, role=Role.MANAGER))
        pipeline = ensure_default_pipeline(session)
        session.flush()
        self.pipeline = id_text(pipeline.id)
        for stage in pipeline.stages:
            if stage.outcome == StageOutcome.OPEN:
                self.open_stages.append((id_text(stage.id), stage.probability))
            elif stage.outcome == StageOutcome.WON:
                self.won_stage = id_text(stage.id)
            else:
                self.lost_stage = id_text(stage.id)
        made = self.now - 1000 * DAY
        stamp = self.ts(made)
        rows = []
        for group, (stem, unit, code, low, high, service) in enumerate(CATALOGUE):
            for n, variant in enumerate(VARIANTS):
                rubles = math.exp(self.rnd.uniform(math.log(low), math.log(high)))
                price = max(100, int(rubles * 100) // 100 * 100)
                product = Product(
                    self.id_at(made), f"{stem} «{variant}»", unit, code, price, service
                )
                self.products.append(product)
                sku = f"RB-{group + 1:02d}{n:02d}"
                rows.append(
                    (
                        product.id,
                        product.name,
                        sku,
                        code,
                        unit,
                        self.money(price),
                        "RUB",
                        self.rate(VAT),
                        service,
                        True,
                        stamp,
                        stamp,
                        None,
                        None,
                        1,
                    )
                )
        self.rnd.shuffle(self.products)  # popularity (Zipf) regardless of the category
        self.product_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.products))]
        self.w.insert("products", PRODUCT_COLUMNS, rows)
        return len(rows)

    # --- one chunk of clients ---------------------------------------------------------------

    def chunk(self, clients: list[tuple[str, bool]], counts: Counts) -> None:
        tables = ("interactions", "invoices", "lines", "payments", "deals", "tasks")
        self.rows = {table: [] for table in tables}
        self.updates = []
        for client_id, company in clients:
            window = self.window(client_id, company)
            counts.profiles[window.profile.name] = counts.profiles.get(window.profile.name, 0) + 1
            last_contact = self.interactions(window)
            if window.profile.name in BUYERS:
                self.invoices(window)
            if self.rnd.random() < window.profile.deal:
                self.deal(window)
            if self.rnd.random() < window.profile.task:
                self.task(window)
            contact = self.ts(last_contact) if last_contact else None
            self.updates.append((window.owner, contact, self.ts(window.added), client_id, 1))

    def window(self, client_id: str, company: bool) -> Window:
        rnd = self.rnd
        draw, profile = rnd.random(), PROFILES[-1]
        for candidate in PROFILES[:-1]:
            share = candidate.company if company else candidate.person
            if draw < share:
                profile = candidate
                break
            draw -= share
        owner = rnd.choices(self.logins, self.weights)[0]
        self.position += 1
        added_day = self.today_day - CLIENT_DAYS * (self.total - self.position) // self.total
        added = self.moment(added_day)
        start = max(added_day, self.today_day - HISTORY_DAYS + 1)
        if rnd.random() < profile.active or start > self.today_day - 91:
            last, until = max(start, self.today_day - rnd.randrange(61)), self.today_day
        else:
            last = until = rnd.randint(start, self.today_day - 91)
        scale = math.exp(rnd.gauss(0, 0.9))
        return Window(client_id, profile, owner, added, start, last, until, scale)

    def stamp(self, at: Any, login: str) -> tuple[Any, ...]:
        return (at, at, login, login, 1)

    def interactions(self, win: Window) -> int:
        """The client's calls, meetings, letters, notes; the moment of the last contact."""
        mean = win.profile.interactions
        if not mean:
            return 0
        rnd = self.rnd
        count = min(200, 1 + int(rnd.expovariate(1 / (mean - 0.5))))
        last_contact = 0
        for i in range(count):
            if i == 0:  # the latest: a contact on the window's last day
                kind = rnd.choice(CONTACT_KINDS)
                day = win.last
            else:
                kind = _weighted(rnd, KINDS)
                day = self.workday(win.start, win.last)
            at = self.moment(day, win.added + 600)
            if kind in CONTACT_KINDS:
                last_contact = max(last_contact, at)
            login = win.owner if rnd.random() < 0.85 else rnd.choice(self.logins)
            call = kind == "call"
            when = self.ts(at)
            self.rows["interactions"].append(
                (
                    self.id_at(at),
                    win.client_id,
                    kind,
                    rnd.choice(("inbound", "outbound")) if kind in ("call", "email") else None,
                    when,
                    login,
                    rnd.randrange(30, 1800) if call else None,
                    rnd.choice(OUTCOMES) if call else None,
                    rnd.choice(SUBJECTS) if kind == "email" else None,
                    rnd.choice(STAGE_TEXTS if kind == "stage_change" else NOTES),
                    *self.stamp(when, login),
                )
            )
        return last_contact

    def basket(self, scale: float) -> list[tuple[Product, int]]:
        """1-3 products and their usual quantities (times the client's scale)."""
        rnd = self.rnd
        picked = rnd.choices(self.products, self.product_weights, k=rnd.choice((1, 1, 1, 2, 2, 3)))
        found: dict[str, tuple[Product, int]] = {}
        for product in picked:
            most = min(500.0, max(1.0, 20_000_000 / product.price))
            usual = math.exp(rnd.uniform(0, math.log(most))) * scale
            found[product.id] = (product, max(1, round(usual)))
        return list(found.values())

    def vary(self, quantity: int, spread: float) -> int:
        return max(1, round(quantity * self.rnd.uniform(1 - spread, 1 + spread)))

    def invoice_days(self, win: Window) -> tuple[list[int], float]:
        """The issue days of a buyer's invoices, and how much their baskets vary."""
        rnd = self.rnd
        days: list[int] = []
        if win.profile.name == "regular":
            first = EPOCH.date() + dt.timedelta(days=win.start)
            year, month, dom = first.year, first.month, rnd.randint(1, 28)
            while True:
                day = (dt.date(year, month, dom) - EPOCH.date()).days
                if day > win.until:
                    break
                if day >= win.start:  # a weekend's invoice on the Friday, or the Monday
                    weekday = (day + 3) % 7
                    if weekday >= 5:
                        day += 7 - weekday if dom <= weekday - 4 else 4 - weekday
                    days.append(day)
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
                dom = min(dom, calendar.monthrange(year, month)[1])
            return days, rnd.choice((0.03, 0.05, 0.08, 0.15, 0.3))
        if win.profile.name == "periodic":
            interval = rnd.uniform(45, 150)
            at = win.start + rnd.uniform(0, interval)
            while at <= win.until:
                days.append(self.workday(int(at), int(at)))
                at += interval * rnd.uniform(0.8, 1.2)
            return days, 0.3
        count = rnd.choices((1, 2, 3, 4), (40, 30, 20, 10))[0]
        return sorted(self.workday(win.start, win.until) for _ in range(count)), -1.0

    def invoices(self, win: Window) -> None:
        rnd = self.rnd
        days, spread = self.invoice_days(win)
        usual = self.basket(win.scale)
        for day in days:
            if day > self.today_day:
                continue
            basket = usual if spread >= 0 else self.basket(win.scale)
            if spread > 0:
                basket = [(p, self.vary(q, spread)) for p, q in basket]
            age = self.today_day - day
            weights = next(w for limit, w in STATUSES if age <= limit)
            status = _weighted(rnd, weights)
            owner = win.owner if rnd.random() < 0.9 else rnd.choice(self.logins)
            self.invoice(win, day, status, owner, basket)

    def invoice(
        self, win: Window, day: int, status: str, owner: str, basket: list[tuple[Product, int]]
    ) -> None:
        rnd = self.rnd
        issued_s = self.moment(day, win.added + 600)
        invoice_id = self.id_at(issued_s)
        issued = self.ts(issued_s)
        total = vat = 0
        for position, (product, qty) in enumerate(basket):
            amount = product.price * qty
            line_vat = (amount * VAT * 2 + 100 + VAT) // (2 * (100 + VAT))  # half up
            total += amount
            vat += line_vat
            self.rows["lines"].append(
                (
                    self.id_at(issued_s),
                    invoice_id,
                    position,
                    product.id,
                    product.name,
                    product.code,
                    product.unit,
                    self.quantity(qty),
                    self.money(product.price),
                    self.rate(VAT),
                    self.money(amount),
                    self.money(line_vat),
                    *self.stamp(issued, owner),
                )
            )
        paid = 0
        paid_at = cancelled_at = None
        if status in ("paid", "partly_paid"):
            if status == "partly_paid":
                paid = total * rnd.randint(20, 80) // 100
                parts = [paid]
            else:
                paid = total
                parts = [total] if rnd.random() < 0.8 else [total // 2, total - total // 2]
            on, at = day, issued_s
            for part in parts:
                on = min(self.today_day, on + rnd.randrange(0, 21))
                at = self.moment(on, at)
                self.rows["payments"].append(
                    (
                        self.id_at(at),
                        invoice_id,
                        self.money(part),
                        self.day(on),
                        *self.stamp(self.ts(at), owner),
                    )
                )
            paid_at = self.ts(at) if status == "paid" else None
        if status == "cancelled":
            cancelled_at = self.ts(self.moment(min(self.today_day, day + rnd.randrange(1, 10))))
        if status == "draft":
            series = number = number_text = issue_date = due_date = issued_at = None
        else:
            year = (EPOCH.date() + dt.timedelta(days=day)).year
            series = year
            number = self.numbers[year] = self.numbers.get(year, 0) + 1
            number_text = f"{year}-{number:04d}"
            issue_date = self.day(day)
            due_date = self.day(day + rnd.choice((5, 10, 14, 30)))
            issued_at = issued
        self.rows["invoices"].append(
            (
                invoice_id,
                series,
                number,
                number_text,
                win.client_id,
                status,
                owner,
                issue_date,
                due_date,
                "RUB",
                self.money(total),
                self.money(vat),
                self.money(paid),
                paid_at,
                issued_at,
                cancelled_at,
                "included",
                *self.stamp(issued, owner),
            )
        )

    def deal(self, win: Window) -> None:
        rnd = self.rnd
        created_s = self.moment(self.workday(win.start, win.until), win.added + 600)
        age = (self.now - created_s) / DAY
        chance = 0.85 if age > 120 else 0.4 if age > 30 else 0.1
        rubles = math.exp(rnd.uniform(math.log(10_000), math.log(3_000_000)))
        amount = self.money(int(rubles) // 100 * 10_000)
        created = self.ts(created_s)
        if rnd.random() < chance:
            won = rnd.random() < 0.4
            closed_s = min(self.now - 60, created_s + int(rnd.uniform(3, min(age, 120)) * DAY))
            stage, closed = (self.won_stage if won else self.lost_stage), self.ts(closed_s)
            reason = None if won else rnd.choice(LOST_REASONS)
            expected = self.day(closed_s // DAY)
            entered = closed
            probability = 100 if won else 0
        else:
            stage, probability = rnd.choices(self.open_stages, (32, 25, 20, 14, 9))[0]
            closed = reason = None
            expected = self.day(self.today_day + rnd.randint(-20, 120))
            entered = self.ts(created_s + int(rnd.uniform(0, max(age, 0)) * DAY))
        probability_set = probability if rnd.random() < 0.2 else None
        self.rows["deals"].append(
            (
                self.id_at(created_s),
                rnd.choice(DEAL_TITLES),
                win.client_id,
                self.pipeline,
                stage,
                amount,
                "RUB",
                probability_set,
                expected,
                win.owner,
                closed,
                reason,
                entered,
                *self.stamp(created, win.owner),
            )
        )

    def task(self, win: Window) -> None:
        rnd = self.rnd
        last = min(self.today_day, win.until + 14)
        created_s = self.moment(self.workday(win.start, last), win.added + 600)
        due_s = created_s + rnd.randrange(0, 14) * DAY
        kind, title = rnd.choice(TASK_TITLES)
        completed = None
        if due_s < self.now - 3 * DAY:
            status = _weighted(rnd, (("done", 88), ("cancelled", 5), ("open", 7)))
        else:
            status = _weighted(rnd, (("done", 30), ("open", 70)))
        if status == "done":
            done_s = due_s + rnd.randint(-2 * DAY, DAY)
            completed = self.ts(min(self.now - 60, max(created_s + 600, done_s)))
        remind = self.ts(due_s - 1800) if rnd.random() < 0.5 else None
        priority = _weighted(rnd, (("normal", 70), ("high", 15), ("low", 15)))
        created = self.ts(created_s)
        self.rows["tasks"].append(
            (
                self.id_at(created_s),
                title,
                kind,
                self.ts(due_s),
                remind,
                win.client_id,
                win.owner,
                priority,
                status,
                completed,
                *self.stamp(created, win.owner),
            )
        )

    def stage(self, counts: Counts) -> None:
        """The chunk's rows into the staging tables (see `fill_history`), its clients
        updated."""
        w = self.w
        for table, columns, key in TABLES:
            w.insert(f"{STAGE}{table}", columns, self.rows[key])
        updated = w.update(
            "clients",
            ("owner", "last_contact_at", "created_at"),
            self.updates,
            (self.ts(self.now), None),
        )
        if updated != len(self.updates):
            raise RuntimeError(f"{updated} of {len(self.updates)} clients updated")
        counts.clients += len(self.updates)
        counts.interactions += len(self.rows["interactions"])
        counts.invoices += len(self.rows["invoices"])
        counts.invoice_lines += len(self.rows["lines"])
        counts.payments += len(self.rows["payments"])
        counts.deals += len(self.rows["deals"])
        counts.tasks += len(self.rows["tasks"])


def _client_chunk(session: Session, after: Any) -> list[tuple[Any, bool]]:
    query = select(Client.id, Client.kind).order_by(Client.id).limit(CHUNK)
    if after is not None:
        query = query.where(Client.id > after)
    return [(cid, kind == ClientKind.COMPANY) for cid, kind in session.execute(query)]


def fill_history(
    db: Database, seed: int, progress: Callable[[str], None] = say
) -> tuple[Counts, dt.date]:
    """Add the history to every client of `db`; returns what was added and its "today".

    The rows are made client by client, then written to their tables in the order they
    were made (by their UUIDv7 ids, which carry their moments), as a database that has
    lived for years holds them: a client's invoices lie apart, among everyone else's.
    They wait for that in temporary staging tables, so the whole runs in one transaction
    on one connection."""
    now = utcnow()
    rnd = random.Random(seed)
    counts = Counts()
    with db.unit_of_work() as session:
        total = session.scalar(select(func.count()).select_from(Client)) or 0
        writer = BulkWriter(session)
        maker = Maker(writer, rnd, now, total)
        counts.products = maker.set_up(session)
        for table, columns, _key in TABLES:
            names = ", ".join(columns)
            session.execute(
                text(f"CREATE TEMP TABLE {STAGE}{table} AS SELECT {names} FROM {table} WHERE 1 = 0")
            )
        after: Any = None
        with writer.large_cache():
            while chunk := _client_chunk(session, after):
                after = chunk[-1][0]
                maker.chunk([(id_text(cid), company) for cid, company in chunk], counts)
                maker.stage(counts)
                if counts.clients % 100_000 < CHUNK:
                    progress(f"history of {counts.clients:,} clients made")
            for table, columns, _key in TABLES:
                names = ", ".join(columns)
                session.execute(
                    text(
                        f"INSERT INTO {table} ({names}) "
                        f"SELECT {names} FROM {STAGE}{table} ORDER BY id"
                    )
                )
                session.execute(text(f"DROP TABLE {STAGE}{table}"))
                progress(f"{table} written in the order they were made")
        for series, last in sorted(maker.numbers.items()):
            counter = session.get(InvoiceCounter, series)
            if counter is None:
                session.add(InvoiceCounter(series=series, last_number=last))
            else:
                counter.last_number = max(counter.last_number, last)
    return counts, maker.today
