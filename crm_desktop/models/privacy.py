"""Personal data (152-FZ): the record of each erasure (kept three years), the requests
people made about their data and when they were answered, and who opened which card."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Tracked

ERASURE_KEPT_YEARS = 3


class ErasureRecord(Tracked, Base):
    """A destruction record: what was erased, when, by whom, on what ground, and which
    backups made before still hold the data. No foreign key: the person is gone."""

    __tablename__ = "erasure_records"

    client_id: Mapped[uuid.UUID] = mapped_column(index=True)
    erased_at: Mapped[dt.datetime]
    erased_by: Mapped[str | None] = mapped_column(String(63))
    ground: Mapped[str] = mapped_column(Text)
    what: Mapped[dict[str, Any]]  # {"tables": {name: rows}, "fields": [...]}
    backups: Mapped[list[Any]]  # the backups still holding the data: [{path, made_at}]
    keep_until: Mapped[dt.date]


class PrivacyRequest(Tracked, Base):
    """A person's request about their data (access, erasure, correction, withdrawal) and
    when it was answered."""

    __tablename__ = "privacy_requests"

    client_id: Mapped[uuid.UUID] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(20))  # access, erasure, correction, withdrawal
    received_on: Mapped[dt.date]
    answered_on: Mapped[dt.date | None]
    channel: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)


class CardRead(Base):
    """Who opened which client's card, when (written only when the setting asks)."""

    __tablename__ = "card_reads"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    client_id: Mapped[uuid.UUID]
    login: Mapped[str | None] = mapped_column(String(63))
    computer: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[dt.datetime]

    __table_args__ = (Index("ix_card_reads_client", "client_id", "at"),)
