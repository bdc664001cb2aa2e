"""`task ...`, `queue ...`, `assignment ...` and `user absent` as a user runs them."""

from __future__ import annotations

import datetime as dt
import uuid

from tests.cli.conftest import Cli


def local(day: dt.date, hour: int) -> str:
    """A due time as typed: ISO without a zone, the computer's local time."""
    return dt.datetime.combine(day, dt.time(hour, 0)).isoformat(timespec="minutes")


def to(title: str, due: str, assignee: str, kind: str = "call") -> tuple[str, ...]:
    return ("--title", title, "--type", kind, "--due", due, "--assignee", assignee)


def managers(cli: Cli, *logins: str) -> None:
    for login in logins:
        cli.ok("user", "add", login, "--role", "manager")


def add(cli: Cli, *args: str) -> dict[str, object]:
    data = cli.ok("task", "add", *args, "--json").json()
    assert isinstance(data, dict)
    return data


def test_task_add_auto_shows_the_rule_and_takes_turns(cli: Cli) -> None:
    managers(cli, "anna", "boris")
    client = cli.ok("client", "add", "--name", "Иванов Иван", "--json").json()["id"]
    due = "2026-12-01T10:30+03:00"
    first = add(cli, "--title", "Позвонить", "--type", "call", "--due", due, "--auto")
    second = add(
        cli, "--title", "Встреча", "--type", "meeting", "--due", due, "--auto", "--client", client
    )
    assert (first["assignee"], first["assigned_by_rule"]) == ("anna", "round_robin")
    assert (second["assignee"], second["assigned_by_rule"]) == ("boris", "round_robin")
    assert first["due"] == "2026-12-01T07:30:00+00:00"
    assert first["type"] == "call" and first["status"] == "open"
    assert second["client_id"] == client and second["deal_id"] is None
    for key in ("id", "title", "type", "due", "assignee", "status", "client_id", "deal_id"):
        assert key in first
    text = cli.ok(
        "task", "add", "--title", "Ещё", "--type", "other", "--due", due, "--auto", lang="ru"
    ).out
    assert "назначено автоматически: по кругу" in text
    manual = add(cli, "--title", "Моё", "--type", "other", "--due", due, "--assignee", "boris")
    assert (manual["assignee"], manual["assigned_by_rule"]) == ("boris", None)


def test_task_list_by_due_and_done(cli: Cli) -> None:
    managers(cli, "anna", "boris")
    today = dt.date.today()
    yesterday, in_a_month = today - dt.timedelta(days=1), today + dt.timedelta(days=30)
    overdue = add(cli, *to("Вчера", local(yesterday, 12), "anna"))
    noon = add(cli, *to("Сегодня", local(today, 12), "anna"))
    add(cli, *to("Через месяц", local(in_a_month, 12), "anna"))
    add(cli, *to("Бориса", local(today, 12), "boris"))

    def titles(*args: str, user: str | None = None) -> list[str]:
        return [t["title"] for t in cli.ok("task", "list", *args, "--json", user=user).json()]

    assert titles("--due", "overdue", "--assignee", "anna") == ["Вчера"] + (
        ["Сегодня"] if dt.datetime.now().hour >= 12 else []
    )
    assert titles("--due", "today") == ["Сегодня", "Бориса"]
    assert titles("--due", "week", "--assignee", "anna") == ["Сегодня"]
    assert titles() == ["Вчера", "Сегодня", "Бориса", "Через месяц"]
    if cli.db and not cli.db.startswith("postgresql"):  # on PostgreSQL the login is the URL's
        assert titles("--mine", user="boris") == ["Бориса"]

    finished = cli.ok("task", "done", str(noon["id"]), "--json").json()
    assert finished["status"] == "done" and finished["next"] is None
    assert titles("--due", "today") == ["Бориса"]
    assert "Сегодня" in titles("--all")
    refused = cli("task", "done", str(noon["id"]))
    assert refused.code == 3 and len(refused.err.strip().splitlines()) == 1
    assert cli.ok("task", "show", str(overdue["id"]), "--json").json()["title"] == "Вчера"


