"""What the mailing screens show besides the runs' reports: a segment's first clients (to
preview a letter as one of them gets it), every letter of a run with its outcome, and a
client's marketing-mail status (the consent, the "unsubscribed" mark) for the card."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound
from crm_desktop.i18n import _
from crm_desktop.models import MARKETING_MAIL, Client, MailRecipient
from crm_desktop.services.consents import ConsentView, consents_of
from crm_desktop.services.segments import find_segment, segment_conditions

MEMBERS = 20  # the segment's clients offered for a preview


@dataclass(frozen=True)
class SegmentMember:
    client_id: uuid.UUID
    name: str
    email: str | None


def segment_members(
    session: Session,
    segment_ref: str | uuid.UUID,
    limit: int = MEMBERS,
    today: dt.date | None = None,
) -> list[SegmentMember]:
    """The segment's first clients by name (those with an e-mail first)."""
    segment = find_segment(session, segment_ref)
    query = (
        select(Client.id, Client.name, Client.primary_email)
        .where(and_(*segment_conditions(session, segment.rules, today)))
        .order_by(Client.primary_email.is_(None), Client.name_folded, Client.id)
        .limit(limit)
    )
    return [SegmentMember(cid, name, email) for cid, name, email in session.execute(query)]


@dataclass(frozen=True)
class RunLetter:
    client: str
    address: str
    status: str  # queued, sending, sent, failed, uncertain (services.mailing.runs)
    error: str | None
    sent_at: dt.datetime | None


def run_letters(session: Session, run_id: uuid.UUID) -> list[RunLetter]:
    """Every letter of a run, by the client's name."""
    query = (
        select(
            MailRecipient.client_name,
            MailRecipient.address,
            MailRecipient.status,
            MailRecipient.error,
            MailRecipient.sent_at,
        )
        .where(MailRecipient.run_id == run_id, MailRecipient.deleted_at.is_(None))
        .order_by(MailRecipient.client_name, MailRecipient.id)
    )
    return [RunLetter(*row) for row in session.execute(query)]


@dataclass(frozen=True)
class MarketingStatus:
    client_id: uuid.UUID
    version: int  # the client's row version after the change (for an open card)
    unsubscribed_at: dt.datetime | None
    consent: ConsentView | None  # the live consent to marketing mail, the latest given
    withdrawn: ConsentView | None  # else the latest withdrawn one


def marketing_status(session: Session, client_id: uuid.UUID) -> MarketingStatus:
    client = session.get(Client, client_id)
    if client is None:  # one in the recycle bin still shows what it had
        raise NotFound(_("No client with id {id}", id=client_id))
    marketing = [c for c in consents_of(session, client_id) if c.purpose == MARKETING_MAIL]
    live = next((c for c in marketing if c.withdrawn_on is None), None)
    withdrawn = next((c for c in marketing if c.withdrawn_on is not None), None)
    return MarketingStatus(client.id, client.version, client.unsubscribed_at, live, withdrawn)
