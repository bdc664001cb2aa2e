"""Deals as lists show them: the board (a column per stage with its count, total and first
cards), the list view a page at a time, and a client's deals.

Everything is read as plain columns (no ORM objects), counts and totals with SQL
aggregates: the board of 10,000 open deals costs two queries, never a load of them all.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from crm_desktop.models import Client, ClientKind, Deal, Pipeline, Stage, StageOutcome, utcnow
from crm_desktop.services.client_rows import display_name
from crm_desktop.services.pipelines import PipelineView, StageView, get_pipeline

CENT = Decimal("0.01")
BOARD_LIMIT = 200
DEFAULT_PAGE = 200
# Closed deals (won or lost) stay on the board this long after closing, unless a period
# is chosen: otherwise the won and lost columns would grow for ever.
CLOSED_ON_BOARD = dt.timedelta(days=30)
NO_DATE = dt.date(9999, 12, 31)  # a blank expected close date sorts last


def money_text(amount: Decimal) -> str:
    """ "1500.00": the machine form of an amount (JSON, CSV)."""
    return str(amount.quantize(CENT))


@dataclass(frozen=True)
class DealRow:
    """One deal as a list, a board card or the client card's tab shows it."""

    id: uuid.UUID
    title: str
    client_id: uuid.UUID
    client_name: str
    pipeline_id: uuid.UUID
    pipeline: str
    stage_id: uuid.UUID
    stage: str
    outcome: StageOutcome
    amount: Decimal
    currency: str
    probability: int  # the deal's own, else its stage's
    expected_close: dt.date | None
    owner: str | None
    version: int
    entered_at: dt.datetime  # when it came to its stage (its creation for older deals)
    closed_at: dt.datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "title": self.title,
            "client_id": str(self.client_id),
            "client": self.client_name,
            "amount": money_text(self.amount),
            "currency": self.currency,
            "pipeline": self.pipeline,
            "pipeline_id": str(self.pipeline_id),
            "stage": self.stage,
            "stage_id": str(self.stage_id),
            "outcome": self.outcome.value,
            "owner": self.owner,
            "version": self.version,
            "probability": self.probability,
            "expected_close": self.expected_close.isoformat() if self.expected_close else None,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
        }


def _entered() -> ColumnElement[dt.datetime]:
    return func.coalesce(Deal.stage_entered_at, Deal.created_at)


def _after(columns: tuple[Any, ...], values: tuple[Any, ...], *, descending: bool) -> Any:
    """`(columns) < (values)` (or `>`), each value bound with its column's type: a row
    value comparison binds untyped values (Decimal amounts would miss SQLite's integer
    kopecks, timestamps their UTC form)."""
    key = tuple_(*columns)
    bound = tuple_(*(literal(v, type_=c.type) for c, v in zip(columns, values, strict=True)))
    return key < bound if descending else key > bound


def deal_row_query() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Deal.id,
            Deal.title,
            Deal.client_id,
            Client.kind,
            Client.name,
            Client.legal_form,
            Deal.pipeline_id,
            Pipeline.name,
            Deal.stage_id,
            Stage.name,
            Stage.outcome,
            Stage.probability,
            Deal.amount,
            Deal.currency,
            Deal.probability,
            Deal.expected_close,
            Deal.owner,
            Deal.version,
            _entered(),
            Deal.closed_at,
        )
        .join(Client, Client.id == Deal.client_id)
        .join(Stage, Stage.id == Deal.stage_id)
        .join(Pipeline, Pipeline.id == Deal.pipeline_id)
    )


def to_deal_rows(result: Any) -> list[DealRow]:
    rows: list[DealRow] = []
    for r in result:
        (
            id_,
            title,
            client_id,
            kind,
            name,
            legal_form,
            pipeline_id,
            pipeline,
            stage_id,
            stage,
            outcome,
            stage_probability,
            amount,
            currency,
            probability,
            expected_close,
            owner,
            version,
            entered,
            closed_at,
        ) = tuple(r)[:20]
        rows.append(
            DealRow(
                id=id_,
                title=title,
                client_id=client_id,
                client_name=display_name(ClientKind(kind), name, legal_form),
                pipeline_id=pipeline_id,
                pipeline=pipeline,
                stage_id=stage_id,
                stage=stage,
                outcome=StageOutcome(outcome),
                amount=amount,
                currency=currency,
                probability=stage_probability if probability is None else probability,
                expected_close=expected_close,
                owner=owner,
                version=version,
                entered_at=entered,
                closed_at=closed_at,
            )
        )
    return rows


