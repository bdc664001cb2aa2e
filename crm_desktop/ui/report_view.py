"""The Reports tab: pick one of the ten reports, a period (or a preset: this month, last
month, this quarter, this year, the last 12 months), a manager, the report's grouping or
days; the report runs in a worker a moment after anything changes (or at once: Run, F5,
Ctrl+R) and shows as a sortable table with its totals under it. Export writes every row
(the table shows the first 1,000) as an Excel workbook or a PDF."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.pipelines import list_pipelines
from crm_desktop.services.reports import GROUPINGS, REPORTS, report_title, run_report
from crm_desktop.services.reports.display import display_value, period_text
from crm_desktop.services.reports.report_pdf import render_report_pdf
from crm_desktop.services.reports.table import (
    DEFAULT_LIMIT,
    Kind,
    ReportParams,
    ReportTable,
    kind_of,
)
from crm_desktop.services.segments import list_segments
from crm_desktop.services.tags import list_tags
from crm_desktop.services.users import UserView, list_users
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.dashboard_charts import BLUE, Series, bar_chart, chart_view, new_chart
from crm_desktop.ui.field_messages import ERROR_STYLE, HINT_STYLE, hint_label
from crm_desktop.ui.icons import icon
from crm_desktop.ui.print_preview import RenderedInvoice, show_document_preview
from crm_desktop.ui.report_files import EXCEL, PDF, ask_path, default_name, save_report
from crm_desktop.ui.report_period import PeriodPicker
from crm_desktop.ui.report_table_model import ReportTableModel, ReportTableView
from crm_desktop.ui.unexpected import one_sentence

RERUN_DELAY_MS = 400  # a changed report or period runs this long after the last change
SLEEPING_DAYS = 90
PIPELINE_REPORTS = ("funnel", "forecast")  # the reports a pipeline narrows
TOTALS_STYLE = (
    "QFrame#totals { background: #f3f6f8; border: 1px solid #e0e6ea; border-radius: 6px; }"
)
CHART_STYLE = "QFrame#chart { background: white; border: 1px solid #e0e6ea; border-radius: 6px; }"
CHART_ROWS = 15  # bars over the table at most
CHART_ROWS_ACROSS = 8  # ... when their names are long and the bars lie across
CHART_TEXT = 130  # names' characters that fit under upright bars
MESSAGE_STYLE = "font-size: 12pt; padding: 40px;"
RUN_STYLE = (
    "QPushButton { background: #1565c0; color: white; padding: 6px 18px;"
    " border-radius: 4px; font-weight: 600; }"
    "QPushButton:disabled { background: #90a4ae; }"
)


def _unbroken(text: str) -> str:
    """Escaped for rich text, its spaces kept from breaking the line."""
    return html.escape(text).replace(" ", "&nbsp;")


def report_document(
    session: CrmSession, name: str, params: ReportParams
) -> tuple[bytes, str, str]:
    """The report as it prints: its PDF, file name and title (in a worker)."""
    table = run_report(session, name, params)
    buffer = io.BytesIO()
    render_report_pdf(table, buffer)
    pdf_name = default_name(table.title, params.date_from, params.date_to, PDF)
    return buffer.getvalue(), pdf_name, table.title


class ReportView(QWidget):
    sig_message = Signal(str)  # for the status line
    sig_shown = Signal()  # a run ended: its table, its empty state or its error is shown
    sig_saved = Signal(str)  # an export was written (the path)

    def __init__(
        self,
        db: Database,
        login: str | None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._serial = 0
        self._ran_once = False
        self.table_shown: ReportTable | None = None
        self.name_shown = ""
        self.limited = False
        self.running = False

        self.report = QComboBox()
        for name in REPORTS:
            self.report.addItem(report_title(name), name)
        self.report.setMinimumWidth(260)
        self.grouping = QComboBox()
        self.grouping.setMinimumWidth(160)
        self.days_label = QLabel(self.tr("No contact for"))
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setValue(SLEEPING_DAYS)
        self.days.setSuffix(self.tr(" days"))
        self.period_picker = PeriodPicker(today)
        self.preset = self.period_picker.preset
        self.manager = QComboBox()
        self.manager.addItem(self.tr("All managers"), None)
        self.manager.setMinimumWidth(200)
        # narrowing: the funnel's and forecast's pipeline, a tag, a saved segment (by name)
        self.pipeline_label = QLabel(self.tr("Pipeline:"))
        self.pipeline = QComboBox()
        self.pipeline.addItem(self.tr("Default pipeline"), None)
        self.tag = QComboBox()
        self.tag.addItem(self.tr("All tags"), None)
        self.tag.setToolTip(self.tr("Only the clients with this tag"))
        self.segment = QComboBox()
        self.segment.addItem(self.tr("All clients"), None)
        self.segment.setToolTip(self.tr("Only the clients of this segment"))
        self.segment.setMinimumWidth(180)
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Run the report (F5, Ctrl+R)"))
        self.run_button.setStyleSheet(RUN_STYLE)
        self.run_button.clicked.connect(self.run)
        self.busy = hint_label(self.tr("Running the report…"))
        self.busy.setWordWrap(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setFlat(True)
        self.cancel_button.setStyleSheet("color: #1565c0;")
        self.cancel_button.clicked.connect(self.cancel)

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600; color: #263238;")
        self.model = ReportTableModel(self)
        self.table = ReportTableView(self.model)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.message)
        self.chart_caption = QLabel()
        self.chart_caption.setStyleSheet("font-weight: 600; color: #37474f;")
        self.chart = chart_view(new_chart(legend=False))
        self.chart_panel = QFrame()
        self.chart_panel.setObjectName("chart")
        self.chart_panel.setStyleSheet(CHART_STYLE)
        panel = QVBoxLayout(self.chart_panel)
        panel.setContentsMargins(12, 10, 12, 6)
        panel.addWidget(self.chart_caption)
        panel.addWidget(self.chart, 1)
        self.chart_panel.hide()
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.chart_panel)
        self.split.addWidget(self.stack)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 2)
        self.totals = QFrame()
        self.totals.setObjectName("totals")
        self.totals.setStyleSheet(TOTALS_STYLE)
        self.totals_text = QLabel()
        self.totals_text.setWordWrap(True)
        self.totals_text.setTextFormat(Qt.TextFormat.RichText)
        strip = QHBoxLayout(self.totals)
        strip.setContentsMargins(12, 8, 12, 8)
        strip.addWidget(self.totals_text)
        self.totals.hide()
        self.limit_note = hint_label()
        self.limit_note.hide()
        self.excel_button = QPushButton(icon("excel"), self.tr("Export to Excel"))
        self.excel_button.clicked.connect(lambda: self.export(EXCEL))
        self.pdf_button = QPushButton(icon("export"), self.tr("Save as PDF"))
        self.pdf_button.clicked.connect(lambda: self.export(PDF))
        self.print_button = QPushButton(icon("print"), self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Print the report (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_report)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_report)
        self.count = hint_label()
        self.count.setWordWrap(False)

        self._layout()
        self._timer = QTimer(self, singleShot=True, interval=RERUN_DELAY_MS)
        self._timer.timeout.connect(self.run)
        self.report.currentIndexChanged.connect(lambda _i: self._report_changed())
        self.grouping.currentIndexChanged.connect(lambda _i: self.schedule())
        self.days.valueChanged.connect(lambda _v: self.schedule())
        self.manager.currentIndexChanged.connect(lambda _i: self.schedule())
        for box in (self.pipeline, self.tag, self.segment):
            box.currentIndexChanged.connect(lambda _i: self.schedule())
        self.period_picker.sig_changed.connect(self.schedule)
        for keys in ("F5", "Ctrl+R"):
            QShortcut(QKeySequence(keys), self, self.run)
        self._report_changed()
        self._timer.stop()  # nothing runs until the tab is first shown (or Run)
        self._set_running(False)
        self._show_message(self.tr("Choose a report and a period, then press Run."), error=False)
        self._load_users()

    def _layout(self) -> None:
        first = QHBoxLayout()
        first.addWidget(QLabel(self.tr("Report:")))
        first.addWidget(self.report)
        first.addSpacing(8)
        first.addWidget(self.grouping)
        first.addSpacing(8)
        first.addWidget(self.days_label)
        first.addWidget(self.days)
        first.addStretch(1)
        first.addWidget(self.busy)
        first.addWidget(self.cancel_button)
        first.addWidget(self.run_button)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("Period:")))
        second.addWidget(self.period_picker)
        second.addSpacing(16)
        second.addWidget(QLabel(self.tr("Manager:")))
        second.addWidget(self.manager)
        second.addSpacing(16)
        second.addWidget(self.pipeline_label)
        second.addWidget(self.pipeline)
        second.addWidget(QLabel(self.tr("Clients:")))
        second.addWidget(self.tag)
        second.addWidget(self.segment)
        second.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.excel_button)
        actions.addWidget(self.pdf_button)
        actions.addWidget(self.print_button)
        actions.addSpacing(12)
        actions.addWidget(self.limit_note)
        actions.addStretch(1)
        actions.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.totals)
        layout.addLayout(actions)

    def grouping_labels(self) -> dict[str, str]:
        return {
            "stage": self.tr("By stage"),
            "manager": self.tr("By manager"),
            "month": self.tr("By month"),
            "product": self.tr("By product"),
            "day": self.tr("By day"),
            "week": self.tr("By week"),
            "client": self.tr("By client"),
        }

    # --- what is asked -------------------------------------------------------------

    def current_report(self) -> str:
        return str(self.report.currentData())

    def choose_report(self, name: str) -> None:
        self.report.setCurrentIndex(self.report.findData(name))

    def set_period(self, date_from: dt.date, date_to: dt.date) -> None:
        self.period_picker.set_period(date_from, date_to)

    def period(self) -> tuple[dt.date, dt.date]:
        return self.period_picker.period()

    def params(self, limit: int = DEFAULT_LIMIT) -> ReportParams:
        name = self.current_report()
        date_from, date_to = self.period()
        return ReportParams(
            date_from,
            date_to,
            owner=self.manager.currentData(),
            by=self.grouping.currentData() if name in GROUPINGS else None,
            days=self.days.value() if name == "sleeping" else None,
            pipeline=self.pipeline.currentData() if name in PIPELINE_REPORTS else None,
            tag=self.tag.currentData(),
            segment=self.segment.currentData(),
            limit=limit,
        )

    def _report_changed(self) -> None:
        name = self.current_report()
        groupings = GROUPINGS.get(name, ())
        labels = self.grouping_labels()
        self.grouping.blockSignals(True)
        self.grouping.clear()
        for key in groupings:
            self.grouping.addItem(labels.get(key, key), key)
        self.grouping.blockSignals(False)
        self.grouping.setVisible(bool(groupings))
        sleeping = name == "sleeping"
        self.days_label.setVisible(sleeping)
        self.days.setVisible(sleeping)
        by_pipeline = name in PIPELINE_REPORTS
        self.pipeline_label.setVisible(by_pipeline)
        self.pipeline.setVisible(by_pipeline)
        self.schedule()

    def print_report(self) -> Background[RenderedInvoice] | None:
        """The report as its PDF prints (the first 5,000 rows), in Qt's print preview."""
        if not self.print_button.isEnabled():
            return None
        name, params = self.current_report(), self.params(limit=0)
        return show_document_preview(
            self, self._db, self._login, lambda s: report_document(s, name, params)
        )

    def _load_users(self) -> None:
        Background(self._db, list_users, self._login, write=False).on_done(self._users).start()
        self.load_choices()

    def load_choices(self) -> None:
        """The pipelines, tags and segments to narrow by (again each time the tab shows:
        a segment made on the Mailing page appears)."""

        def choices(session: CrmSession) -> tuple[list[str], list[str], list[str]]:
            return (
                [p.name for p in list_pipelines(session)],
                [t.name for t in list_tags(session)],
                [v.name for v in list_segments(session, with_counts=False)],
            )

        Background(self._db, choices, self._login, write=False).on_done(self._choices).start()

    def _choices(self, found: tuple[list[str], list[str], list[str]]) -> None:
        if not shiboken6.isValid(self):
            return
        for box, names in zip((self.pipeline, self.tag, self.segment), found, strict=True):
            chosen = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for name in names:
                box.addItem(name, name)
            box.setCurrentIndex(max(0, box.findData(chosen)))
            box.blockSignals(False)

    def _users(self, users: list[UserView]) -> None:
        if not shiboken6.isValid(self):
            return
        chosen = self.manager.currentData()
        self.manager.blockSignals(True)
        while self.manager.count() > 1:
            self.manager.removeItem(1)
        for user in users:
            if user.disabled and user.login != chosen:
                continue
            label = f"{user.full_name} ({user.login})" if user.full_name else user.login
            self.manager.addItem(label, user.login)
        self.manager.setCurrentIndex(max(0, self.manager.findData(chosen)))
        self.manager.blockSignals(False)

    # --- running -------------------------------------------------------------------

    def schedule(self) -> None:
        """Run a moment after the last change (only once the tab has been looked at)."""
        if self._ran_once:
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._ran_once:
            self.load_choices()
        if not self._ran_once:
            QTimer.singleShot(0, self.run)

    def run(self) -> None:
        self._timer.stop()
        self._ran_once = True
        self._serial += 1
        serial, name = self._serial, self.current_report()
        params = self.params(DEFAULT_LIMIT + 1)  # one more tells that there are more
        self._set_running(True)
        Background(
            self._db, lambda s: run_report(s, name, params), self._login, write=False
        ).on_done(lambda table: self._arrived(serial, name, table)).on_failed(
            lambda error: self._failed(serial, error)
        ).start()

    def cancel(self) -> None:
        """Stop waiting for the report being run (what was shown stays)."""
        if self.running:
            self._serial += 1
            self._set_running(False)
            self.sig_message.emit(self.tr("The report was cancelled."))
            self.sig_shown.emit()

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.busy.setVisible(running)
        self.cancel_button.setVisible(running)
        self.run_button.setEnabled(not running)
        shown = self.table_shown is not None and not running
        self.excel_button.setEnabled(shown)
        self.pdf_button.setEnabled(shown)
        self.print_button.setEnabled(shown)

    def _arrived(self, serial: int, name: str, table: ReportTable) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return
        self.name_shown = name
        self.limited = len(table.rows) > DEFAULT_LIMIT
        rows = table.rows[:DEFAULT_LIMIT]
        table.rows = rows
        table.params = replace(table.params, limit=DEFAULT_LIMIT)
        self.table_shown = table
        self.model.set_table(table)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.heading.setText(
            f"{table.title} · {period_text(table.params.date_from, table.params.date_to)}"
        )
        if rows:
            self.stack.setCurrentWidget(self.table)
            self.table.fit_columns()
        else:
            self._show_message(self.tr("No data for this period"), error=False)
        self._show_totals(table if rows else None)
        self._show_chart(table if rows else None)
        self.limit_note.setText(
            self.tr("Showing the first {n} rows; export writes all").format(
                n=display_value(DEFAULT_LIMIT, Kind.INT)
            )
        )
        self.limit_note.setVisible(self.limited)
        self.count.setText(
            self.tr("{n} rows").format(n=display_value(len(rows), Kind.INT)) if rows else ""
        )
        self._set_running(False)
        self.sig_shown.emit()

    def _failed(self, serial: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return
        self.table_shown = None
        self.model.set_table(None)
        self.heading.setText(report_title(self.current_report()))
        self._show_message(one_sentence(error), error=True)
        self._show_totals(None)
        self._show_chart(None)
        self.limit_note.hide()
        self.count.setText("")
        self._set_running(False)
        self.sig_shown.emit()

    def _show_message(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(MESSAGE_STYLE + (ERROR_STYLE if error else HINT_STYLE))
        self.stack.setCurrentWidget(self.message)

    def _show_totals(self, table: ReportTable | None) -> None:
        if table is None or not table.totals:
            self.totals.hide()
            return
        pairs = []
        for key, value in table.totals.items():
            kind = table.total_kinds.get(key) or kind_of(value)
            label = _unbroken(table.total_labels.get(key, key))
            shown = _unbroken(display_value(value, kind))
            pairs.append(f'<span style="color:#546e7a">{label}:</span>&nbsp;<b>{shown}</b>')
        self.totals_text.setText("&nbsp;&nbsp;&nbsp; ".join(pairs))
        self.totals.show()

    def _show_chart(self, table: ReportTable | None) -> None:
        """The report's chart column as bars over the table (its first rows)."""
        if table is None or table.chart is None:
            self.chart_panel.hide()
            return
        label_at, value_at = table.column(table.chart[0]), table.column(table.chart[1])
        label_kind, value = table.columns[label_at].kind, table.columns[value_at]
        rows = table.rows[:CHART_ROWS]
        caption = value.label
        labels = [display_value(row[label_at], label_kind) for row in rows]
        long = max(len(label) for label in labels) * len(labels) > CHART_TEXT
        if long:
            rows, labels = rows[:CHART_ROWS_ACROSS], labels[:CHART_ROWS_ACROSS]
        if len(rows) < len(table.rows):
            caption = self.tr("{caption} (the first {n})").format(caption=caption, n=len(rows))
        self.chart_caption.setText(caption)
        bar_chart(
            self.chart,
            labels,
            [Series(value.label, [row[value_at] or 0 for row in rows], BLUE)],
            horizontal=long,
            kind=value.kind,
        )
        self.chart_panel.show()

    def totals_shown(self) -> str:
        """The totals strip as plain text (for tests and screen readers)."""
        if not self.totals.isVisibleTo(self):
            return ""
        return html.unescape(re.sub("<[^>]+>", "", self.totals_text.text())).replace("\xa0", " ")

    # --- export --------------------------------------------------------------------

    def export(self, suffix: str, path: Path | None = None) -> Background[Path] | None:
        """Write the report shown (all its rows: one run more when the table shows only
        the first) to `path`, or where the save dialog says."""
        table = self.table_shown
        if table is None:
            return None
        if path is None:
            name = default_name(table.title, table.params.date_from, table.params.date_to, suffix)
            path = ask_path(self, name, suffix)
            if path is None:
                return None
        load: Callable[[CrmSession], ReportTable] | None = None
        if self.limited:
            report, params = self.name_shown, replace(table.params, limit=0)
            load = lambda s: run_report(s, report, params)  # noqa: E731
        return save_report(
            self,
            path,
            suffix,
            self._saved,
            table=None if load is not None else table,
            load=load,
            db=self._db,
            login=self._login,
        )

    def _saved(self, path: Path) -> None:
        if not shiboken6.isValid(self):
            return
        self.sig_message.emit(self.tr("Saved: {path}").format(path=path))
        self.sig_saved.emit(str(path))
