"""The Reports section on both databases: a report runs in the background and its table
shows the service's figures (sortable, nothing last), the controls follow the report
chosen, a long list shows its first 1,000 rows and exports all, the export writes a
workbook, and the dashboard draws its five charts whose bars open the records behind
them. An executive lands on the section."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCharts import QAbstractBarSeries, QPieSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crm_desktop.i18n import set_language
from crm_desktop.models import Client, ClientKind, Role, Task, TaskKind, utcnow
from crm_desktop.services.reports import report_title
from crm_desktop.services.reports.dashboard import Tile
from crm_desktop.services.reports.table import DEFAULT_LIMIT
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.dashboard_records import RecordsDialog
from crm_desktop.ui.dashboard_view import DashboardView
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.report_files import EXCEL, default_name
from crm_desktop.ui.report_period import preset_period
from crm_desktop.ui.report_view import ReportView
from crm_desktop.ui.reports_page import ReportsPage
from tests.services import report_data as data
from tests.ui.dialogs import Answers

WAIT = 30_000
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def sales(db: Database) -> dict[str, uuid.UUID]:
    """November 2026: C1 5000 (A), C2 3000 (A: 50 % above it), C3 1500 (B: 80 % above),
    C4 500 with no manager (C: 95 % above); 10,000 in all. October: C1 7777."""
    with db.unit_of_work() as s:
        data.staff(s)
        owners = {"C1": "ivanova", "C2": "petrov", "C3": "ivanova", "C4": None}
        c = {name: data.client(s, name, owner) for name, owner in owners.items()}
        data.invoice(s, c["C1"], "2026-11-02", "4000", owner="ivanova")
        data.invoice(s, c["C1"], "2026-11-30", "1000", owner="ivanova")
        data.invoice(s, c["C2"], "2026-11-10", "3000", owner="petrov")
        data.invoice(s, c["C3"], "2026-11-12", "1500", owner="ivanova")
        data.invoice(s, c["C4"], "2026-11-14", "500")
        data.invoice(s, c["C1"], "2026-10-20", "7777", owner="ivanova")
    return c


def reports_page(qtbot: QtBot, db: Database) -> ReportsPage:
    page = ReportsPage(db, None, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    return page


def ran(qtbot: QtBot, view: ReportView, change: Any = None) -> None:
    """Run the report (or make `change` and let it run by itself) and wait for it."""
    with qtbot.waitSignal(view.sig_shown, timeout=WAIT):
        if change is None:
            view.run()
        else:
            change()
    assert not view.running


def column(view: ReportView, key: str, role: int = Qt.ItemDataRole.DisplayRole) -> list[Any]:
    index = [c.key for c in view.model.columns].index(key)
    return [view.model.index(r, index).data(role) for r in range(view.model.rowCount())]


def test_abc_report_shows_classes_totals_and_sorts(
    qtbot: QtBot, qtmodeltester: Any, db: Database, sales: dict[str, uuid.UUID]
) -> None:
    page = reports_page(qtbot, db)
    view = page.reports
    view.choose_report("abc")
    assert view.period() == (dt.date(2026, 11, 1), TODAY)  # this month
    ran(qtbot, view)
    assert view.stack.currentWidget() is view.table
    assert column(view, "client") == ["C1", "C2", "C3", "C4"]
    assert column(view, "class") == ["A", "A", "B", "C"]
    assert column(view, "revenue") == ["5,000.00", "3,000.00", "1,500.00", "500.00"]
    assert column(view, "share") == ["50.0", "30.0", "15.0", "5.0"]
    assert column(view, "manager")[3] == "—"
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert set(column(view, "revenue", Qt.ItemDataRole.TextAlignmentRole)) == {right}
    assert right not in column(view, "client", Qt.ItemDataRole.TextAlignmentRole)
    totals = view.totals_shown()
    assert "Revenue: 10,000.00" in totals and "Class A: clients: 2" in totals
    assert not view.limit_note.isVisibleTo(view)
    assert "ABC analysis" in view.heading.text()
    qtmodeltester.check(view.model)

    revenue = [c.key for c in view.model.columns].index("revenue")
    view.table.sortByColumn(revenue, Qt.SortOrder.AscendingOrder)  # a click on the header
    assert column(view, "client") == ["C4", "C3", "C2", "C1"]
    manager = [c.key for c in view.model.columns].index("manager")
    view.table.sortByColumn(manager, Qt.SortOrder.AscendingOrder)
    assert column(view, "manager", Qt.ItemDataRole.UserRole) == [
        "ivanova",
        "ivanova",
        "petrov",
        None,
    ]
    view.table.sortByColumn(manager, Qt.SortOrder.DescendingOrder)
    assert column(view, "manager", Qt.ItemDataRole.UserRole)[::3] == ["petrov", None]

    qtbot.waitUntil(lambda: view.manager.count() == 3, timeout=WAIT)  # all + two users
    ran(qtbot, view, lambda: view.manager.setCurrentIndex(view.manager.findData("ivanova")))
    assert column(view, "client") == ["C1", "C3"]  # re-ran by itself, sorted as the report
    ran(qtbot, view, lambda: view.preset.setCurrentIndex(view.preset.findData("last_month")))
    assert view.period() == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert column(view, "client") == ["C1"] and column(view, "revenue") == ["7,777.00"]
    ran(qtbot, view, lambda: view.set_period(dt.date(2026, 9, 1), dt.date(2026, 9, 30)))
    assert view.preset.currentData() == "custom"
    assert view.stack.currentWidget() is view.message
    assert view.message.text() == "No data for this period"
    assert not view.totals.isVisibleTo(view)


def test_controls_follow_the_report_and_a_bad_period_is_one_sentence(
    qtbot: QtBot, db: Database
) -> None:
    page = reports_page(qtbot, db)
    view = page.show_reports()
    view.choose_report("revenue")
    assert view.grouping.isVisibleTo(view) and not view.days.isVisibleTo(view)
    items = [view.grouping.itemText(i) for i in range(view.grouping.count())]
    assert items == ["By month", "By manager", "By product"]
    view.choose_report("sleeping")
    assert view.days.isVisibleTo(view) and not view.grouping.isVisibleTo(view)
    assert view.days.value() == 90 and view.params().days == 90
    view.choose_report("abc")
    assert not view.days.isVisibleTo(view) and not view.grouping.isVisibleTo(view)
    assert view.params().by is None and view.params().days is None
    view.choose_report("activity")
    assert [view.grouping.itemData(i) for i in range(view.grouping.count())] == ["day", "week"]
    view.grouping.setCurrentIndex(1)
    assert view.params().by == "week"

    assert preset_period("quarter", TODAY) == (dt.date(2026, 10, 1), TODAY)
    assert preset_period("year", TODAY) == (dt.date(2026, 1, 1), TODAY)
    assert preset_period("12_months", TODAY) == (dt.date(2025, 12, 1), TODAY)

    messages: list[str] = []
    page.sig_message.connect(messages.append)
    view.run()
    assert view.running and view.busy.isVisibleTo(view)
    view.cancel()  # the late answer is dropped: nothing new is shown
    assert not view.running and messages == ["The report was cancelled."]
    qtbot.wait(500)
    assert view.table_shown is None and view.stack.currentWidget() is view.message

    view.set_period(TODAY, dt.date(2026, 11, 1))
    ran(qtbot, view)
    assert view.message.text() == "The period ends before it starts"
    assert view.table_shown is None and not view.excel_button.isEnabled()


def test_a_long_list_shows_the_first_rows_and_exports_all(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    n = DEFAULT_LIMIT + 1
    with db.unit_of_work() as s:  # never contacted, added in October: asleep in November
        for i in range(n):
            record = Client(kind=ClientKind.PERSON, name=f"Клиент {i:04d}")
            record.created_at = data.at("2026-10-01")
            s.add(record)
    page = reports_page(qtbot, db)
    view = page.show_reports()
    view.choose_report("sleeping")
    view.days.setValue(30)
    ran(qtbot, view)
    assert view.model.rowCount() == DEFAULT_LIMIT
    assert view.limit_note.isVisibleTo(view)
    assert view.limit_note.text() == "Showing the first 1,000 rows; export writes all"
    assert f"Clients: {n:,}" in view.totals_shown()
    target = tmp_path / "sleeping.xlsx"
    with qtbot.waitSignal(view.sig_saved, timeout=WAIT) as saved:
        view.export(EXCEL, target)
    assert saved.args == [str(target)]
    sheet = openpyxl.load_workbook(target).worksheets[0]
    names = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert sum(1 for c in names if str(c).startswith("Клиент ")) == n


def test_export_writes_a_workbook_and_says_so(
    qtbot: QtBot, db: Database, sales: dict[str, uuid.UUID], tmp_path: Path
) -> None:
    page = reports_page(qtbot, db)
    view = page.show_reports()
    view.choose_report("abc")
    ran(qtbot, view)
    messages: list[str] = []
    page.sig_message.connect(messages.append)
    target = tmp_path / "abc.xlsx"
    with qtbot.waitSignal(view.sig_saved, timeout=WAIT):
        view.export(EXCEL, target)
    rows = list(openpyxl.load_workbook(target).worksheets[0].iter_rows(values_only=True))
    cells = [c for row in rows for c in row if c is not None]
    assert "C1" in cells and "C4" in cells and "A" in cells
    assert messages == [f"Saved: {target}"]
    pdf = tmp_path / "abc.pdf"
    with qtbot.waitSignal(view.sig_saved, timeout=WAIT):
        view.export(".pdf", pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    answers = Answers(QMessageBox.StandardButton.Ok)  # a folder that is not there
    view.export(EXCEL, tmp_path / "missing" / "abc.xlsx")
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=WAIT)
    assert len(answers.messages) == 1 and "there is no such folder" in answers.messages[0]
    assert "Traceback" not in answers.messages[0]
    assert len(messages) == 2  # the two files saved, nothing for the failure


def test_the_default_file_name_has_the_title_and_period() -> None:
    set_language("ru")
    try:
        name = default_name(report_title("abc"), dt.date(2026, 11, 1), dt.date(2026, 11, 30), EXCEL)
    finally:
        set_language("en")
    assert name == "ABC-анализ 01.11.2026–30.11.2026.xlsx"


def dashboard_data(db: Database) -> None:
    """Deals of November (tests/services/report_data.py), three overdue tasks (petrov 2,
    ivanova 1) and three clients added this month (two from the website)."""
    with db.unit_of_work() as s:
        data.deals(s)
        past = utcnow() - dt.timedelta(days=1)
        for who in ("petrov", "petrov", "ivanova"):
            s.add(Task(title=f"Позвонить ({who})", kind=TaskKind.CALL, assignee=who, due_at=past))
        for name, source in (("С сайта 1", "сайт"), ("С сайта 2", "сайт"), ("Звонивший", "звонок")):
            cid = data.client(s, name, created=data.at("2026-11-20"))
            found = s.get(Client, cid)
            assert found is not None
            found.source = source


def bar_counts(view: DashboardView, tile: Tile) -> list[int]:
    series = view.chart(tile).series()[0]
    assert isinstance(series, QAbstractBarSeries)
    return [bar_set.count() for bar_set in series.barSets()]


def records(qtbot: QtBot, dialog: RecordsDialog | None) -> list[tuple[Any, ...]]:
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.records is not None, timeout=WAIT)
    assert dialog.records is not None
    return dialog.records.rows


def test_dashboard_draws_five_charts_whose_bars_open_their_records(
    qtbot: QtBot, db: Database, sales: dict[str, uuid.UUID], tmp_path: Path
) -> None:
    dashboard_data(db)
    page = reports_page(qtbot, db)
    view = page.dashboard
    assert page.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: not view.loading, timeout=WAIT)
    assert all(card.chart_shown for card in view.cards.values())
    assert bar_counts(view, Tile.REVENUE) == [2, 2]  # October, November: invoiced and paid
    assert view.big.text() == "10,000.00"
    assert view.change.text().startswith("▲ 28.6 %")
    assert bar_counts(view, Tile.FUNNEL) == [len(view.bars[Tile.FUNNEL])]
    assert len(view.bars[Tile.FUNNEL]) == 7  # the default pipeline's stages
    assert bar_counts(view, Tile.MANAGERS) == [2, 2]  # ivanova, petrov: won and lost
    assert bar_counts(view, Tile.OVERDUE) == [2]
    pie = view.chart(Tile.SOURCES).series()[0]
    assert isinstance(pie, QPieSeries)
    assert sorted(s.label() for s in pie.slices()) == ["звонок: 1", "сайт: 2"]

    tasks = records(qtbot, view.bar_clicked(Tile.OVERDUE, 0))  # petrov's bar, at the top
    assert [r[0] for r in tasks] == ["Позвонить (petrov)"] * 2
    funnel = view.chart(Tile.FUNNEL).series()[0]
    assert isinstance(funnel, QAbstractBarSeries)
    funnel_set = funnel.barSets()[0]
    funnel_set.clicked.emit(funnel_set.count() - 1)  # the top bar: the first stage
    dialog = view.dialogs[-1]
    assert dialog.key == "Новый"
    # every deal made in the last 90 days reached the first stage: as many as its bar says
    assert len(records(qtbot, dialog)) == 11 == funnel_set.at(funnel_set.count() - 1)
    managers = view.chart(Tile.MANAGERS).series()[0]
    assert isinstance(managers, QAbstractBarSeries)
    lost = managers.barSets()[1]
    lost.clicked.emit(lost.count() - 1)  # the top bar, ivanova's lost: her closed deals open
    closed = records(qtbot, view.dialogs[-1])
    assert sorted(r[0].split()[0] for r in closed) == ["Проиграно", "Успешно", "Успешно"]
    pie.slices()[[s.label() for s in pie.slices()].index("сайт: 2")].clicked.emit()
    assert sorted(r[0] for r in records(qtbot, view.dialogs[-1])) == ["С сайта 1", "С сайта 2"]
    invoices = records(qtbot, view.bar_clicked(Tile.REVENUE, 1))
    assert sorted(r[3] for r in invoices) == sorted(
        Decimal(v) for v in ("4000", "1000", "3000", "1500", "500")
    )
    dialog = view.dialogs[-1]
    assert dialog.model.rowCount() == 5
    target = tmp_path / "invoices.xlsx"
    with qtbot.waitSignal(dialog.sig_saved, timeout=WAIT):
        dialog.export(target)
    assert openpyxl.load_workbook(target).worksheets[0].max_row >= 6

    with qtbot.waitSignal(view.sig_loaded, timeout=WAIT):
        view.refresh()
    assert bar_counts(view, Tile.OVERDUE) == [2]


def test_an_empty_dashboard_says_nothing_yet(qtbot: QtBot, db: Database) -> None:
    page = reports_page(qtbot, db)
    view = page.dashboard
    qtbot.waitUntil(lambda: not view.loading, timeout=WAIT)
    for tile in (Tile.REVENUE, Tile.FUNNEL, Tile.MANAGERS, Tile.SOURCES):
        card = view.cards[tile]
        assert not card.chart_shown and card.placeholder.text() == "Nothing yet"
    assert view.cards[Tile.OVERDUE].placeholder.text() == "No overdue tasks"
    assert view.bar_clicked(Tile.OVERDUE, 0) is None


def test_an_executive_lands_on_the_reports(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as s:
        add_user(s, "boss", Role.EXECUTIVE)
        add_user(s, "anna", Role.MANAGER)
    window = MainWindow(db, "boss")
    qtbot.addWidget(window)
    window.show()
    keys = [
        window.sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.sidebar.count())
    ]
    qtbot.waitUntil(lambda: window.sidebar.currentRow() == keys.index("reports"), timeout=WAIT)
    assert isinstance(window.reports.page, ReportsPage)
    manager = MainWindow(db, "anna")
    qtbot.addWidget(manager)
    manager.show()
    qtbot.wait(300)
    assert manager.sidebar.currentRow() == 0 and manager.reports.page is None


def test_a_report_narrowed_to_a_segment_or_a_tag(
    qtbot: QtBot, db: Database, sales: dict[str, uuid.UUID]
) -> None:
    from crm_desktop.services.segments import SegmentRules, save_segment
    from crm_desktop.services.tags import tag_clients

    with db.unit_of_work() as s:
        save_segment(s, "Клиенты Ивановой", SegmentRules(owner="ivanova"))
        tag_clients(s, [sales["C2"], sales["C4"]], "VIP")
    page = reports_page(qtbot, db)
    view = page.reports
    view.choose_report("abc")
    ran(qtbot, view)
    qtbot.waitUntil(lambda: view.segment.count() == 2 and view.tag.count() == 2, timeout=WAIT)
    assert not view.pipeline.isVisibleTo(view)  # only the funnel and the forecast have one
    ran(
        qtbot, view, lambda: view.segment.setCurrentIndex(view.segment.findData("Клиенты Ивановой"))
    )
    assert column(view, "client") == ["C1", "C3"]
    ran(qtbot, view, lambda: view.segment.setCurrentIndex(0))
    ran(qtbot, view, lambda: view.tag.setCurrentIndex(view.tag.findData("VIP")))
    assert column(view, "client") == ["C2", "C4"]
    view.choose_report("funnel")
    assert view.pipeline.isVisibleTo(view) and view.pipeline.count() >= 1


def test_print_shows_the_reports_pages(
    qtbot: QtBot, db: Database, sales: dict[str, uuid.UUID]
) -> None:
    from crm_desktop.ui.print_preview import PREVIEW_DPI, pdf_page_images
    from crm_desktop.ui.report_view import report_document

    page = reports_page(qtbot, db)
    view = page.reports
    view.choose_report("abc")
    ran(qtbot, view)
    assert view.print_button.isEnabled()
    with db.unit_of_work(write=False) as s:
        pdf, name, title = report_document(s, "abc", view.params(limit=0))
    assert title == "ABC analysis" and name.startswith("ABC analysis") and name.endswith(".pdf")
    pages = pdf_page_images(pdf, PREVIEW_DPI)
    assert len(pages) == 1 and pages[0].width() > pages[0].height()  # landscape
