"""The import wizard driven as a user would, on the sample users send: file, columns,
duplicates with a dry run first, the import, the report, the rejected rows saved, undo;
on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from crm_desktop.models import Client, ClientKind
from crm_desktop.services.client_views import get_client
from crm_desktop.services.custom_fields import define_custom_field
from crm_desktop.services.search import search_clients
from crm_desktop.store.database import Database
from crm_desktop.ui.import_wizard import COLUMNS, DUPLICATES, FILE, REPORT, ImportWizard
from tests.conftest import SHARED_DATA

SAMPLE = SHARED_DATA / "legacy_clients_sample.xlsx"


def people(db: Database) -> int:
    with db.unit_of_work(write=False) as session:
        query = select(func.count()).select_from(Client)
        query = query.where(Client.kind == ClientKind.PERSON, Client.deleted_at.is_(None))
        return int(session.scalar(query) or 0)


def test_import_the_sample_through_the_wizard(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    truth = json.loads((SHARED_DATA / "legacy_clients_sample.xlsx.truth.json").read_text("utf-8"))
    kinds = [row["kind"] for row in truth["rows"]]
    wizard = ImportWizard(db, None)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == FILE
    wizard.file_page.path.setText(str(SAMPLE))
    assert wizard.file_page.sheet.count() >= 2  # "the first with a header" and the sheets
    wizard.next()
    assert wizard.currentId() == COLUMNS
    assert "row {}".format(truth["header_row"]) in wizard.columns_page.where.text()
    targets = wizard.columns_page.mapping().targets
    assert targets[truth["headers"].index("ФИО")] == "name"
    assert targets[truth["headers"].index("Телефон")] == "phone"
    wizard.next()
    assert wizard.currentId() == DUPLICATES
    wizard.duplicates_page.dry_run()
    assert f"{kinds.count('new')} new clients" in wizard.duplicates_page.preview.text()
    assert people(db) == 0  # the dry run wrote nothing
    wizard.next()  # Import
    assert wizard.currentId() == REPORT
    assert people(db) == kinds.count("new")
    report = wizard.report
    assert report is not None and report.rejected == kinds.count("bad")
    assert wizard.report_page.errors.model().rowCount() == len(report.errors)

    out = tmp_path / "rejected.xlsx"
    wizard.report_page.save_rejected_to(out)
    sheet = load_workbook(out, read_only=True).active
    assert sheet is not None and len(list(sheet.iter_rows())) == kinds.count("bad") + 1

    wizard.report_page.undo_import()
    assert people(db) == 0
    assert "undone" in wizard.report_page.summary.text()


def test_a_file_that_cannot_be_read_is_said_on_the_first_page(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    bad = tmp_path / "clients.xlsx"
    bad.write_bytes(b"this is no workbook")
    wizard = ImportWizard(db, None)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(bad))
    wizard.next()
    assert wizard.currentId() == FILE
    assert wizard.file_page.error.isVisibleTo(wizard.file_page)
    assert "clients.xlsx" in wizard.file_page.error.text()


def test_a_mapping_without_a_name_column_cannot_go_on(qtbot: QtBot, db: Database) -> None:
    wizard = ImportWizard(db, None)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(SAMPLE))
    wizard.next()
    page = wizard.columns_page
    for combo in page.combos:
        if combo.currentData() == "name":
            combo.setCurrentIndex(0)  # "do not import"
    assert not page.isComplete()
    assert "name" in page.error.text()


def test_the_history_lists_imports_and_undoes_one(qtbot: QtBot, db: Database) -> None:
    from crm_desktop.services.importing.batches import run_import
    from crm_desktop.services.importing.mapping import guess_mapping
    from crm_desktop.services.importing.normalise import normalise_table
    from crm_desktop.services.importing.readers import read_table
    from crm_desktop.ui.import_history import ImportHistory

    table = read_table(SAMPLE)
    with db.unit_of_work() as session:
        report = run_import(session, table, normalise_table(table, guess_mapping(table.headers)))
    assert report.batch_id is not None and people(db) > 0
    dialog = ImportHistory(db, None)
    qtbot.addWidget(dialog)
    assert [b.id for b in dialog.batches] == [report.batch_id]
    assert dialog.table.model().index(0, 5).data() == "in force"
    with qtbot.waitSignal(dialog.sig_changed):
        dialog.undo(report.batch_id)
    assert people(db) == 0
    assert dialog.table.model().index(0, 5).data().startswith("undone")


def test_the_clients_page_opens_import_and_history(qtbot: QtBot, db: Database) -> None:
    from crm_desktop.ui.clients_page import ClientsPage

    page = ClientsPage(db, None)
    qtbot.addWidget(page)
    page.show()
    actions = [a.text() for a in page.excel_menu.actions() if a.text()]
    assert actions == [
        "Import from Excel or CSV…\tCtrl+I",
        "Import history…",
        "Export to Excel…\tCtrl+E",
    ]
    page.excel_menu.actions()[0].trigger()
    wizards = [w for w in page.findChildren(ImportWizard) if w.isVisible()]
    assert len(wizards) == 1
    history = page.open_import_history()
    assert history.isVisible() and history.batches == []


def test_a_column_can_fill_one_of_the_clients_own_fields(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """The columns page offers the fields the database defines (a column titled like one
    is mapped to it) and a new field named after any column; the import fills them."""
    with db.unit_of_work() as session:
        define_custom_field(session, "Стаж", "number")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ФИО", "Телефон", "Стаж", "Источник"])
    sheet.append(["Иванов Иван", "89120000001", 7, "выставка"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    wizard = ImportWizard(db, None)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    page = wizard.columns_page
    assert page.mapping().targets[2] == "custom:стаж"  # titled as the field
    source = page.combos[3]
    offered = [source.itemText(i) for i in range(source.count())]
    assert "Field «Стаж»" in offered and "New field «Источник»" in offered
    source.setCurrentIndex(source.findData("custom:источник"))
    wizard.next()
    wizard.next()  # Import
    assert wizard.report is not None and wizard.report.created == 1
    with db.unit_of_work(write=False) as session:
        client = get_client(session, search_clients(session, "иванов")[0].id)
    assert client.custom_fields == {"стаж": Decimal("7"), "источник": "выставка"}
