"""The fields of the deal card: title, client (found as you type), amount (as people write
it, or the products' sum), expected close date, owner, pipeline and stage, probability,
products and note; each with its message under it, the amount checked as it is typed."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import ValidationError
from crm_desktop.i18n.formats import format_number
from crm_desktop.services.deals import DealChanges, DealView, parse_amount
from crm_desktop.services.pipelines import PipelineView, StageView, first_open_stage
from crm_desktop.services.users import UserView
from crm_desktop.store.database import Database
from crm_desktop.ui.client_picker import ClientPicker
from crm_desktop.ui.deal_filter_bar import from_qdate, to_qdate
from crm_desktop.ui.deal_lines import DealLinesEditor
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error

CLOSE_IN_DAYS = 30  # the date offered when an expected close is first ticked
NO_PROBABILITY = -1  # the spin box's "as the stage"
NO_DATE = QDate(2000, 1, 1)  # the date box's blank


class DealFields(QWidget):
    sig_touched = Signal()  # a field changed

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors: dict[str, QLabel] = {}
        self._pipelines: list[PipelineView] = []
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Office furniture supply"))
        self.client = ClientPicker(db, login)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("e.g. 150 000,50"))
        self.currency = QLabel("RUB")
        self.amount_hint = hint_label(self.tr("The sum of the products below."))
        self.amount_hint.hide()
        self.close_set = QCheckBox()
        self.close_set.setToolTip(self.tr("The deal has an expected close date"))
        self.close_date = QDateEdit()
        self.close_date.setCalendarPopup(True)
        self.close_date.setDisplayFormat("dd.MM.yyyy")
        self.close_date.setMinimumDate(NO_DATE)
        self.close_date.setSpecialValueText(" ")  # the minimum: no date
        self.close_date.setDate(NO_DATE)
        self.close_date.setEnabled(False)
        self.owner = QComboBox()
        self.pipeline = QComboBox()
        self.stage = QComboBox()
        self.probability = QSpinBox()
        self.probability.setRange(NO_PROBABILITY, 100)
        self.probability.setSuffix(" %")
        self.lines = DealLinesEditor(db, login)
        self.note = QPlainTextEdit()
        self.note.setMinimumHeight(72)
        self.note.setMaximumHeight(140)
        self.note.setTabChangesFocus(True)

        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._row("title", self.tr("Title"), self.title)
        self._row("client", self.tr("Client"), self.client)
        amount_row = QHBoxLayout()
        amount_row.setContentsMargins(0, 0, 0, 0)
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(self.currency)
        amount_box = QWidget()
        amount_column = QVBoxLayout(amount_box)
        amount_column.setContentsMargins(0, 0, 0, 0)
        amount_column.setSpacing(2)
        amount_column.addLayout(amount_row)
        amount_column.addWidget(self.amount_hint)
        self._row("amount", self.tr("Amount"), amount_box)
        close_row = QWidget()
        close_layout = QHBoxLayout(close_row)
        close_layout.setContentsMargins(0, 0, 0, 0)
        close_layout.addWidget(self.close_set)
        close_layout.addWidget(self.close_date, 1)
        self._row("expected_close", self.tr("Expected close"), close_row)
        self._row("owner", self.tr("Owner"), self.owner)
        self._row("pipeline", self.tr("Pipeline"), self.pipeline)
        self._row("stage", self.tr("Stage"), self.stage)
        self._row("probability", self.tr("Probability"), self.probability)
        self.form.addRow(self.tr("Products"), self.lines)
        self.errors["lines"] = self.lines.error
        self._row("note", self.tr("Note"), self.note)

        self.title.textChanged.connect(lambda _t: self._touched("title"))
        self.client.sig_chosen.connect(lambda _id: self._touched("client"))
        self.amount.textChanged.connect(self._amount_typed)
        self.close_set.toggled.connect(self._close_toggled)
        self.close_date.dateChanged.connect(lambda _d: self._touched("expected_close"))
        self.owner.currentIndexChanged.connect(lambda _i: self._touched("owner"))
        self.pipeline.currentIndexChanged.connect(lambda _i: self._fill_stages())
        self.stage.currentIndexChanged.connect(self._stage_chosen)
        self.probability.valueChanged.connect(lambda _v: self._touched("probability"))
        self.lines.sig_changed.connect(self._lines_changed)
        self.note.textChanged.connect(lambda: self._touched("note"))

    def _row(self, key: str, label: str, widget: QWidget) -> None:
        self.errors[key] = error_label()
        self.form.addRow(label, with_error(widget, self.errors[key]))

    # --- filling --------------------------------------------------------------------------------

    def set_choices(
        self, pipelines: Sequence[PipelineView], users: Sequence[UserView], owner: str | None
    ) -> None:
        """The pipelines and the active users (and `owner`, even if disabled since)."""
        self._pipelines = list(pipelines)
        for box in (self.owner, self.pipeline):
            box.blockSignals(True)
        try:
            self.owner.clear()
            self.owner.addItem(self.tr("nobody"), "")
            for user in users:
                if not user.disabled or user.login == owner:
                    self.owner.addItem(user.full_name or user.login, user.login)
            self.pipeline.clear()
            for pipeline in pipelines:
                self.pipeline.addItem(pipeline.name, str(pipeline.id))
        finally:
            for box in (self.owner, self.pipeline):
                box.blockSignals(False)

    def show_new(
        self,
        pipeline_id: uuid.UUID | None,
        owner: str | None,
        client_id: uuid.UUID | None,
        client_name: str,
    ) -> None:
        """A new deal: in the pipeline asked for (else the default) at its first stage."""
        at = self.pipeline.findData(str(pipeline_id)) if pipeline_id else 0
        _select(self.pipeline, max(at, 0))
        self._fill_stages()
        _select(self.owner, max(self.owner.findData(owner) if owner else 0, 0))
        self.client.set_client(client_id, client_name)
        self.title.clear()
        self.amount.clear()
        self.close_set.setChecked(False)
        self.probability.setValue(NO_PROBABILITY)
        self.note.clear()
        self.lines.set_lines([])
        self.pipeline.setEnabled(True)
        self.clear_errors()

    def show_deal(self, view: DealView) -> None:
        _select(self.pipeline, max(self.pipeline.findData(str(view.pipeline_id)), 0))
        self._fill_stages(view.stage_id)
        _select(self.owner, max(self.owner.findData(view.owner or ""), 0))
        self.client.set_client(view.client_id, view.client_name)
        self.title.setText(view.title)
        self.amount.setText(format_number(view.amount, 2))
        self.set_expected_close(view.expected_close)
        own = view.own_probability
        self.probability.setValue(own if own is not None else NO_PROBABILITY)
        self.note.setPlainText(view.note or "")
        self.lines.set_lines(view.lines)
        self.pipeline.setEnabled(False)  # a deal stays in its pipeline
        self.clear_errors()

    def chosen_pipeline(self) -> PipelineView | None:
        data = self.pipeline.currentData()
        return next((p for p in self._pipelines if str(p.id) == data), None)

    def chosen_stage(self) -> StageView | None:
        pipeline, data = self.chosen_pipeline(), self.stage.currentData()
        if pipeline is None:
            return None
        return next((s for s in pipeline.stages if str(s.id) == data), None)

    def _fill_stages(self, current: uuid.UUID | None = None) -> None:
        pipeline = self.chosen_pipeline()
        self.stage.blockSignals(True)
        try:
            self.stage.clear()
            for stage in pipeline.stages if pipeline else ():
                self.stage.addItem(stage.name, str(stage.id))
            if pipeline is not None and pipeline.stages:
                wanted = current or first_open_stage(pipeline).id
                self.stage.setCurrentIndex(max(self.stage.findData(str(wanted)), 0))
        finally:
            self.stage.blockSignals(False)
        self._stage_chosen()

    def _stage_chosen(self, _index: int = 0) -> None:
        stage = self.chosen_stage()
        probability = stage.probability if stage else 0
        self.probability.setSpecialValueText(self.tr("as the stage: {n} %").format(n=probability))
        self._touched("stage")

    # --- checking as you type ---------------------------------------------------------------

    def _touched(self, key: str) -> None:
        if key in self.errors:
            show_error(self.errors[key], None)
        self.sig_touched.emit()

    def _amount_typed(self, text: str) -> None:
        self._touched("amount")
        if not text.strip() or self.amount.isReadOnly():
            return
        try:
            parse_amount(text)
        except ValidationError as exc:
            show_error(self.errors["amount"], exc.message)

    def _close_toggled(self, on: bool) -> None:
        self.close_date.setEnabled(on)
        if on and self.close_date.date() == NO_DATE:
            self.close_date.setDate(QDate.currentDate().addDays(CLOSE_IN_DAYS))
        elif not on:
            self.close_date.setDate(NO_DATE)
        self._touched("expected_close")

    def _lines_changed(self) -> None:
        """With products the amount is their sum (shown, not typed)."""
        has_lines = bool(self.lines.drafts())
        self.amount.setReadOnly(has_lines)
        self.amount_hint.setVisible(has_lines)
        total = self.lines.total()
        if has_lines and total is not None:
            self.amount.setText(format_number(total, 2))
        self._touched("lines")

    def set_expected_close(self, day: dt.date | None) -> None:
        self.close_set.setChecked(day is not None)
        if day is not None:
            self.close_date.setDate(to_qdate(day))

    def clear_errors(self) -> None:
        for label in self.errors.values():
            show_error(label, None)

    # --- reading --------------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """The fields as text: what the dirty check compares."""
        client = self.client.client_id()
        close = self.close_set.isChecked()
        return {
            "title": self.title.text(),
            "client": str(client) if client else self.client.text(),
            "amount": self.amount.text(),
            "expected_close": from_qdate(self.close_date.date()).isoformat() if close else "",
            "owner": str(self.owner.currentData() or ""),
            "pipeline": str(self.pipeline.currentData() or ""),
            "stage": str(self.stage.currentData() or ""),
            "probability": str(self.probability.value()),
            "note": self.note.toPlainText(),
            "lines": repr(self.lines.drafts()),
        }

    def changes(self, new: bool, loaded: dict[str, str]) -> DealChanges:
        """What to save: every field; the products only when they changed (or the deal
        is new); the amount only without products (with them it is their sum)."""
        drafts = self.lines.drafts()
        lines_changed = new or repr(drafts) != loaded.get("lines")
        probability = self.probability.value()
        return DealChanges(
            title=self.title.text(),
            client_id=self.client.client_id(),
            amount=None if drafts else (self.amount.text().strip() or "0"),
            currency="RUB" if new else None,
            probability="" if probability == NO_PROBABILITY else probability,
            expected_close=from_qdate(self.close_date.date()) if self.close_set.isChecked() else "",
            owner=str(self.owner.currentData() or ""),
            note=self.note.toPlainText(),
            lines=self.lines.line_inputs() if lines_changed else None,
        )


def _select(box: QComboBox, index: int) -> None:
    box.blockSignals(True)
    box.setCurrentIndex(index)
    box.blockSignals(False)
