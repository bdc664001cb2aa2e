"""Adding, changing, deleting and restoring clients (each test on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from crm_desktop.errors import Conflict, NotFound, ValidationError
from crm_desktop.models import Client, ClientKind, Email, Phone, Role
from crm_desktop.services.client_list import Bin, ClientFilter, list_clients
from crm_desktop.services.client_views import ClientView, get_client
from crm_desktop.services.clients import (
    ClientChanges,
    create_client,
    delete_client,
    edit_client,
    restore_client,
)
from crm_desktop.services.search import search_clients
from crm_desktop.services.users import add_user, disable_user
from crm_desktop.store.database import Database

PERSON = ClientKind.PERSON
COMPANY = ClientKind.COMPANY


def add_users(db: Database, *logins: str) -> None:
    with db.unit_of_work(None) as session:
        for login in logins:
            add_user(session, login, Role.MANAGER)


def create(db: Database, login: str | None = None, **fields: Any) -> ClientView:
    with db.unit_of_work(login) as session:
        return create_client(session, ClientChanges(**fields))


def edit(db: Database, client_id: uuid.UUID, login: str | None = None, **fields: Any) -> ClientView:
    with db.unit_of_work(login) as session:
        return edit_client(session, client_id, ClientChanges(**fields))


def show(db: Database, client_id: uuid.UUID) -> ClientView:
    with db.unit_of_work() as session:
        return get_client(session, client_id)


def client_rows(db: Database, kind: ClientKind | None = None) -> int:
    """Every client row, the recycle bin included."""
    query = select(func.count()).select_from(Client)
    if kind is not None:
        query = query.where(Client.kind == kind)
    with db.unit_of_work() as session:
        return int(session.scalar(query) or 0)


def live_names(db: Database) -> list[str]:
    with db.unit_of_work() as session:
        return [v.name for v in list_clients(session).rows]


def found_names(db: Database, text: str) -> list[str]:
    with db.unit_of_work() as session:
        return [v.name for v in search_clients(session, text)]


# --- adding ---------------------------------------------------------------------------


def test_new_person_is_stored_normalized(db: Database) -> None:
    created = create(
        db,
        name="  Фёдоров   Фирс  Ефимович ",
        phones=["8-343-754-05-35", "+7 (912) 345-67-89"],
        emails=[" SERAFIM_20194@GMAIL.COM "],
        birth_date="08.02.1993",
        inn="500100732259",
        position="Инженер",
    )
    stored = show(db, created.id)
    assert stored.kind == PERSON
    assert stored.name == "Фёдоров Фирс Ефимович"
    assert stored.legal_form is None
    assert stored.phones == ["+73437540535", "+79123456789"]
    assert stored.emails == ["serafim_20194@gmail.com"]
    assert stored.birth_date == dt.date(1993, 2, 8)
    assert stored.inn == "500100732259"
    assert stored.position == "Инженер"
    assert stored.company is None


def test_repeated_phone_in_one_form_is_stored_once(db: Database) -> None:
    created = create(db, name="Иванов", phones=["89123456789", "+7 912 345-67-89", ""])
    assert show(db, created.id).phones == ["+79123456789"]


def test_company_name_is_split_from_its_legal_form(db: Database) -> None:
    cases = [
        ("ООО «Ромашка»", "ООО", "Ромашка"),
        ("Лютик ООО", "ООО", "Лютик"),
        ('"ЗАО ""АфанасьевСервис"""', "ЗАО", "АфанасьевСервис"),
        ('Общество с ограниченной ответственностью "Василёк"', "ООО", "Василёк"),
        ("ИП Иванов И. И.", "ИП", "Иванов И. И."),
        ("Одуванчик", None, "Одуванчик"),
    ]
    for written, form, name in cases:
        stored = show(db, create(db, kind=COMPANY, name=written).id)
        assert (stored.legal_form, stored.name) == (form, name), written


