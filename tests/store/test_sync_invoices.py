"""Invoices issued on laptops without a network (issue 8): no number on the laptop (the
series is the office's: the invoice prints as a draft), the office server numbers them
when the push arrives, in the order they were issued, and every computer ends with the
same numbers; one the office cancelled meanwhile gets no number and the laptop learns
why. Real SQLite replicas of a real PostgreSQL server."""

from __future__ import annotations

import uuid

from crm_desktop.models import InvoiceStatus
from crm_desktop.services.documents.invoice_data import load_invoice_document
from crm_desktop.services.invoice_payments import add_payment
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    cancel_invoice,
    create_invoice,
    delete_draft,
    edit_invoice,
    get_invoice,
    issue_invoice,
)
from crm_desktop.store.database import Database
from crm_desktop.sync import engine
from tests.services.invoice_setup import add_client, describe_company
from tests.store.test_sync_engine import snapshot
from tests.sync_replicas import Laptop

SHELF = InvoiceLineInput(name="Стеллаж СТ-1", quantity="2", unit="шт", price="1500")


def _office_with_a_client(server: Database) -> uuid.UUID:
    with server.unit_of_work() as session:
        describe_company(session)
        return add_client(session)


def _draft(db: Database, client_id: uuid.UUID) -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_invoice(session, InvoiceChanges(client_id=client_id, lines=[SHELF])).id


def _issue(db: Database, invoice_id: uuid.UUID) -> None:
    with db.unit_of_work() as session:
        issue_invoice(session, invoice_id)


def _invoice(db: Database, invoice_id: uuid.UUID) -> tuple[InvoiceStatus, str | None, int | None]:
    with db.unit_of_work(write=False) as session:
        view = get_invoice(session, invoice_id)
    return view.status, view.number, view.sequence


def test_two_offline_invoices_get_consecutive_numbers_at_sync(
    server: Database, laptop: Laptop
) -> None:
    client_id = _office_with_a_client(server)
    at_office = _draft(server, client_id)
    _issue(server, at_office)  # the series has begun at the office
    first_number = _invoice(server, at_office)[2]
    assert first_number is not None
    anna, boris = laptop("anna"), laptop("boris")
    annas, boris_s = _draft(anna, client_id), _draft(boris, client_id)
    _issue(boris, boris_s)  # Boris asked first
    _issue(anna, annas)
    for mine, invoice_id in ((anna, annas), (boris, boris_s)):
        status, number, _sequence = _invoice(mine, invoice_id)
        assert (status, number) == (InvoiceStatus.DRAFT, None)  # no number on a laptop
        with mine.unit_of_work(write=False) as session:
            view = get_invoice(session, invoice_id)
            assert view.awaiting_number and view.issue_requested_on is not None
            printed = load_invoice_document(session, invoice_id)
        assert printed.is_draft and "черновик" in printed.title
    engine.synchronise(boris, server)
    engine.synchronise(anna, server)
    for database in (server, anna, boris):
        engine.synchronise(anna, server)
        engine.synchronise(boris, server)
        boris_status, boris_number, boris_seq = _invoice(database, boris_s)
        anna_status, anna_number, anna_seq = _invoice(database, annas)
        assert boris_status is anna_status is InvoiceStatus.ISSUED
        assert (boris_seq, anna_seq) == (first_number + 1, first_number + 2)
        assert boris_number and anna_number and boris_number != anna_number
        with database.unit_of_work(write=False) as session:
            view = get_invoice(session, annas)
        assert not view.awaiting_number and view.issue_refusal is None
    assert engine.status_json(anna)["pending"] == engine.status_json(boris)["pending"] == 0


