"""Invoices (счета на оплату): drafts made from scratch (from a deal or an order: see
`invoice_sources`) and edited freely; issuing, which gives the number and freezes both
sides' requisites; cancelling (payments: `invoice_payments`). The sums are
`invoice_math`'s, the numbers `invoice_numbers`'.

Statuses: draft → issued → partly_paid → paid; a draft or an issued invoice without
payments may be cancelled (an issued one keeps its number, so the series has no gaps).
Only a draft is edited: an issued invoice is refused (`InvoiceNotEditable`, exit 3) and
is corrected by cancelling it and issuing a new one (`copy_invoice` starts that copy).
A draft keeps the VAT mode of when it was made (its prices were typed under it) unless
changed on the draft; the issued invoice keeps it for good.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop.errors import (
    Conflict,
    CrmError,
    NotFound,
    Refused,
    ValidationError,
    stale_record_message,
)
from crm_desktop.i18n import _
from crm_desktop.models import (
    Client,
    Deal,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Product,
    VatMode,
    utcnow,
)
from crm_desktop.services.amounts import parse_amount, parse_quantity, parse_vat_rate
from crm_desktop.services.clients import default_owner
from crm_desktop.services.dates import parse_date
from crm_desktop.services.invoice_math import Totals, line_sums, totals
from crm_desktop.services.invoice_numbers import allocate_number
from crm_desktop.services.invoice_parties import (
    RequisitesIncomplete,
    payer_snapshot,
    supplier_snapshot,
)
from crm_desktop.services.invoice_settings import (
    InvoiceSettings,
    check_rate,
    get_invoice_settings,
    number_text,
    parse_vat_mode,
)
from crm_desktop.services.invoice_views import (
    InvoiceFilter,
    InvoiceLineView,
    InvoicePage,
    InvoiceView,
    PaymentView,
    find_invoice,
    get_invoice,
    invoice_vat_mode,
    iter_invoices,
    list_invoices,
    live_lines,
)
from crm_desktop.services.products import check_name, find_product
from crm_desktop.services.units import DEFAULT_UNIT, Unit, parse_unit, unit_of
from crm_desktop.store import change_capture
from crm_desktop.store.change_capture import is_laptop_replica

__all__ = [
    "InvoiceChanges",
    "InvoiceFilter",
    "InvoiceLineInput",
    "InvoiceLineView",
    "InvoiceNotEditable",
    "InvoicePage",
    "InvoiceView",
    "LineError",
    "PaymentView",
    "RequisitesIncomplete",
    "cancel_invoice",
    "copy_invoice",
    "create_invoice",
    "delete_draft",
    "edit_invoice",
    "find_invoice",
    "flush_invoice",
    "get_invoice",
    "invoice_label",
    "issue_invoice",
    "iter_invoices",
    "list_invoices",
    "live_deal",
    "load_invoice",
    "restore_draft",
]

NOTE_MAX = 2000
MAX_LINES = 1000

log = logging.getLogger(__name__)


class InvoiceNotEditable(Refused):
    """An issued (or cancelled) invoice is not changed (exit 3)."""


class LineError(ValidationError):
    """A line of the invoice holds a wrong value: `index` (from 0) and the line's field."""

    def __init__(self, index: int, field: str, message: str) -> None:
        super().__init__(f"lines.{index}.{field}", message)
        self.index = index
        self.line_field = field

    def __str__(self) -> str:
        return _("line {n}: {problem}", n=self.index + 1, problem=self.message)


@dataclass(frozen=True)
class InvoiceLineInput:
    """A line: a product of the price list (id or SKU) gives the name, unit, price and
    VAT rate that are not given here; a free-text line needs a name and a price.
    `unit` is an OKEI code or name; `vat_rate` None takes the product's rate (the
    company's default for a free line), "none" (or "") means without VAT. The price is
    per unit, with or without VAT as the invoice's VAT mode says."""

    product: uuid.UUID | str | None = None
    name: str | None = None
    quantity: str | Decimal | int = 1
    unit: str | None = None
    price: str | Decimal | int | None = None
    vat_rate: str | Decimal | None = None


