"""A record's Changes tab: who changed what and when, newest first, read off the UI thread
a page at a time ("Show older…"), with a field's earlier value or the whole record's
earlier version put back from the selected entry (each asked first, done in a worker).

One row per save: the date and time, who, and each field changed on its own line
("phone: +7 912 345-67-89 → +7 916 000-00-01"; a value that was not there reads "—", an
erased one "(erased)"); the sentence in plain words and the computer are in the tooltip.
Ctrl+R restores a value of the selected entry (asking which when it changed several),
Ctrl+Shift+R its whole version, F5 reads the history again."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.change_history import (
    FieldChange,
    HistoryEntry,
    describe,
    merged,
    record_history,
    restore_field,
    restore_version,
)
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import hint_label
from crm_desktop.ui.task_labels import MUTED_COLOR
from crm_desktop.ui.unexpected import one_sentence, report_connection

PAGE = 50  # entries read at a time
ROW_ROLE = Qt.ItemDataRole.UserRole
EMPTY_STYLE = f"color: {MUTED_COLOR}; font-size: 11pt;"
# What the recycle bin puts back, not this tab.
NOT_RESTORED_HERE = frozenset({"deleted_at"})


@dataclass(frozen=True)
class ChangeRow:
    """One row: the entry as told (several raw entries of one save merged) and the raw
    entries it was made of, newest first (restoring a field goes through each)."""

    entry: HistoryEntry
    parts: tuple[HistoryEntry, ...]

    def fields(self) -> list[FieldChange]:
        """The changes a value can be restored from: not of a creation or a removal, not
        an erased value, not the recycle bin's mark."""
        if self.entry.action != "update":
            return []
        return [c for c in self.entry.changes if not c.erased and c.field not in NOT_RESTORED_HERE]


def group(raw: list[HistoryEntry]) -> list[ChangeRow]:
    """`merged(raw)` with, for each merged entry, the raw entries it joined (a merged
    entry keeps the id of the first of its run)."""
    joined = merged(raw)
    starts = [next(i for i, e in enumerate(raw) if e.id == m.id) for m in joined]
    ends = [*starts[1:], len(raw)][: len(starts)]
    return [ChangeRow(m, tuple(raw[a:b])) for m, a, b in zip(joined, starts, ends, strict=True)]


def short_name(name: str) -> str:
    """Surname and initials ("Петрова А. С."); a login or a one-word name as it is."""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isalpha() and w[:1].isupper() for w in words):
        return name
    return " ".join([words[0], *(f"{w[0]}." for w in words[1:3])])


