"""One stage of a sales pipeline as the administrator sets it up: what the stage means
(in progress, won, lost), its probability, the checklist a deal must tick before it
moves on, and the deal fields that must be filled in. The editor only says what the user
asked for (its signals); the funnel settings screen stores it through the service."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.deals import field_label
from crm_desktop.services.pipelines import ITEM_MAX, REQUIRED_FIELDS, StageView
from crm_desktop.services.vocabulary import StageOutcome
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error


class StageEditor(QWidget):
    sig_probability = Signal(object, int)  # stage id, the new probability
    sig_checklist = Signal(object, list)  # stage id, the whole checklist in order
    sig_required = Signal(object, list)  # stage id, the required fields' names

    def __init__(self) -> None:
        super().__init__()
        self._stage: StageView | None = None
        self._editable = False
        self._rendering = False
        self._wanted_item: str | None = None  # the checklist item to select after a change

        self.empty = hint_label(self.tr("Choose a stage to see its settings."))
        self.outcome = QLabel()
        self.probability = QSpinBox()
        self.probability.setRange(0, 100)
        self.probability.setSuffix(" %")
        self.probability.setToolTip(self.tr("The chance that a deal at this stage is won"))
        self.probability.editingFinished.connect(self._probability_edited)

        self.checklist = QListWidget()
        self.checklist.setMaximumHeight(140)
        self.checklist.currentRowChanged.connect(self._item_chosen)
        self.item_text = QLineEdit()
        self.item_text.setMaxLength(ITEM_MAX)
        self.item_text.setPlaceholderText(self.tr("For example: the INN is checked"))
        self.item_text.returnPressed.connect(self.add_item)
        self.add_item_button = QPushButton(self.tr("Add item"))
        self.add_item_button.clicked.connect(self.add_item)
        self.change_item_button = QPushButton(self.tr("Change"))
        self.change_item_button.clicked.connect(self.change_item)
        self.remove_item_button = QPushButton(self.tr("Remove"))
        self.remove_item_button.setToolTip(self.tr("Remove the item (Del)"))
        self.remove_item_button.clicked.connect(self.remove_item)
        self.item_up_button = QPushButton(self.tr("Up"))
        self.item_up_button.setToolTip(self.tr("Move the item up (Ctrl+Up)"))
        self.item_up_button.clicked.connect(lambda: self.move_item(-1))
        self.item_down_button = QPushButton(self.tr("Down"))
        self.item_down_button.setToolTip(self.tr("Move the item down (Ctrl+Down)"))
        self.item_down_button.clicked.connect(lambda: self.move_item(1))
        self.checklist_error = error_label()
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence("Ctrl+Up"), lambda: self.move_item(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move_item(1)),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_item),
        ):
            QShortcut(keys, self.checklist, slot, context=scope)

        self.required: dict[str, QCheckBox] = {}
        required_box = QWidget()
        required_column = QVBoxLayout(required_box)
        required_column.setContentsMargins(0, 0, 0, 0)
        for name in REQUIRED_FIELDS:
            box = QCheckBox(self.field_text(name))
            box.toggled.connect(self._required_toggled)
            self.required[name] = box
            required_column.addWidget(box)
        self.required_error = error_label()
        self.probability_error = error_label()

        item_buttons = QHBoxLayout()
        for button in (
            self.add_item_button,
            self.change_item_button,
            self.remove_item_button,
            self.item_up_button,
            self.item_down_button,
        ):
            item_buttons.addWidget(button)
        item_buttons.addStretch(1)
        checklist_box = QWidget()
        checklist_column = QVBoxLayout(checklist_box)
        checklist_column.setContentsMargins(0, 0, 0, 0)
        checklist_column.addWidget(self.checklist)
        checklist_column.addWidget(self.item_text)
        checklist_column.addLayout(item_buttons)
        checklist_column.addWidget(self.checklist_error)
        checklist_column.addWidget(
            hint_label(self.tr("A deal moves on from this stage only when every item is ticked."))
        )

        self.form_box = QWidget()
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Meaning:"), self.outcome)
        form.addRow(self.tr("Probability:"), with_error(self.probability, self.probability_error))
        form.addRow(self.tr("Checklist:"), checklist_box)
        form.addRow(
            self.tr("Required fields:"),
            with_error(required_box, self.required_error),
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.empty)
        column.addWidget(self.form_box)
        column.addStretch(1)
        self.set_stage(None)

    # --- what it shows ---------------------------------------------------------------------

    def field_text(self, name: str) -> str:
        labels = {
            "amount": self.tr("Amount"),
            "expected_close": self.tr("Expected close date"),
            "owner": self.tr("Owner"),
            "note": self.tr("Note"),
            "products": self.tr("Products"),
        }
        if name in labels:
            return labels[name]
        text = field_label(name)
        return text[:1].upper() + text[1:]

    def outcome_text(self, outcome: StageOutcome) -> str:
        return {
            StageOutcome.OPEN: self.tr("in progress (the deal is open)"),
            StageOutcome.WON: self.tr("won (the deal is closed as a success)"),
            StageOutcome.LOST: self.tr("lost (the deal is closed as lost)"),
        }[outcome]

    def stage(self) -> StageView | None:
        return self._stage

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update()

    def set_stage(self, stage: StageView | None) -> None:
        """Show `stage` (None: no stage chosen); a stage shown again keeps the chosen item."""
        same = stage is not None and self._stage is not None and stage.id == self._stage.id
        if not same:
            for label in (self.checklist_error, self.required_error, self.probability_error):
                show_error(label, None)
            self.item_text.clear()
        self._stage = stage
        self._rendering = True
        try:
            self.empty.setVisible(stage is None)
            self.form_box.setVisible(stage is not None)
            if stage is None:
                self.checklist.clear()
                return
            self.outcome.setText(self.outcome_text(stage.outcome))
            self.probability.setValue(stage.probability)
            wanted = self._wanted_item
            if wanted is None and same and self.checklist.currentItem() is not None:
                wanted = self.checklist.currentItem().text()
            self._wanted_item = None
            self.checklist.clear()
            for item in stage.checklist:
                row = QListWidgetItem(item.text)
                row.setData(Qt.ItemDataRole.UserRole, item.id)
                self.checklist.addItem(row)
            texts = [item.text for item in stage.checklist]
            if wanted in texts:
                self.checklist.setCurrentRow(texts.index(wanted))
            for name, box in self.required.items():
                box.setChecked(name in stage.required_fields)
        finally:
            self._rendering = False
            self._update()

    def _update(self) -> None:
        editable = self._editable and self._stage is not None
        chosen = self.checklist.currentRow()
        count = self.checklist.count()
        self.probability.setReadOnly(not editable)
        self.item_text.setVisible(editable)
        self.add_item_button.setVisible(editable)
        for button in (
            self.change_item_button,
            self.remove_item_button,
            self.item_up_button,
            self.item_down_button,
        ):
            button.setVisible(editable)
        self.change_item_button.setEnabled(chosen >= 0)
        self.remove_item_button.setEnabled(chosen >= 0)
        self.item_up_button.setEnabled(chosen > 0)
        self.item_down_button.setEnabled(0 <= chosen < count - 1)
        for box in self.required.values():
            box.setEnabled(editable)

    def show_error(self, field: str, message: str | None) -> None:
        """A refusal under the part it is about ("probability", "checklist",
        "required_fields")."""
        label = {
            "probability": self.probability_error,
            "required_fields": self.required_error,
        }.get(field, self.checklist_error)
        show_error(label, message)

    # --- what the user asks for ------------------------------------------------------------

    def _texts(self) -> list[str]:
        return [self.checklist.item(row).text() for row in range(self.checklist.count())]

    def _item_chosen(self, row: int) -> None:
        if not self._rendering and row >= 0:
            self.item_text.setText(self.checklist.item(row).text())
        self._update()

    def _ask_checklist(self, texts: list[str], select: str | None) -> None:
        if self._stage is None or not self._editable:
            return
        show_error(self.checklist_error, None)
        self._wanted_item = select
        self.sig_checklist.emit(self._stage.id, texts)

    def add_item(self) -> None:
        text = " ".join(self.item_text.text().split())
        if not self._editable or self._stage is None:
            return
        if not text:
            show_error(self.checklist_error, self.tr("Type the item's text first."))
            return
        self.item_text.clear()
        self._ask_checklist([*self._texts(), text], text)

    def change_item(self) -> None:
        row = self.checklist.currentRow()
        text = " ".join(self.item_text.text().split())
        if row < 0:
            return
        if not text:
            show_error(self.checklist_error, self.tr("Type the item's text first."))
            return
        texts = self._texts()
        texts[row] = text
        self._ask_checklist(texts, text)

    def remove_item(self) -> None:
        row = self.checklist.currentRow()
        if row < 0 or not self._editable:
            return
        texts = self._texts()
        del texts[row]
        self.item_text.clear()
        self._ask_checklist(texts, texts[min(row, len(texts) - 1)] if texts else None)

    def move_item(self, delta: int) -> None:
        row = self.checklist.currentRow()
        texts = self._texts()
        target = row + delta
        if row < 0 or not 0 <= target < len(texts) or not self._editable:
            return
        texts[row], texts[target] = texts[target], texts[row]
        self._ask_checklist(texts, texts[target])

    def _probability_edited(self) -> None:
        stage = self._stage
        if stage is None or not self._editable or self._rendering:
            return
        value = self.probability.value()
        if value != stage.probability:
            show_error(self.probability_error, None)
            self.sig_probability.emit(stage.id, value)

    def _required_toggled(self, _checked: bool) -> None:
        if self._rendering or self._stage is None or not self._editable:
            return
        show_error(self.required_error, None)
        names = [name for name, box in self.required.items() if box.isChecked()]
        self.sig_required.emit(self._stage.id, names)

    def stage_id(self) -> uuid.UUID | None:
        return None if self._stage is None else self._stage.id
