"""The invoice's files from any screen: the PDF or an Excel copy saved where the user
says (made in a worker), and the e-mail dialog."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from crm_desktop.errors import CrmError
from crm_desktop.services.documents.invoice_data import load_invoice_document
from crm_desktop.services.documents.invoice_mail import invoice_file_name
from crm_desktop.services.documents.output import write_document
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background


def _tr(text: str) -> str:
    return QCoreApplication.translate("InvoiceFiles", text)


def error_text(error: BaseException) -> str:
    return error.message if isinstance(error, CrmError) else (str(error) or type(error).__name__)


def invoice_file(session: CrmSession, invoice_id: uuid.UUID, suffix: str) -> tuple[str, bytes]:
    """The invoice as a PDF (".pdf") or an Excel workbook (".xlsx"), with its file name."""
    doc = load_invoice_document(session, invoice_id)
    buffer = io.BytesIO()
    if suffix == ".pdf":
        from crm_desktop.services.documents.invoice_pdf import render_invoice_pdf

        render_invoice_pdf(doc, buffer)
    else:
        from crm_desktop.services.documents.invoice_xlsx import render_invoice_xlsx

        render_invoice_xlsx(doc, buffer)
    return invoice_file_name(doc, suffix), buffer.getvalue()


def write_where_asked(
    parent: QWidget,
    content: bytes,
    name: str,
    suffix: str,
    title: str,
    kind: str,
    target: Path | None,
) -> Path | None:
    """Ask where to save `content` (unless `target`; `name` proposed in the home folder,
    `suffix` added when the user left it out) and write it; None when the user cancelled
    or the file could not be written (said in a box titled `title`)."""
    path = target
    if path is None:
        chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), kind)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
    try:
        return write_document(path, content)
    except (OSError, CrmError) as exc:
        QMessageBox.warning(parent, title, error_text(exc))
        return None


def save_invoice_file(
    parent: QWidget,
    db: Database,
    login: str | None,
    invoice_id: uuid.UUID,
    suffix: str,
    *,
    target: Path | None = None,
    on_saved: Callable[[Path], object] | None = None,
) -> Background[tuple[str, bytes]]:
    """Make the file in a worker, ask where to save it (unless `target`), write it."""

    def done(made: tuple[str, bytes]) -> None:
        if not shiboken6.isValid(parent):
            return
        name, content = made
        kind = (
            QCoreApplication.translate("InvoiceFiles", "PDF document (*.pdf)")
            if suffix == ".pdf"
            else QCoreApplication.translate("InvoiceFiles", "Excel workbook (*.xlsx)")
        )
        title = QCoreApplication.translate("InvoiceFiles", "Save the invoice")
        written = write_where_asked(parent, content, name, suffix, title, kind, target)
        if written is not None and on_saved is not None:
            on_saved(written)

    def failed(error: BaseException) -> None:
        if shiboken6.isValid(parent):
            QMessageBox.warning(
                parent,
                QCoreApplication.translate("InvoiceFiles", "Save the invoice"),
                error_text(error),
            )

    job: Background[tuple[str, bytes]] = Background(
        db, lambda s: invoice_file(s, invoice_id, suffix), login, write=False
    )
    return job.on_done(done).on_failed(failed).start()
