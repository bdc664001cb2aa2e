"""Finding invoices by a fragment of their number, on SQLite and PostgreSQL: a part or the
whole number, in any case, with % and _ taken literally, and drafts (no number) never."""

from __future__ import annotations

import datetime as dt
import uuid

from crm_desktop.services.invoice_settings import SettingsChanges, save_invoice_settings
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceFilter,
    InvoiceLineInput,
    create_invoice,
    issue_invoice,
    list_invoices,
)
from crm_desktop.store.database import Database
from tests.services.invoice_setup import set_up

MARCH = dt.date(2026, 3, 2)


def draft(db: Database, client_id: uuid.UUID) -> uuid.UUID:
    with db.unit_of_work() as session:
        lines = [InvoiceLineInput(name="Монтаж", quantity="1", unit="ч", price="1000")]
        return create_invoice(session, InvoiceChanges(client_id=client_id, lines=lines)).id


def issued(db: Database, client_id: uuid.UUID) -> str:
    with db.unit_of_work() as session:
        number = issue_invoice(session, draft(db, client_id), on=MARCH).number
    assert number is not None
    return number


def found(db: Database, typed: str | None, **where: object) -> list[str | None]:
    with db.unit_of_work(write=False) as session:
        page = list_invoices(session, InvoiceFilter(number=typed, **where))  # type: ignore[arg-type]
    return sorted((view.number or "draft") for view in page.rows)


def test_a_fragment_or_the_whole_number_finds_the_invoice(db: Database) -> None:
    client_id = set_up(db)
    numbers = [issued(db, client_id) for _ in range(3)]
    assert numbers == ["2026-0001", "2026-0002", "2026-0003"]
    draft(db, client_id)  # no number: never found by one
    assert found(db, "0002") == ["2026-0002"]
    assert found(db, "2026-0002") == ["2026-0002"]
    assert found(db, "  6-000  ") == numbers  # trimmed
    assert found(db, "2026-0009") == []
    assert found(db, "7777") == []
    # No text is no filter: the draft is there too.
    assert found(db, None) == [*numbers, "draft"]
    assert found(db, "   ") == [*numbers, "draft"]
    # Combined with the other filters.
    assert found(db, "0003", client_id=client_id) == ["2026-0003"]
    assert found(db, "0003", client_id=uuid.uuid4()) == []


def test_percent_and_underscore_are_literal(db: Database) -> None:
    client_id = set_up(db)
    plain = [issued(db, client_id) for _ in range(2)]
    assert plain == ["2026-0001", "2026-0002"]
    # Were they wildcards, each of these would find both (or one) of the plain numbers.
    for typed in ("%", "_", "2026_0001", "2026%0002", "%0002", "20_6", "\\"):
        assert found(db, typed) == [], typed
    with db.unit_of_work() as session:
        save_invoice_settings(session, SettingsChanges(invoice_pattern="Inv_{year}%{number:04d}"))
    special = issued(db, client_id)
    assert special == "Inv_2026%0003"
    assert found(db, "_") == [special]
    assert found(db, "%") == [special]
    assert found(db, "2026%0003") == [special]
    assert found(db, "INV_2026") == [special]  # case does not matter
    assert found(db, "inv_") == [special]
    assert found(db, "inv-") == []


def test_cyrillic_numbers_in_either_case(db: Database) -> None:
    client_id = set_up(db)
    with db.unit_of_work() as session:
        save_invoice_settings(session, SettingsChanges(invoice_pattern="СЧ-{number}/{year}"))
    number = issued(db, client_id)
    assert number == "СЧ-1/2026"
    assert found(db, "сч-1") == [number]
    assert found(db, "СЧ-1/2026") == [number]
    assert found(db, "1/2026") == [number]
