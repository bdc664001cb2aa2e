"""The user's own company: the requisites printed on every invoice."""

from __future__ import annotations

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Tracked


class CompanyProfile(Tracked, Base):
    __tablename__ = "company_profile"

    full_name: Mapped[str] = mapped_column(String(500), default="")
    short_name: Mapped[str] = mapped_column(String(300), default="")
    inn: Mapped[str | None] = mapped_column(String(12))
    kpp: Mapped[str | None] = mapped_column(String(9))
    ogrn: Mapped[str | None] = mapped_column(String(15))
    legal_address: Mapped[str | None] = mapped_column(String(500))
    postal_address: Mapped[str | None] = mapped_column(String(500))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    bank_name: Mapped[str | None] = mapped_column(String(300))
    bic: Mapped[str | None] = mapped_column(String(9))
    corr_account: Mapped[str | None] = mapped_column(String(20))
    account: Mapped[str | None] = mapped_column(String(20))
    director: Mapped[str | None] = mapped_column(String(200))
    chief_accountant: Mapped[str | None] = mapped_column(String(200))
    vat_mode: Mapped[str] = mapped_column(String(20), default="none")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    stamp: Mapped[bytes | None] = mapped_column(LargeBinary)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
