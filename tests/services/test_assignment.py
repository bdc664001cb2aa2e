"""Automatic assignment: each rule, who is skipped, fairness, queues (SQLite and PostgreSQL)."""

from __future__ import annotations

import collections
import datetime as dt
import threading
import time

import pytest
from sqlalchemy import select, text

from crm_desktop.errors import PermissionDenied, Refused, ValidationError
from crm_desktop.i18n import set_language
from crm_desktop.models import AssignmentRule, AssignMethod, Role, Task, TaskStatus
from crm_desktop.services.assignment import (
    DEFAULT_SCOPE,
    NobodyAvailable,
    add_member,
    assign,
    clear_rule,
    create_queue,
    delete_queue,
    list_queues,
    list_rules,
    remove_member,
    rename_queue,
    rule_for,
    rule_label,
    set_absent,
    set_rule,
)
from crm_desktop.services.tasks import add_task, cancel_task, complete_task
from crm_desktop.services.users import add_user, disable_user
from crm_desktop.store.database import Database

NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)
DUE = NOW + dt.timedelta(days=1)


def users(db: Database, *specs: tuple[str, Role]) -> None:
    with db.unit_of_work() as session:
        for login, role in specs:
            add_user(session, login, role)


def managers(db: Database, *logins: str) -> None:
    users(db, *((login, Role.MANAGER) for login in logins))


def assign_many(db: Database, scope: str, n: int) -> list[tuple[str, str]]:
    """n assignments, each in its own unit of work (the cursor must persist)."""
    found = []
    for _ in range(n):
        with db.unit_of_work() as session:
            found.append(assign(session, scope))
    return found


def auto_tasks(db: Database, n: int, kind: str = "call", per_unit: int = 10) -> list[str]:
    """n tasks assigned automatically, `per_unit` to a unit of work; their assignees."""
    got: list[str] = []
    while len(got) < n:
        with db.unit_of_work() as session:
            for _ in range(min(per_unit, n - len(got))):
                view = add_task(session, title="Позвонить", kind=kind, due_at=DUE, auto=True)
                assert view.assignee is not None
                got.append(view.assignee)
    return got


def give_tasks(db: Database, login: str, n: int, status: TaskStatus = TaskStatus.OPEN) -> None:
    with db.unit_of_work() as session:
        for _ in range(n):
            view = add_task(session, title="Дело", due_at=DUE, assignee=login)
            if status == TaskStatus.DONE:
                complete_task(session, view.id, NOW)
            elif status == TaskStatus.CANCELLED:
                cancel_task(session, view.id)


# --- no rule: round robin over the active managers ------------------------------------------


def test_with_no_rule_managers_take_turns_and_others_never(db: Database) -> None:
    managers(db, "vera", "anna", "boris")
    users(db, ("boss", Role.EXECUTIVE), ("root", Role.ADMIN), ("buh", Role.ACCOUNTANT))
    found = assign_many(db, "task:call", 6)
    assert found == [(login, "round_robin") for login in ["anna", "boris", "vera"] * 2]
    with db.unit_of_work() as session:
        rows = session.scalars(select(AssignmentRule)).all()
        assert [(r.scope, r.method, r.last_login) for r in rows] == [
            (DEFAULT_SCOPE, AssignMethod.ROUND_ROBIN, "vera")
        ]
        assert rule_for(session, "task:call") is None
        assert list_rules(session) == []  # the implicit row is no configured rule


def test_round_robin_is_fair_over_300_tasks(db: Database) -> None:
    managers(db, "anna", "boris", "vera")
    got = auto_tasks(db, 300)
    assert collections.Counter(got) == {"anna": 100, "boris": 100, "vera": 100}
    with db.unit_of_work() as session:
        tasks = session.scalars(select(Task)).all()
        assert {t.assigned_by_rule for t in tasks} == {"round_robin"}


def test_the_default_round_goes_on_across_task_types_and_clients(db: Database) -> None:
    managers(db, "anna", "boris", "vera")
    with db.unit_of_work() as session:
        order = [assign(session, scope)[0] for scope in ("task:call", "client", "task:other")]
    assert order == ["anna", "boris", "vera"]


def test_round_robin_rule_of_its_own(db: Database) -> None:
    managers(db, "anna", "boris", "vera")
    with db.unit_of_work() as session:
        set_rule(session, "task:meeting", "round_robin")
    assert assign_many(db, "task:call", 1) == [("anna", "round_robin")]  # the default round
    # the meeting rule has its own cursor: it starts from the beginning
    assert [login for login, _rule in assign_many(db, "task:meeting", 4)] == [
        "anna",
        "boris",
        "vera",
        "anna",
    ]


# --- who is skipped ---------------------------------------------------------------------------


