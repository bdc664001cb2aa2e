"""The client card on both databases: checks as you type, saves, logs history, asks before
losing changes, keeps a draft, and the list's delete with undo."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from crm_desktop.models import ClientKind, InteractionKind
from crm_desktop.services.client_views import get_client
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.interactions import history
from crm_desktop.store.database import Database
from crm_desktop.ui.client_card import ClientCard
from crm_desktop.ui.main_window import MainWindow
from tests.ui.dialogs import Answers

Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Drafts go to the user's data directory: this test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def card_for(
    qtbot: QtBot,
    db: Database,
    client_id: uuid.UUID | None,
    kind: ClientKind = ClientKind.PERSON,
) -> ClientCard:
    """A card that the test's end closes without asking (closing a card with changes
    asks, and would wait for an answer)."""
    card = ClientCard(db, None, client_id, kind=kind)
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    return card


def ivanov(db: Database) -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name="Иванов Пётр", phones=["+79161234567"])).id


def stored(db: Database, client_id: uuid.UUID):  # type: ignore[no-untyped-def]
    with db.unit_of_work() as session:
        return get_client(session, client_id)


def type_into(card: ClientCard, key: str, text: str) -> None:
    widget = card.fields[key]
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
    else:
        widget.setText(text)  # type: ignore[union-attr]


def test_a_bad_value_is_explained_at_its_field(qtbot: QtBot, db: Database) -> None:
    card = card_for(qtbot, db, ivanov(db))
    type_into(card, "phones", "8 912 345-67-89\n12345")
    assert card.errors["phones"].isVisibleTo(card)
    assert "12345" in card.errors["phones"].text()
    type_into(card, "phones", "8 912 345-67-89")
    assert not card.errors["phones"].isVisibleTo(card)
    type_into(card, "birth_date", "31.02.1990")
    assert card.errors["birth_date"].text()


def test_saving_writes_the_client_and_keeps_the_card_open(qtbot: QtBot, db: Database) -> None:
    client_id = ivanov(db)
    card = card_for(qtbot, db, client_id)
    type_into(card, "phones", "8 912 345-67-89\n+7 495 123-45-67")
    type_into(card, "emails", " Petr@Mail.RU ")
    with qtbot.waitSignal(card.sig_saved):
        assert card.save()
    view = stored(db, client_id)
    assert view.phones == ["+79123456789", "+74951234567"]
    assert view.emails == ["petr@mail.ru"]
    assert not card.is_dirty()


def test_an_invalid_save_changes_nothing(qtbot: QtBot, db: Database) -> None:
    client_id = ivanov(db)
    card = card_for(qtbot, db, client_id)
    type_into(card, "emails", "not an address")
    assert not card.save()
    assert card.errors["emails"].text()
    assert stored(db, client_id).emails == []


def test_a_new_company_is_added(qtbot: QtBot, db: Database) -> None:
    card = card_for(qtbot, db, None, kind=ClientKind.COMPANY)
    type_into(card, "name", "ООО «Ромашка»")
    type_into(card, "inn", "7707083893")
    with qtbot.waitSignal(card.sig_saved) as saved:
        assert card.save()
    view = saved.args[0]
    assert (view.name, view.legal_form, view.inn) == ("Ромашка", "ООО", "7707083893")


def test_a_call_is_logged_in_two_clicks(qtbot: QtBot, db: Database) -> None:
    client_id = ivanov(db)
    card = card_for(qtbot, db, client_id)
    answers = Answers("Договорились о встрече в пятницу")
    card.history_buttons[0].click()  # Call
    assert answers.answers == []
    with db.unit_of_work() as session:
        entries = history(session, client_id)
    assert [(e.kind, e.text) for e in entries] == [
        (InteractionKind.CALL, "Договорились о встрече в пятницу")
    ]
    assert "Договорились" in card.history_list.item(0).text()


def test_closing_with_changes_asks_and_can_discard(qtbot: QtBot, db: Database) -> None:
    client_id = ivanov(db)
    card = card_for(qtbot, db, client_id)
    card.show()
    type_into(card, "name", "Сидоров")
    answers = Answers(Button.Cancel, Button.Discard)
    card.close()
    assert card.isVisible() and len(answers.messages) == 1  # asked; Cancel kept it open
    card.close()
    assert len(answers.messages) == 2
    assert not card.isVisible()
    assert stored(db, client_id).name == "Иванов Пётр"


def test_a_draft_survives_a_crash_and_is_offered_back(qtbot: QtBot, db: Database) -> None:
    client_id = ivanov(db)
    card = card_for(qtbot, db, client_id)
    type_into(card, "note", "Звонить после 15:00")
    qtbot.waitUntil(lambda: card._drafts.load(str(client_id)) is not None, timeout=3000)
    # the program dies here: the card is never closed; next time the draft is offered
    answers = Answers(Button.Yes)
    again = card_for(qtbot, db, client_id)
    assert answers.messages
    assert again.values()["note"] == "Звонить после 15:00"


def test_delete_from_the_list_and_undo(qtbot: QtBot, db: Database) -> None:
    client_id = ivanov(db)
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    table = window.clients.table
    table.selectRow(0)
    window.clients.delete_selected()
    assert window.model.rowCount() == 0
    assert stored(db, client_id).deleted_at is not None
    assert window.undo_button.isVisibleTo(window)
    window.undo()
    assert window.model.rowCount() == 1
    assert stored(db, client_id).deleted_at is None
