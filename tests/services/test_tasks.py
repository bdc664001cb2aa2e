"""Tasks: adding, completing, repeating, "My day", reminders with a test clock
(each test on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select

from crm_desktop.errors import Conflict, NotFound, Refused, ValidationError
from crm_desktop.models import Deal, Pipeline, Priority, Role, Stage, Task, TaskKind, TaskStatus
from crm_desktop.services.clients import ClientChanges, create_client, delete_client
from crm_desktop.services.recurrence import Repeat
from crm_desktop.services.tasks import (
    Completion,
    TaskView,
    add_task,
    cancel_task,
    complete_task,
    delete_task,
    due_reminders,
    edit_task,
    get_task,
    list_tasks,
    mark_reminded,
    my_day,
    reopen_task,
    snooze,
    tasks_of_client,
)
from crm_desktop.services.users import add_user, disable_user
from crm_desktop.store.database import Database

MSK = dt.timezone(dt.timedelta(hours=3), "MSK")
BERLIN = ZoneInfo("Europe/Berlin")
# The test clock: Wednesday 4 March 2026, 10:00 in Moscow.
NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=MSK)


def msk(day: int, hour: int, minute: int = 0, month: int = 3, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=MSK)


@pytest.fixture
def team(db: Database) -> Database:
    with db.unit_of_work() as session:
        for login in ("anna", "boris"):
            add_user(session, login, Role.MANAGER)
    return db


def new_client(db: Database, name: str = "Иванов Иван") -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name=name)).id


def new_deal(db: Database, client_id: uuid.UUID) -> uuid.UUID:
    with db.unit_of_work() as session:
        pipeline = Pipeline(name="Продажи", is_default=True)
        session.add(pipeline)
        session.flush()
        stage = Stage(pipeline_id=pipeline.id, name="Новый")
        session.add(stage)
        session.flush()
        deal = Deal(
            title="Поставка", client_id=client_id, pipeline_id=pipeline.id, stage_id=stage.id
        )
        session.add(deal)
        session.flush()
        return deal.id


def task(db: Database, login: str | None = None, **fields: Any) -> TaskView:
    fields.setdefault("title", "Позвонить")
    fields.setdefault("assignee", "anna")
    with db.unit_of_work(login) as session:
        return add_task(session, **fields)


def done(
    db: Database, task_id: uuid.UUID, now: dt.datetime, tz: dt.tzinfo | None = MSK
) -> Completion:
    with db.unit_of_work() as session:
        return complete_task(session, task_id, now, tz=tz)


# --- adding -------------------------------------------------------------------------------


def test_added_task_has_its_fields_and_reminds_at_due_time(team: Database) -> None:
    client = new_client(team)
    view = task(
        team,
        title="  Позвонить   насчёт КП ",
        kind="call",
        due_at=msk(5, 11),
        client_id=client,
        priority="high",
        description="Уточнить объём",
    )
    assert view.title == "Позвонить насчёт КП"
    assert (view.kind, view.priority, view.status) == (
        TaskKind.CALL,
        Priority.HIGH,
        TaskStatus.OPEN,
    )
    assert view.due_at == msk(5, 11) and view.due_at.tzinfo == dt.UTC
    assert view.remind_at == view.due_at
    assert (view.assignee, view.assigned_by_rule, view.client_name) == ("anna", None, "Иванов Иван")
    data = view.to_json()
    assert data["type"] == "call" and data["due"] == "2026-03-05T08:00:00+00:00"
    assert data["client_id"] == str(client) and data["deal_id"] is None
    assert data["assigned_by_rule"] is None and data["recurrence"] is None


def test_reminder_minutes_before_and_default_assignee(team: Database) -> None:
    view = task(team, "boris", assignee=None, due_at=msk(5, 11), remind_before=15)
    assert view.remind_at == msk(5, 10, 45)
    assert view.assignee == "boris"  # who adds it, when nobody is named


def test_a_deal_gives_its_client(team: Database) -> None:
    client = new_client(team)
    deal = new_deal(team, client)
    view = task(team, due_at=msk(5, 11), deal_id=deal)
    assert (view.client_id, view.deal_id, view.deal_title) == (client, deal, "Поставка")
    other = new_client(team, "Петров Пётр")
    with team.unit_of_work() as session, pytest.raises(ValidationError, match="another client"):
        add_task(session, title="x", deal_id=deal, client_id=other, assignee="anna")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "я" * 301}, "title"),
        ({"due_at": dt.datetime(2026, 3, 5, 11, 0)}, "due"),
        ({"kind": "lunch"}, "type"),
        ({"priority": "urgent"}, "priority"),
        ({"recurrence": "hourly", "due_at": msk(5, 11)}, "recurrence"),
        ({"recurrence": "daily"}, "recurrence"),  # a repeating task needs a due time
        ({"assignee": "ghost"}, "assignee"),
        ({"assignee": "anna", "auto": True}, "assignee"),
        ({"client_id": uuid.uuid4()}, "client"),
        ({"deal_id": uuid.uuid4()}, "deal"),
        ({"remind_before": -5, "due_at": msk(5, 11)}, "remind_before"),
    ],
)
def test_bad_task_is_refused(team: Database, fields: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        task(team, **fields)
    assert err.value.field == field
    with team.unit_of_work() as session:
        assert list_tasks(session, now=NOW, include_closed=True) == []


def test_disabled_assignee_and_binned_client_are_refused(team: Database) -> None:
    client = new_client(team)
    with team.unit_of_work() as session:
        disable_user(session, "boris")
        delete_client(session, client)
    with pytest.raises(ValidationError, match="disabled"):
        task(team, assignee="boris")
    with pytest.raises(ValidationError, match="recycle bin"):
        task(team, client_id=client)


# --- completing ------------------------------------------------------------------------------


def test_completing_a_call_offers_to_log_it(team: Database) -> None:
    client = new_client(team)
    call = task(team, kind="call", due_at=msk(4, 12), client_id=client)
    meeting = task(team, kind="meeting", due_at=msk(4, 12), client_id=client)
    lone_call = task(team, kind="call", due_at=msk(4, 12))
    result = done(team, call.id, NOW)
    assert result.offer_call_log is True and result.next_task is None
    assert result.task.status == TaskStatus.DONE and result.task.completed_at == NOW
    assert done(team, meeting.id, NOW).offer_call_log is False
    assert done(team, lone_call.id, NOW).offer_call_log is False  # no client to log it for


def test_task_moves_only_along_its_workflow(team: Database) -> None:
    view = task(team, due_at=msk(4, 12))
    done(team, view.id, NOW)
    with pytest.raises(Refused):
        done(team, view.id, NOW)
    with team.unit_of_work() as session:
        with pytest.raises(Refused):
            cancel_task(session, view.id)
        again = reopen_task(session, view.id)
        assert (again.status, again.completed_at) == (TaskStatus.OPEN, None)
        with pytest.raises(Refused):
            reopen_task(session, view.id)
        assert cancel_task(session, view.id).status == TaskStatus.CANCELLED
        delete_task(session, view.id, NOW)
        with pytest.raises(NotFound):
            get_task(session, view.id)


@pytest.mark.parametrize(
    ("repeat", "due", "expected"),
    [
        ("daily", msk(4, 12), [msk(5, 12), msk(6, 12), msk(7, 12)]),
        # Friday → Monday, Monday → Tuesday
        ("weekdays", msk(6, 9), [msk(9, 9), msk(10, 9), msk(11, 9)]),
        ("weekly", msk(4, 12), [msk(11, 12), msk(18, 12), msk(25, 12)]),
        # the 31st: the last day of shorter months, back to the 31st after them
        (
            "monthly",
            msk(31, 9, month=1),
            [msk(28, 9, month=2), msk(31, 9, month=3), msk(30, 9, month=4), msk(31, 9, month=5)],
        ),
        ("monthly", msk(29, 9, month=1, year=2028), [msk(29, 9, month=2, year=2028)]),
        ("monthly", msk(15, 9, month=12), [msk(15, 9, month=1, year=2027)]),
    ],
)
def test_repeating_task_makes_the_next_one_when_done(
    team: Database, repeat: str, due: dt.datetime, expected: list[dt.datetime]
) -> None:
    client = new_client(team)
    current = task(
        team, kind="call", due_at=due, remind_before=30, client_id=client, recurrence=repeat
    )
    assert current.recurrence == Repeat(repeat)
    for want in expected:
        result = done(team, current.id, due - dt.timedelta(days=3))  # done before it is due
        follower = result.next_task
        assert follower is not None
        assert follower.due_at == want, (repeat, follower.due_at, want)
        assert follower.remind_at == want - dt.timedelta(minutes=30)
        assert (follower.title, follower.kind, follower.assignee, follower.client_id) == (
            current.title,
            current.kind,
            current.assignee,
            client,
        )
        assert follower.recurrence == Repeat(repeat) and follower.status == TaskStatus.OPEN
        current, due = follower, want


def test_repeating_task_done_late_leaves_no_overdue_copies(team: Database) -> None:
    view = task(team, due_at=msk(1, 9), recurrence="daily")
    follower = done(team, view.id, NOW).next_task
    assert follower is not None and follower.due_at == msk(5, 9)  # not 2, 3 or 4 March


def test_repeating_task_keeps_its_wall_clock_time_across_summer_time(team: Database) -> None:
    # Berlin moves its clocks forward on 29 March 2026: 09:00 stays 09:00
    due = dt.datetime(2026, 3, 28, 9, 0, tzinfo=BERLIN)
    view = task(team, due_at=due, recurrence="daily", tz=BERLIN)
    follower = done(team, view.id, due - dt.timedelta(hours=1), tz=BERLIN).next_task
    assert follower is not None and follower.due_at is not None
    assert follower.due_at.astimezone(BERLIN) == dt.datetime(2026, 3, 29, 9, 0, tzinfo=BERLIN)
    assert follower.due_at - view.due_at == dt.timedelta(hours=23)  # type: ignore[operator]


# --- editing ---------------------------------------------------------------------------------


def test_edit_moves_the_reminder_with_the_due_time(team: Database) -> None:
    view = task(team, due_at=msk(5, 11), remind_before=10)
    with team.unit_of_work() as session:
        moved = edit_task(session, view.id, due_at=msk(6, 15), title="Перезвонить")
    assert (moved.title, moved.due_at, moved.remind_at) == (
        "Перезвонить",
        msk(6, 15),
        msk(6, 14, 50),
    )
    with team.unit_of_work() as session:
        reassigned = edit_task(session, view.id, assignee="boris", priority="low")
    assert (reassigned.assignee, reassigned.priority) == ("boris", Priority.LOW)


def test_edit_of_a_changed_task_is_refused(team: Database) -> None:
    view = task(team, due_at=msk(5, 11))
    with team.unit_of_work("boris") as session:
        edit_task(session, view.id, expected_version=view.version, title="Новое")
    with team.unit_of_work() as session, pytest.raises(Conflict, match="changed by boris at"):
        edit_task(session, view.id, expected_version=view.version, title="Моё")


def test_naming_an_assignee_replaces_the_rule(team: Database) -> None:
    view = task(team, assignee=None, auto=True, due_at=msk(5, 11))
    assert (view.assignee, view.assigned_by_rule) == ("anna", "round_robin")
    with team.unit_of_work() as session:
        manual = edit_task(session, view.id, assignee="boris")
    assert (manual.assignee, manual.assigned_by_rule) == ("boris", None)
    with team.unit_of_work() as session:
        again = edit_task(session, view.id, auto=True, kind="meeting")
        assert (again.assignee, again.assigned_by_rule) == ("boris", "round_robin")
        with pytest.raises(ValidationError):
            edit_task(session, view.id, auto=True, assignee="anna")


# --- My day ----------------------------------------------------------------------------------


def test_my_day_groups_by_the_users_own_day_and_week(team: Database) -> None:
    def mine(when: dt.datetime, title: str, **fields: Any) -> TaskView:
        return task(team, title=title, due_at=when, **fields)

    mine(msk(3, 18), "вчера")
    mine(msk(4, 9), "сегодня утром")  # passed already: overdue
    mine(msk(4, 18), "сегодня вечером")
    mine(msk(4, 23, 30), "сегодня ночью")  # 20:30 UTC
    mine(msk(5, 0, 30), "завтра в полночь")  # 21:30 UTC on the 4th, but tomorrow in Moscow
    mine(msk(8, 23), "воскресенье")
    mine(msk(9, 0, 30), "следующая неделя")  # Sunday 21:30 UTC: next week in Moscow
    finished = mine(msk(4, 12), "сделано")
    done(team, finished.id, NOW)
    task(team, title="чужая", due_at=msk(4, 12), assignee="boris")
    with team.unit_of_work() as session:
        day = my_day(session, "anna", NOW, tz=MSK)
    assert [t.title for t in day.overdue.tasks] == ["вчера", "сегодня утром"]
    assert [t.title for t in day.today.tasks] == ["сегодня вечером", "сегодня ночью"]
    assert [t.title for t in day.week.tasks] == ["завтра в полночь", "воскресенье"]
    assert (day.overdue.count, day.today.count, day.week.count) == (2, 2, 2)
    with team.unit_of_work() as session:
        in_utc = my_day(session, "anna", NOW, tz=dt.UTC)  # the same tasks seen from London
        short = my_day(session, "anna", NOW, tz=MSK, limit=1)
    assert [t.title for t in in_utc.today.tasks] == [
        "сегодня вечером",
        "сегодня ночью",
        "завтра в полночь",
    ]
    assert [t.title for t in short.overdue.tasks] == ["вчера"] and short.overdue.count == 2


def test_my_day_on_sunday_has_no_rest_of_the_week(team: Database) -> None:
    sunday = msk(8, 10)
    task(team, due_at=msk(8, 20))
    task(team, due_at=msk(9, 10))
    with team.unit_of_work() as session:
        day = my_day(session, "anna", sunday, tz=MSK)
    assert (day.overdue.count, day.today.count, day.week.count) == (0, 1, 0)


def test_list_filters_by_due_and_assignee(team: Database) -> None:
    task(team, title="overdue", due_at=msk(2, 9))
    task(team, title="this morning", due_at=msk(4, 9))
    task(team, title="tonight", due_at=msk(4, 22))
    task(team, title="friday", due_at=msk(6, 9))
    task(team, title="later", due_at=msk(20, 9))
    task(team, title="boris", due_at=msk(4, 22), assignee="boris")
    cancelled = task(team, title="cancelled", due_at=msk(4, 22))
    with team.unit_of_work() as session:
        cancel_task(session, cancelled.id)

    def titles(**kw: object) -> list[str]:
        with team.unit_of_work() as session:
            return [t.title for t in list_tasks(session, now=NOW, tz=MSK, **kw)]  # type: ignore[arg-type]

    assert titles(assignee="anna", due="overdue") == ["overdue", "this morning"]
    assert titles(assignee="anna", due="today") == ["this morning", "tonight"]
    assert titles(assignee="anna", due="week") == ["this morning", "tonight", "friday"]
    assert titles(due="today") == ["this morning", "tonight", "boris"]
    assert titles(assignee="anna") == ["overdue", "this morning", "tonight", "friday", "later"]
    assert "cancelled" in titles(assignee="anna", include_closed=True)
    with pytest.raises(ValidationError):
        titles(due="tomorrow")


def test_my_day_is_fast_for_a_user_with_5000_tasks(team: Database) -> None:
    start = msk(1, 9, month=1)
    rows = [
        {
            "title": f"Задача {i}",
            "kind": TaskKind.OTHER,
            "status": TaskStatus.OPEN,
            "priority": Priority.NORMAL,
            "assignee": "anna",
            "due_at": start + dt.timedelta(hours=i),
            "remind_at": start + dt.timedelta(hours=i),
        }
        for i in range(5000)
    ]
    with team.unit_of_work() as session:
        session.execute(insert(Task), rows)
    with team.unit_of_work() as session:
        my_day(session, "anna", NOW, tz=MSK)  # warm the connection and statement caches
        took = time.perf_counter()
        day = my_day(session, "anna", NOW, tz=MSK)
        took = time.perf_counter() - took
    assert day.overdue.count == 1489 and len(day.overdue.tasks) == 50
    assert day.today.count == 14 and day.week.count == 96
    # the target is 200 ms; a generous bound keeps a busy test machine from failing it
    assert took < 1.0, took


# --- reminders -------------------------------------------------------------------------------


def test_reminder_fires_at_due_time_not_before_and_only_once(team: Database) -> None:
    view = task(team, due_at=msk(4, 12))
    task(team, title="чужая", due_at=msk(4, 12), assignee="boris")

    def due_at(now: dt.datetime) -> list[str]:
        with team.unit_of_work() as session:
            return [t.title for t in due_reminders(session, "anna", now)]

    assert due_at(msk(4, 11, 59)) == []
    assert due_at(msk(4, 12)) == ["Позвонить"]
    with team.unit_of_work() as session:
        mark_reminded(session, view.id, msk(4, 12))
    assert due_at(msk(4, 12, 1)) == []
    assert due_at(msk(5, 12)) == []  # shown once: not again the next day
    with team.unit_of_work() as session:
        assert get_task(session, view.id).version == view.version  # a mark, not an edit


def test_snooze_brings_the_reminder_back_later(team: Database) -> None:
    view = task(team, due_at=msk(4, 12))
    with team.unit_of_work() as session:
        mark_reminded(session, view.id, msk(4, 12))
        snoozed = snooze(session, view.id, msk(4, 12, 5), minutes=10)
    assert snoozed.remind_at == msk(4, 12, 15) and snoozed.due_at == msk(4, 12)
    with team.unit_of_work() as session:
        assert due_reminders(session, "anna", msk(4, 12, 14)) == []
        assert [t.id for t in due_reminders(session, "anna", msk(4, 12, 15))] == [view.id]
        mark_reminded(session, view.id, msk(4, 12, 15))
        assert due_reminders(session, "anna", msk(4, 12, 30)) == []
        snooze(session, view.id, msk(4, 12, 30), until=msk(5, 9))
        assert due_reminders(session, "anna", msk(5, 8, 59)) == []
        assert len(due_reminders(session, "anna", msk(5, 9))) == 1


def test_moving_the_due_time_rearms_the_reminder(team: Database) -> None:
    view = task(team, due_at=msk(4, 12))
    with team.unit_of_work() as session:
        mark_reminded(session, view.id, msk(4, 12))
        edit_task(session, view.id, due_at=msk(4, 15))
        assert due_reminders(session, "anna", msk(4, 14, 59)) == []
        assert len(due_reminders(session, "anna", msk(4, 15))) == 1


def test_no_reminders_for_done_tasks_and_snooze_is_checked(team: Database) -> None:
    view = task(team, due_at=msk(4, 12))
    with team.unit_of_work() as session:
        for kw in ({}, {"minutes": 5, "until": msk(4, 13)}, {"minutes": 0}, {"until": msk(4, 9)}):
            with pytest.raises(ValidationError):
                snooze(session, view.id, NOW, **kw)
    done(team, view.id, NOW)
    with team.unit_of_work() as session:
        assert due_reminders(session, "anna", msk(4, 13)) == []
        with pytest.raises(Refused):
            snooze(session, view.id, NOW, minutes=5)
        with pytest.raises(ValidationError):
            due_reminders(session, "anna", dt.datetime(2026, 3, 4, 13))  # a naive clock


# --- the client card --------------------------------------------------------------------------


def test_client_card_lists_open_tasks_first(team: Database) -> None:
    client = new_client(team)
    other = new_client(team, "Петров Пётр")
    later = task(team, title="later", due_at=msk(9, 9), client_id=client)
    first = task(team, title="first", due_at=msk(5, 9), client_id=client)
    old = task(team, title="old", due_at=msk(1, 9), client_id=client)
    task(team, title="other client", due_at=msk(5, 9), client_id=other)
    done(team, old.id, NOW)
    with team.unit_of_work() as session:
        tasks = tasks_of_client(session, client)
        rows = session.execute(select(Deal.id)).all()
    assert [t.title for t in tasks] == ["first", "later", "old"]
    assert [t.id for t in tasks][:2] == [first.id, later.id] and rows == []
