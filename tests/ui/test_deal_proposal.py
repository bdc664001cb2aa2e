"""The commercial proposal from the deal card, on both databases: the PDF is made in a
worker and written where asked, with the deal's products and total; a card with unsaved
edits asks to save first instead of printing what is stored."""

from __future__ import annotations

import uuid
from pathlib import Path

import pypdf
import pytest
from pytestqt.qtbot import QtBot

from crm_desktop.models import Role
from crm_desktop.services.deal_lines import LineInput
from crm_desktop.services.deals import DealChanges, create_deal
from crm_desktop.services.pipelines import ensure_default_pipeline
from crm_desktop.services.products import ProductChanges, create_product
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.deal_card import DealCard
from crm_desktop.ui.proposal_files import save_proposal_file
from tests.services.invoice_setup import set_up

WAIT = 30_000


@pytest.fixture
def deal_id(db: Database) -> uuid.UUID:
    client_id = set_up(db)  # the company (VAT 22 % included) and a client
    with db.unit_of_work() as session:
        ensure_default_pipeline(session)
        add_user(session, "petrov", Role.MANAGER, full_name="Петров Алексей")
        product = create_product(
            session,
            ProductChanges(name="Проектор Epson EB-992F", sku="EB-992F", price="87 450,50"),
        )
    lines = [LineInput(product=product.id, quantity="2")]  # from the price list
    with db.unit_of_work("petrov") as session:
        changes = DealChanges(title="Оснащение зала", client_id=client_id, lines=lines)
        return create_deal(session, changes).id


def card_for(qtbot: QtBot, db: Database, deal_id: uuid.UUID) -> DealCard:
    card = DealCard(db, "petrov", deal_id)
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    with qtbot.waitSignal(card.sig_loaded, timeout=WAIT):
        pass
    return card


def text_of(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_proposal_is_saved_with_the_deals_products(
    qtbot: QtBot, db: Database, deal_id: uuid.UUID, tmp_path: Path
) -> None:
    card = card_for(qtbot, db, deal_id)
    assert card.proposal_button.isEnabled()
    target = tmp_path / "КП.pdf"
    saved: list[Path] = []
    save_proposal_file(card, db, "petrov", deal_id, target=target, on_saved=saved.append)
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT)
    assert saved == [target.absolute()]
    text = text_of(target)
    assert "Коммерческое предложение" in text
    assert "Проектор Epson EB-992F" in text
    assert "174 901,00" in text  # 2 × 87 450,50
    assert "Оснащение зала" in text


def test_the_card_button_saves_and_unsaved_edits_come_first(
    qtbot: QtBot, db: Database, deal_id: uuid.UUID, tmp_path: Path
) -> None:
    card = card_for(qtbot, db, deal_id)
    card.fields.title.setText("Оснащение зала и переговорной")
    target = tmp_path / "proposal.pdf"
    assert card.save_proposal(target=target) is None  # not printed: the edit is not saved
    assert "Save the deal first" in card.errors["form"].text()
    assert not target.exists()
    card.discard_changes()
    saved: list[Path] = []
    assert card.save_proposal(target=target, on_saved=saved.append) is not None
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT)
    assert card.errors["form"].text() == ""
    assert "Проектор Epson EB-992F" in text_of(target)


def test_a_new_deal_has_no_proposal_yet(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        ensure_default_pipeline(session)
    card = DealCard(db, None, None)
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    qtbot.waitUntil(lambda: card.loaded, timeout=WAIT)
    assert not card.proposal_button.isEnabled()
    assert card.save_proposal() is None
