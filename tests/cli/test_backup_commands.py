"""`crm-desktop backup OUT` and `restore FILE [--yes]` as a user runs them (a separate
process), on SQLite and PostgreSQL: the round trip, the question asked on a terminal and
the refusal without one, damaged and foreign files (exit 2), a newer schema (exit 3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import psycopg

from crm_desktop.store.location import parse_location
from tests.cli.conftest import Cli


def names(cli: Cli) -> list[str]:
    return sorted(client["name"] for client in cli.ok("client", "list", "--json").json())


def backups(cli: Cli) -> list[Path]:
    folder = cli.home / "data" / "crm-desktop" / "backups"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_backup_and_restore(cli: Cli, tmp_path: Path) -> None:
    cli.ok("client", "add", "--name", "Анна Первая", "--phone", "+79123456789")
    out = tmp_path / "crm.crmbackup"
    made = cli.ok("backup", str(out), "--json").json()
    assert made["file"] == str(out) and out.exists()
    manifest = made["manifest"]
    assert manifest["product"] == "crm-desktop"
    assert manifest["rows"]["clients"] == 1 and manifest["rows"]["phones"] == 1
    assert manifest["database"] == (
        "sqlite" if cli.db and cli.db.endswith(".sqlite3") else "postgresql"
    )
    assert len(manifest["files"][0]["sha256"]) == 64

    plain = cli.ok("backup", str(tmp_path)).out  # a folder: a stamped file in it
    assert "Backup saved:" in plain and ".crmbackup" in plain
    again = cli("backup", str(out))
    assert again.code == 2 and again.out == "" and "already exists" in again.err

    cli.ok("client", "add", "--name", "Борис Второй")
    restored = cli.ok("restore", str(out), "--yes", "--json").json()
    assert names(cli) == ["Анна Первая"]
    assert restored["upgraded"] is False
    previous = Path(restored["previous_backup"])
    assert backups(cli) == [previous]
    text = cli.ok("restore", str(previous), "--yes").out  # and back to before
    assert "Restored" in text and "The database as it was before:" in text
    assert names(cli) == ["Анна Первая", "Борис Второй"]


def test_restore_without_a_terminal_needs_yes(cli: Cli, tmp_path: Path) -> None:
    cli.ok("client", "add", "--name", "Вера")
    out = tmp_path / "crm.crmbackup"
    cli.ok("backup", str(out))
    cli.ok("client", "add", "--name", "Глеб")
    refused = cli("restore", str(out))  # stdin is a pipe, not a terminal
    assert refused.code == 2 and refused.out == ""
    assert "no terminal" in refused.err and "--yes" in refused.err
    assert len(refused.err.strip().splitlines()) == 1
    assert names(cli) == ["Вера", "Глеб"]
    assert backups(cli) == []  # not even the backup of the live data was made


def test_damaged_and_foreign_files_exit_2(cli: Cli, tmp_path: Path) -> None:
    cli.ok("client", "add", "--name", "Дарья")
    out = tmp_path / "crm.crmbackup"
    cli.ok("backup", str(out))
    data = out.read_bytes()

    flipped = bytearray(data)
    flipped[len(data) // 3] ^= 0xFF
    cases = {
        "flipped.crmbackup": (bytes(flipped), "damaged or incomplete"),
        "cut.crmbackup": (data[: len(data) // 2], "damaged or incomplete"),
        "notes.txt": ("просто текст".encode(), "is not a crm-desktop backup"),
    }
    for name, (content, words) in cases.items():
        bad = tmp_path / name
        bad.write_bytes(content)
        result = cli("restore", str(bad), "--yes", "--json")
        assert result.code == 2, (name, result.err)
        assert result.out == "" and words in result.err
    missing = cli("restore", str(tmp_path / "nowhere.crmbackup"), "--yes")
    assert missing.code == 2 and "There is no backup file" in missing.err
    assert names(cli) == ["Дарья"]
    assert backups(cli) == []


def test_a_newer_schema_exits_3(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "crm.crmbackup"
    cli.ok("backup", str(out))
    newer = tmp_path / "newer.crmbackup"
    with zipfile.ZipFile(out) as old, zipfile.ZipFile(newer, "w") as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "manifest.json":
                manifest = json.loads(content)
                manifest["schema"] = "9999"
                content = json.dumps(manifest).encode()
            new.writestr(item, content)
    result = cli("restore", str(newer), "--yes")
    assert result.code == 3 and "newer schema" in result.err
    ru = cli("restore", str(newer), "--yes", lang="ru")
    assert ru.code == 3 and "более новую схему" in ru.err


def test_restore_asks_on_a_terminal(cli: Cli, tmp_path: Path) -> None:
    """With a terminal the question comes in the user's language: «н» keeps the data,
    «д» replaces it."""
    cli.ok("client", "add", "--name", "Елена")
    out = tmp_path / "crm.crmbackup"
    cli.ok("backup", str(out))
    cli.ok("client", "add", "--name", "Жанна")

    def answer(reply: str) -> tuple[int, str]:
        master, slave = os.openpty()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CRM_DESKTOP", "PG"))}
        env.update(
            HOME=str(cli.home),
            XDG_DATA_HOME=str(cli.home / "data"),
            XDG_CONFIG_HOME=str(cli.home / "config"),
            XDG_STATE_HOME=str(cli.home / "state"),
        )
        command = [sys.executable, "-m", "crm_desktop", "--lang", "ru", "--db", str(cli.db)]
        proc = subprocess.Popen(
            [*command, "restore", str(out)],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        os.close(slave)
        os.write(master, (reply + "\n").encode())
        _out, err = proc.communicate(timeout=120)
        os.close(master)
        return proc.returncode, err.decode()

    code, err = answer("н")
    assert code == 0 and "Заменить базу" in err and "[y/N]" in err
    assert "Ничего не изменено" in err
    assert names(cli) == ["Елена", "Жанна"]
    code, err = answer("д")
    assert code == 0, err
    assert names(cli) == ["Елена"]


def test_a_server_backup_needs_a_superuser(pg_database: str, tmp_path: Path) -> None:
    runner = Cli(db=pg_database, home=tmp_path / "home")
    runner.ok("init")
    runner.ok("client", "add", "--name", "Зоя")
    login = "bk_cli_plain"
    database = parse_location(pg_database).database
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {login}")
        conn.execute(f"CREATE ROLE {login} LOGIN")
        conn.execute(f"GRANT CONNECT ON DATABASE {database} TO {login}")
    try:
        plain = pg_database.replace("postgres:@", f"{login}:@", 1)
        out = tmp_path / "server.crmbackup"
        refused = runner("backup", str(out), db=plain)
        assert refused.code == 2 and "superuser" in refused.err and not out.exists()
        made = runner.ok("backup", str(out), "--admin-url", pg_database, "--json", db=plain)
        assert made.json()["manifest"]["rows"]["clients"] == 1
        refused = runner("restore", str(out), "--yes", db=plain)
        assert refused.code == 2 and "superuser" in refused.err
        runner.ok("restore", str(out), "--yes", "--admin-url", pg_database, db=plain)
    finally:
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute(f"REVOKE CONNECT ON DATABASE {database} FROM {login}")
            conn.execute(f"DROP ROLE IF EXISTS {login}")
