"""The dashboard's charts, built alike: a calm palette, antialiasing, no legend for one
series, value axes on round numbers whose labels read as the rest of the app's figures
(`display_value`), and a pointing hand over anything that opens the records behind it."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QPieSlice,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip

from crm_desktop.services.reports.display import display_value
from crm_desktop.services.reports.table import Kind

BLUE, GREEN, RED, ORANGE, PURPLE = "#1e88e5", "#43a047", "#e53935", "#fb8c00", "#8e24aa"
PIE_COLOURS = (BLUE, GREEN, ORANGE, PURPLE, "#00897b", "#f4511e", "#5e35b1", "#6d4c41", "#546e7a")
TEXT, GRID = "#37474f", "#e3e8ec"
ANIMATION_MS = 350


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Decimal | int]
    colour: str


def nice_ticks(maximum: float, *, whole: bool, steps: int = 4) -> list[float]:
    """Round values from 0 to at least `maximum`, about `steps` apart (whole numbers for
    counts)."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw and not (whole and factor * magnitude % 1):
            step = factor * magnitude
            break
    if whole:
        step = max(1.0, math.ceil(step))
    count = max(1, math.ceil(maximum / step - 1e-9))
    return [i * step for i in range(count + 1)]


def tick_text(value: float) -> str:
    if float(value).is_integer():
        return display_value(int(value), Kind.INT)
    return display_value(Decimal(str(value)), Kind.NUMBER)


def value_axis(maximum: float, *, whole: bool) -> QCategoryAxis:
    """An axis from 0 with its labels on round values (money without kopecks)."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    ticks = nice_ticks(maximum, whole=whole)
    axis.setStartValue(0)
    for tick in ticks:
        axis.append(tick_text(tick), tick)
    axis.setRange(0, ticks[-1])
    _style_axis(axis)
    return axis


def _style_axis(axis: QCategoryAxis | QBarCategoryAxis) -> None:
    font = QFont()
    font.setPointSizeF(9)
    axis.setLabelsFont(font)
    axis.setLabelsColor(QColor(TEXT))
    axis.setGridLineColor(QColor(GRID))
    axis.setLinePen(QPen(QColor(GRID)))


def new_chart(*, legend: bool, side: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignBottom) -> QChart:
    chart = QChart()
    chart.setBackgroundVisible(False)
    chart.setMargins(QMargins(2, 2, 2, 2))
    chart.setAnimationOptions(QChart.AnimationOption.SeriesAnimations)
    chart.setAnimationDuration(ANIMATION_MS)
    chart.legend().setVisible(legend)
    if legend:
        chart.legend().setAlignment(side)
        font = QFont()
        font.setPointSizeF(9)
        chart.legend().setFont(font)
        chart.legend().setLabelColor(QColor(TEXT))
    return chart


def chart_view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(190)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
    view.setStyleSheet("background: transparent;")
    return view


def _pointing(view: QChartView, over: bool, tip: str) -> None:
    if over:
        view.setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(QCursor.pos(), tip, view)
    else:
        view.unsetCursor()
        QToolTip.hideText()


def bar_chart(
    view: QChartView,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    horizontal: bool = False,
    kind: Kind = Kind.INT,
    on_click: Callable[[int], object] | None = None,
) -> list[QBarSet]:
    """Bars per category (one set per series) into `view`'s new chart; `on_click` gets
    the category's index. Horizontal bars list the first category at the top. Counts
    (`Kind.INT`) carry their figures at the bars' ends; other values show on hover."""
    whole = kind is Kind.INT
    order = list(reversed(range(len(categories)))) if horizontal else list(range(len(categories)))
    chart = new_chart(legend=len(series) > 1)
    bars: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
    # a lone bar stays a bar, not a slab
    widest, each = (0.6, 0.22) if len(series) == 1 else (0.75, 0.35)
    bars.setBarWidth(min(widest, each * max(1, len(categories))))
    sets = []
    for one in series:
        bar_set = QBarSet(one.name)
        bar_set.setColor(QColor(one.colour))
        bar_set.setBorderColor(QColor(one.colour))
        bar_set.setLabelColor(QColor(TEXT))
        bar_set.append([float(one.values[i]) for i in order])
        bars.append(bar_set)
        sets.append(bar_set)
        if on_click is not None:
            bar_set.clicked.connect(lambda index, o=order: on_click(o[index]))
        shown = Series(one.name, one.values, one.colour)
        bar_set.hovered.connect(
            lambda over, index, s=shown, o=order: _pointing(
                view,
                over,
                f"{categories[o[index]]}\n{s.name}: {display_value(s.values[o[index]], kind)}",
            )
        )
    if whole:
        bars.setLabelsVisible(True)
        bars.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        bars.setLabelsFormat("@value")
    chart.addSeries(bars)
    names = QBarCategoryAxis()
    names.append(_distinct([_short(categories[i]) for i in order]))
    _style_axis(names)
    names.setGridLineVisible(False)
    top = max((float(v) for one in series for v in one.values), default=0.0)
    if whole:
        top *= 1.12  # room for the labels past the bars' ends
    values = value_axis(top, whole=whole)
    left, bottom = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
    chart.addAxis(names, left if horizontal else bottom)
    chart.addAxis(values, bottom if horizontal else left)
    bars.attachAxis(names)
    bars.attachAxis(values)
    if horizontal:
        values.setGridLineVisible(True)
    _replace_chart(view, chart)
    return sets


