"""The few places where SQLite and PostgreSQL write the same thing differently: a date's
month, a timestamp's day or week in the user's time zone, and a period's bounds as
moments. Everything else in the reports is plain SQLAlchemy Core."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, String, cast, func, literal_column
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from crm_desktop.services.local_time import local_midnight
from crm_desktop.services.reports.table import ReportParams


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def moments(params: ReportParams) -> tuple[dt.datetime, dt.datetime]:
    """The period as UTC moments: from the first day's midnight up to (not including)
    the midnight after the last day, in the user's time zone."""
    start = local_midnight(params.date_from, params.tz)
    end = local_midnight(params.date_to + dt.timedelta(days=1), params.tz)
    return start, end


def utc_offset_minutes(params: ReportParams) -> int:
    """The user's offset from UTC at the period's end (Russia keeps no summer time)."""
    end = local_midnight(params.date_to, params.tz)
    offset = end.astimezone(params.tz).utcoffset() or dt.timedelta()
    return int(offset.total_seconds() // 60)


def month_of_date(session: Session, column: Any) -> ColumnElement[str]:
    """ "2026-11" for a DATE column."""
    if is_sqlite(session):
        return func.substr(column, 1, 7)
    return func.to_char(column, literal_column("'YYYY-MM'"))


def local_day(session: Session, column: Any, params: ReportParams) -> ColumnElement[Any]:
    """The user's calendar day of a UTC timestamp column, as an ISO date ("2026-11-27")."""
    minutes = utc_offset_minutes(params)
    if is_sqlite(session):
        return func.date(column, f"{minutes:+d} minutes")
    shifted = func.timezone("UTC", column) + func.make_interval(0, 0, 0, 0, 0, minutes)
    return cast(cast(shifted, Date), String)
