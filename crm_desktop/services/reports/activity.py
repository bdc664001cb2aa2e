"""Manager activity: calls, meetings, letters and notes each person logged, and the
tasks they finished, per day or per week of the user's calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Interaction, InteractionKind, Task, TaskStatus
from crm_desktop.services.reports.sql import local_day, local_week, moments
from crm_desktop.services.reports.table import Column, Kind, ReportParams, ReportTable

KINDS = (
    InteractionKind.CALL,
    InteractionKind.MEETING,
    InteractionKind.EMAIL,
    InteractionKind.NOTE,
)


def activity(session: Session, params: ReportParams) -> ReportTable:
    by = params.by or "day"
    if by not in ("day", "week"):
        raise ValidationError("by", _("activity: group by day or week"))
    bucket = local_week if by == "week" else local_day
    start, end = moments(params)
    when = bucket(session, Interaction.occurred_at, params).label("bucket")
    who = func.coalesce(Interaction.user_login, "").label("who")
    conditions = [
        Interaction.deleted_at.is_(None),
        Interaction.occurred_at >= start,
        Interaction.occurred_at < end,
        Interaction.kind.in_(KINDS),
    ]
    if params.owner:
        conditions.append(Interaction.user_login == params.owner)
    conditions += params.client_filter(Interaction.client_id)
    counts: dict[tuple[str, str], list[int]] = {}
    query = (
        select(
            when,
            who,
            *(func.count().filter(Interaction.kind == kind) for kind in KINDS),
        )
        .where(and_(*conditions))
        .group_by(when, who)
    )
    for row in session.execute(query):
        counts[(str(row[0]), row[1])] = [*row[2:], 0]
    done_when = bucket(session, Task.completed_at, params).label("bucket")
    assignee = func.coalesce(Task.assignee, "").label("who")
    task_conditions: list[Any] = [
        Task.deleted_at.is_(None),
        Task.status == TaskStatus.DONE,
        Task.completed_at >= start,
        Task.completed_at < end,
    ]
    if params.owner:
        task_conditions.append(Task.assignee == params.owner)
    task_conditions += params.client_filter(Task.client_id)
    for day, login, n in session.execute(
        select(done_when, assignee, func.count())
        .where(and_(*task_conditions))
        .group_by(done_when, assignee)
    ):
        counts.setdefault((str(day), login), [0] * len(KINDS) + [0])[-1] = n
    first = Column(by, _("Week of") if by == "week" else _("Day"), Kind.DATE)
    columns = [
        first,
        Column("manager", _("Manager")),
        Column("calls", _("Calls"), Kind.INT),
        Column("meetings", _("Meetings"), Kind.INT),
        Column("emails", _("Letters"), Kind.INT),
        Column("notes", _("Notes"), Kind.INT),
        Column("tasks_done", _("Tasks done"), Kind.INT),
    ]
    table = ReportTable("activity", _("Manager activity"), params, columns)
    for (day, login), figures in sorted(counts.items()):
        table.rows.append((dt.date.fromisoformat(day), login or _("(no one)"), *figures))
    keys = [c.key for c in columns[2:]]
    table.totals = {key: sum(r[2 + i] for r in table.rows) for i, key in enumerate(keys)}
    table.total_labels = {c.key: c.label for c in columns[2:]}
    return table
