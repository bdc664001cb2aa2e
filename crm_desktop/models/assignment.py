"""Automatic assignment: queues of users (e.g. "Продажи", "Сервис") and the rule that
picks who gets a new task or a new incoming client."""

from __future__ import annotations

import enum
import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Tracked, str_enum


class AssignMethod(enum.StrEnum):
    ROUND_ROBIN = "round_robin"  # in turn over the candidates
    WORKLOAD = "workload"  # the candidate with the fewest open tasks
    QUEUE = "queue"  # in turn over the members of one queue


class Queue(Tracked, Base):
    __tablename__ = "queues"

    name: Mapped[str] = mapped_column(String(100), unique=True)


class QueueMember(Tracked, Base):
    __tablename__ = "queue_members"

    queue_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("queues.id"), index=True)
    login: Mapped[str] = mapped_column(ForeignKey("users.login"))

    __table_args__ = (UniqueConstraint("queue_id", "login", name="uq_queue_members_member"),)


class AssignmentRule(Tracked, Base):
    """How one kind of work is assigned. `scope` names the work: "task:call",
    "task:meeting", "task:documents", "task:other", "task" (any task without a rule of
    its own) or "client" (new incoming clients and leads). `last_login` is where the
    round goes on from."""

    __tablename__ = "assignment_rules"

    scope: Mapped[str] = mapped_column(String(40), unique=True)
    method: Mapped[AssignMethod] = mapped_column(str_enum(AssignMethod, "assign_method"))
    queue_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("queues.id"))
    last_login: Mapped[str | None] = mapped_column(String(63))
