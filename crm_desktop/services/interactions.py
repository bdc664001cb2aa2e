"""A client's history: calls, meetings, e-mails and notes, newest first."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Client, Direction, Interaction, InteractionKind, User, utcnow
from crm_desktop.services.clients import acting_login

# What counts as being in touch with a client ("no contact for 30 days"): not a note.
CONTACTS = (InteractionKind.CALL, InteractionKind.MEETING, InteractionKind.EMAIL)
TEXT_MAX = 20_000
FUTURE_SLACK = dt.timedelta(days=1)


@dataclass(frozen=True)
class InteractionView:
    id: uuid.UUID
    client_id: uuid.UUID
    kind: InteractionKind
    occurred_at: dt.datetime
    user_login: str | None
    user_name: str | None
    direction: Direction | None
    duration_s: int | None
    outcome: str | None
    subject: str | None
    text: str
    contact_id: uuid.UUID | None
    deal_id: uuid.UUID | None


@dataclass(frozen=True)
class HistoryKey:
    """Where the next page of history starts: before this (time, id)."""

    occurred_at: dt.datetime
    id: uuid.UUID


def add_interaction(
    session: Session,
    client_id: uuid.UUID,
    kind: InteractionKind,
    *,
    text: str = "",
    occurred_at: dt.datetime | None = None,
    direction: Direction | None = None,
    outcome: str | None = None,
    subject: str | None = None,
    duration_s: int | None = None,
    contact_id: uuid.UUID | None = None,
    deal_id: uuid.UUID | None = None,
    touch_contact: bool = True,
) -> InteractionView:
    """Log one entry of a client's history, by the acting user, now unless `occurred_at`
    says when. A call, meeting or e-mail also moves the client's last contact (unless
    `touch_contact` is false: a letter of a mass mailing is no personal contact)."""
    client = _live_client(session, client_id)
    when = occurred_at or utcnow()
    if when.tzinfo is None:
        raise ValidationError("occurred_at", _("A time without a time zone is ambiguous"))
    if when > utcnow() + FUTURE_SLACK:
        raise ValidationError(
            "occurred_at", _("History is what happened: plan future contacts as tasks")
        )
    if len(text) > TEXT_MAX:
        raise ValidationError(
            "text", _("Too long: at most {n} characters, given {m}", n=TEXT_MAX, m=len(text))
        )
    if kind == InteractionKind.NOTE and not text.strip():
        raise ValidationError("text", _("A note needs some text"))
    if duration_s is not None and duration_s < 0:
        raise ValidationError("duration_s", _("A duration cannot be negative"))
    if contact_id is not None:
        contact = session.get(Client, contact_id)
        if contact is None or contact.company_id != client.id:
            raise ValidationError("contact_id", _("That person does not work at this company"))
    entry = Interaction(
        client_id=client.id,
        kind=kind,
        occurred_at=when,
        direction=direction,
        outcome=(outcome or "").strip() or None,
        subject=(subject or "").strip() or None,
        text=text.strip(),
        duration_s=duration_s,
        contact_id=contact_id,
        deal_id=deal_id,
        user_login=_app_user(session),
    )
    session.add(entry)
    newer = client.last_contact_at is None or when > client.last_contact_at
    if touch_contact and kind in CONTACTS and newer:
        client.last_contact_at = when
    session.flush()
    return _views(session, [entry])[0]


def history(
    session: Session, client_id: uuid.UUID, *, before: HistoryKey | None = None, limit: int = 50
) -> list[InteractionView]:
    """A page of the client's history, newest first, starting before `before`."""
    query = select(Interaction).where(
        Interaction.client_id == client_id, Interaction.deleted_at.is_(None)
    )
    if before is not None:
        query = query.where(
            tuple_(Interaction.occurred_at, Interaction.id) < tuple_(before.occurred_at, before.id)
        )
    query = query.order_by(Interaction.occurred_at.desc(), Interaction.id.desc()).limit(limit)
    return _views(session, list(session.scalars(query)))


def delete_interaction(session: Session, interaction_id: uuid.UUID) -> None:
    """Move an entry to the recycle bin; the client's last contact follows."""
    entry = session.get(Interaction, interaction_id)
    if entry is None or entry.deleted_at is not None:
        raise NotFound(_("No history entry with id {id}", id=interaction_id))
    entry.deleted_at = utcnow()
    session.flush()
    client = session.get_one(Client, entry.client_id)
    latest = session.scalar(
        select(func.max(Interaction.occurred_at)).where(
            Interaction.client_id == client.id,
            Interaction.deleted_at.is_(None),
            Interaction.kind.in_(CONTACTS),
        )
    )
    if client.last_contact_at != latest:
        client.last_contact_at = latest
    session.flush()


def _live_client(session: Session, client_id: uuid.UUID) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(_("No client with id {id}", id=client_id))
    if client.deleted_at is not None:
        raise ValidationError("id", _("The client is in the recycle bin: restore it first"))
    return client


def _app_user(session: Session) -> str | None:
    login = acting_login(session)
    if login is None:
        return None
    return session.scalar(select(User.login).where(User.login == login))


def _views(session: Session, entries: list[Interaction]) -> list[InteractionView]:
    logins = {e.user_login for e in entries if e.user_login}
    names: dict[str, str] = {}
    if logins:
        query = select(User.login, User.full_name).where(User.login.in_(logins))
        names = {login: full_name for login, full_name in session.execute(query)}
    return [
        InteractionView(
            id=e.id,
            client_id=e.client_id,
            kind=e.kind,
            occurred_at=e.occurred_at,
            user_login=e.user_login,
            user_name=names.get(e.user_login or "") or None,
            direction=e.direction,
            duration_s=e.duration_s,
            outcome=e.outcome,
            subject=e.subject,
            text=e.text,
            contact_id=e.contact_id,
            deal_id=e.deal_id,
        )
        for e in entries
    ]
