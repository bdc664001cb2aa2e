"""The invoices list's number search on both databases: Ctrl+F goes to the field, typing
filters the list after a short pause (one reload for several keys), clearing brings
everything back, and a number that does not exist shows the empty state."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    create_invoice,
    issue_invoice,
)
from crm_desktop.store.database import Database
from crm_desktop.ui.invoices_page import InvoicesPage
from tests.services.invoice_setup import set_up

WAIT = 30_000


def make_invoice(db: Database, client_id: uuid.UUID, *, issue: bool) -> uuid.UUID:
    with db.unit_of_work() as session:
        lines = [InvoiceLineInput(name="Работы", quantity="1", price="1000")]
        invoice_id = create_invoice(session, InvoiceChanges(client_id=client_id, lines=lines)).id
        if issue:
            issue_invoice(session, invoice_id, on=dt.date(2026, 3, 2))
        return invoice_id


def test_typing_a_number_shows_only_that_invoice(qtbot: QtBot, db: Database) -> None:
    client_id = set_up(db)
    ids = [make_invoice(db, client_id, issue=True) for _ in range(3)]  # 2026-0001 … 0003
    make_invoice(db, client_id, issue=False)
    page = InvoicesPage(db, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.model._loading and page.model.rowCount() == 4, timeout=WAIT)

    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.number.hasFocus()
    assert page.number.placeholderText() == page.tr("Number…")

    loads: list[None] = []
    page.model.sig_loaded.connect(lambda: loads.append(None))
    with qtbot.waitSignal(page.model.sig_loaded, timeout=WAIT):
        qtbot.keyClicks(page.number, "0002")
    qtbot.wait(400)  # no reload per key: the pause is waited for once
    assert len(loads) == 1
    assert [view.id for view in page.model.rows] == [ids[1]]
    assert [view.number for view in page.model.rows] == ["2026-0002"]
    assert page.table.isVisibleTo(page)

    with qtbot.waitSignal(page.model.sig_loaded, timeout=WAIT):
        page.number.setText("2026-0009")
    assert page.model.rowCount() == 0
    assert page.empty.isVisibleTo(page)
    assert page.empty.text() == page.tr("No invoices match the filter.")

    with qtbot.waitSignal(page.model.sig_loaded, timeout=WAIT):
        page.number.clear()
    assert page.model.rowCount() == 4
