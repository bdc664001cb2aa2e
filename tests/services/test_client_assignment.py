"""New incoming clients given an owner by the assignment rule for "client" (issue 5,
automatic assignment), on both databases."""

from __future__ import annotations

import collections

import pytest

from crm_desktop.errors import ValidationError
from crm_desktop.models import Role
from crm_desktop.services.assignment import set_absent, set_rule
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database


def managers(db: Database, *logins: str) -> None:
    with db.unit_of_work() as session:
        for login in logins:
            add_user(session, login, Role.MANAGER)


def test_new_clients_go_round_the_managers_and_skip_those_on_holiday(db: Database) -> None:
    managers(db, "anna", "boris", "vera")
    with db.unit_of_work() as session:
        set_absent(session, "vera", True)
    owners: collections.Counter[str | None] = collections.Counter()
    for i in range(10):
        with db.unit_of_work() as session:
            client = create_client(session, ClientChanges(name=f"Клиент {i}", auto_owner=True))
        owners[client.owner] += 1
    assert owners == {"anna": 5, "boris": 5}  # fair, and vera is away


def test_the_rule_for_new_clients_is_the_one_configured(db: Database) -> None:
    managers(db, "anna", "boris")
    with db.unit_of_work() as session:
        set_rule(session, "client", "workload")
        first = create_client(session, ClientChanges(name="Первый", auto_owner=True))
    assert first.owner == "anna"  # equal workload: ties go by login
    with db.unit_of_work() as session, pytest.raises(ValidationError) as err:
        create_client(session, ClientChanges(name="Второй", owner="boris", auto_owner=True))
    assert err.value.field == "owner"