class _WrappedRows(QStyledItemDelegate):
    """Rows as tall as their text wrapped at the column's width (the stock size hint
    counts the lines but not the wrapping)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        width = max(self._tree.columnWidth(index.column()) - 10, 40)
        text = str(index.data() or "")
        flags = int(Qt.TextFlag.TextWordWrap.value)
        needed = option.fontMetrics.boundingRect(QRect(0, 0, width, 1_000_000), flags, text)
        return QSize(hint.width(), max(hint.height(), needed.height() + 4))


class _ChangeTree(QTreeWidget):
    sig_menu_key = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setColumnCount(3)
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, 150)
        # Row heights follow the wrapped text when a column gets wider or narrower.
        self.setItemDelegate(_WrappedRows(self))
        header.sectionResized.connect(lambda *_a: self.scheduleDelayedItemsLayout())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


class ChangesTab(QWidget):
    sig_loaded = Signal()
    sig_restored = Signal(object)  # the record's id: it changed, the card should reload
    sig_message = Signal(str)

    def __init__(
        self,
        db: Database,
        login: str | None,
        table: str,
        record_id: uuid.UUID | None = None,
        *,
        page: int = PAGE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._table = table
        self._record_id = record_id
        self._page = page
        self._serial = 0
        self._stale = True
        self._raw: list[HistoryEntry] = []
        self.rows: list[ChangeRow] = []
        self.loaded = False
        self.has_more = False
        # The card says here whether it holds unsaved typing a restore would overwrite.
        self.unsaved: Callable[[], bool] | None = None
        self.menu: QMenu | None = None  # the menu shown last (tests pick from it)
        self.field_menu: QMenu | None = None

        self.tree = _ChangeTree()
        self.tree.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What changed")])
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.tree.itemActivated.connect(lambda *_a: self.restore_value_menu())

        self.value_action = QAction(self.tr("Restore this value…"), self)
        self.value_action.setShortcut(QKeySequence("Ctrl+R"))
        self.value_action.triggered.connect(lambda: self.restore_value_menu())
        self.version_action = QAction(self.tr("Restore this version of the record…"), self)
        self.version_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.version_action.triggered.connect(lambda: self.ask_restore_version())
        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.reload)
        for action in (self.value_action, self.version_action, self.refresh_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

        self.value_button = QPushButton(self.tr("Restore this value"))
        self.value_button.setToolTip(
            self.tr("Put a field back as it was before the selected change (Ctrl+R)")
        )
        self.value_button.clicked.connect(lambda: self.restore_value_menu(self.value_button))
        self.version_button = QPushButton(self.tr("Restore this version"))
        self.version_button.setToolTip(
            self.tr(
                "Put the whole record back as it was right after the selected change (Ctrl+Shift+R)"
            )
        )
        self.version_button.clicked.connect(lambda: self.ask_restore_version())
        self.more_button = QPushButton(self.tr("Show older…"))
        self.more_button.setToolTip(self.tr("Read the next {n} older changes").format(n=page))
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()

        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(EMPTY_STYLE)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        self.status = hint_label()
        self.sig_message.connect(self.status.setText)

        top = QHBoxLayout()
        top.addWidget(self.value_button)
        top.addWidget(self.version_button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self._show_empty()
        self._update_buttons()

    # --- loading --------------------------------------------------------------------------

    def record_id(self) -> uuid.UUID | None:
        return self._record_id

    def set_record(self, record_id: uuid.UUID | None) -> None:
        """The record whose changes are shown (a card just saved gets its id here)."""
        self._record_id = record_id
        self.refresh()

    def refresh(self) -> None:
        """Read the history again: now when the tab shows, else when it next does."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> Background[list[HistoryEntry]] | None:
        """The newest page, from the start."""
        self._stale = False
        return self._fetch(None)

    def load_more(self) -> Background[list[HistoryEntry]] | None:
        """The next page of older entries."""
        if not self._raw:
            return self.reload()
        return self._fetch(self._raw[-1].id)

    def _fetch(self, before: int | None) -> Background[list[HistoryEntry]] | None:
        self._serial += 1
        serial = self._serial
        record_id, limit = self._record_id, self._page
        if record_id is None:
            self._raw, self.rows, self.has_more = [], [], False
            self._show()
            return None
        self.more_button.setEnabled(False)

        def show(entries: list[HistoryEntry]) -> None:
            if serial != self._serial or not shiboken6.isValid(self):  # superseded or closed
                return
            self._raw = (self._raw if before is not None else []) + entries
            self.has_more = len(entries) == limit
            self.rows = group(self._raw)
            self._show()

        def work(session: CrmSession) -> list[HistoryEntry]:
            return record_history(session, record_id, before=before, limit=limit)

        job: Background[list[HistoryEntry]] = Background(self._db, work, self._login, write=False)
        return job.on_done(show).on_failed(lambda e: self._failed(e, serial)).start()

    def _failed(self, error: BaseException, serial: int) -> None:
        if serial != self._serial or not shiboken6.isValid(self):
            return
        self.more_button.setEnabled(True)
        if not report_connection(error):
            self.sig_message.emit(one_sentence(error))

    # --- showing --------------------------------------------------------------------------

    def _show(self) -> None:
        current = self.current_row()
        self.tree.clear()
        # The date column as wide as its widest text before the rows go in: a column
        # sized afterwards leaves the wrapped rows with heights measured for the old width.
        metrics = self.tree.fontMetrics()
        widths = [metrics.horizontalAdvance(row.entry.when) for row in self.rows]
        self.tree.setColumnWidth(0, max([110, *widths]) + 16)
        for index, row in enumerate(self.rows):
            item = QTreeWidgetItem(self.tree)
            item.setData(0, ROW_ROLE, index)
            entry = row.entry
            item.setText(0, entry.when)
            item.setText(1, short_name(entry.who))
            item.setText(2, "\n".join(self.change_lines(entry)))
            for column in range(3):
                item.setTextAlignment(
                    column, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                )
            tip = f"{describe(entry)}\n{entry.who}"
            if entry.computer:
                tip += "\n" + self.tr("Computer: {name}").format(name=entry.computer)
            for column in range(3):
                item.setToolTip(column, tip)
        self.tree.scheduleDelayedItemsLayout()
        self._show_empty()
        self.more_button.setVisible(self.has_more)
        self.more_button.setEnabled(True)
        if current is not None:
            self.select_entry(current.entry.id)
        elif self.rows and self.tree.currentItem() is None:
            self._select(0)
        self._update_buttons()
        self.loaded = self._record_id is not None
        self.sig_loaded.emit()

    def _show_empty(self) -> None:
        if self._record_id is None:
            self.empty.setText(self.tr("Save the record first: then its changes are listed here."))
        else:
            self.empty.setText(self.tr("No changes recorded yet"))
        self.stack.setCurrentWidget(self.tree if self.rows else self.empty)

    def change_lines(self, entry: HistoryEntry) -> list[str]:
        """What the entry did, one line a field."""
        if entry.action == "insert":
            head = self.tr("Created")
            return [head] + [
                f"{c.label}: {c.new_text}" for c in entry.changes if c.new is not None or c.erased
            ]
        if entry.action == "delete":
            return [self.tr("Removed")]
        lines = []
        for change in entry.changes:
            if change.field == "deleted_at":
                lines.append(
                    self.tr("Moved to the recycle bin")
                    if change.new is not None
                    else self.tr("Restored from the recycle bin")
                )
            else:
                lines.append(f"{change.label}: {change.old_text} → {change.new_text}")
        return lines

    def texts(self) -> list[str]:
        """Each row's cells joined, as shown (for tests and for reading aloud)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None:
                out.append(" | ".join(item.text(c) for c in range(3)))
        return out

    def sentences(self) -> list[str]:
        """Each row in plain words: who did what, and when."""
        return [describe(row.entry) for row in self.rows]

    def current_row(self) -> ChangeRow | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        index = item.data(0, ROW_ROLE)
        return self.rows[index] if isinstance(index, int) and index < len(self.rows) else None

    def select_entry(self, entry_id: int) -> bool:
        for index, row in enumerate(self.rows):
            if row.entry.id == entry_id:
                self._select(index)
                return True
        return False

    def _select(self, index: int) -> None:
        item = self.tree.topLevelItem(index)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.value_button.setEnabled(row is not None and bool(row.fields()))
        self.value_action.setEnabled(self.value_button.isEnabled())
        self.version_button.setEnabled(row is not None and row.entry.action != "delete")
        self.version_action.setEnabled(self.version_button.isEnabled())

    # --- restoring ------------------------------------------------------------------------

    def _field_menu(self, row: ChangeRow, parent: QMenu | None = None) -> QMenu:
        menu = QMenu(self.tr("Restore this value"), parent or self)
        for change in row.fields():
            text = self.tr("{label}: back to {old}").format(label=change.label, old=change.old_text)
            action = menu.addAction(text)
            action.setData(change.field)
            action.triggered.connect(lambda _c=False, f=change.field: self.ask_restore_field(f))
        return menu

    def restore_value_menu(self, anchor: QWidget | None = None) -> QMenu | None:
        """Restore a value of the selected entry: at once (after asking) when it changed
        one field, else a menu of its fields under `anchor` (or at the selected row)."""
        row = self.current_row()
        if row is None or not row.fields():
            return None
        fields = row.fields()
        if len(fields) == 1:
            self.ask_restore_field(fields[0].field)
            return None
        menu = self._field_menu(row)
        self.field_menu = menu
        item = self.tree.currentItem()
        if anchor is not None or item is None:
            anchor = anchor or self.value_button
            menu.popup(anchor.mapToGlobal(QPoint(0, anchor.height())))
        else:
            rect = self.tree.visualItemRect(item)
            menu.popup(self.tree.viewport().mapToGlobal(rect.bottomLeft()))
        return menu

    def context_menu(self) -> QMenu | None:
        """The selected entry's actions (what a right click shows)."""
        row = self.current_row()
        menu = QMenu(self)
        if row is not None:
            fields = row.fields()
            if len(fields) == 1:
                single = menu.addAction(
                    self.tr("Restore this value: {label}").format(label=fields[0].label)
                )
                single.setShortcut(self.value_action.shortcut())
                single.triggered.connect(lambda: self.ask_restore_field(fields[0].field))
            elif fields:
                menu.addMenu(self._field_menu(row, menu))
            menu.addAction(self.version_action)
            menu.addSeparator()
        menu.addAction(self.refresh_action)
        return menu

    def _context_menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        if item is not None:
            self.tree.setCurrentItem(item)
        menu = self.context_menu()
        if menu is not None:
            self.menu = menu
            menu.popup(self.tree.viewport().mapToGlobal(point))

    def _may_restore(self) -> bool:
        if self.unsaved is not None and self.unsaved():
            QMessageBox.information(
                self,
                self.tr("Changes"),
                self.tr(
                    "Save or discard what you typed in the card first: restoring would "
                    "overwrite it."
                ),
            )
            return False
        return True

    def ask_restore_field(self, field: str) -> Background[Any] | None:
        row = self.current_row()
        if row is None:
            return None
        change = next((c for c in row.fields() if c.field == field), None)
        if change is None or not self._may_restore():
            return None
        answer = QMessageBox.question(
            self,
            self.tr("Restore this value"),
            self.tr("Put {label} back as it was before this change: {old}?").format(
                label=change.label, old=change.old_text
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.restore_field(row, field)

    def restore_field(self, row: ChangeRow, field: str) -> Background[Any]:
        """Put `field` back (every raw entry of the save that changed it, so a phone
        replaced by another comes back and the other goes), in a worker."""
        entry_ids = [part.id for part in row.parts if any(c.field == field for c in part.changes)]
        label = next((c.label for c in row.entry.changes if c.field == field), field)
        done = self.tr("Restored: {label}").format(label=label)

        def work(session: CrmSession) -> str:
            for entry_id in entry_ids:
                restore_field(session, entry_id, field)
            return done

        return self._run(work)

    def ask_restore_version(self) -> Background[Any] | None:
        row = self.current_row()
        if row is None or row.entry.action == "delete" or not self._may_restore():
            return None
        text = self.tr("Put the whole record back as it was right after this change ({when})?")
        if self._table == "clients":
            text += " " + self.tr("Phones and e-mails stay as they are: restore those one by one.")
        answer = QMessageBox.question(
            self, self.tr("Restore this version"), text.format(when=row.entry.when)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.restore_version(row)

    def restore_version(self, row: ChangeRow) -> Background[Any]:
        newest = row.parts[0].id  # the state right after the whole save
        nothing = self.tr("Nothing to restore: the record is already like this.")
        done = self.tr("Restored the version of {when}").format(when=row.entry.when)

        def work(session: CrmSession) -> str:
            return done if restore_version(session, newest) else nothing

        return self._run(work)

    def _run(self, work: Callable[[CrmSession], str]) -> Background[Any]:
        self.value_button.setEnabled(False)
        self.version_button.setEnabled(False)
        job: Background[str] = Background(self._db, work, self._login)
        return job.on_done(self._restored).on_failed(self._restore_failed).start()

    def _restored(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.sig_message.emit(message)
        self.reload()
        self.sig_restored.emit(self._record_id)

    def _restore_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._update_buttons()
        if report_connection(error):
            return
        message = one_sentence(error)
        self.sig_message.emit(message)
        QMessageBox.warning(self, self.tr("Not restored"), message)
