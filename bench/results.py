"""Measurements, their targets, the printed table and `results.json`."""

from __future__ import annotations

import datetime as dt
import json
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Target:
    """A bound from the issue, e.g. `Target("<", 20, "ms")`."""

    op: str
    bound: float
    unit: str = ""

    def met_by(self, value: float) -> bool:
        return not math.isnan(value) and _COMPARE[self.op](value, self.bound)

    def __str__(self) -> str:
        bound = f"{self.bound:g}"
        return f"{self.op} {bound} {self.unit}".rstrip()


@dataclass(frozen=True)
class Measurement:
    benchmark: str
    database: str  # "sqlite", "postgresql" or "-" when it does not apply
    metric: str
    value: float
    unit: str
    target: Target | None = None
    note: str = ""

    @property
    def ok(self) -> bool | None:
        return None if self.target is None else self.target.met_by(self.value)

    def to_json(self) -> dict[str, Any]:
        return {
            "benchmark": self.benchmark,
            "database": self.database,
            "metric": self.metric,
            "value": None if math.isnan(self.value) else round(self.value, 4),
            "unit": self.unit,
            "target": str(self.target) if self.target else None,
            "ok": self.ok,
            "note": self.note or None,
        }


def format_value(value: float, unit: str) -> str:
    if math.isnan(value):
        return "n/a"
    if unit in ("rows", "clients", "count") or (value == int(value) and abs(value) >= 1000):
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def format_table(measurements: Sequence[Measurement]) -> str:
    header = ("benchmark", "database", "metric", "value", "unit", "target", "ok", "note")
    rows = [
        (
            m.benchmark,
            m.database,
            m.metric,
            format_value(m.value, m.unit),
            m.unit,
            str(m.target) if m.target else "",
            {None: "", True: "yes", False: "NO"}[m.ok],
            m.note,
        )
        for m in measurements
    ]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header) - 1)]
    right = {3}  # the value column

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells[:-1])
        ]
        return ("  ".join(parts) + "  " + cells[-1]).rstrip()

    out = [line(header), line(["-" * w for w in widths] + ["-" * 4])]
    previous: tuple[str, str] | None = None
    for m, row in zip(measurements, rows, strict=True):
        group = (m.benchmark, m.database)
        if previous is not None and group != previous:
            out.append("")
        previous = group
        out.append(line(row))
    return "\n".join(out)


def write_results(
    path: Path,
    measurements: Sequence[Measurement],
    *,
    machine: dict[str, Any],
    options: dict[str, Any],
    started: dt.datetime,
) -> None:
    document = {
        "date": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
        "machine": machine,
        "options": options,
        "results": [m.to_json() for m in measurements],
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
