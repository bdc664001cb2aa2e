"""A report's values as people read them in the active language: "1 234 567,89" and
27.11.2026 in Russian, "1,234,567.89" and 2026-11-27 in English; "—" for nothing."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from crm_desktop.i18n import language
from crm_desktop.services.documents import russian
from crm_desktop.services.reports.table import CENT, TENTH, Kind

NOTHING = "—"


def display_value(value: Any, kind: Kind, lang: str | None = None) -> str:
    lang = lang or language()
    if value is None:
        return NOTHING
    if kind is Kind.MONEY:
        amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
        return russian.money(amount) if lang == "ru" else f"{amount:,.2f}"
    if kind in (Kind.PERCENT, Kind.NUMBER):  # always one place, so a column lines up
        number = Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP)
        text = f"{number:,.1f}"
        return text.replace(",", russian.NBSP).replace(".", ",") if lang == "ru" else text
    if kind is Kind.INT:
        return russian.quantity(Decimal(int(value))) if lang == "ru" else f"{int(value):,}"
    if kind is Kind.DATE and isinstance(value, dt.date):
        return russian.date_digits(value) if lang == "ru" else value.isoformat()
    return str(value)


def period_text(date_from: dt.date, date_to: dt.date, lang: str | None = None) -> str:
    """ "01.11.2026 – 30.11.2026" """
    return (
        f"{display_value(date_from, Kind.DATE, lang)} – {display_value(date_to, Kind.DATE, lang)}"
    )
