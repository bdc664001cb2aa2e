"""Backup and restore of the whole database (store/backup.py), each test on SQLite and
PostgreSQL: a round trip keeps every row, a backup taken while another thread writes
restores to a committed state, damaged and foreign files are refused before anything is
touched, a failed restore leaves the database as it was, the live database is backed up
first, an older backup is upgraded, and scheduled backups keep only the newest."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, func, select, text

from crm_desktop.errors import BadInput, SchemaMismatch
from crm_desktop.models import Client, Phone
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.demo import generate_demo
from crm_desktop.store.backup import (
    STEPS,
    BackupCancelled,
    backups_dir,
    check_backup,
    make_backup,
    read_manifest,
    restore_backup,
)
from crm_desktop.store.backup_manifest import MANIFEST_NAME
from crm_desktop.store.backup_schedule import (
    Schedule,
    load_schedule,
    made_here,
    run_scheduled,
    save_schedule,
)
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, parse_location
from crm_desktop.store.schema import REVISIONS, alembic_config, head_revision, upgrade
from tests.conftest import _sa, _with_db


def seed(db: Database, clients: int = 12) -> None:
    with db.unit_of_work() as session:
        generate_demo(session, clients, seed=3)


def every_row(db: Database) -> dict[str, list[str]]:
    """Every table's rows, as sorted text: what a restore must give back exactly."""
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            names = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'client_fts%'"
                )
            ]
        else:
            names = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            ]
        return {
            name: sorted(
                repr(tuple(row)) for row in conn.exec_driver_sql(f'SELECT * FROM "{name}"')
            )
            for name in names
        }


def client_count(db: Database) -> int:
    with db.unit_of_work(write=False) as session:
        return int(session.scalar(select(func.count()).select_from(Client)) or 0)


def add_client(db: Database, name: str, n: int) -> None:
    with db.unit_of_work() as session:
        create_client(session, ClientChanges(name=name, phones=[f"+7912{n:07d}", f"+7916{n:07d}"]))


def saved_backups() -> list[Path]:
    folder = backups_dir()
    return sorted(folder.iterdir()) if folder.is_dir() else []


