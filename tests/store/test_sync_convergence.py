"""Convergence under random histories (issue 8): three laptops' SQLite replicas, the
office PostgreSQL and a desktop writing straight to the server; random creates, edits,
deletes, restores, invoices issued offline (numbered at the office when they arrive) and
at the office, syncs in random page sizes, pushes cut off before their acknowledgement,
a faulty transport (`tests/sync_transport.py`: batches lost or delivered twice, pages
out of order and repeated), laptops reopened as after a crash, laptop clocks running
fast, and the office compacting its tombstones. After every step,
each edit a laptop committed is either still queued or on the server; after everyone
syncs twice, every copy is the same, the queues are empty, and the invoices' numbers are
unique and consecutive.

A few examples run in the suite; `pytest --slow` runs many more.
"""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import text, update

from crm_desktop.models import Client, ClientKind, new_id, utcnow
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    create_invoice,
    issue_invoice,
)
from crm_desktop.store import change_capture as capture
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, parse_location
from crm_desktop.store.schema import upgrade
from crm_desktop.store.search_index import fold
from crm_desktop.sync import compaction, engine, hlc
from tests import sync_transport as transport
from tests.conftest import TEMPLATE_DB, _temporary_database
from tests.services.invoice_setup import add_client, describe_company
from tests.store.test_sync_engine import snapshot

FIELDS = ("name", "note", "position")
LAPTOPS = ("anna", "boris", "vera")
SITES = (*LAPTOPS, "office")


def _key(database: Database, row_id: uuid.UUID) -> str:
    return row_id.hex if database.dialect == "sqlite" else str(row_id)


def _clocks(database: Database, row_id: uuid.UUID) -> dict[str, tuple[int, str]]:
    with database.engine.connect() as conn:
        row = conn.execute(
            text("SELECT clocks FROM sync_row WHERE table_name = 'clients' AND row_id = :r"),
            {"r": _key(database, row_id)},
        ).first()
    if row is None:
        return {}
    import json

    raw = row[0] if isinstance(row[0], dict) else json.loads(row[0])
    return {f: capture.field_clock(raw, f) for f in (*FIELDS, "deleted_at")}


def _pending(database: Database) -> set[uuid.UUID]:
    with database.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT row_id FROM sync_outbox WHERE table_name = 'clients'"
        ).scalars()
        return {uuid.UUID(str(r)) for r in rows}


