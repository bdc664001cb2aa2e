"""Orders: sales takes one (standard products of the price list, or a custom product
described in words), accounting confirms its prepayment, production makes it, sales ships
and closes it. The workflow is an explicit table of moves, each allowed to some roles:

    draft → awaiting_prepayment        sales (manager, executive, admin): makes the
                                       prepayment invoice (the total, or the amount given)
    awaiting_prepayment → prepaid      accountant (or admin)
    prepaid → in_production            production (or admin)
    in_production → ready              production (or admin)
    ready → shipped                    sales
    shipped → closed                   sales, once the order's invoices are paid in full
    draft, awaiting_prepayment,
    prepaid → cancelled                sales (the executive among them)

Any other move is refused (`OrderMoveRefused`, exit 3) naming the moves the user's role
may make from where the order is; a move of another role's is refused naming who may.
Every move writes an `OrderEvent` and an entry of the client's history. Changes carry the
version the user saw: an order someone else changed meanwhile is refused with who and
when. Numbers ("З-2026-0001") are given when the order is taken, one series a year.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop.errors import Conflict, NotFound, PermissionDenied, Refused, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import (
    Client,
    Deal,
    Interaction,
    InteractionKind,
    Invoice,
    InvoiceStatus,
    Order,
    OrderAttachment,
    OrderEvent,
    OrderLine,
    OrderStatus,
    Role,
    User,
    VatMode,
    new_id,
    utcnow,
)
from crm_desktop.services.amounts import parse_amount, parse_vat_rate
from crm_desktop.services.clients import acting_login, default_owner
from crm_desktop.services.dates import parse_date
from crm_desktop.services.invoice_math import line_sums, totals
from crm_desktop.services.invoice_numbers import allocate_number
from crm_desktop.services.invoice_settings import (
    InvoiceSettings,
    check_rate,
    get_invoice_settings,
)
from crm_desktop.services.invoice_sources import create_invoice_from_order
from crm_desktop.services.invoice_views import InvoiceView, money_text
from crm_desktop.services.invoicing import InvoiceLineInput, LineError, checked_line
from crm_desktop.services.order_views import (
    ACCOUNTING_STATUSES,
    PRODUCTION_STATUSES,
    AttachmentView,
    OrderEventView,
    OrderInvoiceView,
    OrderLineView,
    OrderPage,
    OrderView,
    accounting_queue,
    attachment_views,
    find_order,
    get_order,
    iter_orders,
    list_orders,
    orders_of_client,
    production_queue,
    status_label,
)
from crm_desktop.store.roles import is_database_admin

__all__ = [
    "ACCOUNTING_STATUSES",
    "MAX_ATTACHMENT_BYTES",
    "PRODUCTION_STATUSES",
    "TRANSITIONS",
    "AttachmentInput",
    "AttachmentView",
    "OrderChanges",
    "OrderEventView",
    "OrderInvoiceView",
    "OrderLineInput",
    "OrderLineView",
    "OrderMoveRefused",
    "OrderNotEditable",
    "OrderPage",
    "OrderStatus",
    "OrderView",
    "accounting_queue",
    "acting_role",
    "add_attachment",
    "allowed_moves",
    "attachment_content",
    "check_attachment",
    "create_order",
    "edit_order",
    "find_order",
    "get_order",
    "iter_orders",
    "list_attachments",
    "list_orders",
    "move_order",
    "moves_for",
    "orders_of_client",
    "parse_status",
    "production_queue",
    "remove_attachment",
    "role_label",
    "status_label",
]

OrderLineInput = InvoiceLineInput  # a product of the price list (id or SKU) or a free line
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_LINES = 1000
NOTE_MAX = 20_000
FILE_NAME_MAX = 255

SALES = frozenset({Role.MANAGER, Role.EXECUTIVE, Role.ADMIN})
ACCOUNTING = frozenset({Role.ACCOUNTANT, Role.ADMIN})
PRODUCTION = frozenset({Role.PRODUCTION, Role.ADMIN})
_S = OrderStatus
# (from, to) → the roles that may make the move; nothing else is a move.
TRANSITIONS: dict[tuple[OrderStatus, OrderStatus], frozenset[Role]] = {
    (_S.DRAFT, _S.AWAITING_PREPAYMENT): SALES,
    (_S.AWAITING_PREPAYMENT, _S.PREPAID): ACCOUNTING,
    (_S.PREPAID, _S.IN_PRODUCTION): PRODUCTION,
    (_S.IN_PRODUCTION, _S.READY): PRODUCTION,
    (_S.READY, _S.SHIPPED): SALES,
    (_S.SHIPPED, _S.CLOSED): SALES,
    (_S.DRAFT, _S.CANCELLED): SALES,
    (_S.AWAITING_PREPAYMENT, _S.CANCELLED): SALES,
    (_S.PREPAID, _S.CANCELLED): SALES,
}


class OrderMoveRefused(Refused):
    """A move the workflow does not allow, or not to this role (exit 3): `allowed` are
    the moves the user's role may make from the order's status."""

    def __init__(self, message: str, allowed: Sequence[OrderStatus]) -> None:
        super().__init__(message)
        self.allowed = tuple(allowed)


class OrderNotEditable(Refused):
    """Only a draft order's contents change (exit 3)."""