def rewrite(source: Path, target: Path, change: Any) -> None:
    """A copy of a backup with its manifest changed by `change(dict)`; the rest as is."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == MANIFEST_NAME:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            new.writestr(item, data)


# ---- round trip ---------------------------------------------------------------------


def test_round_trip_keeps_every_row(db: Database, tmp_path: Path) -> None:
    seed(db)
    before = every_row(db)
    reports: list[tuple[int, int]] = []
    info = make_backup(db, tmp_path / "crm.crmbackup", progress=lambda d, t: reports.append((d, t)))
    assert info.path.suffix == ".crmbackup" and info.size == info.path.stat().st_size
    assert reports[-1] == (STEPS, STEPS)
    assert [d for d, _t in reports] == sorted(d for d, _t in reports)

    manifest = read_manifest(info.path)
    assert manifest.product == "crm-desktop"
    assert manifest.database == db.dialect
    assert manifest.schema == head_revision()
    assert manifest.rows["clients"] == len(before["clients"]) >= 12
    for table, rows in before.items():
        assert manifest.rows[table] == len(rows), table
    assert all(len(item.sha256) == 64 for item in manifest.files)
    assert check_backup(info.path) == manifest

    # change things: delete clients, add one, then put the backup back
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM phones"))
        conn.execute(text("DELETE FROM emails"))
    add_client(db, "Появился после копии", 1)
    assert every_row(db) != before

    result = restore_backup(db, info.path)
    assert result.upgraded is False
    assert every_row(db) == before
    with db.unit_of_work(write=False) as session:  # the pooled connections see it too
        assert session.scalar(select(func.count()).select_from(Phone)) == len(before["phones"])


def test_a_backup_taken_while_another_thread_writes_is_consistent(
    db: Database, tmp_path: Path
) -> None:
    seed(db, 5)
    base = client_count(db)
    committed = 0
    stop = threading.Event()
    failures: list[BaseException] = []

    def writer() -> None:
        nonlocal committed
        try:
            n = 0
            while not stop.is_set():
                add_client(db, f"Писатель {n:05d}", n)  # a client and its two phones, one commit
                n += 1
                committed = n
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while committed < 3 and time.monotonic() < deadline:
            time.sleep(0.01)

        def slowly(done: int, total: int) -> None:
            time.sleep(0.02)  # the copy takes a while: the writer keeps committing meanwhile

        started_at = committed
        info = make_backup(db, tmp_path / "busy.crmbackup", progress=slowly)
        finished_at = committed
        deadline = time.monotonic() + 30
        while committed < finished_at + 3 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        thread.join()
    assert not failures
    assert finished_at > started_at  # the writer did write during the backup

    restore_backup(db, info.path)
    with db.unit_of_work(write=False) as session:
        names = session.scalars(
            select(Client.name).where(Client.name.like("Писатель %")).order_by(Client.name)
        ).all()
        phones = dict(
            session.execute(
                select(Client.name, func.count(Phone.id))
                .join(Phone, Phone.client_id == Client.id)
                .where(Client.name.like("Писатель %"))
                .group_by(Client.name)
            ).all()
        )
    k = len(names)
    assert names == [f"Писатель {n:05d}" for n in range(k)]  # a committed prefix
    assert started_at <= k < committed
    assert all(phones[name] == 2 for name in names)  # every client with its phones
    manifest = read_manifest(info.path)
    assert manifest.rows["clients"] == base + k == client_count(db)


def test_a_cancelled_backup_leaves_no_file(db: Database, tmp_path: Path) -> None:
    seed(db, 4)
    asked = 0

    def cancel() -> bool:
        nonlocal asked
        asked += 1
        return asked > 2

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(BackupCancelled):
        make_backup(db, out / "stopped.crmbackup", cancel=cancel)
    assert asked > 2
    assert list(out.iterdir()) == []  # neither the file nor its partial copy
    assert [p.name for p in db_folder_leftovers(db)] == []
    with pytest.raises(BadInput, match="There is no folder"):
        make_backup(db, tmp_path / "missing" / "x.crmbackup")


def db_folder_leftovers(db: Database) -> list[Path]:
    """Scratch folders a backup makes beside a SQLite file (none must stay)."""
    if db.location.path is None:
        return []
    return [p for p in db.location.path.parent.iterdir() if p.name.startswith(".crm-backup-")]


# ---- refusals -----------------------------------------------------------------------


@pytest.fixture
def backup_file(db: Database, tmp_path: Path) -> Path:
    seed(db, 8)
    return make_backup(db, tmp_path / "good.crmbackup").path


def refused_untouched(db: Database, path: Path, error: type[Exception], words: str) -> None:
    before = every_row(db)
    with pytest.raises(error, match=words):
        restore_backup(db, path)
    assert every_row(db) == before
    assert saved_backups() == []  # refused before even the backup of the live database


def test_another_products_file_is_refused(db: Database, backup_file: Path, tmp_path: Path) -> None:
    text_file = tmp_path / "notes.crmbackup"
    text_file.write_text("not a backup at all", encoding="utf-8")
    refused_untouched(db, text_file, BadInput, "is not a crm-desktop backup")

    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"product": "other-crm", "format": 1}))
    refused_untouched(db, other, BadInput, "is not a crm-desktop backup")

    foreign = tmp_path / "foreign.crmbackup"
    rewrite(backup_file, foreign, lambda m: m.update(product="other-crm"))
    refused_untouched(db, foreign, BadInput, "is not a crm-desktop backup")
    with pytest.raises(BadInput):
        check_backup(foreign)


def test_a_truncated_file_is_refused(db: Database, backup_file: Path, tmp_path: Path) -> None:
    data = backup_file.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 300):
        truncated = tmp_path / f"cut-{cut}.crmbackup"
        truncated.write_bytes(data[:cut])
        refused_untouched(db, truncated, BadInput, "is damaged or incomplete")


def test_a_flipped_byte_is_refused(db: Database, backup_file: Path, tmp_path: Path) -> None:
    data = bytearray(backup_file.read_bytes())
    manifest = read_manifest(backup_file)
    payload = manifest.files[0]
    with zipfile.ZipFile(backup_file) as archive:
        offset = archive.getinfo(payload.name).header_offset
    at = offset + 100 + payload.size // 2  # inside the compressed database
    data[at] ^= 0x40
    flipped = tmp_path / "flipped.crmbackup"
    flipped.write_bytes(bytes(data))
    with pytest.raises(BadInput, match="is damaged or incomplete"):
        check_backup(flipped)
    refused_untouched(db, flipped, BadInput, "is damaged or incomplete")


def test_a_newer_schema_is_refused(db: Database, backup_file: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.crmbackup"
    rewrite(backup_file, newer, lambda m: m.update(schema="9999"))
    with pytest.raises(SchemaMismatch, match="newer schema"):
        read_manifest(newer)
    refused_untouched(db, newer, SchemaMismatch, "newer schema")
    newer_format = tmp_path / "format.crmbackup"
    rewrite(backup_file, newer_format, lambda m: m.update(format=99, program_version="9.0"))
    refused_untouched(db, newer_format, SchemaMismatch, "newer version of crm-desktop")


def test_a_backup_of_the_other_kind_is_refused(db: Database, tmp_path: Path) -> None:
    seed(db, 3)
    good = make_backup(db, tmp_path / "good.crmbackup").path
    other_kind = tmp_path / "kind.crmbackup"
    kind = "postgresql" if db.dialect == "sqlite" else "sqlite"
    rewrite(good, other_kind, lambda m: m.update(database=kind))
    with pytest.raises(BadInput):
        restore_backup(db, other_kind)
    assert saved_backups() == []


def test_a_failed_restore_leaves_the_previous_database(db: Database, tmp_path: Path) -> None:
    seed(db, 6)
    info = make_backup(db, tmp_path / "old.crmbackup")
    for n in range(40):  # the live database now differs from the backup
        add_client(db, f"Новый {n}", n)
    before = every_row(db)
    seen: list[int] = []

    def fails_midway(done: int, total: int) -> None:
        seen.append(done)
        if done > 800:  # while the database is being replaced
            raise RuntimeError("the disk went away")

    with pytest.raises(RuntimeError, match="disk went away"):
        restore_backup(db, info.path, progress=fails_midway)
    assert any(600 < d <= 800 for d in seen)  # it had started to replace it
    assert every_row(db) == before
    add_client(db, "Работает дальше", 999)  # and the database still works
    assert client_count(db) == len(before["clients"]) + 1


def test_the_live_database_is_backed_up_before_a_restore(db: Database, tmp_path: Path) -> None:
    seed(db, 4)
    old = make_backup(db, tmp_path / "old.crmbackup")
    add_client(db, "Только в живой базе", 7)
    live = every_row(db)

    result = restore_backup(db, old.path)
    assert result.previous is not None and result.previous.parent == backups_dir()
    assert result.previous.name.startswith("before-restore-")
    assert saved_backups() == [result.previous]
    kept = read_manifest(result.previous)
    assert kept.rows["clients"] == len(live["clients"])

    restore_backup(db, result.previous)  # and the live data comes back from it
    assert every_row(db) == live


# ---- older schemas, upgrades ----------------------------------------------------------


@pytest.fixture
def older_db(db: Database, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A database of the same kind at the previous schema revision, with a client."""
    if db.dialect == "sqlite":
        location = Location(kind="sqlite", path=tmp_path / "older.sqlite3")
        older = open_database(location, create=True)
    else:
        older = open_database(parse_location(request.getfixturevalue("empty_pg_database")))
    from alembic import command

    with older.engine.begin() as conn:
        command.upgrade(alembic_config(conn), REVISIONS[-2])
        client_id = uuid.uuid4()
        conn.execute(
            text(
                "INSERT INTO clients (id, kind, name, name_folded, search_text, created_at, "
                "updated_at, version) VALUES (:id, 'person', 'Старая', 'старая', 'старая', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
            ),
            {"id": client_id.hex if db.dialect == "sqlite" else str(client_id)},
        )
    yield older
    older.dispose()


