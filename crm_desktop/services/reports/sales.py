"""Sales reports: the funnel (deals by stage with the conversion from one stage to the
next, win rate and deal cycle; or the same per manager) and the forecast (the open
pipeline weighted by each deal's probability; or each client's likely next purchase).

The funnel counts the deals of one pipeline that were created in the period. A deal
"reached" a stage when it stands at that stage or a later one, or was won; a lost deal
is counted as having reached the first stage only (where it was lost is not kept)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Integer, and_, cast, func, select, type_coerce
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Client, Deal, Invoice, InvoiceLine, Product, Stage, StageOutcome
from crm_desktop.models.base import Money
from crm_desktop.services.pipelines import PipelineView, find_pipeline
from crm_desktop.services.reports.money import ZERO, issued_in
from crm_desktop.services.reports.sql import is_sqlite, moments
from crm_desktop.services.reports.table import (
    Column,
    Kind,
    ReportParams,
    ReportTable,
    percent,
    tenth,
)


def _pipeline(session: Session, params: ReportParams) -> PipelineView | None:
    try:
        return find_pipeline(session, params.pipeline, create=False)
    except NotFound:
        if params.pipeline is None:
            return None  # a database with no deals yet
        raise


def _cycle_days(session: Session) -> Any:
    """Days from a deal's creation to its closing, as a number."""
    if is_sqlite(session):
        return func.julianday(Deal.closed_at) - func.julianday(Deal.created_at)
    return func.extract("epoch", Deal.closed_at - Deal.created_at) / 86400


def _deals_in(params: ReportParams, pipeline: PipelineView) -> Any:
    start, end = moments(params)
    conditions = [
        Deal.pipeline_id == pipeline.id,
        Deal.deleted_at.is_(None),
        Deal.created_at >= start,
        Deal.created_at < end,
    ]
    if params.owner:
        conditions.append(Deal.owner == params.owner)
    conditions += params.client_filter(Deal.client_id)
    return and_(*conditions)


def funnel(session: Session, params: ReportParams) -> ReportTable:
    by = params.by or "stage"
    if by not in ("stage", "manager"):
        raise ValidationError("by", _("funnel: group by stage or manager"))
    pipeline = _pipeline(session, params)
    if by == "manager":
        return _win_rates(session, params, pipeline)
    columns = [
        Column("stage", _("Stage")),
        Column("deals", _("Deals"), Kind.INT),
        Column("amount", _("Amount"), Kind.MONEY),
        Column("reached", _("Reached"), Kind.INT),
        Column("conversion", _("Conversion, %"), Kind.PERCENT),
    ]
    table = ReportTable("funnel", _("Sales funnel"), params, columns, chart=("stage", "reached"))
    if pipeline is None:
        return table
    by_stage: dict[Any, tuple[int, Decimal]] = {
        stage_id: (n, amount or ZERO)
        for stage_id, n, amount in session.execute(
            select(Deal.stage_id, func.count(), func.sum(Deal.amount))
            .where(_deals_in(params, pipeline))
            .group_by(Deal.stage_id)
        )
    }
    won_cycle = session.execute(
        select(func.avg(_cycle_days(session)))
        .join(Stage, Stage.id == Deal.stage_id)
        .where(
            _deals_in(params, pipeline),
            Stage.outcome == StageOutcome.WON,
            Deal.closed_at.is_not(None),
        )
    ).scalar()
    stages = pipeline.stages
    open_stages = [s for s in stages if s.outcome == StageOutcome.OPEN]
    won = sum(by_stage.get(s.id, (0, ZERO))[0] for s in stages if s.outcome == StageOutcome.WON)
    lost = sum(by_stage.get(s.id, (0, ZERO))[0] for s in stages if s.outcome == StageOutcome.LOST)
    total = sum(n for n, _amount in by_stage.values())
    previous: int | None = None
    for index, stage in enumerate(open_stages):
        later = sum(by_stage.get(s.id, (0, ZERO))[0] for s in open_stages[index:])
        reached = later + won + (lost if index == 0 else 0)
        n, amount = by_stage.get(stage.id, (0, ZERO))
        rate = percent(reached, previous) if previous is not None else None
        table.rows.append((stage.name, n, amount, reached, rate))
        previous = reached
    for outcome in (StageOutcome.WON, StageOutcome.LOST):
        for stage in (s for s in stages if s.outcome == outcome):
            n, amount = by_stage.get(stage.id, (0, ZERO))
            rate = percent(n, previous) if outcome == StageOutcome.WON and previous else None
            table.rows.append((stage.name, n, amount, n, rate))
    table.totals = {
        "deals": total,
        "amount": sum((a for _n, a in by_stage.values()), ZERO),
        "won": won,
        "lost": lost,
        "win_rate": percent(won, won + lost),
        "avg_cycle_days": tenth(won_cycle) if won_cycle is not None else None,
    }
    table.total_kinds = {"win_rate": Kind.PERCENT, "avg_cycle_days": Kind.NUMBER}
    table.total_labels = {
        "deals": _("Deals"),
        "amount": _("Amount"),
        "won": _("Won"),
        "lost": _("Lost"),
        "win_rate": _("Win rate, %"),
        "avg_cycle_days": _("Average deal cycle, days"),
    }
    return table


