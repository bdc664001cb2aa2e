"""Reading tasks: one task, "My day", lists, a client's or a deal's tasks, reminders due.

Every function that depends on the time takes `now` (an aware datetime) from its caller,
so the app passes the clock and tests pass a fixed one. "Today" and "this week" are the
user's: `tz` is their time zone (None: the computer's). A week runs Monday to Sunday.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Client, ClientKind, Deal, Priority, Task, TaskKind, TaskStatus
from crm_desktop.services.local_time import local_midnight, to_local
from crm_desktop.services.recurrence import Repeat, read_stored

GROUP_LIMIT = 50  # tasks shown per "My day" group; the count says how many there are
REMINDER_LIMIT = 100
Due = Literal["today", "week", "overdue"]
DUE_FILTERS: tuple[Due, ...] = ("today", "week", "overdue")


def aware(moment: dt.datetime, field: str = "now") -> dt.datetime:
    """`moment` in UTC; a time without a zone is refused (it would be anybody's)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValidationError(field, _("A time without a time zone is ambiguous"))
    return moment.astimezone(dt.UTC)


@dataclass(frozen=True)
class TaskView:
    id: uuid.UUID
    title: str
    kind: TaskKind
    due_at: dt.datetime | None
    remind_at: dt.datetime | None
    reminded_at: dt.datetime | None
    client_id: uuid.UUID | None
    client_name: str | None
    deal_id: uuid.UUID | None
    deal_title: str | None
    assignee: str | None
    priority: Priority
    status: TaskStatus
    completed_at: dt.datetime | None
    recurrence: Repeat | None
    description: str | None
    assigned_by_rule: str | None
    queue_id: uuid.UUID | None
    version: int

    def is_overdue(self, now: dt.datetime) -> bool:
        return self.status == TaskStatus.OPEN and self.due_at is not None and self.due_at < now

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "title": self.title,
            "type": self.kind.value,
            "due": _iso(self.due_at),
            "remind_at": _iso(self.remind_at),
            "assignee": self.assignee,
            "status": self.status.value,
            "priority": self.priority.value,
            "client_id": str(self.client_id) if self.client_id else None,
            "client": self.client_name,
            "deal_id": str(self.deal_id) if self.deal_id else None,
            "deal": self.deal_title,
            "assigned_by_rule": self.assigned_by_rule,
            "recurrence": self.recurrence.value if self.recurrence else None,
            "completed_at": _iso(self.completed_at),
            "description": self.description,
            "version": self.version,
        }


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


@dataclass(frozen=True)
class TaskGroup:
    tasks: list[TaskView]  # the first GROUP_LIMIT, soonest first
    count: int  # all of them


@dataclass(frozen=True)
class MyDay:
    overdue: TaskGroup  # due before now
    today: TaskGroup  # due from now to midnight
    week: TaskGroup  # due from tomorrow to the end of Sunday


# --- reminders due -----------------------------------------------------------------------


def due_reminders(
    session: Session, login: str, now: dt.datetime, *, limit: int = REMINDER_LIMIT
) -> list[TaskView]:
    """`login`'s open tasks whose reminder time has come and not been shown since."""
    now = aware(now)
    query = _rows().where(
        Task.status == TaskStatus.OPEN,
        Task.remind_at <= now,
        Task.assignee == login,
        Task.deleted_at.is_(None),
        (Task.reminded_at.is_(None)) | (Task.reminded_at < Task.remind_at),
    )
    return _fetch(session, query.order_by(Task.remind_at, Task.id).limit(limit))


# --- reading -------------------------------------------------------------------------------


def _client_name() -> Any:
    return case(
        (
            (Client.kind == ClientKind.COMPANY) & Client.legal_form.is_not(None),
            Client.legal_form + " «" + Client.name + "»",
        ),
        else_=Client.name,
    )


def _rows() -> Select[Any]:
    return (
        select(Task, _client_name(), Deal.title)
        .outerjoin(Client, Client.id == Task.client_id)
        .outerjoin(Deal, Deal.id == Task.deal_id)
    )


def _fetch(session: Session, query: Select[Any]) -> list[TaskView]:
    return [_view(task, client, deal) for task, client, deal in session.execute(query)]


def _view(task: Task, client_name: str | None, deal_title: str | None) -> TaskView:
    rule = read_stored(task.recurrence)
    return TaskView(
        id=task.id,
        title=task.title,
        kind=task.kind,
        due_at=task.due_at,
        remind_at=task.remind_at,
        reminded_at=task.reminded_at,
        client_id=task.client_id,
        client_name=client_name,
        deal_id=task.deal_id,
        deal_title=deal_title,
        assignee=task.assignee,
        priority=task.priority,
        status=task.status,
        completed_at=task.completed_at,
        recurrence=rule.repeat if rule else None,
        description=task.description,
        assigned_by_rule=task.assigned_by_rule,
        queue_id=task.queue_id,
        version=task.version,
    )


