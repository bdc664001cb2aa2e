"""The task dialog on both databases: a new task assigned automatically says by which
rule, refused values are shown under their fields, a client found by typing brings its
deals, and an existing task is changed."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from crm_desktop.services.assignment import set_rule
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.deals import DealChanges, create_deal
from crm_desktop.services.local_time import at_local
from crm_desktop.services.tasks import TaskView, add_task, get_task, list_tasks
from crm_desktop.services.users import add_user
from crm_desktop.services.vocabulary import Role
from crm_desktop.store.database import Database
from crm_desktop.ui.task_dialog import AUTO, NOBODY, REMIND_BEFORE, REMIND_NONE, TaskDialog

NOW = at_local(dt.date(2026, 3, 4), dt.time(10, 20))


@pytest.fixture
def team(db: Database) -> Database:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER, full_name="Анна Смирнова")
        add_user(session, "boris", Role.MANAGER)
    return db


def client(db: Database, name: str = "Иванов Иван") -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name=name)).id


def dialog_for(qtbot: QtBot, db: Database, login: str | None, **kw: object) -> TaskDialog:
    dialog = TaskDialog(db, login, clock=lambda: NOW, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def all_tasks(db: Database) -> list[TaskView]:
    with db.unit_of_work() as session:
        return list_tasks(session, now=NOW, include_closed=True)


def test_automatic_assignment_shows_the_rule(qtbot: QtBot, team: Database) -> None:
    with team.unit_of_work() as session:
        set_rule(session, "task:call", "workload")
        add_task(session, title="Уже занята", assignee="anna")
    ivanov = client(team)
    dialog = dialog_for(qtbot, team, "anna", client_id=ivanov)
    assert dialog.client.client_id() == ivanov
    assert dialog.client.edit.text() == "Иванов Иван"
    assert dialog.assignee.currentData() == "anna"  # the user who adds it, unless told
    assert dialog.due.dateTime().toString("dd.MM.yyyy HH:mm") == "04.03.2026 11:00"
    dialog.title.setText("Позвонить Иванову")
    dialog.kind.setCurrentIndex(dialog.kind.findData("call"))
    dialog.assignee.setCurrentIndex(dialog.assignee.findData(AUTO))
    messages: list[str] = []
    dialog.sig_message.connect(messages.append)
    with qtbot.waitSignal(dialog.sig_saved, timeout=10_000) as saved:
        dialog.save()
    view = saved.args[0] if saved.args else None
    assert isinstance(view, TaskView)
    assert (view.assignee, view.assigned_by_rule) == ("boris", "workload")  # fewer tasks
    assert view.client_id == ivanov
    assert view.due_at == at_local(dt.date(2026, 3, 4), dt.time(11, 0))
    assert view.remind_at == view.due_at  # at the due time, by default
    assert (
        dialog.assigned_label.text() == "Assignee: boris (assigned automatically: least workload)"
    )
    assert messages == [
        "Task added: Позвонить Иванову; assignee: boris (assigned automatically: least workload)"
    ]
    assert dialog.result() == TaskDialog.DialogCode.Accepted


def test_an_empty_title_is_refused_at_its_field(qtbot: QtBot, team: Database) -> None:
    dialog = dialog_for(qtbot, team, "anna")
    dialog.title.setText("   ")
    assert dialog.save() is None  # refused before going to the database
    assert dialog.errors["title"].isVisibleTo(dialog)
    assert dialog.errors["title"].text() == "A task needs a title"
    dialog.title.setText("x" * 301)
    dialog.title.textEdited.emit(dialog.title.text())
    assert not dialog.errors["title"].isVisibleTo(dialog)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["title"].isVisibleTo(dialog))
    assert "at most 300" in dialog.errors["title"].text()
    assert dialog.isEnabled() and dialog.save_button.isEnabled()
    assert all_tasks(team) == []


def test_nobody_to_assign_automatically_is_said_at_the_assignee(qtbot: QtBot, db: Database) -> None:
    dialog = dialog_for(qtbot, db, None)
    assert dialog.assignee.currentData() == NOBODY  # no users: not assigned by default
    dialog.title.setText("Позвонить")
    dialog.assignee.setCurrentIndex(dialog.assignee.findData(AUTO))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["assignee"].isVisibleTo(dialog))
    assert "no active manager" in dialog.errors["assignee"].text()
    assert all_tasks(db) == []


def test_a_client_found_by_typing_brings_its_deals(qtbot: QtBot, team: Database) -> None:
    ivanov = client(team)
    client(team, "Петров Пётр")
    with team.unit_of_work("anna") as session:
        deal = create_deal(
            session, DealChanges(title="Поставка станков", client_id=ivanov, amount=Decimal("1500"))
        )
    dialog = dialog_for(qtbot, team, "anna")
    assert not dialog.deal.isEnabled()
    dialog.client.edit.setText("Иван")
    with qtbot.waitSignal(dialog.client.sig_results):
        dialog.client.search()
    assert [row.id for row in dialog.client.results] == [ivanov]
    dialog.client.choose(dialog.client.results[0])
    qtbot.waitUntil(lambda: dialog.deal.count() == 2)
    assert dialog.deal.isEnabled()
    dialog.deal.setCurrentIndex(1)
    dialog.title.setText("Обсудить поставку")
    dialog.remind.setCurrentIndex(dialog.remind.findData(REMIND_BEFORE))
    dialog.remind_minutes.setValue(30)
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("weekly"))
    dialog.priority.setCurrentIndex(dialog.priority.findData("high"))
    dialog.description.setPlainText("Взять прайс")
    with qtbot.waitSignal(dialog.sig_saved, timeout=10_000):
        dialog.save()
    [view] = all_tasks(team)
    assert (view.client_id, view.deal_id) == (ivanov, deal.id)
    assert view.due_at is not None and view.remind_at == view.due_at - dt.timedelta(minutes=30)
    assert (view.recurrence, view.priority, view.description) == ("weekly", "high", "Взять прайс")
    assert view.assignee == "anna" and view.assigned_by_rule is None


def test_an_existing_task_is_changed(qtbot: QtBot, team: Database) -> None:
    due = at_local(dt.date(2026, 3, 5), dt.time(15, 0))
    with team.unit_of_work() as session:
        task = add_task(
            session, title="Позвонить", assignee="anna", due_at=due, remind_before=10, auto=False
        )
    dialog = dialog_for(qtbot, team, "anna", task_id=task.id)
    assert dialog.title.text() == "Позвонить"
    assert dialog.remind.currentData() == REMIND_BEFORE and dialog.remind_minutes.value() == 10
    assert dialog.due.dateTime().toString("dd.MM.yyyy HH:mm") == "05.03.2026 15:00"
    dialog.title.setText("Позвонить ещё раз")
    dialog.remind.setCurrentIndex(dialog.remind.findData(REMIND_NONE))
    dialog.assignee.setCurrentIndex(dialog.assignee.findData("boris"))
    with qtbot.waitSignal(dialog.sig_saved, timeout=10_000):
        dialog.save()
    with team.unit_of_work() as session:
        view = get_task(session, task.id)
    assert (view.title, view.assignee, view.remind_at, view.due_at) == (
        "Позвонить ещё раз",
        "boris",
        None,
        due,
    )
    assert view.version > task.version
