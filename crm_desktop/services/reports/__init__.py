"""Reports: each a function of (session, ReportParams) returning a `ReportTable` whose
figures the database computes (sums, counts, ranks), so a report over a million clients
costs a few queries. `REPORTS` names them as the command line and the app offer them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.models import Client
from crm_desktop.services.reports.activity import activity
from crm_desktop.services.reports.clients import abc, churn, rfm, sleeping, xyz
from crm_desktop.services.reports.money import receivables, revenue
from crm_desktop.services.reports.sales import forecast, funnel
from crm_desktop.services.reports.table import ReportParams, ReportTable

Report = Callable[[Session, ReportParams], ReportTable]

REPORTS: dict[str, Report] = {
    "funnel": funnel,
    "revenue": revenue,
    "receivables": receivables,
    "activity": activity,
    "abc": abc,
    "xyz": xyz,
    "rfm": rfm,
    "sleeping": sleeping,
    "churn": churn,
    "forecast": forecast,
}

# The groupings each report offers (`--by`), the first being its default.
GROUPINGS: dict[str, tuple[str, ...]] = {
    "funnel": ("stage", "manager"),
    "revenue": ("month", "manager", "product"),
    "activity": ("day", "week"),
    "forecast": ("stage", "client"),
}


def report_title(name: str) -> str:
    titles = {
        "funnel": _("Sales funnel"),
        "revenue": _("Revenue and payments"),
        "receivables": _("Receivables"),
        "activity": _("Manager activity"),
        "abc": _("ABC analysis"),
        "xyz": _("XYZ analysis"),
        "rfm": _("RFM analysis"),
        "sleeping": _("Sleeping clients"),
        "churn": _("Churn"),
        "forecast": _("Revenue forecast"),
    }
    return titles[name]


def run_report(session: Session, name: str, params: ReportParams) -> ReportTable:
    """The report `name` over the period; BadInput for an unknown name or a period that
    ends before it starts."""
    report = REPORTS.get(name)
    if report is None:
        raise BadInput(
            _("No report «{name}» (there are: {names})", name=name, names=", ".join(REPORTS))
        )
    if params.date_to < params.date_from:
        raise BadInput(_("The period ends before it starts"))
    groupings = GROUPINGS.get(name, ())
    if params.by is not None and params.by not in groupings:
        if groupings:
            raise BadInput(
                _(
                    "{report}: --by takes {choices}",
                    report=name,
                    choices=", ".join(groupings),
                )
            )
        raise BadInput(_("{report} has no groupings (--by)", report=name))
    if params.segment or params.tag:
        params = replace(params, clients=_client_ids(session, params))
    return report(session, params)


def _client_ids(session: Session, params: ReportParams) -> Any:
    """The subquery of the clients a report is narrowed to (a segment, a tag, or both)."""
    from crm_desktop.services.segments import SegmentRules, find_segment, segment_conditions

    conditions = []
    if params.segment:
        rules = find_segment(session, params.segment).rules
        conditions += segment_conditions(session, rules, params.date_to)
    if params.tag:
        conditions += segment_conditions(session, SegmentRules(tags=(params.tag,)))
    return select(Client.id).where(and_(*conditions))