def test_an_older_backup_is_restored_and_upgraded(
    db: Database, older_db: Database, tmp_path: Path
) -> None:
    info = make_backup(older_db, tmp_path / "older.crmbackup")
    assert info.manifest.schema == REVISIONS[-2]
    seed(db, 3)
    result = restore_backup(db, info.path)
    assert result.upgraded is True
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
            head_revision()
        )
        assert [r[0] for r in conn.exec_driver_sql("SELECT name FROM clients")] == ["Старая"]
    add_client(db, "После восстановления", 5)  # the upgraded schema takes new data
    assert client_count(db) == 2


def test_an_upgrade_backs_up_the_older_schema_first(older_db: Database) -> None:
    backup = upgrade(older_db)
    assert backup is not None and backup.parent == backups_dir()
    assert backup.name.startswith("before-upgrade-")
    manifest = check_backup(backup)
    assert manifest.schema == REVISIONS[-2] and manifest.rows["clients"] == 1
    assert upgrade(older_db) is None  # nothing to upgrade, nothing backed up


# ---- scheduled backups ----------------------------------------------------------------


def test_scheduled_backups_keep_the_newest(db: Database, tmp_path: Path) -> None:
    seed(db, 2)
    folder = tmp_path / "auto"
    folder.mkdir()
    mine = folder / "mine.crmbackup"  # a backup saved there by hand
    make_backup(db, mine)
    save_schedule(Schedule(interval="daily", keep=2, folder=folder))
    start = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    assert load_schedule().due(start)

    made = []
    for day in range(4):
        now = start + dt.timedelta(days=day)
        made.append(run_scheduled(db, now=now).path)
        schedule = load_schedule()
        assert schedule.last_backup == now
        assert not schedule.due(now + dt.timedelta(hours=23))
        assert schedule.due(now + dt.timedelta(days=1))
    assert made_here(folder) == made[-2:]  # the two newest; the oldest deleted
    assert sorted(folder.iterdir()) == sorted([mine, *made[-2:]])
    assert read_manifest(made[-1]).rows["clients"] == client_count(db)