# --- roles and moves ----------------------------------------------------------------------


def role_label(role: Role) -> str:
    labels = {
        Role.ADMIN: _("administrator"),
        Role.EXECUTIVE: _("executive"),
        Role.MANAGER: _("manager"),
        Role.ACCOUNTANT: _("accountant"),
        Role.PRODUCTION: _("production"),
    }
    return labels[role]


def acting_role(session: Session) -> Role:
    """The acting user's role. Nobody named (the owner of a SQLite file) and a database
    administrator act as administrators; a login that is no active app user is refused."""
    login = acting_login(session)
    if login is None or is_database_admin(session, login):
        return Role.ADMIN
    user = session.scalar(select(User).where(User.login == login))
    if user is None or user.disabled:
        raise PermissionDenied(_('"{login}" is not an active user of the program', login=login))
    return user.role


def allowed_moves(status: OrderStatus, role: Role) -> list[OrderStatus]:
    """Where `role` may move an order that is at `status`, in workflow order."""
    return [to for (frm, to), roles in TRANSITIONS.items() if frm is status and role in roles]


def moves_for(session: Session, order_id: uuid.UUID) -> list[OrderStatus]:
    """The moves the acting user may make on the order now (the card's buttons)."""
    order = _load(session, order_id)
    return allowed_moves(order.status, acting_role(session))


def parse_status(raw: str | OrderStatus) -> OrderStatus:
    """A status by its value ("in_production", "in-production" and "in production" too)."""
    if isinstance(raw, OrderStatus):
        return raw
    text = "_".join(raw.strip().lower().replace("-", " ").split())
    try:
        return OrderStatus(text)
    except ValueError:
        known = ", ".join(s.value for s in OrderStatus)
        raise ValidationError(
            "status",
            _('"{value}" is not an order status (one of: {known})', value=raw, known=known),
        ) from None


def _roles_text(roles: frozenset[Role]) -> str:
    return ", ".join(role_label(r) for r in Role if r in roles)


def _moves_text(moves: Sequence[OrderStatus]) -> str:
    return ", ".join(_('"{name}"', name=status_label(s)) for s in moves)


def _check_move(order: Order, target: OrderStatus, role: Role) -> None:
    current = order.status
    number = order.number or ""
    roles = TRANSITIONS.get((current, target))
    if roles is not None and role in roles:
        return
    allowed = allowed_moves(current, role)
    if roles is not None:
        raise OrderMoveRefused(
            _(
                'Only these roles may move an order from "{old}" to "{new}": {roles}.',
                old=status_label(current),
                new=status_label(target),
                roles=_roles_text(roles),
            ),
            allowed,
        )
    if not any(frm is current for frm, _to in TRANSITIONS):
        message = _(
            'Order {number} is "{old}" and moves no further.',
            number=number,
            old=status_label(current),
        )
    elif allowed:
        message = _(
            'Order {number} cannot move from "{old}" to "{new}"; from "{old}" you may move'
            " it to: {moves}.",
            number=number,
            old=status_label(current),
            new=status_label(target),
            moves=_moves_text(allowed),
        )
    else:
        message = _(
            'Order {number} cannot move from "{old}" to "{new}", and from "{old}" your role'
            " may move it nowhere.",
            number=number,
            old=status_label(current),
            new=status_label(target),
        )
    raise OrderMoveRefused(message, allowed)


