"""The Clients page: search as you type, quick filters, and the paged client list."""

from __future__ import annotations

import uuid
from functools import partial

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.services.client_list import Bin, ClientFilter
from crm_desktop.services.client_rows import ClientRow
from crm_desktop.services.clients import assign_owner, delete_clients, restore_clients
from crm_desktop.services.search import search_clients
from crm_desktop.services.tags import tag_clients
from crm_desktop.services.users import list_users
from crm_desktop.services.vocabulary import ClientKind
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.client_card import ClientCard
from crm_desktop.ui.client_table import ClientTableModel
from crm_desktop.ui.icons import icon
from crm_desktop.ui.merge_dialog import MergeDialog

SEARCH_DELAY_MS = 150
QUIET_DAYS = 30


class ClientsPage(QWidget):
    sig_message = Signal(str, object)  # text, and the ids an undo would restore

    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._db = db
        self._login = login
        self._search_serial = 0

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search: name, company, phone, e-mail, INN"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter = QComboBox()
        self.filters = [
            (self.tr("All clients"), ClientFilter()),
            (self.tr("People"), ClientFilter(kind=ClientKind.PERSON)),
            (self.tr("Companies"), ClientFilter(kind=ClientKind.COMPANY)),
            (self.tr("My clients"), ClientFilter(owner=login) if login else ClientFilter()),
            (
                self.tr("No contact for {n} days").format(n=QUIET_DAYS),
                ClientFilter(no_contact_days=QUIET_DAYS),
            ),
            (self.tr("Recycle bin"), ClientFilter(bin=Bin.DELETED)),
        ]
        for label, _where in self.filters:
            self.filter.addItem(label)

        self.model = ClientTableModel(db, login)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate((300, 190, 160, 220, 120)):
            self.table.setColumnWidth(column, width)

        self.new_button = QPushButton(icon("add"), self.tr("New client"))
        self.new_button.setToolTip(self.tr("Add a client (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.open_card(None))
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.filter)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 8)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.table)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.doubleClicked.connect(lambda index: self.open_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        QShortcut(QKeySequence("Ctrl+N"), self, lambda: self.open_card(None))
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, self.open_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        self.model.reload()

    def selected_ids(self) -> list[uuid.UUID]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [row.id for row in map(self.model.client_at, rows) if row is not None]

    def _menu(self, position: QPoint) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), self.open_selected)
        merge = menu.addAction(self.tr("Merge duplicates…"), self.merge_selected)
        merge.setEnabled(len(ids) == 2)
        assign = menu.addMenu(self.tr("Assign to"))
        with self._db.unit_of_work(self._login, write=False) as session:
            users = [u for u in list_users(session) if not u.disabled]
        for user in users:
            assign.addAction(
                user.full_name or user.login, partial(self.assign_selected, user.login)
            )
        assign.addSeparator()
        assign.addAction(self.tr("nobody"), lambda: self.assign_selected(None))
        menu.addAction(self.tr("Add a tag…"), self.tag_selected)
        menu.addSeparator()
        menu.addAction(icon("delete"), self.tr("Move to the recycle bin"), self.delete_selected)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def merge_selected(self) -> MergeDialog | None:
        ids = self.selected_ids()
        if len(ids) != 2:
            return None
        dialog = MergeDialog(self._db, self._login, ids[0], ids[1], parent=self)
        dialog.sig_merged.connect(lambda _view: self.refresh())
        dialog.open()
        return dialog

    def assign_selected(self, login: str | None) -> None:
        ids = self.selected_ids()
        with self._db.unit_of_work(self._login) as session:
            changed = assign_owner(session, ids, login)
        self.refresh()
        self.sig_message.emit(self.tr("Responsible changed: {n}").format(n=changed), [])

    def tag_selected(self, name: str | None = None) -> None:
        ids = self.selected_ids()
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("Add a tag"), self.tr("Tag:"))
            if not ok or not name.strip():
                return
        try:
            with self._db.unit_of_work(self._login) as session:
                tag = tag_clients(session, ids, name)
        except CrmError as exc:
            QMessageBox.warning(self, self.tr("Add a tag"), str(exc))
            return
        self.sig_message.emit(
            self.tr("Tag «{tag}» added: {n}").format(tag=tag.name, n=len(ids)), []
        )

    def open_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.open_card(ids[0])

    def open_card(self, client_id: uuid.UUID | None) -> ClientCard:
        card = ClientCard(self._db, self._login, client_id, parent=self)
        card.sig_saved.connect(lambda _view: self.refresh())
        card.show()
        return card

    def delete_selected(self) -> None:
        """To the recycle bin, with Undo in the status line for a while."""
        ids = self.selected_ids()
        if not ids:
            return
        with self._db.unit_of_work(self._login) as session:
            moved = delete_clients(session, ids)
        self.refresh()
        self.sig_message.emit(self.tr("Moved to the recycle bin: {n}").format(n=len(moved)), moved)

    def undo_delete(self, ids: list[uuid.UUID]) -> None:
        with self._db.unit_of_work(self._login) as session:
            restore_clients(session, ids)
        self.refresh()

    def current_filter(self) -> ClientFilter:
        return self.filters[max(0, self.filter.currentIndex())][1]

    def refresh(self) -> None:
        """Show what the search box and the filter ask for: the paged list when the box is
        empty, else the search results (found off the UI thread)."""
        text = self.search.text().strip()
        where = self.current_filter()
        self._search_serial += 1  # whatever is still running is out of date now
        serial = self._search_serial
        if not text:
            self.model.reload(where)
            return

        def show(rows: list[ClientRow]) -> None:
            if serial == self._search_serial:  # a later keystroke wins
                self.model.show_rows(rows)

        Background(
            self._db, lambda s: search_clients(s, text, where=where), self._login, write=False
        ).on_done(show).start()