@dataclass(frozen=True)
class InvoiceChanges:
    """What to set on a draft; None leaves a field as it is ("" clears the due date or
    the note). Given `lines` replace all the draft's lines."""

    client_id: uuid.UUID | None = None
    lines: Sequence[InvoiceLineInput] | None = None
    due_date: str | dt.date | None = None
    note: str | None = None
    vat_mode: VatMode | str | None = None
    deal_id: uuid.UUID | None = None


@dataclass(frozen=True)
class _Line:
    product_id: uuid.UUID | None
    name: str
    unit: Unit
    quantity: Decimal
    price: Decimal
    vat_rate: Decimal | None


# --- lines ---------------------------------------------------------------------------------


def _resolve_line(
    session: Session, settings: InvoiceSettings, mode: VatMode, item: InvoiceLineInput, index: int
) -> _Line:
    try:
        return checked_line(session, settings, mode, item)
    except ValidationError as exc:
        raise LineError(index, exc.field, exc.message) from None
    except NotFound as exc:
        raise LineError(index, "product", exc.message) from None


def checked_line(
    session: Session, settings: InvoiceSettings, mode: VatMode, item: InvoiceLineInput
) -> _Line:
    product: Product | None = None
    if item.product is not None and (not isinstance(item.product, str) or item.product.strip()):
        product = find_product(session, item.product)
        if not product.active:
            raise ValidationError(
                "product", _('"{name}" is not sold any more (inactive)', name=product.name)
            )
    if item.name is not None and item.name.strip():
        name = check_name(item.name)
    elif product is not None:
        name = product.name
    else:
        raise ValidationError("name", _("Enter the name or choose a product"))
    if item.unit is not None and item.unit.strip():
        unit = parse_unit(item.unit)
    elif product is not None:
        unit = unit_of(product.unit_code, product.unit_name)
    else:
        unit = DEFAULT_UNIT
    quantity = parse_quantity(item.quantity)
    if item.price is not None and (not isinstance(item.price, str) or item.price.strip()):
        price = parse_amount(item.price, "price")
    elif product is not None:
        price = product.price
    else:
        raise ValidationError("price", _("Enter the price"))
    if item.vat_rate is not None:
        rate = parse_vat_rate(item.vat_rate)
        if rate is not None and mode is VatMode.NONE:
            raise ValidationError(
                "vat_rate",
                _('The invoice is without VAT: a line\'s VAT rate can only be "none"'),
            )
        check_rate(settings, rate)
    elif mode is VatMode.NONE:
        rate = None
    elif product is not None:
        rate = product.vat_rate
    else:
        rate = settings.vat_rate
    return _Line(
        product_id=product.id if product is not None else None,
        name=name,
        unit=unit,
        quantity=quantity,
        price=price,
        vat_rate=rate,
    )


def _replace_lines(session: Session, invoice: Invoice, lines: Sequence[_Line]) -> None:
    """The draft's lines become `lines`: the rows are reused in order, new ones added and
    the rest hidden (a tombstone, as everywhere: sync sees the removal)."""
    existing = live_lines(session, [invoice.id])[invoice.id]
    for position, new in enumerate(lines):
        row = existing[position] if position < len(existing) else None
        if row is None:
            row = InvoiceLine(invoice_id=invoice.id)
            session.add(row)
        row.position = position
        row.product_id = new.product_id
        row.name = new.name
        row.unit_code, row.unit_name = new.unit.code, new.unit.name
        row.quantity, row.price, row.vat_rate = new.quantity, new.price, new.vat_rate
    now = utcnow()
    for row in existing[len(lines) :]:
        row.deleted_at = now
    session.flush()


def _recompute(session: Session, invoice: Invoice) -> Totals:
    """Each line's amount and VAT, and the invoice's totals, under its VAT mode."""
    mode = invoice_vat_mode(invoice)
    sums = []
    for line in live_lines(session, [invoice.id])[invoice.id]:
        line_total = line_sums(line.quantity, line.price, line.vat_rate, mode)
        line.amount, line.vat_amount = line_total.amount, line_total.vat
        sums.append(line_total)
    result = totals(sums, mode)
    invoice.total, invoice.vat_total = result.total, result.vat
    return result


# --- drafts --------------------------------------------------------------------------------


def _live_client(session: Session, client_id: uuid.UUID) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise ValidationError("client", _("No client with id {id}", id=client_id))
    if client.deleted_at is not None:
        raise ValidationError("client", _("The client is in the recycle bin: restore it first"))
    return client