def get_task(session: Session, task_id: uuid.UUID) -> TaskView:
    found = _fetch(session, _rows().where(Task.id == task_id, Task.deleted_at.is_(None)))
    if not found:
        raise NotFound(_("No task with id {id}", id=task_id))
    return found[0]


@dataclass(frozen=True)
class DayBounds:
    today: dt.datetime  # the user's midnight that began today (UTC)
    tomorrow: dt.datetime
    week_end: dt.datetime  # midnight after Sunday


def day_bounds(now: dt.datetime, tz: dt.tzinfo | None = None) -> DayBounds:
    day = to_local(aware(now), tz).date()
    return DayBounds(
        local_midnight(day, tz),
        local_midnight(day + dt.timedelta(days=1), tz),
        local_midnight(day + dt.timedelta(days=7 - day.weekday()), tz),
    )


def _open_of(login: str) -> Any:
    return (Task.assignee == login) & (Task.status == TaskStatus.OPEN) & Task.deleted_at.is_(None)


def my_day(
    session: Session,
    login: str,
    now: dt.datetime,
    *,
    tz: dt.tzinfo | None = None,
    limit: int = GROUP_LIMIT,
) -> MyDay:
    """`login`'s open tasks: overdue, due later today, due later this week. One count
    query and one query per group, each a range of the (assignee, status, due) index."""
    now = aware(now)
    bounds = day_bounds(now, tz)
    mine = _open_of(login)
    counts = session.execute(
        select(
            func.sum(case((Task.due_at < now, 1), else_=0)),
            func.sum(case(((Task.due_at >= now) & (Task.due_at < bounds.tomorrow), 1), else_=0)),
            func.sum(case((Task.due_at >= bounds.tomorrow, 1), else_=0)),
        ).where(mine, Task.due_at < bounds.week_end)
    ).one()

    def group(start: dt.datetime | None, end: dt.datetime, count: Any) -> TaskGroup:
        query = _rows().where(mine, Task.due_at < end)
        if start is not None:
            query = query.where(Task.due_at >= start)
        total = int(count or 0)
        tasks = _fetch(session, query.order_by(Task.due_at, Task.id).limit(limit)) if total else []
        return TaskGroup(tasks, total)

    return MyDay(
        overdue=group(None, now, counts[0]),
        today=group(now, bounds.tomorrow, counts[1]),
        week=group(bounds.tomorrow, bounds.week_end, counts[2]),
    )


def list_tasks(
    session: Session,
    *,
    now: dt.datetime,
    assignee: str | None = None,
    due: Due | None = None,
    include_closed: bool = False,
    tz: dt.tzinfo | None = None,
    limit: int | None = None,
) -> list[TaskView]:
    """Tasks soonest first (those with no due time last), open ones unless
    `include_closed`. `due`: "overdue" (before now), "today" (due on the user's today,
    passed or not), "week" (from today's midnight to the end of Sunday)."""
    query = _rows().where(Task.deleted_at.is_(None))
    if assignee is not None:
        query = query.where(Task.assignee == assignee)
    if due is not None or not include_closed:
        query = query.where(Task.status == TaskStatus.OPEN)
    if due is not None:
        bounds = day_bounds(now, tz)
        windows = {
            "overdue": (None, aware(now)),
            "today": (bounds.today, bounds.tomorrow),
            "week": (bounds.today, bounds.week_end),
        }
        if due not in windows:
            raise ValidationError(
                "due",
                _('"{value}" is not one of: {names}', value=due, names=", ".join(DUE_FILTERS)),
            )
        start, end = windows[due]
        query = query.where(Task.due_at < end)
        if start is not None:
            query = query.where(Task.due_at >= start)
    query = query.order_by(Task.due_at.is_(None), Task.due_at, Task.id)
    if limit is not None:
        query = query.limit(limit)
    return _fetch(session, query)


def tasks_of_client(session: Session, client_id: uuid.UUID, *, limit: int = 500) -> list[TaskView]:
    """The client card's tab: open tasks soonest first, then done and cancelled ones,
    the latest first."""
    return _of(session, Task.client_id == client_id, limit)


def tasks_of_deal(session: Session, deal_id: uuid.UUID, *, limit: int = 500) -> list[TaskView]:
    return _of(session, Task.deal_id == deal_id, limit)


def _of(session: Session, link: Any, limit: int) -> list[TaskView]:
    closed_first = case((Task.status == TaskStatus.OPEN, 0), else_=1)
    query = (
        _rows()
        .where(link, Task.deleted_at.is_(None))
        .order_by(
            closed_first,
            case((Task.status == TaskStatus.OPEN, Task.due_at), else_=None).is_(None),
            case((Task.status == TaskStatus.OPEN, Task.due_at), else_=None),
            func.coalesce(Task.completed_at, Task.updated_at).desc(),
            Task.id,
        )
        .limit(limit)
    )
    return _fetch(session, query)
