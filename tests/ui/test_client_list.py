"""The client list on both databases: a click on a column header sorts it (in the database,
page by page), the manager and tag filters narrow it, and the columns shown, their widths
and order and the sort come back on the next start."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QLocale, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.models import Client, Role
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.demo import generate_demo
from crm_desktop.services.tags import list_tags, tag_clients
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.client_table import PAGE, ClientTableModel
from crm_desktop.ui.clients_page import (
    DEFAULT_WIDTHS,
    LAYOUT_KEY,
    NOBODY,
    SAVE_DELAY_MS,
    ClientsPage,
)
from crm_desktop.ui.settings import app_settings

T0 = dt.datetime(2026, 5, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app settings in a temporary directory, never the real user's."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    assert Path(app_settings().fileName()).is_relative_to(config)
    return config


def add(db: Database, name: str, contact: dt.datetime | None = None, **fields: Any) -> uuid.UUID:
    with db.unit_of_work() as session:
        client_id = create_client(session, ClientChanges(name=name, **fields)).id
        session.get_one(Client, client_id).last_contact_at = contact
    return client_id


@pytest.fixture
def office(db: Database) -> dict[str, uuid.UUID]:
    """Two managers, people with and without a company, e-mail, manager, contact, a tag."""
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER, full_name="Анна Петрова")
        add_user(session, "boris", Role.MANAGER, full_name="Борис Орлов")
    made = {
        "Алексеев": add(db, "Алексеев", T0, company="ООО Яблоко", owner="anna"),
        "Борисов": add(db, "Борисов", None, owner="boris", emails=["b@x.ru"]),
        "Власов": add(db, "Власов", T0.replace(day=1), company="АО Вишня", owner="anna"),
        "Гусев": add(db, "Гусев", T0.replace(year=2025), emails=["a@x.ru"], owner=""),
        "Дьяков": add(db, "Дьяков", None, company="Берёза", owner="boris"),
    }
    with db.unit_of_work() as session:
        tag_clients(session, [made["Борисов"], made["Власов"]], "VIP")
    return made


def names(model: ClientTableModel) -> list[str]:
    return [model.client_at(i).name for i in range(model.rowCount())]  # type: ignore[union-attr]


def companies(model: ClientTableModel) -> list[str | None]:
    return [model.client_at(i).company for i in range(model.rowCount())]  # type: ignore[union-attr]


def make_page(qtbot: QtBot, db: Database, login: str | None = None) -> ClientsPage:
    page = ClientsPage(db, login)
    qtbot.addWidget(page)
    page.resize(1400, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def click_header(qtbot: QtBot, page: ClientsPage, column: str) -> None:
    header = page.table.horizontalHeader()
    logical = page.model.COLUMNS.index(column)
    assert not header.isSectionHidden(logical)
    x = header.sectionViewportPosition(logical) + header.sectionSize(logical) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def column_action(menu: QMenu, label: str) -> Any:
    return next(a for a in menu.actions() if a.text() == label)


def test_clicking_headers_sorts_the_list(
    qtbot: QtBot, qtmodeltester: Any, db: Database, office: dict[str, uuid.UUID]
) -> None:
    page = make_page(qtbot, db)
    header = page.table.horizontalHeader()
    companies_made = ["Берёза", "Вишня", "Яблоко"]  # and the three companies themselves
    assert names(page.model)[:5] == ["Алексеев", "Берёза", "Борисов", "Вишня", "Власов"]

    click_header(qtbot, page, "company")
    assert companies(page.model) == [*companies_made, None, None, None, None, None]
    assert names(page.model)[:3] == ["Дьяков", "Власов", "Алексеев"]
    assert header.sortIndicatorSection() == page.model.COLUMNS.index("company")
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder

    click_header(qtbot, page, "company")  # again: the other way, blanks still last
    assert companies(page.model) == [*reversed(companies_made), None, None, None, None, None]
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    click_header(qtbot, page, "last_contact")  # the latest contact first
    assert names(page.model)[:3] == ["Алексеев", "Власов", "Гусев"]
    assert page.model.index(0, page.model.COLUMNS.index("last_contact")).data() != ""
    assert page.model.descending

    click_header(qtbot, page, "email")
    assert names(page.model)[:2] == ["Гусев", "Борисов"]  # a@x.ru, b@x.ru, then none
    qtmodeltester.check(page.model)


def test_last_contact_is_shown_as_a_date(
    qtbot: QtBot, db: Database, office: dict[str, uuid.UUID]
) -> None:
    page = make_page(qtbot, db)
    model = page.model
    column = model.COLUMNS.index("last_contact")

    def shown() -> dict[str, str]:
        return {names(model)[r]: model.index(r, column).data() for r in range(model.rowCount())}

    local = T0.astimezone().date()
    english = QLocale().toString(
        QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat
    )
    assert shown()["Алексеев"] == english
    assert shown()["Борисов"] == ""
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Last contact"
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    try:
        assert shown()["Алексеев"] == local.strftime("%d.%m.%Y")
    finally:
        QLocale.setDefault(before)


def test_sorted_pages_follow_each_other_as_the_list_scrolls(
    qtbot: QtBot, qtmodeltester: Any, db: Database
) -> None:
    with db.unit_of_work() as session:
        generate_demo(session, PAGE + 50, with_history=False)
        emails = {
            c.id: c.primary_email for c in session.scalars(select(Client)) if c.deleted_at is None
        }
    page = make_page(qtbot, db)
    page.sort_by("email", descending=True)
    model = page.model
    assert model.rowCount() == PAGE
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    filled = sorted(((e, i) for i, e in emails.items() if e is not None), reverse=True)
    blanks = sorted((i for i, e in emails.items() if e is None), reverse=True)
    expected = [i for _e, i in filled] + blanks
    assert [model.client_at(r).id for r in range(model.rowCount())] == expected  # type: ignore[union-attr]
    qtmodeltester.check(model)


def test_owner_and_tag_filters_narrow_the_list(
    qtbot: QtBot, db: Database, office: dict[str, uuid.UUID]
) -> None:
    page = make_page(qtbot, db)
    owners = [page.owner_filter.itemText(i) for i in range(page.owner_filter.count())]
    assert owners == ["All managers", "Анна Петрова", "Борис Орлов", "No manager"]
    assert [page.tag_filter.itemText(i) for i in range(page.tag_filter.count())] == [
        "All tags",
        "VIP",
    ]
    page.owner_filter.setCurrentIndex(1)  # Анна Петрова
    assert set(names(page.model)) == {"Алексеев", "Власов", "Яблоко", "Вишня"}
    page.filter.setCurrentIndex(1)  # People
    assert names(page.model) == ["Алексеев", "Власов"]
    page.tag_filter.setCurrentIndex(1)  # VIP
    assert names(page.model) == ["Власов"]
    page.choose_owner(None)
    assert names(page.model) == ["Борисов", "Власов"]
    page.choose_owner(NOBODY)
    page.choose_tag(None)
    assert names(page.model) == ["Гусев"]
    page.filter.setCurrentIndex(0)
    page.choose_owner("boris")
    page.sort_by("company")  # the filters and the sort together
    assert names(page.model) == ["Дьяков", "Берёза", "Борисов"]


def test_my_clients_and_another_manager_show_nobody(
    qtbot: QtBot, db: Database, office: dict[str, uuid.UUID]
) -> None:
    page = make_page(qtbot, db, "anna")
    page.filter.setCurrentIndex(3)  # My clients
    assert set(names(page.model)) == {"Алексеев", "Власов", "Яблоко", "Вишня"}
    page.choose_owner("anna")
    assert page.model.rowCount() == 4
    page.choose_owner("boris")
    assert page.model.rowCount() == 0


def test_filters_apply_to_search_too(
    qtbot: QtBot, db: Database, office: dict[str, uuid.UUID]
) -> None:
    page = make_page(qtbot, db)
    page.search.setText("x.ru")  # the e-mails of Борисов and Гусев
    qtbot.waitUntil(lambda: sorted(names(page.model)) == ["Борисов", "Гусев"], timeout=3000)
    page.choose_tag(list_tag_id(db, "VIP"))
    qtbot.waitUntil(lambda: names(page.model) == ["Борисов"], timeout=3000)
    page.choose_tag(None)
    page.choose_owner(NOBODY)
    qtbot.waitUntil(lambda: names(page.model) == ["Гусев"], timeout=3000)


def list_tag_id(db: Database, name: str) -> uuid.UUID:
    with db.unit_of_work() as session:
        return next(t.id for t in list_tags(session) if t.name == name)


def test_a_new_tag_appears_in_the_tag_filter(
    qtbot: QtBot, db: Database, office: dict[str, uuid.UUID]
) -> None:
    page = make_page(qtbot, db)
    page.table.selectRow(0)
    page.tag_selected("Опт")
    tags = [page.tag_filter.itemText(i) for i in range(page.tag_filter.count())]
    assert tags == ["All tags", "VIP", "Опт"]


def test_search_results_keep_their_order_until_a_header_is_clicked(
    qtbot: QtBot, db: Database, office: dict[str, uuid.UUID]
) -> None:
    page = make_page(qtbot, db)
    header = page.table.horizontalHeader()
    page.search.setText("x.ru")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=3000)
    assert not header.isSortIndicatorShown()
    assert names(page.model) == ["Борисов", "Гусев"]  # the search's order
    click_header(qtbot, page, "name")  # the column sorted before: its usual order again
    assert header.isSortIndicatorShown()
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert names(page.model) == ["Борисов", "Гусев"]
    page.search.setText("x.r")
    qtbot.waitUntil(lambda: not header.isSortIndicatorShown(), timeout=3000)
    click_header(qtbot, page, "last_contact")  # the results found, sorted where they are
    assert names(page.model) == ["Гусев", "Борисов"]
    click_header(qtbot, page, "last_contact")
    assert names(page.model) == ["Гусев", "Борисов"]  # the one with no contact stays last
    click_header(qtbot, page, "email")
    assert names(page.model) == ["Гусев", "Борисов"]
    click_header(qtbot, page, "email")
    assert names(page.model) == ["Борисов", "Гусев"]
    assert header.isSortIndicatorShown()
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    page.search.setText("")  # the whole list comes back in the order chosen
    qtbot.waitUntil(lambda: page.model.rowCount() == 8, timeout=3000)
    assert names(page.model)[:2] == ["Борисов", "Гусев"]


def test_columns_and_sort_are_remembered(
    qtbot: QtBot, db: Database, office: dict[str, uuid.UUID]
) -> None:
    page = make_page(qtbot, db)
    header = page.table.horizontalHeader()
    columns = page.model.COLUMNS
    inn, email, phone = columns.index("inn"), columns.index("email"), columns.index("phone")
    menu = page.column_menu()
    assert not column_action(menu, "Name").isEnabled()
    assert not column_action(menu, "Created").isChecked()  # hidden until asked for
    column_action(menu, "INN").trigger()
    column_action(menu, "Created").trigger()
    assert header.isSectionHidden(inn) and not header.isSectionHidden(columns.index("created"))
    header.moveSection(header.visualIndex(email), 1)  # e-mail right after the name
    page.table.setColumnWidth(phone, 233)
    click_header(qtbot, page, "company")
    click_header(qtbot, page, "company")
    shown = names(page.model)
    qtbot.waitUntil(lambda: '"phone": 233' in str(app_settings().value(LAYOUT_KEY)), timeout=3000)
    page.close()

    again = make_page(qtbot, db)  # as on the next start
    header = again.table.horizontalHeader()
    assert header.isSectionHidden(inn)
    assert not header.isSectionHidden(columns.index("created"))
    assert header.visualIndex(email) == 1
    assert header.sectionSize(phone) == 233
    assert header.sortIndicatorSection() == columns.index("company")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert names(again.model) == shown
    assert companies(again.model)[:3] == ["Яблоко", "Вишня", "Берёза"]

    again.reset_layout()
    assert not header.isSectionHidden(inn) and header.isSectionHidden(columns.index("created"))
    assert header.visualIndex(email) == email
    assert names(again.model)[0] == "Алексеев"
    assert again.model.sort_key.value == "name"
    qtbot.wait(SAVE_DELAY_MS + 100)  # nothing of the reset itself is saved as a choice
    third = make_page(qtbot, db)
    header = third.table.horizontalHeader()
    assert header.visualIndex(email) == email and not header.isSectionHidden(inn)
    assert header.sectionSize(phone) == DEFAULT_WIDTHS["phone"]
    assert third.model.sort_key.value == "name" and not third.model.descending


def test_the_name_column_cannot_be_hidden(
    qtbot: QtBot, db: Database, office: dict[str, uuid.UUID]
) -> None:
    page = make_page(qtbot, db)
    app_settings().setValue(LAYOUT_KEY, '{"hidden": ["name", "phone"], "sort": "nonsense"}')
    again = make_page(qtbot, db)
    header = again.table.horizontalHeader()
    assert not header.isSectionHidden(0)
    assert header.isSectionHidden(again.model.COLUMNS.index("phone"))
    assert again.model.sort_key.value == "name"
    again.show_column("name", False)
    assert not header.isSectionHidden(0)
    assert page.model.rowCount() == again.model.rowCount() == 8


def test_a_broken_setting_gives_the_defaults(
    qtbot: QtBot, db: Database, office: dict[str, uuid.UUID]
) -> None:
    app_settings().setValue(LAYOUT_KEY, "{not json")
    page = make_page(qtbot, db)
    assert page.model.sort_key.value == "name"
    assert page.table.horizontalHeader().isSectionHidden(page.model.COLUMNS.index("created"))
    assert page.model.rowCount() == 8
