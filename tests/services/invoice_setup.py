"""What the invoice tests start from: a company with complete requisites, a client."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from crm_desktop.models import ClientKind
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.company_profile import CompanyDetails, save_company_profile
from crm_desktop.services.invoice_settings import SettingsChanges, save_invoice_settings
from crm_desktop.store.database import Database

VECTOR = CompanyDetails(
    short_name="ООО «Вектор»",
    full_name="Общество с ограниченной ответственностью «Вектор»",
    inn="7707083893",
    kpp="773601001",
    ogrn="1027700132195",
    legal_address="117997, г. Москва, ул. Вавилова, д. 19",
    bank_name="ПАО Сбербанк",
    bic="044525225",
    corr_account="30101810400000000225",
    account="40702810938000000001",
    director="Соколов Андрей Викторович",
    chief_accountant="Орлова Елена Николаевна",
)


def describe_company(
    session: Session, *, vat: str = "included", details: CompanyDetails = VECTOR
) -> None:
    save_company_profile(session, details)
    save_invoice_settings(session, SettingsChanges(vat_mode=vat))


def add_client(session: Session, name: str = "ООО «Ромашка»", inn: str = "7728168971") -> uuid.UUID:
    changes = ClientChanges(
        kind=ClientKind.COMPANY,
        name=name,
        inn=inn,
        kpp="772801001",
        addresses=[("legal", "117342, г. Москва, ул. Введенского, д. 23А")],
    )
    return create_client(session, changes).id


def set_up(db: Database, *, vat: str = "included") -> uuid.UUID:
    """The company described (VAT `vat`, 22 % by default) and a client; the client's id."""
    with db.unit_of_work() as session:
        describe_company(session, vat=vat)
        return add_client(session)
