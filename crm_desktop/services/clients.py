"""Adding, changing, deleting (to the recycle bin) and restoring clients."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import Conflict, NotFound, ValidationError, stale_record_message
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
    User,
    utcnow,
)
from crm_desktop.services.addresses import CheckedAddress, normalize_address
from crm_desktop.services.client_views import ClientView, get_client
from crm_desktop.services.custom_fields import check_custom_values, write_custom_values
from crm_desktop.services.dates import parse_birth_date
from crm_desktop.services.emails import normalize_email
from crm_desktop.services.legal_forms import normalize_legal_form, split_legal_form
from crm_desktop.services.messengers import normalize_messenger
from crm_desktop.services.phones import normalize_phone
from crm_desktop.services.requisites import normalize_inn, normalize_kpp, normalize_ogrn
from crm_desktop.store.search_index import fold

K = TypeVar("K", bound=Hashable)


@dataclass
class ClientChanges:
    """What a user gives when adding or changing a client. `None` leaves a field as it
    is on edit; a list given replaces the whole list; "" clears an optional text.

    `messengers` are (kind, handle) pairs ("telegram", "@ivan"), `addresses` (kind, text)
    pairs ("legal", "123456, г. Москва, ..."); `custom_fields` maps a custom field's id,
    code or name to the text typed for it ("" clears it); fields not named keep their
    values."""

    kind: ClientKind | None = None
    name: str | None = None
    legal_form: str | None = None
    full_name: str | None = None
    company: str | None = None
    company_id: uuid.UUID | None = None
    phones: Sequence[str] | None = None
    emails: Sequence[str] | None = None
    inn: str | None = None
    kpp: str | None = None
    ogrn: str | None = None
    birth_date: str | dt.date | None = None
    owner: str | None = None
    position: str | None = None
    note: str | None = None
    source: str | None = None
    messengers: Sequence[tuple[MessengerKind | str, str]] | None = None
    addresses: Sequence[tuple[AddressKind | str, str]] | None = None
    custom_fields: Mapping[uuid.UUID | str, str | None] | None = None
    # A new client's owner chosen by the assignment rule for new clients (round robin
    # over the active managers when none is set), instead of `owner` or the creator.
    auto_owner: bool = False


def acting_login(session: Session) -> str | None:
    login = session.info.get("login")
    return str(login) if login else None


def create_client(session: Session, data: ClientChanges) -> ClientView:
    kind = data.kind or ClientKind.PERSON
    if data.name is None:
        raise ValidationError("name", _("A client needs a name"))
    name, legal_form = _checked_name(kind, data.name, data.legal_form, None)
    values = _checked_values(kind, data)
    custom = check_custom_values(session, data.custom_fields or {})
    owner = _check_owner(session, data.owner) if data.owner else None
    client = Client(kind=kind, name=name, legal_form=legal_form, name_folded=fold(name))
    client.owner = owner if data.owner is not None else default_owner(session)
    if data.auto_owner:
        if data.owner:
            raise ValidationError(
                "owner", _("Name an owner or ask for automatic assignment, not both")
            )
        from crm_desktop.services.assignment import assign  # it builds on this module

        client.owner, _rule = assign(session, "client")
    _apply_fields(session, client, data, values)
    session.add(client)
    session.flush()
    if write_custom_values(session, client.id, custom):
        session.flush()
    return get_client(session, client.id)


def edit_client(
    session: Session,
    client_id: uuid.UUID,
    data: ClientChanges,
    *,
    expected_version: int | None = None,
) -> ClientView:
    """Change a client. With `expected_version` (the version the user's form was loaded
    at) an edit made meanwhile by someone else is refused instead of overwritten."""
    client = load_client(session, client_id)
    if expected_version is not None and client.version != expected_version:
        raise Conflict(stale_record_message())
    if client.deleted_at is not None:
        raise ValidationError("id", _("The client is in the recycle bin: restore it first"))
    kind = data.kind or client.kind
    name, legal_form = client.name, client.legal_form
    if data.name is not None or data.legal_form is not None or kind != client.kind:
        name, legal_form = _checked_name(
            kind,
            data.name if data.name is not None else client.name,
            data.legal_form,
            client.legal_form if kind == client.kind else None,
        )
    values = _checked_values(kind, data)
    custom = check_custom_values(session, data.custom_fields or {})
    owner = _check_owner(session, data.owner) if data.owner else None
    client.kind = kind
    if (name, legal_form) != (client.name, client.legal_form):
        client.name, client.legal_form, client.name_folded = name, legal_form, fold(name)
    if data.owner is not None:
        client.owner = owner
    details_changed = _apply_fields(session, client, data, values)
    if write_custom_values(session, client.id, custom):
        details_changed = True
    if details_changed:
        # The client's own row moves on too (new version, stamps): an edit of its
        # phones or custom fields is an edit of the client, which a card opened at the
        # older version must not silently overwrite.
        client.updated_at = utcnow()
    session.flush()
    return get_client(session, client.id)


def delete_client(session: Session, client_id: uuid.UUID) -> ClientView:
    """Move a client to the recycle bin (a tombstone: hidden, not erased)."""
    client = load_client(session, client_id)
    if client.deleted_at is None:
        client.deleted_at = utcnow()
        session.flush()
    return get_client(session, client_id)


def restore_client(session: Session, client_id: uuid.UUID) -> ClientView:
    client = load_client(session, client_id)
    if client.merged_into_id is not None:
        raise ValidationError(
            "id", _("This record was merged into another client; open that one instead")
        )
    if client.deleted_at is not None:
        client.deleted_at = None
        session.flush()
    return get_client(session, client_id)


def load_client(session: Session, client_id: uuid.UUID) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(_("No client with id {id}", id=client_id))
    return client


NAME_MAX, LEGAL_FORM_MAX, FULL_NAME_MAX, POSITION_MAX, SOURCE_MAX = 300, 20, 500, 200, 100


def _checked_name(
    kind: ClientKind, raw_name: str, legal_form: str | None, current_form: str | None
) -> tuple[str, str | None]:
    """(name, legal form) as stored: a company's form comes from `legal_form`, else from
    the name ("ООО «Ромашка»"), else stays what it was; a person has none."""
    name = " ".join(raw_name.split())
    if not name:
        raise ValidationError("name", _("A client needs a name"))
    form: str | None = None
    if kind == ClientKind.COMPANY:
        found_form, bare = split_legal_form(name)
        name = bare or name
        form = normalize_legal_form(legal_form) if legal_form else found_form or current_form
    elif legal_form:
        raise ValidationError("legal_form", _("Only a company has a legal form"))
    _check_length("name", name, NAME_MAX)
    if form:
        _check_length("legal_form", form, LEGAL_FORM_MAX)
    return name, form or None


def _check_length(field: str, value: str, limit: int) -> str:
    if len(value) > limit:
        raise ValidationError(
            field, _("Too long: at most {n} characters, given {m}", n=limit, m=len(value))
        )
    return value


def default_owner(session: Session) -> str | None:
    """The acting user owns what they add; a login that is no app user (a database
    administrator) leaves the client unassigned."""
    login = acting_login(session)
    if login is None:
        return None
    user = session.scalar(select(User).where(User.login == login, User.disabled.is_(False)))
    return user.login if user is not None else None


def _check_owner(session: Session, login: str) -> str:
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        raise ValidationError("owner", _('No user with login "{login}"', login=login))
    if user.disabled:
        raise ValidationError("owner", _('User "{login}" is disabled', login=login))
    return user.login


_KEEP: Any = object()  # "not given": leave the field as it is


def _optional(raw: str | None, check: Callable[[str], Any]) -> Any:
    if raw is None:
        return _KEEP
    return check(raw) if raw.strip() else None


def _checked_values(kind: ClientKind, data: ClientChanges) -> dict[str, Any]:
    """Every value of `data` checked and normalised, before anything is changed: a bad
    value raises here and leaves the client and the session as they were."""
    if (data.company_id is not None or data.company is not None) and kind != ClientKind.PERSON:
        raise ValidationError("company", _("Only a person can belong to a company"))
    values: dict[str, Any] = {
        "inn": _optional(data.inn, lambda v: normalize_inn(v, kind=kind.value)),
        "kpp": _optional(data.kpp, normalize_kpp),
        "ogrn": _optional(data.ogrn, normalize_ogrn),
        "position": _optional(
            data.position, lambda v: _check_length("position", v.strip(), POSITION_MAX)
        ),
        "note": _optional(data.note, str.strip),
        "full_name": _optional(
            data.full_name, lambda v: _check_length("full_name", " ".join(v.split()), FULL_NAME_MAX)
        ),
        "source": _optional(data.source, lambda v: _check_length("source", v.strip(), SOURCE_MAX)),
    }
    if isinstance(data.birth_date, str):
        values["birth_date"] = _optional(data.birth_date, parse_birth_date)
    elif data.birth_date is not None:
        values["birth_date"] = parse_birth_date(data.birth_date)
    phones = emails = None
    if data.phones is not None:
        phones = [normalize_phone(p) for p in data.phones if str(p).strip()]
    if data.emails is not None:
        emails = [normalize_email(e) for e in data.emails if e.strip()]
    values["phones"], values["emails"] = phones, emails
    values["messengers"] = (
        None
        if data.messengers is None
        else [normalize_messenger(messenger, handle) for messenger, handle in data.messengers]
    )
    values["addresses"] = (
        None
        if data.addresses is None
        else [normalize_address(place, text) for place, text in data.addresses]
    )
    return values


def _apply_fields(
    session: Session, client: Client, data: ClientChanges, values: dict[str, Any]
) -> bool:
    """Set the checked values; returns whether a list of the client changed."""
    for attr in ("inn", "kpp", "ogrn", "position", "note", "source", "birth_date", "full_name"):
        value = values.get(attr, _KEEP)
        if value is not _KEEP:
            setattr(client, attr, value or None)
    if data.company_id is not None or data.company is not None:
        client.company_id = _resolve_company(session, client, data)
    changed = False
    if values["phones"] is not None:
        changed |= set_phones(client, values["phones"])
    if values["emails"] is not None:
        changed |= set_emails(client, values["emails"])
    if values["messengers"] is not None:
        changed |= set_messengers(client, values["messengers"])
    if values["addresses"] is not None:
        changed |= set_addresses(client, values["addresses"])
    return changed


def _resolve_company(session: Session, person: Client, data: ClientChanges) -> uuid.UUID | None:
    if data.company_id is not None:
        company = session.get(Client, data.company_id)
        if company is None or company.kind != ClientKind.COMPANY:
            raise ValidationError("company", _("No company with id {id}", id=data.company_id))
        return company.id
    assert data.company is not None
    if not data.company.strip():
        return None
    return find_or_create_company(session, data.company, owner=person.owner).id


def find_or_create_company(
    session: Session, raw_name: str, *, owner: str | None, inn: str | None = None
) -> Client:
    """The company of that name (legal form and quotes ignored, case folded) or, with an
    INN, of that INN; a new one when there is none."""
    form, name = split_legal_form(raw_name)
    if not name:
        raise ValidationError("company", _("A company needs a name"))
    query = select(Client).where(Client.kind == ClientKind.COMPANY, Client.deleted_at.is_(None))
    if inn:
        found = session.scalars(query.where(Client.inn == inn).limit(1)).first()
        if found is not None:
            return found
    candidates = list(session.scalars(query.where(Client.name_folded == fold(name)).limit(10)))
    for candidate in candidates:
        if form is None or candidate.legal_form in (None, form):
            return candidate
    company = Client(
        kind=ClientKind.COMPANY,
        name=name,
        legal_form=form,
        owner=owner,
        name_folded=fold(name),
        inn=inn,
    )
    session.add(company)
    session.flush()
    return company


def set_phones(client: Client, numbers: list[str]) -> bool:
    """Make the client's live phones exactly `numbers` (E.164), in that order; returns
    whether anything changed."""
    return _replace_list(client.phones, "e164", numbers, lambda n, pos: Phone(e164=n, position=pos))


def set_emails(client: Client, addresses: list[str]) -> bool:
    return _replace_list(
        client.emails, "address", addresses, lambda a, pos: Email(address=a, position=pos)
    )


def set_messengers(client: Client, handles: list[tuple[MessengerKind, str]]) -> bool:
    """Make the client's live messengers exactly `handles` ((kind, handle), checked)."""
    return _replace_rows(
        client.messengers,
        lambda row: (row.kind, row.handle),
        handles,
        lambda item, _pos: Messenger(kind=item[0], handle=item[1]),
    )