# --- the board ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardColumn:
    stage: StageView
    count: int
    total: Decimal
    cards: list[DealRow]  # the first `limit_per_stage`, the latest to enter the stage first

    @property
    def has_more(self) -> bool:
        return self.count > len(self.cards)


@dataclass(frozen=True)
class Board:
    pipeline: PipelineView
    columns: list[BoardColumn]

    @property
    def count(self) -> int:
        return sum(c.count for c in self.columns)

    def to_json(self) -> dict[str, Any]:
        return {
            "pipeline": self.pipeline.name,
            "pipeline_id": str(self.pipeline.id),
            "columns": [
                {
                    "stage": c.stage.name,
                    "stage_id": str(c.stage.id),
                    "outcome": c.stage.outcome.value,
                    "count": c.count,
                    "total": money_text(c.total),
                    "deals": [card.to_json() for card in c.cards],
                }
                for c in self.columns
            ],
        }


Period = tuple[dt.date | None, dt.date | None]


def _board_filter(
    pipeline_id: uuid.UUID,
    owner: str | None,
    period: Period | None,
    closed_within: dt.timedelta | None,
) -> list[ColumnElement[bool]]:
    """The deals of the board: live, of the pipeline; of the owner; expected to close in
    the period (both ends included) if one is given, else closed deals only recently."""
    conds: list[ColumnElement[bool]] = [
        Deal.pipeline_id == pipeline_id,
        Deal.deleted_at.is_(None),
    ]
    if owner is not None:
        conds.append(Deal.owner == owner)
    if period is not None:
        start, end = period
        if start is not None:
            conds.append(Deal.expected_close >= start)
        if end is not None:
            conds.append(Deal.expected_close <= end)
    elif closed_within is not None:
        since = utcnow() - closed_within
        conds.append(or_(Deal.closed_at.is_(None), Deal.closed_at >= since))
    return conds


def board(
    session: Session,
    pipeline_id: uuid.UUID,
    *,
    owner: str | None = None,
    period: Period | None = None,
    limit_per_stage: int = BOARD_LIMIT,
    closed_within: dt.timedelta | None = CLOSED_ON_BOARD,
) -> Board:
    """The kanban board of a pipeline: per stage the number of deals, the exact total of
    their amounts and the first cards (the latest to enter the stage first).

    `owner` keeps one manager's deals; `period` (from, to) the deals expected to close in
    it. Without a period, won and lost deals closed longer ago than `closed_within` are
    left off (None keeps them all)."""
    pipeline = get_pipeline(session, pipeline_id)
    conds = _board_filter(pipeline.id, owner, period, closed_within)
    totals = {
        stage_id: (count, total)
        for stage_id, count, total in session.execute(
            select(Deal.stage_id, func.count(), func.sum(Deal.amount))
            .where(*conds)
            .group_by(Deal.stage_id)
        )
    }
    cards: dict[uuid.UUID, list[DealRow]] = {}
    if limit_per_stage > 0 and totals:
        rank = (
            func.row_number()
            .over(partition_by=Deal.stage_id, order_by=(_entered().desc(), Deal.id.desc()))
            .label("rank")
        )
        ranked = select(Deal.id.label("deal_id"), rank).where(*conds).subquery()
        query = (
            deal_row_query()
            .join(ranked, ranked.c.deal_id == Deal.id)
            .where(ranked.c.rank <= limit_per_stage)
            .order_by(ranked.c.rank)
        )
        for row in to_deal_rows(session.execute(query)):
            cards.setdefault(row.stage_id, []).append(row)
    columns = []
    for stage in pipeline.stages:
        count, total = totals.get(stage.id, (0, None))
        columns.append(
            BoardColumn(
                stage=stage,
                count=int(count),
                total=(total if total is not None else Decimal(0)).quantize(CENT),
                cards=cards.get(stage.id, []),
            )
        )
    return Board(pipeline, columns)


def stage_cards(
    session: Session,
    pipeline_id: uuid.UUID,
    stage_id: uuid.UUID,
    *,
    after: DealRow | None = None,
    owner: str | None = None,
    period: Period | None = None,
    limit: int = BOARD_LIMIT,
    closed_within: dt.timedelta | None = CLOSED_ON_BOARD,
) -> list[DealRow]:
    """More cards of one board column, after the last one shown (the board's order)."""
    conds = _board_filter(pipeline_id, owner, period, closed_within)
    conds.append(Deal.stage_id == stage_id)
    if after is not None:
        conds.append(_after((_entered(), Deal.id), (after.entered_at, after.id), descending=True))
    query = deal_row_query().where(*conds).order_by(_entered().desc(), Deal.id.desc()).limit(limit)
    return to_deal_rows(session.execute(query))


