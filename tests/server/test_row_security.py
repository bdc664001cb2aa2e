"""Row-level security, attacked from a colleague's own login (psql-level access with her
credentials, no program in between): she must see exactly what the app would show her."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine

from crm_desktop.store.license_admin import set_unassigned_visible
from tests.server.conftest import Office, seated

# every table with client data, and how to find the owning manager of each row
OWNED_BY = {
    "clients": "SELECT owner FROM clients WHERE id = t.id",
    "phones": "SELECT owner FROM clients WHERE id = t.client_id",
    "emails": "SELECT owner FROM clients WHERE id = t.client_id",
    "addresses": "SELECT owner FROM clients WHERE id = t.client_id",
    "interactions": "SELECT owner FROM clients WHERE id = t.client_id",
    "deals": "SELECT owner FROM clients WHERE id = t.client_id",
    "deal_lines": "SELECT c.owner FROM deals d JOIN clients c ON c.id = d.client_id "
    "WHERE d.id = t.deal_id",
    "tasks": "SELECT owner FROM clients WHERE id = t.client_id",
    "invoices": "SELECT owner FROM clients WHERE id = t.client_id",
    "invoice_lines": "SELECT c.owner FROM invoices i JOIN clients c ON c.id = i.client_id "
    "WHERE i.id = t.invoice_id",
    "orders": "SELECT owner FROM clients WHERE id = t.client_id",
    "order_events": "SELECT c.owner FROM orders o JOIN clients c ON c.id = o.client_id "
    "WHERE o.id = t.order_id",
}


def _owners(conn: psycopg.Connection[Any], table: str) -> dict[str | None, int]:
    """For the superuser: how many rows of `table` belong to each manager."""
    rows = conn.execute(
        f"SELECT ({OWNED_BY[table]}) AS o, count(*) FROM {table} t GROUP BY 1"
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def _count(conn: psycopg.Connection[Any], table: str) -> int:
    row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert row is not None
    return int(row[0])


def test_a_manager_sees_only_her_rows_in_every_client_table(office: Office) -> None:
    admin = psycopg.connect(office.dsn("postgres"), autocommit=True)
    with seated(office, "ivanova") as anna, seated(office, "kuznetsov") as boss:
        for table in OWNED_BY:
            owners = _owners(admin, table)
            total = sum(owners.values())
            assert owners.get("ivanova", 0) > 0, f"no sample rows of ivanova in {table}"
            assert owners.get("petrov", 0) > 0, f"no sample rows of petrov in {table}"
            assert _count(anna, table) == owners["ivanova"], table
            assert _count(boss, table) == total, table
        others = anna.execute("SELECT count(*) FROM clients WHERE owner <> 'ivanova'").fetchone()
        assert others == (0,)
    admin.close()


def test_a_manager_cannot_change_or_take_away_anothers_client(office: Office) -> None:
    with seated(office, "ivanova") as anna:
        changed = anna.execute("UPDATE clients SET name = 'взлом' WHERE owner = 'petrov'")
        assert changed.rowcount == 0
        gone = anna.execute("DELETE FROM phones")
        admin = psycopg.connect(office.dsn("postgres"), autocommit=True)
        left = admin.execute(
            "SELECT count(*) FROM phones p JOIN clients c ON c.id = p.client_id "
            "WHERE c.owner = 'petrov'"
        ).fetchone()
        assert left is not None and left[0] > 0  # her DELETE reached only her own phones
        assert gone.rowcount < _count(admin, "phones") + gone.rowcount
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            anna.execute(
                "UPDATE clients SET owner = 'petrov' WHERE id = "
                "(SELECT id FROM clients WHERE owner = 'ivanova' LIMIT 1)"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            anna.execute(
                "INSERT INTO clients (id, kind, name, owner, created_at, updated_at, version, "
                "name_folded, search_text) VALUES (gen_random_uuid(), 'person', 'x', 'petrov', "
                "now(), now(), 1, 'x', 'x')"
            )
        admin.close()


def test_nobody_becomes_the_owner_or_reads_the_server_tables(office: Office) -> None:
    prefix = office.admin  # the roles of this copy are the template's
    with seated(office, "ivanova") as anna:
        roles = [
            r[0]
            for r in anna.execute(
                "SELECT rolname FROM pg_roles WHERE rolname LIKE 'crm_%owner'"
            ).fetchall()
        ]
        assert roles, prefix
        for role in roles:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                anna.execute(f'SET ROLE "{role}"')
        for table in (
            "crm_license",
            "crm_seats",
            "crm_seat_tokens",
            "crm_seat_sessions",
            "crm_server_settings",
            "invoice_counters",
            "login_attempts",
        ):
            for statement in (f"SELECT * FROM {table}", f"DELETE FROM {table}"):
                if table == "invoice_counters" and statement.startswith("SELECT"):
                    continue  # readable (the last number shown), never writable
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    anna.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            anna.execute("INSERT INTO crm_license (id, document, signature) VALUES (1, '{}', '')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            anna.execute("UPDATE invoice_counters SET last_number = 0")


def test_a_connection_without_a_seat_sees_nothing(office: Office) -> None:
    for login in ("ivanova", "kuznetsov", "buh", "tsekh", "chief"):
        conn = office.connect(login, seat=False)
        for table in ("clients", "phones", "deals", "invoices", "orders", "users", "products"):
            assert _count(conn, table) == 0, (login, table)
        # a seat's lock cannot even be taken by hand, without the function
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT pg_advisory_lock(1129467137, 1)")
        assert _count(conn, "clients") == 0
        conn.close()


def test_accountant_and_production_see_their_part(office: Office) -> None:
    admin = psycopg.connect(office.dsn("postgres"), autocommit=True)
    with seated(office, "buh") as buh, seated(office, "tsekh") as tsekh:
        assert _count(buh, "invoices") == _count(admin, "invoices")
        assert _count(buh, "orders") == _count(admin, "orders")
        on_papers = admin.execute(
            "SELECT count(*) FROM clients WHERE id IN (SELECT client_id FROM invoices) "
            "OR id IN (SELECT client_id FROM orders)"
        ).fetchone()
        assert on_papers is not None
        assert _count(buh, "clients") == on_papers[0] < _count(admin, "clients")
        assert buh.execute("UPDATE clients SET name = 'x'").rowcount == 0  # read-only
        assert _count(buh, "phones") == 0 and _count(buh, "deals") == 0

        made = admin.execute(
            "SELECT count(*) FROM orders WHERE status IN "
            "('prepaid', 'in_production', 'ready', 'shipped', 'closed')"
        ).fetchone()
        assert made is not None and made[0] > 0
        assert _count(tsekh, "orders") == made[0] < _count(admin, "orders")
        for table in ("clients", "phones", "emails", "addresses", "invoices", "deals"):
            assert _count(tsekh, table) == 0, table
        assert _count(tsekh, "order_events") > 0
    admin.close()


def test_unassigned_clients_are_shown_to_managers_only_when_the_setting_says(
    office: Office,
) -> None:
    admin = psycopg.connect(office.dsn("postgres"), autocommit=True)
    admin.execute(
        "UPDATE clients SET owner = NULL WHERE id = (SELECT id FROM clients "
        "WHERE owner = 'petrov' LIMIT 1)"
    )
    engine = create_engine(office.admin.sqlalchemy_url())
    with seated(office, "ivanova") as anna:
        mine = _count(anna, "clients")
        assert (
            anna.execute("UPDATE clients SET owner = 'ivanova' WHERE owner IS NULL").rowcount == 0
        )
        with engine.begin() as conn:  # `server set --unassigned-visible on`
            set_unassigned_visible(conn, True)
        assert _count(anna, "clients") == mine + 1
        # she may take it, not give it away
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            anna.execute("UPDATE clients SET owner = 'smirnova' WHERE owner IS NULL")
        taken = anna.execute("UPDATE clients SET owner = 'ivanova' WHERE owner IS NULL")
        assert taken.rowcount == 1
        with engine.begin() as conn:
            set_unassigned_visible(conn, False)
        assert _count(anna, "clients") == mine + 1  # hers now
    engine.dispose()
    admin.close()
