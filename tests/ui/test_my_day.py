"""The "My day" page on both databases, with a fixed clock: the three groups and their counts,
completing (a call offers the call log, which writes the history), snoozing, a repeating
task's next one, and everyone's tasks for an administrator."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.interactions import history
from crm_desktop.services.local_time import at_local
from crm_desktop.services.tasks import TaskView, add_task, get_task
from crm_desktop.services.users import add_user
from crm_desktop.services.vocabulary import InteractionKind, Role
from crm_desktop.store.database import Database
from crm_desktop.ui.my_day import MyDayPage
from crm_desktop.ui.task_labels import OVERDUE_COLOR
from tests.ui.dialogs import Answers

Button = QMessageBox.StandardButton
# The test clock: Wednesday 4 March 2026, 10:00 on the computer's clock.
WEDNESDAY = dt.date(2026, 3, 4)
NOW = at_local(WEDNESDAY, dt.time(10, 0))


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return at_local(dt.date(2026, 3, day), dt.time(hour, minute))


@pytest.fixture
def team(db: Database) -> Database:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER, full_name="Анна Смирнова")
        add_user(session, "boris", Role.MANAGER)
        add_user(session, "olga", Role.ADMIN)
    return db


def client(db: Database, name: str = "Иванов Иван") -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name=name)).id


def task(db: Database, **fields: Any) -> TaskView:
    fields.setdefault("assignee", "anna")
    with db.unit_of_work() as session:
        return add_task(session, **fields)


def stored(db: Database, task_id: uuid.UUID) -> TaskView:
    with db.unit_of_work() as session:
        return get_task(session, task_id)


def page_for(qtbot: QtBot, db: Database, login: str | None, now: dt.datetime = NOW) -> MyDayPage:
    page = MyDayPage(db, login, clock=lambda: now)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.sig_loaded):
        page.refresh()
    return page


def group_rows(page: MyDayPage) -> dict[str, list[str]]:
    """Each group's heading -> the titles of its tasks."""
    out: dict[str, list[str]] = {}
    for index in range(page.tree.topLevelItemCount()):
        head = page.tree.topLevelItem(index)
        assert head is not None
        titles = []
        for row in range(head.childCount()):
            view = page.tree.view_of(head.child(row))
            if view is not None:
                titles.append(view.title)
        out[head.text(0)] = titles
    return out


def test_the_groups_at_a_fixed_time(qtbot: QtBot, team: Database) -> None:
    ivanov = client(team)
    task(team, title="Позвонить Иванову", kind="call", due_at=at(3, 15), client_id=ivanov)
    task(team, title="Встреча в офисе", kind="meeting", due_at=at(4, 16, 30), priority="high")
    task(team, title="Ранний звонок", kind="call", due_at=at(4, 9))  # passed: overdue
    task(team, title="Отправить договор", kind="documents", due_at=at(6, 11))
    task(team, title="На следующей неделе", due_at=at(10, 11))
    task(team, title="Чужая задача", due_at=at(4, 12), assignee="boris")

    page = page_for(qtbot, team, "anna")

    assert group_rows(page) == {
        "Overdue (2)": ["Позвонить Иванову", "Ранний звонок"],
        "Today (1)": ["Встреча в офисе"],
        "This week (1)": ["Отправить договор"],
    }
    overdue = page.tree.topLevelItem(0)
    assert overdue is not None
    assert overdue.foreground(0).color().name() == OVERDUE_COLOR
    first = overdue.child(0)
    assert first is not None
    columns = page.tree.columns
    assert first.text(columns.index("client")) == "Иванов Иван"
    assert first.text(columns.index("kind")) == "Call"
    assert first.foreground(0).color().name() == OVERDUE_COLOR
    assert first.text(0) == "Mar 3, 2026 15:00"  # not today: with its date
    today = page.tree.topLevelItem(1)
    assert today is not None and today.child(0) is not None
    assert today.child(0).text(0) == "16:30"  # type: ignore[union-attr]
    assert today.child(0).text(columns.index("priority")) == "High"  # type: ignore[union-attr]
    assert page.tree.isColumnHidden(columns.index("assignee"))
    assert not page.scope.isVisibleTo(page)  # a manager sees their own tasks only
    assert page.stack.currentWidget() is page.tree


def test_nothing_to_do_says_so(qtbot: QtBot, team: Database) -> None:
    task(team, title="На следующей неделе", due_at=at(10, 11))
    page = page_for(qtbot, team, "anna")
    assert page.stack.currentWidget() is page.empty
    assert "Nothing to do" in page.empty.text()
    assert not page.complete_button.isEnabled()