def live_deal(session: Session, deal_id: uuid.UUID) -> Deal:
    deal = session.get(Deal, deal_id)
    if deal is None or deal.deleted_at is not None:
        raise ValidationError("deal", _("No deal with id {id}", id=deal_id))
    return deal


def _note(raw: str) -> str | None:
    text = raw.strip()
    if len(text) > NOTE_MAX:
        raise ValidationError("note", _("At most {n} characters", n=NOTE_MAX))
    return text or None


def _apply(session: Session, invoice: Invoice, data: InvoiceChanges) -> None:
    if data.client_id is not None:
        invoice.client_id = _live_client(session, data.client_id).id
    if data.deal_id is not None:
        invoice.deal_id = live_deal(session, data.deal_id).id
    if data.due_date is not None:
        text = data.due_date.strip() if isinstance(data.due_date, str) else data.due_date
        invoice.due_date = parse_date(text, "due_date") if text else None
    if data.note is not None:
        invoice.note = _note(data.note)
    was_without_vat = invoice_vat_mode(invoice) is VatMode.NONE
    if data.vat_mode is not None:
        invoice.vat_mode = parse_vat_mode(data.vat_mode).value
    if data.lines is not None:
        if len(data.lines) > MAX_LINES:
            raise ValidationError("lines", _("At most {n} lines", n=MAX_LINES))
        settings = get_invoice_settings(session)
        mode = invoice_vat_mode(invoice)
        resolved = [
            _resolve_line(session, settings, mode, item, index)
            for index, item in enumerate(data.lines)
        ]
        _replace_lines(session, invoice, resolved)
    elif was_without_vat and invoice_vat_mode(invoice) is not VatMode.NONE:
        # lines made without VAT take the default rate when the draft starts charging it
        settings = get_invoice_settings(session)
        for line in live_lines(session, [invoice.id])[invoice.id]:
            if line.vat_rate is None:
                line.vat_rate = settings.vat_rate
    _recompute(session, invoice)


