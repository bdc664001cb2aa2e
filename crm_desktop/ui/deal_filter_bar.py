"""The Deals page's tool bar: the pipeline (when there is more than one), the owner, the
period of the expected close date, "New deal", the Board / List switch and Refresh."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QToolButton,
    QWidget,
)

from crm_desktop.i18n.formats import format_date
from crm_desktop.services.deal_lists import Period
from crm_desktop.services.pipelines import PipelineView
from crm_desktop.services.users import UserView
from crm_desktop.ui.icons import icon


class PeriodKind(enum.Enum):
    ALL = "all"
    MONTH = "month"
    QUARTER = "quarter"
    OVERDUE = "overdue"
    CUSTOM = "custom"


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def period_range(kind: PeriodKind, today: dt.date, custom: Period | None = None) -> Period | None:
    """The expected close dates (both ends included) a period choice keeps; None: all."""
    if kind is PeriodKind.MONTH:
        return today.replace(day=1), _month_end(today.year, today.month)
    if kind is PeriodKind.QUARTER:
        first = 3 * ((today.month - 1) // 3) + 1
        return dt.date(today.year, first, 1), _month_end(today.year, first + 2)
    if kind is PeriodKind.OVERDUE:
        return None, today - dt.timedelta(days=1)
    if kind is PeriodKind.CUSTOM:
        return custom
    return None


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class PeriodDialog(QDialog):
    """Two dates, each with a calendar: the expected close dates to show."""

    def __init__(self, period: Period | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Expected close between"))
        today = dt.date.today()
        start, end = period or (None, None)
        self.start = QDateEdit(to_qdate(start or today.replace(day=1)))
        self.end = QDateEdit(to_qdate(end or _month_end(today.year, today.month)))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("From:"), self.start)
        form.addRow(self.tr("To:"), self.end)
        form.addRow(buttons)

    def period(self) -> Period:
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        return (start, end) if start <= end else (end, start)


class DealFilterBar(QWidget):
    sig_changed = Signal()  # a filter changed: reload
    sig_new = Signal()
    sig_mode = Signal(str)  # "board" or "list"
    sig_refresh = Signal()

    def __init__(self, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._login = login
        self.pipeline = QComboBox()
        self.pipeline.setToolTip(self.tr("Pipeline"))
        self.pipeline.hide()
        self.owner = QComboBox()
        self.owner.setToolTip(self.tr("Owner"))
        self.owner.addItem(self.tr("All managers"), None)
        if login:
            self.owner.addItem(self.tr("My deals"), login)
        self.period = QComboBox()
        self.period.setToolTip(self.tr("Expected close"))
        for kind, label in (
            (PeriodKind.ALL, self.tr("Any close date")),
            (PeriodKind.MONTH, self.tr("Closing this month")),
            (PeriodKind.QUARTER, self.tr("Closing this quarter")),
            (PeriodKind.OVERDUE, self.tr("Overdue")),
            (PeriodKind.CUSTOM, self.tr("Between dates…")),
        ):
            self.period.addItem(label, kind.value)
        self._custom: Period | None = None
        self._period_index = 0

        self.new_button = QPushButton(icon("deals"), self.tr("New deal"))
        self.new_button.setToolTip(self.tr("Add a deal (Ctrl+N)"))
        self.board_button = QToolButton()
        self.board_button.setText(self.tr("Board"))
        self.board_button.setToolTip(self.tr("The deals as a board, a column per stage (Ctrl+1)"))
        self.list_button = QToolButton()
        self.list_button.setText(self.tr("List"))
        self.list_button.setToolTip(self.tr("The deals as a list (Ctrl+2)"))
        self.modes = QButtonGroup(self)
        self.modes.setExclusive(True)
        for button in (self.board_button, self.list_button):
            button.setCheckable(True)
            self.modes.addButton(button)
        self.board_button.setChecked(True)
        self.refresh_button = QToolButton()
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the deals again (F5)"))

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.pipeline)
        row.addWidget(self.owner)
        row.addWidget(self.period)
        row.addStretch(1)
        row.addWidget(self.board_button)
        row.addWidget(self.list_button)
        row.addWidget(self.refresh_button)
        row.addWidget(self.new_button)

        self.pipeline.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
        self.owner.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
        self.period.currentIndexChanged.connect(self._period_changed)
        self.period.activated.connect(self._period_activated)
        self.new_button.clicked.connect(self.sig_new.emit)
        self.refresh_button.clicked.connect(self.sig_refresh.emit)
        self.board_button.clicked.connect(lambda: self.sig_mode.emit("board"))
        self.list_button.clicked.connect(lambda: self.sig_mode.emit("list"))

    # --- choices from the database ------------------------------------------------------

    def set_choices(self, pipelines: Sequence[PipelineView], users: Sequence[UserView]) -> None:
        """Fill the pipeline and owner boxes, keeping what is chosen (or the first)."""
        pipeline, owner = self.chosen_pipeline(), self.chosen_owner()
        for box in (self.pipeline, self.owner):
            box.blockSignals(True)
        try:
            self.pipeline.clear()
            for p in pipelines:
                self.pipeline.addItem(p.name, str(p.id))
            at = self.pipeline.findData(str(pipeline)) if pipeline else -1
            self.pipeline.setCurrentIndex(max(at, 0))
            self.pipeline.setVisible(len(pipelines) > 1)
            fixed = 2 if self._login else 1
            while self.owner.count() > fixed:
                self.owner.removeItem(fixed)
            for user in users:
                self.owner.addItem(user.full_name or user.login, user.login)
            at = self.owner.findData(owner) if owner else 0
            self.owner.setCurrentIndex(max(at, 0))
        finally:
            for box in (self.pipeline, self.owner):
                box.blockSignals(False)

    def chosen_pipeline(self) -> uuid.UUID | None:
        data = self.pipeline.currentData()
        return uuid.UUID(data) if data else None

    def choose_pipeline(self, pipeline_id: uuid.UUID) -> None:
        self.pipeline.setCurrentIndex(self.pipeline.findData(str(pipeline_id)))

    def chosen_owner(self) -> str | None:
        data = self.owner.currentData()
        return str(data) if data else None

    def choose_owner(self, login: str | None) -> None:
        """Show one manager's deals (None: everyone's)."""
        self.owner.setCurrentIndex(max(self.owner.findData(login) if login else 0, 0))

    # --- the period -----------------------------------------------------------------------

    def chosen_kind(self) -> PeriodKind:
        return PeriodKind(self.period.currentData())

    def chosen_period(self, today: dt.date | None = None) -> Period | None:
        return period_range(self.chosen_kind(), today or dt.date.today(), self._custom)

    def choose_period(self, kind: PeriodKind, custom: Period | None = None) -> None:
        """Choose a period as the box would (a custom one without asking for its dates)."""
        index = self.period.findData(kind.value)
        if kind is not PeriodKind.CUSTOM:
            self.period.setCurrentIndex(index)
            return
        if custom is None:
            raise ValueError("a custom period needs its dates")
        self._set_custom(custom)
        self.period.blockSignals(True)
        self.period.setCurrentIndex(index)
        self.period.blockSignals(False)
        self._period_index = index
        self.sig_changed.emit()

    def _set_custom(self, period: Period) -> None:
        self._custom = period
        start, end = period
        text = self.tr("{start} – {end}").format(
            start=format_date(start) if start else "…", end=format_date(end) if end else "…"
        )
        self.period.setItemText(self.period.findData(PeriodKind.CUSTOM.value), text)

    def _period_changed(self, index: int) -> None:
        if self.chosen_kind() is PeriodKind.CUSTOM:
            return  # the dates are asked first (`_period_activated`)
        self._period_index = index
        self.sig_changed.emit()

    def _period_activated(self, index: int) -> None:
        """The custom period picked (again): ask for its dates; cancel goes back."""
        if self.chosen_kind() is not PeriodKind.CUSTOM:
            return
        dialog = PeriodDialog(self._custom, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._set_custom(dialog.period())
            self._period_index = index
            self.sig_changed.emit()
            return
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self._period_index)
        self.period.blockSignals(False)

    def set_mode(self, mode: str) -> None:
        (self.list_button if mode == "list" else self.board_button).setChecked(True)
