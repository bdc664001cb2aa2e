"""Two people create the same client offline on two laptops (issue 8): after the sync
each laptop offers the pair for merge, nothing is merged by itself, nothing is hidden;
a merge on one laptop settles the pair everywhere; "different clients" dismisses it."""

from __future__ import annotations

import uuid

from sqlalchemy import text

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.merge import merge_clients
from crm_desktop.store.database import Database
from crm_desktop.sync import engine
from tests.sync_replicas import Laptop


def _add(db: Database, name: str, phone: str | None = None, email: str | None = None) -> uuid.UUID:
    with db.unit_of_work() as session:
        changes = ClientChanges(
            name=name, phones=[phone] if phone else [], emails=[email] if email else []
        )
        return create_client(session, changes).id


def _alive(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.execute(
                text("SELECT count(*) FROM clients WHERE deleted_at IS NULL AND name LIKE 'Дубл%'")
            ).scalar_one()
        )


def test_the_same_client_made_on_two_laptops_is_offered_for_merge_on_both(
    server: Database, laptop: Laptop
) -> None:
    anna, boris = laptop("anna"), laptop("boris")
    annas = _add(anna, "Дублев Иван", "+79161234500")
    boris_s = _add(boris, "Дублёв Иван Петрович", "8 916 123-45-00")  # same number
    unrelated = _add(boris, "Дублина Ольга", "+79035550101")
    by_name = _add(anna, "Дублина Мария")
    same_name = _add(boris, "Дублина Мария")  # same name, both at no company
    engine.synchronise(anna, server)
    report = engine.synchronise(boris, server)
    assert report.duplicates == 2  # Ивана by phone, Мария by name
    engine.synchronise(anna, server)
    for mine in (anna, boris):
        pairs = engine.duplicates_json(mine)
        assert {(p["reason"], frozenset((p["client_id"], p["other_id"]))) for p in pairs} == {
            ("phone", frozenset((str(annas), str(boris_s)))),
            ("name", frozenset((str(by_name), str(same_name)))),
        }
        assert str(unrelated) not in {p["client_id"] for p in pairs} | {
            p["other_id"] for p in pairs
        }
    assert _alive(server) == 5  # nothing merged by itself
    # Boris merges; after the syncs the pair is gone on both laptops, one client left
    with boris.unit_of_work() as session:
        merge_clients(session, boris_s, annas)
    engine.synchronise(boris, server)
    engine.synchronise(anna, server)
    for database in (anna, boris):
        assert [p["reason"] for p in engine.duplicates_json(database)] == ["name"]
        assert _alive(database) == 4
    assert _alive(server) == 4
    # Anna says the two Марии are different people: no longer offered to her
    pair = engine.duplicates_json(anna)[0]
    engine.dismiss_duplicate(anna, pair["id"])
    assert engine.duplicates_json(anna) == []
    engine.synchronise(anna, server)
    assert engine.duplicates_json(anna) == []
