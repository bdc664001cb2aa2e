"""Tags that group clients ("VIP", "дилер") and their assignment."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Tracked


class Tag(Tracked, Base):
    __tablename__ = "tags"

    name: Mapped[str] = mapped_column(String(100))
    name_folded: Mapped[str] = mapped_column(String(100), unique=True)
    color: Mapped[str | None] = mapped_column(String(9))


class ClientTag(Tracked, Base):
    __tablename__ = "client_tags"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    tag_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tags.id"), index=True)

    __table_args__ = (UniqueConstraint("client_id", "tag_id", name="uq_client_tags_pair"),)
