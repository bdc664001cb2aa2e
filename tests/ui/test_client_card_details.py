"""The client card's details on both databases: messengers, addresses and custom fields
added, removed, checked as you type and saved; the Tab order; Enter and Esc."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from crm_desktop.models import AddressKind, ClientKind, FieldType, MessengerKind
from crm_desktop.services.client_views import AddressView, ClientView, MessengerView, get_client
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.custom_fields import define_custom_field
from crm_desktop.store.database import Database
from crm_desktop.ui.client_card import ClientCard
from crm_desktop.ui.row_list import RowList
from tests.ui.dialogs import Answers

Button = QMessageBox.StandardButton
BUDGET, SIGNED, VIP, BRANCH = (
    "custom_fields.бюджет",
    "custom_fields.дата_договора",
    "custom_fields.vip",
    "custom_fields.отрасль",
)


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Drafts go to the user's data directory: this test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def card_for(
    qtbot: QtBot, db: Database, client_id: uuid.UUID | None, kind: ClientKind = ClientKind.PERSON
) -> ClientCard:
    card = ClientCard(db, None, client_id, kind=kind)
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    return card


def with_fields(db: Database) -> None:
    with db.unit_of_work() as session:
        define_custom_field(session, "Бюджет", FieldType.NUMBER)
        define_custom_field(session, "Дата договора", FieldType.DATE)
        define_custom_field(session, "VIP", FieldType.YES_NO)
        define_custom_field(session, "Отрасль", FieldType.CHOICE, ["Торговля", "Услуги"])


def ivanov(db: Database) -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name="Иванов Пётр", phones=["+79161234567"])).id


def stored(db: Database, client_id: uuid.UUID) -> ClientView:
    with db.unit_of_work(write=False) as session:
        return get_client(session, client_id)


def rows(card: ClientCard, key: str) -> RowList:
    widget = card.fields[key]
    assert isinstance(widget, RowList)
    return widget


def add_row(card: ClientCard, key: str, kind: str, text: str) -> None:
    """As a user does it: Add, choose the kind, type the text."""
    lst = rows(card, key)
    lst.add_button.click()
    row = lst.rows[-1]
    assert row.kind is not None
    row.kind.setCurrentIndex(row.kind.findData(kind))
    row.edit.setText(text)  # Cyrillic: set and let the edit signal, no keyClicks


def line(card: ClientCard, key: str) -> QLineEdit:
    widget = card.fields[key]
    assert isinstance(widget, QLineEdit)
    return widget


def test_messenger_address_and_custom_values_are_saved_and_shown_again(
    qtbot: QtBot, db: Database
) -> None:
    with_fields(db)
    client_id = ivanov(db)
    card = card_for(qtbot, db, client_id)
    add_row(card, "messengers", "telegram", "https://t.me/ivan_petrov")
    add_row(card, "messengers", "whatsapp", "8 912 345-67-89")
    add_row(card, "addresses", "postal", " 620014, Екатеринбург,  ул. Малышева, 1 ")
    line(card, BUDGET).setText("1 500,50")
    line(card, SIGNED).setText("01.07.2024")
    vip = card.fields[VIP]
    assert isinstance(vip, QCheckBox)
    vip.setChecked(True)
    branch = card.fields[BRANCH]
    assert isinstance(branch, QComboBox)
    branch.setCurrentIndex(branch.findData("Услуги"))
    assert card.is_dirty()
    with qtbot.waitSignal(card.sig_saved):
        assert card.save()
    assert not card.is_dirty()

    view = stored(db, client_id)
    assert view.messengers == [
        MessengerView(MessengerKind.TELEGRAM, "@ivan_petrov"),
        MessengerView(MessengerKind.WHATSAPP, "+79123456789"),
    ]
    assert view.addresses == [
        AddressView(AddressKind.POSTAL, "620014, Екатеринбург, ул. Малышева, 1", "620014")
    ]
    assert view.custom_fields == {
        "бюджет": Decimal("1500.5"),
        "дата_договора": dt.date(2024, 7, 1),
        "vip": True,
        "отрасль": "Услуги",
    }

    again = card_for(qtbot, db, client_id)
    messengers = rows(again, "messengers").rows
    assert [(r.kind.currentData() if r.kind else None, r.edit.text()) for r in messengers] == [
        ("telegram", "@ivan_petrov"),
        ("whatsapp", "+7 912 345-67-89"),
    ]
    assert rows(again, "addresses").items() == [("postal", "620014, Екатеринбург, ул. Малышева, 1")]
    assert line(again, BUDGET).text() in ("1500.5", "1500,5")
    assert line(again, SIGNED).text() == "01.07.2024"
    assert again.values()[VIP] == "yes" and again.values()[BRANCH] == "Услуги"
    assert not again.is_dirty()
    # saving the card untouched changes nothing (no new version, no rewritten values)
    assert again.save()
    assert stored(db, client_id).version == view.version


def test_an_invalid_custom_number_is_explained_at_its_field_and_not_saved(
    qtbot: QtBot, db: Database
) -> None:
    with_fields(db)
    client_id = ivanov(db)
    card = card_for(qtbot, db, client_id)
    card.show()
    budget = line(card, BUDGET)
    budget.setText("сто тысяч")
    error = card.errors[BUDGET]
    assert error.isVisibleTo(card)
    assert '"сто тысяч" is not a number' in error.text()
    assert error.parentWidget() is budget.parentWidget()  # next to the field, not elsewhere
    add_row(card, "messengers", "telegram", "@ivanov")
    card.tabs.setCurrentIndex(1)
    assert not card.save()
    assert card.tabs.currentIndex() == 0  # brought back to the field
    assert error.isVisibleTo(card) and card.focusWidget() is budget
    view = stored(db, client_id)
    assert (view.custom_fields, view.messengers, view.version) == ({}, [], 1)
    budget.setText("100000")
    assert not error.isVisibleTo(card)
    assert card.save()
    assert stored(db, client_id).custom_fields == {"бюджет": Decimal(100000)}


def test_a_bad_messenger_or_address_is_explained_as_you_type(qtbot: QtBot, db: Database) -> None:
    card = card_for(qtbot, db, ivanov(db))
    add_row(card, "messengers", "whatsapp", "@ivanov")
    assert "WhatsApp" in card.errors["messengers"].text()
    rows(card, "messengers").rows[-1].edit.setText("+7 912 345-67-89")
    assert not card.errors["messengers"].text()
    add_row(card, "addresses", "legal", "12345")
    assert "does not look like an address" in card.errors["addresses"].text()
    assert not card.save()


def test_removing_rows_removes_them_on_save(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        client_id = create_client(
            session,
            ClientChanges(
                name="Иванов",
                phones=["+79161234567", "+74951234567"],
                messengers=[("telegram", "@ivanov"), ("vk", "vk.com/ivanov")],
                addresses=[("actual", "г. Тверь, ул. Советская, 5")],
            ),
        ).id
    card = card_for(qtbot, db, client_id)
    phones = rows(card, "phones")
    phones.rows[0].remove.click()
    rows(card, "messengers").rows[1].remove.click()
    rows(card, "addresses").rows[0].edit.clear()  # a cleared row counts as removed
    assert card.is_dirty()
    assert card.save()
    view = stored(db, client_id)
    assert view.phones == ["+74951234567"]
    assert view.messengers == [MessengerView(MessengerKind.TELEGRAM, "@ivanov")]
    assert view.addresses == []


def test_a_required_custom_field_is_asked_for_a_new_client(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        define_custom_field(session, "Источник лида", FieldType.TEXT, required=True)
    card = card_for(qtbot, db, None, kind=ClientKind.COMPANY)
    line(card, "name").setText("ООО «Ромашка»")
    line(card, "kpp").setText("77360100")
    assert "KPP" in card.errors["kpp"].text()
    line(card, "kpp").setText("773601001")
    assert not card.save()
    assert card.errors["custom_fields.источник_лида"].text() == "Fill in this field"
    line(card, "custom_fields.источник_лида").setText("выставка")
    line(card, "full_name").setText('Общество с ограниченной ответственностью "Ромашка"')
    with qtbot.waitSignal(card.sig_saved) as saved:
        assert card.save()
    view = saved.args[0]
    assert (view.kpp, view.custom_fields) == ("773601001", {"источник_лида": "выставка"})
    assert view.full_name == 'Общество с ограниченной ответственностью "Ромашка"'


def focus_walk(qtbot: QtBot, card: ClientCard, start: QWidget, steps: int) -> list[QWidget]:
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen = [start]
    for _ in range(steps):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())  # type: ignore[arg-type]
    return seen


def test_tab_goes_down_the_details_in_order_new_rows_included(qtbot: QtBot, db: Database) -> None:
    with_fields(db)
    card = card_for(qtbot, db, ivanov(db))
    card.show()
    card.activateWindow()
    qtbot.waitExposed(card)
    add_row(card, "messengers", "telegram", "@ivanov")  # into the empty row shown
    add_row(card, "messengers", "vk", "vk.com/ivanov")  # a row added later: in its place
    f = card.fields
    messenger = rows(card, "messengers").rows[-1]
    expected: list[QWidget] = [
        f["name"],
        f["company"],
        f["position"],
        f["inn"],
        f["birth_date"],
        f["owner"],
        f["source"],
        f["note"],  # Tab leaves the note rather than typing a tab into it
        rows(card, "phones").rows[0].edit,
        rows(card, "phones").add_button,
        rows(card, "emails").rows[0].edit,
        rows(card, "emails").add_button,
    ]
    expected += rows(card, "messengers").focus_chain()  # kind, text, ..., Add
    expected += rows(card, "addresses").focus_chain()
    expected += [f[BUDGET], f[SIGNED], f[VIP], f[BRANCH]]
    expected += [card.save_button, card.close_button]
    assert messenger.kind in expected and messenger.edit in expected
    assert len(expected) == 26
    seen = focus_walk(qtbot, card, f["name"], len(expected) - 1)
    assert [w.objectName() or type(w).__name__ for w in seen] == [
        w.objectName() or type(w).__name__ for w in expected
    ]
    assert seen == expected


def test_enter_moves_on_and_neither_saves_nor_closes_esc_asks(qtbot: QtBot, db: Database) -> None:
    client_id = ivanov(db)
    card = card_for(qtbot, db, client_id)
    card.show()
    card.activateWindow()
    qtbot.waitExposed(card)
    position = line(card, "position")
    position.setFocus()
    qtbot.waitUntil(position.hasFocus)
    position.setText("Директор")
    qtbot.keyClick(position, Qt.Key.Key_Return)
    assert card.isVisible()
    assert line(card, "inn").hasFocus()  # the next field
    assert stored(db, client_id).position is None  # nothing saved behind the user's back
    answers = Answers(Button.Cancel)
    qtbot.keyClick(line(card, "inn"), Qt.Key.Key_Escape)
    assert len(answers.messages) == 1  # asked: the card has changes
    assert card.isVisible()  # Cancel kept it open
    card.activateWindow()  # back from the question
    qtbot.waitUntil(card.isActiveWindow)
    qtbot.keyClick(line(card, "inn"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored(db, client_id).position == "Директор"
    qtbot.keyClick(line(card, "inn"), Qt.Key.Key_Escape)
    assert not card.isVisible()  # nothing unsaved: closes without asking
    assert len(answers.messages) == 1
    answers.timer.stop()


def test_a_draft_keeps_messengers_and_custom_values(qtbot: QtBot, db: Database) -> None:
    with_fields(db)
    client_id = ivanov(db)
    card = card_for(qtbot, db, client_id)
    add_row(card, "messengers", "vk", "vk.com/ivanov")
    line(card, BUDGET).setText("250")
    qtbot.waitUntil(
        lambda: (card._drafts.load(str(client_id)) or {}).get(BUDGET) == "250", timeout=3000
    )
    # the program dies here; next time the draft is offered and taken
    answers = Answers(Button.Yes)
    again = card_for(qtbot, db, client_id)
    answers.timer.stop()
    assert answers.messages
    assert rows(again, "messengers").items() == [("vk", "vk.com/ivanov")]
    assert line(again, BUDGET).text() == "250"
    assert again.is_dirty()