# --- the list view ------------------------------------------------------------------------


class DealSort(enum.Enum):
    NEWEST = "newest"  # the latest created first
    AMOUNT = "amount"  # the largest first
    EXPECTED_CLOSE = "expected_close"  # the soonest first, deals without a date last


@dataclass(frozen=True)
class DealFilter:
    pipeline_id: uuid.UUID | None = None
    stage_id: uuid.UUID | None = None
    owner: str | None = None
    client_id: uuid.UUID | None = None
    open_only: bool = False
    period: Period | None = None  # of the expected close date, both ends included
    deleted: bool = False  # the recycle bin instead of the live deals

    def conditions(self) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = [
            Deal.deleted_at.is_not(None) if self.deleted else Deal.deleted_at.is_(None)
        ]
        if self.pipeline_id is not None:
            conds.append(Deal.pipeline_id == self.pipeline_id)
        if self.stage_id is not None:
            conds.append(Deal.stage_id == self.stage_id)
        if self.owner is not None:
            conds.append(Deal.owner == self.owner)
        if self.client_id is not None:
            conds.append(Deal.client_id == self.client_id)
        if self.open_only:
            conds.append(Deal.closed_at.is_(None))
        if self.period is not None:
            start, end = self.period
            if start is not None:
                conds.append(Deal.expected_close >= start)
            if end is not None:
                conds.append(Deal.expected_close <= end)
        return conds


@dataclass(frozen=True)
class DealKey:
    """Where the next page starts: after the row with these sort values (the id last)."""

    values: tuple[Any, ...]
    sort: DealSort

    @classmethod
    def of(cls, row: DealRow, sort: DealSort) -> DealKey:
        if sort is DealSort.AMOUNT:
            return cls((row.amount, row.id), sort)
        if sort is DealSort.EXPECTED_CLOSE:
            return cls((row.expected_close or NO_DATE, row.id), sort)
        return cls((row.id,), sort)


@dataclass(frozen=True)
class DealPage:
    rows: list[DealRow]
    next_key: DealKey | None


def list_deals(
    session: Session,
    *,
    where: DealFilter | None = None,
    sort: DealSort = DealSort.NEWEST,
    after: DealKey | None = None,
    limit: int = DEFAULT_PAGE,
) -> DealPage:
    """One page of deals in `sort` order, starting after `after` (keyset paging: the
    last page costs what the first does)."""
    if after is not None and after.sort is not sort:
        raise ValueError(f"a page key of the {after.sort.value} order given for {sort.value}")
    conds = (where or DealFilter()).conditions()
    if sort is DealSort.AMOUNT:
        order: list[Any] = [Deal.amount.desc(), Deal.id.desc()]
        if after is not None:
            conds.append(_after((Deal.amount, Deal.id), after.values, descending=True))
    elif sort is DealSort.EXPECTED_CLOSE:
        close = func.coalesce(Deal.expected_close, NO_DATE)
        order = [close, Deal.id]
        if after is not None:
            conds.append(_after((close, Deal.id), after.values, descending=False))
    else:
        order = [Deal.id.desc()]
        if after is not None:
            conds.append(Deal.id < after.values[0])
    query = deal_row_query().where(*conds).order_by(*order).limit(limit)
    rows = to_deal_rows(session.execute(query))
    next_key = DealKey.of(rows[-1], sort) if rows and len(rows) == limit else None
    return DealPage(rows, next_key)


def iter_deals(
    session: Session,
    where: DealFilter | None = None,
    sort: DealSort = DealSort.NEWEST,
    page: int = DEFAULT_PAGE,
) -> Iterator[DealRow]:
    """Every deal the filter keeps, a page at a time."""
    after: DealKey | None = None
    while True:
        result = list_deals(session, where=where, sort=sort, after=after, limit=page)
        yield from result.rows
        if result.next_key is None:
            return
        after = result.next_key


def count_deals(session: Session, where: DealFilter | None = None) -> int:
    conds = (where or DealFilter()).conditions()
    return int(session.scalar(select(func.count()).select_from(Deal).where(*conds)) or 0)


def deals_of_client(session: Session, client_id: uuid.UUID, *, limit: int = 500) -> list[DealRow]:
    """The client's deals for its card: open ones first, then the closed, newest first."""
    query = (
        deal_row_query()
        .where(Deal.client_id == client_id, Deal.deleted_at.is_(None))
        .order_by(Deal.closed_at.is_not(None), Deal.id.desc())
        .limit(limit)
    )
    return to_deal_rows(session.execute(query))
