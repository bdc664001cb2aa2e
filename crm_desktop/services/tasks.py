"""Tasks: adding and changing them, completing (a repeating task makes its next one),
cancelling, reminders shown and snoozed. Reading them ("My day", lists, a client's tasks,
reminders due) lives in `task_views`; its names are repeated here for callers' ease.

Every function that depends on the time takes `now` from its caller (the app passes the
clock, tests a fixed one); `tz` is the user's time zone (None: the computer's).
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crm_desktop.errors import Conflict, NotFound, Refused, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Client, Deal, Priority, Task, TaskKind, TaskStatus, User
from crm_desktop.services import assignment
from crm_desktop.services.clients import default_owner
from crm_desktop.services.local_time import to_local
from crm_desktop.services.recurrence import (
    Recurrence,
    Repeat,
    next_due,
    parse_repeat,
    read_stored,
    starting_at,
)
from crm_desktop.services.task_views import (
    DUE_FILTERS,
    GROUP_LIMIT,
    DayBounds,
    Due,
    MyDay,
    TaskGroup,
    TaskView,
    aware,
    day_bounds,
    due_reminders,
    get_task,
    list_tasks,
    my_day,
    tasks_of_client,
    tasks_of_deal,
)

__all__ = [
    "DUE_FILTERS",
    "GROUP_LIMIT",
    "KEEP",
    "Completion",
    "DayBounds",
    "Due",
    "MyDay",
    "TaskGroup",
    "TaskView",
    "add_task",
    "cancel_task",
    "complete_task",
    "day_bounds",
    "delete_task",
    "due_reminders",
    "edit_task",
    "get_task",
    "list_tasks",
    "mark_reminded",
    "my_day",
    "open_task_counts",
    "parse_kind",
    "parse_priority",
    "reopen_task",
    "restore_task",
    "snooze",
    "tasks_of_client",
    "tasks_of_deal",
]

TITLE_MAX = 300
DESCRIPTION_MAX = 20_000


class _Keep(enum.Enum):
    KEEP = 0


KEEP = _Keep.KEEP  # "not given": `edit_task` leaves the field as it is


@dataclass(frozen=True)
class Completion:
    task: TaskView
    next_task: TaskView | None  # the next one of a repeating task
    offer_call_log: bool  # a call with a client: the UI offers to log it in the history


# --- values --------------------------------------------------------------------------------


def parse_kind(raw: str | TaskKind) -> TaskKind:
    try:
        return TaskKind(str(raw).strip().lower())
    except ValueError:
        kinds = ", ".join(k.value for k in TaskKind)
        raise ValidationError(
            "type", _('"{value}" is not a task type (one of: {kinds})', value=raw, kinds=kinds)
        ) from None


def parse_priority(raw: str | Priority) -> Priority:
    try:
        return Priority(str(raw).strip().lower())
    except ValueError:
        names = ", ".join(p.value for p in Priority)
        raise ValidationError(
            "priority", _('"{value}" is not a priority (one of: {names})', value=raw, names=names)
        ) from None


def _checked_title(raw: str) -> str:
    title = " ".join(raw.split())
    if not title:
        raise ValidationError("title", _("A task needs a title"))
    if len(title) > TITLE_MAX:
        raise ValidationError(
            "title", _("Too long: at most {n} characters, given {m}", n=TITLE_MAX, m=len(title))
        )
    return title


def _checked_description(raw: str | None) -> str | None:
    text = (raw or "").strip()
    if len(text) > DESCRIPTION_MAX:
        raise ValidationError(
            "description",
            _("Too long: at most {n} characters, given {m}", n=DESCRIPTION_MAX, m=len(text)),
        )
    return text or None


def _checked_moment(field: str, moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValidationError(field, _("A time without a time zone is ambiguous"))
    return moment.astimezone(dt.UTC)


def _checked_minutes(field: str, minutes: int) -> dt.timedelta:
    if minutes < 0:
        raise ValidationError(field, _("Minutes cannot be negative"))
    return dt.timedelta(minutes=minutes)


def _checked_assignee(session: Session, login: str) -> str:
    user = session.scalar(select(User).where(User.login == login.strip().lower()))
    if user is None or user.deleted_at is not None:
        raise ValidationError("assignee", _('No user with login "{login}"', login=login))
    if user.disabled:
        raise ValidationError("assignee", _('User "{login}" is disabled', login=login))
    return user.login


def _checked_links(
    session: Session, client_id: uuid.UUID | None, deal_id: uuid.UUID | None
) -> uuid.UUID | None:
    """The client the task is about: the one named, else the deal's."""
    if client_id is not None:
        client = session.get(Client, client_id)
        if client is None:
            raise ValidationError("client", _("No client with id {id}", id=client_id))
        if client.deleted_at is not None:
            raise ValidationError("client", _("The client is in the recycle bin: restore it first"))
    if deal_id is not None:
        deal = session.get(Deal, deal_id)
        if deal is None or deal.deleted_at is not None:
            raise ValidationError("deal", _("No such deal: {id}", id=deal_id))
        if client_id is None:
            return deal.client_id
        if deal.client_id != client_id:
            raise ValidationError("deal", _("The deal belongs to another client"))
    return client_id


