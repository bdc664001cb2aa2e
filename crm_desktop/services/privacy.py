"""Personal data (152-FZ): erasing a person everywhere, the requests people make about
their data and the report of them, and the log of who opened which card.

Erasure removes or anonymises what identifies the person: the card (the name becomes
"erased person #id"), phones, e-mails, addresses, messengers, custom fields, tags, the
texts of their interactions and tasks, the evidence of their consents, the letters sent
to them, the import undo records, the buyer printed on their invoices (the invoices and
every amount stay), their name wherever a deal, task or note mentions it, the search
index and the change history (blanked by `change_history.blank_history`, which keeps the
hash chain whole). It writes a destruction record kept three years, naming the backups
made before that still hold the data. Rows are overwritten, not deleted, so the blank
values reach laptops through the next sync as ordinary edits.

The caller commits; on SQLite `store.privacy_wipe` makes the committing connection
overwrite freed pages (`secure_delete`) and checkpoints the write-ahead log afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, delete, or_, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import InstrumentedAttribute, Session

from crm_desktop.errors import NotFound, PermissionDenied, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import (
    Address,
    CardRead,
    Client,
    ClientKind,
    ClientTag,
    CompanyProfile,
    Consent,
    CustomFieldValue,
    Deal,
    DealLine,
    Email,
    ErasureRecord,
    ImportChange,
    Interaction,
    Invoice,
    MailRecipient,
    Messenger,
    Order,
    OrderAttachment,
    OrderEvent,
    OrderLine,
    Payment,
    Phone,
    PrivacyRequest,
    Task,
    User,
    new_id,
    utcnow,
)
from crm_desktop.models.privacy import ERASURE_KEPT_YEARS
from crm_desktop.models.user import Role
from crm_desktop.services.change_history import blank_history
from crm_desktop.store import change_capture
from crm_desktop.store.privacy_wipe import TextMatcher, person_matcher, scrub_sync_conflicts
from crm_desktop.store.roles import is_database_admin

ENTREPRENEUR = "ИП"  # the one legal form that is a person: erasable
MIN_NEEDLE = 4  # shorter fragments are not searched for in other records' texts
BACKUP_SUFFIX = ".crmbackup"
ATTACHMENT_PAGE = 50  # order files read at a time during an erasure


class RequestKind:
    ACCESS = "access"
    ERASURE = "erasure"
    CORRECTION = "correction"
    WITHDRAWAL = "withdrawal"
    ALL = ("access", "erasure", "correction", "withdrawal")


def erased_name(client_id: uuid.UUID) -> str:
    """What an erased person is called from then on: "Удалённое лицо #1a2b3c4d"."""
    return _("erased person #{id}", id=short_id(client_id))


def short_id(client_id: uuid.UUID) -> str:
    # the random tail of a time-ordered id: the head is shared by records made together
    return client_id.hex[-8:]


@dataclass
class ErasureReport:
    client_id: uuid.UUID
    name: str  # what the person is called now
    tables: dict[str, int] = field(default_factory=dict)  # rows touched per table
    history_entries: int = 0
    backups: list[dict[str, str]] = field(default_factory=list)
    keep_until: dt.date | None = None
    record_id: uuid.UUID | None = None

    def add(self, table: str, rows: int) -> None:
        if rows:
            self.tables[table] = self.tables.get(table, 0) + rows

    def to_json(self) -> dict[str, Any]:
        return {
            "client_id": str(self.client_id),
            "name": self.name,
            "tables": dict(sorted(self.tables.items())),
            "history_entries": self.history_entries,
            "backups": self.backups,
            "keep_until": self.keep_until.isoformat() if self.keep_until else None,
            "record_id": str(self.record_id) if self.record_id else None,
        }

    def lines(self) -> list[str]:
        out = [_("Erased: {name}", name=self.name)]
        for table, rows in sorted(self.tables.items()):
            out.append(f"  {table}: {rows}")
        out.append(_("  change history entries blanked: {n}", n=self.history_entries))
        if self.backups:
            out.append(_("Backups made before that still hold the data:"))
            out.extend(f"  {b['path']}" for b in self.backups)
        if self.keep_until:
            out.append(
                _(
                    "The destruction record is kept until {date}.",
                    date=f"{self.keep_until:%d.%m.%Y}",
                )
            )
        return out


# --- who may erase ------------------------------------------------------------------------


def _superuser(session: Session) -> bool:
    query = text("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user")
    return bool(session.execute(query).scalar())


def erasure_permission(session: Session, login: str | None) -> str | None:
    """None when `login` may erase personal data here; else why not, in a sentence."""
    conn = session.connection()
    if conn.dialect.name == "sqlite" and change_capture.is_laptop_replica(conn):
        return _(
            "On a laptop personal data is erased at the office: the erasure reaches this "
            "laptop at its next sync."
        )
    if conn.dialect.name == "postgresql":
        if not _superuser(session):
            return _(
                "Only the server's administrator (a PostgreSQL superuser) can erase personal "
                "data: the change history must be blanked too, and only the administrator "
                "may change it."
            )
        return None
    if not login or is_database_admin(session, login):
        return None
    user = session.execute(select(User.role, User.disabled).where(User.login == login)).first()
    if user is not None and user.role == Role.ADMIN and not user.disabled:
        return None
    return _("Only an administrator can erase personal data.")


def require_erasure_rights(session: Session, login: str | None) -> None:
    reason = erasure_permission(session, login)
    if reason is not None:
        raise PermissionDenied(reason)


# --- what identifies the person -----------------------------------------------------------


class _Needles:
    """The person's identifying strings (any case; a phone also written with
    separators), and what replaces them."""

    def __init__(self, matcher: TextMatcher, placeholder: str) -> None:
        self.matcher = matcher
        self.placeholder = placeholder

    def scrub(self, value: str | None) -> str | None:
        if value is None:
            return value
        return self.matcher.scrub(value, self.placeholder)

    def found(self, value: Any) -> bool:
        return self.matcher.found(value)

    def where(self, session: Session, column: Any) -> ColumnElement[bool]:
        """The same test in SQL: the table is scanned in one statement."""
        return self.matcher.where(session, column)


def _needles(clients: Sequence[Client], placeholder: str) -> _Needles:
    names: list[str] = []
    phones: list[str] = []
    others: list[str] = []
    for client in clients:
        names += [client.name, client.full_name or ""]
        others.append(client.inn or "")
        phones += [phone.e164 for phone in client.phones]
        others += [e.address for e in client.emails]
        others += [m.handle for m in client.messengers]
        others += [a.text for a in client.addresses]
    return _Needles(person_matcher(names, phones, others, MIN_NEEDLE), placeholder)


# --- erasure ------------------------------------------------------------------------------


def existing_backups(session: Session, folders: Iterable[Path] = ()) -> list[dict[str, str]]:
    """The backup files made before now that may still hold the data: the backups folder,
    and beside the SQLite file (the file's folder and its `backups/`)."""
    places: list[Path] = list(folders)
    try:
        from crm_desktop.store.backup import backups_dir

        places.append(backups_dir())
    except ImportError:  # pragma: no cover - the backup module is part of the program
        pass
    url = session.connection().engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        here = Path(url.database).parent
        places += [here, here / "backups"]
    found: dict[Path, dict[str, str]] = {}
    now = dt.datetime.now(dt.UTC)
    for place in places:
        if not place.is_dir():
            continue
        for path in place.iterdir():
            if not path.is_file() or not path.name.endswith(BACKUP_SUFFIX):
                continue
            made = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            if made <= now:
                found[path.resolve()] = {"path": str(path.resolve()), "made_at": made.isoformat()}
    return [found[p] for p in sorted(found)]


def _company_check(client: Client) -> None:
    if client.kind == ClientKind.COMPANY and (client.legal_form or "").upper() != ENTREPRENEUR:
        raise ValidationError(
            "client",
            _(
                "{name} is a company, not a person: only an individual entrepreneur's card "
                "holds personal data to erase.",
                name=client.name,
            ),
        )


def _blank_client(client: Client, placeholder: str, now: dt.datetime) -> None:
    client.name = placeholder
    for attr in ("full_name", "position", "inn", "kpp", "ogrn", "birth_date", "note", "source"):
        setattr(client, attr, None)
    client.company_id = None
    if client.unsubscribed_at is None:
        client.unsubscribed_at = now
    if client.deleted_at is None:
        client.deleted_at = now


def _scrub_rows(
    session: Session,
    report: ErasureReport,
    needles: _Needles,
    model: Any,
    columns: Sequence[InstrumentedAttribute[Any]],
) -> None:
    """Replace the person's name, phones and e-mails in these text columns of any row."""
    if not needles.matcher:
        return
    query = select(model).where(or_(*[needles.where(session, c) for c in columns]))
    touched = 0
    for row in session.scalars(query):
        changed = False
        for column in columns:
            value = getattr(row, column.key)
            if isinstance(value, str) and needles.found(value):
                setattr(row, column.key, needles.scrub(value))
                changed = True
        touched += changed
    report.add(model.__tablename__, touched)


def erase_person(
    session: Session,
    client_id: uuid.UUID,
    *,
    ground: str,
    login: str | None,
    backup_folders: Iterable[Path] = (),
) -> ErasureReport:
    """Erase a person's personal data everywhere (see the module's text). An individual
    entrepreneur counts as a person; any other company is refused (ValidationError)."""
    try:
        return _erase(session, client_id, ground, login, backup_folders)
    finally:
        TextMatcher.release(session)  # the SQLite function holding the person's data


def _erase(
    session: Session,
    client_id: uuid.UUID,
    ground: str,
    login: str | None,
    backup_folders: Iterable[Path],
) -> ErasureReport:
    ground = " ".join((ground or "").split())
    if not ground:
        raise ValidationError("ground", _("Say on what ground the data is erased"))
    require_erasure_rights(session, login)
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(_("No client with id {id}", id=client_id))
    _company_check(client)
    if client.name == erased_name(client.id):
        raise ValidationError("client", _("This person's data has already been erased"))
    now = utcnow()
    today = dt.date.today()
    placeholder = erased_name(client.id)
    report = ErasureReport(client.id, placeholder)
    # duplicates merged into this person hold the same data: they go too
    people = [client, *session.scalars(select(Client).where(Client.merged_into_id == client.id))]
    ids = [p.id for p in people]
    needles = _needles(people, placeholder)
    touched_ids: list[uuid.UUID] = list(ids)
    dialect = session.get_bind().dialect.name

    child_model: Any
    for child_model, blank in (
        (Phone, {"e164": "", "extension": None}),
        (Email, {"address": ""}),
        (Messenger, {"handle": ""}),
        (Address, {"text": "", "postcode": None, "city": None}),
    ):
        rows = list(session.scalars(select(child_model).where(child_model.client_id.in_(ids))))
        for row in rows:
            for attr, value in blank.items():
                setattr(row, attr, value)
            if row.deleted_at is None:
                row.deleted_at = now
            touched_ids.append(row.id)
        report.add(child_model.__tablename__, len(rows))
    for person in people:
        _blank_client(person, erased_name(person.id), now)
    report.add("clients", len(people))

    field_values = list(
        session.scalars(select(CustomFieldValue).where(CustomFieldValue.record_id.in_(ids)))
    )
    for field_value in field_values:
        field_value.value_text = None
        field_value.value_number = None
        field_value.value_date = None
        field_value.deleted_at = field_value.deleted_at or now
    report.add("custom_field_values", len(field_values))
    links = list(session.scalars(select(ClientTag).where(ClientTag.client_id.in_(ids))))
    for link in links:
        link.deleted_at = link.deleted_at or now
    report.add("client_tags", len(links))

    own = list(session.scalars(select(Interaction).where(Interaction.client_id.in_(ids))))
    for entry in own:
        entry.text, entry.subject, entry.outcome = "", None, None
    report.add("interactions", len(own))
    tasks = list(session.scalars(select(Task).where(Task.client_id.in_(ids))))
    for task in tasks:
        task.title = needles.scrub(task.title) or placeholder
        task.description = None
        touched_ids.append(task.id)
    report.add("tasks", len(tasks))

    consents = list(session.scalars(select(Consent).where(Consent.client_id.in_(ids))))
    for consent in consents:
        consent.evidence, consent.evidence_name, consent.source = None, None, None
        consent.withdrawn_on = consent.withdrawn_on or today
    report.add("consents", len(consents))

    invoices = list(session.scalars(select(Invoice).where(Invoice.client_id.in_(ids))))
    for invoice in invoices:
        kind = (invoice.payer or {}).get("kind", ClientKind.PERSON.value)
        invoice.payer = {
            "kind": kind,
            "name": placeholder,
            "full_name": None,
            "inn": None,
            "kpp": None,
            "ogrn": None,
            "address": None,
            "phone": None,
            "email": None,
        }
    report.add("invoices", len(invoices))

    letters = session.execute(
        update(MailRecipient)
        .where(MailRecipient.client_id.in_(ids))
        .values(client_name=placeholder, address="", error=None)
        .execution_options(synchronize_session=False)
    )
    report.add("mail_recipients", _rowcount(letters))
    undo = session.execute(
        update(ImportChange)
        .where(ImportChange.record_id.in_(touched_ids))
        .values(before=None)
        .execution_options(synchronize_session=False)
    )
    report.add("import_changes", _rowcount(undo))
    reads = session.execute(delete(CardRead).where(CardRead.client_id.in_(ids)))
    report.add("card_reads", _rowcount(reads))
    session.flush()

    # the person's name, phones and e-mails written anywhere else
    _scrub_rows(session, report, needles, Interaction, [Interaction.subject, Interaction.text])
    _scrub_rows(session, report, needles, Task, [Task.title, Task.description])
    _scrub_rows(session, report, needles, Deal, [Deal.title, Deal.note, Deal.lost_reason])
    _scrub_rows(session, report, needles, DealLine, [DealLine.name])
    _scrub_rows(session, report, needles, Payment, [Payment.note])
    _scrub_rows(session, report, needles, OrderLine, [OrderLine.name])
    _scrub_rows(session, report, needles, Invoice, [Invoice.note, Invoice.issue_refusal])
    _scrub_rows(session, report, needles, Order, [Order.specification, Order.note])
    _scrub_rows(session, report, needles, OrderEvent, [OrderEvent.note])
    _scrub_rows(session, report, needles, Client, [Client.note, Client.full_name])
    _scrub_rows(session, report, needles, CustomFieldValue, [CustomFieldValue.value_text])
    _scrub_rows(session, report, needles, PrivacyRequest, [PrivacyRequest.note])
    _scrub_rows(session, report, needles, MailRecipient, [MailRecipient.client_name])
    _scrub_json(session, report, needles, Invoice, Invoice.payer)
    _scrub_import_changes(session, report, needles)
    _scrub_attachments(session, report, needles)
    session.flush()  # the triggers write this erasure's own history entries now
    conflicts = scrub_sync_conflicts(session.connection(), needles.matcher, touched_ids)
    report.add("sync_conflicts" if dialect == "sqlite" else "sync_batches", conflicts)

    report.history_entries = blank_history(session, touched_ids, needles.matcher)
    report.backups = existing_backups(session, backup_folders)
    report.keep_until = _years_later(today, ERASURE_KEPT_YEARS)
    record = ErasureRecord(
        client_id=client.id,
        erased_at=now,
        erased_by=login,
        ground=ground,
        what={
            "tables": dict(sorted(report.tables.items())),
            "history_entries": report.history_entries,
            "records": [str(i) for i in ids],
        },
        backups=report.backups,
        keep_until=report.keep_until,
    )
    session.add(record)
    session.add(
        PrivacyRequest(
            client_id=client.id,
            kind=RequestKind.ERASURE,
            received_on=today,
            answered_on=today,
            note=ground,
        )
    )
    session.flush()
    report.record_id = record.id
    return report


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _scrub_json(
    session: Session,
    report: ErasureReport,
    needles: _Needles,
    model: Any,
    column: InstrumentedAttribute[Any],
) -> None:
    touched = 0
    for row in session.scalars(select(model).where(needles.where(session, column))):
        value = getattr(row, column.key)
        raw = json.dumps(value, ensure_ascii=False)
        if needles.found(raw):
            scrubbed = needles.scrub(raw) or "null"
            try:
                setattr(row, column.key, json.loads(scrubbed))
            except ValueError:  # a phone pattern ate a quote: drop the value
                setattr(row, column.key, None)
            touched += 1
    report.add(model.__tablename__, touched)


def _scrub_import_changes(session: Session, report: ErasureReport, needles: _Needles) -> None:
    query = select(ImportChange).where(needles.where(session, ImportChange.before))
    touched = 0
    for change in session.scalars(query):
        if needles.found(change.before):
            change.before = None  # an undo must not bring the person back
            touched += 1
    report.add("import_changes", touched)


def _scrub_attachments(session: Session, report: ErasureReport, needles: _Needles) -> None:
    """Files sent with orders: the name of the file, and a text file's content, lose the
    person's data; a binary file (a scan, a PDF) that holds it cannot be edited and is
    emptied. Read a page of files at a time (their content may be large)."""
    last: uuid.UUID | None = None
    touched = 0
    while True:
        query = select(OrderAttachment.id, OrderAttachment.file_name, OrderAttachment.content)
        if last is not None:
            query = query.where(OrderAttachment.id > last)
        page = session.execute(query.order_by(OrderAttachment.id).limit(ATTACHMENT_PAGE)).all()
        if not page:
            break
        last = page[-1].id
        for attachment_id, file_name, content in page:
            content = bytes(content or b"")
            if not needles.found(file_name) and not needles.found(content):
                continue
            attachment = session.get(OrderAttachment, attachment_id)
            assert attachment is not None
            attachment.file_name = needles.scrub(file_name) or needles.placeholder
            if needles.found(content):
                try:
                    attachment.content = (needles.scrub(content.decode("utf-8")) or "").encode()
                except UnicodeDecodeError:
                    attachment.content = b""
            touched += 1
        session.flush()
    report.add("order_attachments", touched)


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def erasure_records(session: Session) -> list[ErasureRecord]:
    query = select(ErasureRecord).where(ErasureRecord.deleted_at.is_(None))
    return list(session.scalars(query.order_by(ErasureRecord.erased_at.desc())))


# --- requests ---------------------------------------------------------------------------


def record_request(
    session: Session,
    client_id: uuid.UUID,
    kind: str,
    *,
    received_on: dt.date | None = None,
    answered_on: dt.date | None = None,
    channel: str | None = None,
    note: str | None = None,
) -> PrivacyRequest:
    if kind not in RequestKind.ALL:
        raise ValidationError("kind", _('Unknown request kind "{kind}"', kind=kind))
    received = received_on or dt.date.today()
    if answered_on is not None and answered_on < received:
        raise ValidationError("answered_on", _("A request cannot be answered before it came"))
    request = PrivacyRequest(
        client_id=client_id,
        kind=kind,
        received_on=received,
        answered_on=answered_on,
        channel=channel,
        note=note,
    )
    session.add(request)
    session.flush()
    return request


@dataclass(frozen=True)
class RequestRow:
    client_id: uuid.UUID
    person: str
    kind: str
    received_on: dt.date
    answered_on: dt.date | None
    days: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "client_id": str(self.client_id),
            "person": self.person,
            "kind": self.kind,
            "received_on": self.received_on.isoformat(),
            "answered_on": self.answered_on.isoformat() if self.answered_on else None,
            "days": self.days,
        }


