"""Deals: adding and changing them, their products, checklist ticks, and moving them
through the stages of their pipeline (each move written to the client's history).

A deal leaves a stage for a later one only when that stage's checklist is ticked and its
required fields are filled in; moving back, or to a lost stage, is always allowed (a
lost deal needs its reason). Changes carry the version the user saw: a deal someone
else changed meanwhile is refused with who and when, never overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop.errors import Conflict, NotFound, Refused, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import (
    Client,
    Deal,
    DealChecklistMark,
    Interaction,
    InteractionKind,
    StageOutcome,
    User,
    utcnow,
)
from crm_desktop.services.amounts import parse_amount, parse_probability
from crm_desktop.services.clients import acting_login, default_owner
from crm_desktop.services.dates import parse_date
from crm_desktop.services.deal_lines import (
    CheckedLine,
    LineInput,
    LineView,
    check_line,
    line_views,
    lines_total,
    live_lines,
    replace_lines,
)
from crm_desktop.services.deal_lists import (
    Board,
    BoardColumn,
    DealFilter,
    DealKey,
    DealPage,
    DealRow,
    DealSort,
    board,
    count_deals,
    deal_row_query,
    deals_of_client,
    iter_deals,
    list_deals,
    stage_cards,
    to_deal_rows,
)
from crm_desktop.services.pipelines import (
    PipelineView,
    StageView,
    find_pipeline,
    find_stage,
    first_open_stage,
    get_pipeline,
)

__all__ = [
    "Board",
    "BoardColumn",
    "ChecklistIncomplete",
    "DealChanges",
    "DealFilter",
    "DealKey",
    "DealPage",
    "DealRow",
    "DealSort",
    "DealView",
    "LineInput",
    "LineView",
    "board",
    "count_deals",
    "create_deal",
    "deals_of_client",
    "delete_deal",
    "edit_deal",
    "get_deal",
    "iter_deals",
    "list_deals",
    "move_deal",
    "parse_amount",
    "restore_deal",
    "stage_cards",
    "tick",
]

TITLE_MAX, REASON_MAX, NOTE_MAX = 300, 300, 20_000
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class ChecklistIncomplete(Refused):
    """A deal may not leave its stage yet: what is left to do (exit 3)."""

    def __init__(
        self, message: str, stage: str, unticked: list[str], missing_fields: list[str]
    ) -> None:
        super().__init__(message)
        self.stage = stage
        self.unticked = unticked
        self.missing_fields = missing_fields


# --- input --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DealChanges:
    """What to set; None leaves a field as it is ("" clears an optional one). Given
    `lines` replace the deal's products and the amount becomes their sum."""

    title: str | None = None
    client_id: uuid.UUID | None = None
    amount: str | Decimal | None = None
    currency: str | None = None
    probability: str | int | None = None  # "" : the stage's
    expected_close: str | dt.date | None = None
    owner: str | None = None
    note: str | None = None
    lines: Sequence[LineInput] | None = None


# --- the deal card ------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkView:
    """A checklist item of the deal's current stage and whether it is ticked."""

    item_id: uuid.UUID
    text: str
    done: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": str(self.item_id), "text": self.text, "done": self.done}


