"""How tasks are named on screen: their types, priorities, repeats, statuses and due
times, in the user's language. Kinds and the like are the services' values ("call",
"high", "weekly"), so the screens never reach into the tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon

from crm_desktop.i18n.formats import format_date
from crm_desktop.ui.icons import icon

KINDS = ("call", "meeting", "documents", "other")
PRIORITIES = ("low", "normal", "high")
REPEATS = ("", "daily", "weekdays", "weekly", "monthly")  # "": does not repeat
KIND_GLYPHS = {"call": "call", "meeting": "meeting", "documents": "invoices", "other": "tasks"}
OVERDUE_COLOR = "#c62828"
HIGH_COLOR = "#e65100"
MUTED_COLOR = "#78909c"


def utc_now() -> dt.datetime:
    """The real clock (screens take a clock function, so tests can give a fixed one)."""
    return dt.datetime.now(dt.UTC)


Clock = Callable[[], dt.datetime]


def kind_label(kind: str) -> str:
    labels = {
        "call": QCoreApplication.translate("TaskLabels", "Call"),
        "meeting": QCoreApplication.translate("TaskLabels", "Meeting"),
        "documents": QCoreApplication.translate("TaskLabels", "Send documents"),
        "other": QCoreApplication.translate("TaskLabels", "Other"),
    }
    return labels.get(str(kind), str(kind))


def kind_icon(kind: str) -> QIcon:
    return icon(KIND_GLYPHS.get(str(kind), "tasks"))


def priority_label(priority: str) -> str:
    labels = {
        "low": QCoreApplication.translate("TaskLabels", "Low"),
        "normal": QCoreApplication.translate("TaskLabels", "Normal"),
        "high": QCoreApplication.translate("TaskLabels", "High"),
    }
    return labels.get(str(priority), str(priority))


def repeat_label(repeat: str) -> str:
    labels = {
        "": QCoreApplication.translate("TaskLabels", "Does not repeat"),
        "daily": QCoreApplication.translate("TaskLabels", "Every day"),
        "weekdays": QCoreApplication.translate("TaskLabels", "Every weekday (Mon–Fri)"),
        "weekly": QCoreApplication.translate("TaskLabels", "Every week"),
        "monthly": QCoreApplication.translate("TaskLabels", "Every month"),
    }
    return labels.get(str(repeat), str(repeat))


def status_label(status: str) -> str:
    labels = {
        "open": QCoreApplication.translate("TaskLabels", "Open"),
        "done": QCoreApplication.translate("TaskLabels", "Done"),
        "cancelled": QCoreApplication.translate("TaskLabels", "Cancelled"),
    }
    return labels.get(str(status), str(status))


def local(moment: dt.datetime) -> dt.datetime:
    """A stored (UTC) time on the computer's clock."""
    return moment.astimezone()


def time_text(moment: dt.datetime) -> str:
    return local(moment).strftime("%H:%M")


def date_time_text(moment: dt.datetime) -> str:
    """27.11.2026 10:00 (in Russian; the date as the active language writes it)."""
    shown = local(moment)
    return f"{format_date(shown.date())} {shown.strftime('%H:%M')}"


def due_text(moment: dt.datetime | None, now: dt.datetime, *, with_date: bool = False) -> str:
    """The time alone for a task due today (unless `with_date`), else date and time;
    a task without a due time says so."""
    if moment is None:
        return QCoreApplication.translate("TaskLabels", "no due date")
    if not with_date and local(moment).date() == local(now).date():
        return time_text(moment)
    return date_time_text(moment)