def test_an_administrator_can_look_at_everyones_tasks(qtbot: QtBot, team: Database) -> None:
    task(team, title="Задача Анны", due_at=at(4, 12))
    task(team, title="Задача Бориса", due_at=at(5, 12), assignee="boris")
    page = page_for(qtbot, team, "olga")
    assert page.scope.isVisibleTo(page)
    assert group_rows(page) == {"Overdue (0)": [], "Today (0)": [], "This week (0)": []}
    with qtbot.waitSignal(page.sig_loaded):
        page.scope.setCurrentIndex(page.scope.findData("everyone"))
    assert group_rows(page) == {
        "Overdue (0)": [],
        "Today (1)": ["Задача Анны"],
        "This week (1)": ["Задача Бориса"],
    }
    assert not page.tree.isColumnHidden(page.tree.columns.index("assignee"))


def test_completing_a_call_offers_the_call_log_and_writes_history(
    qtbot: QtBot, team: Database
) -> None:
    ivanov = client(team)
    call = task(team, title="Позвонить Иванову", kind="call", due_at=at(4, 9), client_id=ivanov)
    page = page_for(qtbot, team, "anna")
    current = page.tree.current_task()  # the first task is chosen
    assert current is not None and current.id == call.id
    answers = Answers(Button.Yes)
    with qtbot.waitSignal(page.sig_completed, timeout=10_000) as completed:
        qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    answers.stop()
    assert answers.messages == ["Log the call in the history?"]
    assert completed.args is not None and completed.args[0].offer_call_log
    assert stored(team, call.id).status == "done"
    dialog = page.call_log_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.outcome.setCurrentText("Talked")
    dialog.text.setPlainText("Договорились о встрече в пятницу")
    with qtbot.waitSignal(dialog.sig_saved):
        dialog.save()
    assert not dialog.isVisible()
    with team.unit_of_work() as session:
        entries = history(session, ivanov)
    assert [(e.kind, e.outcome, e.text) for e in entries] == [
        (InteractionKind.CALL, "Talked", "Договорились о встрече в пятницу")
    ]
    qtbot.waitUntil(lambda: group_rows(page).get("Overdue (0)") == [])


def test_declining_the_call_log_writes_nothing(qtbot: QtBot, team: Database) -> None:
    ivanov = client(team)
    call = task(team, title="Позвонить", kind="call", due_at=at(4, 12), client_id=ivanov)
    page = page_for(qtbot, team, "anna")
    answers = Answers(Button.No)
    item = page.tree.item_of(call.id)
    assert item is not None
    with qtbot.waitSignal(page.sig_completed, timeout=10_000):
        item.setCheckState(0, Qt.CheckState.Checked)  # the check box completes it
    answers.stop()
    assert answers.messages == ["Log the call in the history?"]
    assert page.call_log_dialog is None
    assert stored(team, call.id).status == "done"
    with team.unit_of_work() as session:
        assert history(session, ivanov) == []


def test_snoozing_puts_the_task_off(qtbot: QtBot, team: Database) -> None:
    late = task(team, title="Просрочено", due_at=at(4, 8), remind_before=15)
    page = page_for(qtbot, team, "anna")
    with qtbot.waitSignal(page.sig_loaded):
        page.snooze_task("1hour")
    assert stored(team, late.id).due_at == NOW + dt.timedelta(hours=1)
    assert stored(team, late.id).remind_at == NOW + dt.timedelta(minutes=45)  # kept 15 before
    assert group_rows(page) == {
        "Overdue (0)": [],
        "Today (1)": ["Просрочено"],
        "This week (0)": [],
    }
    assert page.tree.current_task() is not None
    with qtbot.waitSignal(page.sig_loaded):
        page.snooze_menu.actions()[2].trigger()  # until tomorrow 9:00
    assert stored(team, late.id).due_at == at(5, 9)
    assert group_rows(page)["This week (1)"] == ["Просрочено"]


def test_a_repeating_task_done_shows_its_next_one(qtbot: QtBot, team: Database) -> None:
    daily = task(team, title="Планёрка", kind="meeting", due_at=at(4, 9), recurrence="daily")
    page = page_for(qtbot, team, "anna")
    messages: list[str] = []
    page.sig_message.connect(messages.append)
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000):
        page.complete_task()
    assert stored(team, daily.id).status == "done"
    assert group_rows(page) == {
        "Overdue (0)": [],
        "Today (0)": [],
        "This week (1)": ["Планёрка"],
    }
    following = page.tree.current_task()
    assert following is not None and following.id != daily.id
    assert following.due_at == at(5, 9)
    assert any("Next time" in m for m in messages)


def test_a_new_task_from_the_page_is_shown(qtbot: QtBot, team: Database) -> None:
    page = page_for(qtbot, team, "anna")
    dialog = page.new_task()
    assert dialog.assignee.currentData() == "anna"
    dialog.title.setText("Подготовить КП")
    messages: list[str] = []
    page.sig_message.connect(messages.append)
    with qtbot.waitSignal(page.sig_loaded, timeout=10_000):
        dialog.save()
    assert group_rows(page)["Today (1)"] == ["Подготовить КП"]  # 11:00, the next full hour
    assert messages and "Подготовить КП" in messages[0]
