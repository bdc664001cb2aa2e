"""The administrator's set-up of the sales funnel: the pipelines (add, rename, choose the
default), each pipeline's stages in order (add, rename, move, delete) and, for the chosen
stage, its probability, checklist and required fields. Every change goes through
services.pipelines in the background; anyone else sees the same screen read-only."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import ValidationError
from crm_desktop.services import pipelines as funnel
from crm_desktop.services.pipelines import NAME_MAX, PipelineView, StageView
from crm_desktop.services.users import is_admin
from crm_desktop.services.vocabulary import StageOutcome
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.field_messages import error_label, hint_label, show_error
from crm_desktop.ui.funnel_stage_editor import StageEditor
from crm_desktop.ui.serial_jobs import SerialJobs
from crm_desktop.ui.unexpected import one_sentence, report_connection

ID = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class _Loaded:
    may_edit: bool
    pipelines: list[PipelineView]


def _load(session: CrmSession) -> _Loaded:
    return _Loaded(is_admin(session), funnel.list_pipelines(session))


class FunnelSettings(QWidget):
    sig_loaded = Signal()  # the screen shows what the database holds now
    sig_failed = Signal(str)  # a change was refused: the sentence shown

    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._jobs = SerialJobs(db, login, self)
        self._pipelines: list[PipelineView] = []
        self._pipeline_id: uuid.UUID | None = None
        self._stage_id: uuid.UUID | None = None
        self._may_edit = False
        self._loaded = False
        self._rendering = False

        self.note = hint_label()
        self.note.hide()
        self.status = error_label()

        # the pipelines
        self.pipelines = QListWidget()
        self.pipelines.currentRowChanged.connect(self._pipeline_chosen)
        self.pipeline_name = QLineEdit()
        self.pipeline_name.setMaxLength(NAME_MAX)
        self.pipeline_name.setPlaceholderText(self.tr("Pipeline name"))
        self.pipeline_name.returnPressed.connect(self.add_pipeline)
        self.pipeline_error = error_label()
        self.add_pipeline_button = QPushButton(self.tr("Add"))
        self.add_pipeline_button.clicked.connect(self.add_pipeline)
        self.rename_pipeline_button = QPushButton(self.tr("Rename"))
        self.rename_pipeline_button.clicked.connect(self.rename_pipeline)
        self.default_button = QPushButton(self.tr("Make default"))
        self.default_button.setToolTip(self.tr("New deals go to this pipeline"))
        self.default_button.clicked.connect(self.make_default)
        pipeline_box = QGroupBox(self.tr("Pipelines"))
        pipeline_column = QVBoxLayout(pipeline_box)
        pipeline_column.addWidget(self.pipelines, 1)
        pipeline_column.addWidget(self.pipeline_name)
        pipeline_column.addWidget(self.pipeline_error)
        pipeline_buttons = QHBoxLayout()
        for button in (self.add_pipeline_button, self.rename_pipeline_button):
            pipeline_buttons.addWidget(button)
        pipeline_column.addLayout(pipeline_buttons)
        pipeline_column.addWidget(self.default_button)

        # the chosen pipeline's stages
        self.stages = QListWidget()
        self.stages.currentRowChanged.connect(self._stage_chosen)
        self.stage_name = QLineEdit()
        self.stage_name.setMaxLength(NAME_MAX)
        self.stage_name.setPlaceholderText(self.tr("Stage name"))
        self.stage_name.returnPressed.connect(self.add_stage)
        self.new_outcome = QComboBox()
        self.new_outcome.setToolTip(self.tr("What a deal at the new stage means"))
        for outcome, text in (
            (StageOutcome.OPEN, self.tr("In progress")),
            (StageOutcome.WON, self.tr("Won")),
            (StageOutcome.LOST, self.tr("Lost")),
        ):
            self.new_outcome.addItem(text, outcome.value)
        self.stage_error = error_label()
        self.add_stage_button = QPushButton(self.tr("Add stage"))
        self.add_stage_button.clicked.connect(self.add_stage)
        self.rename_stage_button = QPushButton(self.tr("Rename"))
        self.rename_stage_button.clicked.connect(self.rename_stage)
        self.up_button = QPushButton(self.tr("Up"))
        self.up_button.setToolTip(self.tr("Move the stage up (Ctrl+Up)"))
        self.up_button.clicked.connect(lambda: self.move_stage(-1))
        self.down_button = QPushButton(self.tr("Down"))
        self.down_button.setToolTip(self.tr("Move the stage down (Ctrl+Down)"))
        self.down_button.clicked.connect(lambda: self.move_stage(1))
        self.delete_stage_button = QPushButton(self.tr("Delete"))
        self.delete_stage_button.setToolTip(self.tr("Delete the stage (Del)"))
        self.delete_stage_button.clicked.connect(self.delete_stage)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence("Ctrl+Up"), lambda: self.move_stage(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move_stage(1)),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_stage),
        ):
            QShortcut(keys, self.stages, slot, context=scope)
        self.stages_box = QGroupBox(self.tr("Stages"))
        stage_column = QVBoxLayout(self.stages_box)
        stage_column.addWidget(self.stages, 1)
        order_buttons = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.delete_stage_button):
            order_buttons.addWidget(button)
        stage_column.addLayout(order_buttons)
        new_stage = QHBoxLayout()
        new_stage.addWidget(self.stage_name, 1)
        new_stage.addWidget(self.new_outcome)
        stage_column.addLayout(new_stage)
        stage_column.addWidget(self.stage_error)
        stage_buttons = QHBoxLayout()
        for button in (self.add_stage_button, self.rename_stage_button):
            stage_buttons.addWidget(button)
        stage_column.addLayout(stage_buttons)

        # the chosen stage
        self.editor = StageEditor()
        self.editor.sig_probability.connect(self._set_probability)
        self.editor.sig_checklist.connect(self._set_checklist)
        self.editor.sig_required.connect(self._set_required)
        self.stage_box = QGroupBox(self.tr("Stage"))
        QVBoxLayout(self.stage_box).addWidget(self.editor)

        columns = QHBoxLayout()
        columns.addWidget(pipeline_box, 2)
        columns.addWidget(self.stages_box, 3)
        columns.addWidget(self.stage_box, 4)
        outer = QVBoxLayout(self)
        outer.addWidget(self.note)
        outer.addWidget(self.status)
        outer.addLayout(columns, 1)
        self._update()

    # --- loading ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded and not self._jobs.busy():
            self.refresh()

    def refresh(self) -> None:
        """Read the pipelines again (in the background); `sig_loaded` follows."""
        self._jobs.run(_load, self._got, self._load_failed, write=False)

    def is_busy(self) -> bool:
        return self._jobs.busy()

    def _got(self, loaded: _Loaded) -> None:
        if not loaded.pipelines:  # a new database: "Продажи" is there from the start
            self._jobs.run(
                lambda s: (funnel.ensure_default_pipeline(s), _load(s))[1],
                self._got,
                self._load_failed,
            )
            return
        self._may_edit = loaded.may_edit
        self._loaded = True
        self.note.setVisible(not loaded.may_edit)
        self.note.setText(
            ""
            if loaded.may_edit
            else self.tr("Only an administrator can change the sales funnel; you see it read-only.")
        )
        self._show(loaded.pipelines)

    def _load_failed(self, error: BaseException) -> None:
        report_connection(error)
        message = one_sentence(error)
        show_error(self.status, message)
        self.sig_failed.emit(message)

    # --- what it shows ---------------------------------------------------------------------

    def selected_pipeline(self) -> PipelineView | None:
        for pipeline in self._pipelines:
            if pipeline.id == self._pipeline_id:
                return pipeline
        return None

    def selected_stage(self) -> StageView | None:
        pipeline = self.selected_pipeline()
        if pipeline is not None:
            for stage in pipeline.stages:
                if stage.id == self._stage_id:
                    return stage
        return None

    def _stage_text(self, position: int, stage: StageView) -> str:
        if stage.outcome == StageOutcome.WON:
            meaning = self.tr("won")
        elif stage.outcome == StageOutcome.LOST:
            meaning = self.tr("lost")
        else:
            meaning = self.tr("{n} %").format(n=stage.probability)
        tail = f" · ☑ {len(stage.checklist)}" if stage.checklist else ""
        return f"{position}. {stage.name} · {meaning}{tail}"

    def _stage_tip(self, stage: StageView) -> str:
        lines = [self.tr("checklist: {n}").format(n=len(stage.checklist))]
        if stage.required_fields:
            names = ", ".join(self.editor.field_text(name) for name in stage.required_fields)
            lines.append(self.tr("required fields: {names}").format(names=names))
        return "\n".join(lines)

    def _show(self, pipelines: list[PipelineView]) -> None:
        self._pipelines = pipelines
        ids = [p.id for p in pipelines]
        if self._pipeline_id not in ids:
            self._pipeline_id = ids[0] if ids else None
        self._rendering = True
        try:
            self.pipelines.clear()
            for pipeline in pipelines:
                text = pipeline.name
                if pipeline.is_default:
                    text = self.tr("{name} (default)").format(name=pipeline.name)
                item = QListWidgetItem(text)
                item.setData(ID, pipeline.id)
                self.pipelines.addItem(item)
            if self._pipeline_id is not None:
                self.pipelines.setCurrentRow(ids.index(self._pipeline_id))
            self._show_stages()
        finally:
            self._rendering = False
        self._update()
        self.sig_loaded.emit()

    def _show_stages(self) -> None:
        pipeline = self.selected_pipeline()
        stages = list(pipeline.stages) if pipeline is not None else []
        stage_ids = [s.id for s in stages]
        if self._stage_id not in stage_ids:
            self._stage_id = stage_ids[0] if stage_ids else None
        rendering, self._rendering = self._rendering, True
        try:
            self.stages.clear()
            for position, stage in enumerate(stages, start=1):
                item = QListWidgetItem(self._stage_text(position, stage))
                item.setToolTip(self._stage_tip(stage))
                item.setData(ID, stage.id)
                self.stages.addItem(item)
            if self._stage_id is not None:
                self.stages.setCurrentRow(stage_ids.index(self._stage_id))
        finally:
            self._rendering = rendering
        self.stages_box.setTitle(
            self.tr('Stages of "{name}"').format(name=pipeline.name)
            if pipeline is not None
            else self.tr("Stages")
        )
        self._show_stage()

    def _show_stage(self) -> None:
        stage = self.selected_stage()
        self.editor.set_editable(self._may_edit)
        self.editor.set_stage(stage)
        self.stage_box.setTitle(
            self.tr('Stage "{name}"').format(name=stage.name) if stage else self.tr("Stage")
        )

    def _update(self) -> None:
        editable = self._may_edit
        pipeline = self.selected_pipeline()
        row = self.stages.currentRow()
        for widget in (
            self.pipeline_name,
            self.add_pipeline_button,
            self.rename_pipeline_button,
            self.default_button,
            self.stage_name,
            self.new_outcome,
            self.add_stage_button,
            self.rename_stage_button,
            self.up_button,
            self.down_button,
            self.delete_stage_button,
        ):
            widget.setVisible(editable)
        self.rename_pipeline_button.setEnabled(pipeline is not None)
        self.default_button.setEnabled(pipeline is not None and not pipeline.is_default)
        self.add_stage_button.setEnabled(pipeline is not None)
        self.rename_stage_button.setEnabled(row >= 0)
        self.delete_stage_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.stages.count() - 1)

    def _pipeline_chosen(self, row: int) -> None:
        if self._rendering:
            return
        item = self.pipelines.item(row)
        self._pipeline_id = item.data(ID) if item is not None else None
        pipeline = self.selected_pipeline()
        self.pipeline_name.setText(pipeline.name if pipeline else "")
        show_error(self.pipeline_error, None)
        show_error(self.stage_error, None)
        self.stage_name.clear()
        self._stage_id = None
        self._show_stages()
        self._update()

    def _stage_chosen(self, row: int) -> None:
        if self._rendering:
            return
        item = self.stages.item(row)
        self._stage_id = item.data(ID) if item is not None else None
        stage = self.selected_stage()
        self.stage_name.setText(stage.name if stage else "")
        show_error(self.stage_error, None)
        self._show_stage()
        self._update()

    # --- changes ---------------------------------------------------------------------------

    def _change(
        self,
        work: Callable[[CrmSession], uuid.UUID | None],
        shown_in: Callable[[str, str | None], None],
        *,
        select: str = "",
    ) -> None:
        """`work` changes the funnel and returns the pipeline or stage to choose next
        (`select` says which); the screen then shows the funnel as stored, or the refusal
        where `shown_in` puts it (given the field and the message)."""
        if not self._may_edit:
            return
        show_error(self.status, None)

        def run(session: CrmSession) -> tuple[uuid.UUID | None, list[PipelineView]]:
            chosen = work(session)
            return chosen, funnel.list_pipelines(session)

        def done(result: tuple[uuid.UUID | None, list[PipelineView]]) -> None:
            chosen, pipelines = result
            if chosen is not None and select == "pipeline":
                self._pipeline_id, self._stage_id = chosen, None
            elif chosen is not None and select == "stage":
                self._stage_id = chosen
            self._show(pipelines)

        def failed(error: BaseException) -> None:
            report_connection(error)
            message = one_sentence(error)
            shown_in(error.field if isinstance(error, ValidationError) else "", message)
            self.sig_failed.emit(message)
            self.refresh()  # show what is stored, not what was asked

        self._jobs.run(run, done, failed)

    def _pipeline_refused(self, _field: str, message: str | None) -> None:
        show_error(self.pipeline_error, message)

    def _stage_refused(self, _field: str, message: str | None) -> None:
        show_error(self.stage_error, message)

    def _typed(self, edit: QLineEdit, error: QLabel) -> str | None:
        name = " ".join(edit.text().split())
        if not name:
            show_error(error, self.tr("Type a name first."))
            return None
        show_error(error, None)
        return name

    def add_pipeline(self) -> None:
        name = self._typed(self.pipeline_name, self.pipeline_error)
        if name is not None:
            self._change(
                lambda s: funnel.add_pipeline(s, name).id, self._pipeline_refused, select="pipeline"
            )

    def rename_pipeline(self) -> None:
        pipeline = self.selected_pipeline()
        name = self._typed(self.pipeline_name, self.pipeline_error)
        if pipeline is not None and name is not None:
            pipeline_id = pipeline.id
            self._change(
                lambda s: funnel.rename_pipeline(s, pipeline_id, name).id, self._pipeline_refused
            )

    def make_default(self) -> None:
        pipeline = self.selected_pipeline()
        if pipeline is not None:
            pipeline_id = pipeline.id
            show_error(self.pipeline_error, None)
            self._change(
                lambda s: funnel.set_default_pipeline(s, pipeline_id).id, self._pipeline_refused
            )

    def add_stage(self) -> None:
        pipeline = self.selected_pipeline()
        name = self._typed(self.stage_name, self.stage_error)
        if pipeline is None or name is None:
            return
        pipeline_id = pipeline.id
        outcome = StageOutcome(str(self.new_outcome.currentData()))
        self.stage_name.clear()
        self._change(
            lambda s: funnel.add_stage(s, pipeline_id, name, outcome=outcome).id,
            self._stage_refused,
            select="stage",
        )

    def rename_stage(self) -> None:
        stage = self.selected_stage()
        name = self._typed(self.stage_name, self.stage_error)
        if stage is not None and name is not None:
            stage_id = stage.id
            self._change(lambda s: funnel.rename_stage(s, stage_id, name).id, self._stage_refused)

    def move_stage(self, delta: int) -> None:
        pipeline, stage = self.selected_pipeline(), self.selected_stage()
        if pipeline is None or stage is None or not self._may_edit:
            return
        order = [s.id for s in pipeline.stages]
        row = order.index(stage.id)
        target = row + delta
        if not 0 <= target < len(order):
            return
        order[row], order[target] = order[target], order[row]
        pipeline_id = pipeline.id
        show_error(self.stage_error, None)

        def reorder(session: CrmSession) -> None:
            funnel.reorder_stages(session, pipeline_id, order)

        self._change(reorder, self._stage_refused)

    def delete_stage(self) -> None:
        stage = self.selected_stage()
        if stage is None or not self._may_edit:
            return
        stage_id = stage.id
        show_error(self.stage_error, None)

        def delete(session: CrmSession) -> None:
            funnel.delete_stage(session, stage_id)

        self._change(delete, self._stage_refused)

    def _set_probability(self, stage_id: uuid.UUID, value: int) -> None:
        self._change(
            lambda s: funnel.set_stage_probability(s, stage_id, value).id, self.editor.show_error
        )

    def _set_checklist(self, stage_id: uuid.UUID, texts: list[str]) -> None:
        self._change(lambda s: funnel.set_checklist(s, stage_id, texts).id, self.editor.show_error)

    def _set_required(self, stage_id: uuid.UUID, names: list[str]) -> None:
        self._change(
            lambda s: funnel.set_required_fields(s, stage_id, names).id, self.editor.show_error
        )
