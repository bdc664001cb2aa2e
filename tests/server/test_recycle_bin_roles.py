"""The recycle bin on a secured office server, as each role: a manager's bin holds what
row-level security lets her see, and she restores it; the CRM's administrator (an app
login, no superuser) sees every deletion but is told that only the server's
administrator erases for good; the superuser erases, and the purge log tells the
laptops."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from crm_desktop.errors import PermissionDenied
from crm_desktop.services.clients import delete_client
from crm_desktop.services.recycle_bin import BinKind as Kind
from crm_desktop.services.recycle_bin import (
    bin_count,
    bin_page,
    bin_permission,
    empty_bin,
    restore,
)
from crm_desktop.store.database import Database, open_database
from tests.server.conftest import Office


@pytest.fixture
def as_user(licensed: Office) -> Iterator[dict[str, Database]]:
    opened: dict[str, Database] = {}
    for login in ("ivanova", "petrov", "chief"):
        db = open_database(licensed.location(login))
        db.take_seat("test")
        opened[login] = db
    yield opened
    for db in opened.values():
        db.dispose()


def _free_client(office: Office, login: str) -> object:
    """One of `login`'s clients that no deal, task, invoice, order or person names (asked
    as the superuser: row-level security would hide a colleague's person of a company)."""
    free = " AND ".join(
        f"NOT EXISTS (SELECT 1 FROM {table} AS r WHERE r.{column} = c.id)"
        for table, column in (
            ("deals", "client_id"),
            ("tasks", "client_id"),
            ("invoices", "client_id"),
            ("orders", "client_id"),
            ("clients", "company_id"),
            ("clients", "merged_into_id"),
        )
    )
    admin = open_database(office.admin)
    try:
        with admin.unit_of_work(None, write=False) as session:
            return session.execute(
                text(f"SELECT c.id FROM clients c WHERE c.owner = :o AND {free} ORDER BY c.id"),
                {"o": login},
            ).first()[0]  # type: ignore[index]
    finally:
        admin.dispose()


def test_each_role_and_the_bin(office: Office, as_user: dict[str, Database]) -> None:
    anna, petrov, chief = as_user["ivanova"], as_user["petrov"], as_user["chief"]
    hers, his = _free_client(office, "ivanova"), _free_client(office, "petrov")
    with anna.unit_of_work("ivanova") as session:
        delete_client(session, hers)  # type: ignore[arg-type]
    with petrov.unit_of_work("petrov") as session:
        delete_client(session, his)  # type: ignore[arg-type]
    with anna.unit_of_work("ivanova", write=False) as session:
        entries = bin_page(session).rows
        assert [(e.id, e.deleted_by) for e in entries] == [(hers, "ivanova")]
        assert bin_permission(session, "ivanova") == (
            "Only an administrator can erase records from the recycle bin for good."
        )
    with chief.unit_of_work("chief", write=False) as session:
        assert bin_count(session) == 2  # the administrator's group sees every client
        reason = bin_permission(session, "chief")
    assert reason is not None and "PostgreSQL superuser" in reason
    with pytest.raises(PermissionDenied), chief.unit_of_work("chief") as session:
        empty_bin(session, "chief")
    with anna.unit_of_work("ivanova") as session:  # restoring is hers to do
        report = restore(session, Kind.CLIENTS, [hers])  # type: ignore[list-item]
    assert report.refused == [] and report.restored == [(Kind.CLIENTS, hers)]
    admin = open_database(office.admin)
    try:
        with admin.unit_of_work(None) as session:
            assert bin_permission(session, None) is None
            report_erased = empty_bin(session, None)
        assert report_erased.removed == {Kind.CLIENTS: 1}, report_erased.to_json()
        assert report_erased.kept == []
        with admin.engine.connect() as conn:
            logged = conn.execute(
                text("SELECT count(*) FROM sync_purged WHERE row_id = :i"), {"i": his}
            ).scalar_one()
            left = conn.execute(
                text("SELECT count(*) FROM clients WHERE id = :i"), {"i": his}
            ).scalar_one()
        assert (logged, left) == (1, 0)  # gone, and the laptops will hear of it
    finally:
        admin.dispose()
    with anna.unit_of_work("ivanova", write=False) as session:
        assert bin_count(session) == 0
