"""Reports (issue 9): every figure on hand-built data whose right answers follow from
its construction (tests/services/report_data.py), period edges included; each test on
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest

from crm_desktop.errors import BadInput
from crm_desktop.models import InvoiceStatus
from crm_desktop.services.reports import run_report
from crm_desktop.services.reports.table import ReportParams, ReportTable
from crm_desktop.store.database import Database
from tests.services import report_data as data
from tests.services.report_data import MSK

NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def report(
    db: Database, name: str, period: tuple[dt.date, dt.date] = NOV, **options: Any
) -> ReportTable:
    with db.unit_of_work(write=False) as session:
        return run_report(session, name, ReportParams(*period, tz=MSK, **options))


def rows(table: ReportTable, *keys: str) -> list[tuple[Any, ...]]:
    index = [table.column(k) for k in keys]
    return [tuple(row[i] for i in index) for row in table.rows]


def D(value: str) -> Decimal:
    return Decimal(value)


@pytest.fixture
def sales(db: Database) -> dict[str, uuid.UUID]:
    """Invoices for ABC, revenue and receivables (all figures in the comments)."""
    with db.unit_of_work() as s:
        data.staff(s)
        c = {
            n: data.client(s, n, "ivanova" if n in ("C1", "C3") else "petrov")
            for n in ("C1", "C2", "C3", "C4", "C5")
        }
        goods = data.product(s, "Товар А")
        # November: C1 4000 + 1000 (on the period's first and last days), C2 3000 (paid),
        # C3 1000, C4 600 (200 paid), C5 400: 10,000 in six invoices.
        first = data.invoice(
            s,
            c["C1"],
            "2026-11-01",
            "4000",
            owner="ivanova",
            due="2026-11-15",
            lines=(("Товар А", goods, "2", "3000"), ("Доставка", None, "1", "1000")),
        )
        data.invoice(s, c["C1"], "2026-11-30", "1000", owner="ivanova", due="2026-12-10")
        paid = data.invoice(
            s,
            c["C2"],
            "2026-11-10",
            "3000",
            owner="petrov",
            status=InvoiceStatus.PAID,
            paid="3000",
            due="2026-11-20",
            lines=(("Товар А", goods, "2", "3000"),),
        )
        data.invoice(s, c["C3"], "2026-11-12", "1000", owner="ivanova", due="2026-11-30")
        part = data.invoice(
            s,
            c["C4"],
            "2026-11-14",
            "600",
            owner="petrov",
            status=InvoiceStatus.PARTLY_PAID,
            paid="200",
            due="2026-11-20",
        )
        data.invoice(s, c["C5"], "2026-11-16", "400", owner="petrov")
        data.payment(s, paid, "2026-11-15", "3000")
        data.payment(s, part, "2026-11-20", "200")
        # Outside November or not revenue at all:
        data.invoice(s, c["C1"], "2026-10-31", "7777", owner="ivanova", due="2026-11-10")
        data.invoice(s, c["C5"], "2026-11-17", "99999", owner="petrov", status=InvoiceStatus.DRAFT)
        data.invoice(
            s, c["C4"], "2026-11-18", "5000", owner="petrov", status=InvoiceStatus.CANCELLED
        )
        data.invoice(s, c["C2"], "2026-12-01", "8888", owner="petrov")
        del first
    return c


def test_abc_classes_by_share_of_revenue(db: Database, sales: dict[str, uuid.UUID]) -> None:
    table = report(db, "abc")
    # 5000 (0 % before: A), 3000 (50 % before: A), 1000 (80 % before: B), 600 (90 %: B),
    # 400 (96 %: C)
    assert rows(table, "client", "revenue", "share", "cumulative", "class") == [
        ("C1", D("5000.00"), D("50.0"), D("50.0"), "A"),
        ("C2", D("3000.00"), D("30.0"), D("80.0"), "A"),
        ("C3", D("1000.00"), D("10.0"), D("90.0"), "B"),
        ("C4", D("600.00"), D("6.0"), D("96.0"), "B"),
        ("C5", D("400.00"), D("4.0"), D("100.0"), "C"),
    ]
    assert table.totals["revenue"] == D("10000.00")
    assert (table.totals["A"], table.totals["B"], table.totals["C"]) == (2, 2, 1)
    assert table.totals["A_revenue"] == D("8000.00")
    json = table.to_json()
    assert json["rows"][0] == ["C1", "ivanova", "5000.00", 50.0, 50.0, "A"]
    assert json["from"] == "2026-11-01" and json["to"] == "2026-11-30"


def test_abc_of_one_manager(db: Database, sales: dict[str, uuid.UUID]) -> None:
    table = report(db, "abc", owner="ivanova")
    # C1 5000 of 6000: A; C3 has 83.3 % above it: B
    assert rows(table, "client", "class") == [("C1", "A"), ("C3", "B")]
    assert table.totals["revenue"] == D("6000.00")


def test_revenue_by_month_counts_issue_and_payment_days(
    db: Database, sales: dict[str, uuid.UUID]
) -> None:
    table = report(db, "revenue", (dt.date(2026, 10, 1), dt.date(2026, 12, 31)))
    assert rows(table, "month", "invoices", "invoiced", "paid") == [
        ("2026-10", 1, D("7777.00"), D("0.00")),
        ("2026-11", 6, D("10000.00"), D("3200.00")),
        ("2026-12", 1, D("8888.00"), D("0.00")),
    ]
    assert table.totals == {"invoices": 8, "invoiced": D("26665.00"), "paid": D("3200.00")}
    one_day = report(db, "revenue", (dt.date(2026, 11, 30), dt.date(2026, 11, 30)))
    assert rows(one_day, "invoices", "invoiced") == [(1, D("1000.00"))]


def test_revenue_by_manager_and_by_product(db: Database, sales: dict[str, uuid.UUID]) -> None:
    managers = report(db, "revenue", by="manager")
    assert rows(managers, "manager", "invoices", "invoiced", "paid") == [
        ("ivanova", 3, D("6000.00"), D("0.00")),
        ("petrov", 3, D("4000.00"), D("3200.00")),
    ]
    products = report(db, "revenue", by="product")
    assert rows(products, "product", "invoices", "quantity", "amount") == [
        ("Товар А", 2, D("4.000"), D("6000.00")),
        ("Доставка", 1, D("1.000"), D("1000.00")),
    ]
    only = report(db, "revenue", by="manager", owner="petrov")
    assert rows(only, "manager") == [("petrov",)]


def test_receivables_outstanding_and_overdue(db: Database, sales: dict[str, uuid.UUID]) -> None:
    table = report(db, "receivables")
    # open: C1 7777 (due 10.11: 20 days late), C1 4000 (due 15.11: 15), C4 400 left
    # (due 20.11: 10), C3 1000 (due 30.11, the last day: not late), C1 1000 (due
    # 10.12), C5 400 (no due date, last)
    assert rows(table, "client", "outstanding", "days_overdue") == [
        ("C1", D("7777.00"), 20),
        ("C1", D("4000.00"), 15),
        ("C4", D("400.00"), 10),
        ("C3", D("1000.00"), 0),
        ("C1", D("1000.00"), 0),
        ("C5", D("400.00"), 0),
    ]
    assert table.totals == {
        "invoices": 6,
        "outstanding": D("14577.00"),
        "overdue_invoices": 3,
        "overdue": D("12177.00"),
    }
    limited = report(db, "receivables", limit=2)
    assert len(limited.rows) == 2 and limited.totals["invoices"] == 6


@pytest.fixture
def deals(db: Database) -> None:
    with db.unit_of_work() as s:
        data.staff(s)
        data.deals(s)


def test_funnel_conversion_win_rate_and_cycle(db: Database, deals: None) -> None:
    table = report(db, "funnel")
    assert rows(table, "stage", "deals", "reached", "conversion") == [
        ("Новый", 2, 10, None),
        ("Квалификация", 1, 6, D("60.0")),
        ("КП отправлено", 1, 5, D("83.3")),
        ("Переговоры", 0, 4, D("80.0")),
        ("Счёт выставлен", 1, 4, D("100.0")),
        ("Успешно", 3, 3, D("75.0")),
        ("Проиграно", 2, 2, None),
    ]
    assert table.totals["deals"] == 10
    assert table.totals["amount"] == D("37000.00")
    assert (table.totals["won"], table.totals["lost"]) == (3, 2)
    assert table.totals["win_rate"] == D("60.0")
    assert table.totals["avg_cycle_days"] == D("20.0")
    assert table.to_json()["totals"]["win_rate"] == 60.0


def test_win_rate_by_manager(db: Database, deals: None) -> None:
    table = report(db, "funnel", by="manager")
    assert rows(
        table, "manager", "deals", "won", "lost", "win_rate", "won_amount", "avg_cycle_days"
    ) == [
        ("ivanova", 5, 2, 1, D("66.7"), D("15000.00"), D("15.0")),
        ("petrov", 5, 1, 1, D("50.0"), D("9000.00"), D("30.0")),
    ]
    mine = report(db, "funnel", owner="petrov")
    assert mine.totals["deals"] == 5 and mine.totals["won"] == 1


def test_forecast_weights_open_deals(db: Database, deals: None) -> None:
    table = report(db, "forecast")
    # Новый 2 × 1000 at 10 % (one created in October counts too: open deals are open
    # whenever made; 100 more at 10 %), Квалификация 2000 at its own 50 %, КП 3000 at
    # 40 %; Счёт выставлен's deal is expected in December
    assert rows(table, "stage", "deals", "amount", "weighted") == [
        ("Новый", 3, D("2100.00"), D("210.00")),
        ("Квалификация", 1, D("2000.00"), D("1000.00")),
        ("КП отправлено", 1, D("3000.00"), D("1200.00")),
        ("Переговоры", 0, D("0.00"), D("0.00")),
        ("Счёт выставлен", 0, D("0.00"), D("0.00")),
    ]
    assert table.totals["weighted"] == D("2410.00")
    december = report(db, "forecast", (dt.date(2026, 12, 1), dt.date(2026, 12, 31)))
    assert december.totals["weighted"] == D("2410.00") + D("4000.00")  # 5000 at 80 %


def test_activity_per_day_in_the_users_time_zone(db: Database) -> None:
    with db.unit_of_work() as s:
        data.staff(s)
        data.activity(s)
    table = report(db, "activity")
    assert rows(table, "day", "manager", "calls", "meetings", "emails", "notes", "tasks_done") == [
        (dt.date(2026, 11, 2), "ivanova", 1, 0, 0, 0, 0),
        (dt.date(2026, 11, 2), "petrov", 0, 1, 0, 0, 0),
        (dt.date(2026, 11, 3), "ivanova", 1, 0, 0, 0, 1),
        (dt.date(2026, 11, 5), "petrov", 0, 0, 1, 1, 0),
        (dt.date(2026, 11, 30), "petrov", 1, 0, 0, 0, 0),
    ]
    assert table.totals == {"calls": 3, "meetings": 1, "emails": 1, "notes": 1, "tasks_done": 1}
    weeks = report(db, "activity", by="week", owner="petrov")
    assert rows(weeks, "week", "calls", "meetings", "emails", "notes") == [
        (dt.date(2026, 11, 2), 0, 1, 1, 1),
        (dt.date(2026, 11, 30), 1, 0, 0, 0),
    ]


def test_xyz_by_regularity_of_monthly_revenue(db: Database) -> None:
    with db.unit_of_work() as s:
        x = data.client(s, "Ровный")
        y = data.client(s, "Колеблющийся")
        z = data.client(s, "Разовый")
        for day in ("2026-09-10", "2026-10-10", "2026-11-10"):
            data.invoice(s, x, day, "1000")
        for day, amount in (("2026-09-05", "1000"), ("2026-10-05", "1200"), ("2026-11-05", "800")):
            data.invoice(s, y, day, amount)
        data.invoice(s, z, "2026-09-20", "3000")
    table = report(db, "xyz", (dt.date(2026, 9, 1), dt.date(2026, 11, 30)))
    # monthly 1000/1000/1000: 0 %; 1000/1200/800: sd 163.3 over 1000 = 16.3 %;
    # 3000/0/0: sd 1414.2 over 1000 = 141.4 %
    got = {
        name: (months, revenue, cv.quantize(D("0.1")), klass)
        for name, _o, months, revenue, cv, klass in table.rows
    }
    assert got == {
        "Ровный": (3, D("3000.00"), D("0.0"), "X"),
        "Колеблющийся": (3, D("3000.00"), D("16.3"), "Y"),
        "Разовый": (1, D("3000.00"), D("141.4"), "Z"),
    }
    assert (table.totals["X"], table.totals["Y"], table.totals["Z"]) == (1, 1, 1)


def test_rfm_scores_by_quintile(db: Database) -> None:
    with db.unit_of_work() as s:
        for k in range(1, 6):  # client k: k invoices of 100·k, the last on 5·k November
            cid = data.client(s, f"Клиент {k}")
            for i in range(k):
                data.invoice(s, cid, f"2026-11-{5 * k - i:02d}", str(100 * k))
        twin = data.client(s, "Двойник 1")  # the same figures as client 1
        data.invoice(s, twin, "2026-11-05", "100")
    table = report(db, "rfm")
    got = {r[0]: (r[3], r[4], r[5], r[9], r[10]) for r in table.rows}
    # six clients; ranks from the lowest: client 1 and its twin share rank 1 (score 1),
    # client k ranks k+1 (score 1 + 5k // 6)
    assert got == {
        "Клиент 1": (25, 1, D("100.00"), "111", "Lost customers"),
        "Двойник 1": (25, 1, D("100.00"), "111", "Lost customers"),
        "Клиент 2": (20, 2, D("400.00"), "222", "Lost customers"),
        "Клиент 3": (15, 3, D("900.00"), "333", "Needs attention"),
        "Клиент 4": (10, 4, D("1600.00"), "444", "Champions"),
        "Клиент 5": (5, 5, D("2500.00"), "555", "Champions"),
    }
    assert (
        table.totals["clients"] == 6
        and table.totals["champions"] == 2
        and table.totals["lost"] == 3
    )


def test_sleeping_clients(db: Database) -> None:
    with db.unit_of_work() as s:
        data.staff(s)
        data.client(
            s,
            "Давно звонили",
            "ivanova",
            created=data.at("2026-01-01"),
            last_contact=data.at("2026-08-22"),
        )
        data.client(
            s,
            "Недавно",
            "ivanova",
            created=data.at("2026-01-01"),
            last_contact=data.at("2026-11-01"),
        )
        data.client(s, "Ни разу", "petrov", created=data.at("2026-05-14"))
        data.client(s, "Удалённый", "petrov", created=data.at("2026-01-01"), deleted=True)
        data.client(
            s,
            "Ровно на границе",
            "petrov",
            created=data.at("2026-01-01"),
            last_contact=data.at("2026-09-01", "00:00"),
        )
    table = report(db, "sleeping")
    # no contact for 90 days by the end of 30.11 (Moscow): before 02.09 00:00
    assert rows(table, "client", "last_contact", "days") == [
        ("Ни разу", None, 200),
        ("Давно звонили", dt.date(2026, 8, 22), 100),
        ("Ровно на границе", dt.date(2026, 9, 1), 90),
    ]
    assert table.totals["clients"] == 3
    strict = report(db, "sleeping", days=100)
    assert [r[0] for r in strict.rows] == ["Ни разу", "Давно звонили"]
    assert [r[0] for r in report(db, "sleeping", owner="ivanova").rows] == ["Давно звонили"]


def test_churn_and_lifetime_value(db: Database) -> None:
    with db.unit_of_work() as s:
        stays = data.client(s, "Остался")
        leaves = data.client(s, "Ушёл")
        older = data.client(s, "Давний")
        new = data.client(s, "Новый")
        data.invoice(s, stays, "2026-10-10", "1000")
        data.invoice(s, stays, "2026-11-05", "1000")
        data.invoice(s, leaves, "2026-10-02", "3000")  # the previous period's first day
        data.invoice(s, older, "2026-10-01", "500")  # before the previous period
        data.invoice(s, new, "2026-11-30", "1500")
    table = report(db, "churn")
    assert rows(table, "client", "last_purchase", "previous_revenue") == [
        ("Ушёл", dt.date(2026, 10, 2), D("3000.00"))
    ]
    assert table.totals["previous_buyers"] == 2
    assert table.totals["churned"] == 1
    assert table.totals["churn_rate"] == D("50.0")
    assert table.totals["lost_revenue"] == D("3000.00")
    assert table.totals["avg_lifetime_value"] == D("1750.00")  # 7000 over 4 buyers


def test_next_purchases_from_the_interval_between_purchases(db: Database) -> None:
    with db.unit_of_work() as s:
        regular = data.client(s, "Каждые 10 дней")
        slow = data.client(s, "Раз в 60 дней")
        once = data.client(s, "Один раз")
        beans = data.product(s, "Кофе")
        for day in ("2026-09-01", "2026-09-11", "2026-09-21"):
            data.invoice(
                s,
                regular,
                day,
                "900",
                lines=(("Кофе", beans, "3", "600"), ("Чай", None, "1", "300")),
            )
        data.invoice(s, slow, "2026-08-01", "100")
        data.invoice(s, slow, "2026-09-30", "100")
        data.invoice(s, once, "2026-09-15", "100")
    october = report(db, "forecast", (dt.date(2026, 10, 1), dt.date(2026, 10, 31)), by="client")
    assert rows(
        october,
        "client",
        "purchases",
        "last_purchase",
        "interval_days",
        "next_purchase",
        "top_product",
    ) == [
        ("Каждые 10 дней", 3, dt.date(2026, 9, 21), D("10.0"), dt.date(2026, 10, 1), "Кофе"),
    ]
    november = report(db, "forecast", NOV, by="client")
    assert [r[0] for r in november.rows] == ["Раз в 60 дней"]  # 30.09 + 60 days = 29.11


def test_empty_database_gives_empty_reports(db: Database) -> None:
    for name in (
        "funnel",
        "revenue",
        "receivables",
        "activity",
        "abc",
        "xyz",
        "rfm",
        "sleeping",
        "churn",
        "forecast",
    ):
        table = report(db, name)
        assert table.to_json()["report"] == name
    assert report(db, "abc").rows == []
    assert report(db, "funnel").rows == []


def test_bad_requests_are_refused(db: Database) -> None:
    with pytest.raises(BadInput, match="No report"):
        report(db, "profit")
    with pytest.raises(BadInput, match="ends before it starts"):
        report(db, "abc", (dt.date(2026, 11, 30), dt.date(2026, 11, 1)))
    with pytest.raises(BadInput, match="--by takes"):
        report(db, "revenue", by="colour")
    with pytest.raises(BadInput, match="no groupings"):
        report(db, "abc", by="month")


def test_dashboard_tiles_and_the_records_behind_them(
    db: Database, sales: dict[str, uuid.UUID]
) -> None:
    from crm_desktop.models import Task, TaskKind, TaskStatus, utcnow
    from crm_desktop.services.reports.dashboard import Tile, load_dashboard, records_behind

    with db.unit_of_work() as s:
        data.deals(s)
        past = utcnow() - dt.timedelta(days=1)
        for who in ("petrov", "petrov", "ivanova"):
            s.add(Task(title=f"Позвонить ({who})", kind=TaskKind.CALL, assignee=who, due_at=past))
        s.add(
            Task(
                title="Сделано",
                kind=TaskKind.CALL,
                assignee="ivanova",
                due_at=past,
                status=TaskStatus.DONE,
            )
        )
        s.add(
            Task(
                title="Завтра",
                kind=TaskKind.CALL,
                assignee="ivanova",
                due_at=utcnow() + dt.timedelta(days=1),
            )
        )
        for name, source in (("С сайта 1", "сайт"), ("С сайта 2", "сайт"), ("Без источника", None)):
            cid = data.client(s, name, created=data.at("2026-11-20"))
            s.get(data.Client, cid).source = source  # type: ignore[union-attr]
    today = dt.date(2026, 11, 30)
    with db.unit_of_work(write=False) as s:
        board = load_dashboard(s, today, MSK)
        revenue = [(b.key, b.value, b.second) for b in board.revenue]
        assert revenue == [
            ("2026-10-01", D("7777.00"), D("0.00")),
            ("2026-11-01", D("10000.00"), D("3200.00")),
        ]
        assert board.revenue_change == D("28.6")
        # the last 90 days take in the deal made on 31.10 as well
        assert (board.funnel[0].key, board.funnel[0].value, board.funnel[0].second) == (
            "Новый",
            11,
            3,
        )
        assert [(b.key, b.value, b.second) for b in board.managers] == [
            ("ivanova", 2, 1),
            ("petrov", 0, 1),
        ]
        assert [(b.key, b.value) for b in board.overdue] == [("petrov", 2), ("ivanova", 1)]
        sources = {(b.key, b.value) for b in board.sources}
        assert {("сайт", 2), ("", 1)} <= sources
        closed = records_behind(s, Tile.MANAGERS, "ivanova", today, MSK)
        assert sorted(r[0].split()[0] for r in closed.rows) == ["Проиграно", "Успешно", "Успешно"]
        invoices = records_behind(s, Tile.REVENUE, "2026-11-01", today, MSK)
        assert len(invoices.rows) == 6
        tasks = records_behind(s, Tile.OVERDUE, "petrov", today, MSK)
        assert [r[0] for r in tasks.rows] == ["Позвонить (petrov)"] * 2
        web = records_behind(s, Tile.SOURCES, "сайт", today, MSK)
        assert sorted(r[0] for r in web.rows) == ["С сайта 1", "С сайта 2"]
        at_stage = records_behind(s, Tile.FUNNEL, "Успешно", today, MSK)
        assert len(at_stage.rows) == 3
        # a bar and its records agree: the first stage counts every deal that reached it
        reached = records_behind(s, Tile.FUNNEL, "Новый", today, MSK)
        assert len(reached.rows) == board.funnel[0].value == 11
        later = records_behind(s, Tile.FUNNEL, "КП отправлено", today, MSK)
        assert len(later.rows) == board.funnel[2].value


def test_reports_narrowed_to_a_segment_or_a_tag(db: Database, sales: dict[str, uuid.UUID]) -> None:
    from crm_desktop.models import ClientTag, Tag
    from crm_desktop.services.segments import SegmentRules, save_segment

    with db.unit_of_work() as s:
        vip = Tag(name="VIP", name_folded="vip")
        s.add(vip)
        s.flush()
        for name in ("C2", "C5"):
            s.add(ClientTag(client_id=sales[name], tag_id=vip.id))
        save_segment(s, "Клиенты Ивановой", SegmentRules(owner="ivanova"))
    tagged = report(db, "abc", tag="VIP")
    # C2 3000 of 3400: A; C5 has 88 % above it: B
    assert rows(tagged, "client", "class") == [("C2", "A"), ("C5", "B")]
    assert tagged.totals["revenue"] == D("3400.00")
    segment = report(db, "abc", segment="Клиенты Ивановой")
    assert rows(segment, "client") == [("C1",), ("C3",)]
    owed = report(db, "receivables", segment="Клиенты Ивановой", tag="VIP")
    assert owed.rows == [] and owed.totals["invoices"] == 0  # nobody is both
    months = report(db, "revenue", tag="vip")
    assert months.totals["invoiced"] == D("3400.00") and months.totals["paid"] == D("3000.00")