# --- adding and changing -------------------------------------------------------------------


def add_task(
    session: Session,
    *,
    title: str,
    kind: TaskKind | str = TaskKind.OTHER,
    due_at: dt.datetime | None = None,
    client_id: uuid.UUID | None = None,
    deal_id: uuid.UUID | None = None,
    assignee: str | None = None,
    auto: bool = False,
    priority: Priority | str = Priority.NORMAL,
    recurrence: Repeat | str | None = None,
    description: str | None = None,
    remind_before: int | None = None,
    tz: dt.tzinfo | None = None,
) -> TaskView:
    """A new open task. The assignee is the login given, or (`auto`) whoever the
    assignment rule for its type picks, or else the user who adds it. The reminder comes
    at the due time, or `remind_before` minutes earlier."""
    if assignee and auto:
        raise ValidationError(
            "assignee", _("Name an assignee or ask for automatic assignment, not both")
        )
    task = Task(
        title=_checked_title(title),
        kind=parse_kind(kind),
        priority=parse_priority(priority),
        description=_checked_description(description),
        status=TaskStatus.OPEN,
    )
    task.due_at = _checked_moment("due", due_at)
    task.client_id = _checked_links(session, client_id, deal_id)
    task.deal_id = deal_id
    task.recurrence = _checked_recurrence(recurrence, task.due_at, tz)
    offset = _checked_minutes("remind_before", remind_before or 0)
    task.remind_at = task.due_at - offset if task.due_at is not None else None
    if auto:
        _assign_automatically(session, task)
    else:
        task.assignee = _checked_assignee(session, assignee) if assignee else default_owner(session)
    session.add(task)
    session.flush()
    return get_task(session, task.id)


def _checked_recurrence(
    raw: Repeat | str | None, due_at: dt.datetime | None, tz: dt.tzinfo | None
) -> str | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    repeat = parse_repeat(raw)
    if due_at is None:
        raise ValidationError("recurrence", _("A repeating task needs a due date"))
    return starting_at(repeat, due_at, tz).stored()


def _assign_automatically(session: Session, task: Task) -> None:
    found = assignment.assign_detailed(session, f"task:{task.kind.value}")
    task.assignee, task.assigned_by_rule, task.queue_id = found.login, found.rule, found.queue_id


