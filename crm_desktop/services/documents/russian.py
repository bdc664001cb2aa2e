"""Numbers and dates as a Russian document prints them, whatever the UI language:
"1 234,56", "0,333", "27 ноября 2026 г."."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
CENT = Decimal("0.01")
MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def _grouped(integer: int) -> str:
    return f"{integer:,}".replace(",", NBSP)


def money(value: Decimal) -> str:
    """ "1 234 567,89" (the groups joined by no-break spaces)."""
    value = value.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    rubles, kopecks = divmod(int(abs(value) * 100), 100)
    return f"{sign}{_grouped(rubles)},{kopecks:02d}"


def quantity(value: Decimal) -> str:
    """ "3", "2,5", "0,333", "1 000": no trailing zeros."""
    text = format(value.normalize(), "f")
    integer, _, fraction = text.partition(".")
    sign = "-" if integer.startswith("-") else ""
    grouped = _grouped(int(integer.lstrip("-") or "0"))
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def rate(value: Decimal) -> str:
    """ "22%", "6,5%"."""
    return f"{quantity(value)}%"


def date_words(value: dt.date) -> str:
    """ "27 ноября 2026 г." """
    return f"{value.day} {MONTHS[value.month - 1]} {value.year} г."


def date_digits(value: dt.date) -> str:
    """ "27.11.2026" """
    return value.strftime("%d.%m.%Y")