def test_an_invoice_cancelled_at_the_office_gets_no_number_and_the_laptop_learns_why(
    server: Database, laptop: Laptop
) -> None:
    client_id = _office_with_a_client(server)
    mine = laptop("anna")
    invoice_id = _draft(mine, client_id)
    engine.synchronise(mine, server)  # the draft reaches the office
    with server.unit_of_work() as session:
        cancel_invoice(session, invoice_id)
    _issue(mine, invoice_id)  # offline, not knowing
    engine.synchronise(mine, server)
    engine.synchronise(mine, server)
    for database in (server, mine):
        status, number, _sequence = _invoice(database, invoice_id)
        assert (status, number) == (InvoiceStatus.CANCELLED, None)
        with database.unit_of_work(write=False) as session:
            view = get_invoice(session, invoice_id)
        assert not view.awaiting_number
        assert view.issue_refusal is not None and "cancel" in view.issue_refusal.lower()
    fresh = _draft(server, client_id)
    _issue(server, fresh)
    assert _invoice(server, fresh)[2] == 1  # the refused invoice took no number


def test_an_offline_invoice_sent_over_many_batches_is_numbered_with_all_its_lines(
    server: Database, laptop: Laptop
) -> None:
    """The invoice and its lines may travel in different batches of a push (500 records
    each): the office numbers it once everything is in, so its total is its lines'."""
    client_id = _office_with_a_client(server)
    mine = laptop("anna")
    with mine.unit_of_work() as session:
        lines = [InvoiceLineInput(name=f"Работа {n}", quantity="1", price="1000") for n in range(3)]
        invoice_id = create_invoice(session, InvoiceChanges(client_id=client_id, lines=lines)).id
    _issue(mine, invoice_id)
    engine.push(mine, server, batch_size=1)  # one record per batch
    engine.pull(mine, server)
    for database in (server, mine):
        with database.unit_of_work(write=False) as session:
            view = get_invoice(session, invoice_id)
        assert view.status is InvoiceStatus.ISSUED and view.number is not None
        assert len(view.lines) == 3 and view.total == sum(line.amount for line in view.lines)
        assert str(view.total) == "3000.00"


def test_an_offline_edit_of_a_draft_the_office_issued_meanwhile_leaves_it_as_issued(
    server: Database, laptop: Laptop
) -> None:
    """Issued invoices are immutable everywhere: the laptop's new price and new line
    arrive after the office gave the number; the office keeps the invoice as issued,
    every laptop takes it back, and the laptop's edits are listed as conflicts."""
    client_id = _office_with_a_client(server)
    mine = laptop("anna")
    invoice_id = _draft(mine, client_id)
    engine.synchronise(mine, server)  # the draft reaches the office
    _issue(server, invoice_id)  # the office issues it
    with server.unit_of_work(write=False) as session:
        issued = get_invoice(session, invoice_id)
    with mine.unit_of_work() as session:  # offline, not knowing
        edit_invoice(
            session,
            invoice_id,
            InvoiceChanges(
                lines=[
                    InvoiceLineInput(name="Стеллаж СТ-1", quantity="2", unit="шт", price="999"),
                    InvoiceLineInput(name="Доставка", quantity="1", price="500"),
                ]
            ),
        )
    report = engine.synchronise(mine, server)
    assert report.conflicts >= 1
    engine.synchronise(mine, server)
    for database in (server, mine):
        with database.unit_of_work(write=False) as session:
            view = get_invoice(session, invoice_id)
        assert view.number == issued.number and view.total == issued.total
        assert [(line.name, line.price) for line in view.lines] == [
            (line.name, line.price) for line in issued.lines
        ]
    kinds = {c["kind"] for c in engine.conflicts_json(mine)}
    assert kinds == {"issued"}