def test_done_repeating_task_makes_the_next_and_snooze(cli: Cli) -> None:
    managers(cli, "anna")
    due = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=2)
    repeat = ("--repeat", "weekly", "--remind-before", "60")
    view = add(cli, *to("Отчёт", due.isoformat(), "anna", "documents"), *repeat)
    assert view["recurrence"] == "weekly"
    assert view["remind_at"] == (due - dt.timedelta(hours=1)).isoformat()
    result = cli.ok("task", "done", str(view["id"]), "--json").json()
    follower = result["next"]
    assert follower["due"] == (due + dt.timedelta(days=7)).isoformat()
    assert follower["recurrence"] == "weekly" and follower["status"] == "open"
    before = dt.datetime.now(dt.UTC)
    snoozed = cli.ok("task", "snooze", follower["id"], "15", "--json").json()
    remind = dt.datetime.fromisoformat(snoozed["remind_at"])
    assert before + dt.timedelta(minutes=14) < remind < before + dt.timedelta(minutes=16)


def test_bad_task_input_exits_2(cli: Cli) -> None:
    managers(cli, "anna")
    base = ("task", "add", "--title", "Позвонить", "--type", "call")
    for args in (
        (*base, "--due", "завтра", "--assignee", "anna"),
        (*base, "--due", "2026-12-01T10:00"),  # neither --assignee nor --auto
        (*base, "--due", "2026-12-01T10:00", "--assignee", "anna", "--auto"),
        (*base, "--due", "2026-12-01T10:00", "--assignee", "ghost"),
        (*base, "--due", "2026-12-01T10:00", "--assignee", "anna", "--client", "nope"),
        (*base, "--due", "2026-12-01T10:00", "--assignee", "anna", "--client", str(uuid.uuid4())),
        ("task", "add", "--title", "x", "--type", "lunch", "--due", "2026-12-01T10:00", "--auto"),
        ("task", "add", "--title", " ", "--type", "call", "--due", "2026-12-01T10:00", "--auto"),
        ("task", "list", "--due", "tomorrow"),
        ("task", "done", "not-an-id"),
        ("task", "done", str(uuid.uuid4())),
        ("task", "snooze", str(uuid.uuid4()), "soon"),
    ):
        result = cli(*args)
        assert result.code == 2, (args, result.err)
        assert result.out == "" and len(result.err.strip().splitlines()) == 1, result.err
    assert cli.ok("task", "list", "--json", "--all").json() == []


def test_auto_with_nobody_available_is_refused(cli: Cli) -> None:
    managers(cli, "anna")
    cli.ok("user", "absent", "anna", "on")
    result = cli(
        "task", "add", "--title", "x", "--type", "call", "--due", "2026-12-01T10:00", "--auto"
    )
    assert result.code == 3 and "manager" in result.err and result.out == ""
    cli.ok("user", "absent", "anna", "off")
    assert (
        add(cli, "--title", "x", "--type", "call", "--due", "2026-12-01T10:00", "--auto")[
            "assignee"
        ]
        == "anna"
    )


def test_queue_and_rules_from_the_command_line(cli: Cli) -> None:
    managers(cli, "anna", "boris", "vera")
    cli.ok("user", "add", "gleb", "--role", "production")
    queue = cli.ok("queue", "add", "Сервис", "--json").json()
    cli.ok("queue", "add-member", "Сервис", "gleb")
    cli.ok("queue", "add-member", queue["id"], "vera")
    assert cli.ok("queue", "list", "--json").json() == [
        {"id": queue["id"], "name": "Сервис", "members": ["gleb", "vera"]}
    ]
    cli.ok("assignment", "set", "task:documents", "queue", "--queue", "сервис")
    cli.ok("assignment", "set", "task", "workload")
    assert cli.ok("assignment", "list", "--json").json() == [
        {"scope": "task:documents", "method": "queue", "queue_id": queue["id"], "queue": "Сервис"},
        {"scope": "task", "method": "workload", "queue_id": None, "queue": None},
    ]
    due = "2026-12-01T10:00"
    docs = [
        add(cli, "--title", "Акт", "--type", "documents", "--due", due, "--auto") for _ in range(2)
    ]
    assert [(d["assignee"], d["assigned_by_rule"]) for d in docs] == [
        ("gleb", "queue"),
        ("vera", "queue"),
    ]
    call = add(cli, "--title", "Звонок", "--type", "call", "--due", due, "--auto")
    assert (call["assignee"], call["assigned_by_rule"]) == ("anna", "workload")
    cli.ok("user", "absent", "anna", "on")
    call = add(cli, "--title", "Звонок", "--type", "call", "--due", due, "--auto")
    assert call["assignee"] == "boris"
    assert cli("queue", "delete", "Сервис").code == 3  # a rule uses it
    assert cli("assignment", "set", "task", "lottery").code == 2
