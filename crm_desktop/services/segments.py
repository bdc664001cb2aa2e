"""Segments: saved filters over clients (kind, manager, tags, source, last contact, RFM
class, a product bought, birthday this month, own fields), with live counts. The list,
the reports and the mailings take a segment's clients from `segment_conditions`: one
SQL condition set, whatever the number of clients."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, extract, func, or_, select
from sqlalchemy.orm import Session

from crm_desktop.errors import BadInput, NotFound, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import (
    Client,
    ClientKind,
    ClientTag,
    CustomField,
    CustomFieldValue,
    Invoice,
    InvoiceLine,
    Product,
    Segment,
    Tag,
    utcnow,
)
from crm_desktop.services.reports.clients import RFM_KEYS, rfm_members
from crm_desktop.services.reports.money import ISSUED
from crm_desktop.services.reports.table import ReportParams
from crm_desktop.store.search_index import fold

NAME_MAX = 100
RFM_DAYS = 365  # the RFM class of a segment is over the last year


@dataclass(frozen=True)
class SegmentRules:
    """Every rule given must hold (AND); a list rule holds when any of its values does."""

    kind: str | None = None  # "person" or "company"
    owner: str | None = None  # the manager's login
    tags: tuple[str, ...] = ()  # any of these tags
    source: str | None = None
    no_contact_days: int | None = None  # no contact for at least N days (or never)
    contacted_within_days: int | None = None  # a contact in the last N days
    birthday_this_month: bool = False
    birthday_within_days: int | None = None  # a birthday in the next N days (from today)
    product: str | None = None  # bought it (an issued invoice has a line of it)
    rfm: str | None = None  # RFM class over the last year: champions, loyal, new, ...
    custom: dict[str, str] = field(default_factory=dict)  # own field code → its text

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["tags"] = list(self.tags)
        return {k: v for k, v in data.items() if v not in (None, False, [], {})}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SegmentRules:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "tags" in known:
            known["tags"] = tuple(known["tags"])
        return checked_rules(cls(**known))

    @property
    def empty(self) -> bool:
        return not self.to_json()


def checked_rules(rules: SegmentRules) -> SegmentRules:
    if rules.kind is not None and rules.kind not in (ClientKind.PERSON, ClientKind.COMPANY):
        raise ValidationError("kind", _("A segment's kind is person or company"))
    for name, days in (
        ("no_contact_days", rules.no_contact_days),
        ("contacted_within_days", rules.contacted_within_days),
    ):
        if days is not None and not 0 < days <= 36500:
            raise ValidationError(name, _("A number of days from 1 to 36500"))
    if rules.birthday_within_days is not None and not 0 < rules.birthday_within_days <= 366:
        raise ValidationError("birthday_within_days", _("A number of days from 1 to 366"))
    if rules.rfm is not None and rules.rfm not in RFM_KEYS:
        raise ValidationError("rfm", _("RFM class: one of {names}", names=", ".join(RFM_KEYS)))
    return rules


def segment_conditions(
    session: Session,
    rules: SegmentRules,
    today: dt.date | None = None,
    *,
    live_only: bool = True,
) -> list[ColumnElement[bool]]:
    """The conditions on `Client` that pick the segment's live clients (any of them,
    the recycle bin's too, without `live_only`: the list adds its own)."""
    today = today or dt.date.today()
    now = utcnow()
    conds: list[ColumnElement[bool]] = [Client.deleted_at.is_(None)] if live_only else []
    if rules.kind:
        conds.append(Client.kind == ClientKind(rules.kind))
    if rules.owner:
        conds.append(Client.owner == rules.owner)
    if rules.source:
        conds.append(Client.source == rules.source)
    if rules.tags:
        conds.append(
            exists().where(
                ClientTag.client_id == Client.id,
                ClientTag.deleted_at.is_(None),
                ClientTag.tag_id == Tag.id,
                Tag.deleted_at.is_(None),
                Tag.name_folded.in_([fold(t) for t in rules.tags]),
            )
        )
    if rules.no_contact_days is not None:
        since = now - dt.timedelta(days=rules.no_contact_days)
        conds.append(or_(Client.last_contact_at.is_(None), Client.last_contact_at < since))
    if rules.contacted_within_days is not None:
        conds.append(Client.last_contact_at >= now - dt.timedelta(days=rules.contacted_within_days))
    if rules.birthday_this_month:
        if session.get_bind().dialect.name == "sqlite":
            conds.append(func.strftime("%m", Client.birth_date) == f"{today.month:02d}")
        else:
            conds.append(extract("month", Client.birth_date) == today.month)
    if rules.birthday_within_days is not None:
        from crm_desktop.services.birthdays import birthday_condition

        conds.append(birthday_condition(session, today, rules.birthday_within_days))
    if rules.product:
        bought = (
            select(Invoice.id)
            .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
            .outerjoin(Product, Product.id == InvoiceLine.product_id)
            .where(
                Invoice.client_id == Client.id,
                Invoice.status.in_(ISSUED),
                Invoice.deleted_at.is_(None),
                InvoiceLine.deleted_at.is_(None),
                or_(InvoiceLine.name == rules.product, Product.name == rules.product),
            )
        )
        conds.append(bought.exists())
    if rules.rfm:
        year = ReportParams(today - dt.timedelta(days=RFM_DAYS - 1), today)
        conds.append(Client.id.in_(rfm_members(year, rules.rfm)))
    for code, text in rules.custom.items():
        conds.append(
            exists().where(
                CustomFieldValue.record_id == Client.id,
                CustomFieldValue.deleted_at.is_(None),
                CustomFieldValue.field_id == CustomField.id,
                CustomField.code == code,
                CustomFieldValue.value_text == text,
            )
        )
    return conds


