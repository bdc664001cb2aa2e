"""People who use the program, their roles, and the log of sign-in attempts."""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlalchemy import Boolean, String, false
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Tracked, new_id, str_enum, utcnow


class Role(enum.StrEnum):
    ADMIN = "admin"
    EXECUTIVE = "executive"
    MANAGER = "manager"
    ACCOUNTANT = "accountant"
    PRODUCTION = "production"


class User(Tracked, Base):
    """An application user. On PostgreSQL the login is also the database role's name."""

    __tablename__ = "users"

    login: Mapped[str] = mapped_column(String(63), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[Role] = mapped_column(str_enum(Role, "user_role"))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # on holiday: automatic assignment skips them
    absent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    last_login_at: Mapped[dt.datetime | None]


class LoginAttempt(Base):
    """Every sign-in attempt, kept for the administrator (append-only)."""

    __tablename__ = "login_attempts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    login: Mapped[str] = mapped_column(String(63), index=True)
    host: Mapped[str] = mapped_column(String(255), default="")
    success: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(40), default="")
