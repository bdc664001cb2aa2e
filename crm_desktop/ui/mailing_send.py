"""Mailing → Send: a template to a segment. "Check" says how many letters would go out
and who is left out and why; "Send" sends them letter by letter in a worker, at the rate
chosen, with a progress bar and a line per recipient. Pause stops after the current
letter (the rest stay queued); Resume takes the same mailing up again, so nobody gets a
letter twice. An unreachable server or a refused login pauses it the same way, said in
one sentence. Closing the page or the program while sending pauses it."""

from __future__ import annotations

import enum
import threading
import uuid
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import BadInput
from crm_desktop.services.mail import MailRefused, MailServerUnavailable, load_mail_settings
from crm_desktop.services.mailing.runs import (
    DEFAULT_RATE,
    DONE,
    FAILED,
    QUEUED,
    SENDING,
    SENT,
    UNCERTAIN,
    MailingJob,
    MailingReport,
    open_run,
)
from crm_desktop.services.mailing.templates import TemplateView
from crm_desktop.services.mailing.views import RunLetter, run_letters
from crm_desktop.services.segments import SegmentView
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, hint_label, show_error
from crm_desktop.ui.unexpected import one_sentence, report_connection

Index = QModelIndex | QPersistentModelIndex
SKIPPED = "skipped"
MAX_RATE = 600
COLORS = {
    SENT: "#2e7d32",
    FAILED: "#c62828",
    UNCERTAIN: "#ef6c00",
    SKIPPED: "#78909c",
    QUEUED: "#546e7a",
    SENDING: "#1565c0",
}


_pool: QThreadPool | None = None
_running: set[Background[MailingReport]] = set()