def edit_task(
    session: Session,
    task_id: uuid.UUID,
    *,
    expected_version: int | None = None,
    title: str | _Keep = KEEP,
    kind: TaskKind | str | _Keep = KEEP,
    due_at: dt.datetime | _Keep | None = KEEP,
    remind_at: dt.datetime | _Keep | None = KEEP,
    client_id: uuid.UUID | _Keep | None = KEEP,
    deal_id: uuid.UUID | _Keep | None = KEEP,
    assignee: str | _Keep | None = KEEP,
    auto: bool = False,
    priority: Priority | str | _Keep = KEEP,
    recurrence: Repeat | str | _Keep | None = KEEP,
    description: str | _Keep | None = KEEP,
    tz: dt.tzinfo | None = None,
) -> TaskView:
    """Change what is given. A new due time moves the reminder with it (as many minutes
    before) unless `remind_at` is given too; `auto` assigns it again by the rules; naming
    an assignee makes it a person's choice."""
    if auto and not isinstance(assignee, _Keep):
        raise ValidationError(
            "assignee", _("Name an assignee or ask for automatic assignment, not both")
        )
    task = _load(session, task_id, expected_version)
    if not isinstance(title, _Keep):
        task.title = _checked_title(title)
    if not isinstance(kind, _Keep):
        task.kind = parse_kind(kind)
    if not isinstance(priority, _Keep):
        task.priority = parse_priority(priority)
    if not isinstance(description, _Keep):
        task.description = _checked_description(description)
    if not isinstance(client_id, _Keep) or not isinstance(deal_id, _Keep):
        new_client = task.client_id if isinstance(client_id, _Keep) else client_id
        new_deal = task.deal_id if isinstance(deal_id, _Keep) else deal_id
        if not isinstance(deal_id, _Keep) and isinstance(client_id, _Keep) and new_deal:
            new_client = None  # the deal's client
        task.client_id = _checked_links(session, new_client, new_deal)
        task.deal_id = new_deal
    old_due = task.due_at
    if not isinstance(due_at, _Keep):
        task.due_at = _checked_moment("due", due_at)
    if not isinstance(remind_at, _Keep):
        task.remind_at = _checked_moment("remind_at", remind_at)
    elif task.due_at != old_due:
        offset = (old_due - task.remind_at) if old_due and task.remind_at else dt.timedelta()
        task.remind_at = task.due_at - offset if task.due_at is not None else None
    if not isinstance(recurrence, _Keep) or (task.due_at != old_due and task.recurrence):
        wanted: Repeat | str | None
        if isinstance(recurrence, _Keep):
            rule = read_stored(task.recurrence)
            wanted = rule.repeat if rule else None
        else:
            wanted = recurrence
        task.recurrence = _checked_recurrence(wanted, task.due_at, tz)
    if auto:
        _assign_automatically(session, task)
    elif not isinstance(assignee, _Keep):
        new_assignee = _checked_assignee(session, assignee) if assignee else None
        if new_assignee != task.assignee:
            task.assignee, task.assigned_by_rule, task.queue_id = new_assignee, None, None
    session.flush()
    return get_task(session, task.id)


def _load(session: Session, task_id: uuid.UUID, expected_version: int | None = None) -> Task:
    task = session.get(Task, task_id)
    if task is None or task.deleted_at is not None:
        raise NotFound(_("No task with id {id}", id=task_id))
    if expected_version is not None and task.version != expected_version:
        changed = to_local(task.updated_at).strftime("%H:%M")
        raise Conflict(
            _(
                "The task was changed by {who} at {time}: reload it and repeat your change.",
                who=task.updated_by or "?",
                time=changed,
            )
        )
    return task


# --- the task's life: done, cancelled, open again, removed ---------------------------------

_ALLOWED: dict[TaskStatus, frozenset[TaskStatus]] = {
    TaskStatus.DONE: frozenset({TaskStatus.OPEN}),
    TaskStatus.CANCELLED: frozenset({TaskStatus.OPEN}),
    TaskStatus.OPEN: frozenset({TaskStatus.DONE, TaskStatus.CANCELLED}),
}


def _move(task: Task, to: TaskStatus) -> None:
    if task.status not in _ALLOWED[to]:
        messages = {
            TaskStatus.DONE: _("Only an open task can be completed"),
            TaskStatus.CANCELLED: _("Only an open task can be cancelled"),
            TaskStatus.OPEN: _("The task is open already"),
        }
        raise Refused(messages[to])
    task.status = to


def complete_task(
    session: Session,
    task_id: uuid.UUID,
    now: dt.datetime,
    *,
    expected_version: int | None = None,
    tz: dt.tzinfo | None = None,
) -> Completion:
    """Mark a task done at `now`. A repeating task makes its next one (the first step of
    its rule after both its due time and `now`); a call with a client asks the UI to
    offer logging the call."""
    now = aware(now)
    task = _load(session, task_id, expected_version)
    _move(task, TaskStatus.DONE)
    task.completed_at = now
    follower: TaskView | None = None
    rule = read_stored(task.recurrence)
    if rule is not None and task.due_at is not None:
        follower = _follow(session, task, rule, now, tz)
    session.flush()
    return Completion(
        get_task(session, task.id),
        follower,
        offer_call_log=task.kind == TaskKind.CALL and task.client_id is not None,
    )


