"""The history of contacts with a client: calls, meetings, e-mails, notes."""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Tracked, str_enum


class InteractionKind(enum.StrEnum):
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    NOTE = "note"
    STAGE_CHANGE = "stage_change"


class Direction(enum.StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Interaction(Tracked, Base):
    """One entry of a client's history: when, who (the user), with whom (a contact
    person of the client, if any), the outcome and the text."""

    __tablename__ = "interactions"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"))
    contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("clients.id"), index=True)
    deal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deals.id"), index=True)
    kind: Mapped[InteractionKind] = mapped_column(str_enum(InteractionKind, "interaction_kind"))
    direction: Mapped[Direction | None] = mapped_column(str_enum(Direction, "direction"))
    occurred_at: Mapped[dt.datetime]
    user_login: Mapped[str | None] = mapped_column(ForeignKey("users.login"))
    duration_s: Mapped[int | None]
    outcome: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_interactions_client_time", "client_id", "occurred_at"),
        # the activity report reads the period from here alone
        Index("ix_interactions_occurred_at", "occurred_at", "user_login", "kind", "deleted_at"),
    )