def test_a_draft_deleted_offline_after_the_office_issued_it_stays_issued_everywhere(
    server: Database, laptop: Laptop
) -> None:
    client_id = _office_with_a_client(server)
    anna, boris = laptop("anna"), laptop("boris")
    invoice_id = _draft(anna, client_id)
    engine.synchronise(anna, server)
    engine.synchronise(boris, server)
    _issue(server, invoice_id)
    with anna.unit_of_work() as session:  # offline, not knowing
        delete_draft(session, invoice_id)
    for _round in range(2):
        for database in (anna, boris):
            engine.synchronise(database, server)
    office = snapshot(server)
    assert snapshot(anna) == office and snapshot(boris) == office
    for database in (server, anna, boris):
        status, number, _sequence = _invoice(database, invoice_id)
        assert status is InvoiceStatus.ISSUED and number is not None
    assert {c["kind"] for c in engine.conflicts_json(anna)} == {"issued"}


def test_a_line_removed_offline_after_the_office_issued_the_invoice_comes_back(
    server: Database, laptop: Laptop
) -> None:
    client_id = _office_with_a_client(server)
    anna = laptop("anna")
    two = [SHELF, InvoiceLineInput(name="Доставка", quantity="1", price="500")]
    with anna.unit_of_work() as session:
        invoice_id = create_invoice(session, InvoiceChanges(client_id=client_id, lines=two)).id
    engine.synchronise(anna, server)
    _issue(server, invoice_id)
    with anna.unit_of_work() as session:
        edit_invoice(session, invoice_id, InvoiceChanges(lines=[SHELF]))
    for _round in range(2):
        engine.synchronise(anna, server)
    assert snapshot(anna) == snapshot(server)
    for database in (server, anna):
        with database.unit_of_work(write=False) as session:
            view = get_invoice(session, invoice_id)
        assert [line.name for line in view.lines] == ["Стеллаж СТ-1", "Доставка"]
        assert view.total == sum(line.amount for line in view.lines)


def test_a_cancel_from_a_laptop_does_not_undo_a_payment_recorded_at_the_office(
    server: Database, laptop: Laptop
) -> None:
    client_id = _office_with_a_client(server)
    invoice_id = _draft(server, client_id)
    _issue(server, invoice_id)
    mine = laptop("anna")
    with server.unit_of_work() as session:
        add_payment(session, invoice_id, "1000")
    with mine.unit_of_work() as session:  # offline, later: cancels it, not knowing
        cancel_invoice(session, invoice_id)
    engine.synchronise(mine, server)
    engine.synchronise(mine, server)
    for database in (server, mine):
        status, number, _sequence = _invoice(database, invoice_id)
        assert status is InvoiceStatus.PARTLY_PAID and number is not None
    assert snapshot(mine) == snapshot(server)
    assert "issued" in {c["kind"] for c in engine.conflicts_json(mine)}


def test_an_offline_invoice_whose_push_stopped_halfway_waits_for_its_own_laptop(
    server: Database, laptop: Laptop
) -> None:
    """Anna's push stopped after the batch with the invoice, before its lines: Boris's
    sync in between must not number it (no lines yet: it would be refused); Anna's next
    sync sends the rest and the office numbers it whole."""
    client_id = _office_with_a_client(server)
    anna, boris = laptop("anna"), laptop("boris")
    lines = [InvoiceLineInput(name=f"Работа {n}", quantity="1", price="1000") for n in range(3)]
    with anna.unit_of_work() as session:
        invoice_id = create_invoice(session, InvoiceChanges(client_id=client_id, lines=lines)).id
    _issue(anna, invoice_id)
    batch = engine._next_batch(anna, 1)  # the first record only, then the laptop is gone
    assert batch is not None
    with anna.engine.connect() as conn:
        states = engine._states(conn, batch.entries)
    engine.send_batch(server, batch.batch_id, engine._site(anna), states)
    engine.synchronise(boris, server)
    with server.unit_of_work(write=False) as session:
        waiting = get_invoice(session, invoice_id)
    assert waiting.number is None and waiting.issue_refusal is None
    engine.synchronise(anna, server)
    with server.unit_of_work(write=False) as session:
        view = get_invoice(session, invoice_id)
    assert view.status is InvoiceStatus.ISSUED and len(view.lines) == 3
    assert str(view.total) == "3000.00"
