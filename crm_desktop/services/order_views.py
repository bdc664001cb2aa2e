"""What an order looks like to its readers: the card (lines, workflow events, files,
invoices) and pages of the lists and queues, newest first or oldest first (keyset)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound
from crm_desktop.i18n import _
from crm_desktop.models import (
    Client,
    Invoice,
    InvoiceStatus,
    Order,
    OrderAttachment,
    OrderEvent,
    OrderLine,
    OrderStatus,
)
from crm_desktop.services.invoice_math import kopecks, quantity3
from crm_desktop.services.invoice_settings import rate_text
from crm_desktop.services.invoice_views import client_display_name, money_text, quantity_text

PAGE_SIZE = 50
_T = TypeVar("_T")


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def status_label(status: OrderStatus | str) -> str:
    """An order's status as a sentence says it ("awaiting prepayment")."""
    labels = {
        OrderStatus.DRAFT: _("draft"),
        OrderStatus.AWAITING_PREPAYMENT: _("awaiting prepayment"),
        OrderStatus.PREPAID: _("prepaid"),
        OrderStatus.IN_PRODUCTION: _("in production"),
        OrderStatus.READY: _("ready"),
        OrderStatus.SHIPPED: _("shipped"),
        OrderStatus.CLOSED: _("closed"),
        OrderStatus.CANCELLED: _("cancelled"),
    }
    return labels.get(OrderStatus(status), str(status))


@dataclass(frozen=True)
class OrderLineView:
    id: uuid.UUID
    product_id: uuid.UUID | None
    name: str
    unit_name: str
    quantity: Decimal
    price: Decimal
    vat_rate: Decimal | None

    @property
    def amount(self) -> Decimal:
        """Quantity × price in kopecks, as an invoice line would print it."""
        return kopecks(quantity3(self.quantity) * self.price)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "product_id": str(self.product_id) if self.product_id else None,
            "name": self.name,
            "qty": quantity_text(self.quantity),
            "unit": self.unit_name,
            "price": money_text(self.price),
            "vat_rate": rate_text(self.vat_rate),
            "amount": money_text(self.amount),
        }


@dataclass(frozen=True)
class OrderEventView:
    """One move of the order: who, when, from which status to which, and why."""

    at: dt.datetime
    by: str | None
    from_status: OrderStatus | None
    to_status: OrderStatus
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "at": _iso(self.at),
            "by": self.by,
            "from": self.from_status.value if self.from_status else None,
            "to": self.to_status.value,
            "note": self.note,
        }


@dataclass(frozen=True)
class AttachmentView:
    """A file of the order, without its bytes (`attachment_content` reads them)."""

    id: uuid.UUID
    order_id: uuid.UUID
    file_name: str
    size: int
    created_at: dt.datetime | None
    created_by: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "file_name": self.file_name,
            "size": self.size,
            "created_at": _iso(self.created_at),
            "created_by": self.created_by,
        }


@dataclass(frozen=True)
class OrderInvoiceView:
    """An invoice made for the order (the prepayment's, a final one)."""

    id: uuid.UUID
    number: str | None
    status: InvoiceStatus
    total: Decimal
    paid_amount: Decimal

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "number": self.number,
            "status": self.status.value,
            "total": money_text(self.total),
            "paid_amount": money_text(self.paid_amount),
        }