def mailing_pool() -> QThreadPool:
    """Mailings run in workers of their own: one waits most of the time (the rate) and
    must not hold, for minutes, one of the few workers every screen loads with."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


class State(enum.Enum):
    IDLE = "idle"
    SENDING = "sending"
    PAUSING = "pausing"  # Pause pressed: the current letter finishes first
    PAUSED = "paused"


@dataclass(frozen=True)
class LetterRow:
    client: str
    address: str
    result: str  # sent, failed, uncertain, queued, sending or skipped
    reason: str


def result_name(result: str) -> str:
    names = {
        SENT: QCoreApplication.translate("MailingLetters", "sent"),
        FAILED: QCoreApplication.translate("MailingLetters", "failed"),
        UNCERTAIN: QCoreApplication.translate("MailingLetters", "uncertain"),
        QUEUED: QCoreApplication.translate("MailingLetters", "waiting"),
        SENDING: QCoreApplication.translate("MailingLetters", "sending"),
        SKIPPED: QCoreApplication.translate("MailingLetters", "not sent"),
    }
    return names.get(result, result)


class LettersModel(QAbstractTableModel):
    """A line per recipient: the client, the address, what became of the letter, why."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LetterRow] = []
        self._headers = [
            self.tr("Client"),
            self.tr("Address"),
            self.tr("Result"),
            self.tr("Reason"),
        ]

    def set_rows(self, rows: list[LetterRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.client, row.address, result_name(row.result), row.reason)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return QBrush(QColor(COLORS.get(row.result, "#37474f")))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return row.reason or None
        return None

    def results(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.result] = counts.get(row.result, 0) + 1
        return counts


class _RunRelay(QObject):
    """Carries a mailing's news from its worker to the page (queued to the UI thread)."""

    sig_opened = Signal(object)  # the MailingReport of the run taken up
    sig_progress = Signal(int, int)  # letters done, letters of the run


class SendTab(QWidget):
    sig_checked = Signal(object)  # the MailingReport of a check (dry run)
    sig_opened = Signal(object)  # the MailingReport of the run being sent
    sig_progress = Signal(int, int)
    sig_finished = Signal(object)  # the MailingReport when a run stops: done or paused
    sig_failed = Signal(str)  # the one sentence when a run could not go on
    sig_letters = Signal()  # the line per recipient was refreshed
    sig_message = Signal(str)

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self.state = State.IDLE
        self._stop = threading.Event()
        self._run_id: uuid.UUID | None = None
        self._run_key: tuple[uuid.UUID, uuid.UUID] | None = None  # (segment, template)
        self._skipped: list[LetterRow] = []
        self._loading_letters = False
        self._letters_again = False
        self.report: MailingReport | None = None
        self.error: str | None = None

        self.segment = QComboBox()
        self.template = QComboBox()
        self.rate = QSpinBox()
        self.rate.setRange(1, MAX_RATE)
        self.rate.setValue(DEFAULT_RATE)
        self.rate.setMaximumWidth(220)
        self.rate.setSuffix(self.tr(" letters a minute"))
        self.rate.setToolTip(
            self.tr("Mail providers take a few dozen letters a minute calmly; more may be refused.")
        )
        for combo in (self.segment, self.template):
            combo.setMinimumWidth(320)
            combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setToolTip(self.tr("How many letters would go out, and who is left out"))
        self.check_button.clicked.connect(self.check)
        self.send_button = QPushButton(self.tr("Send…"))
        self.send_button.clicked.connect(self.send)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.clicked.connect(self.pause)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.clicked.connect(self.resume)

        form = QFormLayout()
        form.addRow(self.tr("Segment:"), self.segment)
        form.addRow(self.tr("Template:"), self.template)
        form.addRow(self.tr("Speed:"), self.rate)
        buttons = QHBoxLayout()
        for button in (self.check_button, self.send_button, self.pause_button, self.resume_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(form)
        top.addStretch(1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 11pt;")
        self.error_label = error_label()
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m"))
        self.progress.hide()
        self.model = LettersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 300)
        header.resizeSection(1, 240)
        header.resizeSection(2, 120)
        header.setStretchLastSection(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Letters go only to clients who consented to marketing mail and did not "
                    "unsubscribe; each ends with how to unsubscribe. Each letter sent is logged "
                    "in the client's history."
                )
            )
        )
        stop = self._stop
        self.destroyed.connect(lambda *_a: stop.set())  # a page closed mid-mailing pauses it
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_sending)
        self._update_buttons()

    # --- what the page gives ---------------------------------------------------------

    def show_choices(self, segments: list[SegmentView], templates: list[TemplateView]) -> None:
        for combo, items in (
            (self.segment, [(s.name, s.id, s.count) for s in segments]),
            (self.template, [(t.name, t.id, None) for t in templates]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for name, item_id, count in items:
                shown = name if count is None else f"{name}  ·  {count}"
                combo.addItem(shown, str(item_id))  # a uuid would not be found again
            index = combo.findData(chosen)
            combo.setCurrentIndex(index if index >= 0 else (0 if items else -1))
            combo.blockSignals(False)
        self._update_buttons()

    def choose(self, segment_id: uuid.UUID, template_id: uuid.UUID) -> None:
        for combo, wanted in ((self.segment, segment_id), (self.template, template_id)):
            index = combo.findData(str(wanted))
            if index >= 0:
                combo.setCurrentIndex(index)
        self._update_buttons()

    def _chosen(self) -> tuple[uuid.UUID, uuid.UUID] | None:
        segment, template = self.segment.currentData(), self.template.currentData()
        if isinstance(segment, str) and isinstance(template, str):
            return uuid.UUID(segment), uuid.UUID(template)
        return None

    # --- state -----------------------------------------------------------------------

    def _set_state(self, state: State) -> None:
        self.state = state
        self._update_buttons()

    def _update_buttons(self) -> None:
        free = self.state in (State.IDLE, State.PAUSED)
        chosen = self._chosen() is not None
        for widget in (self.segment, self.template, self.rate):
            widget.setEnabled(free)
        self.check_button.setEnabled(free and chosen)
        self.send_button.setEnabled(free and chosen)
        self.pause_button.setEnabled(self.state == State.SENDING)
        self.resume_button.setEnabled(self.state == State.PAUSED and self._run_key is not None)

    def sending(self) -> bool:
        return self.state in (State.SENDING, State.PAUSING)

    # --- check -----------------------------------------------------------------------

    def check(self) -> Background[MailingReport] | None:
        """The dry run: the letters that would go out, and who is left out and why."""
        chosen = self._chosen()
        if chosen is None or self.sending():
            return None
        segment_id, template_id = chosen
        show_error(self.error_label, None)
        self.summary.setText(self.tr("Checking…"))
        job: Background[MailingReport] = Background(
            self._db,
            lambda s: open_run(s, segment_id, template_id, dry_run=True),
            self._login,
            write=False,
        )
        return job.on_done(self._checked).on_failed(self._check_failed).start()

    def _checked(self, report: MailingReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.report = report
        self.summary.setText(
            self.tr(
                "«{template}» to «{segment}»: {n} letters would go out; {m} clients of the "
                "segment are left out (listed below with the reason)."
            ).format(
                template=report.template,
                segment=report.segment,
                n=report.recipients,
                m=report.skipped_count,
            )
        )
        self.progress.hide()
        self.model.set_rows(
            [LetterRow(o.client, o.address or "", SKIPPED, o.reason) for o in report.skipped]
        )
        self.sig_checked.emit(report)

    def _check_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        report_connection(error)
        self.summary.clear()
        self._say_error(one_sentence(error))

    # --- send, pause, resume ---------------------------------------------------------

    def send(self) -> Background[MailingReport] | None:
        chosen = self._chosen()
        if chosen is None or self.sending():
            return None
        answer = QMessageBox.question(
            self,
            self.tr("Send the mailing"),
            self.tr(
                "Send «{template}» to the segment «{segment}»? Letters go only to clients who "
                "consented, {rate} a minute; you can pause at any time."
            ).format(
                template=self.template.currentText(),
                segment=self.segment.currentText(),
                rate=self.rate.value(),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self._start(*chosen)

    def resume(self) -> Background[MailingReport] | None:
        """Take the paused mailing up again (its letters still queued)."""
        if self.state != State.PAUSED or self._run_key is None:
            return None
        return self._start(*self._run_key)

    def pause(self) -> None:
        """Stop after the current letter; the rest stay queued for Resume."""
        if self.state == State.SENDING:
            self._stop.set()
            self.summary.setText(self.tr("Pausing after the current letter…"))
            self._set_state(State.PAUSING)

    def stop_sending(self) -> bool:
        """Pause a mailing being sent (the page or the program closes); False if none."""
        if not shiboken6.isValid(self) or not self.sending():
            return False
        self.pause()
        return True

    def _start(self, segment_id: uuid.UUID, template_id: uuid.UUID) -> Background[MailingReport]:
        self._stop.clear()
        self._run_key = (segment_id, template_id)
        self._run_id = None
        self.error = None
        show_error(self.error_label, None)
        self.summary.setText(self.tr("Starting…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self._set_state(State.SENDING)
        db, login, stop, rate = self._db, self._login, self._stop, self.rate.value()
        not_set_up = self.tr(
            "The mail server is not set up: an administrator sets it in Settings → Mail."
        )
        relay = _RunRelay()
        relay.sig_opened.connect(self._opened)
        relay.sig_progress.connect(self._progressed)

        def work() -> MailingReport:  # in the worker thread
            with db.unit_of_work(login, write=False) as session:
                settings = load_mail_settings(session)
            if not settings.configured:
                raise BadInput(not_set_up)
            with db.unit_of_work(login) as session:
                opened = open_run(session, segment_id, template_id)
            relay.sig_opened.emit(opened)
            assert opened.run_id is not None
            job = MailingJob(
                lambda: db.unit_of_work(login),
                opened.run_id,
                settings,
                rate=rate,
                progress=relay.sig_progress.emit,
                stop=stop,
            )
            report = job.run()
            report.skipped, report.skipped_count = opened.skipped, opened.skipped_count
            return report

        job: Background[MailingReport] = Background(None, work)
        job.on_done(self._finished).on_failed(self._run_failed)
        job.on_done(lambda _r: _running.discard(job)).on_failed(lambda _e: _running.discard(job))
        _running.add(job)  # alive until it ends, whatever becomes of the page
        mailing_pool().start(job)
        return job

    def _opened(self, report: MailingReport) -> None:
        if not shiboken6.isValid(self):
            return
        self._run_id = report.run_id
        self._skipped = [
            LetterRow(o.client, o.address or "", SKIPPED, o.reason) for o in report.skipped
        ]
        done = report.recipients - report.queued
        self.progress.setRange(0, max(report.recipients, 1))
        self.progress.setValue(done)
        self._say_progress(done, report.recipients)
        self.refresh_letters()
        self.sig_opened.emit(report)

    def _progressed(self, done: int, total: int) -> None:
        if not shiboken6.isValid(self):
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if self.state == State.SENDING:
            self._say_progress(done, total)
        self.refresh_letters()
        self.sig_progress.emit(done, total)

    def _say_progress(self, done: int, total: int) -> None:
        self.summary.setText(
            self.tr("Sending: {done} of {total} letters").format(done=done, total=total)
        )

    def _finished(self, report: MailingReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.report = report
        self._run_id = report.run_id
        self.progress.setRange(0, max(report.recipients, 1))
        self.progress.setValue(report.recipients - report.queued)
        if report.status == DONE:
            self._set_state(State.IDLE)
            self._run_key = None
            text = self.tr(
                "Done: {sent} of {total} letters sent, {failed} failed, {uncertain} uncertain."
            ).format(
                sent=report.sent,
                total=report.recipients,
                failed=len(report.failed),
                uncertain=len(report.uncertain),
            )
        else:
            self._set_state(State.PAUSED)
            text = self.tr(
                "Paused: {sent} of {total} letters sent, {queued} waiting. Resume to go on."
            ).format(sent=report.sent, total=report.recipients, queued=report.queued)
        self.summary.setText(text)
        self.sig_message.emit(text)
        self.refresh_letters()
        self.sig_finished.emit(report)

    def _run_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        if isinstance(error, MailServerUnavailable | MailRefused):
            text = " ".join(
                (
                    one_sentence(error),
                    self.tr("The unsent letters stay queued: press Resume to go on later."),
                )
            )
        else:
            report_connection(error)  # the database gone: the window's banner says so
            text = one_sentence(error)
        opened = self._run_id is not None
        self._set_state(State.PAUSED if opened else State.IDLE)
        if not opened:
            self.progress.hide()
        self.summary.setText(self.tr("Paused.") if opened else "")
        self._say_error(text)
        self.refresh_letters()
        self.sig_failed.emit(text)

    def _say_error(self, text: str) -> None:
        self.error = text
        show_error(self.error_label, text)

    # --- the line per recipient ------------------------------------------------------

    def refresh_letters(self) -> Background[list[RunLetter]] | None:
        """Reread the run's letters (at most one read at a time; one more if asked meanwhile)."""
        run_id = self._run_id
        if run_id is None:
            return None
        if self._loading_letters:
            self._letters_again = True
            return None
        self._loading_letters = True
        self._letters_again = False

        def shown(letters: list[RunLetter]) -> None:
            if not shiboken6.isValid(self):
                return
            self._loading_letters = False
            rows = [LetterRow(x.client, x.address, x.status, x.error or "") for x in letters]
            self.model.set_rows(rows + self._skipped)
            self.sig_letters.emit()
            if self._letters_again:
                self.refresh_letters()

        def failed(_error: BaseException) -> None:
            if shiboken6.isValid(self):
                self._loading_letters = False

        job: Background[list[RunLetter]] = Background(
            self._db, lambda s: run_letters(s, run_id), self._login, write=False
        )
        return job.on_done(shown).on_failed(failed).start()
