"""A client's history on both databases."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from crm_desktop.errors import NotFound, ValidationError
from crm_desktop.models import ClientKind, InteractionKind, Role, utcnow
from crm_desktop.services.client_list import ClientFilter, list_clients
from crm_desktop.services.clients import ClientChanges, create_client, delete_client
from crm_desktop.services.interactions import (
    HistoryKey,
    add_interaction,
    delete_interaction,
    history,
)
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database

CALL, NOTE, MEETING = InteractionKind.CALL, InteractionKind.NOTE, InteractionKind.MEETING


def client(db: Database, name: str = "Иванов", **fields: object) -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name=name, **fields)).id  # type: ignore[arg-type]


def log(
    db: Database,
    client_id: uuid.UUID,
    kind: InteractionKind,
    login: str | None = None,
    **fields: object,
) -> uuid.UUID:
    with db.unit_of_work(login) as session:
        return add_interaction(session, client_id, kind, **fields).id  # type: ignore[arg-type]


def test_history_is_newest_first_with_who_and_when(db: Database) -> None:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER, full_name="Анна Петрова")
    ivanov = client(db)
    now = utcnow()
    log(
        db,
        ivanov,
        CALL,
        "anna",
        text="Обсудили поставку",
        outcome="Отправить КП",
        occurred_at=now - dt.timedelta(days=2),
        duration_s=240,
    )
    log(
        db,
        ivanov,
        NOTE,
        "anna",
        text="Просил звонить после 15:00",
        occurred_at=now - dt.timedelta(days=1),
    )
    log(db, ivanov, MEETING, "anna", text="Встреча в офисе", occurred_at=now)
    with db.unit_of_work() as session:
        entries = history(session, ivanov)
    assert [e.kind for e in entries] == [MEETING, NOTE, CALL]
    assert {(e.user_login, e.user_name) for e in entries} == {("anna", "Анна Петрова")}
    assert entries[2].outcome == "Отправить КП" and entries[2].duration_s == 240


def test_history_pages_without_gaps(db: Database) -> None:
    ivanov = client(db)
    start = utcnow() - dt.timedelta(days=30)
    for i in range(25):
        log(db, ivanov, CALL, text=f"звонок {i}", occurred_at=start + dt.timedelta(hours=i))
    seen: list[str] = []
    key = None
    with db.unit_of_work() as session:
        while True:
            page = history(session, ivanov, before=key, limit=10)
            seen += [e.text for e in page]
            if len(page) < 10:
                break
            key = HistoryKey(page[-1].occurred_at, page[-1].id)
    assert seen == [f"звонок {i}" for i in reversed(range(25))]


def test_contacts_move_the_last_contact_and_notes_do_not(db: Database) -> None:
    ivanov = client(db)
    long_ago = utcnow() - dt.timedelta(days=60)
    log(db, ivanov, CALL, occurred_at=long_ago)
    log(db, ivanov, NOTE, text="просто заметка")
    with db.unit_of_work() as session:
        sleeping = list_clients(session, where=ClientFilter(no_contact_days=30)).rows
    assert [r.id for r in sleeping] == [ivanov]
    recent = log(db, ivanov, CALL)
    with db.unit_of_work() as session:
        assert list_clients(session, where=ClientFilter(no_contact_days=30)).rows == []
    with db.unit_of_work() as session:
        delete_interaction(session, recent)
    with db.unit_of_work() as session:
        rows = list_clients(session).rows
    assert abs(rows[0].last_contact_at - long_ago) < dt.timedelta(seconds=1)  # type: ignore[operator]


def test_bad_entries_are_refused_and_nothing_is_logged(db: Database) -> None:
    ivanov = client(db)
    cases = [
        (NOTE, {"text": "   "}, "text"),
        (CALL, {"occurred_at": utcnow() + dt.timedelta(days=3)}, "occurred_at"),
        (CALL, {"occurred_at": dt.datetime(2026, 1, 1, 12, 0)}, "occurred_at"),
        (CALL, {"duration_s": -5}, "duration_s"),
        (CALL, {"text": "я" * 20_001}, "text"),
    ]
    for kind, fields, field in cases:
        with pytest.raises(ValidationError) as err, db.unit_of_work() as session:
            add_interaction(session, ivanov, kind, **fields)  # type: ignore[arg-type]
        assert err.value.field == field
    with db.unit_of_work() as session:
        assert history(session, ivanov) == []


def test_only_the_companys_people_are_its_contacts(db: Database) -> None:
    company = client(db, "ООО «Ромашка»", kind=ClientKind.COMPANY)
    inside = client(db, "Сидоров", company="Ромашка")
    outside = client(db, "Петров")
    log(db, company, MEETING, contact_id=inside)
    with pytest.raises(ValidationError):
        log(db, company, MEETING, contact_id=outside)


def test_no_history_for_a_client_in_the_recycle_bin_or_unknown(db: Database) -> None:
    gone = client(db)
    with db.unit_of_work() as session:
        delete_client(session, gone)
    with pytest.raises(ValidationError):
        log(db, gone, CALL)
    with pytest.raises(NotFound):
        log(db, uuid.uuid4(), CALL)