def _require_sales(session: Session) -> None:
    if acting_role(session) not in SALES:
        raise PermissionDenied(
            _("Only these roles may take and change orders: {roles}.", roles=_roles_text(SALES))
        )


# --- input --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderChanges:
    """What to set; None leaves a field as it is ("" clears an optional one). Given
    `lines` replace the order's lines and its total becomes their sum (under the
    company's VAT mode, as the invoice will count it). An order without lines is a custom
    product: its `specification` describes it and `total` is its price."""

    client_id: uuid.UUID | None = None
    deal_id: uuid.UUID | None = None
    lines: Sequence[OrderLineInput] | None = None
    specification: str | None = None
    total: str | Decimal | int | None = None
    due_date: str | dt.date | None = None
    note: str | None = None


@dataclass(frozen=True)
class _Line:
    product_id: uuid.UUID | None
    name: str
    unit_name: str
    quantity: Decimal
    price: Decimal
    vat_rate: Decimal | None


def _checked_line(session: Session, item: OrderLineInput, settings: InvoiceSettings) -> _Line:
    """A line checked as an invoice's is (the company's VAT mode); a company without VAT
    keeps an order's line without it even when a valid rate is given."""
    if settings.vat_mode is VatMode.NONE and item.vat_rate is not None:
        check_rate(settings, parse_vat_rate(item.vat_rate))
        item = replace(item, vat_rate=None)
    line = checked_line(session, settings, settings.vat_mode, item)
    return _Line(
        line.product_id, line.name, line.unit.name, line.quantity, line.price, line.vat_rate
    )


def _checked_lines(session: Session, items: Sequence[OrderLineInput]) -> list[_Line]:
    if len(items) > MAX_LINES:
        raise ValidationError("lines", _("At most {n} lines", n=MAX_LINES))
    settings = get_invoice_settings(session)
    checked = []
    for index, item in enumerate(items):
        try:
            checked.append(_checked_line(session, item, settings))
        except ValidationError as exc:
            raise LineError(index, exc.field, exc.message) from None
        except NotFound as exc:
            raise LineError(index, "product", exc.message) from None
    return checked


def _lines_total(session: Session, lines: Sequence[_Line]) -> Decimal:
    mode = get_invoice_settings(session).vat_mode
    return totals((line_sums(x.quantity, x.price, x.vat_rate, mode) for x in lines), mode).total


def _text(raw: str, field: str) -> str | None:
    text = raw.strip()
    if len(text) > NOTE_MAX:
        raise ValidationError(
            field, _("Too long: at most {n} characters, given {m}", n=NOTE_MAX, m=len(text))
        )
    return text or None


def _live_client(session: Session, client_id: uuid.UUID) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise ValidationError("client", _("No client with id {id}", id=client_id))
    if client.deleted_at is not None:
        raise ValidationError("client", _("The client is in the recycle bin: restore it first"))
    return client


def _live_deal(session: Session, deal_id: uuid.UUID, client_id: uuid.UUID) -> Deal:
    deal = session.get(Deal, deal_id)
    if deal is None or deal.deleted_at is not None:
        raise ValidationError("deal", _("No deal with id {id}", id=deal_id))
    if deal.client_id != client_id:
        raise ValidationError("deal", _("the deal or order belongs to another client"))
    return deal


