"""Settings → Backup on both databases: back up now to a file (in the background), restore
after the manifest is shown and confirmed, a refused file said in one sentence, the
schedule saved, and a due scheduled backup made by the main window's watcher."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from crm_desktop.models import Client
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.store.backup import backups_dir, read_manifest
from crm_desktop.store.backup_schedule import Schedule, load_schedule, made_here, save_schedule
from crm_desktop.store.database import Database
from crm_desktop.ui.backup_settings import BackupSettings, ScheduledBackups
from crm_desktop.ui.settings_page import SettingsPage
from tests.ui.dialogs import Answers

WAIT = 60_000


def add_client(db: Database, name: str) -> None:
    with db.unit_of_work() as session:
        create_client(session, ClientChanges(name=name, phones=["+79123456789"]))


def names(db: Database) -> list[str]:
    with db.unit_of_work(write=False) as session:
        return list(session.scalars(select(Client.name).order_by(Client.name)))


def tab(qtbot: QtBot, db: Database) -> BackupSettings:
    widget = BackupSettings(db, None)
    qtbot.addWidget(widget)
    return widget


def test_back_up_now_and_restore(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    add_client(db, "Анна Первая")
    widget = tab(qtbot, db)
    assert widget.admin_box.isHidden() is db.location.is_sqlite
    assert "No backup" in widget.last_backup.text()

    target = tmp_path / "now.crmbackup"
    with qtbot.waitSignal(widget.sig_backed_up, timeout=WAIT) as done:
        widget.back_up_to(target)
    info = done.args[0]
    assert info.path == target and target.exists()
    assert read_manifest(target).rows["clients"] == 1
    assert load_schedule().last_backup == info.manifest.created_at
    assert "Last backup" in widget.last_backup.text()
    assert str(target) in widget.status.text()
    assert widget.back_up_button.isEnabled()

    add_client(db, "Борис Второй")  # after the backup: gone once it is restored
    assert names(db) == ["Анна Первая", "Борис Второй"]

    answers = Answers(QMessageBox.StandardButton.No)  # first: changed their mind
    assert widget.restore_from(target) is None
    assert "Clients: 1" in answers.messages[0]
    assert names(db) == ["Анна Первая", "Борис Второй"]
    answers.stop()

    answers = Answers(QMessageBox.StandardButton.Yes)  # then the result is simply closed
    with qtbot.waitSignal(widget.sig_restored, timeout=WAIT) as restored:
        widget.restore_from(target)
    result = restored.args[0]
    assert names(db) == ["Анна Первая"]
    assert result.previous is not None and result.previous.parent == backups_dir()
    assert read_manifest(result.previous).rows["clients"] == 2  # the data before, kept
    qtbot.waitUntil(lambda: len(answers.messages) == 2, timeout=WAIT)
    assert "restored from the backup" in answers.messages[1]
    assert "restored from the backup" in widget.status.text()


def test_a_damaged_backup_is_refused_in_one_sentence(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    add_client(db, "Вера")
    widget = tab(qtbot, db)
    target = tmp_path / "good.crmbackup"
    with qtbot.waitSignal(widget.sig_backed_up, timeout=WAIT):
        widget.back_up_to(target)
    cut = tmp_path / "cut.crmbackup"
    cut.write_bytes(target.read_bytes()[:500])
    with qtbot.waitSignal(widget.sig_failed, timeout=WAIT) as failed:
        assert widget.restore_from(cut) is None
    assert "damaged or incomplete" in failed.args[0]
    assert widget.error.isVisibleTo(widget)

    other = tmp_path / "other.crmbackup"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with qtbot.waitSignal(widget.sig_failed, timeout=WAIT) as failed:
        widget.restore_from(other)
    assert "not a crm-desktop backup" in failed.args[0]
    assert names(db) == ["Вера"]

    with qtbot.waitSignal(widget.sig_failed, timeout=WAIT) as failed:
        widget.back_up_to(target)  # it exists: refused, the file stays as it was
    assert "already exists" in failed.args[0]
    assert read_manifest(target).rows["clients"] == 1


def test_the_schedule_is_saved(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    widget = tab(qtbot, db)
    assert widget.interval.currentData() == "off"
    widget.interval.setCurrentIndex(widget.interval.findData("weekly"))
    widget.keep.setValue(3)
    widget.folder.setText(str(tmp_path / "auto"))
    widget.save_schedule_button.click()
    assert load_schedule() == Schedule(interval="weekly", keep=3, folder=tmp_path / "auto")
    assert widget.schedule_note.text() == "Saved."

    again = tab(qtbot, db)  # the settings are read back
    assert again.interval.currentData() == "weekly"
    assert again.keep.value() == 3
    assert again.folder.text() == str(tmp_path / "auto")


def test_settings_page_has_the_backup_tab(qtbot: QtBot, db: Database) -> None:
    page = SettingsPage(db, None)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "Backup" in titles
    assert page.tabs.widget(titles.index("Backup")) is page.backup


def test_a_due_scheduled_backup_is_made(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    add_client(db, "Галина")
    folder = tmp_path / "auto"
    save_schedule(Schedule(interval="daily", keep=2, folder=folder))
    watcher = ScheduledBackups(db)
    now = dt.datetime.now(dt.UTC)
    with qtbot.waitSignal(watcher.sig_done, timeout=WAIT) as done:
        assert watcher.check(now) is not None
    assert made_here(folder) == [done.args[0].path]
    assert load_schedule().last_backup == now
    assert watcher.check(now + dt.timedelta(hours=2)) is None  # not due again yet
    with db.unit_of_work(write=False) as session:
        clients = session.scalar(select(func.count()).select_from(Client))
    assert read_manifest(made_here(folder)[0]).rows["clients"] == clients
