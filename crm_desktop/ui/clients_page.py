"""The Clients page: search as you type, quick filters, the responsible manager and tag
filters, and the paged client list, sorted by the column header clicked; the columns shown,
their widths and order and the sort are remembered (app settings)."""

from __future__ import annotations

import datetime as dt
import json
import traceback
import uuid
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.services.client_list import Bin, ClientFilter, ClientSort
from crm_desktop.services.client_rows import ClientRow
from crm_desktop.services.clients import assign_owner, delete_clients, restore_clients
from crm_desktop.services.search import search_clients
from crm_desktop.services.segments import list_segments
from crm_desktop.services.tags import list_tags, tag_clients
from crm_desktop.services.users import list_users
from crm_desktop.services.vocabulary import ClientKind
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background, Cancelled, Progress
from crm_desktop.ui.client_card import ClientCard
from crm_desktop.ui.client_table import ClientTableModel
from crm_desktop.ui.icons import icon
from crm_desktop.ui.merge_dialog import MergeDialog
from crm_desktop.ui.settings import app_settings
from crm_desktop.ui.unexpected import error_box, report_connection

if TYPE_CHECKING:
    from crm_desktop.ui.import_history import ImportHistory
    from crm_desktop.ui.import_wizard import ImportWizard

# Typing waits this long before searching: short, so results follow the last key within
# 100 ms on a million clients (python -m bench ui), yet one search per burst of keys.
SEARCH_DELAY_MS = 30
SAVE_DELAY_MS = 500
QUIET_DAYS = 30
LAYOUT_KEY = "client_list/columns"  # JSON: order, hidden, widths, sort, descending
# What fits beside the sidebar on a 1366×768 screen without a horizontal scroll bar.
DEFAULT_WIDTHS = {
    "name": 270,
    "company": 170,
    "phone": 140,
    "email": 200,
    "inn": 110,
    "owner": 110,
    "last_contact": 110,
    "created": 110,
}
DEFAULT_HIDDEN = ("created",)
NOBODY = ""  # the owner filter's "no manager" (logins are never empty)