@dataclass(frozen=True)
class OrderView:
    id: uuid.UUID
    number: str | None
    status: OrderStatus
    client_id: uuid.UUID
    client_name: str
    deal_id: uuid.UUID | None
    owner: str | None
    due_date: dt.date | None
    total: Decimal
    specification: str | None
    note: str | None
    version: int
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    updated_by: str | None = None
    lines: tuple[OrderLineView, ...] = ()
    events: tuple[OrderEventView, ...] = ()
    attachments: tuple[AttachmentView, ...] = ()
    invoices: tuple[OrderInvoiceView, ...] = ()

    @property
    def status_text(self) -> str:
        return status_label(self.status)

    @property
    def paid_amount(self) -> Decimal:
        """What the client has paid on the order's invoices (cancelled ones aside)."""
        return sum(
            (i.paid_amount for i in self.invoices if i.status is not InvoiceStatus.CANCELLED),
            Decimal("0.00"),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "number": self.number,
            "status": self.status.value,
            "client_id": str(self.client_id),
            "client": self.client_name,
            "deal_id": str(self.deal_id) if self.deal_id else None,
            "owner": self.owner,
            "due_date": _iso(self.due_date),
            "total": money_text(self.total),
            "paid_amount": money_text(self.paid_amount),
            "specification": self.specification,
            "note": self.note,
            "version": self.version,
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "updated_by": self.updated_by,
            "lines": [line.to_json() for line in self.lines],
            "events": [event.to_json() for event in self.events],
            "attachments": [a.to_json() for a in self.attachments],
            "invoices": [i.to_json() for i in self.invoices],
        }


def _grouped(
    ids: Sequence[uuid.UUID], rows: Sequence[tuple[uuid.UUID, _T]]
) -> dict[uuid.UUID, list[_T]]:
    found: dict[uuid.UUID, list[_T]] = {i: [] for i in ids}
    for key, value in rows:
        found.setdefault(key, []).append(value)
    return found


def attachment_views(
    session: Session, order_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[AttachmentView]]:
    rows = session.execute(
        select(
            OrderAttachment.id,
            OrderAttachment.order_id,
            OrderAttachment.file_name,
            func.length(OrderAttachment.content),
            OrderAttachment.created_at,
            OrderAttachment.created_by,
        )
        .where(OrderAttachment.order_id.in_(order_ids), OrderAttachment.deleted_at.is_(None))
        .order_by(OrderAttachment.created_at, OrderAttachment.id)
    ).all()
    return _grouped(
        order_ids,
        [(r[1], AttachmentView(r[0], r[1], r[2], int(r[3] or 0), r[4], r[5])) for r in rows],
    )


def _views(session: Session, rows: Sequence[tuple[Order, Any, str, str | None]]) -> list[OrderView]:
    ids = [row[0].id for row in rows]
    if not ids:
        return []
    lines = _grouped(
        ids,
        [
            (
                line.order_id,
                OrderLineView(
                    line.id,
                    line.product_id,
                    line.name,
                    line.unit_name,
                    line.quantity,
                    line.price,
                    line.vat_rate,
                ),
            )
            for line in session.scalars(
                select(OrderLine)
                .where(OrderLine.order_id.in_(ids), OrderLine.deleted_at.is_(None))
                .order_by(OrderLine.created_at, OrderLine.id)
            )
        ],
    )
    events = _grouped(
        ids,
        [
            (
                e.order_id,
                OrderEventView(
                    e.at,
                    e.by,
                    OrderStatus(e.from_status) if e.from_status else None,
                    OrderStatus(e.to_status),
                    e.note,
                ),
            )
            for e in session.scalars(
                select(OrderEvent)
                .where(OrderEvent.order_id.in_(ids))
                .order_by(OrderEvent.at, OrderEvent.id)
            )
        ],
    )
    invoices = _grouped(
        ids,
        [
            (
                inv.order_id,
                OrderInvoiceView(inv.id, inv.number_text, inv.status, inv.total, inv.paid_amount),
            )
            for inv in session.scalars(
                select(Invoice)
                .where(Invoice.order_id.in_(ids), Invoice.deleted_at.is_(None))
                .order_by(Invoice.id)
            )
            if inv.order_id is not None
        ],
    )
    files = attachment_views(session, ids)
    return [
        OrderView(
            id=order.id,
            number=order.number,
            status=order.status,
            client_id=order.client_id,
            client_name=client_display_name(kind, name, legal_form) if name is not None else "",
            deal_id=order.deal_id,
            owner=order.owner,
            due_date=order.due_date,
            total=order.total,
            specification=order.specification,
            note=order.note,
            version=order.version,
            created_at=order.created_at,
            updated_at=order.updated_at,
            updated_by=order.updated_by,
            lines=tuple(lines[order.id]),
            events=tuple(events[order.id]),
            attachments=tuple(files[order.id]),
            invoices=tuple(invoices[order.id]),
        )
        for order, kind, name, legal_form in rows
    ]