@dataclass(frozen=True)
class SegmentView:
    id: uuid.UUID
    name: str
    rules: SegmentRules
    description: str | None
    count: int | None = None  # its clients now (list_segments counts them)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "rules": self.rules.to_json(),
            "description": self.description,
            "count": self.count,
        }


def _view(segment: Segment, count: int | None = None) -> SegmentView:
    return SegmentView(
        segment.id, segment.name, SegmentRules.from_json(segment.rules), segment.description, count
    )


def count_segment(session: Session, rules: SegmentRules, today: dt.date | None = None) -> int:
    query = (
        select(func.count())
        .select_from(Client)
        .where(and_(*segment_conditions(session, rules, today)))
    )
    return int(session.execute(query).scalar_one())


def segment_client_ids(session: Session, rules: SegmentRules, today: dt.date | None = None) -> Any:
    """A subquery of the segment's client ids (for IN (...))."""
    return select(Client.id).where(and_(*segment_conditions(session, rules, today)))


def _live(session: Session, name: str) -> Segment | None:
    return session.scalars(
        select(Segment).where(Segment.name_folded == fold(name), Segment.deleted_at.is_(None))
    ).first()


def save_segment(
    session: Session, name: str, rules: SegmentRules, description: str | None = None
) -> SegmentView:
    """Create the segment `name`, or replace the rules of the one of that name."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("name", _("Name the segment"))
    if len(name) > NAME_MAX:
        raise ValidationError("name", _("A segment's name has at most {n} characters", n=NAME_MAX))
    rules = checked_rules(rules)
    if rules.empty:
        raise ValidationError("rules", _("A segment needs at least one rule"))
    segment = _live(session, name)
    if segment is None:
        segment = Segment(name=name, name_folded=fold(name), rules=rules.to_json())
        session.add(segment)
    else:
        segment.name, segment.rules = name, rules.to_json()
    segment.description = description
    session.flush()
    return _view(segment)


def find_segment(session: Session, ref: str | uuid.UUID) -> SegmentView:
    segment: Segment | None
    if isinstance(ref, uuid.UUID):
        segment = session.get(Segment, ref)
        segment = segment if segment is not None and segment.deleted_at is None else None
    else:
        segment = _live(session, ref)
    if segment is None:
        raise NotFound(_('No segment "{name}"', name=ref))
    return _view(segment)


def list_segments(session: Session, *, with_counts: bool = True) -> list[SegmentView]:
    segments = session.scalars(
        select(Segment).where(Segment.deleted_at.is_(None)).order_by(Segment.name_folded)
    )
    out = []
    for segment in segments:
        view = _view(segment)
        count = count_segment(session, view.rules) if with_counts else None
        out.append(_view(segment, count))
    return out


def delete_segment(session: Session, ref: str | uuid.UUID) -> SegmentView:
    view = find_segment(session, ref)
    segment = session.get(Segment, view.id)
    if segment is None:  # pragma: no cover - found just above
        raise BadInput(_('No segment "{name}"', name=ref))
    segment.deleted_at = utcnow()
    session.flush()
    return view
