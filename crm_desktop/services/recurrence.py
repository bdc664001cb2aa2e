"""Repeating tasks: when the next one is due.

A rule is stored in `Task.recurrence` as its name ("daily", "weekdays", "weekly",
"monthly"); a monthly rule keeps the day of the month it started on ("monthly:31") so
that a task due on the 31st falls on the last day of shorter months and comes back to
the 31st after them. Steps are taken on the user's wall clock: a task at 09:00 stays at
09:00 across a daylight-saving change.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.services.local_time import at_local, to_local


class Repeat(enum.StrEnum):
    DAILY = "daily"
    WEEKDAYS = "weekdays"  # Monday to Friday
    WEEKLY = "weekly"
    MONTHLY = "monthly"


@dataclass(frozen=True)
class Recurrence:
    repeat: Repeat
    day: int | None = None  # the monthly rule's day of the month

    def stored(self) -> str:
        return f"{self.repeat.value}:{self.day}" if self.day else self.repeat.value


def parse_repeat(raw: str | Repeat) -> Repeat:
    try:
        return Repeat(str(raw).strip().lower())
    except ValueError:
        names = ", ".join(r.value for r in Repeat)
        raise ValidationError(
            "recurrence",
            _('"{value}" is not a way to repeat (one of: {names})', value=raw, names=names),
        ) from None


def read_stored(stored: str | None) -> Recurrence | None:
    """The rule as `Task.recurrence` holds it (None: the task does not repeat)."""
    if not stored:
        return None
    name, _sep, day = stored.partition(":")
    return Recurrence(parse_repeat(name), int(day) if day.isdigit() else None)


def starting_at(repeat: Repeat, due: dt.datetime, tz: dt.tzinfo | None = None) -> Recurrence:
    """The rule for a series whose first task is due at `due`."""
    day = to_local(due, tz).day if repeat == Repeat.MONTHLY else None
    return Recurrence(repeat, day)


def _step(rule: Recurrence, day: dt.date) -> dt.date:
    if rule.repeat == Repeat.DAILY:
        return day + dt.timedelta(days=1)
    if rule.repeat == Repeat.WEEKDAYS:
        day += dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        return day
    if rule.repeat == Repeat.WEEKLY:
        return day + dt.timedelta(days=7)
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    wanted = rule.day or day.day
    return dt.date(year, month, min(wanted, calendar.monthrange(year, month)[1]))


def next_due(
    rule: Recurrence,
    due: dt.datetime,
    *,
    after: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> dt.datetime:
    """When the task after one due at `due` is due (UTC): the next step of the rule at
    the same wall-clock time, and, when `after` is given, the first such step later than
    it (a repeating task done late does not leave overdue copies behind)."""
    local = to_local(due, tz)
    day, time = local.date(), local.time()
    while True:
        day = _step(rule, day)
        moment = at_local(day, time, tz)
        if after is None or moment > after:
            return moment
