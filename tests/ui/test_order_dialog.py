"""The order dialog on both databases: an order taken with a custom line, a product of
the price list and an attached file is stored with them; the file's copy is saved back;
a refused value is shown under its field; a saved order lists its history."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.orders import (
    OrderStatus,
    OrderView,
    attachment_content,
    get_order,
    list_orders,
    move_order,
)
from crm_desktop.services.products import ProductChanges, ProductView, create_product
from crm_desktop.services.users import add_user
from crm_desktop.services.vocabulary import Role
from crm_desktop.store.database import Database
from crm_desktop.ui.order_dialog import OrderDialog

DRAWING = b"%PDF-1.4 a drawing of the cabinet\n" * 50


@pytest.fixture
def team(db: Database) -> Database:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER, full_name="Анна Смирнова")
        add_user(session, "olga", Role.ACCOUNTANT)
    return db


def client(db: Database, name: str = "ООО «Ромашка»") -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(kind="company", name=name)).id


def product(db: Database) -> ProductView:
    with db.unit_of_work() as session:
        return create_product(
            session, ProductChanges(name="Фурнитура", sku="F-1", unit="компл", price="1200")
        )


def stored(db: Database, order_id: uuid.UUID) -> OrderView:
    with db.unit_of_work() as session:
        return get_order(session, order_id)


def test_create_with_a_custom_line_and_a_file(qtbot: QtBot, team: Database, tmp_path: Path) -> None:
    romashka = client(team)
    fittings = product(team)
    drawing = tmp_path / "чертёж шкафа.pdf"
    drawing.write_bytes(DRAWING)

    dialog = OrderDialog(team, "anna", client_id=romashka)
    qtbot.addWidget(dialog)
    assert dialog.client.client_id() == romashka
    assert dialog.editable
    assert dialog.files_empty.isVisibleTo(dialog.tabs.widget(1))
    row = dialog.add_custom_line()
    dialog.set_line(row, 0, "Шкаф-купе по размерам клиента")
    dialog.set_line(row, 1, "2")
    dialog.set_line(row, 3, "45 000,50")
    dialog.add_product_line(fittings)
    assert dialog.lines.rowCount() == 2
    assert "91,201.00" in dialog.sum_label.text()  # 2 × 45 000,50 + 1 200
    assert not dialog.total.isEnabled()  # lines make the price
    dialog.specification.setPlainText("Корпус ЛДСП белый, 2400×1800×600, зеркала на дверях")
    dialog.has_due.setChecked(True)
    dialog.note.setPlainText("Замер сделан 20.11")
    dialog.add_files([drawing])
    assert dialog.file_list.count() == 1
    assert "чертёж шкафа.pdf" in dialog.file_list.item(0).text()

    with qtbot.waitSignal(dialog.sig_saved, timeout=15_000) as saved:
        dialog.save()
    view = saved.args[0]
    assert isinstance(view, OrderView)
    assert view.status is OrderStatus.DRAFT
    assert view.number is not None and view.number.startswith("З-")
    order = stored(team, view.id)
    assert [(x.name, x.quantity, x.price, x.product_id) for x in order.lines] == [
        ("Шкаф-купе по размерам клиента", Decimal("2"), Decimal("45000.50"), None),
        ("Фурнитура", Decimal("1"), Decimal("1200.00"), fittings.id),
    ]
    assert order.total == Decimal("91201.00")
    assert order.specification is not None and "ЛДСП" in order.specification
    assert order.due_date is not None
    assert order.owner == "anna"
    assert [(a.file_name, a.size) for a in order.attachments] == [
        ("чертёж шкафа.pdf", len(DRAWING))
    ]
    with team.unit_of_work() as session:
        assert attachment_content(session, order.attachments[0].id) == (
            "чертёж шкафа.pdf",
            DRAWING,
        )

    # opened again: the values, the file (its copy saved back), the history
    again = OrderDialog(team, "anna", view.id)
    qtbot.addWidget(again)
    assert again.lines.rowCount() == 2
    assert again.lines.item(0, 0).text() == "Шкаф-купе по размерам клиента"  # type: ignore[union-attr]
    assert again.history.count() == 1
    assert "anna" in again.history.item(0).text()  # type: ignore[union-attr]
    assert "draft" in again.history.item(0).text()  # type: ignore[union-attr]
    copy = tmp_path / "копия.pdf"
    with qtbot.waitSignal(again.sig_copied, timeout=10_000):
        again.save_copy(0, copy)
    assert copy.read_bytes() == DRAWING

    # a file removed and the due date cleared on a draft
    again.remove_file(0)
    again.has_due.setChecked(False)
    with qtbot.waitSignal(again.sig_saved, timeout=15_000):
        again.save()
    order = stored(team, view.id)
    assert order.attachments == ()
    assert order.due_date is None


def test_custom_product_without_lines(qtbot: QtBot, team: Database, tmp_path: Path) -> None:
    romashka = client(team)
    dialog = OrderDialog(team, "anna", client_id=romashka)
    qtbot.addWidget(dialog)
    dialog.specification.setPlainText("Стеллаж по чертежу")
    dialog.total.setText("18 500")
    with qtbot.waitSignal(dialog.sig_saved, timeout=15_000) as saved:
        dialog.save()
    order = stored(team, saved.args[0].id)
    assert (order.lines, order.total) == ((), Decimal("18500.00"))


def test_refused_values_are_shown_at_their_fields(qtbot: QtBot, team: Database) -> None:
    dialog = OrderDialog(team, "anna")
    qtbot.addWidget(dialog)
    assert dialog.save() is None  # no client: said before any work
    assert dialog.errors["client"].text() == "Choose the client from the list"

    dialog.client.set_client(client(team), "ООО «Ромашка»")
    job = dialog.save()  # neither lines nor a specification
    assert job is not None
    qtbot.waitUntil(lambda: dialog.errors["lines"].text() != "", timeout=10_000)
    assert "specification" in dialog.errors["lines"].text()

    row = dialog.add_custom_line("Полка")
    dialog.set_line(row, 1, "два")
    dialog.set_line(row, 3, "100")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["lines"].text() != "", timeout=10_000)
    assert dialog.errors["lines"].text().startswith("Line 1:")
    assert dialog.result() != OrderDialog.DialogCode.Accepted
    with team.unit_of_work() as session:
        assert list_orders(session).rows == []


def test_a_submitted_order_is_read_only_but_takes_files(
    qtbot: QtBot, team: Database, tmp_path: Path
) -> None:
    romashka = client(team)
    with team.unit_of_work("anna") as session:
        from crm_desktop.services.orders import OrderChanges, create_order

        view = create_order(
            session, OrderChanges(client_id=romashka, specification="Стол", total="9000")
        )
        move_order(session, view.id, OrderStatus.AWAITING_PREPAYMENT)
    dialog = OrderDialog(team, "olga", view.id)
    qtbot.addWidget(dialog)
    assert not dialog.editable
    assert dialog.specification.isReadOnly()
    assert not dialog.add_custom_button.isEnabled()
    assert dialog.history.count() == 2  # taken, then submitted
    assert "awaiting prepayment" in dialog.history.item(0).text()  # type: ignore[union-attr]
    assert "Invoice" in dialog.invoices_label.text()  # the prepayment's draft
    photo = tmp_path / "фото.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    dialog.add_files([photo])
    with qtbot.waitSignal(dialog.sig_saved, timeout=15_000):
        dialog.save()
    assert [a.file_name for a in stored(team, view.id).attachments] == ["фото.jpg"]
