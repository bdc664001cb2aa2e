"""An amount in words as Russian accounting writes it on an invoice: rubles in words with a
capital first letter, kopecks in two digits ("Сто двадцать три рубля 45 копеек").

`num2words` spells the integer part (masculine, as "рубль" needs); the plural endings of
"рубль" and "копейка" are chosen here, because its currency mode spells kopecks in words
(and reads an `int` as kopecks)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

CENT = Decimal("0.01")
RUBLE_FORMS = ("рубль", "рубля", "рублей")
KOPECK_FORMS = ("копейка", "копейки", "копеек")


def plural(n: int, forms: tuple[str, str, str]) -> str:
    """The form of a Russian noun after the number n: (1, 2-4, 5-20) as in рубль, рубля,
    рублей; 11-14 take the third form whatever their last digit."""
    n = abs(n)
    if 11 <= n % 100 <= 14:
        return forms[2]
    last = n % 10
    if last == 1:
        return forms[0]
    if 2 <= last <= 4:
        return forms[1]
    return forms[2]


def rubles_in_words(amount: Decimal) -> str:
    """ "Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей
    89 копеек" for 1234567.89; rounded half up to kopecks first."""
    if not isinstance(amount, Decimal):
        raise TypeError("an amount is a Decimal, never a float")
    value = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    negative = value < 0
    rubles, kopecks = divmod(int(abs(value) * 100), 100)
    words = num2words(rubles, lang="ru")
    text = f"{words} {plural(rubles, RUBLE_FORMS)} {kopecks:02d} {plural(kopecks, KOPECK_FORMS)}"
    if negative:
        text = f"минус {text}"
    return text[0].upper() + text[1:]
