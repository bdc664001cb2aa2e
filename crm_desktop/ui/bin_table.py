"""The recycle bin's Qt model: the entries matching a filter (kind, a fragment of the
name), the latest deletion first, fetched a page at a time in a worker as the list
scrolls (keyset paging in `bin_page`), never holding more than what was scrolled past."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from crm_desktop.i18n.formats import format_datetime
from crm_desktop.services.recycle_bin import BinEntry, BinKey, BinKind, BinPage, bin_page
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.icons import icon
from crm_desktop.ui.invoice_files import error_text

PAGE = 100
KIND, WHAT, DETAIL, DELETED_ON, DELETED_BY = range(5)
Index = QModelIndex | QPersistentModelIndex


class BinTableModel(QAbstractTableModel):
    """The bin's entries matching a filter, fetched a page at a time in a worker."""

    sig_loaded = Signal()  # a page arrived
    sig_failed = Signal(str)

    def __init__(self, db: Database, login: str | None, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self.rows: list[BinEntry] = []
        self.kind: BinKind | None = None
        self.search: str | None = None
        self._next: BinKey | None = None
        self._more = True
        self._loading = False
        self._serial = 0
        self.headers = [
            self.tr("Kind"),
            self.tr("What"),
            self.tr("Details"),
            self.tr("Deleted on"),
            self.tr("Deleted by"),
        ]

    def kind_text(self, kind: BinKind) -> str:
        return {
            BinKind.CLIENTS: self.tr("Client"),
            BinKind.DEALS: self.tr("Deal"),
            BinKind.TASKS: self.tr("Task"),
            BinKind.INVOICES: self.tr("Invoice"),
            BinKind.PRODUCTS: self.tr("Product"),
        }[kind]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.DecorationRole and column == KIND:
            return icon(entry.kind.value)
        if role == Qt.ItemDataRole.ToolTipRole and column == DELETED_BY and entry.deleted_by:
            return entry.deleted_by  # the login behind the name
        if role == Qt.ItemDataRole.UserRole:
            return (entry.kind, entry.id)
        return None

    def _text(self, entry: BinEntry, column: int) -> str:
        if column == KIND:
            return self.kind_text(entry.kind)
        if column == WHAT:
            return entry.title
        if column == DETAIL:
            return entry.detail or ""
        if column == DELETED_ON:
            return format_datetime(entry.deleted_at)
        if entry.who:
            return entry.who
        return self.tr("the file's owner") if self._db.location.is_sqlite else "—"

    def set_filter(self, kind: BinKind | None, search: str | None) -> None:
        self.kind, self.search = kind, search
        self.reload()

    def reload(self) -> None:
        self._serial += 1
        self.beginResetModel()
        self.rows = []
        self._next = None
        self._more = True
        self._loading = False
        self.endResetModel()
        self.fetch()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self.fetch()

    @property
    def loading(self) -> bool:
        return self._loading

    def fetch(self) -> None:
        if self._loading or not self._more:
            return
        self._loading = True
        serial, kind, search, after = self._serial, self.kind, self.search, self._next
        Background(
            self._db,
            lambda s: bin_page(s, kind=kind, search=search, after=after, limit=PAGE),
            self._login,
            write=False,
        ).on_done(lambda page: self._arrived(serial, page)).on_failed(
            lambda error: self._fetch_failed(serial, error)
        ).start()

    def _arrived(self, serial: int, page: BinPage) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return
        # where the next page starts is set before the rows go in: a view (or a model
        # tester) may ask for more while they are being inserted
        self._next = page.next_key
        self._more = page.next_key is not None
        self._loading = False
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        self.sig_loaded.emit()

    def _fetch_failed(self, serial: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return
        self._loading = False
        self._more = False
        self.sig_failed.emit(error_text(error))
