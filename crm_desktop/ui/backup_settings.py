"""Settings → Backup: back up now, restore from a backup (its manifest shown and confirmed
first), the schedule of automatic backups (off, daily, weekly; how many to keep; where)
and when the last backup was made. The work itself is store/backup.py, run in the
background with a progress dialog and Cancel; `ScheduledBackups` makes the scheduled
backups from the main window when they are due."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.store.backup import (
    BackupInfo,
    RestoreInfo,
    backups_dir,
    make_backup,
    read_manifest,
    restore_backup,
    stamped_path,
)
from crm_desktop.store.backup_manifest import Manifest
from crm_desktop.store.backup_schedule import (
    MAX_KEEP,
    Schedule,
    load_schedule,
    record_backup,
    run_scheduled,
    save_schedule,
)
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background, Cancelled
from crm_desktop.ui.field_messages import error_label, hint_label, show_error
from crm_desktop.ui.unexpected import one_sentence

CHECK_EVERY_MS = 5 * 60 * 1000  # how often the main window looks whether a backup is due
FIRST_CHECK_MS = 60 * 1000  # the first look, a minute after the window opens
RETRY_AFTER = dt.timedelta(hours=1)  # after a failed scheduled backup


def _when(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


class BackupSettings(QWidget):
    sig_backed_up = Signal(object)  # BackupInfo
    sig_restored = Signal(object)  # RestoreInfo: every screen should read its data again
    sig_failed = Signal(str)  # the sentence shown

    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._db = db
        self._login = login
        self._job: Background[object] | None = None

        intro = hint_label(
            self.tr(
                "A backup is one file holding the whole database. Keep copies on another "
                "disk or computer."
            )
        )
        self.back_up_button = QPushButton(self.tr("Back up now…"))
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.restore_button.clicked.connect(self.restore_from_file)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_up_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        self.last_backup = QLabel()
        self.status = hint_label()
        self.error = error_label()
        now_box = QGroupBox(self.tr("Backup and restore"))
        now_column = QVBoxLayout(now_box)
        now_column.addWidget(intro)
        now_column.addLayout(buttons)
        now_column.addWidget(self.last_backup)
        now_column.addWidget(self.status)
        now_column.addWidget(self.error)

        # the office server is backed up with a PostgreSQL superuser's login
        self.admin_user = QLineEdit()
        self.admin_user.setPlaceholderText("postgres")
        self.admin_password = QLineEdit()
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_box = QGroupBox(self.tr("Administrator of the office server"))
        admin_form = QFormLayout(self.admin_box)
        admin_form.addRow(
            "",
            hint_label(
                self.tr(
                    "A backup or restore of the office server needs a PostgreSQL superuser: "
                    "an ordinary login does not see everyone's records. Leave empty when "
                    "you are logged in as one."
                )
            ),
        )
        admin_form.addRow(self.tr("Login:"), self.admin_user)
        admin_form.addRow(self.tr("Password:"), self.admin_password)
        self.admin_box.setVisible(not db.location.is_sqlite)

        self.interval = QComboBox()
        self.interval.addItem(self.tr("Off"), "off")
        self.interval.addItem(self.tr("Every day"), "daily")
        self.interval.addItem(self.tr("Every week"), "weekly")
        self.keep = QSpinBox()
        self.keep.setRange(1, MAX_KEEP)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(str(backups_dir()))
        self.folder_button = QPushButton(self.tr("Choose…"))
        self.folder_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_button)
        self.save_schedule_button = QPushButton(self.tr("Save the schedule"))
        self.save_schedule_button.clicked.connect(self.save_schedule)
        self.schedule_note = hint_label()
        self.schedule_error = error_label()
        schedule_box = QGroupBox(self.tr("Automatic backups"))
        schedule_form = QFormLayout(schedule_box)
        schedule_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        schedule_form.addRow(self.tr("Back up:"), self.interval)
        schedule_form.addRow(self.tr("Keep the newest:"), self.keep)
        schedule_form.addRow(self.tr("Folder:"), folder_row)
        schedule_form.addRow(
            "",
            hint_label(
                self.tr(
                    "While the program runs it makes the backup when it is due and deletes "
                    "the oldest automatic ones beyond that number; other files stay."
                )
            ),
        )
        save_row = QHBoxLayout()
        save_row.addWidget(self.schedule_error, 1)
        save_row.addWidget(self.schedule_note, 1)
        save_row.addWidget(self.save_schedule_button)
        schedule_form.addRow(save_row)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(12)
        column.addWidget(now_box)
        column.addWidget(self.admin_box)
        column.addWidget(schedule_box)
        column.addStretch(1)
        self.show_schedule(load_schedule())

    # ---- the schedule ----------------------------------------------------------------

    def show_schedule(self, schedule: Schedule) -> None:
        index = self.interval.findData(schedule.interval)
        self.interval.setCurrentIndex(max(index, 0))
        self.keep.setValue(schedule.keep)
        self.folder.setText(str(schedule.folder) if schedule.folder else "")
        self._show_last(schedule.last_backup)

    def _show_last(self, last: dt.datetime | None) -> None:
        self.last_backup.setText(
            self.tr("Last backup: {when}").format(when=_when(last))
            if last is not None
            else self.tr("No backup has been made by the program yet.")
        )

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for automatic backups"), self.folder.text() or str(backups_dir())
        )
        if folder:
            self.folder.setText(folder)

    def save_schedule(self) -> Schedule | None:
        text = self.folder.text().strip()
        try:
            schedule = Schedule(
                interval=str(self.interval.currentData()),
                keep=self.keep.value(),
                folder=Path(text).expanduser() if text else None,
                last_backup=load_schedule().last_backup,
            )
            save_schedule(schedule)
        except (CrmError, OSError) as exc:
            show_error(
                self.schedule_error, one_sentence(exc) if isinstance(exc, CrmError) else str(exc)
            )
            return None
        show_error(self.schedule_error, None)
        self.schedule_note.setText(self.tr("Saved."))
        return schedule

    # ---- back up now -------------------------------------------------------------------

    def admin_url(self) -> str | None:
        """The office server's superuser typed in, as a URL (None: the login in use)."""
        user = self.admin_user.text().strip()
        if self._db.location.is_sqlite or not user:
            return None
        admin = replace(self._db.location, user=user, password=self.admin_password.text() or None)
        return admin.sqlalchemy_url().render_as_string(hide_password=False)

    def back_up_now(self) -> None:
        suggested = stamped_path(backups_dir(), "crm")
        backups_dir().mkdir(parents=True, exist_ok=True)
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up the database"),
            str(suggested),
            self.tr("crm-desktop backups (*.crmbackup)"),
        )
        if not path:
            return
        if not path.lower().endswith(".crmbackup"):
            path += ".crmbackup"
        self.back_up_to(Path(path), overwrite=True)  # the dialog asked before replacing

    def back_up_to(self, path: Path, *, overwrite: bool = False) -> Background[BackupInfo]:
        """Make the backup `path` in the background (progress and Cancel); then
        `sig_backed_up` or `sig_failed`."""
        db, admin_url = self._db, self.admin_url()
        job: Background[BackupInfo] = Background(
            None,
            lambda progress: make_backup(
                db, path, admin_url=admin_url, progress=progress.report, overwrite=overwrite
            ),
            progress=self.tr("Backing up the database…"),
            parent=self,
        )
        self._busy(True)
        job.on_done(self._backed_up).on_failed(self._failed).start()
        return job

    def _backed_up(self, info: BackupInfo) -> None:
        self._busy(False)
        schedule = record_backup(info.manifest.created_at)
        self._show_last(schedule.last_backup)
        show_error(self.error, None)
        self.status.setText(
            self.tr("Saved to {path} ({clients} clients).").format(
                path=info.path, clients=info.manifest.clients
            )
        )
        self.sig_backed_up.emit(info)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, Cancelled):
            self.status.setText(self.tr("Cancelled: nothing was changed."))
            show_error(self.error, None)
            return
        message = one_sentence(error)
        self.status.setText("")
        show_error(self.error, message)
        self.sig_failed.emit(message)

    def _busy(self, busy: bool) -> None:
        self.back_up_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)

    # ---- restore ----------------------------------------------------------------------

    def restore_from_file(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a backup"),
            str(backups_dir()),
            self.tr("crm-desktop backups (*.crmbackup);;All files (*)"),
        )
        if path:
            self.restore_from(Path(path))

    def restore_from(self, path: Path) -> Background[RestoreInfo] | None:
        """Show what the backup holds and ask; when confirmed, replace the database with it
        in the background (the current data is backed up first); then `sig_restored`."""
        try:
            manifest = read_manifest(path)  # the zip's directory only: quick
        except CrmError as exc:
            show_error(self.error, exc.message)
            self.sig_failed.emit(exc.message)
            return None
        if not self._confirmed(path, manifest):
            return None
        db, admin_url = self._db, self.admin_url()
        job: Background[RestoreInfo] = Background(
            None,
            lambda progress: restore_backup(
                db, path, admin_url=admin_url, progress=progress.report
            ),
            progress=self.tr("Restoring the database from the backup…"),
            parent=self,
        )
        self._busy(True)
        job.on_done(self._restored).on_failed(self._failed).start()
        return job

    def _confirmed(self, path: Path, manifest: Manifest) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore from a backup"),
            self.tr(
                "Replace all the data with this backup?\n\n"
                "Made: {when}\nProgram version: {version} (schema {schema})\n"
                "Database: {source}\nClients: {clients}; rows in all: {rows}\n\n"
                "The current data is backed up first."
            ).format(
                when=_when(manifest.created_at),
                version=manifest.program_version,
                schema=manifest.schema,
                source=manifest.source,
                clients=manifest.clients,
                rows=sum(manifest.rows.values()),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setDetailedText(
            "\n".join(f"{table}: {count}" for table, count in sorted(manifest.rows.items()))
        )
        return box.exec() == QMessageBox.StandardButton.Yes

    def _restored(self, info: RestoreInfo) -> None:
        self._busy(False)
        show_error(self.error, None)
        text = self.tr("The data was restored from the backup made {when}.").format(
            when=_when(info.manifest.created_at)
        )
        if info.previous is not None:
            text += " " + self.tr("The data as it was before is saved in {path}.").format(
                path=info.previous
            )
        self.status.setText(text)
        self.sig_restored.emit(info)
        QMessageBox.information(
            self,
            self.tr("Restore from a backup"),
            text
            + "\n\n"
            + self.tr(
                "Screens already open show the restored data when they are opened again; "
                "restart the program to be sure everything is read afresh."
            ),
        )


class ScheduledBackups(QObject):
    """Looks every few minutes whether the scheduled backup is due and makes it in the
    background (one at a time; after a failure, tries again an hour later)."""

    sig_message = Signal(str)  # for the status bar
    sig_done = Signal(object)  # BackupInfo

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._running = False
        self._not_before: dt.datetime | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.first = QTimer(self)  # a child: it goes with the window, never fires after
        self.first.setSingleShot(True)
        self.first.timeout.connect(self.check)
        self.first.start(FIRST_CHECK_MS)

    def check(self, now: dt.datetime | None = None) -> Background[BackupInfo] | None:
        moment = now or dt.datetime.now(dt.UTC)
        if self._running or (self._not_before is not None and moment < self._not_before):
            return None
        if not load_schedule().due(moment):
            return None
        self._running = True
        db = self._db
        job: Background[BackupInfo] = Background(None, lambda: run_scheduled(db, now=moment))
        job.on_done(self._done).on_failed(self._failed).start()
        return job

    def _done(self, info: BackupInfo) -> None:
        self._running = False
        self._not_before = None
        self.sig_message.emit(self.tr("Automatic backup saved: {path}").format(path=info.path))
        self.sig_done.emit(info)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self._not_before = dt.datetime.now(dt.UTC) + RETRY_AFTER
        self.sig_message.emit(
            self.tr("The automatic backup failed: {reason}").format(reason=one_sentence(error))
        )
