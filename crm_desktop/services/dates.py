"""Dates as people type them: "27.06.1988", "08.01.1983 г.", "21 июля 1991", ISO ..."""

from __future__ import annotations

import datetime as dt
import re

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _

_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# "01.02.1985 0:00:00": a date cell that a CSV export wrote with its (empty) time.
_NUMERIC = re.compile(
    r"^(\d{1,2})[./\-](\d{1,2})[./\-](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?$")
_WORDS = re.compile(r"^(\d{1,2})\s+([a-zа-яё]+)\.?\s+(\d{4})$", re.IGNORECASE)
_YEAR_SUFFIX = re.compile(r"\s*(?:г\.?|года?)\s*$", re.IGNORECASE)


def _month(word: str) -> int | None:
    word = word.lower().replace("ё", "е")
    if word.startswith("ма"):  # май, мая, март, марта
        return 3 if word.startswith("мар") else 5
    for stem, number in _MONTHS.items():
        if word.startswith(stem) or (len(word) >= 3 and stem.startswith(word)):  # "дек."
            return number
    return None


def parse_date(raw: str | dt.date | dt.datetime, field: str = "date") -> dt.date:
    """A date from the writings people use; raises `ValidationError(field)` otherwise."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = _YEAR_SUFFIX.sub("", str(raw).strip())
    parts: tuple[int, int, int] | None = None
    if m := _ISO.match(text):
        parts = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _NUMERIC.match(text):
        year = int(m.group(3))
        if len(m.group(3)) == 2:
            year += 2000 if year <= dt.date.today().year % 100 else 1900
        parts = year, int(m.group(2)), int(m.group(1))
    elif (m := _WORDS.match(text)) and (month := _month(m.group(2))):
        parts = int(m.group(3)), month, int(m.group(1))
    if parts is None:
        raise ValidationError(field, _('"{value}" is not a date (use dd.mm.yyyy)', value=raw))
    try:
        return dt.date(*parts)
    except ValueError:
        raise ValidationError(field, _('"{value}" is not a real date', value=raw)) from None


def parse_birth_date(raw: str | dt.date | dt.datetime, field: str = "birth_date") -> dt.date:
    """A date of birth: a real date, not in the future, not before 1900."""
    value = parse_date(raw, field)
    if value > dt.date.today() or value.year < 1900:
        raise ValidationError(field, _('"{value}" is not a possible date of birth', value=raw))
    return value