def _apply(session: Session, order: Order, data: OrderChanges) -> None:
    """Check every given value, then set them (nothing changes when one is wrong)."""
    client_id = order.client_id
    if data.client_id is not None:
        client_id = _live_client(session, data.client_id).id
    deal_id = order.deal_id
    if data.deal_id is not None:
        deal_id = _live_deal(session, data.deal_id, client_id).id
    elif deal_id is not None and client_id != order.client_id:
        deal_id = None  # the deal was the old client's
    lines = _checked_lines(session, data.lines) if data.lines is not None else None
    spec = _text(data.specification, "specification") if data.specification is not None else None
    due = order.due_date
    if data.due_date is not None:
        text = data.due_date.strip() if isinstance(data.due_date, str) else data.due_date
        due = parse_date(text, "due_date") if text else None
    note = _text(data.note, "note") if data.note is not None else order.note
    has_lines = bool(lines) if lines is not None else bool(_live_lines(session, order.id))
    if data.total is not None and has_lines:
        raise ValidationError("total", _("An order with lines costs what its lines add up to"))
    total = parse_amount(data.total, "total") if data.total is not None else None
    new_spec = spec if data.specification is not None else order.specification
    if not has_lines and not new_spec:
        raise ValidationError(
            "lines", _("Add the products, or describe the custom product in the specification")
        )
    order.client_id, order.deal_id, order.due_date, order.note = client_id, deal_id, due, note
    order.specification = new_spec
    if lines is not None:
        now = utcnow()
        for row in _live_lines(session, order.id):
            row.deleted_at = now
        for line in lines:
            session.add(
                OrderLine(
                    order_id=order.id,
                    product_id=line.product_id,
                    name=line.name,
                    unit_name=line.unit_name,
                    quantity=line.quantity,
                    price=line.price,
                    vat_rate=line.vat_rate,
                )
            )
        if lines:
            order.total = _lines_total(session, lines)
        elif total is None:
            order.total = Decimal("0.00")
    if total is not None:
        order.total = total


def _live_lines(session: Session, order_id: uuid.UUID) -> list[OrderLine]:
    return list(
        session.scalars(
            select(OrderLine).where(OrderLine.order_id == order_id, OrderLine.deleted_at.is_(None))
        )
    )


# --- taking and changing an order ---------------------------------------------------------


@dataclass(frozen=True)
class AttachmentInput:
    file_name: str
    content: bytes


def create_order(
    session: Session, data: OrderChanges, *, attachments: Sequence[AttachmentInput] = ()
) -> OrderView:
    """Take an order (sales only): a draft with its number, owned by the acting user,
    with its files. Its event "→ draft" and the client's history record it."""
    _require_sales(session)
    if data.client_id is None:
        raise ValidationError("client", _("An order needs a client"))
    client = _live_client(session, data.client_id)
    files = [_checked_file(a.file_name, a.content) for a in attachments]
    order = Order(
        id=new_id(),
        number=_next_number(session),  # given back by the rollback if anything fails
        client_id=client.id,
        status=OrderStatus.DRAFT,
        owner=default_owner(session),
        total=Decimal("0.00"),
    )
    session.add(order)
    with session.no_autoflush:  # one INSERT of the order when it is complete
        _apply(session, order, data)
    session.flush()
    for name, content in files:
        session.add(OrderAttachment(order_id=order.id, file_name=name, content=content))
    _record(session, order, None, OrderStatus.DRAFT, None)
    _flush(session, order)
    return get_order(session, order.id)


def edit_order(
    session: Session,
    order_id: uuid.UUID,
    data: OrderChanges,
    *,
    expected_version: int | None = None,
) -> OrderView:
    """Change a draft order (sales only); a submitted one is refused (`OrderNotEditable`)."""
    _require_sales(session)
    order = _locked(session, order_id, expected_version)
    if order.status is not OrderStatus.DRAFT:
        raise OrderNotEditable(
            _(
                'Order {number} is "{status}": only a draft order is changed.',
                number=order.number or "",
                status=status_label(order.status),
            )
        )
    with session.no_autoflush:
        _apply(session, order, data)
        order.updated_at = utcnow()  # the order's row moves on with its lines
    _flush(session, order)
    return get_order(session, order.id)


