"""Merging two records of one client (each test on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from crm_desktop.errors import ValidationError
from crm_desktop.models import (
    Client,
    ClientKind,
    ClientTag,
    Deal,
    Interaction,
    InteractionKind,
    Invoice,
    Phone,
    Pipeline,
    Role,
    Stage,
    Tag,
    Task,
    utcnow,
)
from crm_desktop.services.client_list import Bin, ClientFilter, list_clients
from crm_desktop.services.client_views import ClientView, get_client
from crm_desktop.services.clients import (
    ClientChanges,
    create_client,
    delete_client,
    restore_client,
)
from crm_desktop.services.merge import merge_clients
from crm_desktop.services.search import search_clients
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database

COMPANY = ClientKind.COMPANY


def create(db: Database, name: str, **fields: Any) -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name=name, **fields)).id


def merge(
    db: Database, survivor: uuid.UUID, other: uuid.UUID, choose: dict[str, Any] | None = None
) -> ClientView:
    with db.unit_of_work() as session:
        return merge_clients(session, survivor, other, choose)


def show(db: Database, client_id: uuid.UUID) -> ClientView:
    with db.unit_of_work() as session:
        return get_client(session, client_id)


def found(db: Database, typed: str) -> list[str]:
    with db.unit_of_work() as session:
        return [view.name for view in search_clients(session, typed)]


def test_phones_and_emails_of_both_end_on_the_survivor_once(db: Database) -> None:
    survivor = create(
        db, "Федоров Фирс", phones=["+73437540535", "+79123456789"], emails=["serafim@gmail.com"]
    )
    other = create(
        db,
        "Федоров Ф.",
        phones=["8-343-754-05-35", "+74956310014"],
        emails=["SERAFIM@GMAIL.COM", "f@mail.ru"],
    )
    merged = merge(db, survivor, other)
    assert merged.phones == ["+73437540535", "+79123456789", "+74956310014"]
    assert merged.emails == ["serafim@gmail.com", "f@mail.ru"]
    assert show(db, survivor).phones == merged.phones
    assert show(db, other).phones == []
    with db.unit_of_work() as session:
        live = session.scalars(select(Phone.e164).where(Phone.deleted_at.is_(None))).all()
    assert sorted(live) == sorted(merged.phones)


def test_survivor_is_found_by_the_others_phone_and_email(db: Database) -> None:
    survivor = create(db, "Федоров Фирс", phones=["+73437540535"])
    other = create(db, "Федоров Ф.", phones=["+74956310014"], emails=["f@mail.ru"])
    merge(db, survivor, other)
    assert found(db, "495 631") == ["Федоров Фирс"]
    assert found(db, "f@mail") == ["Федоров Фирс"]
    assert found(db, "федоров") == ["Федоров Фирс"]


def test_history_deals_tasks_and_invoices_move_to_the_survivor(db: Database) -> None:
    survivor = create(db, "Федоров Фирс")
    other = create(db, "Федоров Ф.")
    company = create(db, "ООО Ромашка", kind=COMPANY)
    with db.unit_of_work() as session:
        pipeline = Pipeline(name="Продажи")
        session.add(pipeline)
        session.flush()
        stage = Stage(pipeline_id=pipeline.id, name="Новая")
        session.add(stage)
        session.flush()
        deal = Deal(title="Поставка", client_id=other, pipeline_id=pipeline.id, stage_id=stage.id)
        session.add(deal)
        session.flush()
        moved: list[Interaction | Task | Invoice | Deal] = [
            Interaction(client_id=other, kind=InteractionKind.CALL, occurred_at=utcnow()),
            Interaction(
                client_id=other,
                deal_id=deal.id,
                kind=InteractionKind.NOTE,
                occurred_at=utcnow(),
                text="обсудили",
            ),
            Task(title="Перезвонить", client_id=other),
            Invoice(client_id=other, total=Decimal("1200.00")),
            deal,
        ]
        session.add_all(moved)
        contact = Interaction(
            client_id=company, contact_id=other, kind=InteractionKind.MEETING, occurred_at=utcnow()
        )
        kept = Task(title="Своя задача", client_id=survivor)
        session.add_all([contact, kept])
        session.flush()
        keys = [(type(row), row.id) for row in [*moved, kept]]
        contact_id = contact.id

    merge(db, survivor, other)

    with db.unit_of_work() as session:
        for model, row_id in keys:
            moved_to = session.scalar(select(model.client_id).where(model.id == row_id))
            assert moved_to == survivor, model.__name__
        met = session.get_one(Interaction, contact_id)
        assert (met.client_id, met.contact_id) == (company, survivor)
        for model in (Interaction, Deal, Task, Invoice):
            assert session.scalars(select(model).where(model.client_id == other)).all() == []


def test_other_goes_to_the_recycle_bin_marked_as_merged(db: Database) -> None:
    survivor = create(db, "Федоров Фирс")
    other = create(db, "Федоров Ф.")
    merge(db, survivor, other)
    gone = show(db, other)
    assert gone.deleted_at is not None
    with db.unit_of_work() as session:
        assert session.get_one(Client, other).merged_into_id == survivor
        live = [v.id for v in list_clients(session).rows]
        binned = [v.id for v in list_clients(session, where=ClientFilter(bin=Bin.DELETED)).rows]
    assert live == [survivor]
    assert binned == [other]
    assert found(db, "федоров ф.") == []


def test_survivor_keeps_its_values_and_takes_the_others_where_it_has_none(
    db: Database,
) -> None:
    survivor = create(db, "Федоров Фирс", note="постоянный клиент")
    other = create(
        db, "Федоров Ф.", note="VIP", birth_date="08.02.1993", inn="500100732259", position="Физик"
    )
    merged = merge(db, survivor, other)
    assert merged.name == "Федоров Фирс"
    assert merged.note == "постоянный клиент"
    assert merged.birth_date == dt.date(1993, 2, 8)
    assert merged.inn == "500100732259"
    assert merged.position == "Физик"


def test_chosen_name_is_taken_from_the_other(db: Database) -> None:
    survivor = create(db, "Федоров Ф.")
    other = create(db, "Фёдоров Фирс Ефимович")
    merged = merge(db, survivor, other, {"name": "other"})
    assert merged.name == "Фёдоров Фирс Ефимович"
    assert found(db, "фирс") == ["Фёдоров Фирс Ефимович"]
    with db.unit_of_work() as session:
        assert [v.name for v in list_clients(session).rows] == ["Фёдоров Фирс Ефимович"]
        assert session.get_one(Client, survivor).name_folded == "федоров фирс ефимович"


def test_owner_can_be_chosen_from_the_other(db: Database) -> None:
    with db.unit_of_work(None) as session:
        add_user(session, "anna", Role.MANAGER)
        add_user(session, "boris", Role.MANAGER)
    survivor = create(db, "Федоров", owner="anna")
    other = create(db, "Федоров Ф.", owner="boris")
    assert merge(db, survivor, other).owner == "anna"
    third = create(db, "Федоров Фирс", owner="boris")
    assert merge(db, survivor, third, {"owner": "other"}).owner == "boris"


def test_latest_contact_is_kept(db: Database) -> None:
    survivor = create(db, "Федоров")
    other = create(db, "Федоров Ф.")
    recent = utcnow() - dt.timedelta(days=2)
    with db.unit_of_work() as session:
        session.get_one(Client, survivor).last_contact_at = recent - dt.timedelta(days=100)
        session.get_one(Client, other).last_contact_at = recent
    merged = merge(db, survivor, other)
    assert merged.last_contact_at is not None
    assert abs(merged.last_contact_at - recent) < dt.timedelta(seconds=1)


def test_person_and_company_cannot_be_merged(db: Database) -> None:
    person = create(db, "Ромашкин")
    company = create(db, "ООО Ромашка", kind=COMPANY)
    with pytest.raises(ValidationError) as err:
        merge(db, person, company)
    assert err.value.field == "merge"
    assert show(db, company).deleted_at is None
    assert show(db, person).deleted_at is None


def test_client_cannot_be_merged_with_itself(db: Database) -> None:
    person = create(db, "Федоров", phones=["+73437540535"])
    with pytest.raises(ValidationError) as err:
        merge(db, person, person)
    assert err.value.field == "merge"
    stored = show(db, person)
    assert stored.deleted_at is None
    assert stored.phones == ["+73437540535"]


def test_unknown_field_choice_is_refused(db: Database) -> None:
    survivor = create(db, "Федоров")
    other = create(db, "Федоров Ф.")
    with pytest.raises(ValidationError) as err:
        merge(db, survivor, other, {"password": "other"})
    assert err.value.field == "merge"
    assert show(db, other).deleted_at is None


def test_people_of_a_merged_company_move_to_the_survivor_company(db: Database) -> None:
    survivor = create(db, "ООО «Ромашка»", kind=COMPANY, inn="7707083893")
    other = create(db, "Ромашка-Трейд", kind=COMPANY)
    own = create(db, "Иванов", company_id=survivor)
    moved = [create(db, "Петров", company_id=other), create(db, "Сидоров", company_id=other)]
    merge(db, survivor, other)
    with db.unit_of_work() as session:
        people = list_clients(session, where=ClientFilter(company_id=survivor)).rows
        assert list_clients(session, where=ClientFilter(company_id=other, bin=Bin.ALL)).rows == []
    assert sorted(v.id for v in people) == sorted([own, *moved])
    assert {v.company for v in people} == {"Ромашка"}


def test_moved_people_are_found_by_the_survivor_company_name(db: Database) -> None:
    survivor = create(db, "ООО «Ромашка»", kind=COMPANY)
    other = create(db, "АО «Лютик»", kind=COMPANY)
    create(db, "Петров", company_id=other)
    merge(db, survivor, other)
    assert found(db, "ромашк") == ["Ромашка", "Петров"]
    assert found(db, "лютик") == []


def test_people_follow_a_company_name_chosen_from_the_other(db: Database) -> None:
    survivor = create(db, "ООО «Ромашка»", kind=COMPANY)
    other = create(db, "ООО «Ромашка и партнёры»", kind=COMPANY)
    create(db, "Иванов", company_id=survivor)
    create(db, "Петров", company_id=other)
    merge(db, survivor, other, {"name": "other"})
    assert found(db, "партнер") == ["Иванов", "Петров", "Ромашка и партнёры"]


def test_a_client_in_the_recycle_bin_is_not_merged(db: Database) -> None:
    survivor = create(db, "Федоров", phones=["+73437540535"])
    other = create(db, "Федоров Ф.", phones=["+79161112233"])
    with db.unit_of_work() as session:
        delete_client(session, survivor)
    with pytest.raises(ValidationError) as err:
        merge(db, survivor, other)
    assert err.value.field == "merge"
    assert show(db, other).deleted_at is None
    assert show(db, other).phones == ["+79161112233"]


def test_a_tag_the_survivor_once_had_comes_back_once(db: Database) -> None:
    survivor = create(db, "Федоров")
    other = create(db, "Федоров Ф.")
    with db.unit_of_work() as session:
        tag = Tag(name="VIP", name_folded="vip")
        session.add(tag)
        session.flush()
        session.add(ClientTag(client_id=survivor, tag_id=tag.id, deleted_at=utcnow()))
        session.add(ClientTag(client_id=other, tag_id=tag.id))
    merge(db, survivor, other)
    with db.unit_of_work() as session:
        links = session.scalars(select(ClientTag).where(ClientTag.client_id == survivor)).all()
    assert [(link.tag_id, link.deleted_at) for link in links] == [(tag.id, None)]


def test_the_merged_away_record_cannot_be_restored_as_an_empty_shell(db: Database) -> None:
    survivor = create(db, "Федоров", phones=["+73437540535"])
    other = create(db, "Федоров Ф.", phones=["+79161112233"])
    merge(db, survivor, other)
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        restore_client(session, other)
    assert show(db, other).deleted_at is not None
