from __future__ import annotations

from tests.cli.conftest import Cli


def test_user_add_list_disable(cli: Cli) -> None:
    cli.ok("user", "add", "ivanova", "--role", "manager", "--name", "Иванова Мария")
    cli.ok("user", "add", "boss", "--role", "executive")
    users = cli.ok("user", "list", "--json").json()
    assert [(u["login"], u["role"], u["disabled"]) for u in users] == [
        ("boss", "executive", False),
        ("ivanova", "manager", False),
    ]
    cli.ok("user", "disable", "ivanova")
    users = {u["login"]: u for u in cli.ok("user", "list", "--json").json()}
    assert users["ivanova"]["disabled"] is True


def test_password_from_stdin_is_stored_as_a_hash(cli: Cli) -> None:
    cli.ok(
        "user", "add", "admin1", "--role", "admin", "--password-stdin", stdin="секретный пароль\n"
    )
    users = cli.ok("user", "list", "--json").json()
    assert users[0]["has_password"] is True
    assert "секретный" not in cli.ok("user", "list", "--json").out


def test_bad_user_input_exits_2(cli: Cli) -> None:
    for args in (
        ("user", "add", "ivanova", "--role", "boss"),
        ("user", "add", "Иванова", "--role", "manager"),
        ("user", "add", "short", "--role", "admin", "--password-stdin"),
    ):
        result = cli(*args, stdin="abc\n")
        assert result.code == 2, result.err
        assert len(result.err.strip().splitlines()) == 1
    cli.ok("user", "add", "ivanova", "--role", "manager")
    assert cli("user", "add", "ivanova", "--role", "manager").code == 2


def test_a_manager_cannot_add_users(cli: Cli) -> None:
    if cli.db and cli.db.startswith("postgresql"):
        return  # database roles come with the office-server issue
    cli.ok("user", "add", "ivanova", "--role", "manager")
    result = cli("user", "add", "petrov", "--role", "manager", user="ivanova")
    assert result.code == 3
    assert "administrator" in result.err


def test_unknown_acting_user_is_bad_input(cli: Cli) -> None:
    if cli.db and cli.db.startswith("postgresql"):
        return
    result = cli("client", "list", user="ghost")
    assert result.code == 2 and "ghost" in result.err