def _win_rates(
    session: Session, params: ReportParams, pipeline: PipelineView | None
) -> ReportTable:
    """Per manager: deals created in the period, won, lost, win rate, won amount, cycle."""
    columns = [
        Column("manager", _("Manager")),
        Column("deals", _("Deals"), Kind.INT),
        Column("won", _("Won"), Kind.INT),
        Column("lost", _("Lost"), Kind.INT),
        Column("win_rate", _("Win rate, %"), Kind.PERCENT),
        Column("won_amount", _("Won amount"), Kind.MONEY),
        Column("avg_cycle_days", _("Average deal cycle, days"), Kind.NUMBER),
    ]
    table = ReportTable(
        "funnel", _("Win rate by manager"), params, columns, chart=("manager", "won_amount")
    )
    if pipeline is None:
        return table
    is_won = Stage.outcome == StageOutcome.WON
    is_lost = Stage.outcome == StageOutcome.LOST
    owner = func.coalesce(Deal.owner, "")
    query = (
        select(
            owner,
            func.count(),
            func.count().filter(is_won),
            func.count().filter(is_lost),
            type_coerce(func.sum(Deal.amount).filter(is_won), Money),
            func.avg(_cycle_days(session)).filter(and_(is_won, Deal.closed_at.is_not(None))),
        )
        .join(Stage, Stage.id == Deal.stage_id)
        .where(_deals_in(params, pipeline))
        .group_by(owner)
    )
    for login, n, won, lost, amount, cycle in session.execute(query):
        table.rows.append(
            (
                login or _("(no manager)"),
                n,
                won,
                lost,
                percent(won, won + lost),
                amount or ZERO,
                tenth(cycle) if cycle is not None else None,
            )
        )
    table.rows.sort(key=lambda r: (-r[5], r[0]))
    won_all = sum(r[2] for r in table.rows)
    lost_all = sum(r[3] for r in table.rows)
    table.totals = {
        "deals": sum(r[1] for r in table.rows),
        "won": won_all,
        "lost": lost_all,
        "win_rate": percent(won_all, won_all + lost_all),
        "won_amount": sum((r[5] for r in table.rows), ZERO),
    }
    table.total_kinds = {"win_rate": Kind.PERCENT}
    table.total_labels = {
        "deals": _("Deals"),
        "won": _("Won"),
        "lost": _("Lost"),
        "win_rate": _("Win rate, %"),
        "won_amount": _("Won amount"),
    }
    return table


def forecast(session: Session, params: ReportParams) -> ReportTable:
    by = params.by or "stage"
    if by == "stage":
        return _weighted_pipeline(session, params)
    if by == "client":
        return _next_purchases(session, params)
    raise ValidationError("by", _("forecast: group by stage or client"))


