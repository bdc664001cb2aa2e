"""The folded text that search compares: lower case, ё→е, phones in every typed form."""

from __future__ import annotations

import pytest

from crm_desktop.services.search import parse_fragment
from crm_desktop.store.search_index import build_search_text, fold, phone_search_digits


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Фёдоров", "федоров"),
        ("ФЁДОРОВ", "федоров"),
        ("Ёлкин Пётр", "елкин петр"),
        ("Иванов", "иванов"),
        ("ООО Ромашка", "ооо ромашка"),
        ("Straße", "strasse"),
    ],
)
def test_fold_lowers_case_and_turns_yo_into_ye(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_writings_with_and_without_yo_fold_equal() -> None:
    assert fold("Фёдоров") == fold("ФЕДОРОВ") == fold("федоров")


def test_russian_number_is_searchable_in_7_and_8_forms() -> None:
    assert phone_search_digits("+79123456789") == ["79123456789", "89123456789"]


def test_foreign_number_is_searchable_by_its_digits() -> None:
    assert phone_search_digits("+375291234567") == ["375291234567"]


def test_search_text_holds_every_searchable_part_folded() -> None:
    text = build_search_text(
        "Фёдоров Пётр",
        None,
        "АфанасьевСервис",
        "500100732259",
        ["+79123456789"],
        ["Petr@Mail.ru"],
    )
    assert "федоров петр" in text
    assert "афанасьевсервис" in text
    assert "500100732259" in text
    assert "79123456789" in text
    assert "89123456789" in text
    assert "petr@mail.ru" in text
    assert text == fold(text)


def test_search_text_of_company_holds_its_legal_form() -> None:
    text = build_search_text("Ромашка", "ООО", None, "7707083893", [], [])
    assert "ромашка" in text
    assert "ооо" in text
    assert "7707083893" in text


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("345-67", "34567"),
        ("8 912 345", "8912345"),
        ("+7 912", "7912"),
        ("912345", "912345"),
        ("8 (912) 345-67-89", "89123456789"),
        ("  7707083893 ", "7707083893"),
    ],
)
def test_typed_phone_fragment_searches_its_digits(typed: str, digits: str) -> None:
    fragment = parse_fragment(typed)
    assert fragment is not None
    assert fragment.digits_only
    assert fragment.text == digits


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("Фёдор", "федор"),
        ("  ПЕТРОВ   Иван ", "петров иван"),
        ("IVAN@MA", "ivan@ma"),
        ("дом 12", "дом 12"),
    ],
)
def test_typed_text_fragment_is_folded(typed: str, text: str) -> None:
    fragment = parse_fragment(typed)
    assert fragment is not None
    assert not fragment.digits_only
    assert fragment.text == text


@pytest.mark.parametrize("typed", ["", "   "])
def test_empty_fragment_searches_nothing(typed: str) -> None:
    assert parse_fragment(typed) is None