def test_absent_and_disabled_users_are_skipped(db: Database) -> None:
    managers(db, "anna", "boris", "vera")
    with db.unit_of_work() as session:
        assert set_absent(session, "boris", True) is True
        disable_user(session, "vera")
    assert [login for login, _ in assign_many(db, "task", 3)] == ["anna"] * 3
    with db.unit_of_work() as session:
        set_absent(session, "boris", False)
    assert [login for login, _ in assign_many(db, "task", 2)] == ["boris", "anna"]


def test_a_user_comes_back_into_the_round_at_their_place(db: Database) -> None:
    managers(db, "anna", "boris", "vera")
    assert [x for x, _ in assign_many(db, "client", 1)] == ["anna"]
    with db.unit_of_work() as session:
        set_absent(session, "boris", True)
    assert [x for x, _ in assign_many(db, "client", 2)] == ["vera", "anna"]
    with db.unit_of_work() as session:
        set_absent(session, "boris", False)
    assert [x for x, _ in assign_many(db, "client", 3)] == ["boris", "vera", "anna"]


def test_a_user_may_mark_themself_absent_but_not_others(db: Database) -> None:
    managers(db, "anna", "boris")
    with db.unit_of_work("anna") as session:
        assert set_absent(session, "anna", True) is True
    with db.unit_of_work("anna") as session, pytest.raises(PermissionDenied):
        set_absent(session, "boris", True)
    with db.unit_of_work() as session:  # the administrator
        assert set_absent(session, "anna", False) is False


def test_nobody_available_is_a_clear_refusal(db: Database) -> None:
    users(db, ("boss", Role.EXECUTIVE))
    with db.unit_of_work() as session, pytest.raises(NobodyAvailable) as err:
        assign(session, "task:call")
    assert isinstance(err.value, Refused) and err.value.exit_code == 3
    assert "no active manager" in str(err.value)
    managers(db, "anna")
    with db.unit_of_work() as session:
        set_absent(session, "anna", True)
    with db.unit_of_work() as session, pytest.raises(NobodyAvailable):
        add_task(session, title="Позвонить", kind="call", due_at=DUE, auto=True)
    with db.unit_of_work() as session:
        assert session.scalar(select(Task.id)) is None


# --- workload -----------------------------------------------------------------------------


def test_workload_picks_the_least_loaded_ties_by_login(db: Database) -> None:
    managers(db, "anna", "boris", "vera")
    give_tasks(db, "anna", 3)
    give_tasks(db, "boris", 2)
    give_tasks(db, "vera", 2)
    give_tasks(db, "vera", 5, TaskStatus.DONE)  # done and cancelled work is no load
    give_tasks(db, "boris", 4, TaskStatus.CANCELLED)
    with db.unit_of_work() as session:
        set_rule(session, "task:call", AssignMethod.WORKLOAD)
    assert auto_tasks(db, 1) == ["boris"]  # 2 = 2 < 3: boris before vera
    assert auto_tasks(db, 1) == ["vera"]  # boris has 3 now
    assert auto_tasks(db, 3, per_unit=3) == ["anna", "boris", "vera"]  # all at 3, then 4
    with db.unit_of_work() as session:
        tasks = session.scalars(select(Task).where(Task.assigned_by_rule.is_not(None))).all()
        assert {t.assigned_by_rule for t in tasks} == {"workload"}


def test_workload_skips_absent_users(db: Database) -> None:
    managers(db, "anna", "boris")
    give_tasks(db, "anna", 5)
    with db.unit_of_work() as session:
        set_rule(session, "task", "workload")
        set_absent(session, "boris", True)
    assert auto_tasks(db, 2, kind="meeting") == ["anna", "anna"]


def test_general_task_rule_covers_types_without_their_own(db: Database) -> None:
    managers(db, "anna", "boris")
    give_tasks(db, "anna", 1)
    with db.unit_of_work() as session:
        set_rule(session, "task", "workload")
        set_rule(session, "task:call", "round_robin")
        assert rule_for(session, "task:meeting").method == AssignMethod.WORKLOAD  # type: ignore[union-attr]
        assert rule_for(session, "client") is None
    with db.unit_of_work() as session:
        assert assign(session, "task:meeting") == ("boris", "workload")
        assert assign(session, "task:call") == ("anna", "round_robin")
        clear_rule(session, "task")
        assert assign(session, "task:meeting") == ("anna", "round_robin")  # the default round
        assert [r.scope for r in list_rules(session)] == ["task:call"]


# --- queues ---------------------------------------------------------------------------------


