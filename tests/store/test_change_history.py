"""The change history (each test on SQLite and PostgreSQL): every kind of change is
recorded with who and what, told in plain words, restorable, and hash-chained so that a
removed or edited entry is found."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import language, set_language
from crm_desktop.models import AuditEntry, AuditSeal, Role
from crm_desktop.services.change_history import (
    blank_history,
    describe,
    merged,
    record_history,
    restore_field,
    restore_version,
)
from crm_desktop.services.clients import ClientChanges, create_client, delete_client, edit_client
from crm_desktop.services.deals import DealChanges, create_deal, edit_deal
from crm_desktop.services.products import ProductChanges, create_product
from crm_desktop.services.tasks import add_task
from crm_desktop.services.users import add_user
from crm_desktop.store.audit_chain import verify_chain
from crm_desktop.store.database import Database


@pytest.fixture
def russian() -> Iterator[None]:
    before = language()
    set_language("ru")
    yield
    set_language(before)


@pytest.fixture
def petrova(db: Database) -> str:
    with db.unit_of_work(None) as session:
        add_user(session, "petrova", Role.MANAGER, full_name="Петрова Анна Сергеевна")
        add_user(session, "ivanov", Role.MANAGER, full_name="Иванов Пётр Ильич")
    return "petrova"


def entries(db: Database, record: uuid.UUID) -> list[AuditEntry]:
    with db.unit_of_work() as session:
        return list(
            session.execute(
                select(AuditEntry).where(AuditEntry.record_id == record).order_by(AuditEntry.id)
            ).scalars()
        )


def add_client(db: Database, login: str | None = "petrova", **fields: object) -> uuid.UUID:
    with db.unit_of_work(login) as session:
        return create_client(session, ClientChanges(**fields)).id  # type: ignore[arg-type]


def test_a_phone_change_reads_as_one_sentence(db: Database, petrova: str, russian: None) -> None:
    client = add_client(db, name="Сидоров Олег", phones=["+7 912 345-67-89"])
    with db.unit_of_work("petrova") as session:
        edit_client(session, client, ClientChanges(phones=["+7 916 000-00-01"]))
    with db.unit_of_work() as session:
        lines = [describe(e) for e in merged(record_history(session, client))]
    assert lines[0].startswith("Петрова изменила телефон: +7 912 345-67-89 → +7 916 000-00-01, ")
    assert lines[-1].startswith("Петрова создала")
    created = entries(db, client)[0]
    assert created.action == "insert"
    assert created.login == "petrova"
    assert created.computer
    assert created.changes["name"][1] == "Сидоров Олег"


def test_every_kind_of_record_is_recorded(db: Database, petrova: str) -> None:
    client = add_client(db, name="ООО «Ромашка»", kind="company")
    with db.unit_of_work("ivanov") as session:
        deal = create_deal(session, DealChanges(client_id=client, title="Поставка", amount="1500"))
        edit_deal(session, deal.id, DealChanges(amount="2500.50"))
        task = add_task(session, title="Позвонить", client_id=client)
        product = create_product(session, ProductChanges(name="Стеллаж", price="8900.00"))
        delete_client(session, client)
    deal_entries = entries(db, deal.id)
    assert [e.action for e in deal_entries] == ["insert", "update"]
    assert deal_entries[0].login == "ivanov"
    with db.unit_of_work() as session:
        history = record_history(session, deal.id)
        change = next(c for c in history[0].changes if c.field == "amount")
        assert (change.old, change.new) == (Decimal("1500.00"), Decimal("2500.50"))
        moved = record_history(session, client)[0]
        assert [c.field for c in moved.changes] == ["deleted_at"]
        assert moved.changes[0].old is None and moved.changes[0].new is not None
    assert entries(db, task.id)[0].table_name == "tasks"
    assert entries(db, product.id)[0].changes["name"] == [None, "Стеллаж"]


def test_a_change_made_outside_the_program_is_recorded(db: Database, petrova: str) -> None:
    client = add_client(db, name="Кузнецова Мария")
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE clients SET note = 'правка вручную' WHERE id = :id"),
            {"id": client.hex if db.dialect == "sqlite" else client},
        )
        login = (
            conn.execute(text("SELECT session_user")).scalar()
            if db.dialect == "postgresql"
            else "petrova"  # SQLite has no logins: the row's last editor
        )
    last = entries(db, client)[-1]
    assert last.changes == {"note": [None, "правка вручную"]}
    assert last.login == login
    with db.engine.connect() as conn:
        assert verify_chain(conn).broken is None


def test_restore_a_field_and_a_whole_version(db: Database, petrova: str) -> None:
    client = add_client(db, name="Волков Андрей", inn="500100732259")
    with db.unit_of_work("ivanov") as session:
        edit_client(session, client, ClientChanges(name="Волков Андрей Петрович"))
        edit_client(session, client, ClientChanges(inn="", note="сменил ИНН"))
    history = entries(db, client)
    renamed = next(e for e in history if "name" in e.changes and e.action == "update")
    with db.unit_of_work("petrova") as session:
        restore_field(session, renamed.id, "name")
    with db.unit_of_work() as session:
        newest = record_history(session, client)[0]
        assert newest.login == "petrova"
        assert any(c.field == "name" and c.new == "Волков Андрей" for c in newest.changes)
    created = history[0]
    with db.unit_of_work("petrova") as session:
        assert restore_version(session, created.id) >= 2
    with db.unit_of_work() as session:
        from crm_desktop.services.client_views import get_client

        view = get_client(session, client)
        assert view.name == "Волков Андрей"
        assert view.inn == "500100732259"
    with db.unit_of_work("petrova") as session, pytest.raises(ValidationError):
        restore_field(session, created.id, "no_such_field")


def test_verify_finds_a_removed_or_edited_entry(db: Database, petrova: str) -> None:
    first = add_client(db, name="Первый Клиент")
    add_client(db, name="Второй Клиент")
    add_client(db, name="Третий Клиент")
    with db.engine.connect() as conn:
        state = verify_chain(conn)
    assert state.broken is None and state.seals >= 3 and state.entries >= 3
    victim = entries(db, first)[0]
    with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        conn.execute(
            text("UPDATE audit_log SET login = 'someone' WHERE id = :id"), {"id": victim.id}
        )
    with db.engine.connect() as conn:
        broken = verify_chain(conn).broken
    assert broken is not None and broken.reason == "edited"
    assert broken.entry_id is not None and broken.entry_id <= victim.id
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_log SET login = :login WHERE id = :id"),
            {"id": victim.id, "login": victim.login},
        )
    with db.engine.connect() as conn:
        assert verify_chain(conn).broken is None
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": victim.id})
    with db.engine.connect() as conn:
        broken = verify_chain(conn).broken
    assert broken is not None and broken.reason == "removed"


def test_erasure_blanks_values_and_the_chain_still_holds(db: Database, petrova: str) -> None:
    client = add_client(db, name="Соколова Елена", phones=["+7 903 111-22-33"])
    other = add_client(db, name="Другой", note="звонила Соколова Елена")
    with db.unit_of_work(None) as session:
        blanked = blank_history(session, [client], ["Соколова Елена", "+79031112233"])
    assert blanked >= 3
    with db.engine.connect() as conn:
        assert verify_chain(conn).broken is None
        dump = " ".join(str(r[0]) for r in conn.execute(text("SELECT changes FROM audit_log")))
    assert "Соколова" not in dump and "79031112233" not in dump
    kept = entries(db, other)[0]
    assert kept.changes["name"] == [None, "Другой"]
    assert kept.erased and "note" in kept.erased
    with db.unit_of_work() as session:
        seals = session.execute(select(AuditSeal)).scalars().all()
        assert all(len(s.hash) == 64 for s in seals)


def test_invoices_and_orders_are_recorded_and_an_issued_invoice_is_not_restored(
    db: Database, petrova: str
) -> None:
    from crm_desktop.services.invoicing import (
        InvoiceChanges,
        InvoiceLineInput,
        create_invoice,
        edit_invoice,
        issue_invoice,
    )
    from crm_desktop.services.orders import OrderChanges, create_order
    from tests.services.invoice_setup import set_up

    client = set_up(db)
    line = InvoiceLineInput(name="Стеллаж", quantity="2", price="4500.00", unit="шт")
    with db.unit_of_work("petrova") as session:
        invoice = create_invoice(session, InvoiceChanges(client_id=client, lines=[line]))
    with db.unit_of_work("petrova") as session:
        edit_invoice(session, invoice.id, InvoiceChanges(note="срочно"))
        issue_invoice(session, invoice.id)
        order = create_order(
            session, OrderChanges(client_id=client, specification="Стеллаж", total="9000")
        )
    invoice_entries = entries(db, invoice.id)
    assert invoice_entries[0].action == "insert" and invoice_entries[0].login == "petrova"
    note_change = next(e for e in invoice_entries if "note" in e.changes)
    assert note_change.changes["note"] == [None, "срочно"]
    assert any("number" in e.changes for e in invoice_entries)  # issuing numbered it
    assert entries(db, order.id)[0].table_name == "orders"
    with db.unit_of_work("petrova") as session, pytest.raises(ValidationError):
        restore_field(session, note_change.id, "note")


def test_an_import_is_recorded_like_any_other_save(db: Database, petrova: str) -> None:
    """The import writes rows in bulk (the bulk writer records their entries itself):
    each new client's creation, phones and e-mails are in its history, under who ran it."""
    from crm_desktop.models import Client
    from crm_desktop.services.importing.batches import run_import
    from tests.services.test_import_batches import TABLE, rows_sample

    with db.unit_of_work("petrova") as session:
        run_import(session, TABLE, rows_sample())
    with db.unit_of_work() as session:
        petrov = session.execute(
            select(Client.id).where(Client.name.startswith("Петров Пётр"))
        ).scalar_one()
        history = merged(record_history(session, petrov))
    created = history[-1]
    assert created.action == "insert" and created.login == "petrova"
    assert any(c.field == "name" and c.new.startswith("Петров Пётр") for c in created.changes)
    phones = {c.new for e in history for c in e.changes if c.field == "phone" and c.new is not None}
    assert phones == {"+79123456789", "+74951234567"}
    assert all(e.login == "petrova" for e in history)
    with db.engine.connect() as conn:
        state = verify_chain(conn)
    assert state.broken is None and state.entries >= 8