def test_company_shows_its_legal_form_with_its_name(db: Database) -> None:
    created = create(db, kind=COMPANY, name="ООО «Ромашка»", inn="7707083893")
    stored = show(db, created.id)
    assert stored.display_name == "ООО «Ромашка»"
    assert stored.to_json()["legal_form"] == "ООО"
    assert stored.to_json()["name"] == "Ромашка"
    assert stored.inn == "7707083893"


def test_legal_form_given_separately_wins(db: Database) -> None:
    created = create(db, kind=COMPANY, name="Ромашка", legal_form="ао")
    stored = show(db, created.id)
    assert (stored.legal_form, stored.name) == ("АО", "Ромашка")


def test_person_joins_the_existing_company_of_that_name(db: Database) -> None:
    company = create(db, kind=COMPANY, name="ООО «Ромашка»")
    for written in ["Ромашка", "ромашка", "ООО «Ромашка»", '"ООО ""РОМАШКА"""', "Ромашка ООО"]:
        stored = show(db, create(db, name="Иванов Иван", company=written).id)
        assert stored.company_id == company.id, written
        assert stored.company == "Ромашка"
    assert client_rows(db, COMPANY) == 1


def test_company_name_with_yo_matches_the_one_without(db: Database) -> None:
    company = create(db, kind=COMPANY, name="АО «Зелёный сад»")
    person = create(db, name="Петров", company="Зеленый сад")
    assert show(db, person.id).company_id == company.id
    assert client_rows(db, COMPANY) == 1


def test_person_with_an_unknown_company_creates_it(db: Database) -> None:
    add_users(db, "anna")
    person = create(db, "anna", name="Иванов", company="АО «Лютик»")
    stored = show(db, person.id)
    assert stored.company == "Лютик"
    company = show(db, stored.company_id)  # type: ignore[arg-type]
    assert (company.kind, company.legal_form, company.name) == (COMPANY, "АО", "Лютик")
    assert company.owner == "anna"
    assert client_rows(db, COMPANY) == 1


def test_deleted_company_is_not_joined(db: Database) -> None:
    old = create(db, kind=COMPANY, name="ООО Ромашка")
    with db.unit_of_work() as session:
        delete_client(session, old.id)
    person = create(db, name="Иванов", company="Ромашка")
    assert show(db, person.id).company_id != old.id


def test_company_cannot_belong_to_a_company(db: Database) -> None:
    create(db, kind=COMPANY, name="ООО Ромашка")
    with pytest.raises(ValidationError) as err:
        create(db, kind=COMPANY, name="ООО Лютик", company="Ромашка")
    assert err.value.field == "company"
    assert client_rows(db) == 1


# --- owners ---------------------------------------------------------------------------


def test_owner_is_the_user_who_adds_the_client(db: Database) -> None:
    add_users(db, "anna")
    created = create(db, "anna", name="Иванов")
    assert show(db, created.id).owner == "anna"


def test_owner_may_be_someone_else(db: Database) -> None:
    add_users(db, "anna", "boris")
    created = create(db, "anna", name="Иванов", owner="boris")
    assert show(db, created.id).owner == "boris"


def test_client_added_without_a_user_has_no_owner(db: Database) -> None:
    assert show(db, create(db, None, name="Иванов").id).owner is None


def test_unknown_owner_is_refused_and_nothing_is_added(db: Database) -> None:
    add_users(db, "anna")
    with pytest.raises(ValidationError) as err:
        create(db, "anna", name="Иванов", owner="nobody")
    assert err.value.field == "owner"
    assert client_rows(db) == 0


def test_disabled_user_cannot_become_owner(db: Database) -> None:
    add_users(db, "anna", "boris")
    with db.unit_of_work(None) as session:
        disable_user(session, "boris")
    with pytest.raises(ValidationError) as err:
        create(db, "anna", name="Иванов", owner="boris")
    assert err.value.field == "owner"


