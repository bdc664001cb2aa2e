"""The user's own company: the requisites printed on every invoice."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import LargeBinary, String, false
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base, Rate, Tracked


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
    # Invoices: the rate a new line takes, the rates offered (percent, comma separated:
    # rates change), the number's pattern ({year}, {number:04d}) and days to pay.
    vat_rate: Mapped[Decimal | None] = mapped_column(Rate)
    vat_rates: Mapped[str] = mapped_column(
        String(100), default="0,5,7,10,22", server_default="0,5,7,10,22"
    )
    invoice_pattern: Mapped[str] = mapped_column(
        String(60), default="{year}-{number:04d}", server_default="{year}-{number:04d}"
    )
    payment_days: Mapped[int] = mapped_column(default=5, server_default="5")
    # Mail goes out through the office's SMTP server; its password is in the keyring.
    smtp_host: Mapped[str | None] = mapped_column(String(255))
    smtp_port: Mapped[int | None]
    smtp_security: Mapped[str] = mapped_column(
        String(10), default="starttls", server_default="starttls"
    )
    smtp_login: Mapped[str | None] = mapped_column(String(255))
    smtp_from: Mapped[str | None] = mapped_column(String(254))
    # 152-FZ: record who opened which client's card (privacy settings)
    log_card_reads: Mapped[bool] = mapped_column(default=False, server_default=false())
