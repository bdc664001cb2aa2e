"""Day-one mistakes a user makes, and what the program must do about them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg

from tests.cli.conftest import Cli
from tests.conftest import _with_db


def test_a_mistyped_path_is_not_a_new_database(tmp_path: Path) -> None:
    typo = tmp_path / "typo.sqlite3"
    result = Cli(db=str(typo), home=tmp_path / "home")("client", "list", "--json")
    assert result.code == 2 and "init" in result.err and result.out == ""
    assert not typo.exists()


def test_someone_elses_sqlite_file_is_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "accounts.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount TEXT)")
    conn.close()
    before = other.read_bytes()
    cli = Cli(db=str(other), home=tmp_path / "home")
    for args in (("init",), ("client", "list")):
        result = cli(*args)
        assert result.code == 2, result.err
    assert other.read_bytes() == before


def test_a_file_that_is_no_database_is_bad_input(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Список клиентов\n", encoding="utf-8")
    result = Cli(db=str(text), home=tmp_path / "home")("client", "list")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1


def test_init_creates_a_missing_postgres_database_in_russian(pg_url: str, tmp_path: Path) -> None:
    name = f"ru_{tmp_path.name[-8:].lower()}".replace("-", "_")
    cli = Cli(db=_with_db(pg_url, name), home=tmp_path)
    try:
        cli.ok("init", lang="ru")
        assert cli.ok("client", "list", "--json", lang="ru").json() == []
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_the_login_libpq_chose_acts_when_the_url_names_none(
    pg_database: str, tmp_path: Path
) -> None:
    """A URL without a user connects as PGUSER (or the OS user): that login, not nobody,
    is who acts, and a plain login gets no administrator's rights."""
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("CREATE ROLE libpq_anna LOGIN")  # its own name: other tests make "anna"
        conn.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO libpq_anna")
    try:
        no_user = pg_database.replace("postgresql://postgres:@/", "postgresql:///")
        cli = Cli(db=no_user, home=tmp_path)
        result = cli("user", "add", "boss", "--role", "admin", extra_env={"PGUSER": "libpq_anna"})
        assert result.code == 3, result.err
        added = cli.ok(
            "client", "add", "--name", "Ромашкин", "--json", extra_env={"PGUSER": "libpq_anna"}
        )
        with psycopg.connect(pg_database) as conn:
            row = conn.execute(
                "SELECT created_by FROM clients WHERE id = %s", (added.json()["id"],)
            ).fetchone()
        assert row == ("libpq_anna",)
    finally:
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM libpq_anna")
            conn.execute("DROP ROLE libpq_anna")


def test_a_company_keeps_its_legal_form_when_renamed(cli: Cli) -> None:
    company = cli.ok(
        "client", "add", "--kind", "company", "--name", "ООО «Ромашка»", "--json"
    ).json()
    renamed = cli.ok("client", "edit", company["id"], "--name", "Ромашка Плюс", "--json").json()
    assert (renamed["name"], renamed["legal_form"]) == ("Ромашка Плюс", "ООО")
    changed = cli.ok(
        "client", "edit", company["id"], "--name", "АО «Ромашка Плюс»", "--json"
    ).json()
    assert changed["legal_form"] == "АО"


def test_a_person_has_no_legal_form_and_names_have_a_length(cli: Cli) -> None:
    person = cli.ok("client", "add", "--name", "Иванов", "--json").json()
    result = cli("client", "edit", person["id"], "--legal-form", "ООО")
    assert result.code == 2 and "legal_form" in result.err
    result = cli("client", "add", "--name", "Я" * 301)
    assert result.code == 2 and "name" in result.err
    result = cli(
        "client",
        "add",
        "--kind",
        "company",
        "--name",
        "Вектор",
        "--legal-form",
        "Некоммерческое партнёрство особого назначения",
    )
    assert result.code == 2 and "legal_form" in result.err
    assert [c["name"] for c in cli.ok("client", "list", "--json").json()] == ["Иванов"]


def test_a_locked_account_is_refused_on_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    cli = Cli(db=str(path), home=tmp_path / "home")
    cli.ok("init")
    cli.ok("user", "add", "anna", "--role", "manager")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE users SET locked_until = '2999-01-01 00:00:00.000000' WHERE login = 'anna'"
        )
    conn.close()
    result = cli("client", "add", "--name", "Клиент", user="anna")
    assert result.code == 3 and "locked" in result.err
    assert cli.ok("client", "list", "--json").json() == []


def test_an_acting_login_is_case_insensitive(tmp_path: Path) -> None:
    cli = Cli(db=str(tmp_path / "crm.sqlite3"), home=tmp_path / "home")
    cli.ok("init")
    cli.ok("user", "add", "anna", "--role", "manager")
    added = cli.ok("client", "add", "--name", "Клиент", "--json", user="Anna").json()
    assert added["owner"] == "anna"


def test_usage_errors_name_the_command_once(cli: Cli) -> None:
    result = cli("client", "add")
    assert result.code == 2
    assert result.err.count("crm-desktop") == 1


def test_the_app_without_a_screen_says_so_in_one_line(tmp_path: Path) -> None:
    cli = Cli(db=str(tmp_path / "crm.sqlite3"), home=tmp_path / "home")
    result = cli(without_env=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and "DISPLAY" in result.err
