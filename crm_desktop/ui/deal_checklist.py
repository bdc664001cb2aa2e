"""The checklist of a deal's current stage in its card: a check box per item, each tick
saved at once (`services.deals.tick`, in a worker), and what the stage still needs filled
in before the deal may move on."""

from __future__ import annotations

import uuid

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from crm_desktop.services.deals import DealView, field_label
from crm_desktop.services.deals import tick as tick_item
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import hint_label
from crm_desktop.ui.unexpected import report_connection


class DealChecklist(QGroupBox):
    sig_ticked = Signal(object)  # the DealView after a tick was saved
    sig_failed = Signal(object)  # the error of a tick not saved (the box is unticked again)

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._deal_id: uuid.UUID | None = None
        self.rows = QVBoxLayout(self)
        self.checks: dict[uuid.UUID, QCheckBox] = {}
        self.show_view(None)

    def show_view(self, view: DealView | None) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.checks = {}
        self._deal_id = view.id if view is not None else None
        if view is None:
            self.setTitle(self.tr("Checklist"))
            self.rows.addWidget(
                hint_label(self.tr("Save the deal to tick the checklist of its stage."))
            )
            return
        self.setTitle(self.tr("Checklist of stage «{stage}»").format(stage=view.stage))
        if not view.checklist:
            self.rows.addWidget(hint_label(self.tr("This stage has no checklist.")))
        for mark in view.checklist:
            box = QCheckBox(mark.text)
            box.setChecked(mark.done)
            box.toggled.connect(lambda done, item=mark.item_id: self.tick(item, done))
            self.rows.addWidget(box)
            self.checks[mark.item_id] = box
        if view.missing_fields:
            names = ", ".join(field_label(name) for name in view.missing_fields)
            self.rows.addWidget(
                hint_label(
                    self.tr("Before the deal moves on, fill in {fields}.").format(fields=names)
                )
            )

    def tick(self, item_id: uuid.UUID, done: bool) -> Background[DealView] | None:
        """Tick (or untick) an item: saved at once, whatever else the card has unsaved."""
        deal_id = self._deal_id
        if deal_id is None:
            return None
        job: Background[DealView] = Background(
            self._db, lambda s: tick_item(s, deal_id, item_id, done), self._login
        )
        job.on_done(self._ticked).on_failed(lambda error: self._failed(item_id, done, error))
        return job.start()

    def _ticked(self, view: DealView) -> None:
        if shiboken6.isValid(self):
            self.sig_ticked.emit(view)

    def _failed(self, item_id: uuid.UUID, done: bool, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker ran
        box = self.checks.get(item_id)
        if box is not None:
            box.blockSignals(True)
            box.setChecked(not done)
            box.blockSignals(False)
        if not report_connection(error):
            self.sig_failed.emit(error)
