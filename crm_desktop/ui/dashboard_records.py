"""What a click on a dashboard bar opens: the records behind that figure (the month's
invoices, the deals at a stage, a manager's closed deals, a person's overdue tasks, the
new clients from a source), loaded in a worker, sortable, and saved to Excel on demand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.reports.dashboard import RECORDS_LIMIT, Tile, records_behind
from crm_desktop.services.reports.display import display_value
from crm_desktop.services.reports.table import Kind, ReportTable
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import ERROR_STYLE, HINT_STYLE, hint_label
from crm_desktop.ui.icons import icon
from crm_desktop.ui.report_files import EXCEL, ask_path, default_name, save_report
from crm_desktop.ui.report_table_model import ReportTableModel, ReportTableView
from crm_desktop.ui.unexpected import one_sentence


class RecordsDialog(QDialog):
    sig_loaded = Signal()  # the records (or the message why there are none) are shown
    sig_saved = Signal(str)  # the Excel copy was written (the path)

    def __init__(
        self,
        db: Database,
        login: str | None,
        tile: Tile,
        key: str,
        today: dt.date,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self.tile = tile
        self.key = key
        self.records: ReportTable | None = None
        self.setWindowTitle(title)
        self.resize(860, 520)
        self.heading = QLabel(title)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600; color: #263238;")
        self.heading.setWordWrap(True)
        self.model = ReportTableModel(self)
        self.table = ReportTableView(self.model)
        self.message = QLabel(self.tr("Loading…"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("font-size: 12pt; padding: 30px;" + HINT_STYLE)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.table)
        self.count = hint_label()
        self.excel_button = QPushButton(icon("excel"), self.tr("Export to Excel"))
        self.excel_button.setEnabled(False)
        self.excel_button.clicked.connect(lambda: self.export())
        close = QPushButton(self.tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.excel_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        Background(db, lambda s: records_behind(s, tile, key, today), login, write=False).on_done(
            self._loaded
        ).on_failed(self._failed).start()

    def _loaded(self, records: ReportTable) -> None:
        if not shiboken6.isValid(self):
            return
        self.records = records
        self.heading.setText(records.title)
        self.setWindowTitle(records.title)
        self.model.set_table(records)
        if records.rows:
            self.stack.setCurrentWidget(self.table)
            self.table.fit_columns()
        else:
            self.message.setText(self.tr("Nothing here"))
        n = len(records.rows)
        if n >= RECORDS_LIMIT:
            text = self.tr("The first {n} records").format(n=display_value(n, Kind.INT))
        else:
            text = self.tr("{n} records").format(n=display_value(n, Kind.INT))
        self.count.setText(text)
        self.excel_button.setEnabled(bool(records.rows))
        self.sig_loaded.emit()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.message.setText(one_sentence(error))
        self.message.setStyleSheet("font-size: 12pt; padding: 30px;" + ERROR_STYLE)
        self.message.setWordWrap(True)
        self.sig_loaded.emit()

    def export(self, path: Path | None = None) -> Background[Path] | None:
        """The records shown, as a workbook at `path` (or where the save dialog says)."""
        records = self.records
        if records is None:
            return None
        if path is None:
            name = default_name(
                records.title, records.params.date_from, records.params.date_to, EXCEL
            )
            path = ask_path(self, name, EXCEL)
            if path is None:
                return None
        return save_report(self, path, EXCEL, self._saved, table=records)

    def _saved(self, path: Path) -> None:
        if shiboken6.isValid(self):
            self.count.setText(self.tr("Saved: {path}").format(path=path))
            self.sig_saved.emit(str(path))
