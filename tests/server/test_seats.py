"""Concurrent-seat licensing, attacked: races for the last seat, dead holders, hand-edited
tables, forged licenses, objects shadowed in pg_temp."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import text

from crm_desktop.errors import LicenseExhausted, LicenseInvalid
from crm_desktop.store import license_document, seats
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.license_document import make_document, sign
from tests.server.conftest import STAFF, Office

LOGINS = [login for login in STAFF if login != "chief"]


@pytest.fixture
def issuer(monkeypatch: pytest.MonkeyPatch) -> Ed25519PrivateKey:
    """A key pair made here; the program trusts its public key in this process only."""
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    monkeypatch.setattr(license_document, "PUBLIC_KEY", public)
    return key


def _install(office: Office, key: Ed25519PrivateKey, seats_n: int, expires: dt.date) -> str:
    document = make_document("ООО «Вектор»", seats_n, expires)
    signature = sign(key, document)
    with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
        admin.execute(
            "INSERT INTO crm_license (id, document, signature) VALUES (1, %s, %s) "
            "ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, "
            "signature = EXCLUDED.signature",
            (document, signature),
        )
    return document


def _admin_sql(office: Office, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
        cur = admin.execute(sql, params or None)
        return cur.fetchall() if cur.description else []


@pytest.fixture
def opened() -> Iterator[list[Database]]:
    dbs: list[Database] = []
    yield dbs
    for db in dbs:
        db.dispose()


def _open(office: Office, login: str, opened: list[Database]) -> Database:
    db = open_database(office.location(login))
    opened.append(db)
    return db


def test_fifty_connections_race_for_five_seats(office: Office, issuer: Ed25519PrivateKey) -> None:
    _install(office, issuer, 5, dt.date.today() + dt.timedelta(days=30))
    conns = [
        psycopg.connect(office.dsn(LOGINS[i % len(LOGINS)]), autocommit=True) for i in range(50)
    ]
    barrier = threading.Barrier(50)
    won: list[int] = []
    refused: list[str] = []
    lock = threading.Lock()

    def race(conn: psycopg.Connection[Any]) -> None:
        barrier.wait()
        try:
            row = conn.execute("SELECT slot FROM crm_take_seat('race')").fetchone()
            assert row is not None
            with lock:
                won.append(row[0])
        except psycopg.Error as error:
            with lock:
                refused.append(str(error.sqlstate))

    threads = [threading.Thread(target=race, args=(c,)) for c in conns]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert sorted(won) == [1, 2, 3, 4, 5]
        assert refused == ["CRM02"] * 45
        holders = _admin_sql(office, "SELECT slot FROM crm_seat_status()")
        assert sorted(h[0] for h in holders) == [1, 2, 3, 4, 5]
    finally:
        for c in conns:
            c.close()


def test_a_dead_holder_frees_the_seat_at_once(office: Office, opened: list[Database]) -> None:
    first = office.connect("ivanova")
    second = office.connect("petrov")  # the two free seats are taken
    with pytest.raises(LicenseExhausted) as refused:
        _open(office, "smirnova", opened).take_seat()
    assert "ivanova" in refused.value.message and "petrov" in refused.value.message
    _admin_sql(office, "SELECT pg_terminate_backend(%s, 5000)", first.info.backend_pid)
    seat = _open(office, "smirnova", opened).take_seat()
    assert seat is not None and seat.slot == 1
    second.close()


def test_deleting_the_registry_by_hand_frees_nothing(office: Office) -> None:
    first, second = office.connect("ivanova"), office.connect("petrov")
    _admin_sql(office, "DELETE FROM crm_seats")
    _admin_sql(office, "DELETE FROM crm_seat_tokens")
    third = psycopg.connect(office.dsn("smirnova"), autocommit=True)
    with pytest.raises(psycopg.Error) as refused:
        third.execute("SELECT * FROM crm_take_seat('x')")
    assert refused.value.sqlstate == "CRM02"
    for c in (first, second, third):
        c.close()


def test_a_tampered_license_is_refused_and_takes_no_seat(
    office: Office, issuer: Ed25519PrivateKey, opened: list[Database]
) -> None:
    document = _install(office, issuer, 5, dt.date.today() + dt.timedelta(days=30))
    assert _open(office, "ivanova", opened).take_seat() is not None
    edits = [
        ("UPDATE crm_license SET document = replace(document, '\"seats\":5', '\"seats\":50')",),
        (
            "UPDATE crm_license SET signature = "
            "overlay(signature placing (CASE WHEN substr(signature, 5, 1) = 'A' THEN 'B' ELSE 'A' "
            "END) from 5 for 1)",
        ),
    ]
    for (edit,) in edits:
        _install(office, issuer, 5, dt.date.today() + dt.timedelta(days=30))
        _admin_sql(office, edit)
        with pytest.raises(LicenseInvalid):
            _open(office, "petrov", opened).take_seat()
        assert [r[1] for r in _admin_sql(office, "SELECT * FROM crm_seat_status()")] == ["ivanova"]
    other_key = Ed25519PrivateKey.generate()
    _admin_sql(
        office,
        "UPDATE crm_license SET document = %s, signature = %s",
        document,
        sign(other_key, document),
    )
    with pytest.raises(LicenseInvalid):
        _open(office, "petrov", opened).take_seat()


def test_an_expired_license_takes_no_seat(
    office: Office, issuer: Ed25519PrivateKey, opened: list[Database]
) -> None:
    _install(office, issuer, 5, dt.date.today() - dt.timedelta(days=1))
    with pytest.raises(LicenseInvalid) as refused:
        _open(office, "ivanova", opened).take_seat()
    assert "expired" in refused.value.message


def test_shadowing_in_pg_temp_changes_nothing(office: Office) -> None:
    # a login of the CRM's group that is no app user, with her own temporary objects
    _admin_sql(office, "DROP ROLE IF EXISTS mallory")
    group = _admin_sql(office, "SELECT role_prefix FROM crm_server_settings")[0][0] + "_manager"
    _admin_sql(office, f'CREATE ROLE mallory LOGIN IN ROLE "{group}"')
    try:
        conn = psycopg.connect(office.dsn("mallory"), autocommit=True)
        conn.execute("CREATE TEMP TABLE users (login text, disabled bool, deleted_at timestamptz)")
        conn.execute("INSERT INTO pg_temp.users VALUES ('mallory', false, NULL)")
        conn.execute("CREATE TEMP TABLE crm_seat_sessions (pid int, slot int, holder_pid int)")
        conn.execute("INSERT INTO pg_temp.crm_seat_sessions VALUES (pg_backend_pid(), 1, 1)")
        conn.execute(
            "CREATE FUNCTION pg_temp.crm_lock_held(integer, integer, integer) RETURNS boolean "
            "LANGUAGE sql AS 'SELECT true'"
        )
        conn.execute("SET search_path = pg_temp, public")
        with pytest.raises(psycopg.Error) as refused:
            conn.execute("SELECT * FROM public.crm_take_seat('x')")
        assert refused.value.sqlstate == "CRM01"
        assert conn.execute("SELECT public.crm_has_seat()").fetchone() == (False,)
        assert conn.execute("SELECT count(*) FROM public.clients").fetchone() == (0,)
        conn.close()
    finally:
        _admin_sql(office, "DROP OWNED BY mallory")
        _admin_sql(office, "DROP ROLE mallory")


def test_twenty_concurrent_invoice_numbers_are_consecutive(office: Office) -> None:
    conns = [psycopg.connect(office.dsn(LOGINS[i % 2]), autocommit=False) for i in range(20)]
    for c in conns[:2]:
        c.execute("SELECT * FROM crm_take_seat('n')")
        c.commit()
    tokens = _admin_sql(office, "SELECT login, token FROM crm_seat_tokens")
    by_login = dict(tokens)
    for i, c in enumerate(conns[2:], start=2):
        c.execute("SELECT crm_seat_join(%s)", (by_login[LOGINS[i % 2]],))
        c.commit()
    barrier = threading.Barrier(20)
    numbers: list[int] = []
    lock = threading.Lock()

    def issue(conn: psycopg.Connection[Any]) -> None:
        barrier.wait()
        row = conn.execute("SELECT crm_next_invoice_number(2026)").fetchone()
        conn.commit()
        assert row is not None
        with lock:
            numbers.append(row[0])

    threads = [threading.Thread(target=issue, args=(c,)) for c in conns]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    before = 0  # the template's sample invoices were numbered in other series or none
    assert len(numbers) == 20 and len(set(numbers)) == 20
    assert sorted(numbers) == list(range(min(numbers), min(numbers) + 20))
    assert min(numbers) > before
    for c in conns:
        c.close()


def test_the_apps_connections_share_one_seat_and_take_it_again_when_it_dies(
    office: Office, opened: list[Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(seats, "CHECK_EVERY_S", 0.0)
    db = _open(office, "ivanova", opened)
    seat = db.take_seat()
    assert seat is not None
    counts: list[int] = []

    def work() -> None:
        with db.unit_of_work("ivanova", write=False) as session:
            counts.append(int(session.execute(text("SELECT count(*) FROM clients")).scalar_one()))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(counts) == 4 and counts[0] > 0 and len(set(counts)) == 1
    assert len(_admin_sql(office, "SELECT * FROM crm_seat_status()")) == 1  # one seat in all
    assert db.seats is not None and db.seats.seat is not None
    holder = _admin_sql(office, "SELECT pid FROM crm_seats")[0][0]
    _admin_sql(office, "SELECT pg_terminate_backend(%s, 5000)", holder)
    work()  # the seat is taken again; the query still sees her clients
    assert counts[-1] == counts[0]
    assert len(_admin_sql(office, "SELECT * FROM crm_seat_status()")) == 1