def test_owner_can_be_changed_and_cleared(db: Database) -> None:
    add_users(db, "anna", "boris")
    created = create(db, "anna", name="Иванов")
    assert edit(db, created.id, "anna", owner="boris").owner == "boris"
    assert edit(db, created.id, "anna", owner="").owner is None
    with pytest.raises(ValidationError) as err:
        edit(db, created.id, "anna", owner="nobody")
    assert err.value.field == "owner"


# --- changing -------------------------------------------------------------------------


def test_edit_replaces_the_phone_and_email_lists(db: Database) -> None:
    created = create(
        db, name="Иванов", phones=["89123456789", "84956310014"], emails=["a@mail.ru", "b@mail.ru"]
    )
    edit(db, created.id, phones=["+7 495 631-00-14", "8 (903) 439-42-93"], emails=["C@mail.ru"])
    stored = show(db, created.id)
    assert stored.phones == ["+74956310014", "+79034394293"]
    assert stored.emails == ["c@mail.ru"]


def test_edit_without_lists_keeps_them(db: Database) -> None:
    created = create(db, name="Иванов", phones=["89123456789"], emails=["a@mail.ru"])
    edit(db, created.id, name="Иванов Иван")
    stored = show(db, created.id)
    assert stored.name == "Иванов Иван"
    assert stored.phones == ["+79123456789"]
    assert stored.emails == ["a@mail.ru"]


def test_empty_lists_clear_phones_and_emails(db: Database) -> None:
    created = create(db, name="Иванов", phones=["89123456789"], emails=["a@mail.ru"])
    edit(db, created.id, phones=[], emails=[])
    stored = show(db, created.id)
    assert (stored.phones, stored.emails) == ([], [])


def test_removed_phones_and_emails_are_tombstones_not_erased(db: Database) -> None:
    created = create(db, name="Иванов", phones=["89123456789", "84956310014"], emails=["a@mail.ru"])
    with db.unit_of_work() as session:
        kept_id = session.scalar(select(Phone.id).where(Phone.e164 == "+74956310014"))
    edit(db, created.id, phones=["84956310014"], emails=["b@mail.ru"])
    with db.unit_of_work() as session:
        phones = {p.e164: p for p in session.scalars(select(Phone))}
        emails = {e.address: e for e in session.scalars(select(Email))}
    assert set(phones) == {"+79123456789", "+74956310014"}
    assert phones["+79123456789"].deleted_at is not None
    assert phones["+74956310014"].deleted_at is None
    assert phones["+74956310014"].id == kept_id  # a kept number keeps its row
    assert emails["a@mail.ru"].deleted_at is not None
    assert emails["b@mail.ru"].deleted_at is None


def test_phone_given_back_revives_its_row(db: Database) -> None:
    created = create(db, name="Иванов", phones=["89123456789"])
    edit(db, created.id, phones=["84956310014"])
    edit(db, created.id, phones=["84956310014", "89123456789"])
    assert show(db, created.id).phones == ["+74956310014", "+79123456789"]
    with db.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(Phone)) == 2


def test_optional_text_is_cleared_by_an_empty_value(db: Database) -> None:
    created = create(db, name="Иванов", inn="500100732259", birth_date="1988-06-27", note="VIP")
    edit(db, created.id, inn="", birth_date="", note=" ")
    stored = show(db, created.id)
    assert (stored.inn, stored.birth_date, stored.note) == (None, None, None)


def test_person_can_move_to_another_company(db: Database) -> None:
    first = create(db, kind=COMPANY, name="ООО Ромашка")
    second = create(db, kind=COMPANY, name="АО Лютик")
    person = create(db, name="Иванов", company="Ромашка")
    edit(db, person.id, company_id=second.id)
    assert show(db, person.id).company_id == second.id
    edit(db, person.id, company="")
    assert show(db, person.id).company_id is None
    assert show(db, first.id).name == "Ромашка"


