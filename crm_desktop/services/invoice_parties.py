"""Both sides of an invoice as printed: the supplier (the company's requisites, which must
be complete and valid before an invoice is issued) and the payer (from the client card).
An issued invoice keeps a copy of both (JSON), so later edits of a card never change it."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from crm_desktop.errors import Refused
from crm_desktop.i18n import _
from crm_desktop.models import AddressKind
from crm_desktop.services.client_views import ClientView, get_client
from crm_desktop.services.company_profile import (
    CompanyDetails,
    company_errors,
    get_company_profile,
)

# What an invoice cannot go out without; the KPP only for an organisation (10-digit INN).
REQUIRED = (
    "short_name",
    "inn",
    "kpp",
    "legal_address",
    "bank_name",
    "bic",
    "corr_account",
    "account",
    "director",
)
# A field that cannot be checked while another is missing (an account without the BIC).
_NEEDS = {"account": "bic", "corr_account": "bic", "kpp": "inn", "ogrn": "inn"}


class RequisitesIncomplete(Refused):
    """The company's requisites lack something an invoice needs or hold a wrong value
    (exit 3): `missing` names the empty fields, `invalid` the wrong ones with the reason."""

    def __init__(self, message: str, missing: list[str], invalid: dict[str, str]) -> None:
        super().__init__(message)
        self.missing = missing
        self.invalid = invalid


def requisite_label(name: str) -> str:
    """A requisite's name as a sentence says it."""
    labels = {
        "short_name": _("the company's name"),
        "full_name": _("the full name"),
        "inn": _("the INN"),
        "kpp": _("the KPP"),
        "ogrn": _("the OGRN"),
        "legal_address": _("the legal address"),
        "postal_address": _("the postal address"),
        "phone": _("the phone"),
        "email": _("the e-mail"),
        "bank_name": _("the bank's name"),
        "bic": _("the bank's BIC"),
        "corr_account": _("the correspondent account"),
        "account": _("the settlement account"),
        "director": _("the director"),
        "chief_accountant": _("the chief accountant"),
    }
    return labels.get(name, name)


def supplier_problems(details: CompanyDetails | None) -> tuple[list[str], dict[str, str]]:
    """What keeps an invoice from being issued: the missing fields (in the form's order)
    and the wrong ones with the reason."""
    details = (details or CompanyDetails()).stripped()
    inn_digits = "".join(ch for ch in details.inn if ch.isdigit())
    missing = [
        name
        for name in REQUIRED
        if not getattr(details, name) and not (name == "kpp" and len(inn_digits) == 12)
    ]
    if "inn" in missing and "kpp" in missing:
        missing.remove("kpp")  # whether a KPP is needed depends on the INN
    invalid = {
        name: message
        for name, message in company_errors(details).items()
        if name not in missing and _NEEDS.get(name) not in missing
    }
    return missing, invalid


def check_supplier(details: CompanyDetails | None) -> CompanyDetails:
    """The requisites, or RequisitesIncomplete saying in one sentence all that is wrong."""
    missing, invalid = supplier_problems(details)
    if not missing and not invalid:
        assert details is not None
        return details.stripped()
    lack = ", ".join(requisite_label(name) for name in missing)
    wrong = "; ".join(f"{requisite_label(name)}: {reason}" for name, reason in invalid.items())
    if missing and invalid:
        message = _(
            "The invoice cannot be issued: the company's requisites lack {missing},"
            " and some are wrong ({wrong}).",
            missing=lack,
            wrong=wrong,
        )
    elif missing:
        message = _(
            "The invoice cannot be issued: the company's requisites lack {missing}.",
            missing=lack,
        )
    else:
        message = _(
            "The invoice cannot be issued: some of the company's requisites are wrong ({wrong}).",
            wrong=wrong,
        )
    raise RequisitesIncomplete(message, missing, invalid)


def supplier_snapshot(session: Session, *, strict: bool) -> dict[str, Any]:
    """The supplier as an invoice prints it; `strict` refuses incomplete requisites."""
    details = get_company_profile(session)
    if strict:
        details = check_supplier(details)
    return asdict((details or CompanyDetails()).stripped())


def payer_snapshot(session: Session, client_id: uuid.UUID) -> dict[str, Any]:
    """The payer as an invoice prints it, from the client card."""
    return payer_of(get_client(session, client_id))


def payer_of(client: ClientView) -> dict[str, Any]:
    legal = [a for a in client.addresses if a.kind == AddressKind.LEGAL]
    chosen = legal or client.addresses
    address_text = None
    if chosen:
        address = chosen[0]
        address_text = address.text
        if address.postcode and address.postcode not in address.text:
            address_text = f"{address.postcode}, {address.text}"
    return {
        "kind": client.kind.value,
        "name": client.display_name,
        "full_name": client.full_name,
        "inn": client.inn,
        "kpp": client.kpp,
        "ogrn": client.ogrn,
        "address": address_text,
        "phone": client.phones[0] if client.phones else None,
        "email": client.emails[0] if client.emails else None,
    }
