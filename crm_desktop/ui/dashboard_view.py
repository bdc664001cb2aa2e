"""The executives' dashboard: five cards (this month's revenue against last month's, the
funnel of the last 90 days, deals won and lost this month by manager, overdue tasks by
person, new clients this month by source), loaded in a worker (Refresh, F5). Every bar
and slice opens the records behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import shiboken6
from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.reports.dashboard import Bar, Dashboard, Tile, load_dashboard
from crm_desktop.services.reports.display import display_value
from crm_desktop.services.reports.table import Kind
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.dashboard_charts import (
    BLUE,
    GREEN,
    ORANGE,
    RED,
    Series,
    bar_chart,
    chart_view,
    new_chart,
    pie_chart,
    pie_legend,
)
from crm_desktop.ui.dashboard_records import RecordsDialog
from crm_desktop.ui.field_messages import ERROR_STYLE, HINT_STYLE, hint_label
from crm_desktop.ui.icons import icon
from crm_desktop.ui.unexpected import one_sentence

PAGE_STYLE = "QWidget#dashboard { background: #f4f6f8; }"
CARD_STYLE = (
    "QFrame#card { background: white; border: 1px solid #e0e6ea; border-radius: 8px; }"
    "QFrame#card QLabel { background: transparent; }"
)
UP, DOWN = "#2e7d32", "#c62828"


def month_name(first: dt.date) -> str:
    """ "November 2026", "Ноябрь 2026" (in the app's locale)."""
    name = QLocale().standaloneMonthName(first.month, QLocale.FormatType.LongFormat)
    return f"{name[:1].upper()}{name[1:]} {first.year}"


class Card(QFrame):
    """A white card: a title, an optional line of figures, and a chart, or a word in
    its place while there is none ("Loading…", "Nothing yet")."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        self.title = QLabel(title)
        self.title.setStyleSheet("font-size: 11pt; font-weight: 600; color: #263238;")
        self.title.setWordWrap(True)  # the cards share the width evenly, whatever their titles
        self.figures = QWidget()
        self.figures.hide()
        self.view = chart_view(new_chart(legend=False))
        self.side = QLabel()
        self.side.setTextFormat(Qt.TextFormat.RichText)
        self.side.setStyleSheet("color: #37474f; font-size: 9.5pt;")
        self.side.hide()
        page = QWidget()
        beside = QHBoxLayout(page)
        beside.setContentsMargins(0, 0, 0, 0)
        beside.addWidget(self.view, 1)
        beside.addWidget(self.side)
        self.page = page
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setMinimumHeight(190)
        self.body = QStackedWidget()
        self.body.addWidget(self.placeholder)
        self.body.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.figures)
        layout.addWidget(self.body, 1)

    def say(self, text: str, *, error: bool = False) -> None:
        self.placeholder.setText(text)
        self.placeholder.setStyleSheet("font-size: 11pt;" + (ERROR_STYLE if error else HINT_STYLE))
        self.placeholder.setWordWrap(True)
        self.body.setCurrentWidget(self.placeholder)

    def show_chart(self) -> None:
        self.body.setCurrentWidget(self.page)

    @property
    def chart(self) -> QChart:
        return self.view.chart()

    @property
    def chart_shown(self) -> bool:
        return self.body.currentWidget() is self.page


class DashboardView(QWidget):
    sig_loaded = Signal()  # the tiles show the figures just loaded (or why they cannot)
    sig_message = Signal(str)

    def __init__(
        self,
        db: Database,
        login: str | None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._today = today
        self._serial = 0
        self.board: Dashboard | None = None
        self.bars: dict[Tile, list[Bar]] = {}
        self.dialogs: list[RecordsDialog] = []
        self.loading = False

        self.setObjectName("dashboard")
        self.setStyleSheet(PAGE_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.when = hint_label()
        self.refresh_button = QPushButton(icon("sync"), self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Load the figures again (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.cards = {
            Tile.REVENUE: Card(self.tr("Revenue: this month and last")),
            Tile.FUNNEL: Card(self.tr("Sales funnel, last 90 days")),
            Tile.MANAGERS: Card(self.tr("Deals won and lost this month")),
            Tile.OVERDUE: Card(self.tr("Overdue tasks")),
            Tile.SOURCES: Card(self.tr("New clients this month by source")),
        }
        self._revenue_figures(self.cards[Tile.REVENUE])

        header = QHBoxLayout()
        header.addWidget(self.when, 1)
        header.addWidget(self.refresh_button)
        grid = QGridLayout()
        grid.setSpacing(14)
        grid.addWidget(self.cards[Tile.REVENUE], 0, 0, 1, 3)
        grid.addWidget(self.cards[Tile.FUNNEL], 0, 3, 1, 3)
        grid.addWidget(self.cards[Tile.MANAGERS], 1, 0, 1, 2)
        grid.addWidget(self.cards[Tile.OVERDUE], 1, 2, 1, 2)
        grid.addWidget(self.cards[Tile.SOURCES], 1, 4, 1, 2)
        for column in range(6):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        inner = QWidget()
        inner.setObjectName("dashboard")
        inner.setStyleSheet(PAGE_STYLE)
        content = QVBoxLayout(inner)
        content.setContentsMargins(0, 0, 4, 0)
        content.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.refresh()

    def _revenue_figures(self, card: Card) -> None:
        self.big = QLabel()
        self.big.setStyleSheet("font-size: 22pt; font-weight: 600; color: #102027;")
        self.big_caption = hint_label()
        self.change = QLabel()
        self.change.setStyleSheet("font-size: 11pt; font-weight: 600;")
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(self.big_caption)
        words.addWidget(self.change)
        row = QHBoxLayout(card.figures)
        row.setContentsMargins(0, 2, 0, 0)
        row.addWidget(self.big)
        row.addSpacing(12)
        row.addLayout(words)
        row.addStretch(1)

    # --- loading -------------------------------------------------------------------

    def refresh(self) -> None:
        self._serial += 1
        serial, today = self._serial, self._today()
        self.loading = True
        self.refresh_button.setEnabled(False)
        self.when.setText(self.tr("Loading…"))
        for card in self.cards.values():
            if not card.chart_shown:
                card.say(self.tr("Loading…"))
        Background(self._db, lambda s: load_dashboard(s, today), self._login, write=False).on_done(
            lambda board: self._loaded(serial, board)
        ).on_failed(lambda error: self._failed(serial, error)).start()

    def _failed(self, serial: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return
        self.loading = False
        self.refresh_button.setEnabled(True)
        self.when.setText("")
        for card in self.cards.values():
            card.say(one_sentence(error), error=True)
        self.sig_loaded.emit()

    def _loaded(self, serial: int, board: Dashboard) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return
        self.loading = False
        self.board = board
        self.refresh_button.setEnabled(True)
        now = dt.datetime.now().strftime("%H:%M")
        self.when.setText(
            self.tr(
                "Figures as of {day}, {time}. Click a bar to see the records behind it."
            ).format(day=display_value(board.today, Kind.DATE), time=now)
        )
        self._show_revenue(board)
        self._show_funnel(board.funnel)
        self._show_managers(board.managers)
        self._show_overdue(board.overdue)
        self._show_sources(board.sources)
        self.sig_loaded.emit()

    def _show_revenue(self, board: Dashboard) -> None:
        card = self.cards[Tile.REVENUE]
        bars = self.bars[Tile.REVENUE] = list(board.revenue)
        now = bars[-1] if bars else None
        card.figures.setVisible(now is not None)
        if now is not None:
            self.big.setText(display_value(now.value, Kind.MONEY))
            self.big_caption.setText(
                self.tr("{month}: invoiced").format(month=month_name(board.this_month))
            )
            change = board.revenue_change
            if change is None:
                self.change.setText(self.tr("nothing invoiced the month before"))
                self.change.setStyleSheet("font-size: 10pt;" + HINT_STYLE)
            else:
                arrow = "▲" if change >= 0 else "▼"
                figure = display_value(abs(change), Kind.PERCENT)
                self.change.setText(
                    self.tr("{arrow} {change} % against the month before").format(
                        arrow=arrow, change=figure
                    )
                )
                colour = UP if change >= 0 else DOWN
                self.change.setStyleSheet(f"font-size: 11pt; font-weight: 600; color: {colour};")
        if not any(b.value or b.second for b in bars):
            card.say(self.tr("Nothing yet"))
            return
        bar_chart(
            card.view,
            [month_name(dt.date.fromisoformat(b.key)) for b in bars],
            [
                Series(self.tr("Invoiced"), [b.value for b in bars], BLUE),
                Series(self.tr("Paid"), [_number(b.second) for b in bars], GREEN),
            ],
            kind=Kind.MONEY,
            on_click=lambda i: self.bar_clicked(Tile.REVENUE, i),
        )
        card.show_chart()

    def _show_funnel(self, bars: list[Bar]) -> None:
        card = self.cards[Tile.FUNNEL]
        self.bars[Tile.FUNNEL] = list(bars)
        if not any(b.value for b in bars):
            card.say(self.tr("Nothing yet"))
            return
        bar_chart(
            card.view,
            [funnel_label(b) for b in bars],
            [Series(self.tr("Reached the stage"), [b.value for b in bars], BLUE)],
            horizontal=True,
            on_click=lambda i: self.bar_clicked(Tile.FUNNEL, i),
        )
        card.show_chart()

    def _show_managers(self, bars: list[Bar]) -> None:
        card = self.cards[Tile.MANAGERS]
        self.bars[Tile.MANAGERS] = list(bars)
        if not bars:
            card.say(self.tr("Nothing yet"))
            return
        bar_chart(
            card.view,
            [b.label for b in bars],
            [
                Series(self.tr("Won"), [b.value for b in bars], GREEN),
                Series(self.tr("Lost"), [_number(b.second) for b in bars], RED),
            ],
            horizontal=True,
            on_click=lambda i: self.bar_clicked(Tile.MANAGERS, i),
        )
        card.show_chart()

    def _show_overdue(self, bars: list[Bar]) -> None:
        card = self.cards[Tile.OVERDUE]
        self.bars[Tile.OVERDUE] = list(bars)
        if not bars:
            card.say(self.tr("No overdue tasks"))
            return
        bar_chart(
            card.view,
            [b.label for b in bars],
            [Series(self.tr("Overdue tasks"), [b.value for b in bars], ORANGE)],
            horizontal=True,
            on_click=lambda i: self.bar_clicked(Tile.OVERDUE, i),
        )
        card.show_chart()

    def _show_sources(self, bars: list[Bar]) -> None:
        card = self.cards[Tile.SOURCES]
        self.bars[Tile.SOURCES] = list(bars)
        if not bars:
            card.say(self.tr("Nothing yet"))
            return
        labels, values = [b.label for b in bars], [int(b.value) for b in bars]
        pie_chart(card.view, labels, values, on_click=lambda i: self.bar_clicked(Tile.SOURCES, i))
        card.side.setText(pie_legend(labels, values))
        card.side.show()
        card.show_chart()

    # --- the records behind a figure -------------------------------------------------

    def bar_clicked(self, tile: Tile, index: int) -> RecordsDialog | None:
        """A bar (or slice) of `tile` was clicked: its records, in a dialog."""
        bars = self.bars.get(tile, [])
        if not 0 <= index < len(bars) or self.board is None:
            return None
        return self.open_records(tile, bars[index])

    def open_records(self, tile: Tile, bar: Bar) -> RecordsDialog:
        assert self.board is not None
        label = month_name(dt.date.fromisoformat(bar.key)) if tile is Tile.REVENUE else bar.label
        dialog = RecordsDialog(
            self._db, self._login, tile, bar.key, self.board.today, label, self.window()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.sig_saved.connect(
            lambda path: self.sig_message.emit(self.tr("Saved: {path}").format(path=path))
        )
        self.dialogs = [d for d in self.dialogs if shiboken6.isValid(d)] + [dialog]
        dialog.open()
        return dialog

    def chart(self, tile: Tile) -> QChart:
        return self.cards[tile].chart

    def view_of(self, tile: Tile) -> QChartView:
        return self.cards[tile].view


def funnel_label(bar: Bar) -> str:
    """A stage and its conversion, the percent written as the app writes figures."""
    head, tail = f"{bar.key} (", " %)"
    if bar.label.startswith(head) and bar.label.endswith(tail):
        try:
            share = Decimal(bar.label[len(head) : -len(tail)])
        except ArithmeticError:
            return bar.label
        return f"{bar.key} ({display_value(share, Kind.PERCENT)} %)"
    return bar.label


def _number(value: Decimal | int | None) -> Decimal | int:
    return 0 if value is None else value
