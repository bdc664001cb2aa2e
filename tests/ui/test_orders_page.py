"""The orders page on both databases: an order goes through its workflow by users of the
right roles, each on the queue of their role, each seeing only the moves their role may
make; a move the service refuses shows its sentence."""

from __future__ import annotations

import uuid

import pytest
from pytestqt.qtbot import QtBot

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.orders import OrderChanges, OrderStatus, create_order, get_order
from crm_desktop.services.users import add_user
from crm_desktop.services.vocabulary import Role
from crm_desktop.store.database import Database
from crm_desktop.ui.order_dialog import OrderDialog
from crm_desktop.ui.order_labels import ACCOUNTING, ALL, PRODUCTION
from crm_desktop.ui.orders_page import OrdersPage

S = OrderStatus


@pytest.fixture
def team(db: Database) -> Database:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER)
        add_user(session, "olga", Role.ACCOUNTANT)
        add_user(session, "petr", Role.PRODUCTION)
    return db


def new_order(db: Database, total: str = "25000") -> uuid.UUID:
    with db.unit_of_work("anna") as session:
        client = create_client(session, ClientChanges(kind="company", name="Ромашка"))
        return create_order(
            session,
            OrderChanges(client_id=client.id, specification="Шкаф по чертежу", total=total),
        ).id


def status(db: Database, order_id: uuid.UUID) -> OrderStatus:
    with db.unit_of_work() as session:
        return get_order(session, order_id).status


def page_for(qtbot: QtBot, db: Database, login: str) -> OrdersPage:
    page = OrdersPage(db, login)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.role is not None and page.model.loaded, timeout=10_000)
    return page


def wait_moves(qtbot: QtBot, page: OrdersPage, moves: set[OrderStatus]) -> None:
    qtbot.waitUntil(lambda: set(page.move_buttons) == moves, timeout=10_000)
    qtbot.wait(50)  # a second look for the same order may still be on its way
    qtbot.waitUntil(lambda: set(page.move_buttons) == moves, timeout=10_000)


def click_move(qtbot: QtBot, page: OrdersPage, target: OrderStatus) -> None:
    with qtbot.waitSignal(page.sig_moved, timeout=15_000):
        page.move_buttons[target].click()
        if target is S.AWAITING_PREPAYMENT:  # the whole total, as the dialog offers
            assert page.prepayment_dialog is not None
            page.prepayment_dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.model.loaded, timeout=10_000)


def test_an_order_moves_through_its_workflow(qtbot: QtBot, team: Database) -> None:
    order_id = new_order(team)

    sales = page_for(qtbot, team, "anna")
    assert sales.queue() == ALL  # a manager starts on all the orders
    assert sales.model.rowCount() == 1
    row = sales.model.order_at(0)
    assert row is not None and row.id == order_id
    assert sales.model.data(sales.model.index(0, 4)) == "draft"
    wait_moves(qtbot, sales, {S.AWAITING_PREPAYMENT, S.CANCELLED})
    assert sales.move_buttons[S.AWAITING_PREPAYMENT].text() == "Submit for prepayment"
    messages: list[str] = []
    sales.sig_message.connect(messages.append)
    click_move(qtbot, sales, S.AWAITING_PREPAYMENT)
    assert status(team, order_id) is S.AWAITING_PREPAYMENT
    assert messages[-1].endswith("awaiting prepayment")
    # the manager does not see the accountant's move, only the cancel
    wait_moves(qtbot, sales, {S.CANCELLED})
    assert S.PREPAID not in sales.move_buttons

    accounting = page_for(qtbot, team, "olga")
    assert accounting.queue() == ACCOUNTING  # the accountant's queue is chosen
    assert accounting.model.rowCount() == 1
    wait_moves(qtbot, accounting, {S.PREPAID})
    assert accounting.move_buttons[S.PREPAID].text() == "Confirm prepayment"
    click_move(qtbot, accounting, S.PREPAID)
    assert status(team, order_id) is S.PREPAID
    assert accounting.model.rowCount() == 0  # off the accounting queue
    assert accounting.empty.text() == "No orders are waiting for their prepayment."
    accounting.show_queue(ALL)
    qtbot.waitUntil(lambda: accounting.model.rowCount() == 1, timeout=10_000)
    wait_moves(qtbot, accounting, set())
    assert "moves it no further" in accounting.moves_hint.text()

    production = page_for(qtbot, team, "petr")
    assert production.queue() == PRODUCTION
    assert production.model.rowCount() == 1
    wait_moves(qtbot, production, {S.IN_PRODUCTION})
    click_move(qtbot, production, S.IN_PRODUCTION)
    assert production.model.rowCount() == 1  # still production's: in work
    wait_moves(qtbot, production, {S.READY})
    click_move(qtbot, production, S.READY)
    assert status(team, order_id) is S.READY
    assert production.model.rowCount() == 0

    sales.refresh()
    qtbot.waitUntil(lambda: sales.model.loaded, timeout=10_000)
    wait_moves(qtbot, sales, {S.SHIPPED})
    click_move(qtbot, sales, S.SHIPPED)
    assert status(team, order_id) is S.SHIPPED
    wait_moves(qtbot, sales, {S.CLOSED})

    # closing is refused while the prepayment invoice is unpaid: the sentence is shown
    sales.move_buttons[S.CLOSED].click()
    qtbot.waitUntil(lambda: sales.error.text() != "", timeout=10_000)
    assert "paid in full" in sales.error.text()
    assert messages[-1] == sales.error.text()
    assert status(team, order_id) is S.SHIPPED
    assert sales.move_buttons[S.CLOSED].isEnabled()  # it may be tried again later

    # the history the dialog lists: every move, the latest first
    dialog = sales.open_current()
    assert isinstance(dialog, OrderDialog)
    assert dialog.history.count() == 6
    assert "ready → shipped" in dialog.history.item(0).text()  # type: ignore[union-attr]
    dialog.reject()


