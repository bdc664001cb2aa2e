"""Company names and their legal forms, written any way."""

from __future__ import annotations

import pytest

from crm_desktop.services.legal_forms import normalize_legal_form, split_legal_form


@pytest.mark.parametrize(
    ("raw", "form", "name"),
    [
        ("ООО «Ромашка»", "ООО", "Ромашка"),
        ("Ромашка ООО", "ООО", "Ромашка"),
        ("Ромашка, ООО", "ООО", "Ромашка"),
        ("Ромашка ООО.", "ООО", "Ромашка"),
        ("ООО. Ромашка", "ООО", "Ромашка"),
        ('ООО "Ромашка"', "ООО", "Ромашка"),
        ("ооо ромашка", "ООО", "ромашка"),
        ('"ЗАО ""АфанасьевСервис"""', "ЗАО", "АфанасьевСервис"),
        ('ЗАО "АфанасьевСервис"', "ЗАО", "АфанасьевСервис"),
        ('  ООО ""АлексеевСтрой"" ', "ООО", "АлексеевСтрой"),
        ("ЗАО «АФАНАСЬЕВСЕРВИС»", "ЗАО", "АФАНАСЬЕВСЕРВИС"),
        ("ИсаевСтрой ЗАО", "ЗАО", "ИсаевСтрой"),
        ("АО «Журавлев»", "АО", "Журавлев"),
        ("ПАО «СОЛОВЬЕВТОРГ»", "ПАО", "СОЛОВЬЕВТОРГ"),
        ('Общество с ограниченной ответственностью "Ромашка"', "ООО", "Ромашка"),
        ("общество с ограниченной ответственностью «Ромашка»", "ООО", "Ромашка"),
        ("Публичное акционерное общество «Сбербанк России»", "ПАО", "Сбербанк России"),
        ("Акционерное общество «Ромашка»", "АО", "Ромашка"),
        ("ИП Иванов И. И.", "ИП", "Иванов И. И."),
        ("ИП Иванов И.И.", "ИП", "Иванов И.И."),
        ("Индивидуальный предприниматель Иванов Иван Иванович", "ИП", "Иванов Иван Иванович"),
        ("ООО «Рога и копыта»", "ООО", "Рога и копыта"),
        ("Horns and Hooves LLC", "LLC", "Horns and Hooves"),
    ],
)
def test_legal_form_is_split_from_the_name(raw: str, form: str, name: str) -> None:
    assert split_legal_form(raw) == (form, name)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Ромашка", "Ромашка"),
        ("«Ромашка»", "Ромашка"),
        ('"Ромашка"', "Ромашка"),
        ("  Ромашка   и   партнёры ", "Ромашка и партнёры"),
        ("Аолит", "Аолит"),  # letters of a form inside a word are not a form
        ("Ипподром", "Ипподром"),
        ("Оооригинал", "Оооригинал"),
    ],
)
def test_name_without_a_form_is_kept(raw: str, name: str) -> None:
    assert split_legal_form(raw) == (None, name)


def test_form_alone_is_not_taken_for_a_name() -> None:
    form, name = split_legal_form("АО")
    assert name == "АО"
    assert form is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ооо", "ООО"),
        (" ИП ", "ИП"),
        ("Общество с ограниченной ответственностью", "ООО"),
        ("публичное акционерное общество", "ПАО"),
    ],
)
def test_legal_form_given_on_its_own_is_normalized(raw: str, expected: str) -> None:
    assert normalize_legal_form(raw) == expected


def test_a_form_inside_the_name_is_part_of_the_name() -> None:
    assert split_legal_form("Ассоциация ИП Москвы") == (None, "Ассоциация ИП Москвы")
    assert split_legal_form("Союз АО и ООО региона") == (None, "Союз АО и ООО региона")
