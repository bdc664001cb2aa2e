"""A client as a list shows it (one row: the first phone and e-mail, the company's name),
read from the clients table alone as plain columns, no ORM objects and no joins: lists and
search-as-you-type read thousands of these, so each costs microseconds."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select

from crm_desktop.models import Client, ClientKind


def display_name(kind: ClientKind, name: str, legal_form: str | None) -> str:
    """ "ООО «Ромашка»" for a company with a legal form, the name otherwise."""
    if kind == ClientKind.COMPANY and legal_form:
        return f"{legal_form} «{name}»"
    return name


@dataclass(frozen=True, slots=True)
class ClientRow:
    id: uuid.UUID
    kind: ClientKind
    name: str
    legal_form: str | None
    company: str | None
    phone: str | None
    email: str | None
    inn: str | None
    owner: str | None
    last_contact_at: dt.datetime | None
    deleted_at: dt.datetime | None
    name_folded: str
    created_at: dt.datetime

    @property
    def display_name(self) -> str:
        return display_name(self.kind, self.name, self.legal_form)


def client_row_query() -> Select[*tuple[Any, ...]]:
    """The columns of `ClientRow`, in order, from the clients table alone (the company's
    name and the first phone and e-mail are kept on each client row); add WHERE,
    ORDER BY and LIMIT."""
    return select(
        Client.id,
        Client.kind,
        Client.name,
        Client.legal_form,
        Client.company_name,
        Client.primary_phone,
        Client.primary_email,
        Client.inn,
        Client.owner,
        Client.last_contact_at,
        Client.deleted_at,
        Client.name_folded,
        Client.created_at,
    )


def to_rows(result: Any) -> list[ClientRow]:
    return [ClientRow(*row) for row in result]
