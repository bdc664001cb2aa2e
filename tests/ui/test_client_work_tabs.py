"""The client card's Deals and Tasks tabs on both databases: they list the client's own
deals and tasks, open and add them, and complete a task."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.deals import DealChanges, create_deal, edit_deal
from crm_desktop.services.interactions import history
from crm_desktop.services.local_time import at_local
from crm_desktop.services.tasks import add_task, complete_task, get_task, tasks_of_client
from crm_desktop.services.vocabulary import ClientKind
from crm_desktop.store.database import Database
from crm_desktop.ui.client_card import ClientCard
from crm_desktop.ui.deal_card import DealCard
from tests.ui.dialogs import Answers

Button = QMessageBox.StandardButton
NOW = at_local(dt.date(2026, 3, 4), dt.time(10, 0))


def client(db: Database, name: str) -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name=name)).id


def card_for(qtbot: QtBot, db: Database, client_id: uuid.UUID | None) -> ClientCard:
    card = ClientCard(db, None, client_id, kind=ClientKind.PERSON)
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    if client_id is not None:
        qtbot.waitUntil(lambda: card.deals_tab.loaded and card.tasks_tab.loaded)
    return card


def seed(db: Database) -> tuple[uuid.UUID, dict[str, uuid.UUID]]:
    ivanov = client(db, "Иванов Иван")
    petrov = client(db, "Петров Пётр")
    ids: dict[str, uuid.UUID] = {}
    with db.unit_of_work() as session:
        ids["deal"] = create_deal(
            session,
            DealChanges(
                title="Поставка станков",
                client_id=ivanov,
                amount=Decimal("150000.50"),
                expected_close=dt.date(2026, 4, 30),
            ),
        ).id
        ids["won"] = create_deal(
            session,
            DealChanges(title="Старый заказ", client_id=ivanov, amount="1000"),
            stage="Успешно",
        ).id
        create_deal(session, DealChanges(title="Чужая сделка", client_id=petrov, amount="5"))
        due = at_local(dt.date(2026, 3, 5), dt.time(11, 0))
        ids["call"] = add_task(
            session, title="Позвонить Иванову", kind="call", due_at=due, client_id=ivanov
        ).id
        ids["done"] = add_task(session, title="Отправить КП", kind="documents", client_id=ivanov).id
        complete_task(session, ids["done"], NOW)
        add_task(session, title="Задача Петрова", client_id=petrov)
    return ivanov, ids


def test_the_tabs_list_the_clients_deals_and_tasks(qtbot: QtBot, db: Database) -> None:
    ivanov, ids = seed(db)
    card = card_for(qtbot, db, ivanov)
    deals = card.deals_tab
    assert sorted(deals.titles()) == ["Поставка станков", "Старый заказ"]
    first = deals.tree.topLevelItem(0)
    assert first is not None
    assert [first.text(c) for c in range(4)] == [
        "Поставка станков",
        "Новый",
        "150,000.50\u00a0₽",
        "Apr 30, 2026",
    ]
    assert deals.summary.text() == "Open: 1, 150,000.50\u00a0₽"
    tasks = card.tasks_tab
    assert [t.title for t in tasks.tasks] == ["Позвонить Иванову", "Отправить КП"]
    assert [t.status for t in tasks.tasks] == ["open", "done"]
    open_item = tasks.tree.item_of(ids["call"])
    done_item = tasks.tree.item_of(ids["done"])
    assert open_item is not None and done_item is not None
    assert open_item.checkState(0) == Qt.CheckState.Unchecked
    assert done_item.checkState(0) == Qt.CheckState.Checked
    assert not done_item.flags() & Qt.ItemFlag.ItemIsUserCheckable


def test_deals_open_in_the_deal_card(qtbot: QtBot, db: Database) -> None:
    ivanov, ids = seed(db)
    card = card_for(qtbot, db, ivanov)
    tab = card.deals_tab
    item = tab.tree.topLevelItem(0)
    assert item is not None
    with qtbot.waitSignal(card.sig_open_deal) as opened:
        tab.tree.itemDoubleClicked.emit(item, 0)
    assert opened.args == [ids["deal"]]
    deal_card = tab.deal_card
    assert deal_card is not None
    qtbot.addWidget(deal_card)
    qtbot.waitUntil(lambda: deal_card.loaded)
    assert isinstance(deal_card, DealCard) and deal_card.isVisible()
    with db.unit_of_work() as session:  # as the card's Save would
        saved = edit_deal(session, ids["deal"], DealChanges(title="Поставка и оснастка"))
    with qtbot.waitSignal(tab.sig_loaded, timeout=10_000):
        deal_card.sig_saved.emit(saved)
    assert "Поставка и оснастка" in tab.titles()  # the tab follows the card

    item = tab.tree.topLevelItem(0)  # the list was read again
    assert item is not None
    tab.tree.setCurrentItem(item)
    with qtbot.waitSignal(card.sig_open_deal) as opened:
        qtbot.keyClick(tab.tree, Qt.Key.Key_Return)
    assert opened.args == [ids["deal"]]
    assert tab.deal_card is not None
    qtbot.addWidget(tab.deal_card)
    with qtbot.waitSignal(card.sig_new_deal) as new:
        tab.new_button.click()
    assert new.args == [ivanov]
    assert tab.deal_card is not None and tab.deal_card is not deal_card
    qtbot.addWidget(tab.deal_card)


def test_a_new_task_from_the_card_has_the_client(qtbot: QtBot, db: Database) -> None:
    ivanov, _ids = seed(db)
    card = card_for(qtbot, db, ivanov)
    tab = card.tasks_tab
    dialog = tab.new_task()
    assert dialog is not None
    assert dialog.client.client_id() == ivanov
    qtbot.waitUntil(lambda: dialog.deal.count() == 2)  # "no deal" and the open one
    dialog.title.setText("Встреча в офисе")
    dialog.kind.setCurrentIndex(dialog.kind.findData("meeting"))
    with qtbot.waitSignal(tab.sig_loaded, timeout=10_000):
        dialog.save()
    assert "Встреча в офисе" in [t.title for t in tab.tasks]
    assert tab.status.text().startswith("Task added: Встреча в офисе")
    with db.unit_of_work() as session:
        assert {t.title for t in tasks_of_client(session, ivanov)} >= {"Встреча в офисе"}


def test_completing_a_call_from_the_card_logs_it(qtbot: QtBot, db: Database) -> None:
    ivanov, ids = seed(db)
    card = card_for(qtbot, db, ivanov)
    tab = card.tasks_tab
    tab.tree.select_task(ids["call"])
    answers = Answers(Button.Yes)
    with qtbot.waitSignal(tab.sig_completed, timeout=10_000):
        tab.complete_button.click()
    answers.stop()
    with db.unit_of_work() as session:
        assert get_task(session, ids["call"]).status == "done"
    dialog = tab.call_log_dialog
    assert dialog is not None
    dialog.text.setPlainText("Перезвонить в апреле")
    with qtbot.waitSignal(dialog.sig_saved):
        dialog.save()
    with db.unit_of_work() as session:
        assert [e.text for e in history(session, ivanov)] == ["Перезвонить в апреле"]
    qtbot.waitUntil(lambda: card.history_list.count() == 1)
    assert "Перезвонить в апреле" in card.history_list.item(0).text()


def test_a_new_client_gets_its_tabs_once_saved(qtbot: QtBot, db: Database) -> None:
    card = card_for(qtbot, db, None)
    assert not card.deals_tab.new_button.isEnabled()
    assert not card.tasks_tab.new_button.isEnabled()
    assert "Save the client first" in card.deals_tab.empty.text()
    card.fields["name"].setText("Сидоров Сидор")  # type: ignore[union-attr]
    with qtbot.waitSignal(card.sig_saved):
        assert card.save()
    qtbot.waitUntil(lambda: card.deals_tab.loaded and card.tasks_tab.loaded)
    assert card.deals_tab.new_button.isEnabled() and card.tasks_tab.new_button.isEnabled()
    assert "No deals yet" in card.deals_tab.empty.text()
    assert card.deals_tab.stack.currentWidget() is card.deals_tab.empty
