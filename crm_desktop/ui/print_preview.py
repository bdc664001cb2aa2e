"""Print preview and printing through Qt: the invoice's PDF (the same ReportLab document
that is saved and mailed) is rendered with Qt's PDF module, page by page, into images
drawn on the printer. The PDF and the preview's pages are made in a worker; only the
drawing happens on the UI thread. Without Qt's PDF module the PDF opens in the
system's viewer instead."""

from __future__ import annotations

import io
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget

from crm_desktop.errors import CrmError
from crm_desktop.services.documents.invoice_data import load_invoice_document
from crm_desktop.services.documents.invoice_mail import invoice_file_name
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background

try:
    from PySide6.QtPdf import QPdfDocument

    HAVE_QT_PDF = True
except ImportError:  # a PySide6 build without the PDF module
    HAVE_QT_PDF = False

PREVIEW_DPI = 150  # the preview's pages: sharp on screen, cheap to make
PRINT_DPI_MAX = 300  # more only makes huge images for no visible gain


@dataclass(frozen=True)
class RenderedInvoice:
    pdf: bytes
    file_name: str
    title: str
    pages: tuple[QImage, ...] = ()
    dpi: int = 0


def invoice_pdf_bytes(session: CrmSession, invoice_id: uuid.UUID) -> tuple[bytes, str, str]:
    """The invoice as a PDF (what is saved, mailed and printed), its file name and title."""
    from crm_desktop.services.documents.invoice_pdf import render_invoice_pdf

    doc = load_invoice_document(session, invoice_id)
    buffer = io.BytesIO()
    render_invoice_pdf(doc, buffer)
    return buffer.getvalue(), invoice_file_name(doc), doc.title


def pdf_page_images(pdf: bytes, dpi: int) -> list[QImage]:
    """Every page of `pdf` as a white-backed image at `dpi` (safe in a worker thread)."""
    if not HAVE_QT_PDF:
        return []
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    images = []
    try:
        for page in range(document.pageCount()):
            points = document.pagePointSize(page)  # 1/72 inch
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.white)
            rendered = document.render(page, size)
            painter = QPainter(image)
            painter.drawImage(0, 0, rendered)
            painter.end()
            images.append(image)
    finally:
        document.close()
        buffer.close()
    return images


def paint_pages(printer: QPrinter, pages: list[QImage] | tuple[QImage, ...]) -> int:
    """Draw the pages on the printer, one a sheet, scaled to its printable area keeping
    the proportions; returns how many were drawn."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for number, image in enumerate(pages):
            if number:
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            target = QSize(image.width(), image.height()).scaled(
                area.size(), Qt.AspectRatioMode.KeepAspectRatio
            )
            painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
    finally:
        painter.end()
    return len(pages)


def render_for_preview(session: CrmSession, invoice_id: uuid.UUID) -> RenderedInvoice:
    pdf, name, title = invoice_pdf_bytes(session, invoice_id)
    return RenderedInvoice(pdf, name, title, tuple(pdf_page_images(pdf, PREVIEW_DPI)), PREVIEW_DPI)


class InvoicePrintPreview(QPrintPreviewDialog):
    """Qt's print preview of the rendered invoice; printing draws pages at the printer's
    resolution (up to 300 dpi)."""

    def __init__(self, rendered: RenderedInvoice, parent: QWidget | None = None) -> None:
        self.qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.qprinter.setDocName(rendered.title)
        super().__init__(self.qprinter, parent)
        self.rendered = rendered
        self.setWindowTitle(self.tr("Print preview: {title}").format(title=rendered.title))
        self.resize(900, 1000)
        self.paintRequested.connect(self.paint)

    def paint(self, printer: QPrinter) -> None:
        dpi = min(printer.resolution(), PRINT_DPI_MAX)
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and dpi > PREVIEW_DPI:
            pages: list[QImage] | tuple[QImage, ...] = pdf_page_images(self.rendered.pdf, dpi)
        else:
            pages = self.rendered.pages
        paint_pages(printer, pages)


def open_externally(rendered: RenderedInvoice) -> None:
    """No Qt PDF module: the system's PDF viewer prints it."""
    folder = Path(tempfile.mkdtemp(prefix="crm-invoice-"))
    path = folder / rendered.file_name
    path.write_bytes(rendered.pdf)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_print_preview(
    parent: QWidget, db: Database, login: str | None, invoice_id: uuid.UUID
) -> Background[RenderedInvoice]:
    """Render the invoice in a worker, then show the preview (modal) over `parent`."""
    return show_document_preview(parent, db, login, lambda s: invoice_pdf_bytes(s, invoice_id))


def show_document_preview(
    parent: QWidget,
    db: Database,
    login: str | None,
    make: Callable[[CrmSession], tuple[bytes, str, str]],
) -> Background[RenderedInvoice]:
    """Make a document's PDF (bytes, file name, title) in a worker, then show its print
    preview (modal) over `parent`: an invoice, a report."""

    def render(session: CrmSession) -> RenderedInvoice:
        pdf, name, title = make(session)
        return RenderedInvoice(
            pdf, name, title, tuple(pdf_page_images(pdf, PREVIEW_DPI)), PREVIEW_DPI
        )

    def done(rendered: RenderedInvoice) -> None:
        if not shiboken6.isValid(parent):
            return
        if not HAVE_QT_PDF:
            open_externally(rendered)
            return
        dialog = InvoicePrintPreview(rendered, parent)
        dialog.exec()
        dialog.deleteLater()

    def failed(error: BaseException) -> None:
        if shiboken6.isValid(parent):
            message = error.message if isinstance(error, CrmError) else str(error)
            title = QCoreApplication.translate("InvoicePrintPreview", "Print preview")
            QMessageBox.warning(parent, title, message or type(error).__name__)

    job: Background[RenderedInvoice] = Background(db, render, login, write=False)
    return job.on_done(done).on_failed(failed).start()
