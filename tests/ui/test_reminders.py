"""Reminders on both databases with a test clock (no sleeping): nothing before the
reminder's time, one window at it, shown once; snoozed, it comes again later; Complete
and Open act on the task."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.local_time import at_local
from crm_desktop.services.tasks import TaskView, add_task, get_task
from crm_desktop.services.users import add_user
from crm_desktop.services.vocabulary import Role
from crm_desktop.store.database import Database
from crm_desktop.ui.reminders import ReminderPopup, ReminderWatcher
from tests.ui.dialogs import Answers

Button = QMessageBox.StandardButton
DUE = at_local(dt.date(2026, 3, 4), dt.time(15, 0))
MINUTE = dt.timedelta(minutes=1)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def team(db: Database) -> Database:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER)
        add_user(session, "boris", Role.MANAGER)
    return db


@pytest.fixture
def clock() -> Clock:
    return Clock(DUE - 5 * MINUTE)


@pytest.fixture
def watcher(team: Database, clock: Clock) -> Iterator[ReminderWatcher]:
    found = ReminderWatcher(team, "anna", clock=clock, interval_ms=60_000)
    yield found
    found.stop()


def task(db: Database, **fields: object) -> TaskView:
    fields.setdefault("assignee", "anna")
    fields.setdefault("due_at", DUE)
    with db.unit_of_work() as session:
        return add_task(session, **fields)  # type: ignore[arg-type]


def stored(db: Database, task_id: uuid.UUID) -> TaskView:
    with db.unit_of_work() as session:
        return get_task(session, task_id)


def check(qtbot: QtBot, watcher: ReminderWatcher) -> int:
    """One check at the clock's time: how many new reminders it showed."""
    with qtbot.waitSignal(watcher.sig_checked, timeout=10_000) as checked:
        assert watcher.check_now() is not None
    assert checked.args is not None
    return int(checked.args[0])


def test_a_reminder_comes_at_its_time_and_once(
    qtbot: QtBot, team: Database, watcher: ReminderWatcher, clock: Clock
) -> None:
    with team.unit_of_work() as session:
        ivanov = create_client(session, ClientChanges(name="Иванов Иван")).id
    call = task(team, title="Позвонить Иванову", kind="call", client_id=ivanov, remind_before=5)
    task(team, title="Не моя", assignee="boris")
    clock.now = DUE - 6 * MINUTE
    assert check(qtbot, watcher) == 0
    assert watcher.popups == {}

    clock.now = DUE - 5 * MINUTE  # five minutes before, as asked
    shown: list[TaskView] = []
    watcher.sig_reminded.connect(shown.append)
    assert check(qtbot, watcher) == 1
    assert [t.id for t in shown] == [call.id]
    popup = watcher.popups[call.id]
    assert isinstance(popup, ReminderPopup)
    assert popup.isVisible() and not popup.isModal()
    assert popup.title.text() == "Позвонить Иванову"
    assert popup.client.text() == "Иванов Иван"
    assert popup.due.text() == "Due: Mar 4, 2026 15:00"
    assert stored(team, call.id).reminded_at == clock.now

    clock.now = DUE + 3 * MINUTE
    assert check(qtbot, watcher) == 0  # shown once
    assert list(watcher.popups) == [call.id]


def test_a_snoozed_reminder_comes_again_later(
    qtbot: QtBot, team: Database, watcher: ReminderWatcher, clock: Clock
) -> None:
    meeting = task(team, title="Встреча", kind="meeting")
    clock.now = DUE
    assert check(qtbot, watcher) == 1
    popup = watcher.popups[meeting.id]
    clock.now = DUE + MINUTE
    with qtbot.waitSignal(watcher.sig_changed, timeout=10_000):
        popup.snooze_buttons[10].click()
    assert meeting.id not in watcher.popups
    assert stored(team, meeting.id).remind_at == DUE + 11 * MINUTE

    clock.now = DUE + 10 * MINUTE
    assert check(qtbot, watcher) == 0
    clock.now = DUE + 11 * MINUTE
    assert check(qtbot, watcher) == 1
    assert watcher.popups[meeting.id].isVisible()

    clock.now = DUE + 12 * MINUTE
    with qtbot.waitSignal(watcher.sig_changed, timeout=10_000):
        watcher.popups[meeting.id].snooze_buttons[60].click()
    assert stored(team, meeting.id).remind_at == DUE + 72 * MINUTE
    clock.now = DUE + 71 * MINUTE
    assert check(qtbot, watcher) == 0
    clock.now = DUE + 72 * MINUTE
    assert check(qtbot, watcher) == 1


def test_complete_from_the_reminder(
    qtbot: QtBot, team: Database, watcher: ReminderWatcher, clock: Clock
) -> None:
    with team.unit_of_work() as session:
        ivanov = create_client(session, ClientChanges(name="Иванов Иван")).id
    call = task(team, title="Позвонить", kind="call", client_id=ivanov)
    clock.now = DUE
    assert check(qtbot, watcher) == 1
    answers = Answers(Button.No)
    with qtbot.waitSignal(watcher.sig_changed, timeout=10_000):
        watcher.popups[call.id].complete_button.click()
    qtbot.waitUntil(lambda: answers.messages == ["Log the call in the history?"])
    answers.stop()
    assert stored(team, call.id).status == "done"
    assert watcher.popups == {}
    clock.now = DUE + 20 * MINUTE
    assert check(qtbot, watcher) == 0  # a done task reminds no more


def test_open_from_the_reminder(
    qtbot: QtBot, team: Database, watcher: ReminderWatcher, clock: Clock
) -> None:
    note = task(team, title="Отправить договор", kind="documents")
    clock.now = DUE
    assert check(qtbot, watcher) == 1
    watcher.popups[note.id].open_button.click()
    dialog = watcher.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.title.text() == "Отправить договор"
    assert note.id not in watcher.popups


def test_the_timer_checks_by_itself(qtbot: QtBot, team: Database, clock: Clock) -> None:
    task(team, title="Позвонить")
    clock.now = DUE
    watcher = ReminderWatcher(team, "anna", clock=clock, interval_ms=50)
    try:
        with qtbot.waitSignal(watcher.sig_reminded, timeout=10_000):
            watcher.start()
        assert watcher.timer.isActive()
        with qtbot.waitSignal(watcher.sig_checked, timeout=10_000) as later:
            pass  # the timer's next check: nothing new
        assert later.args == [0]
    finally:
        watcher.stop()


def test_after_a_day_away_a_few_windows_and_a_count(
    qtbot: QtBot, team: Database, watcher: ReminderWatcher, clock: Clock
) -> None:
    for n in range(7):
        task(team, title=f"Звонок {n}", due_at=DUE - dt.timedelta(hours=n + 1))
    clock.now = DUE
    messages: list[str] = []
    watcher.sig_message.connect(messages.append)
    assert check(qtbot, watcher) == 7
    assert len(watcher.popups) == 5
    assert messages == ["2 more reminders: see My day"]
    assert check(qtbot, watcher) == 0