def _short(label: str, length: int = 30) -> str:
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def _distinct(labels: list[str]) -> list[str]:
    """An axis takes each category once: a repeated label gets invisible marks."""
    seen: set[str] = set()
    out = []
    for label in labels:
        while label in seen:
            label += "\u200b"
        seen.add(label)
        out.append(label)
    return out


def pie_legend(labels: Sequence[str], values: Sequence[int]) -> str:
    """The slices' colours, names and counts, as rich text beside the pie (the shares
    show on hover)."""
    rows = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        colour = PIE_COLOURS[index % len(PIE_COLOURS)]
        rows.append(
            f'<tr><td style="color:{colour}; font-size:13pt">●</td>'
            f"<td>&nbsp;{html.escape(_short(label, 24))}&nbsp;&nbsp;</td>"
            f'<td align="right"><b>{display_value(value, Kind.INT)}</b></td></tr>'
        )
    return f'<table cellspacing="0" cellpadding="2">{"".join(rows)}</table>'


def pie_chart(
    view: QChartView,
    labels: Sequence[str],
    values: Sequence[int],
    *,
    on_click: Callable[[int], object] | None = None,
) -> QPieSeries:
    chart = new_chart(legend=False)
    pie = QPieSeries()
    pie.setHoleSize(0.45)
    pie.setPieSize(0.8)
    total = sum(values) or 1
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        piece = QPieSlice(f"{label}: {display_value(value, Kind.INT)}", float(value))
        colour = QColor(PIE_COLOURS[index % len(PIE_COLOURS)])
        piece.setColor(colour)
        piece.setBorderColor(QColor("white"))
        piece.setLabelVisible(False)  # the legend names them
        pie.append(piece)
        share = display_value(Decimal(value * 100) / Decimal(total), Kind.PERCENT)
        tip = f"{label}: {display_value(value, Kind.INT)} ({share} %)"
        piece.hovered.connect(lambda over, s=piece, t=tip: _hover_slice(view, s, over, t))
        if on_click is not None:
            piece.clicked.connect(lambda i=index: on_click(i))
    chart.addSeries(pie)
    _replace_chart(view, chart)
    return pie


def _hover_slice(view: QChartView, piece: QPieSlice, over: bool, tip: str) -> None:
    piece.setExploded(over)
    _pointing(view, over, tip)


def _replace_chart(view: QChartView, chart: QChart) -> None:
    old = view.chart()
    view.setChart(chart)
    if old is not None and old is not chart:
        old.deleteLater()