def _query() -> Any:
    # an outer join: on the office server production sees orders but no client (row-level
    # security hides them), and an order must not vanish with its client's row
    return select(Order, Client.kind, Client.name, Client.legal_form).outerjoin(
        Client, Client.id == Order.client_id
    )


def get_order(session: Session, order_id: uuid.UUID) -> OrderView:
    """One order with its lines, events, files and invoices."""
    rows = session.execute(_query().where(Order.id == order_id)).all()
    if not rows or rows[0][0].deleted_at is not None:
        raise NotFound(_("No order with id {id}", id=order_id))
    return _views(session, [tuple(r) for r in rows])[0]


def find_order(session: Session, ref: str) -> uuid.UUID:
    """An order by its id or its number ("З-2026-0001")."""
    text = ref.strip()
    try:
        return get_order(session, uuid.UUID(text)).id
    except ValueError:
        pass
    found = session.scalar(
        select(Order.id).where(Order.number == text, Order.deleted_at.is_(None)).limit(1)
    )
    if found is None:
        raise NotFound(_('No order "{ref}"', ref=text))
    return found


@dataclass(frozen=True)
class OrderPage:
    rows: list[OrderView]
    next_key: uuid.UUID | None = None  # pass as `after` for the next page; None: the last


def list_orders(
    session: Session,
    *,
    status: OrderStatus | Sequence[OrderStatus] | None = None,
    client_id: uuid.UUID | None = None,
    owner: str | None = None,
    oldest_first: bool = False,
    after: uuid.UUID | None = None,
    limit: int = PAGE_SIZE,
) -> OrderPage:
    """A page of orders (ids are time-ordered: newest first, or oldest first for a work
    queue), starting after the order `after` (the previous page's `next_key`)."""
    query = _query().where(Order.deleted_at.is_(None))
    if isinstance(status, OrderStatus):
        query = query.where(Order.status == status)
    elif status is not None:
        query = query.where(Order.status.in_(list(status)))
    if client_id is not None:
        query = query.where(Order.client_id == client_id)
    if owner is not None:
        query = query.where(Order.owner == owner)
    if after is not None:
        query = query.where(Order.id > after if oldest_first else Order.id < after)
    order_by = Order.id.asc() if oldest_first else Order.id.desc()
    rows = [tuple(r) for r in session.execute(query.order_by(order_by).limit(limit + 1)).all()]
    more = len(rows) > limit
    views = _views(session, rows[:limit])
    return OrderPage(views, views[-1].id if more and views else None)


def iter_orders(session: Session, *, page: int = 200, **where: Any) -> Iterator[OrderView]:
    """Every order `list_orders(**where)` would page through."""
    after: uuid.UUID | None = None
    while True:
        result = list_orders(session, after=after, limit=page, **where)
        yield from result.rows
        if result.next_key is None:
            return
        after = result.next_key


ACCOUNTING_STATUSES = (OrderStatus.AWAITING_PREPAYMENT,)
PRODUCTION_STATUSES = (OrderStatus.PREPAID, OrderStatus.IN_PRODUCTION)


def accounting_queue(
    session: Session, *, after: uuid.UUID | None = None, limit: int = PAGE_SIZE
) -> OrderPage:
    """Orders waiting for their prepayment to be confirmed, oldest first."""
    return list_orders(
        session, status=ACCOUNTING_STATUSES, oldest_first=True, after=after, limit=limit
    )


def production_queue(
    session: Session, *, after: uuid.UUID | None = None, limit: int = PAGE_SIZE
) -> OrderPage:
    """Orders prepaid (to start) or in production (to finish), oldest first."""
    return list_orders(
        session, status=PRODUCTION_STATUSES, oldest_first=True, after=after, limit=limit
    )


def orders_of_client(
    session: Session,
    client_id: uuid.UUID,
    *,
    after: uuid.UUID | None = None,
    limit: int = PAGE_SIZE,
) -> OrderPage:
    """A client's orders, newest first (the client card's tab)."""
    return list_orders(session, client_id=client_id, after=after, limit=limit)
