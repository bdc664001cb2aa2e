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
        InvoiceStatus.DRAFT: QCoreApplication.translate("InvoiceLabels", "Draft"),
        InvoiceStatus.ISSUED: QCoreApplication.translate("InvoiceLabels", "Issued"),
        InvoiceStatus.PARTLY_PAID: QCoreApplication.translate("InvoiceLabels", "Partly paid"),
        InvoiceStatus.PAID: QCoreApplication.translate("InvoiceLabels", "Paid"),
        InvoiceStatus.CANCELLED: QCoreApplication.translate("InvoiceLabels", "Cancelled"),
    }[status]


def vat_mode_text(mode: VatMode) -> str:
    return {
        VatMode.NONE: QCoreApplication.translate("InvoiceLabels", "Without VAT"),
        VatMode.INCLUDED: QCoreApplication.translate("InvoiceLabels", "Prices include VAT"),
        VatMode.ON_TOP: QCoreApplication.translate("InvoiceLabels", "VAT on top of prices"),
    }[mode]


def rate_label(rate: Decimal | None) -> str:
    return (
        QCoreApplication.translate("InvoiceLabels", "without VAT")
        if rate is None
        else f"{rate_text(rate)} %"
    )
