"""Invoice numbers under many desktops issuing at the same moment: 20 issuers (threads,
each with its own connection, as separate desktops would have), 5 invoices each, give
numbers 1..100 with no gap and no repeat. On PostgreSQL the counter row's lock makes
them take turns; on SQLite the write lock of BEGIN IMMEDIATE does."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable

from sqlalchemy import func, select

from crm_desktop.models import Invoice, InvoiceCounter, InvoiceStatus
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    create_invoice,
    get_invoice,
    issue_invoice,
)
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import parse_location
from tests.services.invoice_setup import set_up

ISSUERS, EACH = 20, 5
DAY = dt.date(2026, 6, 15)
LINE = InvoiceLineInput(name="Стеллаж", quantity=1, price="1000")


def _drafts(db: Database, count: int) -> list[uuid.UUID]:
    client_id = set_up(db)
    with db.unit_of_work() as session:
        changes = InvoiceChanges(client_id=client_id, lines=[LINE])
        return [create_invoice(session, changes).id for _ in range(count)]


def _in_threads(url: str, work: list[Callable[[Database], None]]) -> list[BaseException]:
    """Run each job in its own thread with its own database connection, all started at
    once; the errors they raised."""
    barrier = threading.Barrier(len(work))
    errors: list[BaseException] = []

    def run(job: Callable[[Database], None]) -> None:
        database = open_database(parse_location(url))
        try:
            database.ping()
            barrier.wait(timeout=60)
            job(database)
        except BaseException as exc:
            errors.append(exc)
        finally:
            database.dispose()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "an issuer hung"
    return errors


def test_concurrent_issuers_get_every_number_once(db_url: str, db: Database) -> None:
    drafts = _drafts(db, ISSUERS * EACH)
    got: list[tuple[uuid.UUID, int | None, str | None]] = []
    lock = threading.Lock()

    def issuer(mine: list[uuid.UUID]) -> Callable[[Database], None]:
        def job(database: Database) -> None:
            for invoice_id in mine:
                with database.unit_of_work() as session:  # one issue, one transaction
                    view = issue_invoice(session, invoice_id, on=DAY)
                with lock:
                    got.append((invoice_id, view.sequence, view.number))

        return job

    errors = _in_threads(db_url, [issuer(drafts[i::ISSUERS]) for i in range(ISSUERS)])
    assert not errors, errors
    numbers = sorted(n for _id, n, _text in got if n is not None)
    assert numbers == list(range(1, ISSUERS * EACH + 1))  # no gap, no repeat
    assert len({text for _id, _n, text in got}) == ISSUERS * EACH
    assert {i for i, _n, _t in got} == set(drafts)
    with db.unit_of_work(write=False) as session:
        assert session.get_one(InvoiceCounter, 2026).last_number == ISSUERS * EACH
        stored = session.execute(
            select(
                func.count(), func.count(func.distinct(Invoice.number)), func.max(Invoice.number)
            ).where(Invoice.status == InvoiceStatus.ISSUED, Invoice.series == 2026)
        ).one()
    assert tuple(stored) == (ISSUERS * EACH, ISSUERS * EACH, ISSUERS * EACH)


def test_a_rolled_back_issue_gives_its_number_back(db_url: str, db: Database) -> None:
    """An issuer that took a number and then failed: the next issuer waits for it, and
    gets the same number once it rolls back (no gap)."""
    first, second = _drafts(db, 2)
    taken = threading.Event()
    give_up = threading.Event()
    numbers: dict[str, str | None] = {}

    class Abandoned(Exception):
        pass

    def failing(database: Database) -> None:
        try:
            with database.unit_of_work() as session:
                numbers["failing"] = issue_invoice(session, first, on=DAY).number
                taken.set()
                assert give_up.wait(timeout=60)
                raise Abandoned()
        except Abandoned:
            pass

    def waiting(database: Database) -> None:
        assert taken.wait(timeout=60)
        with database.unit_of_work() as session:
            numbers["waiting"] = issue_invoice(session, second, on=DAY).number

    done = threading.Event()
    errors: list[BaseException] = []

    def run_all() -> None:
        errors.extend(_in_threads(db_url, [failing, waiting]))
        done.set()

    runner = threading.Thread(target=run_all)
    runner.start()
    assert taken.wait(timeout=60)
    # the second issuer is held while the first one's transaction is open
    assert not done.wait(timeout=0.5) and "waiting" not in numbers
    give_up.set()
    runner.join(timeout=120)
    assert done.is_set() and not errors, errors
    assert numbers == {"failing": "2026-0001", "waiting": "2026-0001"}
    with db.unit_of_work(write=False) as session:
        assert get_invoice(session, first).number is None
        assert get_invoice(session, second).number == "2026-0001"
        assert session.get_one(InvoiceCounter, 2026).last_number == 1
