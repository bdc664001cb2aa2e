"""Possible duplicates on a laptop replica (issue 8): clients that two people created on
two computers before they synced (same phone, e-mail, INN, or name at the same company).
Nothing is merged by itself: the person merges the pair (the usual merge dialog) or
says they are different clients."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.i18n.formats import format_datetime
from crm_desktop.store.database import Database
from crm_desktop.sync import engine
from crm_desktop.ui.background import Background
from crm_desktop.ui.merge_dialog import MergeDialog


@dataclass(frozen=True)
class DuplicatePair:
    id: int
    client_id: uuid.UUID
    other_id: uuid.UUID
    client: str
    other: str
    reason: str
    found_at: dt.datetime


def read_pairs(laptop: Database) -> list[DuplicatePair]:
    """The pairs to decide (in a worker)."""
    return [
        DuplicatePair(
            int(p["id"]),
            uuid.UUID(str(p["client_id"])),
            uuid.UUID(str(p["other_id"])),
            str(p["client"] or ""),
            str(p["other"] or ""),
            str(p["reason"]),
            dt.datetime.fromisoformat(str(p["found_at"])),
        )
        for p in engine.duplicates_json(laptop)
    ]


class DuplicatesPanel(QGroupBox):
    sig_changed = Signal()  # a pair was merged or dismissed
    sig_loaded = Signal()

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Possible duplicates"))
        self._db = db
        self._login = login
        self.pairs: list[DuplicatePair] = []
        self.dialog: MergeDialog | None = None
        intro = QLabel(
            self.tr(
                "These clients were created on two computers before they synced and look like "
                "the same client. Merge them, or say they are different."
            )
        )
        intro.setWordWrap(True)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Client"), self.tr("Other client"), self.tr("Same"), self.tr("Found")]
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(column, mode)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.table.doubleClicked.connect(lambda _i: self.merge_selected())
        self.merge_button = QPushButton(self.tr("Merge…"))
        self.merge_button.setToolTip(self.tr("Open the two clients side by side and merge them"))
        self.merge_button.clicked.connect(self.merge_selected)
        self.apart_button = QPushButton(self.tr("Different clients"))
        self.apart_button.setToolTip(self.tr("Keep both and stop offering this pair"))
        self.apart_button.clicked.connect(self.dismiss_selected)
        row = QHBoxLayout()
        row.addWidget(self.merge_button)
        row.addWidget(self.apart_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.hide()  # shown when there is a pair
        self._enable()

    def reload(self) -> None:
        db = self._db

        def show(pairs: list[DuplicatePair]) -> None:
            if shiboken6.isValid(self):
                self._show(pairs)

        Background(None, lambda: read_pairs(db)).on_done(show).start()

    def reason_text(self, reason: str) -> str:
        return {
            "phone": self.tr("phone"),
            "email": self.tr("e-mail"),
            "inn": self.tr("INN"),
            "name": self.tr("name and company"),
        }.get(reason, reason)

    def _show(self, pairs: list[DuplicatePair]) -> None:
        self.pairs = pairs
        self.model.removeRows(0, self.model.rowCount())
        for pair in pairs:
            items = [
                QStandardItem(pair.client),
                QStandardItem(pair.other),
                QStandardItem(self.reason_text(pair.reason)),
                QStandardItem(format_datetime(pair.found_at)),
            ]
            self.model.appendRow(items)
        self.setVisible(bool(pairs))
        if pairs:
            self.table.selectRow(0)
        self._enable()
        self.sig_loaded.emit()

    def selected(self) -> DuplicatePair | None:
        picked = self.table.selectionModel().selectedRows()
        if not picked or picked[0].row() >= len(self.pairs):
            return None
        return self.pairs[picked[0].row()]

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.merge_button.setEnabled(chosen)
        self.apart_button.setEnabled(chosen)

    def merge_selected(self) -> MergeDialog | None:
        pair = self.selected()
        if pair is None:
            return None
        self.dialog = MergeDialog(self._db, self._login, pair.client_id, pair.other_id, self)
        self.dialog.sig_merged.connect(lambda _view: self._changed())
        self.dialog.open()
        return self.dialog

    def dismiss_selected(self) -> Background[Any] | None:
        pair = self.selected()
        if pair is None:
            return None
        db = self._db
        job: Background[Any] = Background(None, lambda: engine.dismiss_duplicate(db, pair.id))
        return job.on_done(lambda _r: self._changed()).start()

    def _changed(self) -> None:
        if shiboken6.isValid(self):
            self.sig_changed.emit()
            self.reload()
