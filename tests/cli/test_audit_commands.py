"""`audit verify` and `history ID` as a user runs them (each on SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import text

from crm_desktop.store.database import open_database
from crm_desktop.store.location import parse_location
from tests.cli.conftest import Cli


def tamper(cli: Cli, statement: str) -> None:
    assert cli.db is not None
    db = open_database(parse_location(cli.db))
    try:
        with db.engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        db.dispose()


def test_verify_passes_then_names_the_edited_entry(cli: Cli) -> None:
    first = cli.ok(
        "client", "add", "--name", "Орлова Вера", "--phone", "+7 912 000-11-22", "--json"
    )
    cli.ok("client", "add", "--name", "Зайцев Глеб", "--json")
    whole = cli.ok("audit", "verify", "--json").json()
    assert whole["ok"] is True and whole["entries"] >= 3 and whole["broken"] is None
    assert "whole" in cli.ok("audit", "verify").out
    tamper(cli, "UPDATE audit_log SET computer = 'elsewhere' WHERE id = 2")
    broken = cli("audit", "verify")
    assert broken.code == 3 and broken.out == ""
    assert "entry " in broken.err and "edited" in broken.err
    russian = cli("audit", "verify", lang="ru")
    assert russian.code == 3 and "История изменений повреждена" in russian.err
    assert first.json()["name"] == "Орлова Вера"


def test_verify_finds_a_removed_entry(cli: Cli) -> None:
    cli.ok("client", "add", "--name", "Белов Иван", "--phone", "+7 912 000-11-33")
    tamper(cli, "DELETE FROM audit_log WHERE id = 1")
    result = cli("audit", "verify", "--json")
    assert result.code == 3 and result.out == ""
    assert "removed" in result.err


def test_history_lists_changes_and_restores_a_field(cli: Cli) -> None:
    client = cli.ok(
        "client", "add", "--name", "Фомина Ирина", "--phone", "+7 912 345-67-89", "--json"
    )
    client_id = client.json()["id"]
    cli.ok("client", "edit", client_id, "--phone", "+7 916 000-00-01")
    entries = cli.ok("history", client_id, "--json").json()
    assert entries[0]["action"] == "update"
    assert entries[0]["changes"]["phone"] == {
        "old": "+7 912 345-67-89",
        "new": "+7 916 000-00-01",
        "erased": False,
    }
    assert entries[-1]["action"] == "insert"
    text_ru = cli.ok("history", client_id, lang="ru").out
    assert "телефон: +7 912 345-67-89 → +7 916 000-00-01" in text_ru
    cli.ok("history", client_id, "--restore", str(entries[0]["id"]), "--field", "phone")
    shown = cli.ok("client", "show", client_id, "--json").json()
    assert shown["phones"] == ["+79123456789"]
    bad = cli("history", client_id, "--restore", str(entries[0]["id"]), "--field", "nothing")
    assert bad.code == 2 and bad.err.count("\n") == 1
