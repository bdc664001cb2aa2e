"""A manager's laptop replica of the office server made by `server init` (issue 8): it
holds what row-level security shows her (her clients with their records, the shared
reference tables) and never another manager's clients; her offline work reaches the
office under her own login; a client handed to someone else leaves her laptop at the
next sync."""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from crm_desktop.services.clients import ClientChanges, assign_owner, create_client, edit_client
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location
from crm_desktop.store.schema import upgrade
from crm_desktop.sync import engine
from tests.cli.conftest import Cli
from tests.server.conftest import Office


@pytest.fixture
def seated(office: Office) -> Iterator[dict[str, Database]]:
    """The office as its administrator ("admin") and as two managers, each seated."""
    opened = {"admin": open_database(office.admin)}
    for login in ("ivanova", "petrov"):
        database = open_database(office.location(login))
        database.take_seat()
        opened[login] = database
    yield opened
    for database in opened.values():
        database.dispose()


def _replica(tmp_path: Path, server: Database, login: str) -> Database:
    laptop = open_database(Location(kind="sqlite", path=tmp_path / f"{login}.sqlite3"), create=True)
    upgrade(laptop)
    engine.init_replica(laptop, server, server.location.url(), login)
    return laptop


def _owners(laptop: Database) -> set[str | None]:
    with laptop.engine.connect() as conn:
        return {r[0] for r in conn.execute(text("SELECT DISTINCT owner FROM clients"))}


def _office_clients(admin: Database, owner: str) -> set[uuid.UUID]:
    with admin.engine.connect() as conn:
        rows = conn.execute(text("SELECT id FROM clients WHERE owner = :o"), {"o": owner})
        return {r[0] for r in rows}


def _laptop_clients(laptop: Database) -> set[uuid.UUID]:
    with laptop.engine.connect() as conn:
        return {uuid.UUID(str(r[0])) for r in conn.execute(text("SELECT id FROM clients"))}


def test_a_managers_replica_holds_her_clients_and_never_anothers(
    tmp_path: Path, seated: dict[str, Database]
) -> None:
    admin = seated["admin"]
    hers = _office_clients(admin, "ivanova")
    assert hers and _office_clients(admin, "petrov")
    laptop = _replica(tmp_path, seated["ivanova"], "ivanova")
    assert _laptop_clients(laptop) == hers
    assert _owners(laptop) == {"ivanova"}
    with laptop.engine.connect() as conn:
        users = {r[0] for r in conn.execute(text("SELECT login FROM users"))}
        # her clients' phones came with them, nobody else's
        foreign = conn.execute(
            text(
                "SELECT count(*) FROM phones p LEFT JOIN clients c ON c.id = p.client_id "
                "WHERE c.id IS NULL"
            )
        ).scalar_one()
    assert {"ivanova", "petrov", "chief"} <= users and foreign == 0
    # Petrov's new client at the office never reaches her laptop
    with seated["petrov"].unit_of_work("petrov") as session:
        create_client(session, ClientChanges(name="Клиент Петрова"))
    report = engine.synchronise(laptop, seated["ivanova"])
    assert report.pulled == 0
    assert _owners(laptop) == {"ivanova"}
    laptop.dispose()


def test_her_offline_client_reaches_the_office_as_hers(
    tmp_path: Path, seated: dict[str, Database]
) -> None:
    laptop = _replica(tmp_path, seated["ivanova"], "ivanova")
    with laptop.unit_of_work("ivanova") as session:
        added = create_client(
            session, ClientChanges(name="Полевой Клиент", phones=["+79161112233"])
        )
    report = engine.synchronise(laptop, seated["ivanova"])
    assert report.pushed == 2 and report.pending == 0
    assert added.id in _office_clients(seated["admin"], "ivanova")
    laptop.dispose()


