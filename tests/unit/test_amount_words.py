"""The total in words as an invoice prints it: rubles in words, capitalised, with the right
plural; kopecks in two digits with theirs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm_desktop.services.amount_words import rubles_in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("0.01", "Ноль рублей 01 копейка"),
        ("1", "Один рубль 00 копеек"),
        ("2", "Два рубля 00 копеек"),
        ("5", "Пять рублей 00 копеек"),
        ("11", "Одиннадцать рублей 00 копеек"),
        ("21", "Двадцать один рубль 00 копеек"),
        ("1000000", "Один миллион рублей 00 копеек"),
        (
            "1234567.89",
            "Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 89 копеек",
        ),
        ("123.45", "Сто двадцать три рубля 45 копеек"),
        ("2001.02", "Две тысячи один рубль 02 копейки"),
        ("112.11", "Сто двенадцать рублей 11 копеек"),
        ("14.22", "Четырнадцать рублей 22 копейки"),
        ("104.21", "Сто четыре рубля 21 копейка"),
    ],
)
def test_accounting_form(amount: str, words: str) -> None:
    assert rubles_in_words(Decimal(amount)) == words


def test_rounded_half_up_to_kopecks() -> None:
    assert rubles_in_words(Decimal("0.005")) == "Ноль рублей 01 копейка"
    assert rubles_in_words(Decimal("9.999")) == "Десять рублей 00 копеек"


def test_a_float_is_refused() -> None:
    with pytest.raises(TypeError):
        rubles_in_words(1.5)  # type: ignore[arg-type]
