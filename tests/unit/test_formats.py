"""Money, numbers and dates as each language writes them."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest

from crm_desktop.i18n import set_language
from crm_desktop.i18n.formats import format_date, format_datetime, format_money, format_number

NBSP = "\u00a0"


def test_russian() -> None:
    set_language("ru")
    assert format_money(Decimal("1234.56")) == f"1{NBSP}234,56{NBSP}₽"
    assert format_money(Decimal("1234567")) == f"1{NBSP}234{NBSP}567,00{NBSP}₽"
    assert format_money(Decimal("0.005")) == f"0,01{NBSP}₽"  # half up, as accountants round
    assert format_money(Decimal("-15.5"), "EUR") == f"-15,50{NBSP}€"
    assert format_money(Decimal("-0.004")) == f"0,00{NBSP}₽"
    assert format_number(Decimal("1234567.5")) == f"1{NBSP}234{NBSP}567,5"
    assert format_number(Decimal("2.125"), 3) == "2,125"
    assert format_date(dt.date(2026, 3, 8)) == "08.03.2026"


def test_english() -> None:
    set_language("en")
    assert format_money(Decimal("1234.56")) == f"1,234.56{NBSP}₽"
    assert format_number(12345) == "12,345"
    assert format_date(dt.date(2026, 3, 8)) == "Mar 8, 2026"


def test_datetime_is_shown_in_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Moscow")
    time.tzset()
    set_language("ru")
    moment = dt.datetime(2026, 11, 27, 12, 30, tzinfo=dt.UTC)
    assert format_datetime(moment) == "27.11.2026 15:30"  # Moscow is UTC+3
    monkeypatch.undo()
    time.tzset()


def test_a_float_is_refused() -> None:
    with pytest.raises(TypeError):
        format_number(1.5)  # type: ignore[arg-type]