def _next_number(session: Session) -> str:
    """ "З-2026-0001": the year's next order number. The counter shares the invoices'
    table under the series -year (invoices use +year), so it is taken the same way:
    in this transaction, locked until it commits, given back if it rolls back."""
    year = dt.date.today().year
    return f"З-{year}-{allocate_number(session, -year):04d}"


# --- moving it through the workflow -------------------------------------------------------


def move_order(
    session: Session,
    order_id: uuid.UUID,
    status: OrderStatus | str,
    *,
    note: str | None = None,
    expected_version: int | None = None,
    prepayment: str | Decimal | None = None,
) -> OrderView:
    """Move an order along the workflow (see the module's table). Submitting it for
    prepayment makes the prepayment invoice (a draft for accounting to issue): of the
    order's total, or of `prepayment`. Closing needs its invoices paid in full."""
    target = parse_status(status)
    order = _locked(session, order_id, expected_version)
    role = acting_role(session)
    _check_move(order, target, role)
    if prepayment is not None and target is not OrderStatus.AWAITING_PREPAYMENT:
        raise ValidationError(
            "prepayment", _("A prepayment is asked for only when the order is submitted")
        )
    comment = _text(note, "note") if note is not None else None
    current = order.status
    if target is OrderStatus.AWAITING_PREPAYMENT:
        _make_prepayment_invoice(session, order, prepayment)
    if target is OrderStatus.CLOSED:
        _check_paid(session, order)
    order.status = target
    _record(session, order, current, target, comment)
    _flush(session, order)
    return get_order(session, order.id)


def _make_prepayment_invoice(
    session: Session, order: Order, prepayment: str | Decimal | None
) -> InvoiceView:
    amount = order.total if prepayment is None else parse_amount(prepayment, "prepayment")
    if prepayment is None and amount <= 0:
        raise ValidationError(
            "prepayment", _("The order has no total yet: give the prepayment amount")
        )
    if order.total > 0 and amount > order.total:
        raise ValidationError(
            "prepayment",
            _(
                "The prepayment is more than the order's total of {total}",
                total=money_text(order.total),
            ),
        )
    return create_invoice_from_order(session, order.id, prepayment=amount)


def _check_paid(session: Session, order: Order) -> None:
    invoices = list(
        session.scalars(
            select(Invoice).where(
                Invoice.order_id == order.id,
                Invoice.deleted_at.is_(None),
                Invoice.status != InvoiceStatus.CANCELLED,
            )
        )
    )
    paid = sum((i.paid_amount for i in invoices), Decimal("0.00"))
    unpaid = [i for i in invoices if i.status is not InvoiceStatus.PAID]
    if paid >= order.total and not unpaid:
        return
    raise Refused(
        _(
            "Order {number} is closed only once its invoices are paid in full:"
            " {paid} of {total} paid.",
            number=order.number or "",
            paid=money_text(paid),
            total=money_text(order.total),
        )
    )


def _record(
    session: Session,
    order: Order,
    old: OrderStatus | None,
    new: OrderStatus,
    note: str | None,
) -> None:
    """The order's event and the client's history entry for a move (or its taking)."""
    login = acting_login(session)
    now = utcnow()
    session.add(
        OrderEvent(
            order_id=order.id,
            at=now,
            by=login,
            from_status=old.value if old else None,
            to_status=new.value,
            note=note,
        )
    )
    if old is None:
        text = _("Order taken")
    else:
        text = _("Order: {old} → {new}", old=status_label(old), new=status_label(new))
    if note:
        text += ". " + note
    session.add(
        Interaction(
            client_id=order.client_id,
            deal_id=order.deal_id,
            kind=InteractionKind.STAGE_CHANGE,
            occurred_at=now,
            user_login=_app_user(session),
            subject=_("Order {number}", number=order.number or ""),
            text=text,
        )
    )


# --- files --------------------------------------------------------------------------------


