"""A report's table and its view: its values as people read them (`display_value`),
numbers on the right, and sorting by a click on a header, by the raw values (nothing,
"—", always last); the report's own order comes back with `sort(-1)`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from crm_desktop.services.reports.display import display_value
from crm_desktop.services.reports.table import Column, Kind, ReportTable

Index = QModelIndex | QPersistentModelIndex
NUMERIC = (Kind.INT, Kind.MONEY, Kind.PERCENT, Kind.NUMBER)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _sort_key(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


class ReportTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: ReportTable | None = None
        self.columns: list[Column] = []
        self.rows: list[tuple[Any, ...]] = []
        self._original: list[tuple[Any, ...]] = []

    def set_table(
        self, table: ReportTable | None, rows: list[tuple[Any, ...]] | None = None
    ) -> None:
        """Show `table` (its rows, or `rows` when given: the first of many), in its order."""
        self.beginResetModel()
        self.table = table
        self.columns = list(table.columns) if table is not None else []
        self.rows = list(rows if rows is not None else table.rows if table is not None else [])
        self._original = list(self.rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.kind in NUMERIC else LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        kind = self.columns[index.column()].kind
        if role == Qt.ItemDataRole.DisplayRole:
            return display_value(value, kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if kind in NUMERIC else LEFT
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and kind is Kind.TEXT and value:
            return str(value)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        if not 0 <= column < len(self.columns):
            self.rows = list(self._original)
        else:
            known = [row for row in self._original if row[column] is not None]
            unknown = [row for row in self._original if row[column] is None]
            known.sort(
                key=lambda row: _sort_key(row[column]),
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
            self.rows = known + unknown
        self.layoutChanged.emit()

    def column_values(self, key: str) -> list[Any]:
        """The raw values of a column, in the order shown."""
        index = next(i for i, c in enumerate(self.columns) if c.key == key)
        return [row[index] for row in self.rows]


TABLE_STYLE = """
QTableView { border: 1px solid #e0e6ea; border-radius: 6px; gridline-color: #eef1f3;
             selection-background-color: #e3f2fd; selection-color: #102027;
             alternate-background-color: #f8fafb; background: white; }
QTableView::item { padding: 0 10px; }
QHeaderView::section { background: #f3f6f8; color: #37474f; font-weight: 600; border: none;
                       border-bottom: 1px solid #e0e6ea; padding: 6px 10px; }
"""
MAX_WIDTH = 420


class ReportTableView(QTableView):
    """A report's table: rows selected whole, read only, sortable by its headers; the
    columns as wide as their contents, sharing out what room is left."""

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setModel(model)
        self.setStyleSheet(TABLE_STYLE)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(30)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(False)
        self.setSortingEnabled(True)
        self._natural: list[int] = []

    def fit_columns(self) -> None:
        """Measure the columns for the rows just shown, then share out the room."""
        self.resizeColumnsToContents()
        columns = self._model.columnCount()
        self._natural = [min(max(self.columnWidth(c) + 24, 90), MAX_WIDTH) for c in range(columns)]
        self._share_room()

    def _share_room(self) -> None:
        """Wider columns when there is room to spare; narrower text (numbers keep their
        width, names are cut with "…" and shown whole on hover) when there is too little."""
        if not self._natural or len(self._natural) != self._model.columnCount():
            return
        room = self.viewport().width()
        used = sum(self._natural)
        widths = list(self._natural)
        if used < room:
            widths = [int(w * room / used) for w in self._natural]
            widths[-1] += room - sum(widths)  # no gap at the right edge
        elif used > room:
            text = [i for i, c in enumerate(self._model.columns) if c.kind not in NUMERIC]
            text_width = sum(widths[i] for i in text)
            if text_width:
                factor = max(0.5, (text_width - (used - room)) / text_width)
                for i in text:
                    widths[i] = max(80, int(widths[i] * factor))
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_room()
