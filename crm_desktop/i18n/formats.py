"""Money, numbers and dates written as the active language writes them (CLDR data through
Babel): "1 234,56 ₽" and 27.11.2026 in Russian, "1,234.56 ₽" and Nov 27, 2026 in English.
Amounts stay `Decimal` all the way: never a float on the way to the screen or the PDF."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.numbers import format_decimal as _babel_decimal

from crm_desktop.i18n import language

LOCALES = {"ru": "ru_RU", "en": "en_US"}
SYMBOLS = {"RUB": "₽", "USD": "$", "EUR": "€", "CNY": "¥", "KZT": "₸", "BYN": "Br"}
NBSP = "\u00a0"
CENT = Decimal("0.01")


def _locale() -> str:
    return LOCALES.get(language(), "en_US")


def format_number(value: Decimal | int, places: int | None = None) -> str:
    """Grouped digits ("1 234 567,5"); `places` fixes the decimals shown."""
    if isinstance(value, float):
        raise TypeError("money and quantities are Decimal, never float")
    number = Decimal(value)
    pattern = "#,##0" if places is None else "#,##0." + "0" * places if places else "#,##0"
    if places is None and number != number.to_integral_value():
        pattern = "#,##0.###"
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if number.is_zero():
        number = abs(number)  # never "-0,00"
    return _babel_decimal(number, format=pattern, locale=_locale(), decimal_quantization=False)


def format_money(amount: Decimal | int, currency: str = "RUB") -> str:
    """ "1 234,56 ₽": two decimals, the currency's sign after the amount (as Russian
    invoices write it, and as the program writes it in English too)."""
    text = format_number(Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP), 2)
    return f"{text}{NBSP}{SYMBOLS.get(currency, currency)}"


def format_date(value: dt.date) -> str:
    """27.11.2026 in Russian, Nov 27, 2026 in English."""
    if language() == "ru":
        return value.strftime("%d.%m.%Y")
    return _babel_date(value, "medium", locale=_locale())


def format_datetime(value: dt.datetime) -> str:
    """The local date and time: "27.11.2026 18:45"; a naive value is taken as local."""
    local = value.astimezone() if value.tzinfo is not None else value
    return f"{format_date(local.date())} {_babel_time(local.time(), 'short', locale=_locale())}"
