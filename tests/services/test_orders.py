"""Orders from sales through accounting and production to closing, on SQLite and
PostgreSQL: the workflow's moves and who may make them, the prepayment invoice, closing
only once paid, events and the client's history, files, queues and paging."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from crm_desktop.errors import Conflict, PermissionDenied, Refused, ValidationError
from crm_desktop.models import Interaction, InvoiceStatus, Order, OrderStatus, Role
from crm_desktop.services.invoice_payments import add_payment
from crm_desktop.services.invoice_sources import create_invoice_from_order
from crm_desktop.services.invoicing import get_invoice, issue_invoice
from crm_desktop.services.orders import (
    MAX_ATTACHMENT_BYTES,
    TRANSITIONS,
    AttachmentInput,
    OrderChanges,
    OrderLineInput,
    OrderMoveRefused,
    OrderNotEditable,
    accounting_queue,
    add_attachment,
    allowed_moves,
    attachment_content,
    create_order,
    edit_order,
    find_order,
    get_order,
    list_attachments,
    list_orders,
    move_order,
    moves_for,
    orders_of_client,
    production_queue,
    remove_attachment,
)
from crm_desktop.services.products import ProductChanges, create_product
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from tests.services.invoice_setup import add_client, set_up

YEAR = dt.date.today().year
S = OrderStatus
# who plays which part: a manager, an executive, an accountant, production
MANAGER, BOSS, ACCOUNTANT, WORKSHOP = "anna", "boss", "olga", "pavel"
SHELF = OrderLineInput(name="Стеллаж СТ-1", quantity="2", unit="шт", price="1 500,50")
CUSTOM = "Стол из массива дуба 2000×900, покрытие маслом\nчертёж во вложении"


@pytest.fixture
def client_id(db: Database) -> uuid.UUID:
    """The company (VAT included, 22 %), a client, the four users and a product."""
    found = set_up(db)
    with db.unit_of_work() as session:
        add_user(session, MANAGER, Role.MANAGER)
        add_user(session, BOSS, Role.EXECUTIVE)
        add_user(session, ACCOUNTANT, Role.ACCOUNTANT)
        add_user(session, WORKSHOP, Role.PRODUCTION)
        create_product(
            session, ProductChanges(name="Монтаж стеллажа", sku="MNT-1", unit="ч", price="1000")
        )
    return found


def new_order(
    db: Database, client_id: uuid.UUID, *, who: str = MANAGER, **changes: object
) -> uuid.UUID:
    data = OrderChanges(client_id=client_id, **changes)  # type: ignore[arg-type]
    if data.lines is None and data.specification is None:
        data = OrderChanges(
            client_id=client_id,
            lines=[SHELF, OrderLineInput(product="mnt-1", quantity="1,5")],
            due_date="31.12.2030",
            note="доставка до склада",
        )
    with db.unit_of_work(who) as session:
        return create_order(session, data).id


def move(
    db: Database, order_id: uuid.UUID, status: OrderStatus, who: str | None, **kw: object
) -> OrderStatus:
    with db.unit_of_work(who) as session:
        return move_order(session, order_id, status, **kw).status  # type: ignore[arg-type]


def force_status(db: Database, order_id: uuid.UUID, status: OrderStatus) -> None:
    with db.unit_of_work() as session:
        session.get_one(Order, order_id).status = status


def pay_all(db: Database, invoice_id: uuid.UUID) -> None:
    with db.unit_of_work() as session:
        invoice = issue_invoice(session, invoice_id)
        add_payment(session, invoice.id, invoice.total)


def test_an_order_is_taken_with_a_number_its_lines_and_total(
    db: Database, client_id: uuid.UUID
) -> None:
    order_id = new_order(db, client_id)
    second = new_order(db, client_id, specification=CUSTOM, total="48 000")
    with db.unit_of_work(write=False) as session:
        view = get_order(session, order_id)
        custom = get_order(session, second)
        assert find_order(session, f"З-{YEAR}-0002") == second
    assert view.number == f"З-{YEAR}-0001" and custom.number == f"З-{YEAR}-0002"
    assert view.status is S.DRAFT and view.owner == MANAGER
    assert view.due_date == dt.date(2030, 12, 31) and view.note == "доставка до склада"
    assert [(x.name, x.quantity, x.unit_name, x.price, x.amount) for x in view.lines] == [
        ("Стеллаж СТ-1", D(2), "шт", D("1500.50"), D("3001.00")),
        ("Монтаж стеллажа", D("1.5"), "ч", D("1000.00"), D("1500.00")),
    ]
    assert view.total == D("4501.00")  # prices include VAT: the lines' sum
    assert (custom.total, custom.lines, custom.specification) == (D("48000.00"), (), CUSTOM)
    assert [(e.from_status, e.to_status, e.by) for e in view.events] == [(None, S.DRAFT, MANAGER)]
    data = view.to_json()
    assert {"id", "number", "status", "client_id", "total", "lines", "events"} <= set(data)
    assert (data["status"], data["total"], data["lines"][1]["qty"]) == ("draft", "4501.00", "1.5")
    assert data["events"][0]["to"] == "draft" and data["events"][0]["from"] is None


def test_the_whole_way_with_the_right_roles(db: Database, client_id: uuid.UUID) -> None:
    order_id = new_order(db, client_id)
    number = f"З-{YEAR}-0001"
    assert move(db, order_id, S.AWAITING_PREPAYMENT, MANAGER, prepayment="2 000") is (
        S.AWAITING_PREPAYMENT
    )
    with db.unit_of_work(write=False) as session:
        view = get_order(session, order_id)
        (prepayment,) = view.invoices
        invoice = get_invoice(session, prepayment.id)
        assert [r.id for r in accounting_queue(session).rows] == [order_id]
        assert production_queue(session).rows == []
    assert invoice.order_id == order_id and invoice.client_id == client_id
    assert invoice.status is InvoiceStatus.DRAFT and invoice.total == D("2000.00")
    assert [(x.name, x.price) for x in invoice.lines] == [
        (f"Prepayment for order {number}", D("2000.00"))
    ]

    pay_all(db, prepayment.id)
    assert move(db, order_id, S.PREPAID, ACCOUNTANT, note="оплата по п/п 15") is S.PREPAID
    with db.unit_of_work(write=False) as session:
        assert accounting_queue(session).rows == []
        assert [r.id for r in production_queue(session).rows] == [order_id]
    assert move(db, order_id, S.IN_PRODUCTION, WORKSHOP) is S.IN_PRODUCTION
    with db.unit_of_work(write=False) as session:
        assert [r.id for r in production_queue(session).rows] == [order_id]
    assert move(db, order_id, S.READY, WORKSHOP) is S.READY
    assert move(db, order_id, S.SHIPPED, BOSS) is S.SHIPPED

    # closing waits for the whole total: 2,000.00 of 4,501.00 is paid so far
    with db.unit_of_work(MANAGER) as session, pytest.raises(Refused) as early:
        move_order(session, order_id, S.CLOSED)
    assert "paid in full" in early.value.message and "2000.00 of 4501.00" in early.value.message
    with db.unit_of_work() as session:
        final = create_invoice_from_order(session, order_id, prepayment="2501").id
    with db.unit_of_work(MANAGER) as session, pytest.raises(Refused):
        move_order(session, order_id, S.CLOSED)  # the final invoice is not paid yet
    pay_all(db, final)
    assert move(db, order_id, S.CLOSED, MANAGER, note="всё получено") is S.CLOSED

    with db.unit_of_work(write=False) as session:
        view = get_order(session, order_id)
        history = session.execute(
            select(Interaction.subject, Interaction.text, Interaction.user_login)
            .where(Interaction.client_id == client_id)
            .order_by(Interaction.occurred_at, Interaction.id)
        ).all()
    assert [(e.from_status, e.to_status, e.by, e.note) for e in view.events] == [
        (None, S.DRAFT, MANAGER, None),
        (S.DRAFT, S.AWAITING_PREPAYMENT, MANAGER, None),
        (S.AWAITING_PREPAYMENT, S.PREPAID, ACCOUNTANT, "оплата по п/п 15"),
        (S.PREPAID, S.IN_PRODUCTION, WORKSHOP, None),
        (S.IN_PRODUCTION, S.READY, WORKSHOP, None),
        (S.READY, S.SHIPPED, BOSS, None),
        (S.SHIPPED, S.CLOSED, MANAGER, "всё получено"),
    ]
    assert all(e.at is not None for e in view.events)
    assert view.paid_amount == D("4501.00")
    assert history == [
        (f"Order {number}", "Order taken", MANAGER),
        (f"Order {number}", "Order: draft → awaiting prepayment", MANAGER),
        (f"Order {number}", "Order: awaiting prepayment → prepaid. оплата по п/п 15", ACCOUNTANT),
        (f"Order {number}", "Order: prepaid → in production", WORKSHOP),
        (f"Order {number}", "Order: in production → ready", WORKSHOP),
        (f"Order {number}", "Order: ready → shipped", BOSS),
        (f"Order {number}", "Order: shipped → closed. всё получено", MANAGER),
    ]


def test_the_prepayment_is_the_whole_total_unless_given(db: Database, client_id: uuid.UUID) -> None:
    order_id = new_order(db, client_id)
    move(db, order_id, S.AWAITING_PREPAYMENT, BOSS)
    with db.unit_of_work(write=False) as session:
        (invoice,) = get_order(session, order_id).invoices
    assert invoice.total == D("4501.00")

    other = new_order(db, client_id)
    with db.unit_of_work(MANAGER) as session, pytest.raises(ValidationError) as too_much:
        move_order(session, other, S.AWAITING_PREPAYMENT, prepayment="5000")
    assert too_much.value.field == "prepayment" and "4501.00" in too_much.value.message
    with db.unit_of_work(write=False) as session:
        assert get_order(session, other).status is S.DRAFT  # nothing half-done
        assert get_order(session, other).invoices == ()


@pytest.mark.parametrize("who, role", [(None, Role.ADMIN), (MANAGER, Role.MANAGER)])
def test_every_move_off_the_table_is_refused_with_the_allowed_ones(
    db: Database, client_id: uuid.UUID, who: str | None, role: Role
) -> None:
    order_id = new_order(db, client_id)
    refused = 0
    for current in S:
        for target in S:
            if (current, target) in TRANSITIONS or target is current:
                continue
            force_status(db, order_id, current)
            with db.unit_of_work(who) as session, pytest.raises(OrderMoveRefused) as error:
                move_order(session, order_id, target)
            refused += 1
            allowed = allowed_moves(current, role)
            assert error.value.exit_code == 3 and list(error.value.allowed) == allowed
            message = error.value.message
            if current in (S.CLOSED, S.CANCELLED):
                assert "moves no further" in message
            elif allowed:
                assert f'cannot move from "{current.value.replace("_", " ")}"' in message
                for status in allowed:
                    assert f'"{status.value.replace("_", " ")}"' in message.split("to: ")[1]
            else:
                assert "your role may move it nowhere" in message
    assert refused == 8 * 7 - len(TRANSITIONS)
    assert allowed_moves(S.DRAFT, Role.MANAGER) == [S.AWAITING_PREPAYMENT, S.CANCELLED]
    assert allowed_moves(S.SHIPPED, Role.ADMIN) == [S.CLOSED]
    assert allowed_moves(S.PREPAID, Role.PRODUCTION) == [S.IN_PRODUCTION]


def test_a_move_of_another_role_is_refused_naming_who_may(
    db: Database, client_id: uuid.UUID
) -> None:
    order_id = new_order(db, client_id)
    with db.unit_of_work(ACCOUNTANT) as session, pytest.raises(OrderMoveRefused) as accountant:
        move_order(session, order_id, S.AWAITING_PREPAYMENT)
    assert accountant.value.message == (
        'Only these roles may move an order from "draft" to "awaiting prepayment":'
        " administrator, executive, manager."
    )
    assert accountant.value.allowed == ()  # an accountant has nothing to do with a draft
    move(db, order_id, S.AWAITING_PREPAYMENT, MANAGER)
    for who in (MANAGER, BOSS, WORKSHOP):
        with db.unit_of_work(who) as session, pytest.raises(OrderMoveRefused) as wrong:
            move_order(session, order_id, S.PREPAID)
        assert wrong.value.message == (
            'Only these roles may move an order from "awaiting prepayment" to "prepaid":'
            " administrator, accountant."
        )
    move(db, order_id, S.PREPAID, ACCOUNTANT)
    with db.unit_of_work(MANAGER) as session, pytest.raises(OrderMoveRefused) as sales:
        move_order(session, order_id, S.IN_PRODUCTION)
    assert sales.value.message.endswith(": administrator, production.")
    assert sales.value.allowed == (S.CANCELLED,)  # what a manager may do from "prepaid"
    with db.unit_of_work(WORKSHOP) as session:
        assert moves_for(session, order_id) == [S.IN_PRODUCTION]
    with db.unit_of_work(MANAGER) as session:
        assert moves_for(session, order_id) == [S.CANCELLED]
    with db.unit_of_work(ACCOUNTANT) as session, pytest.raises(PermissionDenied):
        create_order(session, OrderChanges(client_id=client_id, specification=CUSTOM))
    with db.unit_of_work(write=False) as session:
        assert get_order(session, order_id).status is S.PREPAID


@pytest.mark.parametrize("status", [S.DRAFT, S.AWAITING_PREPAYMENT, S.PREPAID])
def test_cancelled_before_production(
    db: Database, client_id: uuid.UUID, status: OrderStatus
) -> None:
    for who in (MANAGER, BOSS):
        order_id = new_order(db, client_id)
        force_status(db, order_id, status)
        assert move(db, order_id, S.CANCELLED, who, note="клиент передумал") is S.CANCELLED
        with db.unit_of_work(write=False) as session:
            last = get_order(session, order_id).events[-1]
        assert (last.from_status, last.to_status, last.by) == (status, S.CANCELLED, who)
    with db.unit_of_work(WORKSHOP) as session, pytest.raises(OrderMoveRefused) as workshop:
        order_id = new_order(db, client_id)
        force_status(db, order_id, status)
        move_order(session, order_id, S.CANCELLED)
    assert "administrator, executive, manager" in workshop.value.message


@pytest.mark.parametrize("status", [S.IN_PRODUCTION, S.READY, S.SHIPPED, S.CLOSED])
def test_not_cancelled_once_in_production(
    db: Database, client_id: uuid.UUID, status: OrderStatus
) -> None:
    order_id = new_order(db, client_id)
    force_status(db, order_id, status)
    for who in (MANAGER, BOSS, None):
        with db.unit_of_work(who) as session, pytest.raises(OrderMoveRefused) as error:
            move_order(session, order_id, S.CANCELLED)
        assert "cannot move" in error.value.message or "no further" in error.value.message
    with db.unit_of_work(write=False) as session:
        assert get_order(session, order_id).status is status


def test_a_stale_version_is_refused_naming_who_changed_it(
    db: Database, client_id: uuid.UUID
) -> None:
    order_id = new_order(db, client_id)
    with db.unit_of_work(write=False) as session:
        seen = get_order(session, order_id).version
    move(db, order_id, S.CANCELLED, BOSS, expected_version=seen)
    with db.unit_of_work(MANAGER) as session, pytest.raises(Conflict) as stale:
        move_order(session, order_id, S.AWAITING_PREPAYMENT, expected_version=seen)
    assert stale.value.message.startswith("The order was changed by boss at ")
    assert stale.value.exit_code == 3


def test_only_a_draft_is_edited(db: Database, client_id: uuid.UUID) -> None:
    order_id = new_order(db, client_id)
    with db.unit_of_work(MANAGER) as session:
        view = edit_order(
            session,
            order_id,
            OrderChanges(lines=[OrderLineInput(product="MNT-1", quantity="3")], note=""),
        )
    assert [(x.name, x.quantity) for x in view.lines] == [("Монтаж стеллажа", D(3))]
    assert (view.total, view.note) == (D("3000.00"), None)
    with db.unit_of_work(MANAGER) as session, pytest.raises(ValidationError) as no_content:
        edit_order(session, order_id, OrderChanges(lines=[]))
    assert no_content.value.field == "lines"
    move(db, order_id, S.AWAITING_PREPAYMENT, MANAGER)
    with db.unit_of_work(MANAGER) as session, pytest.raises(OrderNotEditable):
        edit_order(session, order_id, OrderChanges(note="позже"))


def test_files_go_with_the_order(db: Database, client_id: uuid.UUID) -> None:
    drawing = b"%PDF-1.4 drawing" * 100
    with db.unit_of_work(MANAGER) as session:
        data = OrderChanges(client_id=client_id, specification=CUSTOM, total="48000")
        order_id = create_order(
            session, data, attachments=[AttachmentInput("C:\\docs\\чертёж.pdf", drawing)]
        ).id
    with db.unit_of_work(WORKSHOP) as session:
        photo = add_attachment(session, order_id, "фото.jpg", b"\xff\xd8\xff" + b"1" * 10)
    with db.unit_of_work(write=False) as session:
        files = list_attachments(session, order_id)
        assert [(f.file_name, f.size) for f in files] == [
            ("чертёж.pdf", len(drawing)),
            ("фото.jpg", 13),
        ]
        assert attachment_content(session, files[0].id) == ("чертёж.pdf", drawing)
        assert [a.file_name for a in get_order(session, order_id).attachments] == [
            "чертёж.pdf",
            "фото.jpg",
        ]
    with db.unit_of_work(MANAGER) as session:
        remove_attachment(session, photo.id)
    with db.unit_of_work(MANAGER) as session, pytest.raises(ValidationError) as too_big:
        add_attachment(session, order_id, "скан.tif", b"0" * (MAX_ATTACHMENT_BYTES + 1))
    assert "at most 20 MB" in too_big.value.message and too_big.value.field == "attachment"
    with db.unit_of_work(MANAGER) as session, pytest.raises(ValidationError):
        add_attachment(session, order_id, "пусто.txt", b"")
    with db.unit_of_work(write=False) as session:
        assert [f.file_name for f in list_attachments(session, order_id)] == ["чертёж.pdf"]


def test_lists_page_newest_first_and_queues_oldest_first(
    db: Database, client_id: uuid.UUID
) -> None:
    with db.unit_of_work() as session:
        other_client = add_client(session, "ООО «Берёзка»", "7707083893")
    ids = [new_order(db, client_id) for _ in range(3)]
    theirs = new_order(db, other_client)
    for order_id in ids[:2]:
        move(db, order_id, S.AWAITING_PREPAYMENT, MANAGER)
    with db.unit_of_work(write=False) as session:
        first = list_orders(session, limit=3)
        second = list_orders(session, after=first.next_key, limit=3)
        waiting = list_orders(session, status=S.AWAITING_PREPAYMENT)
        drafts = list_orders(session, status=[S.DRAFT, S.CANCELLED])
        queue = accounting_queue(session, limit=1)
        queue_rest = accounting_queue(session, after=queue.next_key, limit=1)
        client_orders = orders_of_client(session, client_id)
    assert [r.id for r in first.rows] == [theirs, ids[2], ids[1]]
    assert [r.id for r in second.rows] == [ids[0]] and second.next_key is None
    assert [r.id for r in waiting.rows] == [ids[1], ids[0]]
    assert [r.id for r in drafts.rows] == [theirs, ids[2]]
    assert [r.id for r in queue.rows + queue_rest.rows] == [ids[0], ids[1]]
    assert [r.id for r in client_orders.rows] == list(reversed(ids))
    assert all(len(r.lines) == 2 and r.events for r in first.rows)
