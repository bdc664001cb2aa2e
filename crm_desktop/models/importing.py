"""Import batches: one per real import, with what it created and what it changed (the
values before), so that `import undo` can take it back."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Tracked


class ImportBatch(Tracked, Base):
    __tablename__ = "import_batches"

    file_name: Mapped[str] = mapped_column(String(500))
    sheet: Mapped[str | None] = mapped_column(String(200))
    header_row: Mapped[int] = mapped_column(Integer, default=1)
    policy: Mapped[str] = mapped_column(String(20))  # merge | skip | create
    rows: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    merged: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    companies_created: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class ImportChange(Tracked, Base):
    """One record the batch created, or changed (with the fields' values before)."""

    __tablename__ = "import_changes"

    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("import_batches.id"), index=True)
    table_name: Mapped[str] = mapped_column(String(40))  # clients | phones | emails
    record_id: Mapped[uuid.UUID]  # no index: changes are read by batch
    action: Mapped[str] = mapped_column(String(10))  # created | updated
    before: Mapped[str | None] = mapped_column(Text)  # JSON of the fields changed
    after_version: Mapped[int] = mapped_column(Integer)  # the record's version just after