def test_a_client_handed_to_another_manager_leaves_her_laptop(
    tmp_path: Path, seated: dict[str, Database]
) -> None:
    admin = seated["admin"]
    laptop = _replica(tmp_path, seated["ivanova"], "ivanova")
    moved = sorted(_office_clients(admin, "ivanova"))[0]
    kept = sorted(_office_clients(admin, "ivanova"))[1]
    with laptop.unit_of_work("ivanova") as session:  # an offline edit of another client
        edit_client(session, kept, ClientChanges(position="Главный инженер"))
    with admin.unit_of_work(None) as session:
        assign_owner(session, [moved], "petrov")
    engine.synchronise(laptop, seated["ivanova"])
    on_laptop = _laptop_clients(laptop)
    assert moved not in on_laptop and kept in on_laptop
    assert on_laptop == _office_clients(admin, "ivanova")
    path = laptop.location.path
    assert path is not None
    with sqlite3.connect(path) as conn:
        left = conn.execute(
            "SELECT count(*) FROM phones WHERE client_id = ?", (moved.hex,)
        ).fetchone()
        clocks = conn.execute(
            "SELECT count(*) FROM sync_row WHERE row_id = ?", (moved.hex,)
        ).fetchone()
    assert left == (0,) and clocks == (0,)
    with admin.engine.connect() as conn:
        position = conn.execute(
            text("SELECT position FROM clients WHERE id = :i"), {"i": kept}
        ).scalar_one()
    assert position == "Главный инженер"
    laptop.dispose()


def test_a_client_handed_to_her_arrives_with_its_older_records(
    tmp_path: Path, seated: dict[str, Database]
) -> None:
    admin = seated["admin"]
    laptop = _replica(tmp_path, seated["ivanova"], "ivanova")
    given = sorted(_office_clients(admin, "petrov"))[0]
    with admin.engine.connect() as conn:
        phones = set(
            conn.scalars(text("SELECT e164 FROM phones WHERE client_id = :c"), {"c": given})
        )
        deals = set(conn.scalars(text("SELECT id FROM deals WHERE client_id = :c"), {"c": given}))
    assert phones or deals  # the demo's client has some history
    with admin.unit_of_work(None) as session:
        assign_owner(session, [given], "ivanova")
    engine.synchronise(laptop, seated["ivanova"])
    assert given in _laptop_clients(laptop)
    path = laptop.location.path
    assert path is not None
    with sqlite3.connect(path) as conn:
        here_phones = {
            r[0] for r in conn.execute("SELECT e164 FROM phones WHERE client_id = ?", (given.hex,))
        }
        here_deals = {
            uuid.UUID(r[0])
            for r in conn.execute("SELECT id FROM deals WHERE client_id = ?", (given.hex,))
        }
    assert here_phones == phones and here_deals == deals
    laptop.dispose()


def test_her_new_contact_at_a_colleagues_company_arrives_without_breaking_the_sync(
    tmp_path: Path, seated: dict[str, Database]
) -> None:
    """A person of hers works at a company a colleague owns: the laptop cannot hold the
    company, so it keeps the person with the company left empty (the office keeps it)."""
    admin = seated["admin"]
    laptop = _replica(tmp_path, seated["ivanova"], "ivanova")
    with admin.engine.connect() as conn:
        company = conn.execute(
            text("SELECT id, name FROM clients WHERE owner = 'petrov' AND kind = 'company' LIMIT 1")
        ).one()
    with admin.unit_of_work(None) as session:
        person = create_client(
            session,
            ClientChanges(name="Сотрудник Чужой Фирмы", company_id=company.id, owner="ivanova"),
        ).id
    report = engine.synchronise(laptop, seated["ivanova"])
    assert report.pending == 0
    with laptop.engine.connect() as conn:
        row = conn.execute(
            text("SELECT company_id FROM clients WHERE id = :i"), {"i": person.hex}
        ).one()
    assert row.company_id is None
    with admin.engine.connect() as conn:
        kept = conn.execute(
            text("SELECT company_id FROM clients WHERE id = :i"), {"i": person}
        ).scalar_one()
    assert kept == company.id
    # the company handed to her: it arrives, and her contact is at it again
    with admin.unit_of_work(None) as session:
        assign_owner(session, [company.id], "ivanova")
    engine.synchronise(laptop, seated["ivanova"])
    with laptop.engine.connect() as conn:
        again = conn.execute(
            text("SELECT company_id FROM clients WHERE id = :i"), {"i": person.hex}
        ).scalar_one()
    assert again is not None and uuid.UUID(str(again)) == company.id
    laptop.dispose()