def check_attachment(raw_name: str, size: int) -> str:
    """The name a file is kept under (without its folder), or why it is refused: no name,
    empty, or over 20 MB (the caller may check a file's size before reading it)."""
    name = PurePath(raw_name.replace("\\", "/")).name.strip()
    if not name:
        raise ValidationError("attachment", _("A file needs a name"))
    if len(name) > FILE_NAME_MAX:
        raise ValidationError(
            "attachment", _("A file's name has at most {n} characters", n=FILE_NAME_MAX)
        )
    if size <= 0:
        raise ValidationError("attachment", _('The file "{name}" is empty', name=name))
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            "attachment",
            _(
                'The file "{name}" is {size} MB: a file attached to an order may be at most'
                " {limit} MB",
                name=name,
                size=f"{size / 1024 / 1024:.1f}",
                limit=MAX_ATTACHMENT_BYTES // 1024 // 1024,
            ),
        )
    return name


def _checked_file(raw_name: str, content: bytes) -> tuple[str, bytes]:
    return check_attachment(raw_name, len(content)), content


def add_attachment(
    session: Session, order_id: uuid.UUID, file_name: str, content: bytes
) -> AttachmentView:
    """Attach a file (a drawing, a photo, a spec) of at most 20 MB to an order."""
    acting_role(session)
    order = _load(session, order_id)
    name, data = _checked_file(file_name, content)
    attachment = OrderAttachment(order_id=order.id, file_name=name, content=data)
    session.add(attachment)
    session.flush()
    return next(a for a in list_attachments(session, order.id) if a.id == attachment.id)


def list_attachments(session: Session, order_id: uuid.UUID) -> list[AttachmentView]:
    return attachment_views(session, [order_id])[order_id]


def attachment_content(session: Session, attachment_id: uuid.UUID) -> tuple[str, bytes]:
    """The file's name and bytes (to save or open it)."""
    attachment = _attachment(session, attachment_id)
    return attachment.file_name, attachment.content


def remove_attachment(session: Session, attachment_id: uuid.UUID) -> None:
    """Remove a file from its order (a tombstone, as everywhere)."""
    acting_role(session)
    _attachment(session, attachment_id).deleted_at = utcnow()
    session.flush()


def _attachment(session: Session, attachment_id: uuid.UUID) -> OrderAttachment:
    attachment = session.get(OrderAttachment, attachment_id)
    if attachment is None or attachment.deleted_at is not None:
        raise NotFound(_("No attached file with id {id}", id=attachment_id))
    return attachment


# --- loading, locking, who acts -----------------------------------------------------------


def _load(session: Session, order_id: uuid.UUID) -> Order:
    order = session.get(Order, order_id)
    if order is None or order.deleted_at is not None:
        raise NotFound(_("No order with id {id}", id=order_id))
    return order


def _locked(session: Session, order_id: uuid.UUID, expected_version: int | None) -> Order:
    """The order's row as it is now, locked until the end of the unit of work, checked
    against the version the user saw."""
    order = session.scalar(
        select(Order)
        .where(Order.id == order_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if order is None or order.deleted_at is not None:
        raise NotFound(_("No order with id {id}", id=order_id))
    if expected_version is not None and order.version != expected_version:
        raise changed_meanwhile(order.updated_by, order.updated_at)
    return order


def changed_meanwhile(login: str | None, when: dt.datetime | None) -> Conflict:
    """ "The order was changed by petrov at 14:05, reload?" (the local time)."""
    who = login or _("someone else")
    at = when.astimezone().strftime("%H:%M") if when else "?"
    return Conflict(_("The order was changed by {user} at {time}, reload?", user=who, time=at))


def _flush(session: Session, order: Order) -> None:
    """Flush; an UPDATE that found the row at another version becomes a `Conflict`."""
    order_id = order.id
    try:
        session.flush()
    except StaleDataError:
        bind = session.get_bind()
        engine = bind if isinstance(bind, Engine) else bind.engine
        with engine.execution_options(crm_writes=False).connect() as conn:
            row = conn.execute(
                select(Order.updated_by, Order.updated_at).where(Order.id == order_id)
            ).one_or_none()
        raise changed_meanwhile(*(row or (None, None))) from None


def _app_user(session: Session) -> str | None:
    login = acting_login(session)
    if login is None:
        return None
    return session.scalar(select(User.login).where(User.login == login))
