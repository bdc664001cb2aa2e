"""The recycle bin page (pytest-qt, on SQLite and PostgreSQL): the list with who deleted
what and when, the filters, restoring the selection, and erasing, which only an
administrator may do, after a question naming how many."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crm_desktop.i18n.formats import format_datetime
from crm_desktop.models import Role
from crm_desktop.services.clients import ClientChanges, create_client, delete_client
from crm_desktop.services.deals import DealChanges, create_deal, delete_deal
from crm_desktop.services.pipelines import ensure_default_pipeline
from crm_desktop.services.recycle_bin import BinKind, bin_count, iter_bin
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.bin_table import DELETED_BY, DELETED_ON, DETAIL, KIND, WHAT
from crm_desktop.ui.recycle_bin_page import RecycleBinPage
from tests.ui.dialogs import Answers

Yes = QMessageBox.StandardButton.Yes


def fill(db: Database) -> dict[str, uuid.UUID]:
    """Anna (a manager) deleted a deal, then its client; a second client waits in the bin
    too, and a third is alive."""
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER, full_name="Анна Петрова")
        ensure_default_pipeline(session)
    with db.unit_of_work("anna") as session:
        romashka = create_client(session, ClientChanges(name="Ромашка")).id
        lutik = create_client(session, ClientChanges(name="Лютик")).id
        create_client(session, ClientChanges(name="Живой Клиент"))
        deal = create_deal(session, DealChanges(title="Поставка", client_id=romashka)).id
    with db.unit_of_work("anna") as session:
        delete_client(session, lutik)
    with db.unit_of_work("anna") as session:
        delete_deal(session, deal)
    with db.unit_of_work("anna") as session:
        delete_client(session, romashka)
    return {"romashka": romashka, "lutik": lutik, "deal": deal}


def opened(qtbot: QtBot, db: Database, login: str | None) -> RecycleBinPage:
    page = RecycleBinPage(db, login)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitUntil(lambda: not page.model.loading and page.total is not None, timeout=10_000)
    qtbot.waitUntil(lambda: page.refusal != "", timeout=10_000)
    return page


def texts(page: RecycleBinPage, column: int) -> list[str]:
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def select(page: RecycleBinPage, *rows: int) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            page.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_the_list_shows_what_was_deleted_by_whom_and_when(
    qtbot: QtBot, qtmodeltester: Any, db: Database
) -> None:
    made = fill(db)
    page = opened(qtbot, db, "anna")
    qtmodeltester.check(page.model)
    assert texts(page, WHAT) == ["Ромашка", "Поставка", "Лютик"]  # the latest deletion first
    assert texts(page, KIND) == ["Client", "Deal", "Client"]
    assert texts(page, DETAIL)[1] == "Ромашка"  # the deal's client
    assert texts(page, DELETED_BY) == ["Анна Петрова"] * 3
    assert texts(page, DELETED_ON)[0] == format_datetime(page.model.rows[0].deleted_at)
    assert page.model.data(page.model.index(0, DELETED_BY), Qt.ItemDataRole.ToolTipRole) == "anna"
    assert page.count.text() == "In the recycle bin: 3"
    # a manager restores but does not erase: the buttons say why
    assert not page.purge_button.isEnabled() and not page.empty_button.isEnabled()
    assert "Only an administrator" in page.empty_button.toolTip()
    assert page.purge_selected() is None and page.empty_bin() is None
    # the kind filter and the search
    page.kind.setCurrentIndex(page.kind.findData(BinKind.DEALS.value))
    qtbot.waitUntil(lambda: not page.model.loading and page.total == 1, timeout=10_000)
    assert texts(page, WHAT) == ["Поставка"]
    page.kind.setCurrentIndex(0)
    page.search.setText("лют")
    page.search.returnPressed.emit()
    qtbot.waitUntil(lambda: not page.model.loading and page.total == 1, timeout=10_000)
    assert texts(page, WHAT) == ["Лютик"]
    page.search.setText("нет такого")
    page.search.returnPressed.emit()
    qtbot.waitUntil(lambda: not page.model.loading and page.total == 0, timeout=10_000)
    assert page.empty.isVisible() and not page.table.isVisible()
    assert page.empty.text() == "Nothing in the recycle bin matches the filter."
    assert made["deal"] in {e.id for e in page.model.rows} or page.model.rowCount() == 0


def test_restore_brings_the_selection_back_and_says_what_stayed(qtbot: QtBot, db: Database) -> None:
    made = fill(db)
    page = opened(qtbot, db, "anna")
    assert not page.restore_button.isEnabled()  # nothing chosen yet
    select(page, 1)  # the deal alone: its client is still in the bin
    assert page.restore_button.isEnabled()
    answers = Answers()
    with qtbot.waitSignal(page.sig_changed, timeout=10_000):
        page.restore_selected()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=10_000)
    assert "Поставка: The client is in the recycle bin: restore it first" in answers.messages[0]
    qtbot.waitUntil(lambda: not page.model.loading and page.total == 3, timeout=10_000)
    select(page, 0, 1)  # the client and its deal together: both come back
    with qtbot.waitSignal(page.sig_changed, timeout=10_000):
        page.restore_selected()
    qtbot.waitUntil(lambda: not page.model.loading and page.total == 1, timeout=10_000)
    assert texts(page, WHAT) == ["Лютик"]
    with db.unit_of_work(write=False) as session:
        assert [e.id for e in iter_bin(session)] == [made["lutik"]]


def test_an_administrator_empties_the_bin_after_a_question_naming_how_many(
    qtbot: QtBot, db: Database
) -> None:
    fill(db)
    page = opened(qtbot, db, None)  # the file's owner; on PostgreSQL the superuser
    assert page.may_erase and page.empty_button.isEnabled()
    assert not page.purge_button.isEnabled()  # nothing chosen
    select(page, 2)
    assert page.purge_button.isEnabled()
    answers = Answers(QMessageBox.StandardButton.Cancel)
    assert page.purge_selected() is None  # cancelled: nothing goes
    answers.stop()
    assert answers.messages[0].startswith(
        "Records to erase for good, with their phones, history and lines: 1."
    )
    answers = Answers(Yes)
    with qtbot.waitSignal(page.sig_changed, timeout=10_000):
        page.purge_selected()
    answers.stop()
    qtbot.waitUntil(lambda: not page.model.loading and page.total == 2, timeout=10_000)
    assert texts(page, WHAT) == ["Ромашка", "Поставка"]
    answers = Answers(Yes)
    with qtbot.waitSignal(page.sig_changed, timeout=10_000):
        page.empty_bin()
    assert answers.messages[0].startswith("Records to erase for good: 2 (all kinds).")
    qtbot.waitUntil(lambda: not page.model.loading and page.total == 0, timeout=10_000)
    assert page.empty.isVisible() and page.empty.text().startswith("The recycle bin is empty.")
    assert not page.empty_button.isEnabled()
    with db.unit_of_work(write=False) as session:
        assert bin_count(session) == 0
