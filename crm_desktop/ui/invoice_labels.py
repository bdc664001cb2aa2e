"""How the invoice screens name statuses and VAT modes, and the colour of each status."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from crm_desktop.services.invoice_settings import rate_text
from crm_desktop.services.vocabulary import InvoiceStatus, VatMode

STATUS_COLOURS = {
    InvoiceStatus.DRAFT: "#607d8b",
    InvoiceStatus.ISSUED: "#1565c0",
    InvoiceStatus.PARTLY_PAID: "#ef6c00",
    InvoiceStatus.PAID: "#2e7d32",
    InvoiceStatus.CANCELLED: "#9e9e9e",
}
OVERDUE_COLOUR = "#c62828"


def _tr(text: str) -> str:
    return QCoreApplication.translate("InvoiceLabels", text)


def status_text(status: InvoiceStatus) -> str:
    return {
        InvoiceStatus.DRAFT: _tr("Draft"),
        InvoiceStatus.ISSUED: _tr("Issued"),
        InvoiceStatus.PARTLY_PAID: _tr("Partly paid"),
        InvoiceStatus.PAID: _tr("Paid"),
        InvoiceStatus.CANCELLED: _tr("Cancelled"),
    }[status]


def vat_mode_text(mode: VatMode) -> str:
    return {
        VatMode.NONE: _tr("Without VAT"),
        VatMode.INCLUDED: _tr("Prices include VAT"),
        VatMode.ON_TOP: _tr("VAT on top of prices"),
    }[mode]


def rate_label(rate: Decimal | None) -> str:
    return _tr("without VAT") if rate is None else f"{rate_text(rate)} %"
