"""The deals as a list: a Qt table model that pages through `deal_lists.list_deals` in a
worker as the user scrolls (keyset paging, never the whole table), sorted by the amount or
the expected close date when their header is clicked (the orders the service offers)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.i18n.formats import format_date, format_money
from crm_desktop.services.deal_lists import (
    DealFilter,
    DealKey,
    DealPage,
    DealRow,
    DealSort,
    list_deals,
)
from crm_desktop.services.pipelines import StageView
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.deal_cards import OVERDUE_COLOR, is_overdue
from crm_desktop.ui.field_messages import hint_label

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


class DealTableModel(QAbstractTableModel):
    COLUMNS = ("title", "client", "stage", "amount", "owner", "expected_close", "probability")
    SORTS: ClassVar[dict[str, DealSort]] = {
        "amount": DealSort.AMOUNT,
        "expected_close": DealSort.EXPECTED_CLOSE,
    }
    sig_loaded = Signal()  # a page arrived (or the list is known to be empty)

    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._db = db
        self._login = login
        self._rows: list[DealRow] = []
        self._next: DealKey | None = None
        self._more = False
        self._loading = False
        self._serial = 0
        self.where = DealFilter()
        self.sort_key = DealSort.NEWEST
        self.today = dt.date.today()
        self.loaded = False
        self.owner_names: dict[str, str] = {}  # login -> the name shown

    def headers(self) -> list[str]:
        return [
            self.tr("Deal"),
            self.tr("Client"),
            self.tr("Stage"),
            self.tr("Amount"),
            self.tr("Owner"),
            self.tr("Expected close"),
            self.tr("Probability"),
        ]

    def reload(self, where: DealFilter | None = None, sort: DealSort | None = None) -> None:
        """Start the list again from its first page (with a new filter or order)."""
        if where is not None:
            self.where = where
        if sort is not None:
            self.sort_key = sort
        self._serial += 1
        self.beginResetModel()
        self._rows, self._next, self._more, self._loading = [], None, True, False
        self.loaded = False
        self.endResetModel()
        self.today = dt.date.today()
        self.fetchMore(QModelIndex())

    def sort_column(self) -> int | None:
        for column, sort in self.SORTS.items():
            if sort is self.sort_key:
                return self.COLUMNS.index(column)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The amount sorts largest first, the close date soonest first; another column
        goes back to the newest deals first (the database sorts, never this model)."""
        self.reload(sort=self.SORTS.get(self.COLUMNS[column], DealSort.NEWEST))

    def deal_at(self, row: int) -> DealRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("amount", "probability"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == "expected_close"
            and is_overdue(row, self.today)
        ):
            return QColor(OVERDUE_COLOR)
        return None

    def _text(self, row: DealRow, column: str) -> str:
        if column == "title":
            return row.title
        if column == "client":
            return row.client_name
        if column == "stage":
            return row.stage
        if column == "amount":
            return format_money(row.amount, row.currency)
        if column == "owner":
            return self.owner_names.get(row.owner, row.owner) if row.owner else ""
        if column == "expected_close":
            return format_date(row.expected_close) if row.expected_close else ""
        return f"{row.probability} %"

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index) -> None:
        """The next page, read in a worker; rows are added when it arrives."""
        if parent.isValid() or not self._more or self._loading:
            return
        self._loading = True
        serial, where, sort, after = self._serial, self.where, self.sort_key, self._next
        Background(
            self._db,
            lambda s: list_deals(s, where=where, sort=sort, after=after, limit=PAGE),
            self._login,
            write=False,
        ).on_done(lambda page: self._arrived(serial, page)).on_failed(
            lambda _e: self._failed(serial)
        ).start()

    def _arrived(self, serial: int, page: DealPage) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker ran
        if serial != self._serial:
            return  # a page of an older filter or order
        self._loading = False
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._next = page.next_key
        self._more = page.next_key is not None
        self.loaded = True
        self.sig_loaded.emit()

    def _failed(self, serial: int) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker ran
        if serial == self._serial:
            self._loading, self._more = False, False
            self.loaded = True
            self.sig_loaded.emit()


class DealListView(QWidget):
    sig_open = Signal(object)  # deal id
    sig_stage_cleared = Signal()

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DealTableModel(db, login)
        self.stage: StageView | None = None
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._sort_clicked)
        for column, width in zip(
            self.model.COLUMNS, (260, 200, 140, 130, 110, 120, 90), strict=True
        ):
            self.table.setColumnWidth(self.model.COLUMNS.index(column), width)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._open(self.table.currentIndex().row()))

        self.stage_label = QLabel()
        self.stage_label.setStyleSheet("font-weight: 600;")
        self.clear_stage = QToolButton()
        self.clear_stage.setText(self.tr("All stages"))
        self.clear_stage.setToolTip(self.tr("Show the deals of every stage"))
        self.clear_stage.clicked.connect(self._clear_stage)
        chip = QHBoxLayout()
        chip.setContentsMargins(0, 0, 0, 0)
        chip.addWidget(self.stage_label)
        chip.addWidget(self.clear_stage)
        chip.addStretch(1)
        self.chip = QWidget()
        self.chip.setLayout(chip)
        self.chip.hide()
        self.empty = hint_label(self.tr("No deals: press New deal (Ctrl+N) to add one."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chip)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.model.sig_loaded.connect(self._loaded)

    def show_deals(self, where: DealFilter) -> None:
        """List what `where` keeps (narrowed to the stage chosen by "+ K more", if any)."""
        if self.stage is not None and where.pipeline_id == self.stage.pipeline_id:
            where = replace(where, stage_id=self.stage.id)
        elif self.stage is not None:  # another pipeline chosen: its stage no longer applies
            self.set_stage(None)
        self.model.reload(where)

    def set_stage(self, stage: StageView | None) -> None:
        self.stage = stage
        self.chip.setVisible(stage is not None)
        if stage is not None:
            self.stage_label.setText(self.tr("Stage: {stage}").format(stage=stage.name))

    def _clear_stage(self) -> None:
        self.set_stage(None)
        self.sig_stage_cleared.emit()

    def _sort_clicked(self, column: int) -> None:
        self.model.sort(column)
        header = self.table.horizontalHeader()
        shown = self.model.sort_column()
        header.setSortIndicatorShown(shown is not None)
        if shown is not None:
            ascending = self.model.sort_key is DealSort.EXPECTED_CLOSE
            order = Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
            header.blockSignals(True)
            header.setSortIndicator(shown, order)
            header.blockSignals(False)

    def _loaded(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)

    def _open(self, row: int) -> None:
        deal = self.model.deal_at(row)
        if deal is not None:
            self.sig_open.emit(deal.id)

    def deal_ids(self) -> list[uuid.UUID]:
        return [row.id for row in map(self.model.deal_at, range(self.model.rowCount())) if row]
