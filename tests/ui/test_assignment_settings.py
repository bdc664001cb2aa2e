"""The administrator's set-up of automatic assignment, on both databases: a queue with two
members, calls assigned by that queue, a member on holiday skipped; a manager sees it
read-only and marks only herself on holiday."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from crm_desktop.models import AssignMethod, Role
from crm_desktop.services.assignment import assign, list_queues, list_rules
from crm_desktop.services.users import add_user, get_user
from crm_desktop.store.database import Database
from crm_desktop.ui.assignment_settings import AssignmentSettings


def managers(db: Database, *logins: str) -> None:
    with db.unit_of_work() as session:
        for login in logins:
            add_user(session, login, Role.MANAGER, full_name=login.capitalize())


def opened(qtbot: QtBot, db: Database, login: str | None) -> AssignmentSettings:
    screen = AssignmentSettings(db, login)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.sig_loaded):
        screen.refresh()
    qtbot.waitUntil(lambda: not screen.is_busy())
    return screen


def absent(db: Database, login: str) -> bool:
    with db.unit_of_work() as session:
        return get_user(session, login).absent


def test_calls_go_by_queue_to_the_member_who_is_not_on_holiday(qtbot: QtBot, db: Database) -> None:
    managers(db, "anna", "boris", "vera")
    screen = opened(qtbot, db, None)  # the file's owner: an administrator
    assert screen.note.isHidden()
    assert not screen.no_queues.isHidden()  # no queue yet
    assert sorted(screen.holidays) == ["anna", "boris", "vera"]

    screen.queue_name.setText("Продажи")
    with qtbot.waitSignal(screen.sig_loaded):
        screen.add_queue()
    assert screen.selected_queue() is not None
    assert screen.members_box.title() == 'Members of "Продажи"'
    with qtbot.waitSignal(screen.sig_loaded):
        screen.members["anna"].setChecked(True)
    with qtbot.waitSignal(screen.sig_loaded):
        screen.members["boris"].setChecked(True)
    assert screen.queues.item(0).text() == "Продажи (2 members)"

    calls = screen.methods["task:call"]
    assert calls.currentIndex() == 0  # no rule of its own yet
    with qtbot.waitSignal(screen.sig_loaded):
        calls.setCurrentIndex(calls.findData(AssignMethod.QUEUE.value))
    assert screen.rule_queues["task:call"].currentText() == "Продажи"
    assert not screen.rule_queues["task:call"].isHidden()
    assert screen.rule_queues["task:meeting"].isHidden()  # only "by queue" takes a queue

    with qtbot.waitSignal(screen.sig_loaded):
        screen.holidays["boris"].setChecked(True)
    qtbot.waitUntil(lambda: not screen.is_busy())

    with db.unit_of_work() as session:
        queues = list_queues(session)
        rules = list_rules(session)
    assert [(q.name, q.members) for q in queues] == [("Продажи", ["anna", "boris"])]
    assert [(r.scope, r.method, r.queue_name) for r in rules] == [
        ("task:call", AssignMethod.QUEUE, "Продажи")
    ]
    assert absent(db, "boris") and not absent(db, "anna")
    picked = []
    for _ in range(4):
        with db.unit_of_work() as session:
            picked.append(assign(session, "task:call"))
    assert picked == [("anna", "queue")] * 4

    # a queue a rule uses is not deleted: the reason is said under the queue
    with qtbot.waitSignal(screen.sig_failed) as refused:
        screen.delete_queue()
    qtbot.waitUntil(lambda: not screen.is_busy())
    assert "change the rule first" in refused.args[0]
    assert screen.queue_error.text() == refused.args[0]

    # back to no rule of its own; then the queue goes
    with qtbot.waitSignal(screen.sig_loaded):
        calls.setCurrentIndex(0)
    with qtbot.waitSignal(screen.sig_loaded):
        screen.delete_queue()
    with db.unit_of_work() as session:
        assert list_rules(session) == []
        assert list_queues(session) == []
    assert not screen.no_queues.isHidden()


def test_by_queue_without_a_queue_is_explained_under_the_rule(qtbot: QtBot, db: Database) -> None:
    managers(db, "anna")
    screen = opened(qtbot, db, None)
    clients = screen.methods["client"]
    with qtbot.waitSignal(screen.sig_failed):
        clients.setCurrentIndex(clients.findData(AssignMethod.QUEUE.value))
    qtbot.waitUntil(lambda: not screen.is_busy())
    assert "needs a queue" in screen.scope_error("client")
    assert clients.currentIndex() == 0  # shows what is stored: no rule
    with qtbot.waitSignal(screen.sig_loaded):
        clients.setCurrentIndex(clients.findData(AssignMethod.WORKLOAD.value))
    with db.unit_of_work() as session:
        assert [(r.scope, r.method) for r in list_rules(session)] == [
            ("client", AssignMethod.WORKLOAD)
        ]


def test_a_manager_sees_it_read_only_and_marks_herself_on_holiday(
    qtbot: QtBot, db: Database
) -> None:
    managers(db, "anna", "boris")
    screen = opened(qtbot, db, "anna")
    assert not screen.note.isHidden()
    assert "administrator" in screen.note.text()
    assert screen.add_queue_button.isHidden()
    assert not screen.methods["task:call"].isEnabled()
    assert not screen.holidays["boris"].isEnabled()
    assert screen.holidays["anna"].isEnabled()
    screen.queue_name.setText("Сервис")
    screen.add_queue()  # nothing happens
    assert not screen.is_busy()
    with qtbot.waitSignal(screen.sig_loaded):
        screen.holidays["anna"].setChecked(True)
    assert absent(db, "anna") and not absent(db, "boris")
    with db.unit_of_work() as session:
        assert list_queues(session) == []