def _weighted_pipeline(session: Session, params: ReportParams) -> ReportTable:
    """Open deals expected to close by the period's end (or with no expected date), each
    weighted by its own probability, else its stage's."""
    columns = [
        Column("stage", _("Stage")),
        Column("deals", _("Deals"), Kind.INT),
        Column("amount", _("Amount"), Kind.MONEY),
        Column("probability", _("Probability, %"), Kind.INT),
        Column("weighted", _("Expected revenue"), Kind.MONEY),
    ]
    table = ReportTable(
        "forecast", _("Revenue forecast"), params, columns, chart=("stage", "weighted")
    )
    pipeline = _pipeline(session, params)
    if pipeline is None:
        return table
    chance = func.coalesce(Deal.probability, Stage.probability)
    conditions = [
        Deal.pipeline_id == pipeline.id,
        Deal.deleted_at.is_(None),
        Stage.outcome == StageOutcome.OPEN,
        (Deal.expected_close.is_(None)) | (Deal.expected_close <= params.date_to),
    ]
    if params.owner:
        conditions.append(Deal.owner == params.owner)
    conditions += params.client_filter(Deal.client_id)
    # On SQLite money is kept in kopecks: the weighted sum is rounded there, after the
    # product, and read back through the money type on both.
    weighted = type_coerce(func.sum(Deal.amount * chance), Money)
    found = {
        stage_id: (n, amount or ZERO, raw or ZERO)
        for stage_id, n, amount, raw in session.execute(
            select(Deal.stage_id, func.count(), func.sum(Deal.amount), weighted)
            .join(Stage, Stage.id == Deal.stage_id)
            .where(*conditions)
            .group_by(Deal.stage_id)
        )
    }
    for stage in pipeline.stages:
        if stage.outcome != StageOutcome.OPEN:
            continue
        n, amount, raw = found.get(stage.id, (0, ZERO, ZERO))
        expected = (Decimal(raw) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        table.rows.append((stage.name, n, amount, stage.probability, expected))
    table.totals = {
        "deals": sum(r[1] for r in table.rows),
        "amount": sum((r[2] for r in table.rows), ZERO),
        "weighted": sum((r[4] for r in table.rows), ZERO),
    }
    table.total_labels = {
        "deals": _("Open deals"),
        "amount": _("Amount"),
        "weighted": _("Expected revenue"),
    }
    return table


def _purchase_days(session: Session) -> tuple[Any, Any]:
    """The first and last issue date of a client's invoices, as day numbers."""
    if is_sqlite(session):
        return func.min(func.julianday(Invoice.issue_date)), func.max(
            func.julianday(Invoice.issue_date)
        )
    epoch = dt.date(1970, 1, 1)
    return func.min(Invoice.issue_date - epoch), func.max(Invoice.issue_date - epoch)


def _next_purchases(session: Session, params: ReportParams) -> ReportTable:
    """Clients who bought at least twice before the period's end and whose next purchase
    falls in the period: the last purchase plus their average interval between
    purchases; with what they bought most (by amount)."""
    columns = [
        Column("client", _("Client")),
        Column("manager", _("Manager")),
        Column("purchases", _("Purchases"), Kind.INT),
        Column("last_purchase", _("Last purchase"), Kind.DATE),
        Column("interval_days", _("Average interval, days"), Kind.NUMBER),
        Column("next_purchase", _("Expected next purchase"), Kind.DATE),
        Column("top_product", _("Bought most")),
    ]
    table = ReportTable("forecast", _("Next purchases"), params, columns)
    before_end = issued_in(params, until_only=True)
    first, last = _purchase_days(session)
    groups = (
        select(
            Invoice.client_id.label("client_id"),
            func.count().label("n"),
            func.max(Invoice.issue_date).label("last_date"),
            ((last - first) * 1.0 / (func.count() - 1)).label("interval"),
        )
        .where(before_end)
        .group_by(Invoice.client_id)
        .having(func.count() > 1)
        .subquery()
    )
    # the expected day (the last purchase plus the interval, rounded) is computed, picked
    # and ordered by the database: only the clients shown come to Python
    if is_sqlite(session):
        expected_day = func.julianday(groups.c.last_date) + func.round(groups.c.interval)
        window = expected_day.between(
            func.julianday(params.date_from.isoformat()),
            func.julianday(params.date_to.isoformat()),
        )
    else:
        expected_day = groups.c.last_date + cast(func.round(groups.c.interval), Integer)
        window = expected_day.between(params.date_from, params.date_to)
    query = (
        select(groups.c.client_id, groups.c.n, groups.c.last_date, groups.c.interval)
        .where(window)
        .order_by(expected_day, groups.c.client_id)
    )
    query = params.limited(query)
    found: list[tuple[Any, ...]] = []
    for client_id, n, last_date, interval in session.execute(query):
        step = Decimal(str(interval))
        expected = last_date + dt.timedelta(days=int(step.quantize(Decimal(1), ROUND_HALF_UP)))
        found.append((client_id, n, last_date, step, expected))
    ids = [f[0] for f in found]
    names: dict[Any, tuple[str, str | None]] = {}
    top: dict[Any, str] = {}
    for chunk in _chunks(ids):
        for cid, name, owner in session.execute(
            select(Client.id, Client.name, Client.owner).where(Client.id.in_(chunk))
        ):
            names[cid] = (name, owner)
        product = func.coalesce(Product.name, InvoiceLine.name)
        ranked = (
            select(Invoice.client_id, product, func.sum(InvoiceLine.amount))
            .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
            .outerjoin(Product, Product.id == InvoiceLine.product_id)
            .where(before_end, Invoice.client_id.in_(chunk), InvoiceLine.deleted_at.is_(None))
            .group_by(Invoice.client_id, product)
        )
        best: dict[Any, tuple[Decimal, str]] = defaultdict(lambda: (Decimal(-1), ""))
        for cid, name, amount in session.execute(ranked):
            held = best[cid]
            if amount > held[0] or (amount == held[0] and name < held[1]):
                best[cid] = (amount, name)
        top.update({cid: name for cid, (_a, name) in best.items()})
    for client_id, n, last_date, step, expected in found:
        name, owner = names.get(client_id, ("", None))
        table.rows.append((name, owner, n, last_date, tenth(step), expected, top.get(client_id)))
    table.totals = {"clients": len(table.rows)}
    table.total_labels = {"clients": _("Clients")}
    return table


def _chunks(ids: list[Any], size: int = 500) -> list[list[Any]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