class ClientsPage(QWidget):
    sig_message = Signal(str, object)  # text, and the ids an undo would restore
    sig_exported = Signal(str, int)  # the workbook written, and its rows

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
        self.owner_filter = QComboBox()
        self.owner_filter.setToolTip(self.tr("Responsible manager"))
        self._owners: list[str | None] = []  # None: anyone; NOBODY: no manager
        self.tag_filter = QComboBox()
        self.tag_filter.setToolTip(self.tr("Tag"))
        self._tags: list[uuid.UUID | None] = []  # None: any tag or none
        self.segment_filter = QComboBox()
        self.segment_filter.setToolTip(self.tr("Segment (a saved filter)"))
        self._segments: list[uuid.UUID | None] = []  # None: no segment chosen
        self.reload_choices()

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
        header.setSectionsClickable(True)
        header.setSectionsMovable(True)
        header.setSortIndicatorShown(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._saved_layout: dict[str, Any] = {}
        self._applying = False
        self._restore_layout()

        self.new_button = QPushButton(icon("add"), self.tr("New client"))
        self.new_button.setToolTip(self.tr("Add a client (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.open_card(None))
        # Excel: import the old list, its history, export what the list shows.
        self.excel_menu = QMenu(self)
        self.excel_menu.addAction(
            icon("import"), self.tr("Import from Excel or CSV…\tCtrl+I"), self.open_import
        )
        self.excel_menu.addAction(self.tr("Import history…"), self.open_import_history)
        self.excel_menu.addSeparator()
        self.excel_menu.addAction(
            icon("export"), self.tr("Export to Excel…\tCtrl+E"), lambda: self.export_dialog()
        )
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Excel"))
        self.export_button.setIcon(icon("excel"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setToolTip(
            self.tr("Import the client list from Excel or CSV (Ctrl+I), export it (Ctrl+E)")
        )
        self.export_button.setMenu(self.excel_menu)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.filter)
        bar.addWidget(self.owner_filter)
        bar.addWidget(self.tag_filter)
        bar.addWidget(self.segment_filter)
        bar.addWidget(self.export_button)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 8)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.table)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._typed)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.owner_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.segment_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_layout)
        header.sortIndicatorChanged.connect(self._sort_clicked)
        header.sectionResized.connect(lambda _c, _old, _new: self._save_timer.start())
        header.sectionMoved.connect(lambda _c, _old, _new: self.save_layout())
        header.customContextMenuRequested.connect(
            lambda position: self.column_menu().popup(header.mapToGlobal(position))
        )
        self.table.doubleClicked.connect(lambda index: self.open_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        QShortcut(QKeySequence("Ctrl+N"), self, lambda: self.open_card(None))
        QShortcut(QKeySequence("Ctrl+E"), self, lambda: self.export_dialog())
        QShortcut(QKeySequence("Ctrl+I"), self, self.open_import)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, self.open_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        self.model.reload(self.current_where())

    # --- the owner and tag filters ------------------------------------------------------

    def reload_choices(self) -> None:
        """Fill the manager and tag boxes from the database, keeping what is chosen (or
        going back to "all" when it is gone)."""
        with self._db.unit_of_work(self._login, write=False) as session:
            users = [u for u in list_users(session) if not u.disabled]
            tags = list_tags(session)
            segments = list_segments(session, with_counts=False)
        owner, tag, segment = self.chosen_owner(), self.chosen_tag(), self.chosen_segment()
        self._segments = [None, *(v.id for v in segments)]
        segment_labels = [self.tr("All segments"), *(v.name for v in segments)]
        self._owners = [None, *(u.login for u in users), NOBODY]
        owner_labels = [
            self.tr("All managers"),
            *(u.full_name or u.login for u in users),
            self.tr("No manager"),
        ]
        self._tags = [None, *(t.id for t in tags)]
        tag_labels = [self.tr("All tags"), *(t.name for t in tags)]
        for box, labels, index in (
            (
                self.owner_filter,
                owner_labels,
                self._owners.index(owner) if owner in self._owners else 0,
            ),
            (self.tag_filter, tag_labels, self._tags.index(tag) if tag in self._tags else 0),
            (
                self.segment_filter,
                segment_labels,
                self._segments.index(segment) if segment in self._segments else 0,
            ),
        ):
            box.blockSignals(True)
            try:
                box.clear()
                box.addItems(labels)
                box.setCurrentIndex(index)
            finally:
                box.blockSignals(False)

    def chosen_owner(self) -> str | None:
        """The login chosen in the manager box, NOBODY for "no manager", None for all."""
        index = self.owner_filter.currentIndex()
        return self._owners[index] if 0 <= index < len(self._owners) else None

    def chosen_tag(self) -> uuid.UUID | None:
        index = self.tag_filter.currentIndex()
        return self._tags[index] if 0 <= index < len(self._tags) else None

    def chosen_segment(self) -> uuid.UUID | None:
        index = self.segment_filter.currentIndex()
        return self._segments[index] if 0 <= index < len(self._segments) else None

    def choose_segment(self, segment_id: uuid.UUID | None) -> None:
        self.segment_filter.setCurrentIndex(self._segments.index(segment_id))

    def choose_owner(self, login: str | None) -> None:
        """Show one manager's clients (NOBODY: the unassigned ones; None: everyone's)."""
        self.owner_filter.setCurrentIndex(self._owners.index(login))

    def choose_tag(self, tag_id: uuid.UUID | None) -> None:
        self.tag_filter.setCurrentIndex(self._tags.index(tag_id))

    def current_where(self) -> ClientFilter:
        """The quick filter narrowed by the manager and tag boxes (all must hold)."""
        where = self.current_filter()
        owner = self.chosen_owner()
        if owner == NOBODY:
            where = replace(where, unassigned=True)
        elif owner is not None:
            # "My clients" and another manager chosen: both must hold, so nobody matches.
            clash = where.owner is not None and where.owner != owner
            where = replace(where, unassigned=True) if clash else replace(where, owner=owner)
        tag = self.chosen_tag()
        if tag is not None:
            where = replace(where, tag_id=tag)
        segment = self.chosen_segment()
        return where if segment is None else replace(where, segment_id=segment)

    # --- columns: sort, shown, widths and order, remembered ------------------------------

    def _layout_state(self) -> dict[str, Any]:
        header = self.table.horizontalHeader()
        columns = self.model.COLUMNS
        order = [columns[header.logicalIndex(visual)] for visual in range(header.count())]
        hidden = [c for i, c in enumerate(columns) if header.isSectionHidden(i)]
        shown = [c for c in order if c not in hidden]
        # The last column shown stretches with the window: its width is not the user's.
        widths = {c: header.sectionSize(columns.index(c)) for c in shown[:-1]}
        return {
            "order": order,
            "hidden": hidden,
            "widths": widths,
            "sort": self.model.sort_key.value,
            "descending": self.model.descending,
        }

    def save_layout(self) -> None:
        """Remember the columns and the sort (only when something changed)."""
        if self._applying:
            return
        self._save_timer.stop()
        state = self._layout_state()
        if state != self._saved_layout:
            app_settings().setValue(LAYOUT_KEY, json.dumps(state, ensure_ascii=False))
            self._saved_layout = state

    def _restore_layout(self) -> None:
        raw = app_settings().value(LAYOUT_KEY)
        try:
            state = json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:
            state = {}
        self._apply_layout(state if isinstance(state, dict) else {})
        self._saved_layout = self._layout_state()

    def _apply_layout(self, state: dict[str, Any]) -> None:
        """Columns and sort as `state` says, the defaults for whatever it does not."""
        header = self.table.horizontalHeader()
        columns = self.model.COLUMNS
        saved_order = state.get("order")
        known = [c for c in saved_order if c in columns] if isinstance(saved_order, list) else []
        hidden = state.get("hidden")
        hidden = hidden if isinstance(hidden, list) else DEFAULT_HIDDEN
        widths = state.get("widths")
        widths = widths if isinstance(widths, dict) else {}
        self._applying = True  # what follows is not the user's doing: nothing to save
        try:
            for visual, column in enumerate(dict.fromkeys(known + list(columns))):
                header.moveSection(header.visualIndex(columns.index(column)), visual)
            for logical, column in enumerate(columns):
                width = widths.get(column)
                if not (isinstance(width, int) and width > 0):
                    width = DEFAULT_WIDTHS[column]
                self.table.setColumnWidth(logical, width)
                header.setSectionHidden(logical, column != "name" and column in hidden)
        finally:
            self._applying = False
        try:
            sort = ClientSort(state.get("sort", ClientSort.NAME.value))
        except ValueError:
            sort = ClientSort.NAME
        descending = state.get("descending") is True
        self.model.set_sort(sort, descending)
        order_flag = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header.blockSignals(True)
        try:
            header.setSortIndicator(self.model.sort_column(), order_flag)
        finally:
            header.blockSignals(False)

    def reset_layout(self) -> None:
        """The columns, widths and sort a new user gets."""
        app_settings().remove(LAYOUT_KEY)
        self._apply_layout({})
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self._saved_layout = self._layout_state()
        self.refresh()

    def _sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        header = self.table.horizontalHeader()
        if not header.isSortIndicatorShown():
            # Search results were in their own order: a click starts the column's usual one.
            initial = self.model.headerData(
                column, Qt.Orientation.Horizontal, Qt.ItemDataRole.InitialSortOrderRole
            )
            order = Qt.SortOrder(initial)
            header.blockSignals(True)
            try:
                header.setSortIndicator(column, order)
            finally:
                header.blockSignals(False)
            header.setSortIndicatorShown(True)
        self.model.sort(column, order)
        self.save_layout()

    def sort_by(self, column: str, descending: bool = False) -> None:
        """As if the user clicked that column's header until it showed this order."""
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(self.model.COLUMNS.index(column), order)

    def show_column(self, column: str, shown: bool) -> None:
        if column == "name":
            return
        self.table.setColumnHidden(self.model.COLUMNS.index(column), not shown)
        self.save_layout()

    def column_menu(self) -> QMenu:
        """The header's menu: a check box per column (the name always stays), and reset."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for logical, (column, label) in enumerate(
            zip(self.model.COLUMNS, self.model.headers(), strict=True)
        ):
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(logical))
            action.setEnabled(column != "name")
            action.toggled.connect(partial(self.show_column, column))
        menu.addSeparator()
        menu.addAction(self.tr("Reset columns"), self.reset_layout)
        return menu

    # --- actions on the selection -------------------------------------------------------

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
        menu.addAction(self.tr("Export selection…"), lambda: self.export_dialog(selection=True))
        menu.addAction(self.tr("Export the whole list…"), lambda: self.export_dialog())
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
        self.reload_choices()
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

    def _typed(self, _text: str) -> None:
        self._search_serial += 1  # a search still running is for an older text: not shown
        self._timer.start()

    def current_filter(self) -> ClientFilter:
        return self.filters[max(0, self.filter.currentIndex())][1]

    def refresh(self) -> None:
        """Show what the search box and the filters ask for: the paged list in the chosen
        order when the box is empty, else the search results (found off the UI thread) in
        the search's own order, with no sort shown until a header is clicked (which then
        sorts the results found)."""
        text = self.search.text().strip()
        where = self.current_where()
        self._search_serial += 1  # whatever is still running is out of date now
        serial = self._search_serial
        header = self.table.horizontalHeader()
        if not text:
            header.setSortIndicatorShown(True)
            self.model.reload(where)
            return

        def show(rows: list[ClientRow]) -> None:
            if serial == self._search_serial:  # a later keystroke wins
                header.setSortIndicatorShown(False)
                self.model.show_rows(rows)

        Background(
            self._db, lambda s: search_clients(s, text, where=where), self._login, write=False
        ).on_done(show).start()

    # --- export to Excel ------------------------------------------------------------------

    def default_export_path(self) -> str:
        """clients-YYYY-MM-DD.xlsx in the user's Documents."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        return str(Path(folder) / f"clients-{dt.date.today().isoformat()}.xlsx")

    def open_import(self) -> ImportWizard:
        from crm_desktop.ui.import_wizard import ImportWizard  # the readers load on demand

        wizard = ImportWizard(self._db, self._login, parent=self)
        wizard.sig_imported.connect(self.refresh)
        wizard.show()
        return wizard

    def open_import_history(self) -> ImportHistory:
        from crm_desktop.ui.import_history import ImportHistory

        history = ImportHistory(self._db, self._login, parent=self)
        history.sig_changed.connect(self.refresh)
        history.show()
        return history

    def export_dialog(self, selection: bool = False) -> None:
        """Ask where to save (the system's dialog), then `export_to`."""
        if selection and not self.selected_ids():
            return
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export to Excel"),
            self.default_export_path(),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.export_to(path, selection=selection)

    def export_to(self, path: str, selection: bool = False) -> Background[int] | None:
        """Write what the list shows to the workbook `path`: every client the search finds
        (not only the rows on screen) or the filtered list, in the order shown; or, with
        `selection`, the selected rows. Runs in a worker with progress and Cancel; a message
        in the status line and `sig_exported(path, rows)` follow."""
        ids = self.selected_ids() if selection else None
        if selection and not ids:
            return None
        text = self.search.text().strip()
        where = self.current_where()
        # Search results keep the search's order until a column header is clicked.
        shown_sorted = not text or self.table.horizontalHeader().isSortIndicatorShown()
        sort = self.model.sort_key if shown_sorted else None
        descending = self.model.descending

        # openpyxl loads here, not at the app's start (about 90 ms).
        from crm_desktop.services.exporting import export_clients

        def work(session: Any, progress: Progress) -> int:
            return export_clients(
                session,
                path,
                where=where,
                search=text or None,
                ids=ids,
                sort=sort,
                descending=descending,
                progress=progress.report,
            )

        job: Background[int] = Background(
            self._db,
            work,
            self._login,
            write=False,
            progress=self.tr("Exporting clients to Excel…"),
            parent=self,
        )
        job.on_done(lambda rows: self._exported(path, rows)).on_failed(self._export_failed)
        return job.start()

    def _exported(self, path: str, rows: int) -> None:
        self.sig_message.emit(
            self.tr("Exported {n} clients to {file}").format(n=rows, file=path), []
        )
        self.sig_exported.emit(path, rows)

    def _export_failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.sig_message.emit(self.tr("Export cancelled: no file was written"), [])
            return
        if report_connection(error):
            return
        if isinstance(error, CrmError):
            QMessageBox.warning(self, self.tr("Export to Excel"), error.message)
            return
        error_box(error, "".join(traceback.format_exception(error))).exec()
