"""Actions on many selected clients at once: tag, assign, delete and undo."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from crm_desktop.errors import ValidationError
from crm_desktop.models import ClientTag, Role
from crm_desktop.services.client_list import ClientFilter, list_clients
from crm_desktop.services.clients import (
    ClientChanges,
    assign_owner,
    create_client,
    delete_clients,
    restore_clients,
)
from crm_desktop.services.tags import list_tags, tag_clients, tags_of, untag_clients
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database


def clients(db: Database, *names: str) -> list[uuid.UUID]:
    with db.unit_of_work() as session:
        return [create_client(session, ClientChanges(name=n)).id for n in names]


def live(db: Database) -> list[str]:
    with db.unit_of_work() as session:
        return [r.name for r in list_clients(session).rows]


def test_delete_many_and_undo(db: Database) -> None:
    ids = clients(db, "Алексеев", "Борисов", "Васильев")
    with db.unit_of_work() as session:
        delete_clients(session, [ids[0]])
    with db.unit_of_work() as session:
        moved = delete_clients(session, ids)
    assert moved == [ids[1], ids[2]] or sorted(moved) == sorted(ids[1:])
    assert live(db) == []
    with db.unit_of_work() as session:
        assert restore_clients(session, moved) == 2
    assert live(db) == ["Борисов", "Васильев"]  # the one deleted before stays in the bin


def test_tag_many_once_and_filter_by_it(db: Database) -> None:
    ids = clients(db, "Алексеев", "Борисов", "Васильев")
    with db.unit_of_work() as session:
        vip = tag_clients(session, ids[:2], "VIP")
        again = tag_clients(session, [ids[0], ids[0]], " vip ")
    assert again.id == vip.id
    with db.unit_of_work() as session:
        tagged = [r.name for r in list_clients(session, where=ClientFilter(tag_id=vip.id)).rows]
        links = session.scalar(select(func.count()).select_from(ClientTag))
        assert [t.name for t in list_tags(session)] == ["VIP"]
        assert [t.name for t in tags_of(session, ids[0])] == ["VIP"]
    assert tagged == ["Алексеев", "Борисов"]
    assert links == 2
    with db.unit_of_work() as session:
        assert untag_clients(session, ids, vip.id) == 2
        tag_clients(session, [ids[0]], "VIP")
    with db.unit_of_work() as session:
        tagged = [r.name for r in list_clients(session, where=ClientFilter(tag_id=vip.id)).rows]
        links = session.scalar(select(func.count()).select_from(ClientTag))
    assert tagged == ["Алексеев"]
    assert links == 2  # the link came back instead of a new row


def test_assign_owner_to_many(db: Database) -> None:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER)
    ids = clients(db, "Алексеев", "Борисов")
    with db.unit_of_work() as session:
        assert assign_owner(session, ids, "anna") == 2
    with db.unit_of_work() as session:
        owned = list_clients(session, where=ClientFilter(owner="anna")).rows
    assert len(owned) == 2
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        assign_owner(session, ids, "nobody")
    with db.unit_of_work() as session:
        assert len(list_clients(session, where=ClientFilter(owner="anna")).rows) == 2
