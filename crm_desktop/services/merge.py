"""Merging two records of the same client: everything moves to the survivor."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import (
    Address,
    Client,
    ClientTag,
    CustomFieldValue,
    Deal,
    Interaction,
    Invoice,
    Messenger,
    Order,
    Task,
    utcnow,
)
from crm_desktop.services.client_views import ClientView, get_client
from crm_desktop.services.clients import acting_login, load_client, set_emails, set_phones
from crm_desktop.store.search_index import fold

MERGEABLE_FIELDS = (
    "name",
    "legal_form",
    "inn",
    "kpp",
    "ogrn",
    "birth_date",
    "position",
    "owner",
    "company_id",
    "note",
    "source",
)
Side = Literal["survivor", "other"]


def merge_clients(
    session: Session,
    survivor_id: uuid.UUID,
    other_id: uuid.UUID,
    choose: Mapping[str, Side] | None = None,
) -> ClientView:
    """Merge `other` into `survivor`. For each field, `choose` says whose value stays;
    by default the survivor's, or the other's where the survivor has none. Phones, e-mails,
    messengers, addresses, tags, history, deals, tasks, orders and invoices all move to the
    survivor; the other record goes to the recycle bin, marked as merged into it."""
    if survivor_id == other_id:
        raise ValidationError("merge", _("A client cannot be merged with itself"))
    survivor, other = load_client(session, survivor_id), load_client(session, other_id)
    if survivor.deleted_at is not None or other.deleted_at is not None:
        raise ValidationError(
            "merge", _("Restore the client from the recycle bin before merging it")
        )
    if survivor.kind != other.kind:
        raise ValidationError("merge", _("A person and a company cannot be merged"))
    choose = dict(choose or {})
    unknown = set(choose) - set(MERGEABLE_FIELDS)
    if unknown:
        raise ValidationError(
            "merge", _("Unknown field(s): {fields}", fields=", ".join(sorted(unknown)))
        )
    for field in MERGEABLE_FIELDS:
        mine, theirs = getattr(survivor, field), getattr(other, field)
        side = choose.get(field, "survivor" if mine not in (None, "") else "other")
        if side == "other" and theirs not in (None, "") and theirs != mine:
            setattr(survivor, field, theirs)
    if survivor.company_id == survivor.id:
        survivor.company_id = None
    survivor.name_folded = fold(survivor.name)
    if other.last_contact_at and (
        survivor.last_contact_at is None or other.last_contact_at > survivor.last_contact_at
    ):
        survivor.last_contact_at = other.last_contact_at

    live_phones = [p.e164 for p in survivor.phones if p.deleted_at is None]
    live_emails = [e.address for e in survivor.emails if e.deleted_at is None]
    set_phones(survivor, live_phones + [p.e164 for p in other.phones if p.deleted_at is None])
    set_emails(survivor, live_emails + [e.address for e in other.emails if e.deleted_at is None])
    set_phones(other, [])
    set_emails(other, [])

    now = utcnow()
    actor = acting_login(session)
    for model in (Messenger, Address, Interaction, Deal, Task, Order, Invoice):
        session.execute(
            update(model)
            .where(model.client_id == other.id)
            .values(
                client_id=survivor.id, updated_at=now, updated_by=actor, version=model.version + 1
            ),
            execution_options={"synchronize_session": False},
        )
    session.execute(
        update(Interaction)
        .where(Interaction.contact_id == other.id)
        .values(
            contact_id=survivor.id,
            updated_at=now,
            updated_by=actor,
            version=Interaction.version + 1,
        ),
        execution_options={"synchronize_session": False},
    )
    # Through the ORM, not a bulk UPDATE: the flush hook must rewrite these people's
    # search text with the survivor company's name.
    for person in session.scalars(
        select(Client).where(Client.company_id == other.id, Client.id != survivor.id)
    ):
        person.company_id = survivor.id
    _move_tags(session, survivor.id, other.id)
    _move_custom_values(session, survivor.id, other.id)

    other.deleted_at = now
    other.merged_into_id = survivor.id
    session.flush()
    session.expire_all()
    return get_client(session, survivor.id)


def _move_tags(session: Session, survivor_id: uuid.UUID, other_id: uuid.UUID) -> None:
    """The survivor gets every live tag of the other: a link it had and lost comes back
    (one row per client and tag), a new one is added."""
    mine = {
        link.tag_id: link
        for link in session.scalars(select(ClientTag).where(ClientTag.client_id == survivor_id))
    }
    for link in session.scalars(select(ClientTag).where(ClientTag.client_id == other_id)):
        if link.deleted_at is None:
            kept = mine.get(link.tag_id)
            if kept is None:
                mine[link.tag_id] = ClientTag(client_id=survivor_id, tag_id=link.tag_id)
                session.add(mine[link.tag_id])
            elif kept.deleted_at is not None:
                kept.deleted_at = None
            link.deleted_at = utcnow()


def _move_custom_values(session: Session, survivor_id: uuid.UUID, other_id: uuid.UUID) -> None:
    """A custom field the survivor has no live value for takes the other's value (into
    the survivor's own row where it has a deleted one: one row per field and client)."""
    mine = {
        value.field_id: value
        for value in session.scalars(
            select(CustomFieldValue).where(CustomFieldValue.record_id == survivor_id)
        )
    }
    for value in session.scalars(
        select(CustomFieldValue).where(
            CustomFieldValue.record_id == other_id, CustomFieldValue.deleted_at.is_(None)
        )
    ):
        kept = mine.get(value.field_id)
        if kept is None:
            value.record_id = survivor_id
        elif kept.deleted_at is not None:
            kept.value_text, kept.value_number = value.value_text, value.value_number
            kept.value_date, kept.deleted_at = value.value_date, None
            value.deleted_at = utcnow()
