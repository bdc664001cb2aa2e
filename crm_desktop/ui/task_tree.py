"""A list of tasks as "My day" and the client card show them: a check box to complete
each, then the columns asked for. Space or Ctrl+Enter completes the current task, Enter
(or a double click) opens it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from crm_desktop.services.assignment import rule_label
from crm_desktop.services.tasks import TaskView
from crm_desktop.ui.task_labels import (
    HIGH_COLOR,
    MUTED_COLOR,
    OVERDUE_COLOR,
    kind_icon,
    kind_label,
    priority_label,
    status_label,
)

ID_ROLE = Qt.ItemDataRole.UserRole
# The columns a tree may show, in any order: key -> width (0: stretches)
WIDTHS = {
    "when": 190,
    "kind": 180,
    "title": 0,
    "client": 200,
    "deal": 160,
    "assignee": 110,
    "priority": 90,
    "status": 90,
}


class TaskTree(QTreeWidget):
    sig_complete = Signal(object)  # the TaskView to complete
    sig_open = Signal(object)  # the TaskView to open

    def __init__(
        self,
        columns: Sequence[str],
        parent: QWidget | None = None,
        *,
        widths: dict[str, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._views: dict[str, TaskView] = {}
        self._filling = False
        self.setColumnCount(len(self.columns))
        self.setHeaderLabels([self.column_title(key) for key in self.columns])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        for index, key in enumerate(self.columns):
            width = (widths or {}).get(key, WIDTHS.get(key, 120))
            if width:
                self.setColumnWidth(index, width)
            else:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
        self.itemChanged.connect(self._checked)
        self.itemDoubleClicked.connect(self._double_clicked)

    def column_title(self, key: str) -> str:
        titles = {
            "when": self.tr("Due"),
            "kind": self.tr("Type"),
            "title": self.tr("Task"),
            "client": self.tr("Client"),
            "deal": self.tr("Deal"),
            "assignee": self.tr("Assignee"),
            "priority": self.tr("Priority"),
            "status": self.tr("Status"),
        }
        return titles.get(key, key)

    def show_column(self, key: str, shown: bool) -> None:
        if key in self.columns:
            self.setColumnHidden(self.columns.index(key), not shown)

    # --- filling --------------------------------------------------------------------------

    def clear_tasks(self) -> None:
        self._filling = True
        try:
            self.clear()
            self._views.clear()
        finally:
            self._filling = False

    def add_group(self, title: str, color: str | None = None) -> QTreeWidgetItem:
        """A heading row with the tasks under it (the tree then shows its branches)."""
        self.setRootIsDecorated(True)
        self._filling = True
        try:
            item = QTreeWidgetItem(self)
            item.setText(0, title)
            item.setFirstColumnSpanned(True)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
            if color:
                item.setForeground(0, QBrush(QColor(color)))
            item.setExpanded(True)
        finally:
            self._filling = False
        return item

    def add_note(self, parent: QTreeWidgetItem | None, text: str) -> QTreeWidgetItem:
        """A grey line that is not a task ("and 12 more", "nothing here")."""
        self._filling = True
        try:
            item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self)
            item.setText(0, text)
            item.setFirstColumnSpanned(True)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setForeground(0, QBrush(QColor(MUTED_COLOR)))
        finally:
            self._filling = False
        return item

    def add_task(
        self,
        parent: QTreeWidgetItem | None,
        view: TaskView,
        when: str,
        *,
        overdue: bool = False,
    ) -> QTreeWidgetItem:
        self._filling = True
        try:
            item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self)
            key = str(view.id)
            self._views[key] = view
            item.setData(0, ID_ROLE, key)
            is_open = view.status == "open"
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if is_open:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(0, Qt.CheckState.Unchecked if is_open else Qt.CheckState.Checked)
            texts = {
                "when": when,
                "kind": kind_label(view.kind),
                "title": view.title,
                "client": view.client_name or "",
                "deal": view.deal_title or "",
                "assignee": view.assignee or self.tr("nobody"),
                "priority": priority_label(view.priority),
                "status": status_label(view.status),
            }
            for index, column in enumerate(self.columns):
                item.setText(index, texts.get(column, ""))
            if "kind" in self.columns:
                item.setIcon(self.columns.index("kind"), kind_icon(view.kind))
            else:  # no room for the type: its icon goes before the title
                item.setIcon(self.columns.index("title"), kind_icon(view.kind))
            item.setToolTip(self.columns.index("title"), self._tooltip(view))
            if overdue:
                item.setForeground(0, QBrush(QColor(OVERDUE_COLOR)))
            if view.priority == "high" and "priority" in self.columns:
                item.setForeground(self.columns.index("priority"), QBrush(QColor(HIGH_COLOR)))
            if not is_open:
                for index in range(len(self.columns)):
                    item.setForeground(index, QBrush(QColor(MUTED_COLOR)))
            if view.status == "cancelled" and "title" in self.columns:
                at = self.columns.index("title")
                struck = QFont(item.font(at))
                struck.setStrikeOut(True)
                item.setFont(at, struck)
        finally:
            self._filling = False
        return item

    def _tooltip(self, view: TaskView) -> str:
        lines = [f"{kind_label(view.kind)}: {view.title} ({status_label(view.status)})"]
        if view.description:
            lines.append(view.description[:300])
        how = rule_label(view.assigned_by_rule)
        if view.assignee:
            lines.append(self.tr("Assignee: {login}").format(login=view.assignee))
        if how:
            lines.append(how)
        return "\n".join(lines)

    # --- reading --------------------------------------------------------------------------

    def view_of(self, item: QTreeWidgetItem | None) -> TaskView | None:
        if item is None:
            return None
        key = item.data(0, ID_ROLE)
        return self._views.get(str(key)) if key else None

    def current_task(self) -> TaskView | None:
        return self.view_of(self.currentItem())

    def tasks(self) -> list[TaskView]:
        """The tasks shown, top to bottom."""
        out: list[TaskView] = []
        for item in self._items():
            view = self.view_of(item)
            if view is not None:
                out.append(view)
        return out

    def item_of(self, task_id: uuid.UUID) -> QTreeWidgetItem | None:
        for item in self._items():
            if item.data(0, ID_ROLE) == str(task_id):
                return item
        return None

    def select_task(self, task_id: uuid.UUID) -> bool:
        item = self.item_of(task_id)
        if item is None:
            return False
        self.setCurrentItem(item)
        self.scrollToItem(item)
        return True

    def _items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for top in range(self.topLevelItemCount()):
            item = self.topLevelItem(top)
            if item is None:
                continue
            items.append(item)
            for index in range(item.childCount()):
                child = item.child(index)
                if child is not None:
                    items.append(child)
        return items

    # --- acting ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        view = self.current_task()
        if key == Qt.Key.Key_Space or (control and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            if view is not None and view.status == "open":
                self.sig_complete.emit(view)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if view is not None:
                self.sig_open.emit(view)
            event.accept()
            return
        super().keyPressEvent(event)

    def _checked(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        view = self.view_of(item)
        if view is None or view.status != "open":
            return
        if item.checkState(0) == Qt.CheckState.Checked:
            self.setCurrentItem(item)
            self.sig_complete.emit(view)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        view = self.view_of(item)
        if view is not None:
            self.sig_open.emit(view)
