"""The prepayment asked for when an order is submitted, on both databases: the order's
total at first, 30 % of it in one click invoices 3 000,00 of 10 000; an amount above the
total, zero or not a number keeps OK disabled and says why; Cancel submits nothing."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.orders import (
    OrderChanges,
    OrderStatus,
    OrderView,
    create_order,
    get_order,
)
from crm_desktop.services.users import add_user
from crm_desktop.services.vocabulary import Role
from crm_desktop.store.database import Database
from crm_desktop.ui.orders_page import OrdersPage
from crm_desktop.ui.prepayment_dialog import PrepaymentDialog
from tests.services.invoice_setup import describe_company

S = OrderStatus
WAIT = 15_000


@pytest.fixture
def order_id(db: Database) -> uuid.UUID:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER)
        describe_company(session)
    with db.unit_of_work("anna") as session:
        client = create_client(session, ClientChanges(kind="company", name="Ромашка"))
        changes = OrderChanges(client_id=client.id, specification="Шкаф", total="10000")
        return create_order(session, changes).id


def stored(db: Database, order_id: uuid.UUID) -> OrderView:
    with db.unit_of_work() as session:
        return get_order(session, order_id)


def sales_page(qtbot: QtBot, db: Database) -> OrdersPage:
    page = OrdersPage(db, "anna")
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.role is not None and page.model.loaded, timeout=WAIT)
    qtbot.waitUntil(lambda: S.AWAITING_PREPAYMENT in page.move_buttons, timeout=WAIT)
    return page


def asked(qtbot: QtBot, page: OrdersPage) -> PrepaymentDialog:
    page.move_buttons[S.AWAITING_PREPAYMENT].click()
    dialog = page.prepayment_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    return dialog


def test_thirty_percent_is_invoiced(qtbot: QtBot, db: Database, order_id: uuid.UUID) -> None:
    page = sales_page(qtbot, db)
    dialog = asked(qtbot, page)
    assert dialog.windowTitle() == "Prepayment to invoice"
    assert dialog.amount() == Decimal("10000.00")  # the whole total at first
    assert dialog.ok_button.isEnabled()
    assert stored(db, order_id).status is S.DRAFT  # nothing happens before OK
    dialog.share_buttons[30].click()
    assert dialog.amount() == Decimal("3000.00")
    with qtbot.waitSignal(page.sig_moved, timeout=WAIT):
        dialog.ok_button.click()
    order = stored(db, order_id)
    assert order.status is S.AWAITING_PREPAYMENT
    assert [invoice.total for invoice in order.invoices] == [Decimal("3000.00")]


def test_an_amount_above_the_total_keeps_ok_disabled(
    qtbot: QtBot, db: Database, order_id: uuid.UUID
) -> None:
    page = sales_page(qtbot, db)
    dialog = asked(qtbot, page)
    dialog.amount_edit.setText("10 000,01")
    assert not dialog.ok_button.isEnabled()
    assert dialog.amount() is None
    assert dialog.error.isVisibleTo(dialog) and dialog.error.text() != ""
    for typed in ("0", "сто", "12,345", ""):
        dialog.amount_edit.setText(typed)
        assert not dialog.ok_button.isEnabled(), typed
    dialog.amount_edit.setText("4 500,50")  # as people write it
    assert dialog.ok_button.isEnabled()
    assert not dialog.error.isVisibleTo(dialog)
    dialog.share_buttons[50].click()
    assert dialog.amount() == Decimal("5000.00")
    dialog.reject()  # cancelled: the order stays a draft
    qtbot.wait(100)
    assert stored(db, order_id).status is S.DRAFT
    assert stored(db, order_id).invoices == ()


def test_a_share_is_rounded_to_kopecks() -> None:
    from crm_desktop.ui.prepayment_dialog import share_of

    assert share_of(Decimal("10000.00"), 30) == Decimal("3000.00")
    assert share_of(Decimal("333.33"), 50) == Decimal("166.67")  # half up
    assert share_of(Decimal("0.01"), 30) == Decimal("0.00")
