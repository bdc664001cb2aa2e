"""`bin list|restore|empty` in a subprocess, as a user runs them, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, text

from crm_desktop.services.deals import DealChanges, create_deal, delete_deal
from crm_desktop.services.pipelines import ensure_default_pipeline
from crm_desktop.store.database import open_database
from crm_desktop.store.location import parse_location
from tests.cli.conftest import Cli


def deleted_client(cli: Cli, name: str) -> str:
    client_id = str(cli.ok("client", "add", "--name", name, "--json").json()["id"])
    cli.ok("client", "delete", client_id)
    return client_id


def test_list_restore_and_empty(cli: Cli) -> None:
    kept = deleted_client(cli, "Соколова Анна")
    gone = deleted_client(cli, "Петров Иван")
    listed = cli.ok("bin", "list", "--json").json()
    assert [(e["kind"], e["id"], e["title"]) for e in listed] == [
        ("clients", gone, "Петров Иван"),
        ("clients", kept, "Соколова Анна"),
    ]
    assert set(listed[0]) >= {"deleted_at", "deleted_by", "deleted_by_name", "detail"}
    text_lines = cli.ok("bin", "list").out.splitlines()
    assert len(text_lines) == 2 and "Петров Иван" in text_lines[0] and gone in text_lines[0]
    assert cli.ok("bin", "list", "--kind", "deals", "--json").json() == []
    assert [e["id"] for e in cli.ok("bin", "list", "--search", "соколова", "--json").json()] == [
        kept
    ]
    restored = cli.ok("bin", "restore", "clients", kept, "--json").json()
    assert restored == {"restored": [{"kind": "clients", "id": kept}], "refused": []}
    assert cli.ok("client", "show", kept, "--json").json()["name"] == "Соколова Анна"
    report = cli.ok("bin", "empty", "--yes", "--json").json()
    assert report["removed"] == {"clients": 1} and report["kept"] == []
    assert cli.ok("bin", "list", "--json").json() == []
    assert cli("client", "show", gone, "--json").code == 2  # erased for good
    said = cli.ok("bin", "empty", "--yes").out
    assert said.startswith("Erased for good: 0 records")


def test_a_refused_restore_changes_nothing_and_says_why(cli: Cli) -> None:
    client_id = str(cli.ok("client", "add", "--name", "Ромашка", "--json").json()["id"])
    db = open_database(parse_location(str(cli.db)))
    try:
        with db.unit_of_work() as session:
            ensure_default_pipeline(session)
            changes = DealChanges(title="Поставка", client_id=uuid.UUID(client_id))
            deal_id = str(create_deal(session, changes).id)
        with db.unit_of_work() as session:
            delete_deal(session, uuid.UUID(deal_id))
    finally:
        db.dispose()
    cli.ok("client", "delete", client_id)
    # the deal waits for its client, and the client given after it in the same call
    # does not come back alone either: all or nothing
    result = cli("bin", "restore", "deals", deal_id, client_id, "--json")
    assert result.code == 2 and result.out == ""
    assert result.err.strip().splitlines() == [
        f"crm-desktop: {deal_id}: The client is in the recycle bin: restore it first"
    ]
    assert len(cli.ok("bin", "list", "--json").json()) == 2  # neither came back
    cli.ok("bin", "restore", "clients", client_id)
    out = cli.ok("bin", "restore", "deal", deal_id).out
    assert out.strip() == f"Restored: deals {deal_id}"
    missing = str(uuid.uuid4())
    result = cli("bin", "restore", "clients", missing)
    assert result.code == 2 and missing in result.err


def test_emptying_asks_and_refuses_without_a_terminal(cli: Cli) -> None:
    client_id = deleted_client(cli, "Ромашка")
    result = cli("bin", "empty")
    assert result.code == 2 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and "--yes" in result.err
    assert [e["id"] for e in cli.ok("bin", "list", "--json").json()] == [client_id]
    result = cli("bin", "empty", "--older-than", "-1", "--yes")
    assert result.code == 2 and "--older-than" in result.err
    report = cli.ok("bin", "empty", "--older-than", "30", "--yes", "--json").json()
    assert report["total"] == 0  # deleted just now
    for args in (("bin", "list", "--kind", "widgets"), ("bin", "restore", "widgets", client_id)):
        result = cli(*args)
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1


def _plain_login(url: str, login: str) -> str:
    """A PostgreSQL login that is no administrator (nor an app user), reading every table;
    the URL it connects with."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text(f"CREATE ROLE {login} LOGIN"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {login}"))
    engine.dispose()
    _head, _, tail = url.partition("@")
    return f"postgresql://{login}@{tail}"


def test_only_an_administrator_empties_the_bin(cli: Cli) -> None:
    client_id = deleted_client(cli, "Ромашка")
    cli.ok("user", "add", "anna", "--role", "manager")
    if cli.db is not None and cli.db.startswith("postgresql"):
        login = f"anna_{uuid.uuid4().hex[:8]}"
        result = cli("bin", "empty", "--yes", db=_plain_login(cli.db, login))
    else:
        result = cli("bin", "empty", "--yes", user="anna")
    assert result.code == 3 and result.out == ""
    assert result.err.strip() == (
        "crm-desktop: Only an administrator can erase records from the recycle bin for good."
    )
    assert [e["id"] for e in cli.ok("bin", "list", "--json").json()] == [client_id]
    ru = cli("bin", "empty", "--yes", user="anna", lang="ru")
    if cli.db is not None and not cli.db.startswith("postgresql"):
        assert ru.code == 3 and "только администратор" in ru.err
