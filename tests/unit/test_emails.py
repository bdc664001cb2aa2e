"""E-mail addresses: trimmed, lower-cased, implausible ones rejected."""

from __future__ import annotations

import pytest

from crm_desktop.errors import ValidationError
from crm_desktop.services.emails import normalize_email


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ivan@mail.ru", "ivan@mail.ru"),
        (" serafim_20194@gmail.com ", "serafim_20194@gmail.com"),
        ("SAVINFILIMON1@BK.RU", "savinfilimon1@bk.ru"),
        ("\tIvan.Petrov@Yandex.Ru\n", "ivan.petrov@yandex.ru"),
        ("first.last+tag@sub.example.com", "first.last+tag@sub.example.com"),
        ("o'brien@example.org", "o'brien@example.org"),
        ("ivan@почта.рф", "ivan@почта.рф"),
        ("ivan@xn--80a1acny.xn--p1ai", "ivan@xn--80a1acny.xn--p1ai"),
    ],
)
def test_address_is_trimmed_and_lower_cased(raw: str, expected: str) -> None:
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "ivanov@mail",
        "петров.mail.ru",
        "sidorov@@yandex.ru",
        "ivan@",
        "@mail.ru",
        "ivan petrov@mail.ru",
        "ivan..petrov@mail.ru",
        "ivan@mail..ru",
        "ivan@-mail.ru",
        "ivan@mail.r",
        "ivan@mail.ru.",
        "ivan,petrov@mail.ru",
        "a" * 250 + "@mail.ru",
    ],
)
def test_invalid_address_is_rejected_naming_email(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        normalize_email(raw)
    assert err.value.field == "email"


def test_rejection_names_the_given_field() -> None:
    with pytest.raises(ValidationError) as err:
        normalize_email("nobody", field="contact_email")
    assert err.value.field == "contact_email"