def test_verify_refuses_a_forged_erasure(db: Database, petrova: str) -> None:
    """An `erased` map may only stand for blanked values: putting the old hashes there and
    a new value in `changes` is an edit, and verify says so."""
    client = add_client(db, name="Исходное Имя")
    entry = entries(db, client)[0]
    from crm_desktop.store.audit_chain import value_hash

    original = entry.changes["name"]
    forged_changes = dict(entry.changes, name=[None, "Подделка"])
    forged_erased = {"name": [value_hash(original[0]), value_hash(original[1])]}
    with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            conn.execute(
                text(
                    "UPDATE audit_log SET changes = CAST(:c AS jsonb), "
                    "erased = CAST(:e AS jsonb) WHERE id = :id"
                ),
                {"c": json.dumps(forged_changes), "e": json.dumps(forged_erased), "id": entry.id},
            )
        else:
            conn.execute(
                text("UPDATE audit_log SET changes = :c, erased = :e WHERE id = :id"),
                {"c": json.dumps(forged_changes), "e": json.dumps(forged_erased), "id": entry.id},
            )
    with db.engine.connect() as conn:
        broken = verify_chain(conn).broken
    assert broken is not None and broken.reason == "edited"


def test_removing_the_newest_entries_with_their_seal_is_found_on_a_local_file(
    db: Database, petrova: str
) -> None:
    """On a local file anyone with the file could cut the tail (entries and their seal);
    SQLite's AUTOINCREMENT remembers the last id given. On the office server only the
    administrator can touch the log, and the server keeps no such counter we can trust
    (a rolled-back transaction also skips ids), so this check is the local file's."""
    add_client(db, name="Первый")
    last = add_client(db, name="Последний")
    newest = entries(db, last)
    with db.engine.begin() as conn:
        cut = min(e.id for e in newest)
        conn.execute(text("DELETE FROM audit_log WHERE id >= :id"), {"id": cut})
        conn.execute(text("DELETE FROM audit_seals WHERE last_id >= :id"), {"id": cut})
    with db.engine.connect() as conn:
        broken = verify_chain(conn).broken
    if db.dialect == "sqlite":
        assert broken is not None and broken.reason == "removed"
    else:
        assert broken is None


def test_a_merge_moves_addresses_with_an_entry_on_both_cards(db: Database, petrova: str) -> None:
    from crm_desktop.services.merge import merge_clients

    keep = add_client(db, name="Основной Клиент")
    other = add_client(db, name="Дубль Клиента", addresses=[("actual", "г. Тверь, ул. Мира, 1")])
    with db.unit_of_work("petrova") as session:
        merge_clients(session, keep, other)
    gained = [e for e in entries(db, keep) if "address" in e.changes]
    lost = [e for e in entries(db, other) if "address" in e.changes]
    assert gained[-1].changes["address"] == [None, "г. Тверь, ул. Мира, 1"]
    assert lost[-1].changes["address"] == ["г. Тверь, ул. Мира, 1", None]