def test_a_move_of_another_role_is_refused_with_its_sentence(qtbot: QtBot, team: Database) -> None:
    order_id = new_order(team)
    production = page_for(qtbot, team, "petr")
    assert production.queue() == PRODUCTION
    production.show_queue(ALL)
    qtbot.waitUntil(lambda: production.model.rowCount() == 1, timeout=10_000)
    wait_moves(qtbot, production, set())  # a draft is sales' to submit
    assert production.select_order(order_id)
    production.move_current(S.IN_PRODUCTION)
    qtbot.waitUntil(lambda: production.error.text() != "", timeout=10_000)
    shown = production.model.order_at(0)
    assert shown is not None
    assert production.error.text() == (
        f'Order {shown.number} cannot move from "draft" to "in production", and from "draft"'
        " your role may move it nowhere."
    )
    assert status(team, order_id) is S.DRAFT


def test_a_new_order_from_the_page(qtbot: QtBot, team: Database) -> None:
    page = page_for(qtbot, team, "anna")
    assert page.model.rowCount() == 0
    assert "No orders yet" in page.empty.text()
    with team.unit_of_work("anna") as session:
        client = create_client(session, ClientChanges(name="Иванов Иван"))
    dialog = page.new_order()
    dialog.client.set_client(client.id, "Иванов Иван")
    dialog.specification.setPlainText("Кухня на заказ")
    dialog.total.setText("120000")
    with qtbot.waitSignal(page.model.sig_loaded, timeout=15_000):
        dialog.save()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.data(page.model.index(0, 2)) == "Иванов Иван"
    assert page.current_order() is not None


def test_the_window_has_orders_and_the_price_list(qtbot: QtBot, team: Database) -> None:
    from PySide6.QtCore import Qt

    from crm_desktop.ui.main_window import MainWindow
    from crm_desktop.ui.price_list import PriceListPage

    window = MainWindow(team, "olga")
    qtbot.addWidget(window)
    window.show()
    keys = [
        window.sidebar.item(i).data(Qt.ItemDataRole.UserRole)  # type: ignore[union-attr]
        for i in range(window.sidebar.count())
    ]
    assert keys.index("orders") == keys.index("invoices") + 1
    assert keys.index("products") == keys.index("orders") + 1
    assert window.orders.page is None and window.products.page is None
    window.sidebar.setCurrentRow(keys.index("orders"))
    assert isinstance(window.orders.page, OrdersPage)
    qtbot.waitUntil(lambda: window.orders.page.queue() == ACCOUNTING, timeout=10_000)  # type: ignore[union-attr]
    window.sidebar.setCurrentRow(keys.index("products"))
    assert isinstance(window.products.page, PriceListPage)
    window.close()
