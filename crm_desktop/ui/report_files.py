"""A report saved as an Excel workbook or a PDF where the user says: a default name
from its title and period ("ABC-анализ 01.11.2026–30.11.2026.xlsx"), the making and
writing in a worker with progress (Cancel stops it, nothing half-written is left), one
sentence in a box when it fails."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from crm_desktop.services.documents.output import file_name, write_document
from crm_desktop.services.reports.display import display_value
from crm_desktop.services.reports.table import Kind, ReportTable
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background, Cancelled, Progress
from crm_desktop.ui.unexpected import one_sentence

EXCEL = ".xlsx"
PDF = ".pdf"


def default_name(title: str, date_from: dt.date, date_to: dt.date, suffix: str) -> str:
    period = f"{display_value(date_from, Kind.DATE)}–{display_value(date_to, Kind.DATE)}"
    return file_name(f"{title} {period}", suffix)


def caption(suffix: str) -> str:
    return (
        QCoreApplication.translate("ReportFiles", "Export to Excel")
        if suffix == EXCEL
        else QCoreApplication.translate("ReportFiles", "Save as PDF")
    )


def ask_path(parent: QWidget, name: str, suffix: str) -> Path | None:
    """The save dialog, `name` proposed in the home folder; None when cancelled."""
    kind = (
        QCoreApplication.translate("ReportFiles", "Excel workbook (*.xlsx)")
        if suffix == EXCEL
        else QCoreApplication.translate("ReportFiles", "PDF document (*.pdf)")
    )
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, caption(suffix), str(Path.home() / name), kind
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def report_bytes(table: ReportTable, suffix: str) -> bytes:
    buffer = io.BytesIO()
    if suffix == EXCEL:
        from crm_desktop.services.reports.report_xlsx import render_report_xlsx

        render_report_xlsx(table, buffer)
    else:
        from crm_desktop.services.reports.report_pdf import render_report_pdf

        render_report_pdf(table, buffer)
    return buffer.getvalue()


def _write(table: ReportTable, path: Path, suffix: str, progress: Progress) -> Path:
    progress.report(1, 3)
    data = report_bytes(table, suffix)
    progress.report(2, 3)
    return write_document(path, data)


def save_report(
    parent: QWidget,
    path: Path,
    suffix: str,
    on_saved: Callable[[Path], None],
    *,
    table: ReportTable | None = None,
    load: Callable[[CrmSession], ReportTable] | None = None,
    db: Database | None = None,
    login: str | None = None,
) -> Background[Path]:
    """Write `table` (or the one `load` makes in the worker's unit of work) to `path`."""
    if load is not None:
        make = load

        def work(session: CrmSession, progress: Progress) -> Path:
            progress.report(0, 3)
            return _write(make(session), path, suffix, progress)

        job: Background[Path] = Background(
            db,
            work,
            login,
            write=False,
            progress=QCoreApplication.translate("ReportFiles", "Making the report…"),
            parent=parent,
        )
    else:
        assert table is not None
        shown = table
        job = Background(
            None,
            lambda progress: _write(shown, path, suffix, progress),
            progress=QCoreApplication.translate("ReportFiles", "Making the report…"),
            parent=parent,
        )

    def failed(error: BaseException) -> None:
        if isinstance(error, Cancelled) or not shiboken6.isValid(parent):
            return
        QMessageBox.warning(parent, caption(suffix), one_sentence(error))

    return job.on_done(on_saved).on_failed(failed).start()
