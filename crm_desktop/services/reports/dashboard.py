"""The executives' dashboard: this month's revenue against last month's, the funnel of
the last 90 days, deals won and lost this month by manager, overdue tasks by person and
new clients by source; and, for each tile, the records behind a figure (what a click on
a bar opens). A few grouped queries, whatever the size of the database."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound
from crm_desktop.i18n import _
from crm_desktop.models import (
    Client,
    Deal,
    Invoice,
    Payment,
    Stage,
    StageOutcome,
    Task,
    TaskStatus,
    utcnow,
)
from crm_desktop.services.pipelines import find_pipeline
from crm_desktop.services.reports.money import ISSUED, ZERO
from crm_desktop.services.reports.sales import funnel
from crm_desktop.services.reports.sql import moments
from crm_desktop.services.reports.table import Column, Kind, ReportParams, ReportTable

FUNNEL_DAYS = 90
RECORDS_LIMIT = 500


class Tile(enum.StrEnum):
    REVENUE = "revenue"
    FUNNEL = "funnel"
    MANAGERS = "managers"
    OVERDUE = "overdue"
    SOURCES = "sources"


@dataclass(frozen=True)
class Bar:
    key: str  # what the records behind it are picked by (a month, a stage id, a login...)
    label: str
    value: Decimal | int
    second: Decimal | int | None = None  # a second series (paid; lost deals)


@dataclass
class Dashboard:
    today: dt.date
    this_month: dt.date  # its first day
    last_month: dt.date
    revenue: list[Bar] = field(default_factory=list)  # [last month, this month]: invoiced, paid
    funnel: list[Bar] = field(default_factory=list)  # reached per stage; conversion in label
    managers: list[Bar] = field(default_factory=list)  # won, lost this month
    overdue: list[Bar] = field(default_factory=list)  # open tasks past due, per person
    sources: list[Bar] = field(default_factory=list)  # new clients this month per source

    @property
    def revenue_change(self) -> Decimal | None:
        """This month's invoiced revenue against last month's, in percent (+12.5)."""
        if len(self.revenue) < 2 or not self.revenue[0].value:
            return None
        before, now = Decimal(self.revenue[0].value), Decimal(self.revenue[1].value)
        return ((now - before) * 100 / before).quantize(Decimal("0.1"))


def month_start(day: dt.date, back: int = 0) -> dt.date:
    year, month = day.year, day.month - back
    while month < 1:
        year, month = year - 1, month + 12
    return dt.date(year, month, 1)


def _month_end(first: dt.date) -> dt.date:
    return month_start(first + dt.timedelta(days=32)) - dt.timedelta(days=1)


def _no_one() -> str:
    return _("(no one)")


def load_dashboard(session: Session, today: dt.date, tz: dt.tzinfo | None = None) -> Dashboard:
    this, last = month_start(today), month_start(today, 1)
    board = Dashboard(today, this, last)
    for first, to in ((last, _month_end(last)), (this, today)):
        invoiced = session.execute(
            select(func.sum(Invoice.total)).where(
                Invoice.status.in_(ISSUED),
                Invoice.deleted_at.is_(None),
                Invoice.issue_date >= first,
                Invoice.issue_date <= to,
            )
        ).scalar()
        paid = session.execute(
            select(func.sum(Payment.amount))
            .join(Invoice, Invoice.id == Payment.invoice_id)
            .where(
                Payment.deleted_at.is_(None),
                Invoice.deleted_at.is_(None),
                Payment.paid_on >= first,
                Payment.paid_on <= to,
            )
        ).scalar()
        board.revenue.append(
            Bar(first.isoformat(), first.strftime("%m.%Y"), invoiced or ZERO, paid or ZERO)
        )
    window = ReportParams(today - dt.timedelta(days=FUNNEL_DAYS - 1), today, tz=tz)
    stages = funnel(session, window)
    for name, deals, _amount, reached, conversion in stages.rows:
        label = f"{name} ({conversion} %)" if conversion is not None else name
        board.funnel.append(Bar(name, label, reached, deals))
    start, end = moments(ReportParams(this, today, tz=tz))
    won = Stage.outcome == StageOutcome.WON
    lost = Stage.outcome == StageOutcome.LOST
    owner = func.coalesce(Deal.owner, "")
    for login, n_won, n_lost in session.execute(
        select(owner, func.count().filter(won), func.count().filter(lost))
        .join(Stage, Stage.id == Deal.stage_id)
        .where(Deal.deleted_at.is_(None), Deal.closed_at >= start, Deal.closed_at < end)
        .group_by(owner)
        .order_by(owner)
    ):
        board.managers.append(Bar(login, login or _no_one(), n_won, n_lost))
    now = utcnow()
    assignee = func.coalesce(Task.assignee, "")
    for login, n in session.execute(
        select(assignee, func.count())
        .where(Task.deleted_at.is_(None), Task.status == TaskStatus.OPEN, Task.due_at < now)
        .group_by(assignee)
        .order_by(func.count().desc(), assignee)
    ):
        board.overdue.append(Bar(login, login or _no_one(), n))
    source = func.coalesce(Client.source, "")
    for name, n in session.execute(
        select(source, func.count())
        .where(Client.deleted_at.is_(None), Client.created_at >= start, Client.created_at < end)
        .group_by(source)
        .order_by(func.count().desc(), source)
    ):
        board.sources.append(Bar(name, name or _("(not given)"), n))
    return board


def records_behind(
    session: Session, tile: Tile, key: str, today: dt.date, tz: dt.tzinfo | None = None
) -> ReportTable:
    """The records a dashboard bar counts (at most 500): the month's invoices, the deals
    at or past a stage, a manager's deals closed this month, a person's overdue tasks, the
    month's new clients from a source."""
    this = month_start(today)
    params = ReportParams(this, today, tz=tz, limit=RECORDS_LIMIT)
    if tile is Tile.REVENUE:
        first = dt.date.fromisoformat(key)
        last = min(_month_end(first), today)
        table = ReportTable(
            "invoices",
            _("Invoices issued {period}", period=first.strftime("%m.%Y")),
            ReportParams(first, last, tz=tz),
            [
                Column("invoice", _("Invoice")),
                Column("client", _("Client")),
                Column("issued", _("Issued"), Kind.DATE),
                Column("total", _("Total"), Kind.MONEY),
                Column("paid", _("Paid"), Kind.MONEY),
            ],
        )
        query = (
            select(
                Invoice.number_text,
                Client.name,
                Invoice.issue_date,
                Invoice.total,
                Invoice.paid_amount,
            )
            .join(Client, Client.id == Invoice.client_id)
            .where(
                Invoice.status.in_(ISSUED),
                Invoice.deleted_at.is_(None),
                Invoice.issue_date >= first,
                Invoice.issue_date <= last,
            )
            .order_by(Invoice.issue_date, Invoice.id)
            .limit(RECORDS_LIMIT)
        )
        table.rows = [tuple(r) for r in session.execute(query)]
        return table
    if tile in (Tile.FUNNEL, Tile.MANAGERS):
        return _deals_behind(session, tile, key, today, tz)
    if tile is Tile.OVERDUE:
        table = ReportTable(
            "tasks",
            _("Overdue tasks"),
            params,
            [
                Column("task", _("Task")),
                Column("client", _("Client")),
                Column("assignee", _("Assignee")),
                Column("due", _("Due"), Kind.DATE),
            ],
        )
        tasks = (
            select(Task.title, Client.name, Task.assignee, Task.due_at)
            .outerjoin(Client, Client.id == Task.client_id)
            .where(
                Task.deleted_at.is_(None),
                Task.status == TaskStatus.OPEN,
                Task.due_at < utcnow(),
                func.coalesce(Task.assignee, "") == key,
            )
            .order_by(Task.due_at, Task.id)
            .limit(RECORDS_LIMIT)
        )
        table.rows = [
            (title, client, who, due.astimezone(tz).date() if due else None)
            for title, client, who, due in session.execute(tasks)
        ]
        return table
    start, end = moments(params)
    table = ReportTable(
        "clients",
        _("New clients this month"),
        params,
        [
            Column("client", _("Client")),
            Column("manager", _("Manager")),
            Column("source", _("Source")),
            Column("added", _("Added"), Kind.DATE),
        ],
    )
    clients = (
        select(Client.name, Client.owner, Client.source, Client.created_at)
        .where(
            Client.deleted_at.is_(None),
            Client.created_at >= start,
            Client.created_at < end,
            func.coalesce(Client.source, "") == key,
        )
        .order_by(Client.created_at, Client.id)
        .limit(RECORDS_LIMIT)
    )
    table.rows = [
        (name, owner, source, created.astimezone(tz).date())
        for name, owner, source, created in session.execute(clients)
    ]
    return table


