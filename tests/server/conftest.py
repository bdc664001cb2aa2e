"""An office server for the attack tests: a database set up by `server init` (roles,
functions, row-level security) with the demo's staff as PostgreSQL logins and sample
data owned by two managers. It is made once per test session as a template; each test
gets its own copy (the copy keeps the template's roles: their prefix is stored in it)."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, text

from crm_desktop.models import Address, DealLine, Role
from crm_desktop.services.demo import generate_demo
from crm_desktop.services.orders import OrderChanges, create_order, move_order
from crm_desktop.services.tasks import add_task
from crm_desktop.services.users import add_user
from crm_desktop.store.database import open_database
from crm_desktop.store.location import Location, parse_location
from crm_desktop.store.server_setup import init_server
from tests.conftest import _temporary_database

SECURE_TEMPLATE = "crm_secure_template"
STAFF = {
    "ivanova": Role.MANAGER,
    "petrov": Role.MANAGER,
    "smirnova": Role.MANAGER,
    "kuznetsov": Role.EXECUTIVE,
    "buh": Role.ACCOUNTANT,
    "tsekh": Role.PRODUCTION,
    "chief": Role.ADMIN,
}
MANAGERS = ("ivanova", "petrov")
_lock = threading.Lock()


@dataclass(frozen=True)
class Office:
    admin_url: str  # the superuser's URL of this test's database
    database: str

    @property
    def admin(self) -> Location:
        return parse_location(self.admin_url)

    def location(self, login: str) -> Location:
        return replace(self.admin, user=login, password=None)

    def dsn(self, login: str) -> str:
        """A libpq connection string for `login` (psql-level access, as an attacker)."""
        where = self.admin
        return psycopg.conninfo.make_conninfo(
            dbname=where.database, user=login, host=where.socket_dir or where.host or ""
        )

    def connect(self, login: str, *, seat: bool = True) -> psycopg.Connection[Any]:
        """A raw autocommit connection as `login`, seated unless `seat=False`."""
        conn = psycopg.connect(self.dsn(login), autocommit=True)
        if seat:
            conn.execute("SELECT * FROM public.crm_take_seat('test')").fetchone()
        return conn


def _seed(url: str) -> None:
    db = open_database(parse_location(url))
    try:
        with db.unit_of_work(None) as session:
            for login, role in STAFF.items():
                add_user(session, login, role)
        with db.unit_of_work(None) as session:
            generate_demo(session, 120, seed=7)
        for login in MANAGERS:
            with db.unit_of_work(login) as session:
                client_id = (
                    session.execute(
                        text("SELECT id FROM clients WHERE owner = :o ORDER BY id LIMIT 2"),
                        {"o": login},
                    )
                    .scalars()
                    .all()
                )
                for cid in client_id:
                    order = create_order(
                        session, OrderChanges(client_id=cid, specification="Стеллаж", total="1000")
                    )
                    add_task(session, title=f"Позвонить {login}", client_id=cid, assignee=login)
                deal_id = session.execute(
                    text("SELECT id FROM deals WHERE client_id = ANY(:c) LIMIT 1"),
                    {"c": list(client_id)},
                ).scalar()
                for cid in client_id:
                    session.add(Address(client_id=cid, text=f"г. Москва, ул. {login}, д. 1"))
                if deal_id is None:
                    deal_id = session.execute(
                        text("SELECT id FROM deals WHERE owner = :o LIMIT 1"), {"o": login}
                    ).scalar_one()
                session.add(DealLine(deal_id=deal_id, name="Стеллаж металлический"))
                move_order(session, order.id, "awaiting_prepayment")
            with db.unit_of_work("buh") as session:
                move_order(session, order.id, "prepaid")
    finally:
        db.dispose()


@pytest.fixture(scope="session")
def secure_template(pg_url: str) -> str:
    base = parse_location(pg_url)
    engine = create_engine(
        replace(base, database="postgres").sqlalchemy_url(), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {SECURE_TEMPLATE} WITH (FORCE)"))
    engine.dispose()
    init_server(base, SECURE_TEMPLATE)
    url = replace(base, database=SECURE_TEMPLATE).url()
    _seed(url)
    return SECURE_TEMPLATE


@pytest.fixture
def office(pg_url: str, secure_template: str) -> Iterator[Office]:
    with _temporary_database(pg_url, secure_template) as url:
        yield Office(url, parse_location(url).database or "")


def today() -> dt.date:
    return dt.date.today()


@contextlib.contextmanager
def seated(office: Office, login: str) -> Iterator[psycopg.Connection[Any]]:
    conn = office.connect(login)
    try:
        yield conn
    finally:
        conn.close()


@pytest.fixture
def licensed(office: Office, monkeypatch: pytest.MonkeyPatch) -> Office:
    """The office with a 10-seat license signed by a key made here (trusted in this
    process only)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from crm_desktop.store import license_document

    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    monkeypatch.setattr(license_document, "PUBLIC_KEY", public)
    document = license_document.make_document("Тест", 10, today() + dt.timedelta(days=30))
    with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
        admin.execute(
            "INSERT INTO crm_license (id, document, signature) VALUES (1, %s, %s)",
            (document, license_document.sign(key, document)),
        )
    return office
