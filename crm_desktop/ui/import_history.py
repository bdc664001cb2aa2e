"""The import history: each import with its figures, and Undo for the ones still in force."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.i18n.formats import format_datetime
from crm_desktop.services.importing.batches import BatchView, list_batches, undo_batch
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background, wait_for
from crm_desktop.ui.unexpected import report_connection


class ImportHistory(QDialog):
    sig_changed = Signal()  # an import was undone: the list should be read again

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self.batches: list[BatchView] = []
        self.setWindowTitle(self.tr("Import history"))
        self.resize(860, 420)
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo the selected import"))
        self.undo_button.clicked.connect(self.undo_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        with self._db.unit_of_work(self._login, write=False) as session:
            self.batches = list_batches(session)
        model = QStandardItemModel(0, 6, self)
        model.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("File"),
                self.tr("Rows"),
                self.tr("New / merged / rejected"),
                self.tr("State"),
            ]
        )
        for batch in self.batches:
            state = (
                self.tr("undone {when}").format(when=format_datetime(batch.undone_at))
                if batch.undone_at
                else self.tr("in force")
            )
            model.appendRow(
                [
                    QStandardItem(format_datetime(batch.at)),
                    QStandardItem(batch.by or ""),
                    QStandardItem(batch.file_name + (f" ({batch.sheet})" if batch.sheet else "")),
                    QStandardItem(str(batch.rows)),
                    QStandardItem(f"{batch.created} / {batch.merged} / {batch.rejected}"),
                    QStandardItem(state),
                ]
            )
        self.table.setModel(model)
        self.note.setText("" if self.batches else self.tr("Nothing has been imported yet."))

    def selected(self) -> BatchView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.batches[rows[0].row()] if rows else None

    def undo_selected(self) -> None:
        batch = self.selected()
        if batch is None or batch.undone_at is not None:
            return
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr(
                "Undo the import of {file}? The clients it created go to the recycle bin and "
                "the fields it filled get their old values."
            ).format(file=batch.file_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.undo(batch.id)

    def undo(self, batch_id: uuid.UUID) -> None:
        job = Background(
            self._db,
            lambda session, _p: undo_batch(session, batch_id),
            self._login,
            progress=self.tr("Undoing the import…"),
            parent=self,
        )
        ok, result = wait_for(job, self)
        if not ok:
            report_connection(result)
            message = result.message if isinstance(result, CrmError) else str(result)
            QMessageBox.warning(self, self.windowTitle(), message)
            return
        text = self.tr("Undone: {removed} records removed, {restored} restored.").format(
            removed=result.removed, restored=result.restored
        )
        if result.kept:
            text += " " + self.tr("Changed since, so kept: {names}").format(
                names=", ".join(result.kept)
            )
        self.note.setText(text)
        self.reload()
        self.sig_changed.emit()