def flush_invoice(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(stale_record_message()) from None


def create_invoice(session: Session, data: InvoiceChanges) -> InvoiceView:
    """A new draft (no number until it is issued) for `data.client_id`; the acting user
    owns it; its VAT mode is the company's unless `data.vat_mode` says."""
    if data.client_id is None:
        raise ValidationError("client", _("An invoice needs a client"))
    client = _live_client(session, data.client_id)
    settings = get_invoice_settings(session)
    invoice = Invoice(
        client_id=client.id,
        status=InvoiceStatus.DRAFT,
        owner=default_owner(session),
        currency="RUB",
        vat_mode=settings.vat_mode.value,
        total=Decimal("0.00"),
        vat_total=Decimal("0.00"),
        paid_amount=Decimal("0.00"),
    )
    session.add(invoice)
    session.flush()
    _apply(session, invoice, data)
    flush_invoice(session)
    return get_invoice(session, invoice.id)


def load_invoice(session: Session, invoice_id: uuid.UUID, *, lock: bool = False) -> Invoice:
    """The invoice, locked for this transaction on PostgreSQL when `lock` (two desktops
    issuing or paying the same invoice then take turns)."""
    query = select(Invoice).where(Invoice.id == invoice_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    invoice = session.scalars(query).first()
    if invoice is None or invoice.deleted_at is not None:
        raise NotFound(_("No invoice with id {id}", id=invoice_id))
    return invoice


def invoice_label(invoice: Invoice) -> str:
    return invoice.number_text or _("without a number")


def _require_draft(invoice: Invoice) -> None:
    if invoice.status is InvoiceStatus.DRAFT:
        return
    if invoice.status is InvoiceStatus.CANCELLED:
        raise InvoiceNotEditable(
            _("Invoice {number} is cancelled and cannot be changed.", number=invoice_label(invoice))
        )
    raise InvoiceNotEditable(
        _(
            "Invoice {number} is issued and cannot be changed: cancel it, or make a corrected"
            " copy and issue that.",
            number=invoice_label(invoice),
        )
    )


def _check_version(invoice: Invoice, expected_version: int | None) -> None:
    if expected_version is not None and invoice.version != expected_version:
        raise Conflict(stale_record_message())


def edit_invoice(
    session: Session,
    invoice_id: uuid.UUID,
    data: InvoiceChanges,
    *,
    expected_version: int | None = None,
) -> InvoiceView:
    """Change a draft (InvoiceNotEditable once it is issued)."""
    invoice = load_invoice(session, invoice_id, lock=True)
    _check_version(invoice, expected_version)
    _require_draft(invoice)
    _apply(session, invoice, data)
    flush_invoice(session)
    return get_invoice(session, invoice.id)


def delete_draft(session: Session, invoice_id: uuid.UUID) -> None:
    """Remove a draft (an issued invoice is cancelled instead, keeping its number)."""
    invoice = load_invoice(session, invoice_id, lock=True)
    _require_draft(invoice)
    invoice.deleted_at = utcnow()
    flush_invoice(session)


def restore_draft(session: Session, invoice_id: uuid.UUID) -> InvoiceView:
    """Bring a deleted draft back from the recycle bin; one whose client or deal is still
    there waits for it."""
    invoice = session.get(Invoice, invoice_id)
    if invoice is None:
        raise NotFound(_("No invoice with id {id}", id=invoice_id))
    if invoice.deleted_at is not None:
        _live_client(session, invoice.client_id)
        deal = session.get(Deal, invoice.deal_id) if invoice.deal_id is not None else None
        if deal is not None and deal.deleted_at is not None:
            raise ValidationError("deal", _("The deal is in the recycle bin: restore it first"))
        invoice.deleted_at = None
        flush_invoice(session)
    return get_invoice(session, invoice.id)


def copy_invoice(session: Session, invoice_id: uuid.UUID) -> InvoiceView:
    """A new draft with the same client, lines, deal and note: how an issued invoice is
    corrected (cancel the old one, issue the copy)."""
    source = load_invoice(session, invoice_id)
    lines = live_lines(session, [source.id])[source.id]
    invoice = Invoice(
        client_id=source.client_id,
        deal_id=source.deal_id,
        order_id=source.order_id,
        status=InvoiceStatus.DRAFT,
        owner=default_owner(session),
        currency=source.currency,
        vat_mode=source.vat_mode,
        note=source.note,
        total=Decimal("0.00"),
        vat_total=Decimal("0.00"),
        paid_amount=Decimal("0.00"),
    )
    session.add(invoice)
    session.flush()
    for line in lines:
        session.add(
            InvoiceLine(
                invoice_id=invoice.id,
                position=line.position,
                product_id=line.product_id,
                name=line.name,
                unit_code=line.unit_code,
                unit_name=line.unit_name,
                quantity=line.quantity,
                price=line.price,
                vat_rate=line.vat_rate,
            )
        )
    session.flush()
    _recompute(session, invoice)
    flush_invoice(session)
    return get_invoice(session, invoice.id)


# --- issuing -------------------------------------------------------------------------------


def issue_invoice(
    session: Session,
    invoice_id: uuid.UUID,
    *,
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> InvoiceView:
    """Give a draft its number in the series of the year of `on` (today by default),
    freeze the supplier's and the payer's requisites, and set the due date (the draft's,
    else `on` + the company's days to pay). Refuses (RequisitesIncomplete, exit 3) while
    the company's requisites are incomplete or wrong. The number is taken last, in this
    transaction: if anything fails it is given back with the rollback."""
    invoice = load_invoice(session, invoice_id, lock=True)
    _check_version(invoice, expected_version)
    if invoice.status is not InvoiceStatus.DRAFT:
        if invoice.status is InvoiceStatus.CANCELLED:
            raise InvoiceNotEditable(
                _(
                    "Invoice {number} is cancelled and cannot be issued.",
                    number=invoice_label(invoice),
                )
            )
        raise InvoiceNotEditable(
            _("Invoice {number} is issued already.", number=invoice_label(invoice))
        )
    day = on or dt.date.today()
    result = _recompute(session, invoice)
    if not live_lines(session, [invoice.id])[invoice.id]:
        raise ValidationError("lines", _("An invoice needs at least one line"))
    if result.total <= 0:
        raise ValidationError("lines", _("The invoice's total is zero"))
    if invoice.due_date is not None and invoice.due_date < day:
        raise ValidationError(
            "due_date", _("The due date is before the invoice's date ({date})", date=day)
        )
    client = _live_client(session, invoice.client_id)
    supplier = supplier_snapshot(session, strict=True)
    payer = payer_snapshot(session, client.id)
    settings = get_invoice_settings(session)
    if is_laptop_replica(session.connection()):
        # No number here: the series is the office's. The server gives it (and the date)
        # when this edit reaches it; until then the invoice prints as a draft.
        invoice.issue_requested_on = day
        invoice.issue_refusal = None
        flush_invoice(session)
        return get_invoice(session, invoice.id)
    number = allocate_number(session, day.year)
    invoice.series = day.year
    invoice.number = number
    invoice.number_text = number_text(settings.invoice_pattern, day.year, number)
    invoice.issue_date = day
    invoice.issued_at = utcnow()
    invoice.due_date = invoice.due_date or day + dt.timedelta(days=settings.payment_days)
    invoice.supplier = supplier
    invoice.payer = payer
    invoice.status = InvoiceStatus.ISSUED
    invoice.issue_requested_on = None
    invoice.issue_refusal = None
    flush_invoice(session)
    return get_invoice(session, invoice.id)


def issue_requested_invoices(
    session: Session, invoice_ids: Sequence[uuid.UUID] | None = None
) -> list[tuple[uuid.UUID, str | None]]:
    """The office server's side of invoices issued on laptops without a network: each
    gets the next number of the series, dated today, in the order they were asked for
    (one savepoint each). One the server cannot issue (cancelled at the office meanwhile,
    a line removed) keeps no number; the reason goes back to the laptop with the sync.
    Returns (invoice, reason or None) for each."""
    query = (
        select(Invoice.id, Invoice.status)
        .where(Invoice.issue_requested_on.is_not(None), Invoice.deleted_at.is_(None))
        .order_by(Invoice.issue_requested_on, Invoice.created_at, Invoice.id)
    )
    if invoice_ids is not None:
        query = query.where(Invoice.id.in_(list(invoice_ids)))
    waiting = session.execute(query).all()
    outcomes: list[tuple[uuid.UUID, str | None]] = []
    for invoice_id, status in waiting:
        reason: str | None = None
        # one issued at the office meanwhile keeps its number; a cancelled one says so
        if status in (InvoiceStatus.DRAFT, InvoiceStatus.CANCELLED):
            try:
                with session.begin_nested():
                    issue_invoice(session, invoice_id)
            except CrmError as err:
                reason = err.message
            except Exception:  # one invoice's surprise must not stop every later sync
                log.exception("numbering invoice %s at sync failed", invoice_id)
                reason = _("The office server could not number it; see its log.")
        invoice = load_invoice(session, invoice_id)
        if invoice.issue_requested_on is not None:
            invoice.issue_requested_on = None
            invoice.issue_refusal = reason[:500] if reason else None
        outcomes.append((invoice_id, reason))
    session.flush()
    return outcomes


def cancel_invoice(session: Session, invoice_id: uuid.UUID) -> InvoiceView:
    """Cancel a draft or an issued invoice; an issued one keeps its number. One with
    payments recorded is refused (remove the payments first)."""
    invoice = load_invoice(session, invoice_id, lock=True)
    if invoice.status is InvoiceStatus.CANCELLED:
        return get_invoice(session, invoice.id)
    if invoice.paid_amount > 0 or invoice.status is InvoiceStatus.PAID:
        raise Refused(
            _(
                "Invoice {number} has payments recorded and cannot be cancelled;"
                " remove the payments first.",
                number=invoice_label(invoice),
            )
        )
    invoice.status = InvoiceStatus.CANCELLED
    invoice.cancelled_at = utcnow()
    flush_invoice(session)
    return get_invoice(session, invoice.id)


def _number_requested_invoices(session: Session, site: str) -> None:
    """After laptop `site`'s push: the invoices it issued offline (another laptop's
    wait for that laptop's own push to end: their lines may not have arrived yet)."""
    asked = change_capture.requested_by(
        session.connection(), "invoices", "issue_requested_on", site
    )
    if asked:
        issue_requested_invoices(session, asked)


change_capture.after_push.append(_number_requested_invoices)
