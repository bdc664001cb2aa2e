"""Wall-clock time in the user's time zone, for "today", "this week" and repeating tasks.

Times are stored in UTC; days and weeks are the user's. `tz=None` means the computer's
own zone, with its daylight-saving rules (Python's `astimezone()` with no argument).
"""

from __future__ import annotations

import datetime as dt


def to_local(moment: dt.datetime, tz: dt.tzinfo | None = None) -> dt.datetime:
    return moment.astimezone(tz)


def at_local(day: dt.date, time: dt.time, tz: dt.tzinfo | None = None) -> dt.datetime:
    """The moment (in UTC) when the clock in `tz` shows `day` and `time`."""
    naive = dt.datetime.combine(day, time.replace(tzinfo=None))
    local = naive.astimezone() if tz is None else naive.replace(tzinfo=tz)
    return local.astimezone(dt.UTC)


def local_midnight(day: dt.date, tz: dt.tzinfo | None = None) -> dt.datetime:
    return at_local(day, dt.time(0, 0), tz)


def from_local_text(raw: str) -> dt.datetime:
    """An ISO date and time as typed; without a zone it is the computer's local time.
    Raises ValueError when it is not one."""
    moment = dt.datetime.fromisoformat(raw.strip())
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment.astimezone().astimezone(dt.UTC)