def _follow(
    session: Session, task: Task, rule: Recurrence, now: dt.datetime, tz: dt.tzinfo | None
) -> TaskView:
    assert task.due_at is not None
    due = next_due(rule, task.due_at, after=now, tz=tz)
    ahead = task.due_at - task.remind_at if task.remind_at is not None else None
    follower = Task(
        title=task.title,
        kind=task.kind,
        due_at=due,
        remind_at=due - ahead if ahead is not None else None,
        client_id=task.client_id,
        deal_id=task.deal_id,
        assignee=task.assignee,
        priority=task.priority,
        status=TaskStatus.OPEN,
        recurrence=task.recurrence,
        description=task.description,
        queue_id=task.queue_id,
        assigned_by_rule=task.assigned_by_rule,
    )
    session.add(follower)
    session.flush()
    return get_task(session, follower.id)


def cancel_task(
    session: Session, task_id: uuid.UUID, *, expected_version: int | None = None
) -> TaskView:
    task = _load(session, task_id, expected_version)
    _move(task, TaskStatus.CANCELLED)
    session.flush()
    return get_task(session, task.id)


def reopen_task(
    session: Session, task_id: uuid.UUID, *, expected_version: int | None = None
) -> TaskView:
    task = _load(session, task_id, expected_version)
    _move(task, TaskStatus.OPEN)
    task.completed_at = None
    session.flush()
    return get_task(session, task.id)


def delete_task(
    session: Session, task_id: uuid.UUID, now: dt.datetime, *, expected_version: int | None = None
) -> None:
    """To the recycle bin (a tombstone, as every record)."""
    task = _load(session, task_id, expected_version)
    task.deleted_at = aware(now)
    session.flush()


def restore_task(session: Session, task_id: uuid.UUID) -> TaskView:
    """Back from the recycle bin; a task whose client or deal is still there waits for it."""
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(_("No task with id {id}", id=task_id))
    if task.deleted_at is not None:
        deal = session.get(Deal, task.deal_id) if task.deal_id is not None else None
        if deal is not None and deal.deleted_at is not None:
            raise ValidationError("deal", _("The deal is in the recycle bin: restore it first"))
        _checked_links(session, task.client_id, task.deal_id)
        task.deleted_at = None
        session.flush()
    return get_task(session, task.id)


# --- reminders -----------------------------------------------------------------------------


def mark_reminded(session: Session, task_id: uuid.UUID, now: dt.datetime) -> None:
    """The reminder was shown at `now`: it does not come again until snoozed or moved.
    A mark of what was shown, not a change of the task: it leaves the row version alone,
    so an editor open on the task does not see a conflict."""
    now = aware(now)
    task = _load(session, task_id)
    session.execute(
        update(Task)
        .where(Task.id == task_id)
        .values(reminded_at=now, updated_at=Task.updated_at)  # no onupdate stamp either
        .execution_options(synchronize_session=False)
    )
    session.expire(task, ["reminded_at"])


def snooze(
    session: Session,
    task_id: uuid.UUID,
    now: dt.datetime,
    *,
    minutes: int | None = None,
    until: dt.datetime | None = None,
) -> TaskView:
    """Remind again `minutes` after `now`, or at `until`."""
    now = aware(now)
    if (minutes is None) == (until is None):
        raise ValidationError("snooze", _("Say for how many minutes or until when"))
    if minutes is not None:
        if minutes <= 0:
            raise ValidationError("minutes", _("Snooze for at least one minute"))
        when = now + dt.timedelta(minutes=minutes)
    else:
        checked = _checked_moment("until", until)
        assert checked is not None
        if checked <= now:
            raise ValidationError("until", _("Snooze until a time that is still to come"))
        when = checked
    task = _load(session, task_id)
    if task.status != TaskStatus.OPEN:
        raise Refused(_("Only an open task has reminders"))
    task.remind_at = when
    session.flush()
    return get_task(session, task.id)


def open_task_counts(session: Session, logins: Sequence[str]) -> dict[str, int]:
    """How many open tasks each user has (their workload)."""
    return assignment.open_task_counts(session, logins)
