"""Tasks: calls to make, meetings, documents to send, with due time and reminders."""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Tracked, str_enum


class TaskKind(enum.StrEnum):
    CALL = "call"
    MEETING = "meeting"
    DOCUMENTS = "documents"
    OTHER = "other"


class TaskStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class Priority(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class Task(Tracked, Base):
    __tablename__ = "tasks"

    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[TaskKind] = mapped_column(str_enum(TaskKind, "task_kind"), default=TaskKind.OTHER)
    due_at: Mapped[dt.datetime | None]
    remind_at: Mapped[dt.datetime | None]
    client_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("clients.id"), index=True)
    deal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deals.id"), index=True)
    assignee: Mapped[str | None] = mapped_column(ForeignKey("users.login"))
    priority: Mapped[Priority] = mapped_column(
        str_enum(Priority, "task_priority"), default=Priority.NORMAL
    )
    status: Mapped[TaskStatus] = mapped_column(
        str_enum(TaskStatus, "task_status"), default=TaskStatus.OPEN
    )
    completed_at: Mapped[dt.datetime | None]
    recurrence: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    queue_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("queues.id"))
    # the rule that chose the assignee ("round_robin", "workload", "queue"), else None
    assigned_by_rule: Mapped[str | None] = mapped_column(String(20))
    reminded_at: Mapped[dt.datetime | None]  # when its reminder was last shown

    __table_args__ = (
        Index("ix_tasks_assignee_due", "assignee", "status", "due_at"),
        Index("ix_tasks_remind", "status", "remind_at"),
    )


# the recycle bin's list (latest deletion first), a page at a time even with a million rows
Index(
    "ix_tasks_bin",
    Task.deleted_at,
    Task.id,
    sqlite_where=text("deleted_at IS NOT NULL"),
    postgresql_where=text("deleted_at IS NOT NULL"),
)
