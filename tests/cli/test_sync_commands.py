"""`replica init`, `sync`, `sync status`, `conflicts` as a user (or a scheduler) runs them:
separate processes, a real office PostgreSQL made by `server init`, crashes at the
failpoints (issue 8)."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from crm_desktop.services.clients import ClientChanges, create_client, delete_client
from crm_desktop.store.database import open_database
from crm_desktop.store.location import Location, parse_location
from tests.cli.conftest import Cli

CRASH = 86  # engine.FAILPOINT_EXIT


@pytest.fixture
def office(pg_url: str, tmp_path: Path) -> Iterator[str]:
    """A fresh office database made by `server init`; yields its (administrator's) URL."""
    name = f"office_{uuid.uuid4().hex[:8]}"
    admin = Cli(db=None, home=tmp_path / "admin")
    admin.ok("server", "init", "--admin-url", pg_url, "--database", name)
    location = replace(parse_location(pg_url), database=name)
    yield location.url()
    engine = create_engine(parse_location(pg_url).sqlalchemy_url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def laptop(tmp_path: Path, office: str, name: str = "laptop") -> Cli:
    runner = Cli(db=str(tmp_path / f"{name}.sqlite3"), home=tmp_path / f"home-{name}")
    made = runner.ok("replica", "init", "--server", office, "--json").json()
    assert made["pulled"] >= 0 and made["pending"] == 0
    return runner


def test_a_laptops_client_reaches_the_office(tmp_path: Path, office: str) -> None:
    mine = laptop(tmp_path, office)
    added = mine.ok("client", "add", "--name", "Полевой Клиент", "--phone", "89161234567", "--json")
    status = mine.ok("sync", "status", "--json").json()
    assert status["pending"] == 2 and status["last_sync"] is not None  # client and phone
    assert status["server"] == office
    report = mine.ok("sync", "--json").json()
    assert report == {"pushed": 2, "pulled": 0, "conflicts": 0, "pending": 0}
    at_office = Cli(db=office, home=tmp_path / "office")
    found = at_office.ok("client", "list", "--json").json()
    assert [c["id"] for c in found] == [added.json()["id"]]
    assert mine.ok("conflicts", "list", "--json").json() == []


def test_a_crash_after_the_server_committed_loses_and_doubles_nothing(
    tmp_path: Path, office: str
) -> None:
    mine = laptop(tmp_path, office)
    mine.ok("client", "add", "--name", "Аварийный Клиент", "--json")
    crashed = mine("sync", "--json", extra_env={"CRM_SYNC_FAILPOINT": "after-server-commit"})
    assert crashed.code == CRASH and crashed.out == ""
    assert mine.ok("sync", "status", "--json").json()["pending"] == 1  # not acknowledged
    assert mine.ok("sync", "--json").json()["pending"] == 0
    at_office = Cli(db=office, home=tmp_path / "office")
    assert [c["name"] for c in at_office.ok("client", "list", "--json").json()] == [
        "Аварийный Клиент"
    ]
    engine = create_engine(parse_location(office).sqlalchemy_url())
    with engine.connect() as conn:
        batches = conn.execute(text("SELECT count(*) FROM sync_batches")).scalar_one()
    engine.dispose()
    assert batches == 1  # the retry carried the same batch id


def test_a_pull_killed_after_a_page_resumes(tmp_path: Path, office: str) -> None:
    mine = laptop(tmp_path, office)
    at_office = Cli(db=office, home=tmp_path / "office")
    for n in range(6):
        at_office.ok("client", "add", "--name", f"Офисный {n}")
    crashed = mine("sync", "--page-size", "2", extra_env={"CRM_SYNC_FAILPOINT": "after-pull-page"})
    assert crashed.code == CRASH
    with sqlite3.connect(tmp_path / "laptop.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM clients").fetchone() == (2,)
        assert conn.execute("SELECT page_txid IS NOT NULL FROM sync_replica").fetchone() == (1,)
    report = mine.ok("sync", "--page-size", "2", "--json").json()
    assert report["pulled"] == 4  # the rest, not the two pages' worth again
    names = [c["name"] for c in mine.ok("client", "list", "--json").json()]
    assert sorted(names) == [f"Офисный {n}" for n in range(6)]


def test_an_unreachable_server_is_exit_75_and_one_line(tmp_path: Path, office: str) -> None:
    mine = laptop(tmp_path, office)
    mine.ok("client", "add", "--name", "Ждущий Клиент")
    with sqlite3.connect(tmp_path / "laptop.sqlite3") as conn:
        conn.execute("UPDATE sync_replica SET server = 'postgresql://nobody@127.0.0.1:1/crm'")
    result = mine("sync", "--json")
    assert result.code == 75
    assert result.out == "" and len(result.err.strip().splitlines()) == 1
    assert mine.ok("sync", "status", "--json").json()["pending"] == 1  # kept for later


def test_a_file_that_is_no_replica_is_told_so(tmp_path: Path) -> None:
    plain = Cli(db=str(tmp_path / "plain.sqlite3"), home=tmp_path / "home")
    plain.ok("init")
    result = plain("sync", "--json")
    assert result.code == 2 and "replica init" in result.err


def test_sync_killed_at_random_moments_loses_and_doubles_nothing(
    tmp_path: Path, office: str
) -> None:
    """`kill -9` of a running `sync` again and again, at random moments (a fixed seed),
    with edits made between the kills; then one clean sync: every client is on both
    sides, once."""
    mine = laptop(tmp_path, office)
    path = tmp_path / "laptop.sqlite3"
    at_office = Cli(db=office, home=tmp_path / "office")
    for n in range(8):
        at_office.ok("client", "add", "--name", f"Офис {n}")
    expected = {f"Офис {n}" for n in range(8)}
    rng = random.Random(2026)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRM_DESKTOP", "PG"))}
    env.update(HOME=str(tmp_path / "home-laptop"), LANG="C.UTF-8")
    command = [sys.executable, "-m", "crm_desktop", "--db", str(path), "sync", "--page-size", "2"]
    killed = 0
    span = 0.0  # how long an uncut sync of a round's edits runs here (round 0 measures)
    for round_ in range(20):  # until six runs were cut off
        if killed >= 6:
            break
        database = open_database(Location(kind="sqlite", path=path))
        with database.unit_of_work() as session:  # edits made between the kills
            for n in range(10):
                name = f"Ноутбук {round_}-{n}"
                create_client(session, ClientChanges(name=name))
                expected.add(name)
        database.dispose()
        started = time.monotonic()
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if round_ == 0:
            process.wait(timeout=60)
            span = time.monotonic() - started
            continue
        # a random moment of a run: from the program's start to near its end
        time.sleep(rng.uniform(0.15, 0.95) * span)
        if process.poll() is None:
            process.kill()  # SIGKILL: no cleanup of any kind
            killed += 1
        process.wait(timeout=60)
    assert killed >= 6  # runs were cut off at six moments at least
    assert mine.ok("sync", "--json").json()["pending"] == 0
    laptop_names = [c["name"] for c in mine.ok("client", "list", "--json").json()]
    office_names = [c["name"] for c in at_office.ok("client", "list", "--json").json()]
    assert sorted(laptop_names) == sorted(office_names) == sorted(expected)


def _schema_objects(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).fetchall()


def test_a_replica_init_killed_after_a_page_goes_on_and_ends_whole(
    tmp_path: Path, office: str
) -> None:
    """The first download is copied in pages; killed after one, `replica init` run again
    goes on from there: every office client arrives once, with its phone, found by the
    search, and the replica's indexes and triggers (set aside during the copy) are back:
    a later edit is queued for the office."""
    server = open_database(parse_location(office))
    with server.unit_of_work() as session:
        for n in range(7):
            create_client(session, ClientChanges(name=f"Офисный {n}", phones=[f"+7916000000{n}"]))
        gone = create_client(session, ClientChanges(name="Удалённый Клиент")).id
    with server.unit_of_work() as session:
        delete_client(session, gone)
    server.dispose()
    reference = laptop(tmp_path, office, "reference")  # downloaded in one go
    path = tmp_path / "laptop.sqlite3"
    mine = Cli(db=str(path), home=tmp_path / "home-laptop")
    crashed = mine(
        "replica",
        "init",
        "--server",
        office,
        "--page-size",
        "3",
        extra_env={"CRM_SYNC_FAILPOINT": "after-bootstrap-page"},
    )
    assert crashed.code == CRASH
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT done, copied > 0 FROM sync_bootstrap").fetchone() == (0, 1)
    for args in (("client", "add", "--name", "Рано"), ("sync",), ("client", "list")):
        early = mine(*args)  # half a copy, its triggers set aside: not to be used yet
        assert early.code == 2 and "replica init" in early.err, args
    mine.ok("replica", "init", "--server", office, "--page-size", "3", "--json")
    names = sorted(c["name"] for c in mine.ok("client", "list", "--json").json())
    assert names == [f"Офисный {n}" for n in range(7)]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM phones").fetchone() == (7,)
        deleted = conn.execute(
            "SELECT c.deleted_at IS NOT NULL, s.cl FROM clients c JOIN sync_row s "
            "ON s.table_name = 'clients' AND s.row_id = c.id WHERE c.name = 'Удалённый Клиент'"
        ).fetchone()
        assert deleted == (1, 2)  # the tombstone came with its causal length
    found = mine.ok("client", "search", "9160000003", "--json").json()
    assert [c["name"] for c in found] == ["Офисный 3"]
    assert _schema_objects(path) == _schema_objects(tmp_path / "reference.sqlite3")
    assert mine.ok("sync", "status", "--json").json()["pending"] == 0
    mine.ok("client", "add", "--name", "Новый На Ноутбуке")
    assert mine.ok("sync", "--json").json()["pushed"] == 1
    assert reference.ok("sync", "--json").json()["pulled"] == 1


def test_duplicates_from_two_laptops_are_listed_merged_and_dismissed(
    tmp_path: Path, office: str
) -> None:
    anna, boris = laptop(tmp_path, office, "anna"), laptop(tmp_path, office, "boris")
    for runner in (anna, boris):
        runner.ok("client", "add", "--name", "Двойной Клиент", "--phone", "+79160001122")
        runner.ok("client", "add", "--name", "Тёзка Иван")
    anna.ok("sync")
    told = boris.ok("sync")
    assert "duplicates list" in told.out
    pairs = boris.ok("duplicates", "list", "--json").json()
    assert sorted(p["reason"] for p in pairs) == ["name", "phone"]
    by_phone = next(p for p in pairs if p["reason"] == "phone")
    assert by_phone["client"] == by_phone["other"] == "Двойной Клиент"
    boris.ok("client", "merge", by_phone["client_id"], by_phone["other_id"])
    by_name = next(p for p in pairs if p["reason"] == "name")
    assert boris.ok("duplicates", "dismiss", str(by_name["id"]), "--json").json() == {
        "id": by_name["id"],
        "dismissed": True,
    }
    assert boris.ok("duplicates", "list", "--json").json() == []
    missing = boris("duplicates", "dismiss", str(by_name["id"]))
    assert missing.code != 0 and len(missing.err.strip().splitlines()) == 1
    boris.ok("sync")
    anna.ok("sync")
    assert [p["reason"] for p in anna.ok("duplicates", "list", "--json").json()] == ["name"]
    names = [c["name"] for c in anna.ok("client", "list", "--json").json()]
    assert sorted(names) == ["Двойной Клиент", "Тёзка Иван", "Тёзка Иван"]


def test_server_compact_removes_what_every_laptop_has_received(
    tmp_path: Path, office: str
) -> None:
    mine = laptop(tmp_path, office)
    at_office = Cli(db=office, home=tmp_path / "office")
    added = at_office.ok("client", "add", "--name", "Ушедший Клиент", "--json").json()
    at_office.ok("client", "delete", added["id"])
    before = at_office.ok("server", "compact", "--keep-days", "0", "--json").json()
    assert before["removed"] == 0 and before["active_replicas"] == 1  # the laptop lags
    mine.ok("sync")
    after = at_office.ok("server", "compact", "--keep-days", "0", "--json").json()
    assert after["removed"] == 1
    shown = at_office("client", "show", added["id"])
    assert shown.code != 0  # gone for good, not in the recycle bin
    assert mine.ok("sync", "--json").json()["pending"] == 0
