"""A client's whole card (every phone, e-mail, messenger and address, requisites, custom
fields, stamps) as a plain dataclass."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound
from crm_desktop.i18n import _
from crm_desktop.models import (
    Address,
    AddressKind,
    Client,
    ClientKind,
    Email,
    Messenger,
    MessengerKind,
    Phone,
)
from crm_desktop.services.custom_fields import CustomValue, custom_value_json, custom_values_of


@dataclass(frozen=True)
class MessengerView:
    kind: MessengerKind
    handle: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "handle": self.handle}


@dataclass(frozen=True)
class AddressView:
    kind: AddressKind
    text: str
    postcode: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "text": self.text, "postcode": self.postcode}


@dataclass(frozen=True)
class ClientView:
    id: uuid.UUID
    kind: ClientKind
    name: str
    legal_form: str | None
    company_id: uuid.UUID | None
    company: str | None
    phones: list[str]
    emails: list[str]
    inn: str | None
    kpp: str | None
    ogrn: str | None
    birth_date: dt.date | None
    owner: str | None
    position: str | None
    note: str | None
    last_contact_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
    version: int
    name_folded: str = field(repr=False, default="")
    full_name: str | None = None
    source: str | None = None
    messengers: list[MessengerView] = field(default_factory=list)
    addresses: list[AddressView] = field(default_factory=list)
    # by the custom field's code, in the fields' order; only the fields with a value
    custom_fields: dict[str, CustomValue] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        """ "ООО «Ромашка»" for a company with a legal form, the name otherwise."""
        if self.kind == ClientKind.COMPANY and self.legal_form:
            return f"{self.legal_form} «{self.name}»"
        return self.name

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "kind": self.kind.value,
            "name": self.name,
            "legal_form": self.legal_form,
            "company": self.company,
            "company_id": str(self.company_id) if self.company_id else None,
            "phones": self.phones,
            "emails": self.emails,
            "inn": self.inn,
            "kpp": self.kpp,
            "ogrn": self.ogrn,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "owner": self.owner,
            "position": self.position,
            "note": self.note,
            "last_contact_at": _iso(self.last_contact_at),
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "deleted": self.deleted_at is not None,
            "version": self.version,
            "full_name": self.full_name,
            "source": self.source,
            "messengers": [m.to_json() for m in self.messengers],
            "addresses": [a.to_json() for a in self.addresses],
            "custom_fields": {k: custom_value_json(v) for k, v in self.custom_fields.items()},
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _views_of(session: Session, clients: Sequence[Client]) -> list[ClientView]:
    """Views of these clients, fetching the phones, e-mails, messengers, addresses and
    custom values of all in one query each."""
    ids = [client.id for client in clients]
    phones: dict[uuid.UUID, list[str]] = defaultdict(list)
    emails: dict[uuid.UUID, list[str]] = defaultdict(list)
    messengers: dict[uuid.UUID, list[MessengerView]] = defaultdict(list)
    addresses: dict[uuid.UUID, list[AddressView]] = defaultdict(list)
    custom: dict[uuid.UUID, dict[str, CustomValue]] = {}
    if ids:
        for client_id, e164 in session.execute(
            select(Phone.client_id, Phone.e164)
            .where(Phone.client_id.in_(ids), Phone.deleted_at.is_(None))
            .order_by(Phone.client_id, Phone.position)
        ):
            phones[client_id].append(e164)
        for client_id, address in session.execute(
            select(Email.client_id, Email.address)
            .where(Email.client_id.in_(ids), Email.deleted_at.is_(None))
            .order_by(Email.client_id, Email.position)
        ):
            emails[client_id].append(address)
        for client_id, messenger, handle in session.execute(
            select(Messenger.client_id, Messenger.kind, Messenger.handle)
            .where(Messenger.client_id.in_(ids), Messenger.deleted_at.is_(None))
            .order_by(Messenger.client_id, Messenger.created_at, Messenger.id)
        ):
            messengers[client_id].append(MessengerView(messenger, handle))
        for client_id, place, text, postcode in session.execute(
            select(Address.client_id, Address.kind, Address.text, Address.postcode)
            .where(Address.client_id.in_(ids), Address.deleted_at.is_(None))
            .order_by(Address.client_id, Address.created_at, Address.id)
        ):
            addresses[client_id].append(AddressView(place, text, postcode))
        custom = custom_values_of(session, ids)
    return [
        replace(
            _view(c, phones[c.id], emails[c.id]),
            messengers=messengers[c.id],
            addresses=addresses[c.id],
            custom_fields=custom.get(c.id, {}),
        )
        for c in clients
    ]


def _view(c: Client, phones: list[str], emails: list[str]) -> ClientView:
    return ClientView(
        id=c.id,
        kind=c.kind,
        name=c.name,
        legal_form=c.legal_form,
        company_id=c.company_id,
        company=c.company_name,
        phones=phones,
        emails=emails,
        inn=c.inn,
        kpp=c.kpp,
        ogrn=c.ogrn,
        birth_date=c.birth_date,
        owner=c.owner,
        position=c.position,
        note=c.note,
        last_contact_at=c.last_contact_at,
        created_at=c.created_at,
        updated_at=c.updated_at,
        deleted_at=c.deleted_at,
        version=c.version,
        name_folded=c.name_folded,
        full_name=c.full_name,
        source=c.source,
    )


def load_views(session: Session, ids: Iterable[uuid.UUID]) -> list[ClientView]:
    """Views of the given clients, in the order given (missing ones left out)."""
    wanted = list(ids)
    if not wanted:
        return []
    clients = session.scalars(select(Client).where(Client.id.in_(wanted))).all()
    by_id = {view.id: view for view in _views_of(session, clients)}
    return [by_id[i] for i in wanted if i in by_id]


def get_client(session: Session, client_id: uuid.UUID) -> ClientView:
    views = load_views(session, [client_id])
    if not views:
        raise NotFound(_("No client with id {id}", id=client_id))
    return views[0]
