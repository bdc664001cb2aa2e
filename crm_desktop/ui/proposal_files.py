"""A deal's commercial proposal (КП) as a PDF: made in a worker, saved where the user
says, and offered to be opened in the system's PDF viewer."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from crm_desktop.errors import CrmError
from crm_desktop.services.documents.output import file_name
from crm_desktop.services.documents.proposal_data import load_proposal_document
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.invoice_files import write_where_asked

SUFFIX = ".pdf"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProposalFiles", text)


def _error_text(error: BaseException) -> str:
    return error.message if isinstance(error, CrmError) else (str(error) or type(error).__name__)


def proposal_file(session: CrmSession, deal_id: uuid.UUID) -> tuple[str, bytes]:
    """The deal's proposal as a PDF, with its file name."""
    from crm_desktop.services.documents.proposal_pdf import render_proposal_pdf

    doc = load_proposal_document(session, deal_id)
    buffer = io.BytesIO()
    render_proposal_pdf(doc, buffer)
    return file_name(doc.file_stem, SUFFIX), buffer.getvalue()


def save_proposal_file(
    parent: QWidget,
    db: Database,
    login: str | None,
    deal_id: uuid.UUID,
    *,
    target: Path | None = None,
    on_saved: Callable[[Path], object] | None = None,
) -> Background[tuple[str, bytes]]:
    """Make the PDF in a worker, ask where to save it (unless `target`: then it is written
    there without a question), write it, and offer to open it (only when asked where)."""

    def done(made: tuple[str, bytes]) -> None:
        if not shiboken6.isValid(parent):
            return
        name, content = made
        title = QCoreApplication.translate("ProposalFiles", "Save the commercial proposal")
        kind = QCoreApplication.translate("ProposalFiles", "PDF document (*.pdf)")
        written = write_where_asked(parent, content, name, SUFFIX, title, kind, target)
        if written is None:
            return
        if on_saved is not None:
            on_saved(written)
        if target is None:
            answer = QMessageBox.question(
                parent,
                QCoreApplication.translate("ProposalFiles", "Commercial proposal"),
                QCoreApplication.translate("ProposalFiles", "Saved to {path}. Open it now?").format(
                    path=written
                ),
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                QMessageBox.StandardButton.Open,
            )
            if answer == QMessageBox.StandardButton.Open:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))

    def failed(error: BaseException) -> None:
        if shiboken6.isValid(parent):
            QMessageBox.warning(
                parent,
                QCoreApplication.translate("ProposalFiles", "Commercial proposal"),
                _error_text(error),
            )

    job: Background[tuple[str, bytes]] = Background(
        db, lambda s: proposal_file(s, deal_id), login, write=False
    )
    return job.on_done(done).on_failed(failed).start()
