"""A report's period: two dates with calendar popups (dd.MM.yyyy) and quick presets
(this month, last month, this quarter, this year, the last 12 months); dates typed by
hand show as "Custom period" unless they happen to match a preset."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from crm_desktop.services.reports.dashboard import month_start

PRESETS = ("month", "last_month", "quarter", "year", "12_months")
CUSTOM = "custom"


def preset_period(key: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The days of a quick period, both included, up to today."""
    if key == "last_month":
        return month_start(today, 1), month_start(today) - dt.timedelta(days=1)
    if key == "quarter":
        return dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1), today
    if key == "year":
        return dt.date(today.year, 1, 1), today
    if key == "12_months":
        return month_start(today, 11), today
    return month_start(today), today


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setMinimumWidth(120)
    return edit


class PeriodPicker(QWidget):
    sig_changed = Signal()  # the period is another now

    def __init__(
        self, today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._setting = False
        self.preset = QComboBox()
        labels = (
            self.tr("This month"),
            self.tr("Last month"),
            self.tr("This quarter"),
            self.tr("This year"),
            self.tr("Last 12 months"),
        )
        for key, label in zip(PRESETS, labels, strict=True):
            self.preset.addItem(label, key)
        self.preset.addItem(self.tr("Custom period"), CUSTOM)
        self.date_from = _date_edit()
        self.date_to = _date_edit()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preset)
        row.addWidget(self.date_from)
        row.addWidget(QLabel("–"))
        row.addWidget(self.date_to)
        self._preset_chosen()
        self.preset.currentIndexChanged.connect(lambda _i: self._preset_chosen())
        self.date_from.dateChanged.connect(lambda _d: self._dates_changed())
        self.date_to.dateChanged.connect(lambda _d: self._dates_changed())

    def period(self) -> tuple[dt.date, dt.date]:
        start: dt.date = self.date_from.date().toPython()  # type: ignore[assignment]
        end: dt.date = self.date_to.date().toPython()  # type: ignore[assignment]
        return start, end

    def set_period(self, date_from: dt.date, date_to: dt.date) -> None:
        self._set_dates(date_from, date_to)
        self._dates_changed()

    def choose_preset(self, key: str) -> None:
        self.preset.setCurrentIndex(self.preset.findData(key))

    def _set_dates(self, date_from: dt.date, date_to: dt.date) -> None:
        self._setting = True
        try:
            self.date_from.setDate(_qdate(date_from))
            self.date_to.setDate(_qdate(date_to))
        finally:
            self._setting = False

    def _preset_chosen(self) -> None:
        key = self.preset.currentData()
        if key == CUSTOM:
            return
        self._set_dates(*preset_period(str(key), self._today()))
        self.sig_changed.emit()

    def _dates_changed(self) -> None:
        if self._setting:
            return
        today, period = self._today(), self.period()
        match = next((k for k in PRESETS if preset_period(k, today) == period), CUSTOM)
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(match))
        self.preset.blockSignals(False)
        self.sig_changed.emit()
