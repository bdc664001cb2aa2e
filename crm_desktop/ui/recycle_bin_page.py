"""The recycle bin: every deleted client, deal, task, invoice draft and product in one
list, the latest deletion first, a page at a time as it scrolls (`bin_table`), with who
deleted it and when; filtered by kind and by a fragment of the name. Selected records
come back with Restore (Ctrl+R); an administrator erases them for good ("Delete for
good…", Shift+Del) or empties the whole bin, after a question naming how many. Everything
reaches the database in a worker (`Background`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.recycle_bin import (
    BinKind,
    PurgeReport,
    RestoreReport,
    bin_count,
    bin_permission,
    empty_bin,
    purge_entries,
    restore_entries,
)
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.bin_table import DELETED_BY, DELETED_ON, DETAIL, KIND, WHAT, BinTableModel
from crm_desktop.ui.field_messages import hint_label
from crm_desktop.ui.icons import icon
from crm_desktop.ui.invoice_files import error_text

SEARCH_DELAY_MS = 250
DANGER_STYLE = "QPushButton:enabled { color: #b71c1c; }"


class RecycleBinPage(QWidget):
    sig_message = Signal(str)
    sig_changed = Signal()  # records came back or went for good: the list is read again
    sig_counted = Signal()  # the count under the list is known

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._shown_once = False
        self.total: int | None = None  # what the bin holds under the current filter
        self.refusal: str | None = ""  # why this user may not erase ("": not known yet)
        self.erasing: Background[PurgeReport] | None = None  # the erasure under way
        title = QLabel(self.tr("Recycle bin"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for kind, label in (
            (BinKind.CLIENTS, self.tr("Clients")),
            (BinKind.DEALS, self.tr("Deals")),
            (BinKind.TASKS, self.tr("Tasks")),
            (BinKind.INVOICES, self.tr("Invoices")),
            (BinKind.PRODUCTS, self.tr("Products")),
        ):
            self.kind.addItem(icon(kind.value), label, kind.value)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find in the recycle bin: a name, title or number"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)

        self.model = BinTableModel(db, login, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)
        for column, width in ((KIND, 130), (DELETED_ON, 150), (DELETED_BY, 200)):
            self.table.setColumnWidth(column, width)
        self.empty = hint_label()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setToolTip(self.tr("Bring the selected records back (Ctrl+R)"))
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.purge_button = QPushButton(
            icon("delete", color="#b71c1c"), self.tr("Delete for good…")
        )
        self.purge_button.setStyleSheet(DANGER_STYLE)
        self.purge_button.clicked.connect(lambda: self.purge_selected())
        self.empty_button = QPushButton(self.tr("Empty the recycle bin…"))
        self.empty_button.setStyleSheet(DANGER_STYLE)
        self.empty_button.clicked.connect(lambda: self.empty_bin())
        self.count = hint_label()
        self.count.setWordWrap(False)  # one line beside the buttons

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show:")))
        filters.addWidget(self.kind)
        filters.addWidget(self.search, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.restore_button)
        actions.addSpacing(24)
        actions.addWidget(self.purge_button)
        actions.addWidget(self.empty_button)
        actions.addStretch(1)
        actions.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(actions)

        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.refresh)
        self.model.sig_loaded.connect(self._loaded)
        self.model.sig_failed.connect(self.sig_message.emit)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        QShortcut(QKeySequence("Ctrl+R"), self, lambda: self.restore_selected())
        QShortcut(QKeySequence("Shift+Del"), self, lambda: self.purge_selected())
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self._update_buttons()
        self._check_permission()
        self.refresh()

    # --- reading -----------------------------------------------------------------------------

    def chosen_kind(self) -> BinKind | None:
        raw = self.kind.currentData()
        return BinKind(raw) if raw else None

    def refresh(self) -> None:
        """Read the list (and its count) again, with the current filter."""
        self._search_timer.stop()
        kind, search = self.chosen_kind(), self.search.text().strip() or None
        self.total = None
        self.model.set_filter(kind, search)
        Background(
            self._db, lambda s: bin_count(s, kind=kind, search=search), self._login, write=False
        ).on_done(self._counted).start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shown_once:  # records were deleted elsewhere meanwhile
            self.refresh()
        self._shown_once = True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _check_permission(self) -> None:
        login = self._login
        Background(self._db, lambda s: bin_permission(s, login), login, write=False).on_done(
            self._permission_known
        ).start()

    def _permission_known(self, refusal: str | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.refusal = refusal
        self._update_buttons()

    @property
    def may_erase(self) -> bool:
        return self.refusal is None

    def _counted(self, total: int) -> None:
        if not shiboken6.isValid(self):
            return
        self.total = total
        self._show_count()
        self._update_buttons()
        self.sig_counted.emit()

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        if not self.total:  # not known yet, or nothing: the empty list says so
            self.count.setText("")
        elif rows < self.total:
            self.count.setText(
                self.tr("{shown} of {total} shown, more as you scroll").format(
                    shown=rows, total=self.total
                )
            )
        else:
            self.count.setText(self.tr("In the recycle bin: {n}").format(n=self.total))

    def _loaded(self) -> None:
        rows = self.model.rowCount()
        filtered = self.chosen_kind() is not None or bool(self.model.search)
        self.empty.setText(
            self.tr("Nothing in the recycle bin matches the filter.")
            if filtered
            else self.tr(
                "The recycle bin is empty. Deleted clients, deals, tasks, invoice drafts "
                "and products come here, and can be restored from here."
            )
        )
        self.empty.setVisible(rows == 0)
        self.table.setVisible(rows > 0)
        self._show_count()
        self._update_buttons()

    # --- the selection -----------------------------------------------------------------------

    def selected(self) -> list[tuple[BinKind, uuid.UUID]]:
        chosen = []
        for index in self.table.selectionModel().selectedRows():
            value = self.model.data(index, Qt.ItemDataRole.UserRole)
            if value is not None:
                chosen.append(value)
        return chosen

    def _update_buttons(self) -> None:
        chosen = bool(self.selected()) and self.erasing is None
        self.restore_button.setEnabled(chosen)
        if self.erasing is not None:
            self.purge_button.setEnabled(False)
            self.empty_button.setEnabled(False)
        elif self.refusal is None:
            self.purge_button.setEnabled(chosen)
            self.purge_button.setToolTip(
                self.tr("Erase the selected records for good, with their details (Shift+Del)")
            )
            self.empty_button.setEnabled(bool(self.total) or self.model.rowCount() > 0)
            self.empty_button.setToolTip(
                self.tr(
                    "Erase for good everything in the recycle bin of the kind chosen under “Show”"
                )
            )
        else:
            reason = self.refusal or self.tr("Checking your rights…")
            for button in (self.purge_button, self.empty_button):
                button.setEnabled(False)
                button.setToolTip(reason)

    # --- actions -----------------------------------------------------------------------------

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Recycle bin"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            QMessageBox.warning(self, self.tr("Recycle bin"), error_text(error))

    def restore_selected(self) -> Background[RestoreReport] | None:
        chosen = self.selected()
        if not chosen:
            return None
        return (
            Background(self._db, lambda s: restore_entries(s, chosen), self._login)
            .on_done(self._restored)
            .on_failed(self._failed)
            .start()
        )

    def _restored(self, report: RestoreReport) -> None:
        if not shiboken6.isValid(self):
            return
        reasons = "\n".join(
            f"• {self._title_of(r.kind, r.id)}: {r.message}" for r in report.refused[:10]
        )
        if report.restored:
            self.sig_message.emit(self.tr("Restored: {n}").format(n=len(report.restored)))
        self.refresh()
        self.sig_changed.emit()
        if report.refused:
            QMessageBox.information(
                self,
                self.tr("Recycle bin"),
                self.tr("These records stay in the recycle bin:\n{reasons}").format(
                    reasons=reasons
                ),
            )

    def _title_of(self, kind: BinKind, row_id: uuid.UUID) -> str:
        for entry in self.model.rows:
            if entry.kind is kind and entry.id == row_id:
                return entry.title
        return str(row_id)

    def purge_selected(self) -> Background[PurgeReport] | None:
        chosen = self.selected()
        if not chosen or not self.may_erase:
            return None
        question = self.tr(
            "Records to erase for good, with their phones, history and lines: {n}. "
            "This cannot be undone. Erase them?"
        ).format(n=len(chosen))
        if not self._ask(question):
            return None
        login = self._login
        return self._erase(lambda s: purge_entries(s, login, chosen))

    def empty_bin(self) -> Background[int] | None:
        """Everything the list holds under the kind chosen (whatever is typed in the
        search), after a question naming how many."""
        if not self.may_erase:
            return None
        kind, login = self.chosen_kind(), self._login
        job = Background(self._db, lambda s: bin_count(s, kind=kind), login, write=False)
        return job.on_done(lambda n: self._confirm_empty(kind, n)).on_failed(self._failed).start()

    def _confirm_empty(self, kind: BinKind | None, held: int) -> None:
        if not shiboken6.isValid(self):
            return
        if held == 0:
            self.sig_message.emit(self.tr("The recycle bin is empty."))
            return
        what = self.kind.currentText().lower() if kind is not None else self.tr("all kinds")
        question = self.tr(
            "Records to erase for good: {n} ({what}). This cannot be undone. Empty the recycle bin?"
        ).format(n=held, what=what)
        if not self._ask(question):
            return
        login = self._login
        self._erase(lambda s: empty_bin(s, login, kind=kind))

    def _erase(self, work: Callable[[Any], PurgeReport]) -> Background[PurgeReport]:
        """Erase in a worker; the buttons wait meanwhile, and the count says so."""
        self.count.setText(self.tr("Erasing records for good…"))
        self.erasing = (
            Background(self._db, work, self._login)
            .on_done(self._erased)
            .on_failed(self._erase_failed)
            .start()
        )
        self._update_buttons()
        return self.erasing

    def _erase_failed(self, error: BaseException) -> None:
        self.erasing = None
        if shiboken6.isValid(self):
            self._show_count()
            self._update_buttons()
        self._failed(error)

    def _erased(self, report: PurgeReport) -> None:
        self.erasing = None
        if not shiboken6.isValid(self):
            return
        lines = report.lines()
        self.sig_message.emit(lines[0])
        self.refresh()
        self.sig_changed.emit()
        if report.kept:
            QMessageBox.information(self, self.tr("Recycle bin"), "\n".join(lines))
