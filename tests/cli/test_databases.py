"""Choosing, creating and refusing databases from the command line."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from tests.cli.conftest import Cli
from tests.conftest import _with_db


def test_default_database_is_a_local_file_in_the_user_data_dir(bare_cli: Cli) -> None:
    bare_cli.ok("init")
    bare_cli.ok("client", "add", "--name", "Локальный")
    files = list((bare_cli.home / "data").rglob("*.sqlite3"))
    assert len(files) == 1
    assert [c["name"] for c in bare_cli.ok("client", "list", "--json").json()] == ["Локальный"]


def test_init_is_idempotent_and_keeps_data(cli: Cli) -> None:
    cli.ok("client", "add", "--name", "Сохранный")
    cli.ok("init")
    assert [c["name"] for c in cli.ok("client", "list", "--json").json()] == ["Сохранный"]


def test_init_demo_adds_realistic_clients(cli: Cli) -> None:
    result = cli.ok("init", "--demo", "60", "--json").json()
    assert result["demo"]["clients"] == 60
    assert result["demo"]["companies"] == 12
    clients = cli.ok("client", "list", "--json").json()
    assert len(clients) == 60
    people = [c for c in clients if c["kind"] == "person"]
    assert all(p["phones"] and p["phones"][0].startswith("+7") for p in people)
    assert all(len(c["inn"]) in (10, 12) for c in clients if c["kind"] == "company")
    first = clients[0]["name"].split()[0][:4]
    assert cli.ok("client", "search", first, "--json").json()


def test_sqlite_url_form_is_accepted(tmp_path: Path) -> None:
    cli = Cli(db=f"sqlite:///{tmp_path / 'x.db'}", home=tmp_path / "home")
    cli.ok("init")
    assert (tmp_path / "x.db").exists()


def test_unreachable_server_exits_75_naming_the_host(tmp_path: Path) -> None:
    cli = Cli(db="postgresql://crm@127.0.0.1:9/crm", home=tmp_path)
    result = cli("client", "list", "--json")
    assert result.code == 75
    assert result.out == ""
    assert "127.0.0.1" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_bad_database_url_exits_2(tmp_path: Path) -> None:
    cli = Cli(db="mysql://x@y/z", home=tmp_path)
    result = cli("client", "list")
    assert result.code == 2 and "--db" in result.err
    result = Cli(db="postgresql://u@h:notaport/db", home=tmp_path)("client", "list")
    assert result.code == 2


def test_sqlite_file_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    cli = Cli(db=str(path), home=tmp_path / "home")
    cli.ok("init")
    cli.ok("client", "add", "--name", "Из будущего")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for args in (
        ("client", "list", "--json"),
        ("init",),
        ("client", "add", "--name", "Новый", "--json"),
    ):
        result = cli(*args)
        assert result.code == 3, args
        assert result.out == ""
        assert "newer version" in result.err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_postgres_database_from_a_newer_program_is_refused(
    pg_database: str, tmp_path: Path
) -> None:
    import psycopg

    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    cli = Cli(db=pg_database, home=tmp_path)
    for args in (("client", "list", "--json"), ("init",)):
        result = cli(*args)
        assert result.code == 3 and "newer version" in result.err


def test_postgres_without_schema_needs_init(empty_pg_database: str, tmp_path: Path) -> None:
    cli = Cli(db=empty_pg_database, home=tmp_path)
    result = cli("client", "list", "--json")
    assert result.code == 3 and "init" in result.err
    cli.ok("init")
    assert cli.ok("client", "list", "--json").json() == []


def test_init_creates_a_missing_postgres_database(pg_url: str, tmp_path: Path) -> None:
    import psycopg

    url = _with_db(pg_url, f"fresh_{tmp_path.name[-8:].lower()}".replace("-", "_"))
    cli = Cli(db=url, home=tmp_path)
    try:
        cli.ok("init")
        cli.ok("client", "add", "--name", "Первый")
        assert len(cli.ok("client", "list", "--json").json()) == 1
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            name = url.split("/")[-1].split("?")[0]
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_missing_postgres_database_without_init_is_bad_input(pg_url: str, tmp_path: Path) -> None:
    cli = Cli(db=_with_db(pg_url, "no_such_crm"), home=tmp_path)
    result = cli("client", "list")
    assert result.code == 2 and "no_such_crm" in result.err


def test_no_command_for_a_group_is_usage_error(cli: Cli) -> None:
    result = cli("client")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
