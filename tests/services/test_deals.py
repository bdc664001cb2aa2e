"""Deals: adding, products, checklists, moves with their history, the board and the list
(each test on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from crm_desktop.errors import Conflict, NotFound, Refused, ValidationError
from crm_desktop.i18n import set_language
from crm_desktop.models import Deal, Interaction, InteractionKind, Product, Role, utcnow
from crm_desktop.services.clients import ClientChanges, create_client, delete_client
from crm_desktop.services.deals import (
    ChecklistIncomplete,
    DealChanges,
    DealFilter,
    DealKey,
    DealRow,
    DealSort,
    LineInput,
    board,
    count_deals,
    create_deal,
    deals_of_client,
    delete_deal,
    edit_deal,
    get_deal,
    list_deals,
    move_deal,
    parse_amount,
    restore_deal,
    stage_cards,
    tick,
)
from crm_desktop.services.pipelines import (
    PipelineView,
    delete_stage,
    ensure_default_pipeline,
    set_checklist,
    set_required_fields,
)
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database


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
    client_id: uuid.UUID,
    title: str = "Поставка",
    login: str | None = "petrov",
    stage: str | None = None,
    lost_reason: str | None = None,
    **fields: object,
) -> uuid.UUID:
    with db.unit_of_work(login) as session:
        changes = DealChanges(title=title, client_id=client_id, **fields)  # type: ignore[arg-type]
        return create_deal(session, changes, stage=stage, lost_reason=lost_reason).id


def stage_changes(db: Database, deal_id: uuid.UUID) -> list[Interaction]:
    with db.unit_of_work() as session:
        return list(
            session.scalars(
                select(Interaction)
                .where(
                    Interaction.deal_id == deal_id,
                    Interaction.kind == InteractionKind.STAGE_CHANGE,
                )
                .order_by(Interaction.occurred_at)
            )
        )


# --- amounts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("150 000,50", "150000.50"),
        ("150\u00a0000,5", "150000.50"),
        ("1500", "1500.00"),
        ("1500.5", "1500.50"),
        ("1 500 ₽", "1500.00"),
        ("1 500 руб.", "1500.00"),
        ("1,500,000.00", "1500000.00"),
        ("1.500.000,25", "1500000.25"),
        ("0", "0.00"),
        (" 12,3 ", "12.30"),
    ],
)
def test_amounts_are_read_as_people_type_them(typed: str, amount: str) -> None:
    value = parse_amount(typed)
    assert value == Decimal(amount) and str(value) == amount


@pytest.mark.parametrize("typed", ["-5", "abc", "", "1,234", "10.005", "12,5,6", "1e5"])
def test_bad_amounts_are_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(ValidationError) as bad:
        parse_amount(typed)
    assert bad.value.field == "amount"
    assert bad.value.exit_code == 2


def test_money_is_never_a_float() -> None:
    with pytest.raises(TypeError):
        parse_amount(1.5)  # type: ignore[arg-type]


# --- adding and changing ------------------------------------------------------------------


def test_a_new_deal_starts_at_the_first_stage_owned_by_who_adds_it(
    db: Database, sales: PipelineView
) -> None:
    romashka = client(db)
    deal_id = deal(db, romashka, amount="150 000,50", expected_close="31.12.2026")
    with db.unit_of_work() as session:
        view = get_deal(session, deal_id)
    assert (view.pipeline, view.stage, view.owner) == ("Продажи", "Новый", "petrov")
    assert view.amount == Decimal("150000.50")
    assert view.probability == 10 and view.own_probability is None
    assert view.expected_close == dt.date(2026, 12, 31)
    assert view.client_name == "Ромашка" and view.currency == "RUB" and view.version == 1
    assert view.stage_entered_at is not None and view.closed_at is None
    json = view.to_json()
    assert json["amount"] == "150000.50" and json["expected_close"] == "2026-12-31"
    assert {"id", "title", "client_id", "pipeline", "stage", "owner", "version"} <= json.keys()


def test_deal_fields_are_checked(db: Database, sales: PipelineView) -> None:
    romashka = client(db)
    bad: list[tuple[dict[str, object], str]] = [
        ({"amount": "-1"}, "amount"),
        ({"probability": "140"}, "probability"),
        ({"probability": "много"}, "probability"),
        ({"owner": "nobody"}, "owner"),
        ({"expected_close": "31.02.2026"}, "expected_close"),
        ({"currency": "рубли"}, "currency"),
        ({"title": "   "}, "title"),
    ]
    for fields, field in bad:
        with db.unit_of_work("petrov") as session, pytest.raises(ValidationError) as error:
            changes = DealChanges(**{"title": "Сделка", "client_id": romashka, **fields})  # type: ignore[arg-type]
            create_deal(session, changes)
        assert error.value.field == field
    with db.unit_of_work() as session:
        assert count_deals(session) == 0


def test_a_deal_needs_a_live_client(db: Database, sales: PipelineView) -> None:
    romashka = client(db)
    with db.unit_of_work() as session:
        delete_client(session, romashka)
    with db.unit_of_work() as session, pytest.raises(ValidationError) as binned:
        create_deal(session, DealChanges(title="Поставка", client_id=romashka))
    assert binned.value.field == "client"
    with db.unit_of_work() as session, pytest.raises(ValidationError):
        create_deal(session, DealChanges(title="Поставка", client_id=uuid.uuid4()))


def test_products_make_the_amount(db: Database, sales: PipelineView) -> None:
    with db.unit_of_work() as session:
        shelf = Product(name="Стеллаж", sku="ST-1", price=Decimal("8900.00"), vat_rate=Decimal(22))
        cable = Product(name="Кабель ВВГ", sku="KV-3", price=Decimal("95.50"), vat_rate=None)
        session.add_all([shelf, cable])
        session.flush()
        shelf_id = shelf.id
    romashka = client(db)
    lines = [
        LineInput(product=shelf_id, quantity="3"),
        LineInput(product="KV-3", quantity="12,5"),
        LineInput(name="Монтаж", price="2 500", quantity=2, vat_rate="20"),
    ]
    deal_id = deal(db, romashka, amount="1", lines=lines)
    with db.unit_of_work() as session:
        view = get_deal(session, deal_id)
    # 3 × 8900 + 12.5 × 95.50 (1193.75) + 2 × 2500
    assert view.amount == Decimal("32893.75")
    assert [(ln.name, ln.quantity, ln.price, ln.vat_rate) for ln in view.lines] == [
        ("Стеллаж", Decimal("3.000"), Decimal("8900.00"), Decimal("22.00")),
        ("Кабель ВВГ", Decimal("12.500"), Decimal("95.50"), None),
        ("Монтаж", Decimal("2.000"), Decimal("2500.00"), Decimal("20.00")),
    ]
    assert view.lines[0].product_id == shelf_id and view.lines[2].product_id is None
    assert view.to_json()["lines"][1] == {
        "product_id": str(view.lines[1].product_id),
        "name": "Кабель ВВГ",
        "quantity": "12.5",
        "price": "95.50",
        "vat_rate": None,
        "amount": "1193.75",
    }
    with db.unit_of_work("ivanova") as session:
        edited = edit_deal(
            session, deal_id, DealChanges(lines=[LineInput(product="ST-1", quantity=1)])
        )
    assert edited.amount == Decimal("8900.00") and len(edited.lines) == 1
    assert edited.version == 2 and edited.updated_by == "ivanova"
    with db.unit_of_work() as session, pytest.raises(ValidationError) as unknown:
        edit_deal(session, deal_id, DealChanges(lines=[LineInput(product="NOPE")]))
    assert unknown.value.field == "product"
    with db.unit_of_work() as session, pytest.raises(ValidationError):
        edit_deal(session, deal_id, DealChanges(lines=[LineInput(product="ST-1", quantity="0")]))


def test_edit_changes_only_what_is_given(db: Database, sales: PipelineView) -> None:
    romashka = client(db)
    deal_id = deal(db, romashka, amount="1000", note="Срочно", probability="30")
    with db.unit_of_work("ivanova") as session:
        view = edit_deal(
            session,
            deal_id,
            DealChanges(owner="ivanova", expected_close="2027-01-15", probability=""),
            expected_version=1,
        )
    assert (view.owner, view.amount, view.note) == ("ivanova", Decimal("1000.00"), "Срочно")
    assert view.expected_close == dt.date(2027, 1, 15)
    assert view.probability == 10 and view.own_probability is None  # back to the stage's


# --- checklists and moves -----------------------------------------------------------------


def test_a_deal_moves_on_only_when_its_checklist_is_ticked(
    db: Database, sales: PipelineView
) -> None:
    new = sales.stages[0]
    with db.unit_of_work() as session:
        set_checklist(session, new.id, ["ИНН проверен", "Потребность выяснена"])
    deal_id = deal(db, client(db))
    with db.unit_of_work("petrov") as session, pytest.raises(ChecklistIncomplete) as refused:
        move_deal(session, deal_id, "Квалификация")
    error = refused.value
    assert isinstance(error, Refused) and error.exit_code == 3
    assert error.unticked == ["ИНН проверен", "Потребность выяснена"]
    assert error.missing_fields == [] and error.stage == "Новый"
    assert '"ИНН проверен", "Потребность выяснена"' in str(error)
    # the refused move changed nothing
    with db.unit_of_work() as session:
        view = get_deal(session, deal_id)
    assert (view.stage, view.version) == ("Новый", 1)
    assert not view.can_move_on
    assert stage_changes(db, deal_id) == []

    with db.unit_of_work("petrov") as session:
        tick(session, deal_id, "инн проверен")
    with db.unit_of_work("petrov") as session, pytest.raises(ChecklistIncomplete) as still:
        move_deal(session, deal_id, "Квалификация")
    assert still.value.unticked == ["Потребность выяснена"]
    with db.unit_of_work("petrov") as session:
        item = get_deal(session, deal_id).checklist[1]
        ticked = tick(session, deal_id, item.item_id)
        assert ticked.can_move_on
        moved = move_deal(session, deal_id, "Квалификация")
    assert moved.stage == "Квалификация" and moved.version == 2


def test_unticking_blocks_again_and_moving_back_or_losing_is_free(
    db: Database, sales: PipelineView
) -> None:
    qualification = sales.stages[1]
    with db.unit_of_work() as session:
        set_checklist(session, qualification.id, ["КП согласовано"])
    deal_id = deal(db, client(db), stage="Квалификация")
    with db.unit_of_work() as session:
        tick(session, deal_id, "КП согласовано")
        tick(session, deal_id, "КП согласовано", done=False)
    with db.unit_of_work() as session, pytest.raises(ChecklistIncomplete):
        move_deal(session, deal_id, "Успешно")  # winning is moving on too
    with db.unit_of_work() as session:
        back = move_deal(session, deal_id, "Новый")
    assert back.stage == "Новый"
    with db.unit_of_work() as session:
        move_deal(session, deal_id, "Квалификация")
        lost = move_deal(session, deal_id, "Проиграно", lost_reason="Дорого")
    assert lost.stage == "Проиграно" and lost.lost_reason == "Дорого"


def test_required_fields_must_be_filled_before_leaving(db: Database, sales: PipelineView) -> None:
    with db.unit_of_work() as session:
        set_required_fields(session, sales.stages[0].id, ["amount", "expected_close"])
        set_checklist(session, sales.stages[0].id, ["ИНН проверен"])
    deal_id = deal(db, client(db))
    with db.unit_of_work() as session, pytest.raises(ChecklistIncomplete) as refused:
        move_deal(session, deal_id, "КП отправлено")
    assert refused.value.missing_fields == ["amount", "expected_close"]
    assert refused.value.unticked == ["ИНН проверен"]
    message = str(refused.value)
    assert "the amount, the expected close date" in message and '"ИНН проверен"' in message
    with db.unit_of_work() as session:
        tick(session, deal_id, "ИНН проверен")
        edit_deal(session, deal_id, DealChanges(amount="50 000"))
    with db.unit_of_work() as session, pytest.raises(ChecklistIncomplete) as left:
        move_deal(session, deal_id, "КП отправлено")
    assert left.value.missing_fields == ["expected_close"] and left.value.unticked == []
    with db.unit_of_work() as session:
        assert get_deal(session, deal_id).missing_fields == ("expected_close",)
        edit_deal(session, deal_id, DealChanges(expected_close="01.03.2027"))
        assert move_deal(session, deal_id, "КП отправлено").stage == "КП отправлено"


def test_the_refusal_reads_in_russian(db: Database, sales: PipelineView) -> None:
    with db.unit_of_work() as session:
        set_checklist(session, sales.stages[0].id, ["ИНН проверен", "КП отправлено"])
        set_required_fields(session, sales.stages[0].id, ["owner"])
    deal_id = deal(db, client(db), login=None)
    set_language("ru")
    with db.unit_of_work() as session, pytest.raises(ChecklistIncomplete) as refused:
        move_deal(session, deal_id, "Переговоры")
    assert str(refused.value) == (
        "Сделку нельзя перевести дальше стадии «Новый»: не выполнен чек-лист "
        "(«ИНН проверен», «КП отправлено») и нужно заполнить ответственного."
    )


def test_a_lost_deal_needs_its_reason(db: Database, sales: PipelineView) -> None:
    deal_id = deal(db, client(db))
    for reason in (None, "   "):
        with db.unit_of_work() as session, pytest.raises(ValidationError) as missing:
            move_deal(session, deal_id, "Проиграно", lost_reason=reason)
        assert missing.value.field == "lost_reason"
    with db.unit_of_work("petrov") as session:
        lost = move_deal(session, deal_id, "проиграно", lost_reason=" Выбрали  конкурента ")
    assert lost.lost_reason == "Выбрали конкурента"
    assert lost.closed_at is not None and lost.probability == 0
    with db.unit_of_work() as session, pytest.raises(ValidationError):
        create_deal(
            session,
            DealChanges(title="Сразу проиграна", client_id=lost.client_id),
            stage="Проиграно",
        )


def test_closing_stamps_closed_at_and_reopening_clears_it(
    db: Database, sales: PipelineView
) -> None:
    deal_id = deal(db, client(db), probability="35")
    before = utcnow()
    with db.unit_of_work("petrov") as session:
        won = move_deal(session, deal_id, "Успешно")
    assert won.closed_at is not None and won.closed_at >= before
    assert won.probability == 100 and won.outcome.value == "won"
    with db.unit_of_work("petrov") as session:
        reopened = move_deal(session, deal_id, "Переговоры")
    assert reopened.closed_at is None and reopened.lost_reason is None
    assert reopened.probability == 60


def test_every_move_is_written_to_the_clients_history(db: Database, sales: PipelineView) -> None:
    romashka = client(db)
    deal_id = deal(db, romashka)
    started = utcnow()
    with db.unit_of_work("petrov") as session:
        move_deal(session, deal_id, "Квалификация")
    with db.unit_of_work("ivanova") as session:
        move_deal(session, deal_id, "КП отправлено")
        move_deal(session, deal_id, "Проиграно", lost_reason="Дорого")
    with db.unit_of_work("ivanova") as session:
        move_deal(session, deal_id, "Проиграно")  # the same stage: no move, no entry
    entries = stage_changes(db, deal_id)
    assert [(e.user_login, e.text) for e in entries] == [
        ("petrov", "Stage: Новый → Квалификация"),
        ("ivanova", "Stage: Квалификация → КП отправлено"),
        ("ivanova", "Stage: КП отправлено → Проиграно. Reason: Дорого"),
    ]
    assert all(e.client_id == romashka and e.subject == "Поставка" for e in entries)
    assert all(started <= e.occurred_at <= utcnow() for e in entries)
    with db.unit_of_work() as session:
        view = get_deal(session, deal_id)
    assert view.stage_entered_at == entries[-1].occurred_at


def test_history_text_is_in_the_users_language(db: Database, sales: PipelineView) -> None:
    deal_id = deal(db, client(db))
    set_language("ru")
    with db.unit_of_work("petrov") as session:
        move_deal(session, deal_id, "Проиграно", lost_reason="Дорого")
    assert [e.text for e in stage_changes(db, deal_id)] == [
        "Стадия: Новый → Проиграно. Причина: Дорого"
    ]


def test_unknown_stage_or_item_names_what_there_is(db: Database, sales: PipelineView) -> None:
    with db.unit_of_work() as session:
        set_checklist(session, sales.stages[0].id, ["ИНН проверен"])
    deal_id = deal(db, client(db))
    with db.unit_of_work() as session, pytest.raises(NotFound) as stage:
        move_deal(session, deal_id, "Счёт оплачен")
    assert '"Счёт выставлен"' in str(stage.value)
    with db.unit_of_work() as session, pytest.raises(NotFound) as item:
        tick(session, deal_id, "Договор подписан")
    assert '"ИНН проверен"' in str(item.value)


def test_a_move_on_a_deal_changed_meanwhile_names_who_and_when(
    db: Database, sales: PipelineView
) -> None:
    deal_id = deal(db, client(db))
    with db.unit_of_work("ivanova") as session:
        seen = get_deal(session, deal_id)  # the card petrov has open is at this version
    with db.unit_of_work("ivanova") as session:
        changed = move_deal(session, deal_id, "Квалификация", expected_version=seen.version)
    assert changed.updated_at is not None
    at = changed.updated_at.astimezone().strftime("%H:%M")
    with db.unit_of_work("petrov") as session, pytest.raises(Conflict) as conflict:
        move_deal(session, deal_id, "Переговоры", expected_version=seen.version)
    assert str(conflict.value) == f"The deal was changed by ivanova at {at}, reload?"
    assert conflict.value.exit_code == 3
    with db.unit_of_work("petrov") as session, pytest.raises(Conflict):
        edit_deal(session, deal_id, DealChanges(amount="5"), expected_version=seen.version)
    with db.unit_of_work() as session:
        view = get_deal(session, deal_id)
    assert (view.stage, view.amount, view.version) == ("Квалификация", Decimal("0.00"), 2)
    set_language("ru")
    with db.unit_of_work("petrov") as session, pytest.raises(Conflict) as russian:
        move_deal(session, deal_id, "Переговоры", expected_version=1)
    assert str(russian.value) == f"Сделку изменил ivanova в {at}, обновить?"


# --- the board ----------------------------------------------------------------------------


def test_board_counts_and_totals_each_column_exactly(db: Database, sales: PipelineView) -> None:
    romashka, vektor = client(db), client(db, "Вектор")
    deal(db, romashka, amount="0.10")
    deal(db, romashka, amount="0.20", login="ivanova")
    deal(db, vektor, amount="150 000,35", stage="Переговоры")
    deal(db, vektor, amount="99 999 999 999,99", stage="Переговоры", login="ivanova")
    deal(db, vektor, amount="1000", stage="Успешно")
    with db.unit_of_work() as session:
        result = board(session, sales.id)
    columns = {c.stage.name: c for c in result.columns}
    assert [c.stage.name for c in result.columns] == [s.name for s in sales.stages]
    assert (columns["Новый"].count, columns["Новый"].total) == (2, Decimal("0.30"))
    assert columns["Переговоры"].total == Decimal("100000150000.34")
    assert isinstance(columns["Переговоры"].total, Decimal)
    assert (columns["Успешно"].count, columns["Успешно"].total) == (1, Decimal("1000.00"))
    assert (columns["Квалификация"].count, columns["Квалификация"].total) == (0, Decimal("0.00"))
    card = columns["Переговоры"].cards[0]  # the latest to enter the stage first
    assert (card.client_name, card.amount, card.owner) == (
        "Вектор",
        Decimal("99999999999.99"),
        "ivanova",
    )
    assert result.count == 5
    with db.unit_of_work() as session:
        mine = board(session, sales.id, owner="petrov")
    assert {c.stage.name: (c.count, c.total) for c in mine.columns if c.count} == {
        "Новый": (1, Decimal("0.10")),
        "Переговоры": (1, Decimal("150000.35")),
        "Успешно": (1, Decimal("1000.00")),
    }


def test_board_filters_by_period_and_leaves_old_closed_deals_off(
    db: Database, sales: PipelineView
) -> None:
    romashka = client(db)
    deal(db, romashka, amount="100", expected_close="2027-01-10")
    deal(db, romashka, amount="200", expected_close="2027-01-31")
    deal(db, romashka, amount="400", expected_close="2027-02-01")
    deal(db, romashka, amount="800")
    old = deal(db, romashka, amount="1600", stage="Успешно", expected_close="2027-01-15")
    with db.unit_of_work() as session:
        session.execute(
            update(Deal).where(Deal.id == old).values(closed_at=utcnow() - dt.timedelta(days=90))
        )
    january = (dt.date(2027, 1, 1), dt.date(2027, 1, 31))
    with db.unit_of_work() as session:
        in_january = board(session, sales.id, period=january)
        everything = board(session, sales.id)
        all_closed = board(session, sales.id, closed_within=None)
    totals = {c.stage.name: (c.count, c.total) for c in in_january.columns if c.count}
    assert totals == {"Новый": (2, Decimal("300.00")), "Успешно": (1, Decimal("1600.00"))}
    assert [c.count for c in everything.columns if c.stage.name == "Успешно"] == [0]
    assert [c.count for c in all_closed.columns if c.stage.name == "Успешно"] == [1]
    assert everything.columns[0].total == Decimal("1500.00")


def test_board_shows_the_first_cards_and_pages_through_the_rest(
    db: Database, sales: PipelineView
) -> None:
    romashka = client(db)
    made = [deal(db, romashka, title=f"Сделка {i}", amount=str(i)) for i in range(7)]
    with db.unit_of_work() as session:
        result = board(session, sales.id, limit_per_stage=3)
    first = result.columns[0]
    assert first.count == 7 and first.has_more
    assert first.total == Decimal(sum(range(7))).quantize(Decimal("0.01"))
    assert [c.id for c in first.cards] == made[::-1][:3]
    shown: list[DealRow] = list(first.cards)
    while True:
        with db.unit_of_work() as session:
            more = stage_cards(session, sales.id, first.stage.id, after=shown[-1], limit=3)
        if not more:
            break
        shown += more
    assert [c.id for c in shown] == made[::-1]


# --- the list and a client's deals --------------------------------------------------------


def test_the_list_pages_in_each_order(db: Database, sales: PipelineView) -> None:
    romashka, vektor = client(db), client(db, "Вектор")
    amounts = ["500", "100", "500", "300", "0", "900", "100"]
    closes: list[str | None] = [
        "2027-03-01",
        None,
        "2027-01-01",
        "2027-03-01",
        None,
        "2027-02-01",
        "2027-01-01",
    ]
    ids = [
        deal(
            db,
            romashka if i % 2 else vektor,
            title=f"Сделка {i}",
            amount=amount,
            expected_close=close or "",
        )
        for i, (amount, close) in enumerate(zip(amounts, closes, strict=True))
    ]
    expected = {
        DealSort.NEWEST: ids[::-1],
        DealSort.AMOUNT: sorted(ids, key=lambda i: (Decimal(amounts[ids.index(i)]), i))[::-1],
        DealSort.EXPECTED_CLOSE: sorted(
            ids, key=lambda i: (closes[ids.index(i)] or "9999-12-31", i)
        ),
    }
    for sort, order in expected.items():
        walked: list[uuid.UUID] = []
        after: DealKey | None = None
        while True:
            with db.unit_of_work() as session:
                page = list_deals(session, sort=sort, after=after, limit=2)
            walked += [row.id for row in page.rows]
            if page.next_key is None:
                break
            after = page.next_key
        assert walked == order, sort
    with db.unit_of_work() as session:
        romashkas = list_deals(session, where=DealFilter(client_id=romashka)).rows
        assert count_deals(session, DealFilter(client_id=romashka)) == 3
    assert [r.id for r in romashkas] == [ids[5], ids[3], ids[1]]


def test_list_filters_by_stage_owner_and_open(db: Database, sales: PipelineView) -> None:
    romashka = client(db)
    first = deal(db, romashka)
    second = deal(db, romashka, login="ivanova", stage="Переговоры")
    won = deal(db, romashka, stage="Успешно")
    negotiations = sales.stages[3].id
    with db.unit_of_work() as session:
        by_stage = list_deals(session, where=DealFilter(stage_id=negotiations)).rows
        by_owner = list_deals(session, where=DealFilter(owner="petrov")).rows
        still_open = list_deals(session, where=DealFilter(open_only=True)).rows
        of_pipeline = list_deals(session, where=DealFilter(pipeline_id=sales.id)).rows
    assert [r.id for r in by_stage] == [second]
    assert [r.id for r in by_owner] == [won, first]
    assert [r.id for r in still_open] == [second, first]
    assert len(of_pipeline) == 3


def test_a_clients_deals_open_ones_first(db: Database, sales: PipelineView) -> None:
    romashka, vektor = client(db), client(db, "Вектор")
    won = deal(db, romashka, title="Первая", stage="Успешно")
    open_ = deal(db, romashka, title="Вторая")
    deal(db, vektor, title="Чужая")
    with db.unit_of_work() as session:
        rows = deals_of_client(session, romashka)
    assert [r.id for r in rows] == [open_, won]
    assert rows[1].outcome.value == "won" and rows[1].probability == 100


def test_a_binned_deal_leaves_the_lists_and_keeps_its_stage(
    db: Database, sales: PipelineView
) -> None:
    romashka = client(db)
    kept = deal(db, romashka, amount="100")
    binned = deal(db, romashka, amount="900", stage="Переговоры")
    with db.unit_of_work() as session:
        delete_deal(session, binned)
    with db.unit_of_work() as session:
        assert [r.id for r in deals_of_client(session, romashka)] == [kept]
        assert [r.id for r in list_deals(session).rows] == [kept]
        assert [r.id for r in list_deals(session, where=DealFilter(deleted=True)).rows] == [binned]
        assert board(session, sales.id).count == 1
        with pytest.raises(ValidationError):
            move_deal(session, binned, "Успешно")
    with db.unit_of_work() as session, pytest.raises(Refused):
        delete_stage(session, sales.stages[3].id)  # restored, the deal comes back there
    with db.unit_of_work() as session:
        restored = restore_deal(session, binned)
    assert restored.stage == "Переговоры" and restored.deleted_at is None