def privacy_requests_report(
    session: Session, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[RequestRow]:
    """The requests received in the period (both ends included), oldest first: who (or
    "erased person #id"), what they asked, when, when answered and in how many days."""
    query = (
        select(PrivacyRequest, Client.name)
        .outerjoin(Client, Client.id == PrivacyRequest.client_id)
        .where(PrivacyRequest.deleted_at.is_(None))
        .order_by(PrivacyRequest.received_on, PrivacyRequest.id)
    )
    if date_from is not None:
        query = query.where(PrivacyRequest.received_on >= date_from)
    if date_to is not None:
        query = query.where(PrivacyRequest.received_on <= date_to)
    rows = []
    for request, name in session.execute(query):
        answered = request.answered_on
        rows.append(
            RequestRow(
                request.client_id,
                name or erased_name(request.client_id),
                request.kind,
                request.received_on,
                answered,
                (answered - request.received_on).days if answered else None,
            )
        )
    return rows


# --- card reads -------------------------------------------------------------------------


def _profile(session: Session) -> CompanyProfile | None:
    query = select(CompanyProfile).where(CompanyProfile.deleted_at.is_(None))
    return session.scalars(query.order_by(CompanyProfile.created_at).limit(1)).first()


def card_reads_logged(session: Session) -> bool:
    profile = _profile(session)
    return bool(profile is not None and profile.log_card_reads)


def set_card_reads_logged(session: Session, on: bool) -> None:
    """The setting "log who opens client cards"; an administrator's choice."""
    from crm_desktop.services.users import require_admin

    require_admin(session)
    profile = _profile(session)
    if profile is None:
        profile = CompanyProfile()
        session.add(profile)
    profile.log_card_reads = on
    session.flush()


def log_card_read(
    session: Session, client_id: uuid.UUID, login: str | None, computer: str | None
) -> bool:
    """Note that `login` opened the card, when the setting asks for it; True if noted.
    A database refusing the write (an office server that does not let this login write
    the log) leaves the caller's unit of work usable."""
    if not card_reads_logged(session):
        return False
    try:
        with session.begin_nested():
            session.add(
                CardRead(
                    id=new_id(), client_id=client_id, login=login, computer=computer, at=utcnow()
                )
            )
    except SQLAlchemyError:  # a log that cannot be written must not stop the card
        return False
    return True


@dataclass(frozen=True)
class CardReadView:
    login: str | None
    computer: str | None
    at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {"login": self.login, "computer": self.computer, "at": self.at.isoformat()}


def card_reads(session: Session, client_id: uuid.UUID) -> list[CardReadView]:
    query = (
        select(CardRead)
        .where(CardRead.client_id == client_id)
        .order_by(CardRead.at.desc(), CardRead.id)
    )
    return [CardReadView(r.login, r.computer, r.at) for r in session.scalars(query)]
