"""Client analytics over issued invoices: ABC (share of revenue), XYZ (regularity of
monthly purchases), RFM (recency, frequency, money), sleeping clients (no contact for N
days) and churn (bought in the previous period of the same length, not in this one),
with the average lifetime value.

The period picks the invoices (by issue date); a manager (`owner`) picks the invoices
credited to them, or for "sleeping" the clients they are responsible for. Sums, ranks
and shares are computed by the database; Python only labels the rows it shows."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from sqlalchemy import Float, and_, case, cast, func, select
from sqlalchemy.orm import Session

from crm_desktop.i18n import _
from crm_desktop.models import Client, Invoice
from crm_desktop.services.reports.money import ZERO, issued_in, months
from crm_desktop.services.reports.sql import moments, month_of_date
from crm_desktop.services.reports.table import Column, Kind, ReportParams, ReportTable, percent

A_SHARE, B_SHARE = 80, 95  # percent of revenue: class A, then B (ABC)
X_CV, Y_CV = 10, 25  # percent, coefficient of variation of monthly revenue (XYZ)
SLEEPING_DAYS = 90
SEGMENTS = (  # (R at least, F at least, R at most, F at most, name): the first that fits
    (4, 4, 5, 5, "Champions"),
    (2, 4, 5, 5, "Loyal"),
    (4, 1, 5, 2, "New"),
    (1, 3, 2, 5, "At risk"),
    (1, 1, 2, 2, "Lost"),
    (1, 1, 5, 5, "Needs attention"),
)


def _segment_label(name: str) -> str:
    labels = {
        "Champions": _("Champions"),
        "Loyal": _("Loyal"),
        "New": _("New"),
        "At risk": _("At risk"),
        "Lost": _("Lost customers"),
        "Needs attention": _("Needs attention"),
    }
    return labels[name]


def abc(session: Session, params: ReportParams) -> ReportTable:
    """Clients by revenue, largest first: A until 80 % of the period's revenue is
    reached (the client who crosses 80 % included), then B until 95 %, then C."""
    revenue = (
        select(Invoice.client_id.label("client_id"), func.sum(Invoice.total).label("revenue"))
        .where(issued_in(params))
        .group_by(Invoice.client_id)
        .subquery()
    )
    order = (revenue.c.revenue.desc(), revenue.c.client_id)
    running = func.sum(revenue.c.revenue).over(order_by=order, rows=(None, 0))
    whole = func.sum(revenue.c.revenue).over()
    before = running - revenue.c.revenue  # the revenue of the clients above this one
    klass = case(
        (before * 100 < whole * A_SHARE, "A"),
        (before * 100 < whole * B_SHARE, "B"),
        else_="C",
    )
    ranked = select(
        revenue.c.client_id,
        revenue.c.revenue,
        running.label("running"),
        whole.label("whole"),
        klass.label("class"),
    ).subquery()
    counts = {
        k: (n, amount or ZERO)
        for k, n, amount in session.execute(
            select(ranked.c["class"], func.count(), func.sum(ranked.c.revenue)).group_by(
                ranked.c["class"]
            )
        )
    }
    total = sum((amount for _n, amount in counts.values()), ZERO)
    query = params.limited(
        select(Client.name, Client.owner, ranked.c.revenue, ranked.c.running, ranked.c["class"])
        .join(Client, Client.id == ranked.c.client_id)
        .order_by(ranked.c.revenue.desc(), ranked.c.client_id)
    )
    table = ReportTable(
        "abc",
        _("ABC analysis"),
        params,
        [
            Column("client", _("Client")),
            Column("manager", _("Manager")),
            Column("revenue", _("Revenue"), Kind.MONEY),
            Column("share", _("Share, %"), Kind.PERCENT),
            Column("cumulative", _("Cumulative share, %"), Kind.PERCENT),
            Column("class", _("Class")),
        ],
    )
    for name, owner, amount, cumulative, klass_name in session.execute(query):
        table.rows.append(
            (name, owner, amount, percent(amount, total), percent(cumulative, total), klass_name)
        )
    table.totals = {"revenue": total, "clients": sum(n for n, _a in counts.values())}
    table.total_labels = {"revenue": _("Revenue"), "clients": _("Clients")}
    for k in "ABC":
        n, amount = counts.get(k, (0, ZERO))
        table.totals[k] = n
        table.totals[f"{k}_revenue"] = amount
        table.total_labels[k] = _("Class {name}: clients", name=k)
        table.total_labels[f"{k}_revenue"] = _("Class {name}: revenue", name=k)
    return table


def xyz(session: Session, params: ReportParams) -> ReportTable:
    """Clients who bought in the period, by how evenly their revenue spreads over its
    months (a month without purchases counts as zero): the coefficient of variation
    (standard deviation over the mean) up to 10 % is X, up to 25 % is Y, above is Z."""
    month = month_of_date(session, Invoice.issue_date)
    monthly = (
        select(
            Invoice.client_id.label("client_id"),
            month.label("month"),
            func.sum(Invoice.total).label("amount"),
        )
        .where(issued_in(params))
        .group_by(Invoice.client_id, month)
        .subquery()
    )
    raw = cast(monthly.c.amount, Float)
    n = len(months(params))
    per = (
        select(
            monthly.c.client_id,
            func.count().label("months"),
            func.sum(monthly.c.amount).label("revenue"),
            func.sum(raw).label("s1"),
            func.sum(raw * raw).label("s2"),
        )
        .group_by(monthly.c.client_id)
        .subquery()
    )
    # variation ≤ 10 % ⟺ variance ≤ 0.01·mean² (with mean = s1/n, variance = s2/n − mean²):
    # classed by the database, without a square root
    mean_sq = (per.c.s1 / n) * (per.c.s1 / n)
    variance = per.c.s2 / n - mean_sq
    klass = case(
        (variance <= (X_CV / 100) ** 2 * mean_sq, "X"),
        (variance <= (Y_CV / 100) ** 2 * mean_sq, "Y"),
        else_="Z",
    ).label("class")
    classed = select(per, klass).subquery()
    classes: dict[str, int] = dict(
        session.execute(select(classed.c["class"], func.count()).group_by(classed.c["class"])).all()
    )
    top = params.limited(
        select(classed).order_by(classed.c.revenue.desc(), classed.c.client_id)
    ).subquery()
    query = (  # the names of the rows shown only
        select(
            Client.name,
            Client.owner,
            top.c.months,
            top.c.revenue,
            top.c.s1,
            top.c.s2,
            top.c["class"],
        )
        .join(Client, Client.id == top.c.client_id)
        .order_by(top.c.revenue.desc(), top.c.client_id)
    )
    table = ReportTable(
        "xyz",
        _("XYZ analysis"),
        params,
        [
            Column("client", _("Client")),
            Column("manager", _("Manager")),
            Column("months", _("Months with purchases"), Kind.INT),
            Column("revenue", _("Revenue"), Kind.MONEY),
            Column("variation", _("Variation, %"), Kind.PERCENT),
            Column("class", _("Class")),
        ],
    )
    for name, owner, bought, revenue, s1, s2, klass_name in session.execute(query):
        mean = float(s1) / n
        spread = max(float(s2) / n - mean * mean, 0.0)
        cv = Decimal(str(round(math.sqrt(spread) / mean * 100, 6))) if mean else Decimal(0)
        table.rows.append((name, owner, bought, revenue, cv, klass_name))
    table.totals = {"clients": sum(classes.values()), **{k: classes.get(k, 0) for k in "XYZ"}}
    table.total_labels = {"clients": _("Clients")}
    table.total_labels.update({k: _("Class {name}: clients", name=k) for k in "XYZ"})
    return table


def _rfm_scored(params: ReportParams) -> Any:
    """Per client who bought in the period: last purchase, invoices, revenue, the three
    quintile scores and the first segment that fits, all computed by the database."""
    per = (
        select(
            Invoice.client_id.label("client_id"),
            func.max(Invoice.issue_date).label("last_date"),
            func.count().label("frequency"),
            func.sum(Invoice.total).label("money"),
        )
        .where(issued_in(params))
        .group_by(Invoice.client_id)
        .subquery()
    )
    ranks = select(
        per.c.client_id,
        per.c.last_date,
        per.c.frequency,
        per.c.money,
        func.rank().over(order_by=per.c.last_date).label("r_rank"),
        func.rank().over(order_by=per.c.frequency).label("f_rank"),
        func.rank().over(order_by=per.c.money).label("m_rank"),
        func.count().over().label("n"),
    ).subquery()
    # integer division (`//`): the quintile 1 + ⌊5(k−1)/n⌋, not a fraction
    r = 1 + (5 * (ranks.c.r_rank - 1)) // ranks.c.n
    f = 1 + (5 * (ranks.c.f_rank - 1)) // ranks.c.n
    m = 1 + (5 * (ranks.c.m_rank - 1)) // ranks.c.n
    segment = case(
        *(
            (and_(r >= r_low, r <= r_high, f >= f_low, f <= f_high), segment_key(name))
            for r_low, f_low, r_high, f_high, name in SEGMENTS
        ),
        else_=segment_key(SEGMENTS[-1][4]),
    )
    return select(
        ranks.c.client_id,
        ranks.c.last_date,
        ranks.c.frequency,
        ranks.c.money,
        r.label("r"),
        f.label("f"),
        m.label("m"),
        segment.label("segment"),
    ).subquery()


def rfm(session: Session, params: ReportParams) -> ReportTable:
    """Clients who bought in the period, scored 1..5 (5 best) by quintile on recency
    (days from their last purchase to the period's end), frequency (invoices) and money
    (their revenue): of n clients, the one ranked k-th from the lowest figure scores
    1 + ⌊5(k−1)/n⌋; clients with equal figures share the lowest rank and its score."""
    scored = _rfm_scored(params)
    counts: dict[str, int] = dict(
        session.execute(select(scored.c.segment, func.count()).group_by(scored.c.segment)).all()
    )
    top = params.limited(
        select(scored).order_by(scored.c.money.desc(), scored.c.client_id)
    ).subquery()
    query = (  # the names of the rows shown only, not of every buyer
        select(
            Client.name,
            Client.owner,
            top.c.last_date,
            top.c.frequency,
            top.c.money,
            top.c.r,
            top.c.f,
            top.c.m,
            top.c.segment,
        )
        .join(Client, Client.id == top.c.client_id)
        .order_by(top.c.money.desc(), top.c.client_id)
    )
    table = ReportTable(
        "rfm",
        _("RFM analysis"),
        params,
        [
            Column("client", _("Client")),
            Column("manager", _("Manager")),
            Column("last_purchase", _("Last purchase"), Kind.DATE),
            Column("recency_days", _("Days since"), Kind.INT),
            Column("frequency", _("Invoices"), Kind.INT),
            Column("monetary", _("Revenue"), Kind.MONEY),
            Column("r", "R", Kind.INT),
            Column("f", "F", Kind.INT),
            Column("m", "M", Kind.INT),
            Column("rfm", "RFM"),
            Column("segment", _("Segment")),
        ],
    )
    names = {segment_key(name): name for *_bounds, name in SEGMENTS}
    for name, owner, last, frequency, money, r, f, m, key in session.execute(query):
        recency = (params.date_to - last).days
        label = _segment_label(names[key])
        r, f, m = int(r), int(f), int(m)
        table.rows.append(
            (name, owner, last, recency, frequency, money, r, f, m, f"{r}{f}{m}", label)
        )
    table.totals = {"clients": sum(counts.values())}
    table.total_labels = {"clients": _("Clients")}
    for *_bounds, name in SEGMENTS:
        key = segment_key(name)
        table.totals[key] = counts.get(key, 0)
        table.total_labels[key] = _segment_label(name)
    return table


def sleeping(session: Session, params: ReportParams) -> ReportTable:
    """Clients with no contact logged for `days` (90 by default) by the period's end;
    one never contacted counts from the day it was added."""
    days = params.days if params.days is not None else SLEEPING_DAYS
    _start, end = moments(params)
    since = func.coalesce(Client.last_contact_at, Client.created_at)
    conditions = [Client.deleted_at.is_(None), since < end - dt.timedelta(days=days)]
    if params.owner:
        conditions.append(Client.owner == params.owner)
    conditions += params.client_filter(Client.id)
    where = and_(*conditions)
    count = session.execute(select(func.count()).select_from(Client).where(where)).scalar_one()
    query = params.limited(
        select(Client.name, Client.owner, Client.last_contact_at, Client.created_at)
        .where(where)
        .order_by(since, Client.id)
    )
    table = ReportTable(
        "sleeping",
        _("Sleeping clients"),
        params,
        [
            Column("client", _("Client")),
            Column("manager", _("Manager")),
            Column("last_contact", _("Last contact"), Kind.DATE),
            Column("days", _("Days without contact"), Kind.INT),
        ],
    )
    last_day = params.date_to
    for name, owner, contact, created in session.execute(query):
        moment = contact or created
        local = moment.astimezone(params.tz).date()
        table.rows.append((name, owner, local if contact else None, (last_day - local).days))
    table.totals = {"clients": count, "days": days}
    table.total_labels = {"clients": _("Clients"), "days": _("No contact for, days")}
    return table


def churn(session: Session, params: ReportParams) -> ReportTable:
    """Clients who bought in the previous period of the same length but not in this one;
    churn rate = those / the previous period's buyers. Average lifetime value: all the
    revenue invoiced up to the period's end over the number of clients who ever bought."""
    length = params.date_to - params.date_from + dt.timedelta(days=1)
    before = ReportParams(
        params.date_from - length,
        params.date_from - dt.timedelta(days=1),
        owner=params.owner,
        tz=params.tz,
        clients=params.clients,
    )
    # one pass over both periods' invoices, grouped by client (each period picked with
    # FILTER), instead of a query per period and a look-up per client
    both = ReportParams(
        before.date_from,
        params.date_to,
        owner=params.owner,
        tz=params.tz,
        clients=params.clients,
    )
    in_before = Invoice.issue_date <= before.date_to
    per = (
        select(
            Invoice.client_id.label("client_id"),
            func.max(Invoice.issue_date).filter(in_before).label("last_date"),
            func.sum(Invoice.total).filter(in_before).label("revenue"),
            func.count().filter(Invoice.issue_date >= params.date_from).label("now"),
        )
        .where(issued_in(both))
        .group_by(Invoice.client_id)
        .subquery()
    )
    gone = and_(per.c.last_date.is_not(None), per.c.now == 0)
    buyers, churned, churned_revenue = session.execute(  # one pass for the three figures
        select(
            func.count().filter(per.c.last_date.is_not(None)),
            func.count().filter(gone),
            func.sum(per.c.revenue).filter(gone),
        )
    ).one()
    lost_rows = select(per).where(gone).order_by(per.c.revenue.desc(), per.c.client_id)
    top = params.limited(lost_rows).subquery()
    lost = select(Client.name, Client.owner, top.c.last_date, top.c.revenue).join(
        Client, Client.id == top.c.client_id
    )
    ever = session.execute(
        select(func.sum(Invoice.total), func.count(func.distinct(Invoice.client_id))).where(
            issued_in(params, until_only=True)
        )
    ).one()
    lifetime = (ever[0] / ever[1]).quantize(Decimal("0.01")) if ever[1] else None
    table = ReportTable(
        "churn",
        _("Churn"),
        params,
        [
            Column("client", _("Client")),
            Column("manager", _("Manager")),
            Column("last_purchase", _("Last purchase"), Kind.DATE),
            Column("previous_revenue", _("Revenue in the previous period"), Kind.MONEY),
        ],
    )
    query = lost.order_by(top.c.revenue.desc(), top.c.client_id)
    table.rows = [tuple(row) for row in session.execute(query)]
    table.totals = {
        "previous_buyers": buyers,
        "churned": churned,
        "churn_rate": percent(churned, buyers),
        "lost_revenue": churned_revenue or ZERO,
        "avg_lifetime_value": lifetime,
    }
    table.total_kinds = {"churn_rate": Kind.PERCENT, "avg_lifetime_value": Kind.MONEY}
    table.total_labels = {
        "previous_buyers": _("Bought in the previous period"),
        "churned": _("Stopped buying"),
        "churn_rate": _("Churn rate, %"),
        "lost_revenue": _("Their revenue in the previous period"),
        "avg_lifetime_value": _("Average lifetime value"),
    }
    return table


def segment_key(name: str) -> str:
    """ "At risk" → "at_risk": how segments are named in totals and saved filters."""
    return name.lower().replace(" ", "_")


RFM_KEYS = tuple(segment_key(name) for *_bounds, name in SEGMENTS)


def rfm_members(params: ReportParams, key: str) -> Any:
    """A subquery of the ids of the clients in RFM segment `key` ("champions", ...) over
    the period: the report's scores and segment."""
    scored = _rfm_scored(params)
    return select(scored.c.client_id).where(scored.c.segment == key)