def _reached(session: Session, stage_name: str) -> Any:
    """The deals the funnel counts as having reached a stage of the default pipeline:
    standing there or at a later open stage, or won; lost ones only at the first stage;
    for a won or lost stage, the deals standing there."""
    try:
        pipeline = find_pipeline(session, None, create=False)
    except NotFound:
        return Deal.id.is_(None)
    stages = pipeline.stages
    chosen = next((s for s in stages if s.name == stage_name), None)
    if chosen is None:
        return Deal.id.is_(None)
    if chosen.outcome != StageOutcome.OPEN:
        return Deal.stage_id == chosen.id
    open_stages = [s for s in stages if s.outcome == StageOutcome.OPEN]
    later = [s.id for s in open_stages if s.position >= chosen.position]
    won = [s.id for s in stages if s.outcome == StageOutcome.WON]
    lost = [s.id for s in stages if s.outcome == StageOutcome.LOST]
    first = open_stages[0].id == chosen.id
    return Deal.stage_id.in_(later + won + (lost if first else []))


def _deals_behind(
    session: Session, tile: Tile, key: str, today: dt.date, tz: dt.tzinfo | None
) -> ReportTable:
    columns = [
        Column("deal", _("Deal")),
        Column("client", _("Client")),
        Column("stage", _("Stage")),
        Column("manager", _("Manager")),
        Column("amount", _("Amount"), Kind.MONEY),
    ]
    conditions: list[Any] = [Deal.deleted_at.is_(None)]
    if tile is Tile.FUNNEL:
        params = ReportParams(today - dt.timedelta(days=FUNNEL_DAYS - 1), today, tz=tz)
        start, end = moments(params)
        conditions += [Deal.created_at >= start, Deal.created_at < end, _reached(session, key)]
        title = _("Deals that reached the stage «{stage}»", stage=key)
    else:
        params = ReportParams(month_start(today), today, tz=tz)
        start, end = moments(params)
        conditions += [
            Deal.closed_at >= start,
            Deal.closed_at < end,
            func.coalesce(Deal.owner, "") == key,
            Stage.outcome != StageOutcome.OPEN,
        ]
        title = _("Deals closed this month: {manager}", manager=key or _no_one())
    query = (
        select(Deal.title, Client.name, Stage.name, Deal.owner, Deal.amount)
        .join(Stage, Stage.id == Deal.stage_id)
        .join(Client, Client.id == Deal.client_id)
        .where(and_(*conditions))
        .order_by(Deal.amount.desc(), Deal.id)
        .limit(RECORDS_LIMIT)
    )
    table = ReportTable("deals", title, params, columns)
    table.rows = [tuple(r) for r in session.execute(query)]
    return table