def test_the_schedule_is_kept_and_checked(tmp_path: Path) -> None:
    assert load_schedule() == Schedule()  # nothing saved: off
    assert not Schedule().due(dt.datetime.now(dt.UTC))
    weekly = Schedule(interval="weekly", keep=5, folder=tmp_path)
    save_schedule(weekly)
    assert load_schedule() == weekly
    last = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    week = Schedule(interval="weekly", last_backup=last)
    assert not week.due(last + dt.timedelta(days=6))
    assert week.due(last + dt.timedelta(days=7))
    with pytest.raises(BadInput):
        Schedule(interval="hourly")
    with pytest.raises(BadInput):
        Schedule(keep=0)


# ---- PostgreSQL only: superuser, roles, a failure inside the server ----------------------


def test_a_postgres_backup_needs_a_superuser(pg_database: str, tmp_path: Path) -> None:
    name = f"bk_plain_{tmp_path.name[-6:].lower().replace('-', '_')}"
    database = parse_location(pg_database).database
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {name}")
        conn.execute(f"CREATE ROLE {name} LOGIN")
        conn.execute(f"GRANT CONNECT ON DATABASE {database} TO {name}")
    try:
        plain = pg_database.replace("postgres:@", f"{name}:@", 1)
        db = open_database(parse_location(pg_database))
        try:
            with pytest.raises(BadInput, match="superuser"):
                make_backup(db, tmp_path / "x.crmbackup", admin_url=plain)
            assert not (tmp_path / "x.crmbackup").exists()
            with pytest.raises(BadInput, match="superuser"):
                make_backup(open_database(parse_location(plain)), tmp_path / "x.crmbackup")
            # the superuser's URL makes it, whoever the database was opened as
            info = make_backup(db, tmp_path / "x.crmbackup", admin_url=pg_database)
            assert info.manifest.database == "postgresql"
        finally:
            db.dispose()
    finally:
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute(f"REVOKE CONNECT ON DATABASE {database} FROM {name}")
            conn.execute(f"DROP ROLE IF EXISTS {name}")


