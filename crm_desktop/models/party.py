"""Clients: people and companies, and the ways to reach them."""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm_desktop.models.base import Base, Tracked, str_enum


class ClientKind(enum.StrEnum):
    PERSON = "person"
    COMPANY = "company"


class MessengerKind(enum.StrEnum):
    TELEGRAM = "telegram"
    WHATSAPP = "whatsapp"
    VK = "vk"


class AddressKind(enum.StrEnum):
    LEGAL = "legal"
    POSTAL = "postal"
    ACTUAL = "actual"
    DELIVERY = "delivery"


class Client(Tracked, Base):
    """A person or a company. A company keeps its legal form apart from its name
    ("ООО «Ромашка»" is name "Ромашка", legal form "ООО"); a person may belong to one.

    `name_folded` (lower case, ё→е) orders the list and serves prefix search;
    `company_name`, `primary_phone` and `primary_email` repeat what a list row shows;
    `search_text` is the folded text the trigram index covers (names, company,
    phone digits, emails, INN). Both are kept current by the unit of work.
    `search_rowid` is the SQLite full-text index's integer key (unused on PostgreSQL).
    """

    __tablename__ = "clients"

    kind: Mapped[ClientKind] = mapped_column(str_enum(ClientKind, "client_kind"))
    name: Mapped[str] = mapped_column(String(300))
    legal_form: Mapped[str | None] = mapped_column(String(20))
    full_name: Mapped[str | None] = mapped_column(String(500))
    company_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("clients.id"), index=True)
    position: Mapped[str | None] = mapped_column(String(200))
    inn: Mapped[str | None] = mapped_column(String(12))  # indexed with the id (list order)
    kpp: Mapped[str | None] = mapped_column(String(9))
    ogrn: Mapped[str | None] = mapped_column(String(15))
    birth_date: Mapped[dt.date | None]
    owner: Mapped[str | None] = mapped_column(ForeignKey("users.login"))  # see owner_created
    source: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    last_contact_at: Mapped[dt.datetime | None]
    # asked not to get marketing mail (a reply "отписаться", a call): no mailing reaches them
    unsubscribed_at: Mapped[dt.datetime | None]
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("clients.id"))
    # Derived, kept by the unit of work with the search text: what a list row shows,
    # so that lists and search read one row per client, with no joins.
    company_name: Mapped[str | None] = mapped_column(String(300))
    primary_phone: Mapped[str | None] = mapped_column(String(20))
    primary_email: Mapped[str | None] = mapped_column(String(254))
    name_folded: Mapped[str] = mapped_column(
        String(300).with_variant(String(300, collation="C"), "postgresql")
    )
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_rowid: Mapped[int | None] = mapped_column(unique=True)

    company: Mapped[Client | None] = relationship(
        remote_side="Client.id", foreign_keys=[company_id], lazy="raise_on_sql"
    )
    phones: Mapped[list[Phone]] = relationship(
        back_populates="client", order_by="Phone.position", cascade="all, delete-orphan"
    )
    emails: Mapped[list[Email]] = relationship(
        back_populates="client", order_by="Email.position", cascade="all, delete-orphan"
    )
    messengers: Mapped[list[Messenger]] = relationship(
        back_populates="client", cascade="all, delete-orphan"
    )
    addresses: Mapped[list[Address]] = relationship(
        back_populates="client", cascade="all, delete-orphan"
    )

    # One index per order the client list offers (services/client_list.py, ClientSort),
    # and the same led by the owner for one manager's list ("My clients", the manager
    # filter, a manager's own rows on the server): each page is then one index range,
    # whichever manager and however many clients they have.
    __table_args__ = (
        Index("ix_clients_name_order", "name_folded", "id"),
        Index("ix_clients_owner_name", "owner", "name_folded", "id"),
        Index("ix_clients_company_order", "company_name", "name_folded", "id"),
        Index("ix_clients_phone_order", "primary_phone", "id"),
        Index("ix_clients_email_order", "primary_email", "id"),
        Index("ix_clients_inn_order", "inn", "id"),
        Index("ix_clients_last_contact_order", "last_contact_at", "id"),
        Index("ix_clients_owner_company", "owner", "company_name", "name_folded", "id"),
        Index("ix_clients_owner_phone", "owner", "primary_phone", "id"),
        Index("ix_clients_owner_email", "owner", "primary_email", "id"),
        Index("ix_clients_owner_inn", "owner", "inn", "id"),
        Index("ix_clients_owner_last_contact", "owner", "last_contact_at", "id"),
        Index("ix_clients_owner_created", "owner", "id"),
    )


class Phone(Tracked, Base):
    __tablename__ = "phones"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    e164: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="work")
    extension: Mapped[str | None] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(default=0)
    client: Mapped[Client] = relationship(back_populates="phones")


class Email(Tracked, Base):
    __tablename__ = "emails"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    address: Mapped[str] = mapped_column(String(254), index=True)
    position: Mapped[int] = mapped_column(default=0)
    client: Mapped[Client] = relationship(back_populates="emails")


class Messenger(Tracked, Base):
    __tablename__ = "messengers"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    kind: Mapped[MessengerKind] = mapped_column(str_enum(MessengerKind, "messenger_kind"))
    handle: Mapped[str] = mapped_column(String(100))
    client: Mapped[Client] = relationship(back_populates="messengers")


class Address(Tracked, Base):
    __tablename__ = "addresses"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    kind: Mapped[AddressKind] = mapped_column(
        str_enum(AddressKind, "address_kind"), default=AddressKind.ACTUAL
    )
    postcode: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(String(500))
    client: Mapped[Client] = relationship(back_populates="addresses")


# the recycle bin's list (latest deletion first), a page at a time even with a million rows
Index(
    "ix_clients_bin",
    Client.deleted_at,
    Client.id,
    sqlite_where=text("deleted_at IS NOT NULL"),
    postgresql_where=text("deleted_at IS NOT NULL"),
)