class Offices(RuleBasedStateMachine):
    pg_url: str
    root: Path

    clients = Bundle("clients")

    def __init__(self) -> None:
        super().__init__()
        self._exit = contextlib.ExitStack()
        url = self._exit.enter_context(_temporary_database(self.pg_url, TEMPLATE_DB))
        self.server = open_database(parse_location(url))
        with self.server.unit_of_work() as session:  # what an invoice needs
            describe_company(session)
            self.payer = add_client(session)
        with self.server.engine.begin() as conn:
            capture.install(conn)
        folder = self.root / uuid.uuid4().hex[:8]
        folder.mkdir(parents=True)
        self.paths = {name: folder / f"{name}.sqlite3" for name in LAPTOPS}
        self.laptops: dict[str, Database] = {}
        for name, path in self.paths.items():
            laptop = open_database(Location(kind="sqlite", path=path), create=True)
            upgrade(laptop)
            engine.init_replica(laptop, self.server, self.server.location.url(), None)
            self.laptops[name] = laptop
        self.counter = 0

    def _db(self, site: str) -> Database:
        return self.server if site == "office" else self.laptops[site]

    @initialize(target=clients)
    def first_client(self) -> uuid.UUID:
        return self._create("office")

    def _create(self, site: str) -> uuid.UUID:
        self.counter += 1
        name = f"Клиент {self.counter}"
        row_id = new_id()
        now = utcnow()
        with self._db(site).engine.begin() as conn:
            conn.execute(
                Client.__table__.insert().values(  # type: ignore[attr-defined]
                    id=row_id,
                    kind=ClientKind.PERSON,
                    name=name,
                    name_folded=fold(name),
                    search_text=fold(name),
                    version=1,
                    created_at=now,
                    updated_at=now,
                )
            )
        return row_id

    @rule(target=clients, site=st.sampled_from(SITES))
    def create(self, site: str) -> uuid.UUID:
        return self._create(site)

    def _exists(self, site: str, row_id: uuid.UUID) -> bool:
        with self._db(site).engine.connect() as conn:
            return (
                conn.execute(
                    text("SELECT 1 FROM clients WHERE id = :i"), {"i": _key(self._db(site), row_id)}
                ).first()
                is not None
            )

    @rule(
        site=st.sampled_from(SITES),
        client=clients,
        field=st.sampled_from(FIELDS),
        value=st.sampled_from(["Альфа", "Бета", "Гамма", "Дельта"]),
    )
    def edit(self, site: str, client: uuid.UUID, field: str, value: str) -> None:
        if not self._exists(site, client):
            return  # not arrived on this computer yet
        changes: dict[str, object] = {field: value, "updated_at": utcnow()}
        if field == "name":
            changes["name_folded"] = fold(value)
        with self._db(site).engine.begin() as conn:
            conn.execute(update(Client).where(Client.id == client).values(**changes))

    @rule(site=st.sampled_from(SITES), client=clients, delete=st.booleans())
    def delete_or_restore(self, site: str, client: uuid.UUID, delete: bool) -> None:
        if not self._exists(site, client):
            return
        with self._db(site).engine.begin() as conn:
            conn.execute(
                update(Client)
                .where(Client.id == client)
                .values(deleted_at=utcnow() if delete else None, updated_at=utcnow())
            )

    @rule(laptop=st.sampled_from(LAPTOPS), page=st.integers(min_value=1, max_value=5))
    def sync(self, laptop: str, page: int) -> None:
        engine.synchronise(self.laptops[laptop], self.server, page_size=page)

    @rule(laptop=st.sampled_from(LAPTOPS))
    def push_without_acknowledgement(self, laptop: str) -> None:
        """The server applies a batch, the answer never arrives: the laptop keeps it."""
        db = self.laptops[laptop]
        batch = engine._next_batch(db, 3)
        if batch is None:
            return
        with db.engine.connect() as conn:
            states = engine._states(conn, batch.entries)
        engine.send_batch(self.server, batch.batch_id, uuid.uuid4().hex, states)

    @rule(laptop=st.sampled_from(LAPTOPS), fault=st.sampled_from(["lose", "twice"]))
    def faulty_push(self, laptop: str, fault: str) -> None:
        """The transport loses a batch before the office, or delivers it twice."""
        if fault == "lose":
            transport.lose_push(self.laptops[laptop])
        else:
            transport.push_twice(self.laptops[laptop], self.server)

    @rule(laptop=st.sampled_from(LAPTOPS), size=st.integers(min_value=1, max_value=3))
    def pages_out_of_order(self, laptop: str, size: int) -> None:
        """The transport hands the laptop pages last first, one of them twice."""
        transport.pages_out_of_order(self.laptops[laptop], self.server, size)

    @rule()
    def office_compacts(self) -> None:
        """`server compact` with no keeping time: deletions every laptop has pulled go
        for good, and the laptops remove them at their next pull."""
        compaction.compact(self.server, keep_days=0)

    @rule(laptop=st.sampled_from(LAPTOPS))
    def reopen(self, laptop: str) -> None:
        """The program was killed between transactions: the file is opened afresh."""
        self.laptops[laptop].dispose()
        self.laptops[laptop] = open_database(Location(kind="sqlite", path=self.paths[laptop]))

    @rule(site=st.sampled_from(SITES))
    def issue_invoice(self, site: str) -> None:
        """A draft made and issued: at the office it is numbered at once, on a laptop
        it waits for its number until the office receives it."""
        database = self._db(site)
        with database.unit_of_work() as session:
            draft = create_invoice(
                session,
                InvoiceChanges(
                    client_id=self.payer,
                    lines=[InvoiceLineInput(name="Работы", quantity="1", price="1000")],
                ),
            )
            issue_invoice(session, draft.id)

    @rule(laptop=st.sampled_from(LAPTOPS), seconds=st.integers(min_value=1, max_value=120))
    def clock_runs_fast(self, laptop: str, seconds: int) -> None:
        """The laptop's clock is ahead of the office's (within what a push may carry):
        its next edits carry later clocks than the office's."""
        ahead = (hlc.now_ms() + seconds * 1000) << 16
        with self.laptops[laptop].engine.begin() as conn:
            conn.execute(text("UPDATE sync_site SET hlc = max(hlc, :h) WHERE id = 1"), {"h": ahead})

    def _purged(self) -> set[uuid.UUID]:
        with self.server.engine.connect() as conn:
            return set(conn.execute(text("SELECT row_id FROM sync_purged")).scalars())

    @invariant()
    def committed_edits_are_queued_or_on_the_server(self) -> None:
        for name, laptop in self.laptops.items():
            queued = _pending(laptop)
            with laptop.engine.connect() as conn:
                ids = [
                    uuid.UUID(str(r))
                    for r in conn.execute(text("SELECT id FROM clients")).scalars()
                ]
            purged = self._purged()
            for row_id in ids:
                if row_id in queued or row_id in purged:
                    continue
                mine, office = _clocks(laptop, row_id), _clocks(self.server, row_id)
                for field, stamp in mine.items():
                    assert office.get(field, (0, "")) >= stamp, (name, row_id, field)

    def teardown(self) -> None:
        try:
            for _round in range(2):
                for laptop in self.laptops.values():
                    engine.synchronise(laptop, self.server)
            office = snapshot(self.server)
            for name, laptop in self.laptops.items():
                assert _pending(laptop) == set(), name
                assert snapshot(laptop) == office, name
            with self.server.engine.connect() as conn:
                rows = conn.execute(
                    text("SELECT status, series, number FROM invoices ORDER BY number")
                ).all()
            assert all(r.status == "issued" for r in rows), rows
            assert [r.number for r in rows] == list(range(1, len(rows) + 1))
        finally:
            for laptop in self.laptops.values():
                laptop.dispose()
            self.server.dispose()
            self._exit.close()


def test_random_histories_converge(
    pg_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    slow = bool(request.config.getoption("--slow"))
    Offices.pg_url = pg_url
    Offices.root = tmp_path
    run_state_machine_as_test(
        Offices,
        settings=settings(
            max_examples=200 if slow else 10,
            stateful_step_count=40 if slow else 20,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
