"""A client's messengers, addresses, custom fields and the other details of the card
(each test on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from crm_desktop.errors import Conflict, ValidationError
from crm_desktop.models import (
    Address,
    AddressKind,
    Client,
    ClientKind,
    CustomFieldValue,
    FieldType,
    Messenger,
    MessengerKind,
)
from crm_desktop.services.client_views import AddressView, ClientView, MessengerView, get_client
from crm_desktop.services.clients import ClientChanges, create_client, edit_client
from crm_desktop.services.custom_fields import (
    CustomFieldView,
    define_custom_field,
    list_custom_fields,
)
from crm_desktop.store.database import Database

TG, WA, VK = MessengerKind.TELEGRAM, MessengerKind.WHATSAPP, MessengerKind.VK


def create(db: Database, **fields: Any) -> ClientView:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(**fields))


def edit(db: Database, client_id: uuid.UUID, **fields: Any) -> ClientView:
    with db.unit_of_work() as session:
        return edit_client(session, client_id, ClientChanges(**fields))


def show(db: Database, client_id: uuid.UUID) -> ClientView:
    with db.unit_of_work(write=False) as session:
        return get_client(session, client_id)


def define(db: Database, name: str, type: FieldType | str, *options: str) -> CustomFieldView:
    with db.unit_of_work() as session:
        return define_custom_field(session, name, type, list(options))


def count(db: Database, model: Any, *, live: bool = False) -> int:
    query = select(func.count()).select_from(model)
    if live:
        query = query.where(model.deleted_at.is_(None))
    with db.unit_of_work(write=False) as session:
        return int(session.scalar(query) or 0)


def standard_fields(db: Database) -> None:
    define(db, "Бюджет", FieldType.NUMBER)
    define(db, "Дата договора", FieldType.DATE)
    define(db, "VIP", FieldType.YES_NO)
    define(db, "Отрасль", FieldType.CHOICE, "Торговля", "Производство", "Услуги")
    define(db, "Комментарий менеджера", FieldType.TEXT)


# --- messengers ---------------------------------------------------------------------------


def test_messengers_are_stored_in_one_writing_and_come_back(db: Database) -> None:
    created = create(
        db,
        name="Иванов Пётр",
        messengers=[
            ("telegram", " https://t.me/ivan_petrov "),
            (TG, "8 (912) 345-67-89"),
            ("whatsapp", "wa.me/79123456789"),
            (VK, "vk.com/durov"),
            (VK, "@id123456"),
        ],
    )
    expected = [
        MessengerView(TG, "@ivan_petrov"),
        MessengerView(TG, "+79123456789"),
        MessengerView(WA, "+79123456789"),
        MessengerView(VK, "https://vk.com/durov"),
        MessengerView(VK, "https://vk.com/id123456"),
    ]
    assert show(db, created.id).messengers == expected
    assert created.to_json()["messengers"][0] == {"kind": "telegram", "handle": "@ivan_petrov"}


@pytest.mark.parametrize(
    ("kind", "handle", "says"),
    [
        ("telegram", "   ", "Enter a user name"),
        ("telegram", "@ив", "Telegram user name"),
        ("telegram", "@a b c", "Telegram user name"),
        ("whatsapp", "@ivan", "WhatsApp"),
        ("whatsapp", "12345", "WhatsApp"),
        ("vk", "vk.com/???", "VK page"),
        ("icq", "123456", "not a known messenger"),
    ],
)
def test_a_bad_messenger_is_refused_and_nothing_is_written(
    db: Database, kind: str, handle: str, says: str
) -> None:
    created = create(db, name="Иванов", messengers=[(TG, "@ivanov")])
    with pytest.raises(ValidationError) as err:
        edit(db, created.id, name="Петров", messengers=[(TG, "@ivanov"), (kind, handle)])
    assert err.value.field == "messengers"
    assert says in err.value.message
    stored = show(db, created.id)
    assert (stored.name, stored.messengers) == ("Иванов", [MessengerView(TG, "@ivanov")])
    assert stored.version == created.version


def test_replacing_messengers_keeps_rows_and_leaves_tombstones(db: Database) -> None:
    created = create(db, name="Иванов", messengers=[(TG, "@ivanov"), (WA, "+79123456789")])
    with db.unit_of_work(write=False) as session:
        kept_id = session.scalars(select(Messenger.id).where(Messenger.handle == "@ivanov")).one()
    edited = edit(db, created.id, messengers=[(TG, "@ivanov"), (VK, "vk.com/ivanov")])
    assert edited.messengers == [
        MessengerView(TG, "@ivanov"),
        MessengerView(VK, "https://vk.com/ivanov"),
    ]
    assert edited.version == created.version + 1  # the client moved on: stale cards refuse
    assert (count(db, Messenger), count(db, Messenger, live=True)) == (3, 2)
    with db.unit_of_work(write=False) as session:
        assert session.scalars(select(Messenger.id).where(Messenger.handle == "@ivanov")).one() == (
            kept_id
        )
        gone = session.scalars(select(Messenger).where(Messenger.kind == WA)).one()
        assert gone.deleted_at is not None
    # the same list again changes nothing, and a removed one comes back in its old row
    assert edit(db, created.id, messengers=[(TG, "@ivanov"), (VK, "ivanov")]).version == (
        edited.version
    )
    edit(db, created.id, messengers=[(WA, "89123456789")])
    assert show(db, created.id).messengers == [MessengerView(WA, "+79123456789")]
    assert (count(db, Messenger), count(db, Messenger, live=True)) == (3, 1)


# --- addresses ----------------------------------------------------------------------------


def test_addresses_are_trimmed_and_keep_the_postcode(db: Database) -> None:
    created = create(
        db,
        kind=ClientKind.COMPANY,
        name="ООО «Ромашка»",
        addresses=[
            ("legal", " 123456,  г. Москва,\n ул. Ленина,   д. 1 "),
            (AddressKind.POSTAL, "а/я 15, Екатеринбург"),
        ],
    )
    assert show(db, created.id).addresses == [
        AddressView(AddressKind.LEGAL, "123456, г. Москва, ул. Ленина, д. 1", "123456"),
        AddressView(AddressKind.POSTAL, "а/я 15, Екатеринбург", None),
    ]
    assert created.to_json()["addresses"][0] == {
        "kind": "legal",
        "text": "123456, г. Москва, ул. Ленина, д. 1",
        "postcode": "123456",
    }


@pytest.mark.parametrize(
    ("kind", "text", "says"),
    [
        ("legal", "  \n ", "Enter the address"),
        ("actual", "12345 6789", "does not look like an address"),
        ("actual", "г. Москва " + "ул. Ленина " * 50, "at most 500"),
        ("home", "г. Москва", "not a kind of address"),
    ],
)
def test_a_bad_address_is_refused_and_nothing_is_written(
    db: Database, kind: str, text: str, says: str
) -> None:
    created = create(db, name="Иванов", addresses=[("actual", "г. Тверь, ул. Советская, 5")])
    with pytest.raises(ValidationError) as err:
        edit(db, created.id, note="новая заметка", addresses=[(kind, text)])
    assert err.value.field == "addresses"
    assert says in err.value.message
    stored = show(db, created.id)
    assert [a.text for a in stored.addresses] == ["г. Тверь, ул. Советская, 5"]
    assert stored.note is None


def test_replacing_addresses_soft_deletes_the_removed(db: Database) -> None:
    created = create(
        db,
        name="Иванов",
        addresses=[("actual", "г. Тверь, ул. Советская, 5"), ("delivery", "г. Тверь, склад 2")],
    )
    edit(db, created.id, addresses=[("delivery", "г. Тверь, склад 2")])
    assert [(a.kind, a.text) for a in show(db, created.id).addresses] == [
        (AddressKind.DELIVERY, "г. Тверь, склад 2")
    ]
    assert (count(db, Address), count(db, Address, live=True)) == (2, 1)
    edit(db, created.id, addresses=[])
    assert show(db, created.id).addresses == []
    assert (count(db, Address), count(db, Address, live=True)) == (2, 0)


# --- custom fields ------------------------------------------------------------------------


def test_defined_fields_are_listed_in_order(db: Database) -> None:
    standard_fields(db)
    with db.unit_of_work(write=False) as session:
        fields = list_custom_fields(session)
    assert [(f.label, f.type) for f in fields] == [
        ("Бюджет", FieldType.NUMBER),
        ("Дата договора", FieldType.DATE),
        ("VIP", FieldType.YES_NO),
        ("Отрасль", FieldType.CHOICE),
        ("Комментарий менеджера", FieldType.TEXT),
    ]
    assert fields[3].choices == ("Торговля", "Производство", "Услуги")
    assert fields[1].code == "дата_договора"
    with pytest.raises(ValidationError) as err:
        define(db, "  бюджет ", FieldType.TEXT)
    assert err.value.field == "name"
    with pytest.raises(ValidationError) as err:
        define(db, "Канал", FieldType.CHOICE)
    assert err.value.field == "options"
    with pytest.raises(ValidationError) as err:
        define(db, "Канал", "colour")
    assert err.value.field == "type"


def test_custom_values_round_trip_by_type(db: Database) -> None:
    standard_fields(db)
    with db.unit_of_work(write=False) as session:
        budget_id = list_custom_fields(session)[0].id
    created = create(
        db,
        name="Иванов",
        custom_fields={
            budget_id: "1 500 000,50",
            "Дата договора": "27.06.2024",
            "vip": "да",
            "отрасль": "услуги",
            "комментарий_менеджера": "  звонить после обеда ",
        },
    )
    stored = show(db, created.id)
    assert stored.custom_fields == {
        "бюджет": Decimal("1500000.50"),
        "дата_договора": dt.date(2024, 6, 27),
        "vip": True,
        "отрасль": "Услуги",
        "комментарий_менеджера": "звонить после обеда",
    }
    assert stored.to_json()["custom_fields"] == {
        "бюджет": "1500000.5",
        "дата_договора": "2024-06-27",
        "vip": True,
        "отрасль": "Услуги",
        "комментарий_менеджера": "звонить после обеда",
    }
    # ISO dates too; fields not named keep their values; "" clears one
    edited = edit(db, created.id, custom_fields={"Дата договора": "2024-07-01", "vip": "no"})
    assert edited.custom_fields["дата_договора"] == dt.date(2024, 7, 1)
    assert edited.custom_fields["vip"] is False
    assert edited.custom_fields["бюджет"] == Decimal("1500000.5")
    edited = edit(db, created.id, custom_fields={"бюджет": ""})
    assert "бюджет" not in edited.custom_fields
    assert (count(db, CustomFieldValue), count(db, CustomFieldValue, live=True)) == (5, 4)
    # filled again: the same row comes back (one row per field and client)
    edit(db, created.id, custom_fields={"бюджет": "-3.25"})
    assert show(db, created.id).custom_fields["бюджет"] == Decimal("-3.25")
    assert (count(db, CustomFieldValue), count(db, CustomFieldValue, live=True)) == (5, 5)


@pytest.mark.parametrize(
    ("name", "raw", "says"),
    [
        ("Бюджет", "сто тысяч", "is not a number"),
        ("Бюджет", "1.23456", "4 digits after"),
        ("Бюджет", "1e5", "is not a number"),
        ("Бюджет", "100000000000000", "too large"),
        ("Дата договора", "31.02.2024", "not a real date"),
        ("Дата договора", "вчера", "not a date"),
        ("VIP", "может быть", "neither yes nor no"),
        ("Отрасль", "Сельское хозяйство", "not one of the options: Торговля, Производство"),
        ("Комментарий менеджера", "x" * 2001, "at most 2000"),
    ],
)
def test_a_bad_custom_value_names_its_field_and_nothing_is_written(
    db: Database, name: str, raw: str, says: str
) -> None:
    standard_fields(db)
    created = create(db, name="Иванов", custom_fields={"Бюджет": "100"})
    with pytest.raises(ValidationError) as err:
        edit(
            db,
            created.id,
            name="Петров",
            messengers=[(TG, "@petrov")],
            custom_fields={"Бюджет": "200", name: raw},
        )
    with db.unit_of_work(write=False) as session:
        field = next(f for f in list_custom_fields(session) if f.label == name)
    assert err.value.field == f"custom_fields.{field.code}"
    assert says in err.value.message
    stored = show(db, created.id)
    assert (stored.name, stored.messengers) == ("Иванов", [])
    assert stored.custom_fields == {"бюджет": Decimal("100")}
    assert stored.version == created.version


def test_an_unknown_custom_field_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        create(db, name="Иванов", custom_fields={"Цвет глаз": "карие"})
    assert err.value.field == "custom_fields"
    assert "Цвет глаз" in err.value.message
    assert count(db, Client) == 0


def test_a_required_field_cannot_be_cleared(db: Database) -> None:
    with db.unit_of_work() as session:
        define_custom_field(session, "Источник лида", FieldType.TEXT, required=True)
    created = create(db, name="Иванов", custom_fields={"Источник лида": "выставка"})
    with pytest.raises(ValidationError) as err:
        edit(db, created.id, custom_fields={"Источник лида": "  "})
    assert err.value.field == "custom_fields.источник_лида"
    assert show(db, created.id).custom_fields == {"источник_лида": "выставка"}


def test_a_custom_value_alone_moves_the_version_so_stale_cards_refuse(db: Database) -> None:
    standard_fields(db)
    opened = create(db, name="Иванов")
    edit(db, opened.id, custom_fields={"VIP": "yes"})
    with pytest.raises(Conflict), db.unit_of_work() as session:
        edit_client(session, opened.id, ClientChanges(note="x"), expected_version=opened.version)
    assert show(db, opened.id).note is None


# --- the other columns of a client --------------------------------------------------------


def test_a_companys_requisites_full_name_and_source(db: Database) -> None:
    created = create(
        db,
        kind=ClientKind.COMPANY,
        name="ООО «Ромашка»",
        full_name=' Общество с ограниченной ответственностью   "Ромашка" ',
        inn="7707083893",
        kpp="773601001",
        ogrn="1027700132195",
        source="выставка",
    )
    stored = show(db, created.id)
    assert (stored.full_name, stored.kpp, stored.ogrn, stored.source) == (
        'Общество с ограниченной ответственностью "Ромашка"',
        "773601001",
        "1027700132195",
        "выставка",
    )
    assert stored.to_json()["full_name"] == stored.full_name
    cleared = edit(db, created.id, full_name="", source="", kpp="")
    assert (cleared.full_name, cleared.source, cleared.kpp) == (None, None, None)
    with pytest.raises(ValidationError) as err:
        edit(db, created.id, ogrn="1027700132194")
    assert err.value.field == "ogrn"
