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
PURPOSE_MAX = 40
VERSION_MAX = 60
EVIDENCE_MAX = 20 * 1024 * 1024  # a scan of a signed form, at most 20 MB


class ConsentPurpose(enum.StrEnum):
    """What a consent is given for (152-FZ: a consent names its purpose)."""

    CONTRACT = "contract"  # to make and perform a contract
    MARKETING_MAIL = MARKETING_MAIL
    CALLS = "calls"  # marketing calls and messages
    THIRD_PARTIES = "third_parties"  # passing the data on (a delivery service ...)


class ConsentChannel(enum.StrEnum):
    """How a consent was given."""

    PAPER = "paper"
    WEB_FORM = "web_form"
    PHONE = "phone"
    EMAIL = "email"
    IN_PERSON = "in_person"


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
    text_version: str | None = None
    channel: str | None = None
    evidence_name: str | None = None  # the attached scan's file name, if any
    evidence_size: int = 0

    @property
    def live(self) -> bool:
        return self.withdrawn_on is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "client_id": str(self.client_id),
            "purpose": self.purpose,
            "given_on": self.given_on.isoformat(),
            "source": self.source,
            "withdrawn_on": self.withdrawn_on.isoformat() if self.withdrawn_on else None,
            "text_version": self.text_version,
            "channel": self.channel,
            "evidence_name": self.evidence_name,
            "evidence_size": self.evidence_size,
        }


def _view(consent: Consent) -> ConsentView:
    return ConsentView(
        consent.id,
        consent.client_id,
        consent.purpose,
        consent.given_on,
        consent.source,
        consent.withdrawn_on,
        consent.text_version,
        consent.channel,
        consent.evidence_name if consent.evidence is not None else None,
        len(consent.evidence) if consent.evidence is not None else 0,
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
    text_version: str | None = None,
    channel: ConsentChannel | str | None = None,
    evidence: bytes | None = None,
    evidence_name: str | None = None,
) -> ConsentView:
    """Record the client's consent (the day it was given and how: the version of the
    consent text, the channel, a scan as evidence); a consent to marketing mail also
    lifts an earlier "unsubscribed" mark: the client asked again."""
    client = _client(session, client_id)
    given_on = given_on or dt.date.today()
    if given_on > dt.date.today():
        raise ValidationError("given_on", _("A consent cannot be given in the future"))
    source = " ".join((source or "").split()) or None
    if source is not None and len(source) > SOURCE_MAX:
        raise ValidationError("source", _("At most {n} characters", n=SOURCE_MAX))
    purpose = " ".join((purpose or "").split())
    if not purpose or len(purpose) > PURPOSE_MAX:
        raise ValidationError(
            "purpose", _("Name the purpose, at most {n} characters", n=PURPOSE_MAX)
        )
    text_version = " ".join((text_version or "").split()) or None
    if text_version is not None and len(text_version) > VERSION_MAX:
        raise ValidationError("text_version", _("At most {n} characters", n=VERSION_MAX))
    consent = Consent(
        client_id=client.id,
        purpose=purpose,
        given_on=given_on,
        source=source,
        text_version=text_version,
        channel=_checked_channel(channel),
    )
    if evidence is not None:
        _set_evidence(consent, evidence, evidence_name)
    session.add(consent)
    if purpose == MARKETING_MAIL:
        client.unsubscribed_at = None
    session.flush()
    return _view(consent)


def _checked_channel(channel: ConsentChannel | str | None) -> str | None:
    if channel is None or channel == "":
        return None
    try:
        return ConsentChannel(str(channel).strip().lower()).value
    except ValueError:
        known = ", ".join(c.value for c in ConsentChannel)
        raise ValidationError(
            "channel",
            _('Unknown channel "{channel}" (one of: {known})', channel=channel, known=known),
        ) from None


def _set_evidence(consent: Consent, data: bytes, name: str | None) -> None:
    if not data:
        raise ValidationError("evidence", _("The evidence file is empty"))
    if len(data) > EVIDENCE_MAX:
        raise ValidationError("evidence", _("The evidence file is larger than 20 MB"))
    consent.evidence = bytes(data)
    consent.evidence_name = (name or "evidence").strip()[-200:] or "evidence"


def _consent(session: Session, consent_id: uuid.UUID) -> Consent:
    consent = session.get(Consent, consent_id)
    if consent is None or consent.deleted_at is not None:
        raise NotFound(_("No consent with id {id}", id=consent_id))
    return consent


def attach_evidence(
    session: Session, consent_id: uuid.UUID, data: bytes, name: str | None
) -> ConsentView:
    """Attach (or replace) the scan proving the consent."""
    consent = _consent(session, consent_id)
    _set_evidence(consent, data, name)
    session.flush()
    return _view(consent)


def consent_evidence(session: Session, consent_id: uuid.UUID) -> tuple[str, bytes] | None:
    """The attached scan: (file name, bytes), or None."""
    consent = _consent(session, consent_id)
    if consent.evidence is None:
        return None
    return consent.evidence_name or "evidence", bytes(consent.evidence)


def withdraw_consent(
    session: Session, consent_id: uuid.UUID, on: dt.date | None = None
) -> ConsentView:
    """The person withdrew this consent (a withdrawn one stays in the log)."""
    consent = _consent(session, consent_id)
    on = on or dt.date.today()
    if on < consent.given_on:
        raise ValidationError(
            "withdrawn_on", _("A consent cannot be withdrawn before it was given")
        )
    if consent.withdrawn_on is None:
        consent.withdrawn_on = on
        session.flush()
    return _view(consent)


def consents_of(session: Session, client_id: uuid.UUID) -> list[ConsentView]:
    """The person's consent log for the card: every consent, withdrawn ones too, the
    latest given first."""
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