def test_her_laptop_from_the_command_line_and_a_full_license_is_exit_75(
    tmp_path: Path, office: Office
) -> None:
    """`replica init` with her login, a client added with no --user (the replica acts as
    her), `sync`: the client is hers at the office. With every seat taken by colleagues
    the sync is exit 75 in one sentence naming them, and the client stays queued."""
    mine = Cli(db=str(tmp_path / "anna.sqlite3"), home=tmp_path / "home")
    url = office.location("ivanova").url()
    made = mine("replica", "init", "--server", url, "--json")
    assert made.code == 0, made.err
    added = mine("client", "add", "--name", "Клиент С Выставки", "--json")
    assert added.code == 0, added.err
    assert added.json()["owner"] == "ivanova"
    first = psycopg.connect(office.dsn("petrov"), autocommit=True)
    second = psycopg.connect(office.dsn("smirnova"), autocommit=True)
    try:
        for conn, host in ((first, "pc-petrov"), (second, "pc-smirnova")):
            conn.execute("SELECT * FROM crm_take_seat(%s)", (host,)).fetchone()
        busy = mine("sync", "--json")
        assert busy.code == 75 and busy.out == ""
        assert len(busy.err.strip().splitlines()) == 1
        assert "petrov" in busy.err and "smirnova" in busy.err
        assert mine("sync", "status", "--json").json()["pending"] == 1
    finally:
        first.close()
        second.close()
    synced = mine("sync", "--json")
    assert synced.code == 0, synced.err
    assert synced.json()["pushed"] == 1 and synced.json()["pending"] == 0
    with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
        owner = admin.execute(
            "SELECT owner FROM clients WHERE id = %s", (uuid.UUID(added.json()["id"]),)
        ).fetchone()
    assert owner == ("ivanova",)


def test_her_offline_edit_of_a_client_handed_away_meanwhile_does_not_block_her_sync(
    tmp_path: Path, seated: dict[str, Database]
) -> None:
    admin = seated["admin"]
    laptop = _replica(tmp_path, seated["ivanova"], "ivanova")
    moved = sorted(_office_clients(admin, "ivanova"))[0]
    with laptop.unit_of_work("ivanova") as session:
        edit_client(session, moved, ClientChanges(position="Снабженец"))
        added = create_client(session, ClientChanges(name="Новый Её Клиент"))
    with admin.unit_of_work(None) as session:
        assign_owner(session, [moved], "petrov")
    report = engine.synchronise(laptop, seated["ivanova"])
    assert report.pending == 0 and report.conflicts == 1
    assert added.id in _office_clients(admin, "ivanova")
    assert moved not in _laptop_clients(laptop)
    with admin.engine.connect() as conn:
        position = conn.execute(
            text("SELECT position FROM clients WHERE id = :i"), {"i": moved}
        ).scalar_one()
    assert position != "Снабженец"  # Petrov's client now: left as the office has it
    listed = engine.conflicts_json(laptop)
    assert [(c["kind"], c["record_id"]) for c in listed] == [("hidden", str(moved))]
    assert listed[0]["mine"]["position"] == "Снабженец"  # what she typed is kept in view
    engine.resolve_conflict(laptop, listed[0]["id"], keep="mine")
    assert engine.conflicts_json(laptop) == []
    laptop.dispose()