def test_editing_an_unknown_client_says_not_found(db: Database) -> None:
    with pytest.raises(NotFound):
        edit(db, uuid.uuid4(), name="Кто-то")


# --- bad input: the field is named and nothing is half-written -------------------------


BAD_VALUES: list[tuple[dict[str, Any], str]] = [
    ({"name": "Иванов", "emails": ["ivanov@mail"]}, "email"),
    ({"name": "Иванов", "phones": ["89123456789", "123"]}, "phone"),
    ({"name": "Иванов", "inn": "1234567890"}, "inn"),
    ({"name": "Иванов", "inn": "7707083893"}, "inn"),  # a company's INN for a person
    ({"name": "Иванов", "birth_date": "31.02.1990"}, "birth_date"),
    ({"name": "Иванов", "birth_date": "01.01.2999"}, "birth_date"),
    ({"name": "   "}, "name"),
    ({"name": ""}, "name"),
    ({"kind": COMPANY, "name": "ООО Ромашка", "kpp": "12"}, "kpp"),
    ({"kind": COMPANY, "name": "ООО Ромашка", "ogrn": "1027700132196"}, "ogrn"),
    ({"name": "Иванов", "company_id": uuid.uuid4()}, "company"),
]


def test_bad_value_is_refused_naming_its_field_and_nothing_is_added(db: Database) -> None:
    for fields, field in BAD_VALUES:
        with pytest.raises(ValidationError) as err:
            create(db, **{"phones": ["89123456789"], **fields})
        assert err.value.field == field, fields
        assert client_rows(db) == 0, fields
        with db.unit_of_work() as session:
            assert session.scalar(select(func.count()).select_from(Phone)) == 0


