"""Fields an administrator adds to clients (or deals), typed: text, number, date, choice,
yes/no."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, ScaledDecimal, Tracked, str_enum


class FieldType(enum.StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    YES_NO = "yes_no"  # no CHECK constraint on the column: a new value needs no migration


class CustomField(Tracked, Base):
    __tablename__ = "custom_fields"

    entity: Mapped[str] = mapped_column(String(20), default="client")
    code: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(200))
    type: Mapped[FieldType] = mapped_column(str_enum(FieldType, "custom_field_type"))
    choices: Mapped[list[Any]] = mapped_column(default=list)
    required: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)

    __table_args__ = (UniqueConstraint("entity", "code", name="uq_custom_fields_code"),)


class CustomFieldValue(Tracked, Base):
    __tablename__ = "custom_field_values"

    field_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("custom_fields.id"), index=True)
    record_id: Mapped[uuid.UUID] = mapped_column(index=True)
    value_text: Mapped[str | None] = mapped_column(Text)
    value_number: Mapped[Decimal | None] = mapped_column(ScaledDecimal(18, 4))
    value_date: Mapped[dt.date | None]

    __table_args__ = (UniqueConstraint("field_id", "record_id", name="uq_custom_field_values"),)
