"""Dates as people type them, and which dates of birth are possible."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.errors import ValidationError
from crm_desktop.services.dates import parse_birth_date, parse_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("27.06.1988", dt.date(1988, 6, 27)),
        ("08.01.1983 г.", dt.date(1983, 1, 8)),
        ("08.01.1983 г", dt.date(1983, 1, 8)),
        ("08.01.1983 года", dt.date(1983, 1, 8)),
        ("21 июля 1991", dt.date(1991, 7, 21)),
        ("3 мая 1976", dt.date(1976, 5, 3)),
        ("8 февраля 1971", dt.date(1971, 2, 8)),
        ("1 марта 1990", dt.date(1990, 3, 1)),
        ("25 июня 1988", dt.date(1988, 6, 25)),
        ("24 сентября 1966", dt.date(1966, 9, 24)),
        ("3 декабря 1990 г.", dt.date(1990, 12, 3)),
        ("12 Апреля 1961", dt.date(1961, 4, 12)),
        ("5 января 2000", dt.date(2000, 1, 5)),
        ("1988-06-27", dt.date(1988, 6, 27)),
        ("1988-06-27 00:00:00", dt.date(1988, 6, 27)),
        ("27/06/1988", dt.date(1988, 6, 27)),
        ("27-06-1988", dt.date(1988, 6, 27)),
        ("7.6.1988", dt.date(1988, 6, 7)),
        ("  27.06.1988  ", dt.date(1988, 6, 27)),
        ("3 May 1976", dt.date(1976, 5, 3)),
    ],
)
def test_common_writings_are_read(raw: str, expected: dt.date) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 янв. 2000", dt.date(2000, 1, 1)),
        ("8 февр. 1971", dt.date(1971, 2, 8)),
        ("15 сент. 1985", dt.date(1985, 9, 15)),
        ("3 окт 1990", dt.date(1990, 10, 3)),
        ("3 нояб. 1990", dt.date(1990, 11, 3)),
        ("3 дек. 1990", dt.date(1990, 12, 3)),
        ("3 авг 1990", dt.date(1990, 8, 3)),
    ],
)
def test_abbreviated_russian_months_are_read(raw: str, expected: dt.date) -> None:
    assert parse_date(raw) == expected


def test_date_and_datetime_objects_pass_through() -> None:
    assert parse_date(dt.date(1988, 6, 27)) == dt.date(1988, 6, 27)
    assert parse_date(dt.datetime(1988, 6, 27, 13, 45)) == dt.date(1988, 6, 27)


def test_two_digit_year_from_the_past_century() -> None:
    assert parse_date("27.06.88") == dt.date(1988, 6, 27)


def test_two_digit_year_up_to_this_year_is_this_century() -> None:
    assert parse_date("15.03.05") == dt.date(2005, 3, 15)
    this_year = dt.date.today().year
    assert parse_date(f"01.01.{this_year % 100:02d}") == dt.date(this_year, 1, 1)


def test_two_digit_year_after_this_year_is_last_century() -> None:
    next_year = dt.date.today().year + 1
    assert parse_date(f"01.01.{next_year % 100:02d}") == dt.date(next_year - 100, 1, 1)


@pytest.mark.parametrize(
    "raw", ["31.02.1990", "29.02.1991", "1985-13-01", "32.01.1990", "00.01.1990", "31 июня 1990"]
)
def test_impossible_date_is_rejected_naming_the_field(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_date(raw, field="birth_date")
    assert err.value.field == "birth_date"


def test_leap_day_is_a_real_date() -> None:
    assert parse_date("29.02.1988") == dt.date(1988, 2, 29)


@pytest.mark.parametrize(
    "raw", ["", "   ", "вчера", "не помню", "1988", "27.06", "27 абвгд 1988", "12345678", "г."]
)
def test_garbage_is_rejected_naming_the_field(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_date(raw, field="start")
    assert err.value.field == "start"


def test_birth_date_is_read_like_any_date() -> None:
    assert parse_birth_date("21 июля 1991") == dt.date(1991, 7, 21)
    assert parse_birth_date("01.01.1900") == dt.date(1900, 1, 1)
    assert parse_birth_date(dt.date.today()) == dt.date.today()


def test_birth_date_in_the_future_is_rejected() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        parse_birth_date(tomorrow.strftime("%d.%m.%Y"))
    assert err.value.field == "birth_date"


@pytest.mark.parametrize("raw", ["31.12.1899", "1812-09-07", "01.01.0001"])
def test_birth_date_before_1900_is_rejected(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_birth_date(raw)
    assert err.value.field == "birth_date"


@pytest.mark.parametrize("raw", ["31.02.1985", "1985-13-01", "garbage"])
def test_impossible_birth_date_is_rejected_naming_birth_date(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_birth_date(raw)
    assert err.value.field == "birth_date"
