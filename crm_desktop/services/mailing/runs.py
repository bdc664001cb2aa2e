"""A mailing run: a template sent to the clients of a segment who may receive marketing
mail (a live consent, not unsubscribed, an e-mail address), one letter at a time.

Each letter is first marked `sending` in a committed transaction, then handed to the
mail server, then marked `sent` with an entry in the client's history. A run stopped by
a kill, an unreachable server or a pause resumes with the letters still `queued`; a
letter found `sending` may have gone out before the stop, so it becomes `uncertain`
and is never sent again: a resumed run never sends a letter twice."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, insert, select
from sqlalchemy.orm import Session

from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.models import (
    Client,
    CompanyProfile,
    Direction,
    InteractionKind,
    MailRecipient,
    MailRun,
    User,
    utcnow,
)
from crm_desktop.services.clients import acting_login
from crm_desktop.services.consents import may_receive_marketing
from crm_desktop.services.interactions import add_interaction
from crm_desktop.services.mail import (
    AddressRefused,
    LetterUncertain,
    MailRefused,
    MailServerUnavailable,
    MailSettings,
    send_document,
)
from crm_desktop.services.mailing.templates import (
    Recipient,
    TemplateView,
    address_name,
    find_template,
    render,
)
from crm_desktop.services.phones import format_phone
from crm_desktop.services.segments import SegmentView, find_segment, segment_conditions

QUEUED, SENDING, SENT, FAILED, UNCERTAIN = "queued", "sending", "sent", "failed", "uncertain"
RUNNING, PAUSED, DONE = "sending", "paused", "done"
DEFAULT_RATE = 30  # letters a minute: what a small office's mail provider takes calmly
ERROR_MAX = 500
SKIPPED_SHOWN = 1000  # the clients left out that a report names (all are counted)

UnitOfWork = Callable[[], contextlib.AbstractContextManager[Session]]
Report = Callable[[int, int], None]


@dataclass
class Outcome:
    client: str
    address: str | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"client": self.client, "address": self.address, "reason": self.reason}


@dataclass
class MailingReport:
    run_id: uuid.UUID | None  # None for a dry run
    segment: str
    template: str
    status: str
    recipients: int = 0  # letters of the run (or that a run would send)
    sent: int = 0
    queued: int = 0
    failed: list[Outcome] = field(default_factory=list)
    uncertain: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)  # in the segment, not mailed: why
    skipped_count: int = 0  # all of them (`skipped` names the first SKIPPED_SHOWN)

    def to_json(self) -> dict[str, Any]:
        return {
            "run_id": str(self.run_id) if self.run_id else None,
            "segment": self.segment,
            "template": self.template,
            "status": self.status,
            "recipients": self.recipients,
            "sent": self.sent,
            "queued": self.queued,
            "failed": [o.to_json() for o in self.failed],
            "uncertain": [o.to_json() for o in self.uncertain],
            "skipped": [o.to_json() for o in self.skipped],
            "skipped_count": self.skipped_count,
        }


def unsubscribe_line(phone: str | None) -> str:
    if phone:
        return _(
            "To stop receiving these letters, reply with the word «отписаться» (unsubscribe) "
            "or call {phone}.",
            phone=phone,
        )
    return _("To stop receiving these letters, reply with the word «отписаться» (unsubscribe).")


def _skipped(
    session: Session, segment: SegmentView, today: dt.date
) -> tuple[list[Outcome], int]:
    """The segment's clients a mailing leaves out, each with the reason (the first
    SKIPPED_SHOWN by name), and how many they are."""
    conds = segment_conditions(session, segment.rules, today)
    allowed = may_receive_marketing(today)
    left_out = and_(*conds, ~and_(allowed, Client.primary_email.is_not(None)))
    count = session.execute(select(func.count()).select_from(Client).where(left_out)).scalar_one()
    query = (
        select(Client.name, Client.primary_email, Client.unsubscribed_at, allowed)
        .where(left_out)
        .order_by(Client.name_folded, Client.id)
        .limit(SKIPPED_SHOWN)
    )
    out = []
    for name, email, unsubscribed, consent in session.execute(query):
        if unsubscribed is not None:
            reason = _("unsubscribed")
        elif not consent:
            reason = _("no consent to marketing mail")
        else:
            reason = _("no e-mail address")
        out.append(Outcome(name, email, reason))
    return out, int(count)


def _eligible(session: Session, segment: SegmentView, today: dt.date) -> Any:
    conds = segment_conditions(session, segment.rules, today)
    return (
        select(Client.id, Client.name, Client.primary_email)
        .where(and_(*conds), may_receive_marketing(today), Client.primary_email.is_not(None))
        .order_by(Client.id)
    )


def open_run(
    session: Session,
    segment_ref: str | uuid.UUID,
    template_ref: str | uuid.UUID,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> MailingReport:
    """The run of the template to the segment: an unfinished one (paused, or stopped by
    a crash) is taken up again; else a new one queues a letter for each client who may
    receive it. With `dry_run` nothing is written: the report says who would get what."""
    today = today or dt.date.today()
    segment = find_segment(session, segment_ref)
    template = find_template(session, template_ref)
    skipped, skipped_count = _skipped(session, segment, today)
    if dry_run:
        count = session.execute(
            select(func.count()).select_from(_eligible(session, segment, today).subquery())
        ).scalar_one()
        return MailingReport(
            None,
            segment.name,
            template.name,
            "dry_run",
            count,
            queued=count,
            skipped=skipped,
            skipped_count=skipped_count,
        )
    run = session.scalars(
        select(MailRun).where(
            MailRun.segment_id == segment.id,
            MailRun.template_id == template.id,
            MailRun.status != DONE,
            MailRun.deleted_at.is_(None),
            MailRun.created_by.is_not_distinct_from(acting_login(session)),
        )
    ).first()
    if run is not None and not _left_to_send(session, run.id):
        # stopped after its last letter (or made with none): finished, and a new run
        # reaches whoever may receive the letter now
        run.status, run.finished_at = DONE, utcnow()
        run = None
    if run is None:
        run = MailRun(
            segment_id=segment.id,
            template_id=template.id,
            segment_name=segment.name,
            template_name=template.name,
            subject=template.subject,
            body=template.body,
            status=PAUSED,
        )
        session.add(run)
        session.flush()
        # one bulk insert: a segment of 50,000 clients queues in a second
        login = acting_login(session)
        letters = [
            {
                "run_id": run.id,
                "client_id": client_id,
                "client_name": name,
                "address": email,
                "status": QUEUED,
                "created_by": login,
                "updated_by": login,
            }
            for client_id, name, email in session.execute(_eligible(session, segment, today))
        ]
        if letters:
            session.execute(insert(MailRecipient), letters)
        if not _left_to_send(session, run.id):
            run.status, run.finished_at = DONE, utcnow()  # nobody to write to
            session.flush()
    report = run_report(session, run.id)
    report.skipped, report.skipped_count = skipped, skipped_count
    return report


def _left_to_send(session: Session, run_id: uuid.UUID) -> int:
    """Letters of the run still queued (or cut off while sending, to be marked)."""
    return int(
        session.execute(
            select(func.count()).where(
                MailRecipient.run_id == run_id, MailRecipient.status.in_((QUEUED, SENDING))
            )
        ).scalar_one()
    )


def run_report(session: Session, run_id: uuid.UUID) -> MailingReport:
    run = session.get(MailRun, run_id)
    if run is None:
        raise BadInput(_("No mailing {id}", id=run_id))
    # the names it was made with: the segment and template may be gone since
    report = MailingReport(run.id, run.segment_name, run.template_name, run.status)
    rows = session.execute(
        select(
            MailRecipient.status,
            MailRecipient.client_name,
            MailRecipient.address,
            MailRecipient.error,
        )
        .where(MailRecipient.run_id == run.id)
        .order_by(MailRecipient.client_name, MailRecipient.id)
    )
    for status, name, address, error in rows:
        report.recipients += 1
        if status == SENT:
            report.sent += 1
        elif status in (QUEUED, SENDING):
            report.queued += 1
        elif status == FAILED:
            report.failed.append(Outcome(name, address, error or ""))
        elif status == UNCERTAIN:
            report.uncertain.append(Outcome(name, address, error or ""))
    return report


def letter_for(session: Session, client_id: uuid.UUID, subject: str, body: str) -> tuple[str, str]:
    """The letter (subject, text) as this client gets it: placeholders filled, and the
    way to unsubscribe at the end. Also the preview of a template per recipient."""
    client = session.get(Client, client_id)
    if client is None:
        raise BadInput(_("No client with id {id}", id=client_id))
    manager = session.scalars(select(User).where(User.login == client.owner)).first()
    profile = session.scalars(select(CompanyProfile)).first()
    manager_phone = manager.phone if manager is not None and manager.phone else None
    phone = manager_phone or (profile.phone if profile is not None else None)
    shown_phone = format_phone(phone) if phone and phone.startswith("+") else phone
    person = client.kind == "person"
    recipient = Recipient(
        name=address_name(client.name) if person else client.name,
        full_name=client.name,
        company=(client.company_name or "") if person else client.name,
        manager=(manager.full_name or manager.login) if manager is not None else "",
        manager_phone=shown_phone or "",
    )
    text = render(body, recipient).rstrip()
    return render(subject, recipient).strip(), f"{text}\n\n--\n{unsubscribe_line(shown_phone)}\n"


def preview(session: Session, template: TemplateView, client_id: uuid.UUID) -> tuple[str, str]:
    return letter_for(session, client_id, template.subject, template.body)


class MailingJob:
    """Sends a run's queued letters, each in its own transactions (see the module's
    docstring), at most `rate` a minute; `stop` (set from another thread) pauses after
    the current letter. Raises MailServerUnavailable (exit 75) or MailRefused (exit 3)
    when the server cannot be reached or refuses the login: the run is paused with the
    unsent letters queued. A refused address fails that letter only."""

    def __init__(
        self,
        unit_of_work: UnitOfWork,
        run_id: uuid.UUID,
        settings: MailSettings,
        *,
        rate: int = DEFAULT_RATE,
        progress: Report | None = None,
        stop: threading.Event | None = None,
        send: Callable[..., None] = send_document,
    ) -> None:
        if rate <= 0:
            raise BadInput(_("The rate is a number of letters a minute"))
        self.unit_of_work = unit_of_work
        self.run_id = run_id
        self.settings = settings
        self.interval = 60.0 / rate
        self.progress = progress
        self.stop = stop or threading.Event()
        self.send = send

    def _start(self) -> tuple[int, int]:
        with self.unit_of_work() as session:
            run = session.get(MailRun, self.run_id)
            if run is None or run.status == DONE:
                raise BadInput(_("This mailing is finished already"))
            left_sending = session.scalars(
                select(MailRecipient).where(
                    MailRecipient.run_id == self.run_id, MailRecipient.status == SENDING
                )
            )
            for recipient in left_sending:  # cut off mid-letter: it may have gone out
                recipient.status = UNCERTAIN
                recipient.error = _("interrupted while sending: it may have been delivered")
            run.status = RUNNING
            counts = dict(
                session.execute(
                    select(MailRecipient.status, func.count())
                    .where(MailRecipient.run_id == self.run_id)
                    .group_by(MailRecipient.status)
                ).all()
            )
            total = sum(counts.values())
            return total - counts.get(QUEUED, 0), total

    def _next(self) -> tuple[uuid.UUID, uuid.UUID, str, str, str] | None:
        """The next queued letter, marked `sending` and committed: (recipient, client,
        address, subject, text)."""
        with self.unit_of_work() as session:
            recipient = session.scalars(
                select(MailRecipient)
                .where(MailRecipient.run_id == self.run_id, MailRecipient.status == QUEUED)
                .order_by(MailRecipient.id)
                .limit(1)
            ).first()
            if recipient is None:
                return None
            run = session.get(MailRun, self.run_id)
            assert run is not None
            client = session.get(Client, recipient.client_id)
            allowed = session.execute(
                select(Client.id).where(Client.id == recipient.client_id, may_receive_marketing())
            ).first()
            if client is None or client.deleted_at is not None or allowed is None:
                recipient.status = FAILED
                recipient.error = _(
                    "the client unsubscribed, withdrew the consent or was deleted meanwhile"
                )
                return None  # the loop asks again once this is committed
            subject, text = letter_for(session, client.id, run.subject, run.body)
            recipient.status = SENDING
            return recipient.id, client.id, recipient.address, subject, text

    def _finish(self, recipient_id: uuid.UUID, status: str, error: str | None = None) -> None:
        with self.unit_of_work() as session:
            recipient = session.get(MailRecipient, recipient_id)
            assert recipient is not None
            recipient.status = status
            recipient.error = error[:ERROR_MAX] if error else None
            if status == SENT:
                recipient.sent_at = utcnow()

    def _set_status(self, status: str) -> None:
        with self.unit_of_work() as session:
            run = session.get(MailRun, self.run_id)
            assert run is not None
            run.status = status
            if status == DONE:
                run.finished_at = utcnow()

    def run(self) -> MailingReport:
        done, total = self._start()
        last = float("-inf")
        while True:
            # the pause between letters comes before the next one is marked `sending`:
            # a stop or a kill while waiting leaves it queued, not uncertain
            wait = self.interval - (time.monotonic() - last)
            if self.stop.is_set() or (wait > 0 and self.stop.wait(wait)):
                self._set_status(PAUSED)
                break
            letter = self._next()
            if letter is None:
                with self.unit_of_work() as session:
                    left = session.execute(
                        select(func.count()).where(
                            MailRecipient.run_id == self.run_id, MailRecipient.status == QUEUED
                        )
                    ).scalar_one()
                if left:
                    continue  # a letter was set aside (client gone): take the next
                self._set_status(DONE)
                break
            recipient_id, client_id, address, subject, text = letter
            last = time.monotonic()
            try:
                self.send(self.settings, address, subject, text)
            except AddressRefused as exc:
                self._finish(recipient_id, FAILED, exc.message)
            except LetterUncertain as exc:
                self._finish(recipient_id, UNCERTAIN, exc.message)
                self._set_status(PAUSED)
                raise
            except (MailServerUnavailable, MailRefused):
                # refused before anything went out (no server, the login refused, "try
                # later"): the letter waits for the next run
                self._finish(recipient_id, QUEUED)
                self._set_status(PAUSED)
                raise
            except BaseException:
                # stopped in the middle (interrupted, a bug): the letter may have gone
                # out, so it stays `sending` and is never sent again
                with contextlib.suppress(Exception):
                    self._set_status(PAUSED)
                raise
            else:
                with self.unit_of_work() as session:
                    recipient = session.get(MailRecipient, recipient_id)
                    assert recipient is not None
                    recipient.status, recipient.sent_at = SENT, utcnow()
                    client = session.get(Client, client_id)
                    if client is not None and client.deleted_at is None:
                        add_interaction(
                            session,
                            client_id,
                            InteractionKind.EMAIL,
                            direction=Direction.OUTBOUND,
                            subject=subject,
                            text=text,
                            touch_contact=False,  # a mailing keeps "sleeping" clients asleep
                        )
            done += 1
            if self.progress:
                self.progress(done, total)
        with self.unit_of_work() as session:
            return run_report(session, self.run_id)
