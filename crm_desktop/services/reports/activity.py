"""Manager activity: calls, meetings, letters and notes each person logged, and the
tasks they finished, per day or per week of the user's calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import Session

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Interaction, InteractionKind, Task, TaskStatus
from crm_desktop.services.reports.sql import is_sqlite, local_day, moments
from crm_desktop.services.reports.table import Column, Kind, ReportParams, ReportTable

KINDS = (
    InteractionKind.CALL,
    InteractionKind.MEETING,
    InteractionKind.EMAIL,
    InteractionKind.NOTE,
)


def _bucket(day: str, by: str) -> str:
    """The row's day, or the Monday of its week."""
    if by != "week":
        return day
    date = dt.date.fromisoformat(day)
    return (date - dt.timedelta(days=date.weekday())).isoformat()


def _add(counts: dict[tuple[str, str], list[int]], bucket: str, who: str, row: list[int]) -> None:
    held = counts.setdefault((bucket, who), [0] * (len(KINDS) + 1))
    for index, value in enumerate(row):
        held[index] += value


def activity(session: Session, params: ReportParams) -> ReportTable:
    by = params.by or "day"
    if by not in ("day", "week"):
        raise ValidationError("by", _("activity: group by day or week"))
    # grouped by day in SQL, then days folded into weeks here (a handful of rows): the
    # week's expression per row cost SQLite a third more than the day's
    bucket = local_day
    start, end = moments(params)
    who = func.coalesce(Interaction.user_login, "").label("who")
    conditions: list[Any] = [Interaction.deleted_at.is_(None), Interaction.kind.in_(KINDS)]
    if params.owner:
        conditions.append(Interaction.user_login == params.owner)
    conditions += params.client_filter(Interaction.client_id)
    counts: dict[tuple[str, str], list[int]] = {}
    counted = [func.count().filter(Interaction.kind == kind) for kind in KINDS]
    if is_sqlite(session):
        # a day at a time, each an index range grouped by person: SQLite sorts a year's
        # 1.7 million rows for one GROUP BY by day (1.9 s at a million clients); 365 small
        # ones take half that
        lo, hi = (
            bindparam("lo", type_=Interaction.occurred_at.type),
            bindparam("hi", type_=Interaction.occurred_at.type),
        )
        per_day = (
            select(who, *counted)
            .where(and_(*conditions), Interaction.occurred_at >= lo, Interaction.occurred_at < hi)
            .group_by(who)
        )
        current = params.date_from
        while current <= params.date_to:
            bounds = moments(replace(params, date_from=current, date_to=current))
            for row in session.execute(per_day, {"lo": bounds[0], "hi": bounds[1]}):
                _add(counts, _bucket(current.isoformat(), by), str(row[0]), [*row[1:], 0])
            current += dt.timedelta(days=1)
    else:
        when = bucket(session, Interaction.occurred_at, params).label("bucket")
        query = (
            select(when, who, *counted)
            .where(
                and_(*conditions), Interaction.occurred_at >= start, Interaction.occurred_at < end
            )
            .group_by(when, who)
        )
        for row in session.execute(query):
            _add(counts, _bucket(str(row[0]), by), str(row[1]), [*row[2:], 0])
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
        _add(counts, _bucket(str(day), by), login, [0] * len(KINDS) + [n])
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
    for (bucket_day, login), values in sorted(counts.items()):
        table.rows.append((dt.date.fromisoformat(bucket_day), login or _("(no one)"), *values))
    keys = [c.key for c in columns[2:]]
    table.totals = {key: sum(r[2 + i] for r in table.rows) for i, key in enumerate(keys)}
    table.total_labels = {c.key: c.label for c in columns[2:]}
    return table