def test_bad_value_after_a_new_company_leaves_no_company(db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        create(db, name="Иванов", company="ООО Новая фирма", emails=["bad@"])
    assert err.value.field == "email"
    assert client_rows(db) == 0


def test_bad_value_in_an_edit_changes_nothing(db: Database) -> None:
    created = create(db, name="Иванов", phones=["89123456789"], emails=["a@mail.ru"])
    with pytest.raises(ValidationError) as err:
        edit(db, created.id, name="Петров", phones=["84956310014"], emails=["not an email"])
    assert err.value.field == "email"
    stored = show(db, created.id)
    assert stored.name == "Иванов"
    assert stored.phones == ["+79123456789"]
    assert stored.emails == ["a@mail.ru"]
    assert stored.version == created.version
    assert found_names(db, "петров") == []


# --- recycle bin ---------------------------------------------------------------------


def test_deleted_client_is_hidden_from_list_and_search(db: Database) -> None:
    kept = create(db, name="Иванов Пётр", phones=["89123456789"])
    gone = create(db, name="Иванова Анна", phones=["84956310014"], emails=["anna@mail.ru"])
    with db.unit_of_work() as session:
        delete_client(session, gone.id)
    assert live_names(db) == ["Иванов Пётр"]
    assert found_names(db, "иванов") == ["Иванов Пётр"]
    assert found_names(db, "4956310014") == []
    assert found_names(db, "anna@") == []
    with db.unit_of_work() as session:
        binned = list_clients(session, where=ClientFilter(bin=Bin.DELETED)).rows
    assert [v.id for v in binned] == [gone.id]
    assert show(db, kept.id).deleted_at is None


def test_deleted_client_is_a_tombstone_not_erased(db: Database) -> None:
    gone = create(db, name="Иванова", phones=["84956310014"])
    with db.unit_of_work() as session:
        view = delete_client(session, gone.id)
    assert view.deleted_at is not None
    assert client_rows(db) == 1
    assert show(db, gone.id).phones == ["+74956310014"]


def test_restored_client_comes_back_to_list_and_search(db: Database) -> None:
    gone = create(db, name="Иванова Анна", phones=["84956310014"])
    with db.unit_of_work() as session:
        delete_client(session, gone.id)
    with db.unit_of_work() as session:
        restore_client(session, gone.id)
    assert live_names(db) == ["Иванова Анна"]
    assert found_names(db, "иванова") == ["Иванова Анна"]
    assert found_names(db, "495 631") == ["Иванова Анна"]
    assert show(db, gone.id).deleted_at is None


# --- audit columns and concurrent edits ---------------------------------------------------


def test_author_time_and_version_are_recorded(db: Database) -> None:
    add_users(db, "anna", "boris")
    created = create(db, "anna", name="Иванов", phones=["89123456789"])
    with db.unit_of_work() as session:
        row = session.get_one(Client, created.id)
        phone = session.scalars(select(Phone)).one()
    assert (row.created_by, row.updated_by, row.version) == ("anna", "anna", 1)
    assert phone.created_by == "anna"
    assert row.created_at.utcoffset() == dt.timedelta(0)
    assert abs(row.created_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert row.updated_at >= row.created_at

    edited = edit(db, created.id, "boris", name="Иванов Иван")
    with db.unit_of_work() as session:
        after = session.get_one(Client, created.id)
    assert (after.created_by, after.updated_by) == ("anna", "boris")
    assert after.created_at == row.created_at
    assert after.updated_at > row.updated_at
    assert after.version == edited.version == 2


def test_saving_a_stale_copy_raises_conflict(db: Database) -> None:
    created = create(db, name="Иванов")
    with pytest.raises(Conflict), db.unit_of_work() as slow:
        # One screen loads the client and keeps it while its user types...
        shown = slow.get_one(Client, created.id)
        assert shown.version == 1
        slow.commit()
        # ...meanwhile someone else saves a change...
        edit(db, created.id, name="Сидоров")
        # ...then the first screen saves its edit of the stale copy.
        edit_client(slow, shown.id, ClientChanges(name="Кузнецов"))
    stored = show(db, created.id)
    assert stored.name == "Сидоров"
    assert stored.version == 2


def test_form_loaded_before_someone_elses_save_is_refused(db: Database) -> None:
    """The card keeps the version it was opened at; saving it after a colleague's save
    must not silently overwrite the colleague's change."""
    opened = create(db, name="Иванов", phones=["+79161234567"])
    edit(db, opened.id, phones=["+79031112233"])
    with pytest.raises(Conflict), db.unit_of_work() as session:
        edit_client(
            session, opened.id, ClientChanges(name="Иванов Пётр"), expected_version=opened.version
        )
    stored = show(db, opened.id)
    assert (stored.name, stored.phones) == ("Иванов", ["+79031112233"])
    with db.unit_of_work() as session:
        saved = edit_client(
            session, opened.id, ClientChanges(name="Иванов Пётр"), expected_version=stored.version
        )
    assert saved.name == "Иванов Пётр"


def test_list_row_follows_phone_email_and_company_changes(db: Database) -> None:
    company = create(db, kind=ClientKind.COMPANY, name="ООО «Ромашка»")
    person = create(
        db, name="Иванов", phones=["+79161234567"], emails=["a@b.ru"], company="Ромашка"
    )
    edit(db, person.id, phones=["+79031112233", "+79161234567"], emails=[])
    edit(db, company.id, name="ООО «Василёк»")
    with db.unit_of_work() as session:
        row = next(r for r in list_clients(session).rows if r.id == person.id)
    assert (row.phone, row.email, row.company) == ("+79031112233", None, "Василёк")


def test_a_client_in_the_recycle_bin_is_not_edited(db: Database) -> None:
    client = create(db, name="Удалённый", phones=["+79161234567"])
    with db.unit_of_work() as session:
        delete_client(session, client.id)
    with pytest.raises(ValidationError):
        edit(db, client.id, phones=["+79031112233"])
    assert show(db, client.id).phones == ["+79161234567"]
