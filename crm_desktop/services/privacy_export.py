"""Everything held about a person, for an access request (152-FZ, article 14): the card,
the interactions, deals, invoices, consents, the change history and who opened the card,
as JSON (for machines) and as a readable PDF (for the person)."""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate
from reportlab.platypus.tables import TableStyle
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from crm_desktop.errors import BadInput, PermissionDenied
from crm_desktop.i18n import _, language
from crm_desktop.models import Deal, Interaction, Invoice, PrivacyRequest, Stage
from crm_desktop.services.change_history import describe, merged, record_history
from crm_desktop.services.client_views import get_client
from crm_desktop.services.consents import consents_of
from crm_desktop.services.documents.fonts import register_fonts
from crm_desktop.services.documents.output import write_document
from crm_desktop.services.documents.pdf_parts import escape
from crm_desktop.services.documents.russian import money
from crm_desktop.services.local_time import to_local
from crm_desktop.services.phones import format_phone
from crm_desktop.services.privacy import RequestKind, _superuser, card_reads, record_request

FORMAT_VERSION = 1
HISTORY_LIMIT = 10_000


@dataclass
class PersonData:
    """What is held about one person; every section a list of plain JSON-able dicts."""

    client_id: uuid.UUID
    made_at: dt.datetime
    card: dict[str, Any]
    interactions: list[dict[str, Any]] = field(default_factory=list)
    deals: list[dict[str, Any]] = field(default_factory=list)
    invoices: list[dict[str, Any]] = field(default_factory=list)
    consents: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    card_reads: list[dict[str, Any]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "crm-desktop personal data",
            "format_version": FORMAT_VERSION,
            "client_id": str(self.client_id),
            "made_at": self.made_at.isoformat(),
            "card": self.card,
            "interactions": self.interactions,
            "deals": self.deals,
            "invoices": self.invoices,
            "consents": self.consents,
            "changes": self.changes,
            "card_reads": self.card_reads,
            "requests": self.requests,
        }


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _amount(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def require_export_rights(session: Session) -> None:
    """On the office server only the administrator exports a person's data: a manager's
    login may read neither the requests log nor the card reads of others."""
    if session.get_bind().dialect.name == "postgresql" and not _superuser(session):
        raise PermissionDenied(
            _(
                "Only the server's administrator (a PostgreSQL superuser) can export a "
                "person's data: the requests log and the card reads are the administrator's."
            )
        )


def export_person(session: Session, client_id: uuid.UUID, *, record: bool = True) -> PersonData:
    """Collect what is held about the person; `record` notes an access request answered
    today in the requests log."""
    require_export_rights(session)
    card = get_client(session, client_id)
    data = PersonData(client_id, dt.datetime.now(dt.UTC), card.to_json())
    interactions = session.scalars(
        select(Interaction)
        .where(
            (Interaction.client_id == client_id) | (Interaction.contact_id == client_id),
            Interaction.deleted_at.is_(None),
        )
        .order_by(Interaction.occurred_at, Interaction.id)
    )
    data.interactions = [
        {
            "occurred_at": _iso(i.occurred_at),
            "kind": i.kind.value,
            "direction": i.direction.value if i.direction else None,
            "user": i.user_login,
            "subject": i.subject,
            "text": i.text,
            "outcome": i.outcome,
        }
        for i in interactions
    ]
    deals = session.execute(
        select(Deal, Stage.name)
        .outerjoin(Stage, Stage.id == Deal.stage_id)
        .where(Deal.client_id == client_id, Deal.deleted_at.is_(None))
        .order_by(Deal.created_at, Deal.id)
    )
    data.deals = [
        {
            "id": str(d.id),
            "title": d.title,
            "stage": stage,
            "amount": _amount(d.amount),
            "currency": d.currency,
            "created_at": _iso(d.created_at),
            "closed_at": _iso(d.closed_at),
        }
        for d, stage in deals
    ]
    invoices = session.scalars(
        select(Invoice)
        .where(Invoice.client_id == client_id, Invoice.deleted_at.is_(None))
        .order_by(Invoice.created_at, Invoice.id)
    )
    data.invoices = [
        {
            "id": str(v.id),
            "number": v.number_text,
            "status": v.status.value,
            "issue_date": _iso(v.issue_date),
            "due_date": _iso(v.due_date),
            "total": _amount(v.total),
            "vat_total": _amount(v.vat_total),
            "paid_amount": _amount(v.paid_amount),
            "currency": v.currency,
        }
        for v in invoices
    ]
    data.consents = [c.to_json() for c in consents_of(session, client_id)]
    data.changes = [
        {"id": e.id, "at": _iso(e.at), "who": e.who, "action": e.action, "text": describe(e)}
        for e in reversed(merged(record_history(session, client_id, limit=HISTORY_LIMIT)))
    ]
    data.card_reads = [r.to_json() for r in reversed(card_reads(session, client_id))]
    requests = session.scalars(
        select(PrivacyRequest)
        .where(PrivacyRequest.client_id == client_id, PrivacyRequest.deleted_at.is_(None))
        .order_by(PrivacyRequest.received_on, PrivacyRequest.id)
    )
    data.requests = [
        {
            "kind": r.kind,
            "received_on": _iso(r.received_on),
            "answered_on": _iso(r.answered_on),
        }
        for r in requests
    ]
    if record:
        today = dt.date.today()
        try:  # on the office server only the administrator keeps the requests log
            with session.begin_nested():
                record_request(
                    session, client_id, RequestKind.ACCESS, received_on=today, answered_on=today
                )
        except SQLAlchemyError:
            pass
    return data


# --- writing --------------------------------------------------------------------------------


def person_json(data: PersonData) -> bytes:
    return json.dumps(data.to_json(), ensure_ascii=False, indent=2).encode("utf-8")


def write_person_json(data: PersonData, path: Path) -> Path:
    return write_document(path, person_json(data))


def _date(raw: str | None) -> str:
    """An ISO date or time as printed: dd.mm.yyyy (and hh:mm in local time)."""
    if not raw:
        return "—"
    if "T" in raw:
        return to_local(dt.datetime.fromisoformat(raw)).strftime("%d.%m.%Y %H:%M")
    return dt.date.fromisoformat(raw).strftime("%d.%m.%Y")


def _money(raw: str | None) -> str:
    return money(Decimal(raw)) if raw is not None else "—"


def _labels() -> dict[str, str]:
    return {
        "name": _("Name"),
        "full_name": _("Full name"),
        "kind": _("Kind"),
        "company": _("Company"),
        "position": _("Position"),
        "phones": _("Phones"),
        "emails": _("E-mails"),
        "inn": _("INN"),
        "birth_date": _("Date of birth"),
        "owner": _("Responsible manager"),
        "source": _("Source"),
        "note": _("Note"),
        "messengers": _("Messengers"),
        "addresses": _("Addresses"),
        "created_at": _("Added"),
    }


def _card_rows(card: dict[str, Any]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for key, label in _labels().items():
        value = card.get(key)
        if value in (None, "", []):
            continue
        if key == "phones":
            text = ", ".join(format_phone(p) for p in value)
        elif key == "emails":
            text = ", ".join(value)
        elif key == "messengers":
            text = ", ".join(f"{m['kind']}: {m['handle']}" for m in value)
        elif key == "addresses":
            text = "; ".join(a["text"] for a in value)
        elif key in ("birth_date", "created_at"):
            text = _date(value)
        elif key == "kind":
            text = {"person": _("a person"), "company": _("a company")}.get(value, str(value))
        else:
            text = str(value)
        rows.append((label, text))
    for code, value in (card.get("custom_fields") or {}).items():
        rows.append((str(code), str(value)))
    return rows


def _kind(kind: str) -> str:
    """An interaction's kind as the person reads it."""
    names = {
        "call": _("a call"),
        "meeting": _("a meeting"),
        "email": _("a letter"),
        "note": _("a note"),
        "stage_change": _("a deal's stage changed"),
    }
    return names.get(kind, kind)


def person_pdf(data: PersonData) -> bytes:
    """The readable report: A4, DejaVu, a heading and a table per section."""
    regular, bold = register_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=9, leading=11.5)
    cell = ParagraphStyle("cell", parent=base, fontSize=8, leading=10)
    title = ParagraphStyle("title", parent=base, fontName=bold, fontSize=14, leading=18)
    heading = ParagraphStyle(
        "heading", parent=base, fontName=bold, fontSize=11, leading=14, spaceBefore=8
    )
    story: list[Any] = []
    card = data.card
    story.append(Paragraph(escape(_("Personal data held about {name}", name=card["name"])), title))
    story.append(
        Paragraph(
            escape(
                _(
                    "Made on {date} for an access request (152-FZ). Record id {id}.",
                    date=_date(data.made_at.isoformat()),
                    id=data.client_id,
                )
            ),
            base,
        )
    )

    def table(header: list[str], rows: list[list[str]], widths: list[float]) -> None:
        if not rows:
            story.append(Paragraph(escape(_("None.")), base))
            return
        body = [[Paragraph(f"<b>{escape(h)}</b>", cell) for h in header]]
        body += [[Paragraph(escape(v), cell) for v in row] for row in rows]
        grid = LongTable(body, colWidths=[w * mm for w in widths], repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.92, 0.95)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(grid)

    def section(name: str) -> None:
        story.append(Paragraph(escape(name), heading))

    section(_("Card"))
    table([_("Field"), _("Value")], [list(r) for r in _card_rows(card)], [45, 135])
    section(_("Interactions"))
    table(
        [_("Date"), _("Kind"), _("Subject"), _("Text")],
        [
            [_date(i["occurred_at"]), _kind(i["kind"]), i["subject"] or "", i["text"] or ""]
            for i in data.interactions
        ],
        [28, 22, 40, 90],
    )
    section(_("Deals"))
    table(
        [_("Deal"), _("Stage"), _("Amount"), _("Created"), _("Closed")],
        [
            [
                d["title"],
                d["stage"] or "",
                _money(d["amount"]),
                _date(d["created_at"]),
                _date(d["closed_at"]),
            ]
            for d in data.deals
        ],
        [60, 35, 28, 28, 29],
    )
    section(_("Invoices"))
    table(
        [_("Number"), _("Date"), _("Amount"), _("Paid"), _("Status")],
        [
            [
                v["number"] or _("draft"),
                _date(v["issue_date"]),
                _money(v["total"]),
                _money(v["paid_amount"]),
                v["status"],
            ]
            for v in data.invoices
        ],
        [40, 30, 35, 35, 40],
    )
    section(_("Consents"))
    table(
        [_("Purpose"), _("Text version"), _("Given"), _("Channel"), _("Withdrawn")],
        [
            [
                c["purpose"],
                c["text_version"] or "",
                _date(c["given_on"]),
                c["channel"] or c["source"] or "",
                _date(c["withdrawn_on"]) if c["withdrawn_on"] else "",
            ]
            for c in data.consents
        ],
        [40, 35, 30, 40, 35],
    )
    section(_("Change history"))
    table(
        [_("When"), _("What changed")],
        [[_date(c["at"]), c["text"]] for c in data.changes],
        [32, 148],
    )
    section(_("Who opened the card"))
    table(
        [_("When"), _("Who"), _("Computer")],
        [[_date(r["at"]), r["login"] or "", r["computer"] or ""] for r in data.card_reads],
        [40, 60, 80],
    )
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=_("Personal data"),
        lang="ru" if language() == "ru" else "en",
    )
    document.build(story)
    return out.getvalue()


def write_person_pdf(data: PersonData, path: Path) -> Path:
    return write_document(path, person_pdf(data))


def write_person(data: PersonData, path: Path, file_format: str | None = None) -> Path:
    """By `file_format` ("pdf" or "json"), else by the file's extension."""
    chosen = (file_format or path.suffix.lstrip(".")).lower()
    if chosen == "pdf":
        return write_person_pdf(data, path)
    if chosen == "json":
        return write_person_json(data, path)
    raise BadInput(_("{path}: the file must end in .pdf or .json (or give --format)", path=path))
