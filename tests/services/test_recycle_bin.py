"""The recycle bin (issue 10): every kind of deleted record listed with who deleted it,
paged; restored through each kind's own rules; erased for good by an administrator only,
with what cannot be without it, issued invoices kept (each test on SQLite and
PostgreSQL; the office server's purge reaching the laptops on PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from crm_desktop.errors import PermissionDenied
from crm_desktop.models import (
    Client,
    Deal,
    DealLine,
    Email,
    Interaction,
    InteractionKind,
    Invoice,
    InvoiceLine,
    Phone,
    Product,
    Role,
    Task,
    utcnow,
)
from crm_desktop.services.clients import ClientChanges, create_client, delete_client
from crm_desktop.services.consents import give_consent
from crm_desktop.services.deal_lines import LineInput
from crm_desktop.services.deals import DealChanges, create_deal, delete_deal
from crm_desktop.services.interactions import add_interaction
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    create_invoice,
    delete_draft,
    issue_invoice,
)
from crm_desktop.services.pipelines import ensure_default_pipeline
from crm_desktop.services.products import ProductChanges, create_product, delete_product
from crm_desktop.services.recycle_bin import (
    BinKind,
    KeptReason,
    bin_count,
    bin_page,
    bin_permission,
    empty_bin,
    iter_bin,
    purge,
    restore,
    restore_entries,
)
from crm_desktop.services.tags import tag_clients
from crm_desktop.services.tasks import add_task, delete_task
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.sync import engine
from tests.services.invoice_setup import describe_company
from tests.sync_replicas import Laptop

LINE = InvoiceLineInput(name="Стеллаж СТ-1", quantity=2, price="1500.00")


@pytest.fixture
def people(db: Database) -> Database:
    """A manager (Анна Петрова), an administrator and the funnel."""
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER, full_name="Анна Петрова")
        add_user(session, "boss", Role.ADMIN, full_name="Сергей Начальников")
        ensure_default_pipeline(session)
        describe_company(session)
    return db


def new_client(db: Database, name: str, login: str | None = "anna", **fields: object) -> uuid.UUID:
    with db.unit_of_work(login) as session:
        return create_client(session, ClientChanges(name=name, **fields)).id  # type: ignore[arg-type]


def new_deal(db: Database, client_id: uuid.UUID, title: str = "Поставка стеллажей") -> uuid.UUID:
    with db.unit_of_work("anna") as session:
        lines = [LineInput(name="Стеллаж", quantity=2, price="1500")]
        return create_deal(session, DealChanges(title=title, client_id=client_id, lines=lines)).id


def new_draft(db: Database, client_id: uuid.UUID, deal_id: uuid.UUID | None = None) -> uuid.UUID:
    with db.unit_of_work("anna") as session:
        changes = InvoiceChanges(client_id=client_id, lines=[LINE], deal_id=deal_id)
        return create_invoice(session, changes).id


def deleted_at(db: Database, model: type, row_id: uuid.UUID) -> dt.datetime | None:
    with db.unit_of_work(write=False) as session:
        value = session.scalar(select(model.deleted_at).where(model.id == row_id))  # type: ignore[attr-defined]
        return value  # type: ignore[no-any-return]


def count(session: Session, model: type, *conditions: object) -> int:
    query = select(func.count()).select_from(model).where(*conditions)  # type: ignore[arg-type]
    return int(session.scalar(query) or 0)


def test_the_bin_lists_every_kind_with_who_deleted_it(people: Database) -> None:
    db = people
    romashka = new_client(db, "Ромашка", phones=["+79161112233"])
    deal_id = new_deal(db, romashka)
    draft_id = new_draft(db, romashka)
    with db.unit_of_work("anna") as session:
        task_id = add_task(session, title="Позвонить насчёт стеллажей", client_id=romashka).id
        product_id = create_product(session, ProductChanges(name="Полка П-2", price="900")).id
    with db.unit_of_work("anna") as session:  # the latest deletion comes first
        delete_product(session, product_id)
        delete_task(session, task_id, utcnow())
        delete_draft(session, draft_id)
        delete_deal(session, deal_id)
    with db.unit_of_work("boss") as session:
        delete_client(session, romashka)
    with db.unit_of_work("anna", write=False) as session:
        page = bin_page(session)
        assert bin_count(session) == 5 and bin_count(session, kind=BinKind.DEALS) == 1
    entries = {e.kind: e for e in page.rows}
    assert page.next_key is None and len(page.rows) == 5
    assert page.rows[0].kind is BinKind.CLIENTS  # deleted last
    assert [e.deleted_at for e in page.rows] == sorted(
        (e.deleted_at for e in page.rows), reverse=True
    )
    client = entries[BinKind.CLIENTS]
    assert (client.id, client.title, client.detail) == (romashka, "Ромашка", "+7 916 111-22-33")
    assert (client.deleted_by, client.deleted_by_name) == ("boss", "Сергей Начальников")
    deal = entries[BinKind.DEALS]
    assert (deal.id, deal.title, deal.detail) == (deal_id, "Поставка стеллажей", "Ромашка")
    assert (entries[BinKind.TASKS].title, entries[BinKind.TASKS].detail) == (
        "Позвонить насчёт стеллажей",
        "Ромашка",
    )
    invoice = entries[BinKind.INVOICES]
    assert invoice.id == draft_id and invoice.title == "Draft invoice"
    assert invoice.detail is not None and invoice.detail.startswith("Ромашка · 3,000.00")
    assert entries[BinKind.PRODUCTS].title == "Полка П-2"
    for kind in (BinKind.DEALS, BinKind.TASKS, BinKind.INVOICES, BinKind.PRODUCTS):
        assert entries[kind].deleted_by == "anna"
        assert entries[kind].deleted_by_name == "Анна Петрова"
        assert entries[kind].who == "Анна Петрова"
    assert entries[BinKind.DEALS].to_json()["deleted_by"] == "anna"


def test_the_bin_pages_by_keyset_and_searches(people: Database) -> None:
    db = people
    ids = [new_client(db, f"Клиент {n:02}") for n in range(7)]
    ids.append(new_client(db, "Фёдоров Пётр"))
    for client_id in ids:
        with db.unit_of_work("anna") as session:
            delete_client(session, client_id)
    new_client(db, "Живой Клиент")  # not in the bin
    with db.unit_of_work("anna", write=False) as session:
        seen: list[uuid.UUID] = []
        after = None
        sizes = []
        while True:
            page = bin_page(session, after=after, limit=3)
            sizes.append(len(page.rows))
            seen += [e.id for e in page.rows]
            if page.next_key is None:
                break
            after = page.next_key
        assert sizes == [3, 3, 2, 0] or sizes == [3, 3, 2]
        assert seen == list(reversed(ids))  # the latest deletion first, none twice
        assert [e.id for e in iter_bin(session)] == seen
        found = bin_page(session, search="федоров").rows  # ё and case ignored
        assert [e.title for e in found] == ["Фёдоров Пётр"]
        assert bin_count(session, search="КЛИЕНТ") == 7
        assert bin_page(session, kind=BinKind.DEALS).rows == []


def test_restore_brings_records_back_through_their_own_rules(people: Database) -> None:
    db = people
    romashka = new_client(db, "Ромашка")
    deal_id = new_deal(db, romashka)
    draft_id = new_draft(db, romashka, deal_id)
    with db.unit_of_work("anna") as session:
        task_id = add_task(session, title="Позвонить", deal_id=deal_id).id
        product_id = create_product(session, ProductChanges(name="Полка", price="900")).id
    with db.unit_of_work("anna") as session:
        delete_task(session, task_id, utcnow())
        delete_draft(session, draft_id)
        delete_deal(session, deal_id)
        delete_product(session, product_id)
        delete_client(session, romashka)
    # the deal waits for its client: the existing readable error, and nothing changes
    with db.unit_of_work("anna") as session:
        report = restore(session, BinKind.DEALS, [deal_id])
    assert report.restored == []
    assert [r.message for r in report.refused] == [
        "The client is in the recycle bin: restore it first"
    ]
    assert report.refused[0].error.exit_code == 2
    assert deleted_at(db, Deal, deal_id) is not None
    with db.unit_of_work("anna") as session:  # a task waits for its deal
        report = restore(session, BinKind.TASKS, [task_id])
    assert [r.message for r in report.refused] == [
        "The deal is in the recycle bin: restore it first"
    ]
    # given together, what others belong to comes back first
    with db.unit_of_work("anna") as session:
        report = restore_entries(
            session,
            [
                (BinKind.INVOICES, draft_id),
                (BinKind.TASKS, task_id),
                (BinKind.DEALS, deal_id),
                (BinKind.CLIENTS, romashka),
                (BinKind.PRODUCTS, product_id),
            ],
        )
    assert report.refused == []
    assert [k for k, _i in report.restored] == [
        BinKind.CLIENTS,
        BinKind.PRODUCTS,
        BinKind.DEALS,
        BinKind.TASKS,
        BinKind.INVOICES,
    ]
    for model, row_id in (
        (Client, romashka),
        (Deal, deal_id),
        (Task, task_id),
        (Invoice, draft_id),
        (Product, product_id),
    ):
        assert deleted_at(db, model, row_id) is None
    with db.unit_of_work(write=False) as session:
        assert bin_count(session) == 0
    with db.unit_of_work("anna") as session:  # an unknown id is said so
        missing = uuid.uuid4()
        report = restore(session, BinKind.CLIENTS, [missing])
    assert report.refused[0].message == f"No client with id {missing}"


def test_only_an_administrator_empties_the_bin(people: Database) -> None:
    db = people
    gone = new_client(db, "Удалённый")
    with db.unit_of_work("anna") as session:
        delete_client(session, gone)
    for login in ("anna", "nobody"):
        with pytest.raises(PermissionDenied) as caught, db.unit_of_work(login) as session:
            empty_bin(session, login)
        assert caught.value.exit_code == 3
        assert caught.value.message == (
            "Only an administrator can erase records from the recycle bin for good."
        )
        with pytest.raises(PermissionDenied), db.unit_of_work(login) as session:
            purge(session, login, BinKind.CLIENTS, [gone])
    with db.unit_of_work("anna", write=False) as session:
        assert bin_permission(session, "anna") is not None
        assert bin_permission(session, "boss") is None
        assert bin_permission(session, None) is None  # the file's owner / the server's admin
    assert deleted_at(db, Client, gone) is not None  # untouched


def test_an_administrator_erases_records_with_their_details_keeping_issued_invoices(
    people: Database,
) -> None:
    db = people
    # a client in the bin with its details, its deal (lines) and task in the bin too
    gone = new_client(db, "Ушедший Клиент", phones=["+79161112233"], emails=["gone@mail.ru"])
    with db.unit_of_work("anna") as session:
        tag_clients(session, [gone], "VIP")
        give_consent(session, gone, source="анкета")
        add_interaction(session, gone, InteractionKind.CALL, text="Звонок")
    gone_deal = new_deal(db, gone)
    gone_draft = new_draft(db, gone)
    with db.unit_of_work("anna") as session:
        gone_task = add_task(session, title="Перезвонить", client_id=gone).id
    # a live client whose call named a deal that goes: the call stays, unlinked
    stays = new_client(db, "Остаётся")
    stays_deal = new_deal(db, stays, "Сделка в корзине")
    with db.unit_of_work("anna") as session:
        call = add_interaction(
            session, stays, InteractionKind.CALL, text="О сделке", deal_id=stays_deal
        ).id
    # a client with an issued invoice: kept, and the invoice with it
    billed = new_client(db, "С Выставленным Счётом")
    issued = new_draft(db, billed)
    with db.unit_of_work("anna") as session:
        issue_invoice(session, issued, on=dt.date(2026, 3, 2))
    # a client a live deal still names: kept
    busy = new_client(db, "Занятый")
    new_deal(db, busy, "Живая сделка")
    # an issued invoice that came to the bin anyway (a sync, say): never erased
    tombstoned_issued = new_draft(db, stays)
    with db.unit_of_work("anna") as session:
        issue_invoice(session, tombstoned_issued, on=dt.date(2026, 3, 3))
        session.execute(
            update(Invoice).where(Invoice.id == tombstoned_issued).values(deleted_at=utcnow())
        )
    with db.unit_of_work("anna") as session:
        delete_task(session, gone_task, utcnow())
        delete_draft(session, gone_draft)
        delete_deal(session, gone_deal)
        delete_deal(session, stays_deal)
        for client_id in (gone, billed, busy):
            delete_client(session, client_id)
    with db.unit_of_work("boss") as session:
        report = empty_bin(session, "boss")
    assert report.removed == {
        BinKind.CLIENTS: 1,
        BinKind.DEALS: 2,
        BinKind.TASKS: 1,
        BinKind.INVOICES: 1,
    }
    # phone, e-mail, tag link, consent, call; 2 deal lines; the draft's line
    assert report.details == 8
    kept = {(k.kind, k.id): k for k in report.kept}
    assert kept[(BinKind.INVOICES, tombstoned_issued)].reason is KeptReason.ISSUED
    assert kept[(BinKind.CLIENTS, billed)].reason is KeptReason.IN_USE
    assert kept[(BinKind.CLIENTS, billed)].by == "invoices"
    assert kept[(BinKind.CLIENTS, busy)].by == "deals"
    assert len(report.kept) == 3
    assert report.lines() == [
        "Erased for good: 5 records (8 details with them).",
        "Kept: 1 issued invoices (accounting documents are never erased).",
        "Kept: 2 records still used by records outside the recycle bin.",
    ]
    with db.unit_of_work(write=False) as session:
        assert count(session, Client, Client.id == gone) == 0
        assert count(session, Phone, Phone.client_id == gone) == 0
        assert count(session, Email, Email.client_id == gone) == 0
        assert count(session, Interaction, Interaction.client_id == gone) == 0
        assert count(session, Deal, Deal.id.in_([gone_deal, stays_deal])) == 0
        assert count(session, DealLine, DealLine.deal_id.in_([gone_deal, stays_deal])) == 0
        assert count(session, Task, Task.id == gone_task) == 0
        assert count(session, Invoice, Invoice.id == gone_draft) == 0
        assert count(session, InvoiceLine, InvoiceLine.invoice_id == gone_draft) == 0
        left = session.scalar(select(Interaction).where(Interaction.id == call))
        assert left is not None and left.deal_id is None and left.text == "О сделке"
        assert count(session, Invoice, Invoice.id.in_([issued, tombstoned_issued])) == 2
        assert session.scalar(select(Invoice.total).where(Invoice.id == issued)) == Decimal(
            "3000.00"
        )
        assert {e.id for e in iter_bin(session)} == {billed, busy, tombstoned_issued}


def test_emptying_what_was_deleted_long_ago_and_erasing_chosen_records(people: Database) -> None:
    db = people
    old, recent, chosen = (new_client(db, n) for n in ("Давний", "Недавний", "Выбранный"))
    with db.unit_of_work("anna") as session:
        for client_id in (old, recent, chosen):
            delete_client(session, client_id)
        session.execute(
            update(Client)
            .where(Client.id == old)
            .values(deleted_at=utcnow() - dt.timedelta(days=40))
        )
    with db.unit_of_work(None) as session:
        report = empty_bin(session, None, older_than=dt.timedelta(days=30))
    assert report.removed == {BinKind.CLIENTS: 1}
    assert deleted_at(db, Client, recent) is not None
    with db.unit_of_work("boss") as session:
        report = purge(session, "boss", BinKind.CLIENTS, [chosen, new_client(db, "Живой")])
    assert report.removed == {BinKind.CLIENTS: 1}  # a live record is not erased
    with db.unit_of_work(write=False) as session:
        assert [e.id for e in iter_bin(session)] == [recent]
        assert count(session, Client, Client.name == "Живой") == 1


def _rows(db: Database, table: str, row_id: uuid.UUID) -> int:
    key = row_id.hex if db.location.is_sqlite else str(row_id)
    with db.engine.connect() as conn:
        found = conn.execute(text(f"SELECT count(*) FROM {table} WHERE id = :i"), {"i": key})
        return int(found.scalar_one())


def test_the_office_erases_and_every_laptop_follows_at_its_next_sync(
    server: Database, laptop: Laptop
) -> None:
    """On the office server the purge goes through the sync's purge log: a laptop that
    had the deletion removes the client, one that had not yet and changed it offline
    gets a conflict instead of bringing it back; a laptop itself erases nothing."""
    with server.unit_of_work() as session:
        gone = create_client(session, ClientChanges(name="Стираемый", phones=["+79160001122"])).id
    anna, away = laptop("anna"), laptop("away")
    with server.unit_of_work() as session:
        delete_client(session, gone)
    engine.synchronise(anna, server)  # Anna has the deletion, the other laptop not yet
    with away.unit_of_work() as session:
        add_interaction(session, gone, InteractionKind.CALL, text="Звонил без сети")
    with anna.unit_of_work(None) as session:
        reason = bin_permission(session, None)
        assert reason is not None and "at the office" in reason
        with pytest.raises(PermissionDenied):
            empty_bin(session, None)
    with server.unit_of_work() as session:
        assert bin_permission(session, None) is None  # the superuser
        report = empty_bin(session, None)
    assert report.removed == {BinKind.CLIENTS: 1}
    with server.engine.connect() as conn:
        logged = conn.execute(text("SELECT table_name FROM sync_purged ORDER BY 1")).scalars().all()
    assert logged == ["clients", "phones"]
    assert _rows(server, "clients", gone) == 0
    for mine in (anna, away):
        engine.synchronise(mine, server)
        assert _rows(mine, "clients", gone) == 0
        assert engine.synchronise(mine, server).pending == 0
    assert "purged" in {c["kind"] for c in engine.conflicts_json(away)}
    assert _rows(server, "clients", gone) == 0  # the offline call did not bring it back
