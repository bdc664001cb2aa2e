"""The Deals page on both databases: column counts and exact totals, cards dragged from
one column to another (the drop goes through the column view's own drop handling, as a
real drag does), a move refused by a checklist, a lost reason asked, a deal changed by
someone else meanwhile, the owner filter, "+ K more" and the list view opening the card."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.i18n.formats import format_money
from crm_desktop.models import Interaction, InteractionKind, Role
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.deals import DealChanges, create_deal, edit_deal, get_deal
from crm_desktop.services.pipelines import PipelineView, ensure_default_pipeline, set_checklist
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.deal_board import DealsPage
from crm_desktop.ui.deal_card import DealCard
from crm_desktop.ui.deal_columns import StageColumn
from tests.ui.dialogs import Answers

WAIT = 30_000


@pytest.fixture
def sales(db: Database) -> PipelineView:
    with db.unit_of_work() as session:
        add_user(session, "petrov", Role.MANAGER, full_name="Петров Алексей")
        add_user(session, "ivanova", Role.MANAGER, full_name="Иванова Мария")
        return ensure_default_pipeline(session)


def client(db: Database, name: str = "Ромашка") -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name=name)).id


def deal(
    db: Database,
    title: str,
    amount: str = "1000",
    *,
    owner: str = "petrov",
    stage: str | None = None,
    client_id: uuid.UUID | None = None,
) -> uuid.UUID:
    with db.unit_of_work(owner) as session:
        changes = DealChanges(title=title, client_id=client_id or client(db), amount=amount)
        return create_deal(session, changes, stage=stage).id


def page_for(qtbot: QtBot, db: Database, login: str | None = "petrov", **kw: int) -> DealsPage:
    page = DealsPage(db, login, **kw)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        pass  # the first board arrives from a worker
    return page


def reloaded(qtbot: QtBot, page: DealsPage) -> None:
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        page.refresh()


def drop(column_from: StageColumn, row: int, column_to: StageColumn) -> bool:
    """Drag a card as a real drag does: the MIME data the source view would drag, then
    the target column view's own drag-enter, drag-move and drop handlers (what Qt's drag
    manager calls). True when the target accepted the drag."""
    data = column_from.model.mimeData([column_from.model.index(row, 0)])
    at = QPointF(column_to.view.viewport().rect().center())
    move, left = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at.toPoint(), move, data, left, none)
    column_to.view.dragEnterEvent(enter)
    over = QDragMoveEvent(at.toPoint(), move, data, left, none)
    column_to.view.dragMoveEvent(over)
    column_to.view.dropEvent(QDropEvent(at, move, data, left, none))
    return enter.isAccepted() and over.isAccepted()


def history_of(db: Database, deal_id: uuid.UUID) -> list[Interaction]:
    with db.unit_of_work() as session:
        return list(
            session.scalars(
                select(Interaction).where(
                    Interaction.deal_id == deal_id,
                    Interaction.kind == InteractionKind.STAGE_CHANGE,
                )
            )
        )


def stage_of(db: Database, deal_id: uuid.UUID) -> str:
    with db.unit_of_work() as session:
        return get_deal(session, deal_id).stage


def test_each_column_shows_its_count_and_exact_total(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    deal(db, "Поставка мебели", "150 000,50")
    deal(db, "Стулья", "0,25")
    deal(db, "Ремонт", "99.99", stage="Переговоры")
    page = page_for(qtbot, db)
    board = page.board_view
    assert [c.stage.name for c in board.columns] == [s.name for s in sales.stages]
    new = board.column("Новый")
    assert new.summary_text() == f"2 · {format_money(Decimal('150000.75'))}"
    assert "150,000.75" in new.summary_text()  # not a float's 150000.74999
    assert board.column("Переговоры").summary_text() == f"1 · {format_money(Decimal('99.99'))}"
    assert board.column("Успешно").summary_text() == f"0 · {format_money(Decimal('0'))}"
    assert [d.title for d in new.model.deals()] == ["Стулья", "Поставка мебели"]
    assert not board.column("Успешно").empty.isHidden()
    won, lost = board.column("Успешно"), board.column("Проиграно")
    assert won.styleSheet() != new.styleSheet() != lost.styleSheet()


def test_dragging_a_card_moves_the_deal_and_writes_its_history(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    moved = deal(db, "Поставка мебели", "5000")
    page = page_for(qtbot, db)
    source, target = page.board_view.column("Новый"), page.board_view.column("Квалификация")
    with (
        qtbot.waitSignal(page.sig_moved, timeout=WAIT),
        qtbot.waitSignal(page.sig_loaded, timeout=WAIT),
    ):
        assert drop(source, 0, target)
    assert stage_of(db, moved) == "Квалификация"
    entries = history_of(db, moved)
    assert [e.text for e in entries] == ["Stage: Новый → Квалификация"]
    assert entries[0].user_login == "petrov"
    qtbot.waitUntil(lambda: target.model.rowCount() == 1, timeout=WAIT)
    assert source.model.rowCount() == 0
    assert target.summary_text() == f"1 · {format_money(Decimal('5000'))}"


def test_a_drag_that_would_break_the_checklist_explains_and_does_not_move(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    with db.unit_of_work() as session:
        set_checklist(session, sales.stages[0].id, ["ИНН проверен"])
    stuck = deal(db, "Поставка мебели")
    page = page_for(qtbot, db)
    source, target = page.board_view.column("Новый"), page.board_view.column("Квалификация")
    with qtbot.waitSignal(page.sig_move_refused, timeout=WAIT) as refused:
        assert drop(source, 0, target)
    assert "ИНН проверен" in refused.args[0]
    assert page.banner.isVisibleTo(page)
    assert "ИНН проверен" in page.banner_text.text()
    assert stage_of(db, stuck) == "Новый"
    assert history_of(db, stuck) == []
    assert [d.id for d in source.model.deals()] == [stuck]
    assert target.model.rowCount() == 0


def test_a_drop_on_its_own_column_does_nothing(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    deal(db, "Поставка мебели")
    page = page_for(qtbot, db)
    column = page.board_view.column("Новый")
    data = column.model.mimeData([column.model.index(0, 0)])
    assert not column.model.canDropMimeData(
        data, Qt.DropAction.MoveAction, -1, -1, column.model.index(-1, 0)
    )
    with qtbot.assertNotEmitted(column.model.sig_dropped):
        assert not drop(column, 0, column)


def test_moving_to_the_lost_stage_asks_why_and_cancel_keeps_it(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    lost = deal(db, "Поставка мебели")
    page = page_for(qtbot, db)
    source, target = page.board_view.column("Новый"), page.board_view.column("Проиграно")
    Answers(None)  # the reason is asked: Cancel
    with qtbot.assertNotEmitted(page.sig_moved, wait=300):
        assert drop(source, 0, target)
        qtbot.wait(200)
    assert stage_of(db, lost) == "Новый"
    Answers("Выбрали конкурента")
    with qtbot.waitSignal(page.sig_moved, timeout=WAIT) as moved:
        assert drop(source, 0, target)
    assert moved.args[0].stage == "Проиграно"
    with db.unit_of_work() as session:
        assert get_deal(session, lost).lost_reason == "Выбрали конкурента"
    assert history_of(db, lost)[0].text.endswith("Reason: Выбрали конкурента")


def test_a_deal_changed_meanwhile_is_not_moved_and_the_board_offers_to_reload(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    changed = deal(db, "Поставка мебели", "1000")
    page = page_for(qtbot, db)
    with db.unit_of_work("ivanova") as session:
        edit_deal(session, changed, DealChanges(amount="2000"))
    answers = Answers(QMessageBox.StandardButton.Yes)
    source, target = page.board_view.column("Новый"), page.board_view.column("Квалификация")
    with (
        qtbot.waitSignal(page.sig_move_refused, timeout=WAIT) as refused,
        qtbot.waitSignal(page.sig_loaded, timeout=WAIT),
    ):
        assert drop(source, 0, target)
    assert "ivanova" in refused.args[0] and "reload" in refused.args[0]
    assert answers.messages and "ivanova" in answers.messages[0]
    assert stage_of(db, changed) == "Новый"
    assert source.summary_text() == f"1 · {format_money(Decimal('2000'))}"  # reloaded


def test_the_owner_filter_keeps_one_managers_deals(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    deal(db, "Петрова сделка", "100", owner="petrov")
    deal(db, "Сделка Ивановой", "200", owner="ivanova")
    deal(db, "Ещё Ивановой", "300", owner="ivanova", stage="Переговоры")
    page = page_for(qtbot, db)
    assert page.board_view.board is not None and page.board_view.board.count == 3
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        page.bar.choose_owner("ivanova")
    column = page.board_view.column("Новый")
    assert [d.title for d in column.model.deals()] == ["Сделка Ивановой"]
    assert column.summary_text() == f"1 · {format_money(Decimal('200'))}"
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        page.bar.owner.setCurrentIndex(page.bar.owner.findData("petrov"))  # "My deals"
    assert page.bar.owner.currentText() == "My deals"
    assert [d.title for d in column.model.deals()] == ["Петрова сделка"]
    assert page.board_view.board is not None and page.board_view.board.count == 1


def test_the_period_filter_keeps_deals_closing_in_it(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    from crm_desktop.ui.deal_filter_bar import PeriodKind

    soon, later = deal(db, "Скоро"), deal(db, "Потом")
    today = dt.date.today()
    with db.unit_of_work("petrov") as session:
        edit_deal(session, soon, DealChanges(expected_close=today - dt.timedelta(days=3)))
        edit_deal(session, later, DealChanges(expected_close=today + dt.timedelta(days=400)))
    page = page_for(qtbot, db)
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        page.bar.choose_period(PeriodKind.OVERDUE)
    assert [d.title for d in page.board_view.column("Новый").model.deals()] == ["Скоро"]
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        page.bar.choose_period(
            PeriodKind.CUSTOM, (today + dt.timedelta(days=300), today + dt.timedelta(days=500))
        )
    assert [d.title for d in page.board_view.column("Новый").model.deals()] == ["Потом"]


def test_more_cards_than_shown_lead_to_the_list_of_that_stage_which_opens_the_card(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    for n in range(3):
        deal(db, f"Сделка {n}", str(100 * (n + 1)))
    deal(db, "Другая стадия", stage="Переговоры")
    page = page_for(qtbot, db, cards_per_column=2)
    column = page.board_view.column("Новый")
    assert column.model.rowCount() == 2
    assert column.more.isVisibleTo(page) and column.more.text() == "+ 1 more"
    assert column.summary_text() == f"3 · {format_money(Decimal('600'))}"
    model = page.list_view.model
    with qtbot.waitSignal(model.sig_loaded, timeout=WAIT):
        column.more.click()
    assert page.mode == "list"
    assert model.rowCount() == 3
    assert {model.deal_at(r).stage for r in range(3)} == {"Новый"}  # type: ignore[union-attr]
    amount_column = model.COLUMNS.index("amount")
    with qtbot.waitSignal(model.sig_loaded, timeout=WAIT):
        page.list_view.table.horizontalHeader().sectionClicked.emit(amount_column)
    assert [model.index(r, amount_column).data() for r in range(3)] == [
        format_money(Decimal(a)) for a in ("300", "200", "100")
    ]
    index = model.index(0, 0)
    page.list_view.table.doubleClicked.emit(index)
    cards = page.findChildren(DealCard)
    assert len(cards) == 1
    card = cards[0]
    qtbot.waitUntil(lambda: card.loaded, timeout=WAIT)
    assert card.fields.title.text() == "Сделка 2"
    card.close()
    with qtbot.waitSignal(model.sig_loaded, timeout=WAIT):
        page.list_view.clear_stage.click()
    assert model.rowCount() == 4


def test_a_card_opens_from_the_board_and_a_new_deal_appears_there(
    qtbot: QtBot, db: Database, sales: PipelineView
) -> None:
    deal(db, "Поставка мебели", client_id=client(db, "Ромашка"))
    page = page_for(qtbot, db)
    column = page.board_view.column("Новый")
    column.view.doubleClicked.emit(column.model.index(0, 0))
    card = page.findChildren(DealCard)[0]
    qtbot.waitUntil(lambda: card.loaded, timeout=WAIT)
    assert card.fields.client.text() == "Ромашка"
    card.close()
    new = page.new_deal()
    qtbot.waitUntil(lambda: new.loaded, timeout=WAIT)
    new.fields.title.setText("Вторая сделка")
    new.fields.client.set_client(card.fields.client.client_id(), "Ромашка")
    new.fields.amount.setText("700")
    with (
        qtbot.waitSignal(page.sig_loaded, timeout=WAIT),
        qtbot.waitSignal(page.sig_message, timeout=WAIT) as message,
    ):
        new.save(close_after=True)
    assert "Вторая сделка" in message.args[0]
    assert column.summary_text() == f"2 · {format_money(Decimal('1700'))}"


def test_a_new_database_gets_the_default_pipeline_and_an_empty_board(
    qtbot: QtBot, db: Database
) -> None:
    page = page_for(qtbot, db, login=None)
    qtbot.waitUntil(lambda: bool(page.board_view.columns), timeout=WAIT)
    assert page.board_view.columns[0].stage.name == "Новый"
    assert page.empty.isVisibleTo(page)
    assert not page.bar.pipeline.isVisibleTo(page)  # one pipeline: no chooser
