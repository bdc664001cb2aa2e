"""The two sides of a document as they are printed, read from the copies an issued
invoice keeps of them (JSON in `invoices.supplier` / `invoices.payer`, made by
`services.invoice_parties`; a draft gets the same from the current cards).

A snapshot is read leniently (a key missing is simply not printed), so an invoice issued
by an older or newer program still prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crm_desktop.services.phones import format_phone


@dataclass(frozen=True)
class Requisites:
    """One side of a document: who, with its registration numbers and address."""

    name: str
    inn: str = ""
    kpp: str = ""
    ogrn: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""

    def line(self) -> str:
        """ "ООО «Вектор», ИНН 7707083893, КПП 773601001, 117997, г. Москва, ..., тел.: ..." """
        parts = [self.name]
        if self.inn:
            parts.append(f"ИНН {self.inn}")
        if self.kpp:
            parts.append(f"КПП {self.kpp}")
        if self.address:
            parts.append(self.address)
        if self.phone:
            parts.append(f"тел.: {format_phone(self.phone)}")
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class BankDetails:
    bank_name: str = ""
    bic: str = ""
    corr_account: str = ""
    account: str = ""


@dataclass(frozen=True)
class Signatories:
    director: str = ""
    accountant: str = ""


def _text(data: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = data.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def supplier_from_snapshot(
    data: dict[str, Any],
) -> tuple[Requisites, BankDetails, Signatories]:
    requisites = Requisites(
        name=_text(data, "short_name", "name", "full_name"),
        inn=_text(data, "inn"),
        kpp=_text(data, "kpp"),
        ogrn=_text(data, "ogrn"),
        address=_text(data, "legal_address", "address", "postal_address"),
        phone=_text(data, "phone"),
        email=_text(data, "email"),
    )
    bank = BankDetails(
        bank_name=_text(data, "bank_name", "bank"),
        bic=_text(data, "bic"),
        corr_account=_text(data, "corr_account"),
        account=_text(data, "account"),
    )
    people = Signatories(
        director=_text(data, "director"),
        accountant=_text(data, "chief_accountant", "accountant"),
    )
    return requisites, bank, people


def payer_from_snapshot(data: dict[str, Any]) -> Requisites:
    return Requisites(
        name=_text(data, "name", "full_name", "short_name"),
        inn=_text(data, "inn"),
        kpp=_text(data, "kpp"),
        ogrn=_text(data, "ogrn"),
        address=_text(data, "address", "legal_address", "postal_address"),
        phone=_text(data, "phone"),
        email=_text(data, "email"),
    )
