"""Search as you type (each test on SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text

from crm_desktop.models import ClientKind, Role
from crm_desktop.services.client_list import ClientFilter
from crm_desktop.services.clients import ClientChanges, create_client, delete_client, edit_client
from crm_desktop.services.search import search_clients
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database

COMPANY = ClientKind.COMPANY


def create(db: Database, name: str, login: str | None = None, **fields: Any) -> uuid.UUID:
    with db.unit_of_work(login) as session:
        return create_client(session, ClientChanges(name=name, **fields)).id


def edit(db: Database, client_id: uuid.UUID, **fields: Any) -> None:
    with db.unit_of_work() as session:
        edit_client(session, client_id, ClientChanges(**fields))


def found(db: Database, typed: str, **options: Any) -> list[str]:
    with db.unit_of_work() as session:
        return [view.name for view in search_clients(session, typed, **options)]


# --- names ------------------------------------------------------------------------------


def test_name_is_found_ignoring_case_and_yo(db: Database) -> None:
    create(db, "Фёдоров Фирс")
    create(db, "Иванов Иван")
    for typed in ["федор", "Федор", "ФЁДОР", "фёдоров", "едоро", "фирс"]:
        assert found(db, typed) == ["Фёдоров Фирс"], typed


def test_prefix_matches_come_first_alphabetically_then_other_hits(db: Database) -> None:
    for name in ["Сидоров Петр", "Петрова Б", "Иванов Иван", "Петров А", "Арбузов Петр"]:
        create(db, name)
    assert found(db, "петр") == ["Петров А", "Петрова Б", "Арбузов Петр", "Сидоров Петр"]


def test_each_client_appears_once(db: Database) -> None:
    create(db, "Петров Петр", emails=["petr@mail.ru"])
    assert found(db, "петр") == ["Петров Петр"]


def test_cyrillic_substring_in_the_middle_of_a_word_is_found(db: Database) -> None:
    create(db, "Сидорова Жанна")
    create(db, "Иванов Иван")
    assert found(db, "идоро") == ["Сидорова Жанна"]
    assert found(db, "ЖАНН") == ["Сидорова Жанна"]
    assert found(db, "ванов") == ["Иванов Иван"]


def test_postgresql_cluster_folds_and_indexes_cyrillic(db: Database) -> None:
    """A C-locale cluster makes pg_trgm produce no trigrams for Cyrillic and lower() stop
    folding it (ARCHITECTURE.md, pitfalls)."""
    create(db, "Сидоров")
    assert found(db, "сидор") == ["Сидоров"]
    assert found(db, "идоров") == ["Сидоров"]
    if db.dialect == "postgresql":
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT lower('СИДОРОВ')")).scalar() == "сидоров"
            # "  сидоров " has 8 trigrams; a C-locale cluster finds none in Cyrillic.
            trigrams = conn.execute(text("SELECT show_trgm('сидоров')")).scalar_one()
            assert len(trigrams) == 8
            similar = conn.execute(text("SELECT similarity('сидоров', 'сидорова')")).scalar_one()
            assert similar > 0.5


def test_fragment_shorter_than_three_characters_finds_name_prefixes(db: Database) -> None:
    create(db, "Петров")
    create(db, "Фёдоров")
    create(db, "Степанов")  # "пе" inside the name: no trigram search for two letters
    for typed in ["пе", "П", "ПЕ"]:
        assert found(db, typed) == ["Петров"], typed
    for typed in ["фё", "Фе", "ф"]:
        assert found(db, typed) == ["Фёдоров"], typed


def test_limit_is_respected(db: Database) -> None:
    for n in range(6):
        create(db, f"Петров {n}")
    for n in range(4):
        create(db, f"Сидоров Петр {n}")
    assert found(db, "петр", limit=3) == ["Петров 0", "Петров 1", "Петров 2"]
    assert found(db, "петр", limit=8) == [
        *(f"Петров {n}" for n in range(6)),
        "Сидоров Петр 0",
        "Сидоров Петр 1",
    ]
    assert len(found(db, "петр", limit=50)) == 10
    assert found(db, "петр", limit=0) == []


def test_empty_or_unknown_fragment_finds_nothing(db: Database) -> None:
    create(db, "Петров", phones=["89123456789"])
    assert found(db, "") == []
    assert found(db, "   ") == []
    assert found(db, "кузнец") == []
    assert found(db, "5555555") == []


# --- phones -----------------------------------------------------------------------------


def test_phone_is_found_by_digits_typed_any_way(db: Database) -> None:
    create(db, "Петров", phones=["+79123456789"])
    create(db, "Сидоров", phones=["+74956310014"])
    typed_ways = ["345-67", "8 912 345", "+7 912", "912345", "89123456789", "+7 (912) 345-67-89"]
    for typed in [*typed_ways, "79123456789", "6789"]:
        assert found(db, typed) == ["Петров"], typed


def test_changed_phone_is_found_by_its_new_number_only(db: Database) -> None:
    client = create(db, "Петров", phones=["+79123456789"])
    edit(db, client, phones=["+74956310014"])
    assert found(db, "912 345") == []
    assert found(db, "495 631") == ["Петров"]


def test_phone_fragment_finds_every_client_with_it(db: Database) -> None:
    create(db, "Петров", phones=["+79123456789"])
    create(db, "Иванов", phones=["+79123450000"])
    create(db, "Сидоров", phones=["+74956310014"])
    assert found(db, "912 345") == ["Иванов", "Петров"]


# --- e-mail, INN, company -------------------------------------------------------------------


def test_email_is_found_by_any_part(db: Database) -> None:
    create(db, "Петров", emails=["Ivan@Mail.ru"])
    create(db, "Сидоров", emails=["sidorov@yandex.ru"])
    for typed in ["ivan@ma", "MAIL.RU", "Ivan@", "@mail", "ivan@mail.ru"]:
        assert found(db, typed) == ["Петров"], typed
    assert found(db, "yandex") == ["Сидоров"]


def test_company_is_found_by_its_inn(db: Database) -> None:
    create(db, "ООО Ромашка", kind=COMPANY, inn="7707083893")
    create(db, "АО Лютик", kind=COMPANY, inn="7736050003")
    for typed in ["7707083893", "770708", "83893"]:
        assert found(db, typed) == ["Ромашка"], typed


def test_person_is_found_by_inn(db: Database) -> None:
    create(db, "Петров", inn="500100732259")
    assert found(db, "500100732259") == ["Петров"]
    assert found(db, "1007322") == ["Петров"]


def test_person_is_found_by_the_name_of_their_company(db: Database) -> None:
    create(db, "ООО «Ромашка»", kind=COMPANY)
    create(db, "Иванов Иван", company="Ромашка")
    create(db, "Петров Пётр")
    assert found(db, "ромаш") == ["Ромашка", "Иванов Иван"]


def test_company_rename_updates_what_finds_its_people(db: Database) -> None:
    company = create(db, "ООО «Ромашка»", kind=COMPANY)
    create(db, "Иванов Иван", company="Ромашка")
    edit(db, company, name="ООО «Лютик»")
    assert found(db, "лютик") == ["Лютик", "Иванов Иван"]
    assert found(db, "ромашк") == []


def test_person_moved_to_another_company_is_found_by_the_new_one(db: Database) -> None:
    create(db, "ООО Ромашка", kind=COMPANY)
    lutik = create(db, "АО Лютик", kind=COMPANY)
    person = create(db, "Иванов Иван", company="Ромашка")
    edit(db, person, company_id=lutik)
    assert found(db, "ромашк") == ["Ромашка"]
    assert found(db, "лютик") == ["Лютик", "Иванов Иван"]


# --- what is hidden ---------------------------------------------------------------------


def test_deleted_client_is_not_found_by_anything(db: Database) -> None:
    client = create(
        db, "Петров", phones=["+79123456789"], emails=["petrov@mail.ru"], inn="500100732259"
    )
    with db.unit_of_work() as session:
        delete_client(session, client)
    for typed in ["петр", "пе", "етро", "912 345", "petrov@", "500100732259"]:
        assert found(db, typed) == [], typed


def test_search_within_a_filter(db: Database) -> None:
    with db.unit_of_work(None) as session:
        add_user(session, "anna", Role.MANAGER)
        add_user(session, "boris", Role.MANAGER)
    create(db, "Петров", "anna")
    create(db, "Сидоров Петр", "anna")
    create(db, "Петрова", "boris")
    create(db, "Арбузов Петр", "boris")
    assert found(db, "петр", where=ClientFilter(owner="anna")) == ["Петров", "Сидоров Петр"]
    assert found(db, "петр", where=ClientFilter(owner="boris")) == ["Петрова", "Арбузов Петр"]