def set_addresses(client: Client, addresses: list[CheckedAddress]) -> bool:
    """Make the client's live addresses exactly `addresses` (checked)."""

    def place(row: Address, item: CheckedAddress, _pos: int) -> bool:
        if row.postcode == item.postcode:
            return False
        row.postcode = item.postcode
        return True

    by_key = {(a.kind, a.text): a for a in addresses}
    return _replace_rows(
        client.addresses,
        lambda row: (row.kind, row.text),
        [(a.kind, a.text) for a in addresses],
        lambda key, _pos: Address(kind=key[0], text=key[1], postcode=by_key[key].postcode),
        lambda row, key, pos: place(row, by_key[key], pos),
    )


def _replace_list(
    rows: list[Any], key: str, values: list[str], make: Callable[[str, int], Any]
) -> bool:
    def place(row: Any, _value: str, position: int) -> bool:
        if row.position == position:
            return False
        row.position = position
        return True

    return _replace_rows(rows, lambda row: getattr(row, key), values, make, place)


def _replace_rows(
    rows: list[Any],
    key_of: Callable[[Any], K],
    values: Sequence[K],
    make: Callable[[K, int], Any],
    place: Callable[[Any, K, int], bool] | None = None,
) -> bool:
    """Rows no longer wanted become tombstones; rows kept keep their ids (so sync and
    history see an edit, not a delete and an insert); new values get new rows; `place`
    updates what a kept row holds besides its key (its position). Returns whether
    anything changed."""
    wanted = list(dict.fromkeys(values))
    wanted_set = set(wanted)
    existing: dict[K, Any] = {}
    for row in rows:  # a live row of a value wins over its tombstones
        if row.deleted_at is None or key_of(row) not in existing:
            existing[key_of(row)] = row
    changed = False
    for row in rows:
        if key_of(row) not in wanted_set and row.deleted_at is None:
            row.deleted_at = utcnow()
            changed = True
    for position, value in enumerate(wanted):
        row = existing.get(value)
        if row is None:
            rows.append(make(value, position))
            changed = True
            continue
        if row.deleted_at is not None:
            row.deleted_at = None
            changed = True
        if place is not None and place(row, value, position):
            changed = True
    return changed


def delete_clients(session: Session, client_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    """Move several clients to the recycle bin; returns those that were moved now (what
    an undo gives back to `restore_clients`)."""
    moved = []
    now = utcnow()
    for client in session.scalars(select(Client).where(Client.id.in_(client_ids))):
        if client.deleted_at is None:
            client.deleted_at = now
            moved.append(client.id)
    session.flush()
    return moved


def restore_clients(session: Session, client_ids: Sequence[uuid.UUID]) -> int:
    """Bring several clients back from the recycle bin (the undo of `delete_clients`)."""
    restored = 0
    for client in session.scalars(select(Client).where(Client.id.in_(client_ids))):
        if client.deleted_at is not None and client.merged_into_id is None:
            client.deleted_at = None
            restored += 1
    session.flush()
    return restored


def assign_owner(session: Session, client_ids: Sequence[uuid.UUID], login: str | None) -> int:
    """Make `login` (None: nobody) the responsible manager of these clients."""
    owner = _check_owner(session, login) if login else None
    changed = 0
    for client in session.scalars(select(Client).where(Client.id.in_(client_ids))):
        if client.owner != owner:
            client.owner = owner
            changed += 1
    session.flush()
    return changed
