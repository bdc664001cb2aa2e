"""Mailing → Segments: the saved client filters with how many clients each has now, and
a form to make or change one, its count updating (in a worker, a moment after the last
change) as the rules are set."""

from __future__ import annotations

import uuid

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import ValidationError
from crm_desktop.services.reports.clients import RFM_KEYS
from crm_desktop.services.segments import (
    SegmentRules,
    SegmentView,
    count_segment,
    delete_segment,
    save_segment,
)
from crm_desktop.services.tags import TagView
from crm_desktop.services.users import UserView
from crm_desktop.services.vocabulary import ClientKind
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error
from crm_desktop.ui.icons import icon
from crm_desktop.ui.unexpected import one_sentence, report_connection

COUNT_DELAY_MS = 400
COUNT_STYLE = "font-size: 13pt; font-weight: 600; color: #1565c0;"


class SegmentsTab(QWidget):
    sig_saved = Signal(object)  # the SegmentView saved
    sig_deleted = Signal(object)  # the SegmentView deleted
    sig_counted = Signal(object)  # the live count shown (an int, or None)
    sig_message = Signal(str)

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._segments: list[SegmentView] = []
        self._current: SegmentView | None = None
        self._custom: dict[str, str] = {}  # own-field rules of the loaded segment, kept
        self._filling = False
        self._serial = 0
        self.busy = False
        self.count: int | None = None

        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(self._picked)
        self.new_button = QPushButton(icon("add"), self.tr("New segment"))
        self.new_button.clicked.connect(self.new_segment)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete…"))
        self.delete_button.clicked.connect(self.delete_current)
        self.delete_button.setEnabled(False)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Saved segments (clients in each now)")))
        column.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self._form())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._timer.timeout.connect(self.recount)
        self._update_save_text()
        self._show_count(self._serial, None)

    # --- building --------------------------------------------------------------------

    def _days(self, maximum: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, maximum)
        spin.setSpecialValueText(self.tr("any"))
        spin.setSuffix(self.tr(" days"))
        spin.setMaximumWidth(160)
        spin.valueChanged.connect(self._changed)
        return spin

    def _form(self) -> QWidget:
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. VIP clients in Moscow"))
        self.name.textChanged.connect(self._update_save_text)
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("What the segment is for (optional)"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("People and companies"), "")
        self.kind.addItem(self.tr("People"), ClientKind.PERSON.value)
        self.kind.addItem(self.tr("Companies"), ClientKind.COMPANY.value)
        self.owner = QComboBox()
        self.owner.addItem(self.tr("Any manager"), "")
        self.tags = QListWidget()
        self.tags.setMaximumHeight(96)
        self.tags.itemChanged.connect(self._changed)
        self.tags_hint = hint_label(self.tr("No tags yet: tag clients in the client list."))
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("e.g. a fair, the website"))
        self.no_contact = self._days(36500)
        self.contacted = self._days(36500)
        self.birthday_month = QCheckBox(self.tr("Birthday this month"))
        self.birthday_days = self._days(366)
        self.product = QComboBox()
        self.product.setEditable(True)
        self.product.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.product.lineEdit().setPlaceholderText(self.tr("any product"))  # type: ignore[union-attr]
        self.rfm = QComboBox()
        self.rfm.addItem(self.tr("any"), "")
        rfm_names = {
            "champions": self.tr("Champions"),
            "loyal": self.tr("Loyal"),
            "new": self.tr("New"),
            "at_risk": self.tr("At risk"),
            "lost": self.tr("Lost customers"),
            "needs_attention": self.tr("Needs attention"),
        }
        for key in RFM_KEYS:
            self.rfm.addItem(rfm_names.get(key, key), key)
        for combo in (self.kind, self.owner, self.rfm):
            combo.currentIndexChanged.connect(self._changed)
        self.product.currentTextChanged.connect(self._changed)
        self.source.textChanged.connect(self._changed)
        self.birthday_month.toggled.connect(self._changed)

        self.errors = {key: error_label() for key in ("name", "rules", "form")}
        box = QWidget()
        form = QFormLayout()
        stack = QVBoxLayout(box)
        stack.addLayout(form)
        stack.addStretch(1)  # the rows at the top, whatever the height
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Name:"), with_error(self.name, self.errors["name"]))
        form.addRow(self.tr("Description:"), self.description)
        form.addRow(self.tr("Clients:"), self.kind)
        form.addRow(self.tr("Manager:"), self.owner)
        tags = QWidget()
        tag_column = QVBoxLayout(tags)
        tag_column.setContentsMargins(0, 0, 0, 0)
        tag_column.addWidget(self.tags)
        tag_column.addWidget(self.tags_hint)
        form.addRow(self.tr("Any of the tags:"), tags)
        form.addRow(self.tr("Source:"), self.source)
        form.addRow(self.tr("No contact for at least:"), self.no_contact)
        form.addRow(self.tr("A contact within the last:"), self.contacted)
        form.addRow("", self.birthday_month)
        form.addRow(self.tr("Birthday within the next:"), self.birthday_days)
        form.addRow(self.tr("Bought the product:"), self.product)
        form.addRow(self.tr("RFM class (last year):"), self.rfm)
        self.custom_hint = hint_label()
        self.custom_hint.hide()
        form.addRow("", self.custom_hint)
        form.addRow("", self.errors["rules"])

        self.count_label = QLabel()
        self.count_label.setStyleSheet(COUNT_STYLE)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.save_button)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(box)
        scroll.viewport().setAutoFillBackground(False)  # the tab's colour, not a grey panel
        box.setAutoFillBackground(False)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll, 1)
        column.addWidget(self.errors["form"])
        column.addLayout(bottom)
        return right

    # --- what the page gives ---------------------------------------------------------

    def show_choices(self, users: list[UserView], tags: list[TagView], products: list[str]) -> None:
        """The managers, tags and products the rules offer."""
        self._filling = True
        try:
            owner = self.owner.currentData()
            while self.owner.count() > 1:
                self.owner.removeItem(1)
            for user in users:
                if not user.disabled:
                    self.owner.addItem(user.full_name or user.login, user.login)
            self._select_data(self.owner, owner)
            checked = set(self.checked_tags())
            self.tags.clear()
            for tag in tags:
                self._add_tag(tag.name, tag.name in checked)
            self.tags_hint.setVisible(not tags)
            product = self.product.currentText()
            self.product.clear()
            self.product.addItem("")
            self.product.addItems(products)
            self.product.setCurrentText(product)
        finally:
            self._filling = False

    def show_segments(self, segments: list[SegmentView], select: uuid.UUID | None = None) -> None:
        """The list, the segment `select` (or the one shown before) picked again."""
        wanted = select or (self._current.id if self._current else None)
        self._segments = segments
        self.list.blockSignals(True)
        self.list.clear()
        picked: QListWidgetItem | None = None
        for segment in segments:
            count = "…" if segment.count is None else str(segment.count)
            item = QListWidgetItem(f"{segment.name}  ·  {count}")
            item.setData(Qt.ItemDataRole.UserRole, segment.id)
            item.setToolTip(segment.description or "")
            self.list.addItem(item)
            if segment.id == wanted:
                picked = item
        self.list.blockSignals(False)
        if picked is not None and self._current is not None and wanted == self._current.id:
            # the one being edited: picked again without refilling the form
            self.list.blockSignals(True)
            self.list.setCurrentItem(picked)
            self.list.blockSignals(False)
            self._current = next(x for x in self._segments if x.id == wanted)
            self._update_save_text()
        elif picked is not None:
            self.list.setCurrentItem(picked)
        elif self._current is not None and wanted == self._current.id:
            self.new_segment()  # the one shown is gone

    # --- the form --------------------------------------------------------------------

    def _add_tag(self, name: str, checked: bool) -> None:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.tags.addItem(item)

    @staticmethod
    def _select_data(combo: QComboBox, data: object) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(index, 0))

    def checked_tags(self) -> list[str]:
        return [
            item.text()
            for item in (self.tags.item(row) for row in range(self.tags.count()))
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def set_tags(self, names: list[str]) -> None:
        wanted = {name.casefold() for name in names}
        known = set()
        for row in range(self.tags.count()):
            item = self.tags.item(row)
            if item is None:
                continue
            on = item.text().casefold() in wanted
            known.add(item.text().casefold())
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        for name in names:  # a tag no longer listed still shows, checked
            if name.casefold() not in known:
                self._add_tag(name, True)

    def rules(self) -> SegmentRules:
        """The rules the form sets (0 days: that rule is off)."""
        return SegmentRules(
            kind=str(self.kind.currentData()) or None,
            owner=str(self.owner.currentData()) or None,
            tags=tuple(self.checked_tags()),
            source=self.source.text().strip() or None,
            no_contact_days=self.no_contact.value() or None,
            contacted_within_days=self.contacted.value() or None,
            birthday_this_month=self.birthday_month.isChecked(),
            birthday_within_days=self.birthday_days.value() or None,
            product=self.product.currentText().strip() or None,
            rfm=str(self.rfm.currentData()) or None,
            custom=dict(self._custom),
        )

    def set_rules(self, rules: SegmentRules) -> None:
        self._filling = True
        try:
            self._select_data(self.kind, rules.kind or "")
            owner = rules.owner or ""
            if owner and self.owner.findData(owner) < 0:
                self.owner.addItem(owner, owner)  # a manager no longer listed
            self._select_data(self.owner, owner)
            self.set_tags(list(rules.tags))
            self.source.setText(rules.source or "")
            self.no_contact.setValue(rules.no_contact_days or 0)
            self.contacted.setValue(rules.contacted_within_days or 0)
            self.birthday_month.setChecked(rules.birthday_this_month)
            self.birthday_days.setValue(rules.birthday_within_days or 0)
            self.product.setCurrentText(rules.product or "")
            self._select_data(self.rfm, rules.rfm or "")
            self._custom = dict(rules.custom)
            self.custom_hint.setText(
                self.tr("Also own-field rules, kept as they are: {rules}").format(
                    rules=", ".join(f"{code} = {text}" for code, text in rules.custom.items())
                )
            )
            self.custom_hint.setVisible(bool(rules.custom))
        finally:
            self._filling = False
        self._changed()

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        wanted = item.data(Qt.ItemDataRole.UserRole)
        segment = next((s for s in self._segments if s.id == wanted), None)
        if segment is None:
            return
        self._current = segment
        self._clear_errors()
        self.name.setText(segment.name)
        self.description.setText(segment.description or "")
        self.set_rules(segment.rules)
        self.delete_button.setEnabled(True)
        self._update_save_text()

    def new_segment(self) -> None:
        self._current = None
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self._clear_errors()
        self.name.clear()
        self.description.clear()
        self.set_rules(SegmentRules())
        self.delete_button.setEnabled(False)
        self._update_save_text()
        self.name.setFocus()

    def current(self) -> SegmentView | None:
        return self._current

    def _update_save_text(self) -> None:
        renamed = (
            self._current is not None
            and " ".join(self.name.text().split()).casefold() != self._current.name.casefold()
        )
        self.save_button.setText(self.tr("Save as a new segment") if renamed else self.tr("Save"))

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            show_error(label, None)

    # --- the live count --------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._filling:
            return
        show_error(self.errors["rules"], None)
        if self.rules().empty:
            self.recount()  # nothing to count: said at once
            return
        self._serial += 1
        self.count_label.setText(self.tr("Counting…"))
        self._timer.start()

    def recount(self) -> Background[int] | None:
        """Count the clients the rules pick now (in a worker)."""
        self._timer.stop()
        self._serial += 1
        serial = self._serial
        rules = self.rules()
        if rules.empty:
            self._show_count(serial, None)
            return None

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self) and serial == self._serial:
                report_connection(error)
                self.count_label.setText("")
                show_error(self.errors["rules"], one_sentence(error))
                self.sig_counted.emit(None)

        job: Background[int] = Background(
            self._db, lambda s: count_segment(s, rules), self._login, write=False
        )
        return job.on_done(lambda n: self._show_count(serial, n)).on_failed(failed).start()

    def _show_count(self, serial: int, count: int | None) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return  # closed, or the rules changed since
        self.count = count
        if count is None:
            self.count_label.setText(self.tr("Choose at least one rule"))
        else:
            self.count_label.setText(self.tr("Clients in the segment now: {n}").format(n=count))
        self.sig_counted.emit(count)

    # --- saving and deleting ---------------------------------------------------------

    def save(self) -> Background[SegmentView] | None:
        if self.busy:
            return None
        name, description, rules = self.name.text(), self.description.text(), self.rules()
        self._clear_errors()
        self.busy = True

        def work(session: CrmSession) -> SegmentView:
            return save_segment(session, name, rules, description.strip() or None)

        job: Background[SegmentView] = Background(self._db, work, self._login)
        return job.on_done(self._saved).on_failed(self._failed).start()

    def _saved(self, view: SegmentView) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self._current = view
        self.delete_button.setEnabled(True)
        self._update_save_text()
        self.sig_message.emit(self.tr("Segment «{name}» saved").format(name=view.name))
        self.sig_saved.emit(view)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        if isinstance(error, ValidationError):
            label = self.errors["name"] if error.field == "name" else self.errors["rules"]
            show_error(label, error.message)
            return
        report_connection(error)
        show_error(self.errors["form"], one_sentence(error))

    def delete_current(self) -> Background[SegmentView] | None:
        segment = self._current
        if segment is None or self.busy:
            return None
        answer = QMessageBox.question(
            self,
            self.tr("Delete the segment"),
            self.tr(
                "Delete the segment «{name}»? Its clients stay as they are: only this saved "
                "filter goes, and it cannot be brought back."
            ).format(name=segment.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        self.busy = True
        job: Background[SegmentView] = Background(
            self._db, lambda s: delete_segment(s, segment.id), self._login
        )
        return job.on_done(self._deleted).on_failed(self._failed).start()

    def _deleted(self, view: SegmentView) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.new_segment()
        self.sig_message.emit(
            self.tr("Segment «{name}» deleted; its clients stay").format(name=view.name)
        )
        self.sig_deleted.emit(view)
