"""Tags that group clients ("VIP", "дилер"): made on first use, put on many at once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import ClientTag, Tag, utcnow
from crm_desktop.store.search_index import fold

TAG_MAX = 100


@dataclass(frozen=True)
class TagView:
    id: uuid.UUID
    name: str
    color: str | None


def ensure_tag(session: Session, name: str, color: str | None = None) -> TagView:
    """The tag of that name (case and ё ignored), made if there is none."""
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("tag", _("A tag needs a name"))
    if len(clean) > TAG_MAX:
        raise ValidationError(
            "tag", _("Too long: at most {n} characters, given {m}", n=TAG_MAX, m=len(clean))
        )
    tag = session.scalar(select(Tag).where(Tag.name_folded == fold(clean)))
    if tag is None:
        tag = Tag(name=clean, name_folded=fold(clean), color=color)
        session.add(tag)
        session.flush()
    elif tag.deleted_at is not None:
        tag.deleted_at = None
    return TagView(tag.id, tag.name, tag.color)


def list_tags(session: Session) -> list[TagView]:
    tags = session.scalars(select(Tag).where(Tag.deleted_at.is_(None)).order_by(Tag.name_folded))
    return [TagView(t.id, t.name, t.color) for t in tags]


def tag_clients(session: Session, client_ids: Sequence[uuid.UUID], name: str) -> TagView:
    """Put the tag on every client given (one link per client and tag: a removed link
    comes back rather than doubling)."""
    tag = ensure_tag(session, name)
    links = {
        link.client_id: link
        for link in session.scalars(
            select(ClientTag).where(ClientTag.tag_id == tag.id, ClientTag.client_id.in_(client_ids))
        )
    }
    for client_id in dict.fromkeys(client_ids):
        link = links.get(client_id)
        if link is None:
            session.add(ClientTag(client_id=client_id, tag_id=tag.id))
        elif link.deleted_at is not None:
            link.deleted_at = None
    session.flush()
    return tag


def untag_clients(session: Session, client_ids: Sequence[uuid.UUID], tag_id: uuid.UUID) -> int:
    """Take the tag off these clients; returns how many had it."""
    removed = 0
    for link in session.scalars(
        select(ClientTag).where(
            ClientTag.tag_id == tag_id,
            ClientTag.client_id.in_(client_ids),
            ClientTag.deleted_at.is_(None),
        )
    ):
        link.deleted_at = utcnow()
        removed += 1
    session.flush()
    return removed


def tags_of(session: Session, client_id: uuid.UUID) -> list[TagView]:
    query = (
        select(Tag)
        .join(ClientTag, ClientTag.tag_id == Tag.id)
        .where(ClientTag.client_id == client_id, ClientTag.deleted_at.is_(None))
        .order_by(Tag.name_folded)
    )
    return [TagView(t.id, t.name, t.color) for t in session.scalars(query)]
