"""The deal card on both databases: a deal added through it (the client found as you
type, the amount written with a space and a comma), a refused amount explained under the
field, products from the price list that make the amount, checklist ticks saved at once,
a deal changed by someone else meanwhile, and closing that asks before losing changes."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.i18n.formats import format_number
from crm_desktop.models import Deal, Role
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.deals import DealChanges, create_deal, edit_deal, get_deal
from crm_desktop.services.pipelines import PipelineView, ensure_default_pipeline, set_checklist
from crm_desktop.services.products import ProductChanges, create_product
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.deal_card import DealCard
from tests.ui.dialogs import Answers

WAIT = 30_000
Button = QMessageBox.StandardButton


@pytest.fixture
def sales(db: Database) -> PipelineView:
    with db.unit_of_work() as session:
        add_user(session, "petrov", Role.MANAGER, full_name="Петров Алексей")
        add_user(session, "ivanova", Role.MANAGER, full_name="Иванова Мария")
        return ensure_default_pipeline(session)


def client(db: Database, name: str = "Ромашка") -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name=name)).id


def deal(db: Database, title: str = "Поставка мебели", amount: str = "1000") -> uuid.UUID:
    with db.unit_of_work("petrov") as session:
        return create_deal(
            session, DealChanges(title=title, client_id=client(db), amount=amount)
        ).id


def stored(db: Database, deal_id: uuid.UUID):  # type: ignore[no-untyped-def]
    with db.unit_of_work() as session:
        return get_deal(session, deal_id)


def card_for(qtbot: QtBot, db: Database, deal_id: uuid.UUID | None, **kw: object) -> DealCard:
    """A loaded card that the test's end closes without asking."""
    card = DealCard(db, "petrov", deal_id, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    with qtbot.waitSignal(card.sig_loaded, timeout=WAIT):
        pass
    return card


def saved(qtbot: QtBot, card: DealCard, close_after: bool = False):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(card.sig_saved, timeout=WAIT) as done:
        assert card.save(close_after=close_after) is not None
    return done.args[0]


def refused(qtbot: QtBot, card: DealCard) -> None:
    assert card.save() is not None
    qtbot.waitUntil(lambda: not card.saving, timeout=WAIT)


def test_a_deal_is_added_through_the_card(qtbot: QtBot, db: Database, sales: PipelineView) -> None:
    romashka = client(db, "Ромашка")
    client(db, "Лютик")
    card = card_for(qtbot, db, None)
    assert card.windowTitle() == "New deal"
    assert card.fields.owner.currentData() == "petrov"
    assert card.fields.stage.currentText() == "Новый"
    card.fields.title.setText("Поставка мебели")
    card.fields.client.edit.setText("ромаш")
    with qtbot.waitSignal(card.fields.client.sig_results, timeout=WAIT):
        card.fields.client.edit.textEdited.emit("ромаш")
    assert [row.id for row in card.fields.client.results] == [romashka]
    card.fields.client.choose(card.fields.client.results[0])
    card.fields.amount.setText("150 000,50")
    assert not card.errors["amount"].isVisibleTo(card)
    close = dt.date.today() + dt.timedelta(days=20)
    card.fields.set_expected_close(close)
    card.fields.probability.setValue(35)
    card.fields.note.setPlainText("Нужна доставка до склада")
    assert card.is_dirty() and card.windowTitle().startswith("* ")
    view = saved(qtbot, card, close_after=True)
    assert not card.isVisible()
    deal_view = stored(db, view.id)
    assert deal_view.amount == Decimal("150000.50")
    assert (deal_view.title, deal_view.client_id) == ("Поставка мебели", romashka)
    assert deal_view.expected_close == close
    assert (deal_view.owner, deal_view.currency, deal_view.stage) == ("petrov", "RUB", "Новый")
    assert deal_view.probability == 35
    assert deal_view.note == "Нужна доставка до склада"


def test_a_client_must_be_picked_from_the_list(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    card = card_for(qtbot, db, None)
    card.fields.title.setText("Поставка")
    card.fields.client.edit.setText("Кто-то")
    card.fields.client.edit.textEdited.emit("Кто-то")
    assert card.save() is None
    assert card.errors["client"].isVisibleTo(card)
    assert card.errors["client"].text() == "Choose the client from the list"


def test_a_refused_amount_is_explained_under_the_amount(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    deal_id = deal(db, amount="1000")
    card = card_for(qtbot, db, deal_id)
    assert card.fields.amount.text() == format_number(Decimal("1000"), 2)
    card.fields.amount.setText("12,5,6")
    assert card.errors["amount"].isVisibleTo(card)  # said as it is typed
    assert "12,5,6" in card.errors["amount"].text()
    card.fields.title.setText("Поставка стульев")
    refused(qtbot, card)  # and the service refuses it when saved
    assert card.errors["amount"].isVisibleTo(card)
    assert card.errors["amount"].text() == '"12,5,6" is not a number'
    assert not card.errors["title"].isVisibleTo(card)
    view = stored(db, deal_id)
    assert (view.title, view.amount) == ("Поставка мебели", Decimal("1000.00"))
    card.fields.amount.setText("2 500,75")
    assert not card.errors["amount"].isVisibleTo(card)
    saved(qtbot, card)
    assert stored(db, deal_id).amount == Decimal("2500.75")


def test_products_from_the_price_list_make_the_amount(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    with db.unit_of_work() as session:
        create_product(session, ProductChanges(name="Монитор 27″", sku="MON-27", price="15 000,50"))
        create_product(session, ProductChanges(name="Кабель HDMI", sku="HDMI-2", price="450"))
    deal_id = deal(db, amount="1000")
    card = card_for(qtbot, db, deal_id)
    picker = card.fields.lines.add_product()
    with qtbot.waitSignal(picker.sig_results, timeout=WAIT):
        picker.edit.setText("mon")
    assert [p.sku for p in picker.results] == ["MON-27"]
    picker.choose(0)
    assert card.fields.lines.table.rowCount() == 1
    assert card.fields.amount.isReadOnly()
    assert card.fields.amount.text() == format_number(Decimal("15000.50"), 2)
    card.fields.lines.table.item(0, 1).setText("3")  # quantity
    assert card.fields.amount.text() == format_number(Decimal("45001.50"), 2)
    picker = card.fields.lines.add_product()
    with qtbot.waitSignal(picker.sig_results, timeout=WAIT):
        picker.edit.setText("кабель")
    picker.choose(0)
    card.fields.lines.table.item(1, 2).setText("500")  # a price of its own
    assert card.fields.amount.text() == format_number(Decimal("45501.50"), 2)
    saved(qtbot, card)
    view = stored(db, deal_id)
    assert view.amount == Decimal("45501.50")
    assert [(line.name, line.quantity, line.price) for line in view.lines] == [
        ("Монитор 27″", Decimal("3"), Decimal("15000.50")),
        ("Кабель HDMI", Decimal("1"), Decimal("500.00")),
    ]
    card.fields.lines.table.setCurrentCell(0, 0)
    card.fields.lines.remove_current()
    card.fields.lines.remove_current()
    assert not card.fields.amount.isReadOnly()
    card.fields.amount.setText("700")
    saved(qtbot, card)
    view = stored(db, deal_id)
    assert (view.lines, view.amount) == ((), Decimal("700.00"))


def test_checklist_ticks_are_saved_at_once(qtbot: QtBot, db: Database, sales: PipelineView) -> None:
    with db.unit_of_work() as session:
        set_checklist(session, sales.stages[0].id, ["ИНН проверен", "КП отправлено"])
    deal_id = deal(db)
    version = stored(db, deal_id).version
    card = card_for(qtbot, db, deal_id)
    assert [box.text() for box in card.checks.values()] == ["ИНН проверен", "КП отправлено"]
    first = next(iter(card.checks))
    with qtbot.waitSignal(card.sig_changed, timeout=WAIT):
        card.checks[first].setChecked(True)
    view = stored(db, deal_id)
    assert [(m.text, m.done) for m in view.checklist] == [
        ("ИНН проверен", True),
        ("КП отправлено", False),
    ]
    assert view.version == version  # a tick is not an edit: the card's version still holds
    assert not card.is_dirty()
    card.fields.title.setText("Поставка мебели и стульев")
    saved(qtbot, card)
    again = card_for(qtbot, db, deal_id)
    assert [box.isChecked() for box in again.checks.values()] == [True, False]


def test_moving_on_in_the_card_needs_the_checklist(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    with db.unit_of_work() as session:
        set_checklist(session, sales.stages[0].id, ["ИНН проверен"])
    deal_id = deal(db)
    card = card_for(qtbot, db, deal_id)
    card.fields.stage.setCurrentIndex(card.fields.stage.findText("Квалификация"))
    refused(qtbot, card)
    assert card.errors["stage"].isVisibleTo(card)
    assert "ИНН проверен" in card.errors["stage"].text()
    assert stored(db, deal_id).stage == "Новый"
    with qtbot.waitSignal(card.sig_changed, timeout=WAIT):
        next(iter(card.checks.values())).setChecked(True)
    view = saved(qtbot, card)
    assert view.stage == stored(db, deal_id).stage == "Квалификация"


def test_a_deal_changed_meanwhile_says_who_and_offers_to_reload(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    deal_id = deal(db, amount="1000")
    card = card_for(qtbot, db, deal_id)
    with db.unit_of_work("ivanova") as session:
        edit_deal(session, deal_id, DealChanges(amount="2000"))
    card.fields.title.setText("Поставка стульев")
    answers = Answers(Button.Yes)
    with qtbot.waitSignal(card.sig_loaded, timeout=WAIT):  # reloaded after the answer
        assert card.save() is not None
    assert len(answers.messages) == 1
    message = answers.messages[0]
    assert "ivanova" in message and "reload" in message
    assert stored(db, deal_id).title == "Поставка мебели"  # nothing overwritten
    assert card.fields.amount.text() == format_number(Decimal("2000"), 2)
    assert card.fields.title.text() == "Поставка мебели"
    card.fields.title.setText("Поставка стульев")
    saved(qtbot, card)
    view = stored(db, deal_id)
    assert (view.title, view.amount) == ("Поставка стульев", Decimal("2000.00"))


def test_closing_asks_before_losing_changes(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    deal_id = deal(db)
    version = stored(db, deal_id).version
    card = card_for(qtbot, db, deal_id)
    card.show()
    card.fields.title.setText("Другое название")
    answers = Answers(Button.Cancel)
    card.reject()  # Esc
    assert card.isVisible() and answers.messages == ["Save the changes to this deal?"]
    answers.stop()
    Answers(Button.Discard)
    card.reject()
    assert not card.isVisible()
    assert stored(db, deal_id).title == "Поставка мебели"
    with db.unit_of_work() as session:
        assert session.scalar(select(Deal.version).where(Deal.id == deal_id)) == version
