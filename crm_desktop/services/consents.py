"""Consent to marketing mail and the "unsubscribed" mark on a client's card.

A mailing reaches only a client who has a live consent to marketing mail (given, not
withdrawn) and has not unsubscribed. Unsubscribing (a reply "отписаться", a call) is one
click on the card: it marks the client, withdraws the consent and says so in the
client's history."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import MARKETING_MAIL, Client, Consent, InteractionKind, utcnow
from crm_desktop.services.interactions import add_interaction

SOURCE_MAX = 200


class UnsubscribeVia(enum.StrEnum):
    REPLY = "reply"  # answered a letter with "отписаться" / "unsubscribe"
    CALL = "call"
    OTHER = "other"


@dataclass(frozen=True)
class ConsentView:
    id: uuid.UUID
    client_id: uuid.UUID
    purpose: str
    given_on: dt.date
    source: str | None
    withdrawn_on: dt.date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "client_id": str(self.client_id),
            "purpose": self.purpose,
            "given_on": self.given_on.isoformat(),
            "source": self.source,
            "withdrawn_on": self.withdrawn_on.isoformat() if self.withdrawn_on else None,
        }


def _view(consent: Consent) -> ConsentView:
    return ConsentView(
        consent.id,
        consent.client_id,
        consent.purpose,
        consent.given_on,
        consent.source,
        consent.withdrawn_on,
    )


def _client(session: Session, client_id: uuid.UUID) -> Client:
    client = session.get(Client, client_id)
    if client is None or client.deleted_at is not None:
        raise NotFound(_("No client with id {id}", id=client_id))
    return client


def may_receive_marketing(today: dt.date | None = None) -> ColumnElement[bool]:
    """The condition on `Client`: a live consent to marketing mail, not unsubscribed."""
    today = today or dt.date.today()
    return and_(
        Client.unsubscribed_at.is_(None),
        exists().where(
            Consent.client_id == Client.id,
            Consent.deleted_at.is_(None),
            Consent.purpose == MARKETING_MAIL,
            Consent.given_on <= today,
            Consent.withdrawn_on.is_(None),
        ),
    )


def give_consent(
    session: Session,
    client_id: uuid.UUID,
    *,
    given_on: dt.date | None = None,
    source: str | None = None,
    purpose: str = MARKETING_MAIL,
) -> ConsentView:
    """Record the client's consent (the day it was given and how); it also lifts an
    earlier "unsubscribed" mark: the client asked again."""
    client = _client(session, client_id)
    given_on = given_on or dt.date.today()
    if given_on > dt.date.today():
        raise ValidationError("given_on", _("A consent cannot be given in the future"))
    source = " ".join((source or "").split()) or None
    if source is not None and len(source) > SOURCE_MAX:
        raise ValidationError("source", _("At most {n} characters", n=SOURCE_MAX))
    consent = Consent(client_id=client.id, purpose=purpose, given_on=given_on, source=source)
    session.add(consent)
    if purpose == MARKETING_MAIL:
        client.unsubscribed_at = None
    session.flush()
    return _view(consent)


def consents_of(session: Session, client_id: uuid.UUID) -> list[ConsentView]:
    query = (
        select(Consent)
        .where(Consent.client_id == client_id, Consent.deleted_at.is_(None))
        .order_by(Consent.given_on.desc(), Consent.id)
    )
    return [_view(c) for c in session.scalars(query)]


def unsubscribe(
    session: Session, client_id: uuid.UUID, via: UnsubscribeVia = UnsubscribeVia.REPLY
) -> None:
    """The client asked for no more marketing mail: marked on the card, the consent
    withdrawn, a note in the history saying how."""
    client = _client(session, client_id)
    if client.unsubscribed_at is not None:
        return
    client.unsubscribed_at = utcnow()
    today = dt.date.today()
    for consent in session.scalars(
        select(Consent).where(
            Consent.client_id == client.id,
            Consent.purpose == MARKETING_MAIL,
            Consent.withdrawn_on.is_(None),
            Consent.deleted_at.is_(None),
        )
    ):
        consent.withdrawn_on = today
    how = {
        UnsubscribeVia.REPLY: _("a reply to a letter"),
        UnsubscribeVia.CALL: _("a call"),
        UnsubscribeVia.OTHER: _("a request"),
    }[via]
    add_interaction(
        session,
        client.id,
        InteractionKind.NOTE,
        text=_("Unsubscribed from marketing mail ({how})", how=how),
    )
    session.flush()
