"""Pipelines and their stages, set up by an administrator (each test on SQLite and
PostgreSQL)."""

from __future__ import annotations

import pytest

from crm_desktop.errors import NotFound, PermissionDenied, Refused, ValidationError
from crm_desktop.models import Role, StageOutcome
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.deals import DealChanges, create_deal, get_deal, move_deal, tick
from crm_desktop.services.demo import generate_demo
from crm_desktop.services.pipelines import (
    add_pipeline,
    add_stage,
    delete_stage,
    ensure_default_pipeline,
    find_pipeline,
    find_stage,
    list_pipelines,
    rename_pipeline,
    rename_stage,
    reorder_stages,
    set_checklist,
    set_default_pipeline,
    set_required_fields,
    set_stage_probability,
)
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database

DEFAULT = [
    ("Новый", 10, StageOutcome.OPEN),
    ("Квалификация", 20, StageOutcome.OPEN),
    ("КП отправлено", 40, StageOutcome.OPEN),
    ("Переговоры", 60, StageOutcome.OPEN),
    ("Счёт выставлен", 80, StageOutcome.OPEN),
    ("Успешно", 100, StageOutcome.WON),
    ("Проиграно", 0, StageOutcome.LOST),
]


def test_default_pipeline_is_made_once_with_its_seven_stages(db: Database) -> None:
    with db.unit_of_work() as session:
        first = ensure_default_pipeline(session)
    with db.unit_of_work() as session:
        again = ensure_default_pipeline(session)
        pipelines = list_pipelines(session)
    assert again.id == first.id
    assert [p.name for p in pipelines] == ["Продажи"]
    assert pipelines[0].is_default
    assert [(s.name, s.probability, s.outcome) for s in pipelines[0].stages] == DEFAULT
    assert [s.position for s in pipelines[0].stages] == list(range(7))


def test_demo_uses_the_same_default_pipeline(db: Database) -> None:
    with db.unit_of_work() as session:
        made = ensure_default_pipeline(session)
    with db.unit_of_work() as session:
        report = generate_demo(session, 30)
        pipelines = list_pipelines(session)
    assert report.deals > 0
    assert [p.id for p in pipelines] == [made.id]


def test_stages_are_added_renamed_reordered_and_removed(db: Database) -> None:
    with db.unit_of_work() as session:
        pipeline = ensure_default_pipeline(session)
        stages = {s.name: s for s in pipeline.stages}
        demo = add_stage(session, pipeline.id, "  Демонстрация ", probability=50)
        refused = add_stage(session, pipeline.id, "Отказ клиента", outcome=StageOutcome.LOST)
    with db.unit_of_work() as session:
        names = [s.name for s in find_pipeline(session).stages]
    # an open stage goes after the last open one, a closing one at the end
    assert names == [
        "Новый",
        "Квалификация",
        "КП отправлено",
        "Переговоры",
        "Счёт выставлен",
        "Демонстрация",
        "Успешно",
        "Проиграно",
        "Отказ клиента",
    ]
    assert demo.probability == 50 and refused.probability == 0
    with db.unit_of_work() as session:
        renamed = rename_stage(session, demo.id, "Демо продукта")
        set_stage_probability(session, demo.id, 55)
        order = [stages["Новый"].id, demo.id, *(s.id for s in pipeline.stages[1:]), refused.id]
        reordered = reorder_stages(session, pipeline.id, order)
    assert renamed.name == "Демо продукта"
    assert [s.name for s in reordered.stages][:3] == ["Новый", "Демо продукта", "Квалификация"]
    assert [s.position for s in reordered.stages] == list(range(9))
    assert reordered.stage(demo.id).probability == 55
    with db.unit_of_work() as session:
        after = delete_stage(session, refused.id)
    assert "Отказ клиента" not in [s.name for s in after.stages]
    assert [s.position for s in after.stages] == list(range(8))


def test_stage_names_are_checked(db: Database) -> None:
    with db.unit_of_work() as session:
        pipeline = ensure_default_pipeline(session)
    with db.unit_of_work() as session, pytest.raises(ValidationError) as twice:
        add_stage(session, pipeline.id, "новый")
    assert twice.value.field == "name"
    with db.unit_of_work() as session, pytest.raises(ValidationError):
        add_stage(session, pipeline.id, "   ")
    with db.unit_of_work() as session, pytest.raises(ValidationError):
        add_stage(session, pipeline.id, "Сверка", probability=120)
    with db.unit_of_work() as session, pytest.raises(ValidationError):
        reorder_stages(session, pipeline.id, [s.id for s in pipeline.stages[1:]])


def test_a_stage_holding_deals_or_the_last_open_one_cannot_be_removed(db: Database) -> None:
    with db.unit_of_work() as session:
        pipeline = add_pipeline(session, "Сервис", stages=["Заявка"])
        client_id = create_client(session, ClientChanges(name="Иванов")).id
        create_deal(session, DealChanges(title="Ремонт", client_id=client_id), pipeline="сервис")
    assert [s.name for s in pipeline.stages] == ["Заявка", "Успешно", "Проиграно"]
    with db.unit_of_work() as session, pytest.raises(Refused) as holding:
        delete_stage(session, pipeline.stages[0].id)
    assert "Заявка" in str(holding.value) and "1" in str(holding.value)
    with db.unit_of_work() as session:
        empty = add_pipeline(session, "Пустая")
    with db.unit_of_work() as session, pytest.raises(Refused):
        delete_stage(session, empty.stages[0].id)