def test_a_failure_inside_the_server_rolls_the_restore_back(
    pg_database: str, tmp_path: Path
) -> None:
    db = open_database(parse_location(pg_database))
    try:
        seed(db, 5)
        info = make_backup(db, tmp_path / "b.crmbackup")
        add_client(db, "Живая", 1)
        before = every_row(db)
        with psycopg.connect(pg_database, autocommit=True) as conn:
            # an event trigger outside `public` (which the restore empties) that fails
            # once the tables are made again: when their indexes are built
            conn.execute("CREATE SCHEMA trap")
            conn.execute(
                "CREATE FUNCTION trap.refuse() RETURNS event_trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'no indexes today'; END $$"
            )
            conn.execute(
                "CREATE EVENT TRIGGER refuse_index ON ddl_command_end "
                "WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION trap.refuse()"
            )
        try:
            with pytest.raises(Exception, match="no indexes today"):
                restore_backup(db, info.path)
        finally:
            with psycopg.connect(pg_database, autocommit=True) as conn:
                conn.execute("DROP EVENT TRIGGER refuse_index")
                conn.execute("DROP SCHEMA trap CASCADE")
        assert every_row(db) == before
    finally:
        db.dispose()


def test_roles_come_back_on_a_fresh_server(pg_url: str, tmp_path: Path) -> None:
    """A backup of a set-up office database recreates its roles and logins (with their
    passwords) where they are missing, as on a new server."""
    from crm_desktop.models import Role
    from crm_desktop.services.users import add_user
    from crm_desktop.store.server_roles import sync_login_role
    from crm_desktop.store.server_setup import init_server

    database = f"bk_{tmp_path.name[-8:].lower().replace('-', '_')}"
    admin = parse_location(pg_url)
    report = init_server(admin, database)
    roles = report.roles
    url = _with_db(pg_url, database)
    login = f"{database}_mgr"
    db = open_database(parse_location(url))
    try:
        with db.unit_of_work() as session:
            add_user(session, login, Role.MANAGER)
            sync_login_role(session.connection(), login, Role.MANAGER, password="Пароль-123")
        seed(db, 3)
        info = make_backup(db, tmp_path / "office.crmbackup")
        assert login in info.manifest.roles and roles.owner in info.manifest.roles
    finally:
        db.dispose()

    engine = create_engine(_sa(pg_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:  # a new server: no database, none of its roles
        conn.execute(text(f"DROP DATABASE {database} WITH (FORCE)"))
        for role in [login, *roles.groups(), roles.users, roles.owner]:
            conn.execute(text(f'DROP ROLE "{role}"'))
        conn.execute(text(f"CREATE DATABASE {database} TEMPLATE template0 ENCODING 'UTF8'"))
    try:
        db = open_database(parse_location(url))
        try:
            result = restore_backup(db, info.path)
            assert result.previous is None  # an empty database: nothing to keep
        finally:
            db.dispose()
        with engine.connect() as conn:
            member = (
                conn.execute(
                    text(
                        "SELECT r.rolname FROM pg_auth_members m "
                        "JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
                        "WHERE u.rolname = :login"
                    ),
                    {"login": login},
                )
                .scalars()
                .all()
            )
            assert member == [roles.manager]
            verifier = conn.execute(
                text("SELECT rolpassword FROM pg_authid WHERE rolname = :login"), {"login": login}
            ).scalar()
            assert str(verifier).startswith("SCRAM-SHA-256$")
            connect = conn.execute(
                text("SELECT has_database_privilege(:login, :db, 'CONNECT')"),
                {"login": login, "db": database},
            ).scalar()
            assert connect is True
        manager = open_database(replace_user(url, login))
        try:
            with manager.engine.connect() as conn:
                assert conn.exec_driver_sql("SELECT count(*) FROM clients").scalar() is not None
        finally:
            manager.dispose()
    finally:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        engine.dispose()


def replace_user(url: str, login: str) -> Location:
    from dataclasses import replace

    return replace(parse_location(url), user=login, password=None)
