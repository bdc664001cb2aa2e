"""The letter an invoice goes out with (in Russian, like the invoice itself)."""

from __future__ import annotations

from crm_desktop.services.documents.invoice_data import InvoiceDocument
from crm_desktop.services.documents.output import file_name
from crm_desktop.services.documents.russian import date_digits, money
from crm_desktop.services.phones import format_phone


def invoice_subject(doc: InvoiceDocument) -> str:
    return doc.title


def invoice_body(doc: InvoiceDocument) -> str:
    what = "счёт на оплату" if not doc.is_draft else "проект счёта на оплату"
    number = f" № {doc.number}" if not doc.is_draft else ""
    lines = [
        "Здравствуйте!",
        "",
        f"Направляем {what}{number} от {date_digits(doc.date)} на сумму "
        f"{money(doc.total)} руб. Счёт — во вложении.",
    ]
    if doc.due_date is not None and not doc.is_draft:
        lines.append(f"Просим оплатить его не позднее {date_digits(doc.due_date)}.")
    lines += ["", "С уважением,", doc.supplier.name]
    phone = format_phone(doc.supplier.phone) if doc.supplier.phone else ""
    contacts = ", ".join(p for p in (phone, doc.supplier.email) if p)
    if contacts:
        lines.append(contacts)
    return "\n".join(lines) + "\n"


def invoice_file_name(doc: InvoiceDocument, suffix: str = ".pdf") -> str:
    """ "Счёт 2026-0001 от 27.11.2026.pdf" """
    return file_name(doc.file_stem, suffix)
