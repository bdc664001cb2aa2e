"""The invoices list on both databases: newest first a page at a time, the status in its
colour and an overdue due date in red, filtered by status and by client, an empty state,
and an invoice opened in the editor (Enter) or made new (Ctrl+N)."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from crm_desktop.models import InvoiceStatus
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    create_invoice,
    issue_invoice,
)
from crm_desktop.store.database import Database
from crm_desktop.ui.invoice_labels import OVERDUE_COLOUR, STATUS_COLOURS, status_text
from crm_desktop.ui.invoices_page import DUE, NUMBER, PAGE, STATUS, InvoicesPage
from tests.services.invoice_setup import add_client, set_up

WAIT = 30_000


def draft(db: Database, client_id: uuid.UUID, name: str = "Работы") -> uuid.UUID:
    with db.unit_of_work() as session:
        lines = [InvoiceLineInput(name=name, quantity="1", price="1000")]
        return create_invoice(session, InvoiceChanges(client_id=client_id, lines=lines)).id


def loaded_page(qtbot: QtBot, db: Database) -> InvoicesPage:
    page = InvoicesPage(db, None)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.model._loading, timeout=WAIT)
    return page


def reloaded(qtbot: QtBot, page: InvoicesPage, change: object) -> None:
    with qtbot.waitSignal(page.model.sig_loaded, timeout=WAIT):
        if callable(change):
            change()


def test_the_list_shows_statuses_overdue_dates_and_filters(qtbot: QtBot, db: Database) -> None:
    romashka = set_up(db)
    with db.unit_of_work() as session:
        lyutik = add_client(session, "ООО «Лютик»", "7707049388")
    first = draft(db, romashka, "Поставка")
    with db.unit_of_work() as session:  # issued a month ago: 5 days to pay have passed
        issued = issue_invoice(session, first, on=dt.date.today() - dt.timedelta(days=30))
    draft(db, romashka)
    draft(db, lyutik)
    page = loaded_page(qtbot, db)
    model = page.model
    assert model.rowCount() == 3
    assert page.table.isVisibleTo(page) and not page.empty.isVisibleTo(page)
    row = [view.id for view in model.rows].index(first)
    assert model.index(row, NUMBER).data() == issued.number
    assert model.index(row, STATUS).data() == status_text(InvoiceStatus.ISSUED)
    status_colour = model.index(row, STATUS).data(Qt.ItemDataRole.ForegroundRole).color()
    assert status_colour == QColor(STATUS_COLOURS[InvoiceStatus.ISSUED])
    due = model.index(row, DUE).data(Qt.ItemDataRole.ForegroundRole)
    assert due is not None and due.color() == QColor(OVERDUE_COLOUR)
    others = [r for r in range(3) if r != row]
    assert all(model.index(r, DUE).data(Qt.ItemDataRole.ForegroundRole) is None for r in others)
    assert all(model.index(r, NUMBER).data() == page.tr("draft") for r in others)

    reloaded(qtbot, page, lambda: page.status.setCurrentIndex(page.status.findData("issued")))
    assert [v.id for v in model.rows] == [first]
    reloaded(qtbot, page, lambda: page.status.setCurrentIndex(page.status.findData("paid")))
    assert model.rowCount() == 0
    assert page.empty.isVisibleTo(page) and not page.table.isVisibleTo(page)
    reloaded(qtbot, page, lambda: page.status.setCurrentIndex(0))

    def choose_lyutik() -> None:
        page.client.set_client(lyutik, "ООО «Лютик»")
        page.client.sig_chosen.emit(lyutik)

    reloaded(qtbot, page, choose_lyutik)
    assert [v.client_id for v in model.rows] == [lyutik]


def test_pages_follow_as_the_list_scrolls(qtbot: QtBot, db: Database) -> None:
    client_id = set_up(db)
    with db.unit_of_work() as session:
        for n in range(PAGE + 5):
            lines = [InvoiceLineInput(name=f"Работа {n}", price="10")]
            create_invoice(session, InvoiceChanges(client_id=client_id, lines=lines))
    page = loaded_page(qtbot, db)
    assert page.model.rowCount() == PAGE
    assert page.model.canFetchMore()
    assert "more" in page.count.text() or page.count.text()
    with qtbot.waitSignal(page.model.sig_loaded, timeout=WAIT):
        page.model.fetchMore()
    assert page.model.rowCount() == PAGE + 5
    assert not page.model.canFetchMore()
    ids = [v.id for v in page.model.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)  # newest first


def test_an_invoice_is_opened_and_a_new_one_made(qtbot: QtBot, db: Database) -> None:
    client_id = set_up(db)
    page = loaded_page(qtbot, db)
    assert page.model.rowCount() == 0 and page.empty.isVisibleTo(page)
    assert not page.open_button.isEnabled()
    invoice_id = draft(db, client_id)
    reloaded(qtbot, page, page.refresh)
    assert page.current_id() == invoice_id and page.open_button.isEnabled()
    editor = page.open_current()
    assert editor is not None
    qtbot.waitUntil(lambda: editor.loaded, timeout=WAIT)
    assert editor.view is not None and editor.view.id == invoice_id
    editor.lines.add_line("Ещё", "1", "шт", "500", None)
    with qtbot.waitSignal(page.sig_message, timeout=WAIT) as message:
        assert editor.save() is not None
    assert page.tr("draft") in message.args[0]
    assert page.model.rows[0].total == editor.view.total
    editor.close()
    new = page.new_invoice(client_id)
    qtbot.waitUntil(lambda: new.loaded, timeout=WAIT)
    assert new.view is None and new.client.client_id() == client_id
    new.discard_changes()
    new.close()