@dataclass(frozen=True)
class DealView(DealRow):
    """A deal with everything its card shows."""

    note: str | None = None
    lost_reason: str | None = None
    stage_entered_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    updated_by: str | None = None
    deleted_at: dt.datetime | None = None
    own_probability: int | None = None  # None: the stage's
    lines: tuple[LineView, ...] = ()
    checklist: tuple[MarkView, ...] = ()
    missing_fields: tuple[str, ...] = ()  # required by the current stage, not filled in
    ticked: frozenset[uuid.UUID] = field(default_factory=frozenset)  # of every stage

    @property
    def can_move_on(self) -> bool:
        return not self.missing_fields and all(m.done for m in self.checklist)

    def to_json(self) -> dict[str, Any]:
        return {
            **super().to_json(),
            "note": self.note,
            "lost_reason": self.lost_reason,
            "stage_entered_at": _iso(self.stage_entered_at),
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "updated_by": self.updated_by,
            "deleted": self.deleted_at is not None,
            "lines": [line.to_json() for line in self.lines],
            "checklist": [mark.to_json() for mark in self.checklist],
            "missing_fields": list(self.missing_fields),
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def get_deal(session: Session, deal_id: uuid.UUID) -> DealView:
    """One deal with its products, its current stage's checklist and what it lacks."""
    rows = to_deal_rows(session.execute(deal_row_query().where(Deal.id == deal_id)))
    if not rows:
        raise NotFound(_("No deal with id {id}", id=deal_id))
    row = rows[0]
    deal = session.get_one(Deal, deal_id)
    lines = live_lines(session, deal.id)
    pipeline = get_pipeline(session, deal.pipeline_id)
    stage = pipeline.stage(deal.stage_id)
    ticked = _ticked(session, deal.id)
    return DealView(
        **{name: getattr(row, name) for name in DealRow.__dataclass_fields__},
        note=deal.note,
        lost_reason=deal.lost_reason,
        stage_entered_at=deal.stage_entered_at,
        created_at=deal.created_at,
        updated_at=deal.updated_at,
        updated_by=deal.updated_by,
        deleted_at=deal.deleted_at,
        own_probability=deal.probability,
        lines=line_views(lines),
        checklist=tuple(MarkView(i.id, i.text, i.id in ticked) for i in stage.checklist),
        missing_fields=tuple(missing_fields(deal, stage, has_lines=bool(lines))),
        ticked=frozenset(ticked),
    )


def missing_fields(deal: Deal, stage: StageView, *, has_lines: bool) -> list[str]:
    """The stage's required fields that the deal has not filled in."""
    filled = {
        "amount": deal.amount is not None and deal.amount > 0,
        "expected_close": deal.expected_close is not None,
        "owner": deal.owner is not None,
        "note": bool((deal.note or "").strip()),
        "products": has_lines,
    }
    return [name for name in stage.required_fields if not filled.get(name, True)]


def field_label(name: str) -> str:
    """A deal field's name as a sentence says it."""
    labels = {
        "amount": _("the amount"),
        "expected_close": _("the expected close date"),
        "owner": _("the owner"),
        "note": _("the note"),
        "products": _("the products"),
    }
    return labels.get(name, name)


# --- adding and changing ------------------------------------------------------------------


def create_deal(
    session: Session,
    data: DealChanges,
    *,
    pipeline: uuid.UUID | str | None = None,
    stage: uuid.UUID | str | None = None,
    lost_reason: str | None = None,
) -> DealView:
    """A new deal of a client, in `pipeline` (id or name; the default one if None) at
    `stage` (id or name; the first open stage if None). The acting user owns it unless
    `data.owner` names someone."""
    if data.client_id is None:
        raise ValidationError("client", _("A deal needs a client"))
    client = _live_client(session, data.client_id)
    if data.title is None:
        raise ValidationError("title", _("A deal needs a title"))
    title = _checked_title(data.title)
    values = _checked_values(session, data)
    target_pipeline = find_pipeline(session, pipeline)
    target = (
        find_stage(session, target_pipeline.id, stage)
        if stage is not None
        else first_open_stage(target_pipeline)
    )
    reason = _checked_reason(target, lost_reason)
    now = utcnow()
    deal = Deal(
        title=title,
        client_id=client.id,
        pipeline_id=target_pipeline.id,
        stage_id=target.id,
        stage_entered_at=now,
        amount=Decimal("0.00"),
        currency="RUB",
        owner=default_owner(session),
        closed_at=now if target.is_closed else None,
        lost_reason=reason,
    )
    session.add(deal)
    _apply(deal, values)
    session.flush()
    if data.lines is not None:
        replace_lines(session, deal.id, values["lines"])
    _flush(session, deal)
    return get_deal(session, deal.id)


def edit_deal(
    session: Session,
    deal_id: uuid.UUID,
    data: DealChanges,
    *,
    expected_version: int | None = None,
) -> DealView:
    """Change a deal (its stage moves only through `move_deal`). With `expected_version`
    (the version the card was opened at) a change made meanwhile by someone else is
    refused, naming who and when."""
    deal = _locked_deal(session, deal_id, expected_version)
    values = _checked_values(session, data)
    title = _checked_title(data.title) if data.title is not None else deal.title
    client_id = deal.client_id
    if data.client_id is not None and data.client_id != deal.client_id:
        client_id = _live_client(session, data.client_id).id
    with session.no_autoflush:  # one UPDATE of the deal, one new version
        if data.lines is not None:
            replace_lines(session, deal.id, values["lines"])
            deal.updated_at = utcnow()  # the deal's own row moves on with its products
        if (deal.title, deal.client_id) != (title, client_id):
            deal.title, deal.client_id = title, client_id
        _apply(deal, values)
    _flush(session, deal)
    return get_deal(session, deal.id)


def delete_deal(session: Session, deal_id: uuid.UUID) -> DealView:
    """Move a deal to the recycle bin (a tombstone)."""
    deal = _load(session, deal_id)
    if deal.deleted_at is None:
        deal.deleted_at = utcnow()
        _flush(session, deal)
    return get_deal(session, deal_id)


def restore_deal(session: Session, deal_id: uuid.UUID) -> DealView:
    """Back from the recycle bin; a deal whose client is still there waits for it."""
    deal = _load(session, deal_id)
    if deal.deleted_at is not None:
        _live_client(session, deal.client_id)
        deal.deleted_at = None
        _flush(session, deal)
    return get_deal(session, deal_id)


def _checked_title(raw: str) -> str:
    title = " ".join(raw.split())
    if not title:
        raise ValidationError("title", _("A deal needs a title"))
    if len(title) > TITLE_MAX:
        raise ValidationError(
            "title", _("Too long: at most {n} characters, given {m}", n=TITLE_MAX, m=len(title))
        )
    return title


_KEEP: Any = object()


def _checked_values(session: Session, data: DealChanges) -> dict[str, Any]:
    """Every given value checked and normalised before anything changes."""
    values: dict[str, Any] = {}
    if data.amount is not None:
        values["amount"] = parse_amount(data.amount)
    if data.currency is not None:
        currency = data.currency.strip().upper()
        if not _CURRENCY.match(currency):
            raise ValidationError(
                "currency", _('"{value}" is not a currency code (like RUB)', value=data.currency)
            )
        values["currency"] = currency
    if data.probability is not None:
        values["probability"] = parse_probability(data.probability)
    if data.expected_close is not None:
        given = data.expected_close
        values["expected_close"] = (
            None
            if isinstance(given, str) and not given.strip()
            else parse_date(given, "expected_close")
        )
    if data.owner is not None:
        values["owner"] = _checked_owner(session, data.owner) if data.owner.strip() else None
    if data.note is not None:
        note = data.note.strip()
        if len(note) > NOTE_MAX:
            raise ValidationError(
                "note", _("Too long: at most {n} characters, given {m}", n=NOTE_MAX, m=len(note))
            )
        values["note"] = note or None
    if data.lines is not None:
        values["lines"] = [check_line(session, line) for line in data.lines]
    return values


def _apply(deal: Deal, values: dict[str, Any]) -> None:
    for name in ("amount", "currency", "probability", "expected_close", "owner", "note"):
        if name in values and getattr(deal, name) != values[name]:
            setattr(deal, name, values[name])
    lines: list[CheckedLine] | None = values.get("lines")
    if lines:  # the products' sum is the amount
        total = lines_total(lines)
        if deal.amount != total:
            deal.amount = total


def _checked_owner(session: Session, raw: str) -> str:
    login = raw.strip().lower()
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        raise ValidationError("owner", _('No user with login "{login}"', login=login))
    if user.disabled:
        raise ValidationError("owner", _('User "{login}" is disabled', login=login))
    return user.login


# --- checklists and moves -----------------------------------------------------------------


def tick(
    session: Session, deal_id: uuid.UUID, item: uuid.UUID | str, done: bool = True
) -> DealView:
    """Tick (or untick) a checklist item for a deal: by id, or by its text (looked for
    in the deal's current stage first, then in the pipeline's other stages)."""
    deal = _locked_deal(session, deal_id, None)
    pipeline = get_pipeline(session, deal.pipeline_id)
    item_id = _checklist_item(pipeline, deal.stage_id, item)
    mark = session.scalar(
        select(DealChecklistMark)
        .where(
            DealChecklistMark.deal_id == deal.id,
            DealChecklistMark.item_id == item_id,
            DealChecklistMark.deleted_at.is_(None),
        )
        .limit(1)
    )
    if mark is None:
        session.add(DealChecklistMark(deal_id=deal.id, item_id=item_id, done=done))
    elif mark.done != done:
        mark.done = done
    session.flush()
    return get_deal(session, deal.id)


def _checklist_item(pipeline: PipelineView, stage_id: uuid.UUID, ref: uuid.UUID | str) -> uuid.UUID:
    current = pipeline.stage(stage_id)
    stages = [current, *(s for s in pipeline.stages if s.id != stage_id)]
    wanted_id: uuid.UUID | None = ref if isinstance(ref, uuid.UUID) else None
    if wanted_id is None:
        try:
            wanted_id = uuid.UUID(str(ref).strip())
        except ValueError:
            wanted_id = None
    wanted_text = " ".join(str(ref).split()).casefold().replace("ё", "е")
    for stage in stages:
        for item in stage.checklist:
            if item.id == wanted_id or item.text.casefold().replace("ё", "е") == wanted_text:
                return item.id
    items = ", ".join(_('"{name}"', name=i.text) for i in current.checklist) or "—"
    raise NotFound(
        _(
            'No checklist item "{item}" at stage "{stage}" (its items: {items})',
            item=ref,
            stage=current.name,
            items=items,
        )
    )


def move_deal(
    session: Session,
    deal_id: uuid.UUID,
    stage: uuid.UUID | str,
    *,
    expected_version: int | None = None,
    lost_reason: str | None = None,
) -> DealView:
    """Move a deal to another stage of its pipeline (by id or name).

    Refused with `ChecklistIncomplete` when the deal moves on to a later stage (or is
    won) while its current stage's checklist is not all ticked or a field the stage
    requires is blank; with `Conflict` when someone else changed the deal since
    `expected_version`. A lost stage needs `lost_reason`. Closing (won or lost) stamps
    `closed_at`; reopening clears it. The client's history gets "Stage: A → B"."""
    deal = _locked_deal(session, deal_id, expected_version)
    pipeline = get_pipeline(session, deal.pipeline_id)
    current = pipeline.stage(deal.stage_id)
    target = find_stage(session, pipeline.id, stage)
    if target.id == current.id:
        return get_deal(session, deal.id)
    reason = _checked_reason(target, lost_reason)
    if _moves_on(current, target):
        _check_can_leave(session, deal, current)
    user = _app_user(session)
    now = utcnow()
    deal.stage_id = target.id
    deal.stage_entered_at = now
    if target.is_closed:
        deal.closed_at = now
        deal.lost_reason = reason
        deal.probability = None  # a won deal is 100 %, a lost one 0 %: its stage's
    else:
        deal.closed_at = None
        deal.lost_reason = None
    text = _("Stage: {old} → {new}", old=current.name, new=target.name)
    if reason:
        text += ". " + _("Reason: {reason}", reason=reason)
    session.add(
        Interaction(
            client_id=deal.client_id,
            deal_id=deal.id,
            kind=InteractionKind.STAGE_CHANGE,
            occurred_at=now,
            user_login=user,
            subject=deal.title,
            text=text,
        )
    )
    _flush(session, deal)
    return get_deal(session, deal.id)


def _moves_on(current: StageView, target: StageView) -> bool:
    """Forward from an open stage: to a later stage or to a won one (not to a lost one)."""
    if current.outcome != StageOutcome.OPEN or target.outcome == StageOutcome.LOST:
        return False
    return target.outcome == StageOutcome.WON or target.position > current.position


def _check_can_leave(session: Session, deal: Deal, stage: StageView) -> None:
    ticked = _ticked(session, deal.id)
    unticked = [item.text for item in stage.checklist if item.id not in ticked]
    missing = missing_fields(deal, stage, has_lines=bool(live_lines(session, deal.id)))
    if not unticked and not missing:
        return
    items = ", ".join(_('"{name}"', name=text) for text in unticked)
    labels = ", ".join(field_label(name) for name in missing)
    if unticked and missing:
        message = _(
            'The deal cannot leave stage "{stage}": its checklist is not done ({items}) '
            "and {fields} must be filled in.",
            stage=stage.name,
            items=items,
            fields=labels,
        )
    elif unticked:
        message = _(
            'The deal cannot leave stage "{stage}": tick its checklist first ({items}).',
            stage=stage.name,
            items=items,
        )
    else:
        message = _(
            'The deal cannot leave stage "{stage}": fill in {fields} first.',
            stage=stage.name,
            fields=labels,
        )
    raise ChecklistIncomplete(message, stage.name, unticked, missing)


def _checked_reason(target: StageView, raw: str | None) -> str | None:
    if target.outcome != StageOutcome.LOST:
        return None
    reason = " ".join((raw or "").split())
    if not reason:
        raise ValidationError("lost_reason", _("Say why the deal was lost"))
    if len(reason) > REASON_MAX:
        raise ValidationError(
            "lost_reason",
            _("Too long: at most {n} characters, given {m}", n=REASON_MAX, m=len(reason)),
        )
    return reason


def _ticked(session: Session, deal_id: uuid.UUID) -> set[uuid.UUID]:
    return set(
        session.scalars(
            select(DealChecklistMark.item_id).where(
                DealChecklistMark.deal_id == deal_id,
                DealChecklistMark.done.is_(True),
                DealChecklistMark.deleted_at.is_(None),
            )
        )
    )


# --- loading, locking, who acts -----------------------------------------------------------


def _load(session: Session, deal_id: uuid.UUID) -> Deal:
    deal = session.get(Deal, deal_id)
    if deal is None:
        raise NotFound(_("No deal with id {id}", id=deal_id))
    return deal


def _locked_deal(session: Session, deal_id: uuid.UUID, expected_version: int | None) -> Deal:
    """The deal's row as it is now, locked until the end of the unit of work (PostgreSQL;
    a SQLite writer holds the whole file), checked against the version the user saw."""
    deal = session.scalar(
        select(Deal)
        .where(Deal.id == deal_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if deal is None:
        raise NotFound(_("No deal with id {id}", id=deal_id))
    if expected_version is not None and deal.version != expected_version:
        raise changed_meanwhile(deal.updated_by, deal.updated_at)
    if deal.deleted_at is not None:
        raise ValidationError("id", _("The deal is in the recycle bin: restore it first"))
    return deal


def changed_meanwhile(login: str | None, when: dt.datetime | None) -> Conflict:
    """ "The deal was changed by petrov at 14:05, reload?" (the local time)."""
    who = login or _("someone else")
    at = when.astimezone().strftime("%H:%M") if when else "?"
    return Conflict(_("The deal was changed by {user} at {time}, reload?", user=who, time=at))


def _flush(session: Session, deal: Deal) -> None:
    """Flush; an UPDATE that found the row at another version (someone else's change
    committed in between) becomes the same `Conflict` as a stale `expected_version`."""
    deal_id = deal.id
    try:
        session.flush()
    except StaleDataError:
        bind = session.get_bind()
        engine = bind if isinstance(bind, Engine) else bind.engine
        with engine.execution_options(crm_writes=False).connect() as conn:
            row = conn.execute(
                select(Deal.updated_by, Deal.updated_at).where(Deal.id == deal_id)
            ).one_or_none()
        raise changed_meanwhile(*(row or (None, None))) from None


def _live_client(session: Session, client_id: uuid.UUID) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise ValidationError("client", _("No client with id {id}", id=client_id))
    if client.deleted_at is not None:
        raise ValidationError("client", _("The client is in the recycle bin: restore it first"))
    return client


def _app_user(session: Session) -> str | None:
    """The acting login if it is an app user (a database administrator is none)."""
    login = acting_login(session)
    if login is None:
        return None
    return session.scalar(select(User.login).where(User.login == login))
