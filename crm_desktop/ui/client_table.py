"""The client list's Qt model: pages through the database as the user scrolls
(keyset paging in services), never holding more than what was scrolled past."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from crm_desktop.services.client_list import ClientFilter, PageKey, list_clients
from crm_desktop.services.client_rows import ClientRow
from crm_desktop.services.phones import format_phone
from crm_desktop.store.database import Database

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


class ClientTableModel(QAbstractTableModel):
    COLUMNS = ("name", "company", "phone", "email", "inn", "owner")

    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._db = db
        self._login = login
        self._rows: list[ClientRow] = []
        self._next: PageKey | None = None
        self._more = True
        self._where = ClientFilter()

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Company"),
            self.tr("Phone"),
            self.tr("E-mail"),
            self.tr("INN"),
            self.tr("Owner"),
        ]

    def reload(self, where: ClientFilter | None = None) -> None:
        """Start the paged list again (with a new filter, if given)."""
        if where is not None:
            self._where = where
        self.beginResetModel()
        self._rows, self._next, self._more = [], None, True
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def show_rows(self, rows: list[ClientRow]) -> None:
        """Show a fixed set (search results) instead of the paged list."""
        self.beginResetModel()
        self._rows, self._next, self._more = list(rows), None, False
        self.endResetModel()

    def client_at(self, row: int) -> ClientRow | None:
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
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        view = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "name":
            return view.display_name
        if column == "company":
            return view.company or ""
        if column == "phone":
            return format_phone(view.phone) if view.phone else ""
        if column == "email":
            return view.email or ""
        if column == "inn":
            return view.inn or ""
        return view.owner or ""

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._more:
            return
        with self._db.unit_of_work(self._login, write=False) as session:  # an indexed page: ~1 ms
            page = list_clients(session, after=self._next, limit=PAGE, where=self._where)
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._next = page.next_key
        self._more = page.next_key is not None
