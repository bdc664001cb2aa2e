"""The cards of one board column: a small Qt list model that drags a deal out as MIME data
and hears a deal dropped in (the board then asks the service to move it), and the
delegate that paints a card: title, client, amount, owner, expected close (red when
overdue)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from crm_desktop.i18n.formats import format_date, format_money
from crm_desktop.services.deal_lists import DealRow
from crm_desktop.services.pipelines import StageView
from crm_desktop.services.vocabulary import StageOutcome

MIME = "application/x-crm-deal"
DEAL_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOR = "#c62828"


@dataclass(frozen=True)
class DealDrop:
    """A card dropped on another column: which deal (at the version the board showed)
    from which stage to which."""

    deal_id: uuid.UUID
    version: int
    from_stage: uuid.UUID
    to_stage: uuid.UUID
    title: str


def is_overdue(row: DealRow, today: dt.date) -> bool:
    """An open deal whose expected close date has passed."""
    return (
        row.outcome == StageOutcome.OPEN
        and row.expected_close is not None
        and row.expected_close < today
    )


def deal_mime(row: DealRow) -> QMimeData:
    """What a dragged card carries."""
    payload = {
        "id": str(row.id),
        "version": row.version,
        "stage": str(row.stage_id),
        "title": row.title,
    }
    data = QMimeData()
    data.setData(MIME, QByteArray(json.dumps(payload, ensure_ascii=False).encode("utf-8")))
    return data


def read_deal_mime(data: QMimeData, to_stage: uuid.UUID) -> DealDrop | None:
    if not data.hasFormat(MIME):
        return None
    try:
        payload = json.loads(bytes(data.data(MIME).data()).decode("utf-8"))
        return DealDrop(
            deal_id=uuid.UUID(payload["id"]),
            version=int(payload["version"]),
            from_stage=uuid.UUID(payload["stage"]),
            to_stage=to_stage,
            title=str(payload["title"]),
        )
    except (ValueError, KeyError, TypeError):
        return None


class StageCardsModel(QAbstractListModel):
    """The cards of one stage. Dropping a card of another stage emits `sig_dropped` and
    changes nothing here: the card moves only when the service has moved the deal (and the
    board reloads), so a refused move leaves it where it was."""

    sig_dropped = Signal(object)  # DealDrop

    def __init__(self, stage: StageView) -> None:
        super().__init__()
        self.stage = stage
        self._rows: list[DealRow] = []

    def set_cards(self, stage: StageView, rows: Sequence[DealRow]) -> None:
        self.beginResetModel()
        self.stage = stage
        self._rows = list(rows)
        self.endResetModel()

    def deal_at(self, row: int) -> DealRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def deals(self) -> list[DealRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title}\n{row.client_name}"
        if role == DEAL_ROLE:
            return row
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = [self._rows[i.row()] for i in indexes if i.isValid()]
        return deal_mime(rows[0]) if rows else QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        drop = read_deal_mime(data, self.stage.id)
        return drop is not None and drop.from_stage != self.stage.id

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        drop = read_deal_mime(data, self.stage.id)
        if drop is None or drop.from_stage == self.stage.id:
            return False
        self.sig_dropped.emit(drop)
        return False  # nothing moves here: the board reloads once the service agrees


class CardDelegate(QStyledItemDelegate):
    """A deal as a card: four short lines in a rounded box."""

    PAD = 8
    GAP = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = dt.date.today()
        self.owner_names: dict[str, str] = {}  # login -> the name shown

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        plain = QFont(option.font)
        bold = QFont(plain)
        bold.setBold(True)
        return plain, bold

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        plain, bold = self._fonts(option)  # four lines, whatever the card shows
        height = 2 * QFontMetrics(bold).height() + 2 * QFontMetrics(plain).height()
        return QSize(1, height + 2 * self.PAD + self.GAP + 4)  # as wide as the column

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row: DealRow | None = index.data(DEAL_ROLE)
        if row is None:
            return
        plain, bold = self._fonts(option)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        box = QRect(option.rect).adjusted(2, self.GAP // 2, -2, -self.GAP // 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#1976d2" if selected else "#cfd8dc")))
        painter.setBrush(QColor("#e3f2fd" if selected else "#ffffff"))
        painter.drawRoundedRect(box, 6, 6)
        inner = box.adjusted(self.PAD, self.PAD - 2, -self.PAD, -self.PAD + 2)
        y = inner.top()

        def line(
            text: str,
            font: QFont,
            color: str,
            align: Qt.AlignmentFlag,
            width: int,
            from_right: bool = False,
        ) -> int:
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(QColor(color))
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            x = inner.right() - width + 1 if from_right else inner.left()
            painter.drawText(
                QRect(x, y, width, metrics.height()), align | Qt.AlignmentFlag.AlignVCenter, shown
            )
            return metrics.height()

        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        y += line(row.title, bold, "#263238", left, inner.width())
        y += line(row.client_name, plain, "#546e7a", left, inner.width())
        y += line(format_money(row.amount, row.currency), bold, "#263238", left, inner.width())
        room = inner.width()
        if row.expected_close is not None:
            overdue = is_overdue(row, self.today)
            text = self.tr("by {date}").format(date=format_date(row.expected_close))
            font = bold if overdue else plain
            line(text, font, OVERDUE_COLOR if overdue else "#546e7a", left, room)
            room -= QFontMetrics(font).horizontalAdvance(text) + self.PAD
        if row.owner and room > 3 * self.PAD:
            name = self.owner_names.get(row.owner, "")
            owner = name.split()[0] if name.strip() else row.owner  # the surname will do
            line(owner, plain, "#78909c", right, room, from_right=True)
        painter.restore()
