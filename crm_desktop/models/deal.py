"""The sales funnel: pipelines, their stages with checklists, and deals."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Quantity, Rate, Tracked, str_enum


class StageOutcome(enum.StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class Pipeline(Tracked, Base):
    __tablename__ = "pipelines"

    name: Mapped[str] = mapped_column(String(100))
    is_default: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)


class Stage(Tracked, Base):
    __tablename__ = "stages"

    pipeline_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pipelines.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(default=0)
    probability: Mapped[int] = mapped_column(default=0)
    outcome: Mapped[StageOutcome] = mapped_column(
        str_enum(StageOutcome, "stage_outcome"), default=StageOutcome.OPEN
    )
    required_fields: Mapped[str] = mapped_column(String(500), default="")


class StageChecklistItem(Tracked, Base):
    __tablename__ = "stage_checklist_items"

    stage_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stages.id"), index=True)
    text: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)


class Deal(Tracked, Base):
    __tablename__ = "deals"

    title: Mapped[str] = mapped_column(String(300))
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    pipeline_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pipelines.id"))
    stage_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stages.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    currency: Mapped[str] = mapped_column(String(3), default="RUB")
    probability: Mapped[int | None]
    expected_close: Mapped[dt.date | None]
    owner: Mapped[str | None] = mapped_column(ForeignKey("users.login"), index=True)
    closed_at: Mapped[dt.datetime | None]
    lost_reason: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    stage_entered_at: Mapped[dt.datetime | None]  # when it came to its current stage

    __table_args__ = (Index("ix_deals_pipeline_stage", "pipeline_id", "stage_id", "owner"),)


class DealChecklistMark(Tracked, Base):
    __tablename__ = "deal_checklist_marks"

    deal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deals.id"), index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stage_checklist_items.id"))
    done: Mapped[bool] = mapped_column(default=True)


class DealLine(Tracked, Base):
    __tablename__ = "deal_lines"

    deal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deals.id"), index=True)
    product_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("products.id"))
    name: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal("1"))
    price: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    vat_rate: Mapped[Decimal | None] = mapped_column(Rate)


# the recycle bin's list (latest deletion first), a page at a time even with a million rows
Index(
    "ix_deals_bin",
    Deal.deleted_at,
    Deal.id,
    sqlite_where=text("deleted_at IS NOT NULL"),
    postgresql_where=text("deleted_at IS NOT NULL"),
)
