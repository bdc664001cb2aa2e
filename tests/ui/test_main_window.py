"""The first main window on both databases: the list pages as it scrolls, search replaces
it as the user types."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.demo import generate_demo
from crm_desktop.store.database import Database
from crm_desktop.ui.client_table import PAGE
from crm_desktop.ui.deal_board import DealsPage
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.my_day import MyDayPage


def test_list_pages_as_it_scrolls(qtbot: QtBot, qtmodeltester: Any, db: Database) -> None:
    with db.unit_of_work() as session:
        generate_demo(session, PAGE + 50, with_history=False)
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    model = window.model
    assert model.rowCount() == PAGE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE + 50
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    names = [model.client_at(i).name_folded for i in range(model.rowCount())]  # type: ignore[union-attr]
    assert names == sorted(names)


def test_typing_in_search_shows_matches(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        for name in ("Фёдоров Пётр", "Сидоров Иван", "Федорова Анна"):
            create_client(session, ClientChanges(name=name))
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 3
    window.search.setText("федор")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=3000)
    shown = [window.model.client_at(i).name for i in range(2)]  # type: ignore[union-attr]
    assert shown == ["Фёдоров Пётр", "Федорова Анна"]
    window.search.setText("")
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=3000)


def test_deals_and_tasks_sections_are_made_when_first_shown(qtbot: QtBot, db: Database) -> None:
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    window.show()
    assert window.deals.page is None and window.tasks.page is None  # nothing loaded at start
    keys = [
        window.sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.sidebar.count())
    ]
    window.sidebar.setCurrentRow(keys.index("deals"))
    assert isinstance(window.deals.page, DealsPage)
    with qtbot.waitSignal(window.deals.page.sig_loaded, timeout=10_000):
        window.deals.page.refresh()
    window.sidebar.setCurrentRow(keys.index("tasks"))
    assert isinstance(window.tasks.page, MyDayPage)
    window._start_reminders()  # what the timer does a moment after the window shows
    assert window.reminders is not None and window.reminders.timer.isActive()
    window.close()
    assert not window.reminders.timer.isActive()  # no reminder looks after the window closed
