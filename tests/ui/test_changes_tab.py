"""The Changes tab on both databases: a client's changes read in plain words (Russian),
newest first, a page at a time; a value and a whole version put back from the tab (after
asking), the card showing the client as restored; refusals said in one sentence."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crm_desktop.i18n import language, set_language
from crm_desktop.models import Role
from crm_desktop.services.client_views import ClientView, get_client
from crm_desktop.services.clients import ClientChanges, create_client, edit_client
from crm_desktop.services.deals import DealChanges, create_deal, edit_deal
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.changes_tab import ChangesTab
from crm_desktop.ui.client_card import ClientCard
from crm_desktop.ui.deal_card import DealCard
from tests.ui.dialogs import Answers

Button = QMessageBox.StandardButton
WAIT = 10_000


@pytest.fixture
def russian() -> Iterator[None]:
    before = language()
    set_language("ru")
    yield
    set_language(before)


@pytest.fixture
def client_id(db: Database) -> uuid.UUID:
    """Сидоров, added by Петрова with one phone; she then changed the phone, and then
    the name and the note in one save."""
    with db.unit_of_work(None) as session:
        add_user(session, "petrova", Role.MANAGER, full_name="Петрова Анна Сергеевна")
    with db.unit_of_work("petrova") as session:
        new = create_client(session, ClientChanges(name="Сидоров Олег", phones=["89123456789"]))
    with db.unit_of_work("petrova") as session:
        edit_client(session, new.id, ClientChanges(phones=["+7 916 000-00-01"]))
    with db.unit_of_work("petrova") as session:
        edit_client(session, new.id, ClientChanges(name="Сидоров Олег Иванович", note="VIP"))
    return new.id


def client(db: Database, client_id: uuid.UUID) -> ClientView:
    with db.unit_of_work() as session:
        return get_client(session, client_id)


def open_card(qtbot: QtBot, db: Database, client_id: uuid.UUID) -> ClientCard:
    card = ClientCard(db, "petrova", client_id)
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    card.show()
    card.tabs.setCurrentWidget(card.changes_tab)
    qtbot.waitUntil(lambda: card.changes_tab.loaded, timeout=WAIT)
    return card


def test_the_tab_tells_the_changes_newest_first(
    qtbot: QtBot, db: Database, client_id: uuid.UUID, russian: None
) -> None:
    card = open_card(qtbot, db, client_id)
    tab = card.changes_tab
    assert card.tabs.tabText(card.tabs.indexOf(tab)) == "Changes"
    assert card.tabs.indexOf(tab) == card.tabs.indexOf(card.history_list.parentWidget()) + 1
    sentences = tab.sentences()
    assert sentences[0].startswith(
        "Петрова изменила имя: Сидоров Олег → Сидоров Олег Иванович; изменила примечание: — → VIP, "
    )
    assert sentences[1].startswith("Петрова изменила телефон: +7 912 345-67-89 → +7 916 000-00-01")
    assert sentences[-1].startswith("Петрова создала")
    texts = tab.texts()
    when, who, what = texts[0].split(" | ")
    assert who == "Петрова А. С."
    assert what.splitlines() == ["имя: Сидоров Олег → Сидоров Олег Иванович", "примечание: — → VIP"]
    assert what and when[:2].isdigit() and when in sentences[0]
    assert texts[1].endswith("телефон: +7 912 345-67-89 → +7 916 000-00-01")
    assert "Created" in texts[-1] and "имя: Сидоров Олег" in texts[-1]
    item = tab.tree.topLevelItem(0)
    assert item is not None and item.toolTip(2).startswith(sentences[0])
    assert "Computer: " in item.toolTip(2)
    assert tab.stack.currentWidget() is tab.tree and not tab.more_button.isVisible()


def test_restore_a_value_then_a_whole_version(
    qtbot: QtBot, db: Database, client_id: uuid.UUID, russian: None
) -> None:
    card = open_card(qtbot, db, client_id)
    tab = card.changes_tab
    shown = len(tab.rows)
    assert tab.select_entry(tab.rows[1].entry.id)  # the phone's change: one field
    assert tab.value_button.isEnabled() and tab.version_button.isEnabled()

    answers = Answers(Button.No)  # asked first: No leaves everything as it is
    assert tab.restore_value_menu() is None
    qtbot.waitUntil(lambda: not answers.answers, timeout=WAIT)
    assert "телефон" in answers.messages[0] and "+7 912 345-67-89" in answers.messages[0]
    assert client(db, client_id).phones == ["+79160000001"]
    answers.stop()

    answers = Answers(Button.Yes)
    with qtbot.waitSignal(tab.sig_restored, timeout=WAIT):
        tab.restore_value_menu()
    assert client(db, client_id).phones == ["+79123456789"]
    assert "912" in card.values()["phones"] and not card.is_dirty()
    answers.stop()
    qtbot.waitUntil(lambda: len(tab.rows) == shown + 1, timeout=WAIT)
    assert tab.sentences()[0].startswith(
        "Петрова изменила телефон: +7 916 000-00-01 → +7 912 345-67-89, "
    )
    assert tab.status.text() == "Restored: телефон"

    # the entry that changed two fields: a menu of them, the note chosen
    assert tab.select_entry(tab.rows[1].entry.id)
    menu = tab.restore_value_menu()
    assert menu is not None
    choices = {a.data(): a for a in menu.actions()}
    assert set(choices) == {"name", "note"}
    assert choices["name"].text() == "имя: back to Сидоров Олег"
    answers = Answers(Button.Yes)
    with qtbot.waitSignal(tab.sig_restored, timeout=WAIT):
        choices["note"].trigger()
    menu.close()
    answers.stop()
    view = client(db, client_id)
    assert view.note in (None, "") and view.name == "Сидоров Олег Иванович"
    qtbot.waitUntil(lambda: len(tab.rows) == shown + 2, timeout=WAIT)

    # the record as it was created: the name back too (the phone stays, as said)
    created = tab.rows[-1]
    assert created.entry.action == "insert" and not created.fields()
    assert tab.select_entry(created.entry.id)
    assert not tab.value_button.isEnabled()
    answers = Answers(Button.Yes)
    with qtbot.waitSignal(tab.sig_restored, timeout=WAIT):
        tab.ask_restore_version()
    assert "Phones and e-mails stay as they are" in answers.messages[0]
    assert client(db, client_id).name == "Сидоров Олег"
    assert card.values()["name"] == "Сидоров Олег"
    qtbot.waitUntil(lambda: len(tab.rows) == shown + 3, timeout=WAIT)
    assert tab.texts()[0].endswith("имя: Сидоров Олег Иванович → Сидоров Олег")
    assert tab.status.text().startswith("Restored the version of ")


def test_a_refused_restore_is_one_sentence_and_unsaved_typing_is_kept(
    qtbot: QtBot, db: Database, client_id: uuid.UUID
) -> None:
    with db.unit_of_work("petrova") as session:
        edit_client(session, client_id, ClientChanges(addresses=[("legal", "Москва, Тверская 1")]))
    card = open_card(qtbot, db, client_id)
    tab = card.changes_tab
    shown = len(tab.rows)
    assert tab.rows[0].fields()[0].field == "address"
    answers = Answers(Button.Yes, Button.Ok)
    tab.select_entry(tab.rows[0].entry.id)
    tab.restore_value_menu()
    qtbot.waitUntil(lambda: len(answers.messages) == 2, timeout=WAIT)
    assert answers.messages[1] == "This change cannot be restored here: edit the card"
    assert tab.status.text() == answers.messages[1]
    assert len(tab.rows) == shown and tab.value_button.isEnabled()
    answers.stop()

    card.fields["note"].setPlainText("typed, not saved")  # type: ignore[union-attr]
    answers = Answers(Button.Ok)
    tab.select_entry(tab.rows[1].entry.id)
    assert tab.ask_restore_version() is None
    assert "Save or discard what you typed" in answers.messages[0]
    assert card.values()["note"] == "typed, not saved"


def test_older_changes_come_a_page_at_a_time(
    qtbot: QtBot, db: Database, client_id: uuid.UUID
) -> None:
    for number in range(3):
        with db.unit_of_work("petrova") as session:
            edit_client(session, client_id, ClientChanges(note=f"note {number}"))
    tab = ChangesTab(db, "petrova", "clients", client_id, page=3)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.sig_loaded, timeout=WAIT):
        tab.show()
    assert len(tab.rows) == 3 and tab.has_more and tab.more_button.isVisible()
    assert tab.texts()[0].endswith("note: note 1 → note 2")
    pages = 1
    while tab.has_more:
        with qtbot.waitSignal(tab.sig_loaded, timeout=WAIT):
            tab.more_button.click()
        pages += 1
    assert pages >= 3 and not tab.more_button.isVisible()
    # a save's phone removal and addition stay one row even when a page split them
    assert [r.entry.action for r in tab.rows][-1] == "insert"
    assert sum("phone: +7 912 345-67-89 → +7 916 000-00-01" in t for t in tab.texts()) == 1
    whole = ChangesTab(db, "petrova", "clients", client_id)
    qtbot.addWidget(whole)
    with qtbot.waitSignal(whole.sig_loaded, timeout=WAIT):
        whole.show()
    assert tab.texts() == whole.texts() and not whole.has_more


def test_empty_states(qtbot: QtBot, db: Database) -> None:
    unsaved = ChangesTab(db, None, "clients", None)
    qtbot.addWidget(unsaved)
    unsaved.show()
    assert unsaved.stack.currentWidget() is unsaved.empty
    assert unsaved.empty.text().startswith("Save the record first")
    nothing = ChangesTab(db, None, "deals", uuid.uuid4())
    qtbot.addWidget(nothing)
    with qtbot.waitSignal(nothing.sig_loaded, timeout=WAIT):
        nothing.show()
    assert nothing.stack.currentWidget() is nothing.empty
    assert nothing.empty.text() == "No changes recorded yet"
    assert not nothing.value_button.isEnabled() and not nothing.version_button.isEnabled()


def test_a_new_client_saved_in_the_card_shows_its_creation(qtbot: QtBot, db: Database) -> None:
    card = ClientCard(db, None)
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    card.show()
    card.tabs.setCurrentWidget(card.changes_tab)
    assert card.changes_tab.empty.text().startswith("Save the record first")
    card.fields["name"].setText("Орлова Вера")  # type: ignore[union-attr]
    with qtbot.waitSignal(card.changes_tab.sig_loaded, timeout=WAIT):
        assert card.save()
    assert len(card.changes_tab.rows) == 1
    assert "name: Орлова Вера" in card.changes_tab.texts()[0]


def test_the_deal_card_has_the_tab_and_reloads_after_a_restore(
    qtbot: QtBot, db: Database, client_id: uuid.UUID
) -> None:
    with db.unit_of_work("petrova") as session:
        deal = create_deal(session, DealChanges(client_id=client_id, title="Поставка"))
    with db.unit_of_work("petrova") as session:
        edit_deal(session, deal.id, DealChanges(title="Поставка станков"))
    card = DealCard(db, "petrova", deal.id)
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    card.show()
    qtbot.waitUntil(lambda: card.loaded, timeout=WAIT)
    card.tabs.setCurrentWidget(card.changes_tab)
    tab = card.changes_tab
    qtbot.waitUntil(lambda: tab.loaded, timeout=WAIT)
    assert tab.texts()[0].endswith("title: Поставка → Поставка станков")
    Answers(Button.Yes)
    with qtbot.waitSignal(card.sig_changed, timeout=WAIT):
        tab.restore_value_menu()
    assert card.fields.values()["title"] == "Поставка"
    qtbot.waitUntil(lambda: tab.texts()[0].endswith("title: Поставка станков → Поставка"))


def test_the_order_dialog_has_the_tab_and_shows_the_restored_order(
    qtbot: QtBot, db: Database, client_id: uuid.UUID
) -> None:
    from crm_desktop.services.orders import OrderChanges, create_order, edit_order
    from crm_desktop.ui.order_dialog import OrderDialog

    with db.unit_of_work("petrova") as session:
        order = create_order(
            session, OrderChanges(client_id=client_id, specification="Стеллаж", total="1000")
        )
    with db.unit_of_work("petrova") as session:
        edit_order(session, order.id, OrderChanges(note="срочно"))
    dialog = OrderDialog(db, "petrova", order.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.changes_tab)
    tab = dialog.changes_tab
    qtbot.waitUntil(lambda: tab.loaded, timeout=WAIT)
    assert tab.texts()[0].endswith("note: — → срочно")
    assert dialog.note.toPlainText() == "срочно"
    Answers(Button.Yes)
    with qtbot.waitSignal(dialog.sig_saved, timeout=WAIT):
        tab.restore_value_menu()
    assert dialog.note.toPlainText() == ""
    assert dialog.lines.rowCount() == 0 or dialog.specification.toPlainText() == "Стеллаж"
