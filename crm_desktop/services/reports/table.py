"""What every report gives back: its columns (with a kind that says how to show and
write each value), its rows, and its totals; and the parameters every report takes
(the period, a manager, a grouping)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
DEFAULT_LIMIT = 1000  # rows of a report that lists clients or invoices (0: all)


class Kind(enum.StrEnum):
    TEXT = "text"
    INT = "int"
    MONEY = "money"  # Decimal, two places
    PERCENT = "percent"  # Decimal, one place (66.7 means 66.7 %)
    DATE = "date"
    NUMBER = "number"  # Decimal, one place (days, months)


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # in the active language
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class ReportParams:
    """`date_from`..`date_to` are whole days of the user's calendar, both included."""

    date_from: dt.date
    date_to: dt.date
    owner: str | None = None  # one manager's figures (the login)
    by: str | None = None  # the report's grouping, when it has several
    days: int | None = None  # "sleeping": no contact for this many days
    pipeline: str | None = None  # "funnel", "forecast": a pipeline by name (default: the default)
    limit: int = DEFAULT_LIMIT
    tz: dt.tzinfo | None = None  # the user's time zone (None: the computer's)
    segment: str | None = None  # only the clients of this saved segment (by name)
    tag: str | None = None  # only the clients with this tag
    clients: Any = None  # the subquery of client ids the two above make (run_report fills it)

    def limited(self, query: Any) -> Any:
        """`query` cut to the report's row limit (none with limit 0)."""
        return query.limit(self.limit) if self.limit else query

    def client_filter(self, column: Any) -> list[Any]:
        """The condition restricting `column` (a client id) to the segment or tag asked
        for; none when neither is."""
        return [] if self.clients is None else [column.in_(self.clients)]


@dataclass
class ReportTable:
    name: str
    title: str
    params: ReportParams
    columns: Sequence[Column]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)
    total_labels: dict[str, str] = field(default_factory=dict)  # totals' keys, for people
    total_kinds: dict[str, Kind] = field(default_factory=dict)
    chart: tuple[str, str] | None = None  # (label column, value column) worth a chart

    def to_json(self) -> dict[str, Any]:
        kinds = [c.kind for c in self.columns]
        return {
            "report": self.name,
            "from": self.params.date_from.isoformat(),
            "to": self.params.date_to.isoformat(),
            "columns": [c.key for c in self.columns],
            "rows": [
                [json_value(v, k) for v, k in zip(row, kinds, strict=True)] for row in self.rows
            ],
            "totals": {
                key: json_value(value, self.total_kinds.get(key, kind_of(value)))
                for key, value in self.totals.items()
            },
        }

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)


def kind_of(value: Any) -> Kind:
    if isinstance(value, bool | int):
        return Kind.INT
    if isinstance(value, Decimal):
        return Kind.MONEY
    if isinstance(value, dt.date):
        return Kind.DATE
    return Kind.TEXT


def json_value(value: Any, kind: Kind) -> Any:
    """A value as the `--json` report prints it: money as a string with two places
    ("1500.00", as invoices print it), percents and day counts as numbers with one
    place, dates in ISO."""
    if value is None:
        return None
    if kind is Kind.MONEY:
        return str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))
    if kind in (Kind.PERCENT, Kind.NUMBER):
        return float(Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP))
    if kind is Kind.DATE:
        return value.isoformat()
    if kind is Kind.INT:
        return int(value)
    return value


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """`part` of `whole` in percent, one place; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def tenth(value: Decimal | int | float) -> Decimal:
    return Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP)
