"""The board itself: a column per stage, left to right, each headed by the stage's name,
its number of deals and their total, with the first cards and "+ K more" under them. Won
and lost columns are tinted. Cards are dragged between columns; what a drop means is
decided by the page (it asks the service)."""

from __future__ import annotations

import datetime as dt
import uuid
from functools import partial

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.i18n.formats import format_money
from crm_desktop.services.deal_lists import Board, BoardColumn, DealRow
from crm_desktop.services.pipelines import StageView
from crm_desktop.services.vocabulary import StageOutcome
from crm_desktop.ui.deal_cards import CardDelegate, DealDrop, StageCardsModel
from crm_desktop.ui.field_messages import hint_label

COLUMN_WIDTH = (210, 320)  # the narrowest and widest a column gets
TINTS = {  # column background, header colour
    StageOutcome.OPEN: ("#eef2f5", "#37474f"),
    StageOutcome.WON: ("#e8f5e9", "#2e7d32"),
    StageOutcome.LOST: ("#fbe9e7", "#c62828"),
}


class StageColumn(QFrame):
    sig_open = Signal(object)  # deal id
    sig_more = Signal(object)  # stage id
    sig_move = Signal(object)  # DealDrop chosen from a card's menu

    def __init__(self, stage: StageView, stages: list[StageView]) -> None:
        super().__init__()
        self.stage = stage
        self.stages = stages
        self.setObjectName("stageColumn")
        self.setMinimumWidth(COLUMN_WIDTH[0])
        self.setMaximumWidth(COLUMN_WIDTH[1])
        self.title = QLabel(stage.name)
        self.title.setWordWrap(True)
        self.summary = QLabel()
        self.model = StageCardsModel(stage)
        self.view = QListView()
        self.view.setModel(self.model)
        self.delegate = CardDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(False)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(True)  # every card four lines high: laid out at once
        self.view.setSpacing(0)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.doubleClicked.connect(lambda index: self._open(index.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._open(self.view.currentIndex().row()))
        self.empty = hint_label(self.tr("No deals"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more = QPushButton()
        self.more.setFlat(True)
        self.more.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more.setToolTip(self.tr("Show all the deals of this stage as a list"))
        self.more.clicked.connect(lambda: self.sig_more.emit(self.stage.id))
        self.more.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.more)
        self._tint()

    def _tint(self) -> None:
        """Won and lost columns in their colours (style sheets are slow: set once)."""
        self._tinted = self.stage.outcome
        background, header = TINTS.get(self.stage.outcome, TINTS[StageOutcome.OPEN])
        self.setStyleSheet(
            f"QFrame#stageColumn {{ background: {background}; border-radius: 8px; }}"
            f" QListView {{ background: transparent; }}"
            # A transparent view leaves its scroll bar unpainted (black): draw a slim one.
            " QScrollBar:vertical { background: transparent; width: 8px; margin: 2px; }"
            " QScrollBar::handle:vertical { background: #b0bec5; border-radius: 3px;"
            " min-height: 28px; }"
            " QScrollBar::handle:vertical:hover { background: #90a4ae; }"
            " QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }"
            " QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }"
        )
        self.title.setStyleSheet(f"font-weight: 600; font-size: 11pt; color: {header};")
        self.summary.setStyleSheet(f"color: {header};")

    def set_column(
        self,
        column: BoardColumn,
        stages: list[StageView],
        today: dt.date,
        owner_names: dict[str, str],
    ) -> None:
        self.stage, self.stages = column.stage, stages
        self.delegate.owner_names = owner_names
        self.title.setText(column.stage.name)
        self.summary.setText(
            self.tr("{n} · {total}").format(n=column.count, total=format_money(column.total))
        )
        self.delegate.today = today
        self.model.set_cards(column.stage, column.cards)
        hidden = column.count - len(column.cards)
        self.more.setText(self.tr("+ {n} more").format(n=hidden))
        self.more.setVisible(hidden > 0)
        self.empty.setVisible(column.count == 0)
        if column.stage.outcome != self._tinted:
            self._tint()

    def summary_text(self) -> str:
        return self.summary.text()

    def _open(self, row: int) -> None:
        deal = self.model.deal_at(row)
        if deal is not None:
            self.sig_open.emit(deal.id)

    def _menu(self, position: QPoint) -> None:
        deal = self.model.deal_at(self.view.indexAt(position).row())
        if deal is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.sig_open.emit(deal.id))
        move = menu.addMenu(self.tr("Move to"))
        for stage in self.stages:
            action = move.addAction(stage.name, partial(self._move, deal, stage))
            action.setEnabled(stage.id != deal.stage_id)
        menu.exec(self.view.viewport().mapToGlobal(position))

    def _move(self, deal: DealRow, stage: StageView) -> None:
        self.sig_move.emit(DealDrop(deal.id, deal.version, deal.stage_id, stage.id, deal.title))


class BoardView(QScrollArea):
    """The columns side by side, scrolled sideways when they do not fit."""

    sig_dropped = Signal(object)  # DealDrop
    sig_open = Signal(object)  # deal id
    sig_more = Signal(object)  # stage id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.inner = QWidget()
        self.row = QHBoxLayout(self.inner)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(10)
        self.row.addStretch(0)  # takes what the columns, at their widest, leave
        self.setWidget(self.inner)
        self.columns: list[StageColumn] = []
        self.board: Board | None = None

    def set_board(
        self,
        board: Board,
        today: dt.date | None = None,
        owner_names: dict[str, str] | None = None,
    ) -> None:
        """Show the board (owners by the names given); the columns are made again only
        when the stages changed."""
        self.board = board
        stages = list(board.pipeline.stages)
        if [c.stage.id for c in self.columns] != [s.id for s in stages]:
            for column in self.columns:
                self.row.removeWidget(column)
                column.deleteLater()
            self.columns = []
            for position, stage in enumerate(stages):
                column = StageColumn(stage, stages)
                column.model.sig_dropped.connect(self.sig_dropped.emit)
                column.sig_move.connect(self.sig_dropped.emit)
                column.sig_open.connect(self.sig_open.emit)
                column.sig_more.connect(self.sig_more.emit)
                self.row.insertWidget(position, column, 1)
                self.columns.append(column)
        for column, data in zip(self.columns, board.columns, strict=True):
            column.set_column(data, stages, today or dt.date.today(), owner_names or {})

    def column(self, stage: uuid.UUID | str) -> StageColumn:
        """A column by its stage's id or name."""
        for column in self.columns:
            if column.stage.id == stage or column.stage.name == stage:
                return column
        raise KeyError(stage)