def test_pipelines_are_added_renamed_and_made_default(db: Database) -> None:
    with db.unit_of_work() as session:
        sales = ensure_default_pipeline(session)
        service = add_pipeline(session, "Сервис", stages=["Заявка", "Диагностика", "Ремонт"])
    assert [s.name for s in service.stages] == [
        "Заявка",
        "Диагностика",
        "Ремонт",
        "Успешно",
        "Проиграно",
    ]
    assert not service.is_default
    with db.unit_of_work() as session, pytest.raises(ValidationError):
        add_pipeline(session, "продажи")
    with db.unit_of_work() as session:
        rename_pipeline(session, service.id, "Сервисные заявки")
        set_default_pipeline(session, service.id)
    with db.unit_of_work() as session:
        pipelines = list_pipelines(session)
        assert find_pipeline(session).id == service.id
        assert find_pipeline(session, "ПРОДАЖИ").id == sales.id
        assert find_pipeline(session, str(sales.id)).id == sales.id
        with pytest.raises(NotFound):
            find_pipeline(session, "Нет такой")
    assert [(p.name, p.is_default) for p in pipelines] == [
        ("Сервисные заявки", True),
        ("Продажи", False),
    ]


def test_checklist_keeps_ticks_on_items_that_stay(db: Database) -> None:
    with db.unit_of_work() as session:
        pipeline = ensure_default_pipeline(session)
        stage = pipeline.stages[0]
        view = set_checklist(session, stage.id, ["ИНН проверен", " КП  отправлено ", ""])
        client_id = create_client(session, ClientChanges(name="Иванов")).id
        deal = create_deal(session, DealChanges(title="Поставка", client_id=client_id))
        tick(session, deal.id, "инн проверен")
    assert [i.text for i in view.checklist] == ["ИНН проверен", "КП отправлено"]
    with db.unit_of_work() as session:
        changed = set_checklist(session, stage.id, ["Потребность выяснена", "ИНН проверен"])
        card = get_deal(session, deal.id)
    assert [i.text for i in changed.checklist] == ["Потребность выяснена", "ИНН проверен"]
    assert changed.checklist[1].id == view.checklist[0].id  # the same item, still ticked
    assert [(m.text, m.done) for m in card.checklist] == [
        ("Потребность выяснена", False),
        ("ИНН проверен", True),
    ]
    with db.unit_of_work() as session, pytest.raises(ValidationError):
        set_checklist(session, stage.id, ["Счёт", "счёт"])


def test_required_fields_are_names_of_deal_fields(db: Database) -> None:
    with db.unit_of_work() as session:
        stage = ensure_default_pipeline(session).stages[1]
        view = set_required_fields(session, stage.id, ["amount", "expected-close", " owner "])
    assert view.required_fields == ("amount", "expected_close", "owner")
    with db.unit_of_work() as session, pytest.raises(ValidationError) as bad:
        set_required_fields(session, stage.id, ["colour"])
    assert "colour" in str(bad.value)
    with db.unit_of_work() as session:
        assert find_stage(session, stage.pipeline_id, "квалификация").required_fields == (
            "amount",
            "expected_close",
            "owner",
        )


def test_only_an_administrator_sets_up_pipelines(db: Database) -> None:
    with db.unit_of_work() as session:
        pipeline = ensure_default_pipeline(session)
        add_user(session, "petrov", Role.MANAGER)
        add_user(session, "boss", Role.ADMIN)
    stage = pipeline.stages[0]
    for change in (
        lambda s: add_stage(s, pipeline.id, "Ещё"),
        lambda s: rename_stage(s, stage.id, "Первый"),
        lambda s: set_checklist(s, stage.id, ["ИНН проверен"]),
        lambda s: set_required_fields(s, stage.id, ["amount"]),
        lambda s: add_pipeline(s, "Сервис"),
        lambda s: rename_pipeline(s, pipeline.id, "Сделки"),
        lambda s: delete_stage(s, stage.id),
    ):
        with db.unit_of_work("petrov") as session, pytest.raises(PermissionDenied) as denied:
            change(session)
        assert "administrator" in str(denied.value)
    with db.unit_of_work("boss") as session:
        assert rename_stage(session, stage.id, "Первый контакт").name == "Первый контакт"


def test_a_move_follows_a_renamed_and_reordered_stage(db: Database) -> None:
    with db.unit_of_work() as session:
        pipeline = ensure_default_pipeline(session)
        client_id = create_client(session, ClientChanges(name="Иванов")).id
        deal = create_deal(session, DealChanges(title="Поставка", client_id=client_id))
        rename_stage(session, pipeline.stages[3].id, "Торг")
    with db.unit_of_work() as session:
        moved = move_deal(session, deal.id, "торг")
    assert moved.stage == "Торг"
