"""Clients' birthdays in the days ahead, and what congratulating them takes: a segment
"birthdays this week" and a "congratulate" letter template, made on first use."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound
from crm_desktop.i18n import _
from crm_desktop.models import Client, ClientKind

WEEK = 7


def month_days(start: dt.date, days: int) -> list[str]:
    """ "MM-DD" of each day from `start` for `days` days; a 29 February birthday is
    celebrated on the 28th in a year without one."""
    found = []
    for n in range(days):
        day = start + dt.timedelta(days=n)
        found.append(f"{day.month:02d}-{day.day:02d}")
        if day.month == 2 and day.day == 28 and (day + dt.timedelta(days=1)).month == 3:
            found.append("02-29")
    return found


def birthday_condition(session: Session, start: dt.date, days: int) -> ColumnElement[bool]:
    """The condition on `Client`: a birthday within `days` days from `start`."""
    if session.get_bind().dialect.name == "sqlite":
        month_day = func.strftime("%m-%d", Client.birth_date)
    else:
        month_day = func.to_char(Client.birth_date, "MM-DD")
    return month_day.in_(month_days(start, days))


@dataclass(frozen=True)
class Birthday:
    client_id: uuid.UUID
    name: str
    day: dt.date  # the birthday this time
    age: int  # the age reached that day
    owner: str | None
    phone: str | None
    email: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "client_id": str(self.client_id),
            "name": self.name,
            "day": self.day.isoformat(),
            "age": self.age,
            "owner": self.owner,
            "phone": self.phone,
            "email": self.email,
        }


def _next_day(born: dt.date, start: dt.date) -> dt.date:
    for year in (start.year, start.year + 1):
        try:
            day = born.replace(year=year)
        except ValueError:  # 29 February in a year without one
            day = dt.date(year, 2, 28)
        if day >= start:
            return day
    return born.replace(year=start.year + 1)  # pragma: no cover - covered by the loop


def upcoming_birthdays(
    session: Session, start: dt.date, days: int = WEEK, owner: str | None = None
) -> list[Birthday]:
    """People whose birthday falls within `days` days from `start`, soonest first."""
    query = select(
        Client.id,
        Client.name,
        Client.birth_date,
        Client.owner,
        Client.primary_phone,
        Client.primary_email,
    ).where(
        Client.deleted_at.is_(None),
        Client.kind == ClientKind.PERSON,
        Client.birth_date.is_not(None),
        birthday_condition(session, start, days),
    )
    if owner:
        query = query.where(Client.owner == owner)
    out = []
    for cid, name, born, manager, phone, email in session.execute(query):
        assert born is not None  # the query asks for a birth date
        day = _next_day(born, start)
        out.append(Birthday(cid, name, day, day.year - born.year, manager, phone, email))
    out.sort(key=lambda b: (b.day, b.name, b.client_id))
    return out


BIRTHDAY_TEMPLATE = "Поздравление с днём рождения"
BIRTHDAY_SEGMENT = "Дни рождения на этой неделе"


def congratulation_template(session: Session) -> Any:
    """The "congratulate" letter template (made, in Russian, on first use)."""
    from crm_desktop.services.mailing.templates import find_template, save_template

    try:
        return find_template(session, BIRTHDAY_TEMPLATE)
    except NotFound:
        return save_template(
            session,
            BIRTHDAY_TEMPLATE,
            "С днём рождения, {{ имя }}!",
            "{{ имя }}, поздравляем вас с днём рождения!\n\n"
            "Желаем здоровья, удачи и хороших новостей. Спасибо, что вы с нами.\n\n"
            "С уважением,\n{{ менеджер }}",
        )


def birthday_segment(session: Session) -> Any:
    """The segment "birthdays this week" (people with a birthday in the next 7 days)."""
    from crm_desktop.services.segments import SegmentRules, find_segment, save_segment

    try:
        return find_segment(session, BIRTHDAY_SEGMENT)
    except NotFound:
        return save_segment(
            session,
            BIRTHDAY_SEGMENT,
            SegmentRules(kind="person", birthday_within_days=WEEK),
            _("People whose birthday is in the next 7 days"),
        )
