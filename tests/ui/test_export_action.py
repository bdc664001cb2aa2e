"""The client list's "Export to Excel…": what the list shows (search and filters, in the
order shown) or the selection, written in a worker with progress and Cancel, on both
databases."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from crm_desktop.models import ClientKind
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.store.database import Database
from crm_desktop.ui.clients_page import ClientsPage
from crm_desktop.ui.settings import app_settings
from tests.ui.dialogs import Answers

WAIT_MS = 60_000


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app settings (the list's columns and sort) in a temporary directory."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert Path(app_settings().fileName()).is_relative_to(tmp_path / "config")


def add(db: Database, name: str, **fields: Any) -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name=name, **fields)).id


def names(path: Path) -> list[str]:
    ws = load_workbook(path).active
    assert isinstance(ws, Worksheet)
    return [row[0].value for row in ws.iter_rows(min_row=2)]


def page_of(qtbot: QtBot, db: Database) -> ClientsPage:
    page = ClientsPage(db, None)
    qtbot.addWidget(page)
    page.sort_by("name")
    return page


def export(qtbot: QtBot, page: ClientsPage, path: Path, selection: bool = False) -> int:
    messages: list[str] = []
    page.sig_message.connect(lambda text, _ids: messages.append(text))
    with qtbot.waitSignal(page.sig_exported, timeout=WAIT_MS) as done:
        assert page.export_to(str(path), selection=selection) is not None
    assert done.args[0] == str(path)
    assert messages == [f"Exported {done.args[1]} clients to {path}"]
    rows: int = done.args[1]
    return rows


def test_exports_the_filtered_list_in_the_order_shown(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    add(db, "Борисов Олег", phones=["+7 912 345-67-89"], birth_date="01.02.1985")
    add(db, "Алексеев Иван")
    add(db, "ООО «Вектор»", kind=ClientKind.COMPANY)
    page = page_of(qtbot, db)

    assert export(qtbot, page, tmp_path / "all.xlsx") == 3
    assert names(tmp_path / "all.xlsx") == ["Алексеев Иван", "Борисов Олег", "Вектор"]
    ws = load_workbook(tmp_path / "all.xlsx").active
    assert isinstance(ws, Worksheet)
    assert ws["I3"].value.date() == dt.date(1985, 2, 1)
    assert ws["I3"].number_format == "DD.MM.YYYY"

    page.filter.setCurrentIndex(1)  # People
    page.sort_by("name", descending=True)
    assert export(qtbot, page, tmp_path / "people.xlsx") == 2
    assert names(tmp_path / "people.xlsx") == ["Борисов Олег", "Алексеев Иван"]


def test_exports_every_search_result_not_only_the_rows_shown(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    with db.unit_of_work() as session:
        for i in range(60):
            create_client(session, ClientChanges(name=f"Петров {i:02d}"))
        create_client(session, ClientChanges(name="Сидоров"))
    page = page_of(qtbot, db)
    page.search.setText("петр")  # set, not typed: Cyrillic key clicks abort Qt's test lib
    qtbot.waitUntil(lambda: page.model.rowCount() == 50, timeout=WAIT_MS)

    assert export(qtbot, page, tmp_path / "found.xlsx") == 60
    assert names(tmp_path / "found.xlsx")[:2] == ["Петров 00", "Петров 01"]


def test_exports_the_selection(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    for name in ("Алексеев", "Борисов", "Васильев", "Григорьев"):
        add(db, name)
    page = page_of(qtbot, db)
    selection = page.table.selectionModel()
    for row in (1, 3):
        selection.select(
            page.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )

    assert export(qtbot, page, tmp_path / "chosen.xlsx", selection=True) == 2
    assert names(tmp_path / "chosen.xlsx") == ["Борисов", "Григорьев"]
    assert export(qtbot, page, tmp_path / "all.xlsx") == 4


def test_cancel_writes_nothing(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        for i in range(3000):
            create_client(session, ClientChanges(name=f"Клиент {i:04d}"))
    page = page_of(qtbot, db)
    messages: list[str] = []
    page.sig_message.connect(lambda text, _ids: messages.append(text))
    out = tmp_path / "out" / "clients.xlsx"
    out.parent.mkdir()

    job = page.export_to(str(out))
    assert job is not None and job.dialog is not None
    cancel = job.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    # The user presses Cancel as soon as the progress moves (a report a page).
    job._relay.sig_progress.connect(lambda _done, _total: cancel.click())
    qtbot.waitUntil(lambda: bool(messages), timeout=WAIT_MS)

    assert messages == ["Export cancelled: no file was written"]
    assert list(out.parent.iterdir()) == []


def test_a_path_that_cannot_be_written_is_said_in_a_message(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    add(db, "Алексеев")
    page = page_of(qtbot, db)
    answers = Answers(None)
    target = tmp_path / "missing" / "clients.xlsx"

    page.export_to(str(target))

    qtbot.waitUntil(lambda: bool(answers.messages), timeout=WAIT_MS)
    assert "no such folder" in answers.messages[0]
    assert not target.parent.exists()


def test_the_default_file_is_dated_in_documents(qtbot: QtBot, db: Database) -> None:
    page = page_of(qtbot, db)
    path = Path(page.default_export_path())
    assert path.name == f"clients-{dt.date.today().isoformat()}.xlsx"
    assert "Export to Excel…\tCtrl+E" in [a.text() for a in page.excel_menu.actions()]