def test_queue_members_take_turns(db: Database) -> None:
    managers(db, "anna", "boris", "vera")
    users(db, ("gleb", Role.PRODUCTION))
    with db.unit_of_work() as session:
        service = create_queue(session, "  Сервис ")
        create_queue(session, "Продажи")
        for login in ("vera", "gleb", "anna"):
            add_member(session, service.id, login)
        set_rule(session, "task:documents", "queue", queue_id=service.id)
        queues = list_queues(session)
    assert [(q.name, q.members) for q in queues] == [
        ("Продажи", []),
        ("Сервис", ["anna", "gleb", "vera"]),
    ]
    got = auto_tasks(db, 6, kind="documents")
    assert got == ["anna", "gleb", "vera"] * 2  # any role in a queue; boris is no member
    with db.unit_of_work() as session:
        tasks = session.scalars(select(Task)).all()
        assert {(t.assigned_by_rule, t.queue_id) for t in tasks} == {("queue", service.id)}
        set_absent(session, "gleb", True)
        remove_member(session, service.id, "vera")
    assert auto_tasks(db, 2, kind="documents") == ["anna", "anna"]
    with db.unit_of_work() as session:
        set_absent(session, "anna", True)
    with db.unit_of_work() as session, pytest.raises(NobodyAvailable) as err:
        assign(session, "task:documents")
    assert "Сервис" in str(err.value)


def test_queue_fairness_over_many_tasks(db: Database) -> None:
    managers(db, "anna", "boris", "vera", "gleb")
    with db.unit_of_work() as session:
        queue = create_queue(session, "Продажи")
        for login in ("anna", "boris", "vera"):
            add_member(session, queue.id, login)
        set_rule(session, "client", "queue", queue_id=queue.id)
    got = [login for login, _ in assign_many(db, "client", 30)]
    assert collections.Counter(got) == {"anna": 10, "boris": 10, "vera": 10}


def test_queue_setup_is_checked(db: Database) -> None:
    managers(db, "anna")
    with db.unit_of_work() as session:
        queue = create_queue(session, "Сервис")
        with pytest.raises(ValidationError):
            create_queue(session, "Сервис")
        with pytest.raises(ValidationError):
            create_queue(session, "   ")
        with pytest.raises(ValidationError):
            set_rule(session, "task:call", "queue")  # no queue named
        with pytest.raises(ValidationError):
            set_rule(session, "task:call", "workload", queue_id=queue.id)
        with pytest.raises(ValidationError):
            set_rule(session, "task:nothing", "workload")
        with pytest.raises(ValidationError):
            set_rule(session, "task", "lottery")
        set_rule(session, "task", "queue", queue_id=queue.id)
        with pytest.raises(Refused):
            delete_queue(session, queue.id)  # a rule uses it
        clear_rule(session, "task")
        renamed = rename_queue(session, queue.id, "Поддержка")
        assert renamed.name == "Поддержка"
        delete_queue(session, queue.id)
        assert list_queues(session) == []
        again = create_queue(session, "Поддержка")  # comes back, empty
        assert again.id == queue.id and again.members == []


def test_only_an_administrator_sets_up_assignment(db: Database) -> None:
    managers(db, "anna")
    with db.unit_of_work() as session:
        queue = create_queue(session, "Сервис")
    with db.unit_of_work("anna") as session:
        for action in (
            lambda: create_queue(session, "Продажи"),
            lambda: add_member(session, queue.id, "anna"),
            lambda: set_rule(session, "task", "workload"),
            lambda: clear_rule(session, "task"),
            lambda: delete_queue(session, queue.id),
        ):
            with pytest.raises(PermissionDenied, match="administrator"):
                action()
        assert assign(session, "task") == ("anna", "round_robin")  # anyone may be assigned


# --- what the task shows -------------------------------------------------------------------------


def test_rule_labels_in_both_languages() -> None:
    assert rule_label("workload") == "assigned automatically: least workload"
    assert rule_label(None) == ""
    set_language("ru")
    try:
        assert rule_label("workload") == "назначено автоматически: наименьшая загрузка"
        assert rule_label("round_robin") == "назначено автоматически: по кругу"
        assert rule_label("queue") == "назначено автоматически: по кругу в очереди"
    finally:
        set_language("en")


# --- two desktops at once -----------------------------------------------------------------------


def test_two_desktops_assigning_at_once_do_not_get_the_same_turn(db: Database) -> None:
    managers(db, "anna", "boris", "vera")
    assign_many(db, "task", 1)  # the default row exists: anna had the last turn
    second: list[tuple[str, str]] = []
    errors: list[BaseException] = []

    def other_desktop() -> None:
        try:
            with db.unit_of_work() as session:
                second.append(assign(session, "task"))
        except BaseException as exc:  # reported below
            errors.append(exc)

    with db.unit_of_work() as session:
        first = assign(session, "task")
        worker = threading.Thread(target=other_desktop)
        worker.start()
        if db.dialect == "postgresql":  # the other waits on the locked rule row
            assert _wait_for_lock_wait(db), "the second desktop did not wait for the lock"
        else:  # SQLite: the other waits for the write lock at BEGIN IMMEDIATE
            worker.join(0.3)
            assert worker.is_alive()
    worker.join(30)
    assert not errors, errors
    assert first == ("boris", "round_robin")
    assert second == [("vera", "round_robin")]


def _wait_for_lock_wait(db: Database) -> bool:
    # autocommit: a transaction would read pg_stat_activity from one cached snapshot
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for _ in range(200):
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar()
            if waiting:
                return True
            time.sleep(0.025)
    return False
