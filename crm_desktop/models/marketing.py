"""Segments (saved filters over clients), consents to marketing mail, letter templates,
and the mailings sent from this computer with each recipient's outcome."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Tracked

MARKETING_MAIL = "marketing_mail"  # the purpose of a consent the mailings need


class Segment(Tracked, Base):
    __tablename__ = "segments"

    name: Mapped[str] = mapped_column(String(100))
    name_folded: Mapped[str] = mapped_column(String(100), index=True)
    rules: Mapped[dict[str, Any]]  # services.segments.SegmentRules.to_json()
    description: Mapped[str | None] = mapped_column(Text)


class Consent(Tracked, Base):
    """A person's consent to a purpose (marketing mail): when and how it was given, and
    when it was withdrawn."""

    __tablename__ = "consents"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(40), default=MARKETING_MAIL)
    given_on: Mapped[dt.date]
    source: Mapped[str | None] = mapped_column(String(200))  # "анкета на сайте", "звонок"
    withdrawn_on: Mapped[dt.date | None]
    # 152-FZ: the version of the consent text agreed to, how it was given (paper, web
    # form, phone, e-mail, in person) and the evidence (a scan of the signed form)
    text_version: Mapped[str | None] = mapped_column(String(60))
    channel: Mapped[str | None] = mapped_column(String(20))
    evidence: Mapped[bytes | None] = mapped_column(LargeBinary)
    evidence_name: Mapped[str | None] = mapped_column(String(200))


class MailTemplate(Tracked, Base):
    __tablename__ = "mail_templates"

    name: Mapped[str] = mapped_column(String(100))
    name_folded: Mapped[str] = mapped_column(String(100), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)


class MailRun(Tracked, Base):
    """One mailing: a template sent to a segment, letter by letter (resumable)."""

    __tablename__ = "mail_runs"

    # no foreign keys: this computer's log outlives the office's segment and template
    # (deleted, or removed for good by `server compact`, which a laptop follows)
    segment_id: Mapped[uuid.UUID]
    template_id: Mapped[uuid.UUID]
    segment_name: Mapped[str] = mapped_column(String(100))
    template_name: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(300))  # the template as it was at the start
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="sending")  # sending|paused|done
    finished_at: Mapped[dt.datetime | None]


class MailRecipient(Tracked, Base):
    """One letter of a mailing. `sending` is written (and committed) before the letter
    goes to the server, `sent` after: a letter found `sending` after a crash may have gone
    out, so it is marked `uncertain` and never sent again."""

    __tablename__ = "mail_recipients"

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mail_runs.id"))
    # no foreign key: the log stays when the client later leaves this computer (a
    # laptop's client handed to a colleague)
    client_id: Mapped[uuid.UUID]
    client_name: Mapped[str] = mapped_column(String(300))
    address: Mapped[str] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(20), default="queued")
    error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[dt.datetime | None]

    __table_args__ = (
        UniqueConstraint("run_id", "client_id", name="uq_mail_recipients_run_client"),
        Index("ix_mail_recipients_run_status", "run_id", "status"),
    )