def test_a_record_added_offline_to_a_client_handed_away_comes_back_as_a_conflict(
    tmp_path: Path, seated: dict[str, Database]
) -> None:
    admin = seated["admin"]
    laptop = _replica(tmp_path, seated["ivanova"], "ivanova")
    moved = sorted(_office_clients(admin, "ivanova"))[0]
    with laptop.unit_of_work("ivanova") as session:
        edit_client(session, moved, ClientChanges(phones=["+79160001122"]))
    with admin.unit_of_work(None) as session:
        assign_owner(session, [moved], "petrov")
    report = engine.synchronise(laptop, seated["ivanova"])
    assert report.pending == 0 and report.conflicts >= 1
    kinds = {(c["kind"], c["table"]) for c in engine.conflicts_json(laptop)}
    assert ("hidden", "phones") in kinds
    with admin.engine.connect() as conn:
        phones = set(
            conn.scalars(text("SELECT e164 FROM phones WHERE client_id = :c"), {"c": moved})
        )
    assert "+79160001122" not in phones  # Petrov's client now: left as the office has it
    assert engine.synchronise(laptop, seated["ivanova"]).pending == 0
    laptop.dispose()


def test_a_hidden_conflict_survives_a_lost_acknowledgement(
    tmp_path: Path, seated: dict[str, Database]
) -> None:
    """The office applied her batch but its answer never arrived: the retry applies
    nothing again, yet brings the same conflicts, so her edit is not lost unseen."""
    admin, office = seated["admin"], seated["ivanova"]
    laptop = _replica(tmp_path, office, "ivanova")
    moved = sorted(_office_clients(admin, "ivanova"))[0]
    with laptop.unit_of_work("ivanova") as session:
        edit_client(session, moved, ClientChanges(position="Снабженец"))
    with admin.unit_of_work(None) as session:
        assign_owner(session, [moved], "petrov")
    batch = engine._next_batch(laptop, engine.PUSH_BATCH)
    assert batch is not None
    with laptop.engine.connect() as conn:
        states = engine._states(conn, batch.entries)
    site = engine._site(laptop)
    first = engine.send_batch(office, batch.batch_id, site, states)  # answer lost
    assert [c.kind.value for c in first] == ["hidden"]
    engine.synchronise(laptop, office)  # sends the same batch again
    assert [(c["kind"], c["record_id"]) for c in engine.conflicts_json(laptop)] == [
        ("hidden", str(moved))
    ]
    assert moved not in _laptop_clients(laptop)
    laptop.dispose()


def test_the_sync_tables_give_a_manager_nothing_beyond_her_rows(office: Office) -> None:
    """As a colleague with psql and her own login: she reads the sync records of her
    rows only, cannot rewrite the clocks of what she may only read (the users), cannot
    stamp a clock far ahead on her own rows, nor push the office's clock ahead."""
    far = (int(time.time() * 1000) + 365 * 24 * 3600 * 1000) << 16
    with office.connect("postgres", seat=False) as admin:
        theirs = admin.execute("SELECT count(*) FROM clients WHERE owner = 'ivanova'").fetchone()
        user_id = admin.execute("SELECT id FROM users WHERE login = 'chief'").fetchone()
        client_id = admin.execute(
            "SELECT id FROM clients WHERE owner = 'ivanova' LIMIT 1"
        ).fetchone()
    assert theirs is not None and user_id is not None and client_id is not None
    with office.connect("ivanova") as anna:
        seen = anna.execute("SELECT count(*) FROM sync_row WHERE table_name = 'clients'").fetchone()
        assert seen == theirs
        changed = anna.execute(
            "UPDATE sync_row SET clocks = '{}'::jsonb WHERE table_name = 'users'"
        ).rowcount
        assert changed == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            anna.execute(
                "UPDATE sync_row SET clocks = jsonb_build_object('name', "
                "jsonb_build_array(%s::bigint, 'x')) WHERE table_name = 'clients' AND row_id = %s",
                (far, client_id[0]),
            )
        with pytest.raises(psycopg.errors.RaiseException):
            anna.execute("SELECT crm_sync_observe(%s)", (far,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            anna.execute(
                "INSERT INTO sync_batches (batch_id, site, records, login) "
                "VALUES (gen_random_uuid(), 'x', 1, 'petrov')"
            )
