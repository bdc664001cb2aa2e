"""Mailing → Templates: the letter templates, an editor with buttons that insert the
placeholders, and the letter as one recipient gets it (placeholders filled, the way to
unsubscribe at the end), made in a worker a moment after the last change."""

from __future__ import annotations

import uuid

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import ValidationError
from crm_desktop.services.mailing.runs import preview
from crm_desktop.services.mailing.templates import (
    PLACEHOLDERS,
    TemplateView,
    check_template,
    delete_template,
    save_template,
)
from crm_desktop.services.mailing.views import SegmentMember, segment_members
from crm_desktop.services.segments import SegmentView
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.client_picker import ClientPicker
from crm_desktop.ui.field_messages import (
    ERROR_STYLE,
    HINT_STYLE,
    error_label,
    hint_label,
    show_error,
    with_error,
)
from crm_desktop.ui.icons import icon
from crm_desktop.ui.unexpected import one_sentence, report_connection

PREVIEW_DELAY_MS = 400
SUBJECT_STYLE = "font-weight: 600; font-size: 11pt;"
UNSAVED = uuid.UUID(int=0)  # the id of a template being typed, not saved yet


class TemplatesTab(QWidget):
    sig_saved = Signal(object)  # the TemplateView saved
    sig_deleted = Signal(object)  # the TemplateView deleted
    sig_previewed = Signal()  # the preview shows the letter (or why it cannot)
    sig_members = Signal()  # the recipients of the chosen segment arrived
    sig_message = Signal(str)

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._templates: list[TemplateView] = []
        self._current: TemplateView | None = None
        self._client: uuid.UUID | None = None  # whom the preview is for
        self._serial = 0
        self._members_serial = 0
        self.busy = False
        self.preview_error: str | None = None

        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(self._picked)
        self.new_button = QPushButton(icon("email"), self.tr("New template"))
        self.new_button.clicked.connect(self.new_template)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete…"))
        self.delete_button.clicked.connect(self.delete_current)
        self.delete_button.setEnabled(False)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Letter templates")))
        column.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self._editor())
        splitter.addWidget(self._preview_panel())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([200, 560, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._target: QLineEdit | QPlainTextEdit = self.body
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        for edit in (self.subject, self.body):
            edit.textChanged.connect(self._text_changed)
        self.name.textChanged.connect(self._update_save_text)
        self._update_save_text()

    # --- building --------------------------------------------------------------------

    def _editor(self) -> QWidget:
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Spring offer"))
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(self.tr("e.g. {{ имя }}, a discount for you"))
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(
            self.tr(
                "Hello, {{ имя }}!\n\nThe letter's text. "
                "The way to unsubscribe is added at the end."
            )
        )
        self.errors = {key: error_label() for key in ("name", "subject", "body", "form")}
        tips = {
            "имя": self.tr(
                "How to address the person (first name and patronymic); a company: its name"
            ),
            "компания": self.tr("The person's company, or the company's own name"),
            "менеджер": self.tr("The name of the client's manager"),
            "фио": self.tr("The full name as on the card"),
            "телефон_менеджера": self.tr("The manager's phone (or the office's)"),
        }
        self.placeholder_buttons: dict[str, QToolButton] = {}
        insert = QHBoxLayout()
        insert.setSpacing(2)
        insert.addWidget(QLabel(self.tr("Insert:")))
        for key in ("имя", "компания", "менеджер", "фио", "телефон_менеджера"):
            assert key in PLACEHOLDERS
            button = QToolButton()
            button.setText(f"{{{{ {key} }}}}")
            button.setToolTip(tips[key])
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text keeps the cursor
            button.clicked.connect(lambda _c=False, k=key: self.insert_placeholder(k))
            insert.addWidget(button)
            self.placeholder_buttons[key] = button
        insert.addStretch(1)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Name:"), with_error(self.name, self.errors["name"]))
        form.addRow(self.tr("Subject:"), with_error(self.subject, self.errors["subject"]))
        editor = QWidget()
        outer = QVBoxLayout(editor)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(form)
        outer.addLayout(insert)
        outer.addWidget(self.body, 1)
        outer.addWidget(self.errors["body"])
        outer.addWidget(self.errors["form"])
        row = QHBoxLayout()
        row.addWidget(
            hint_label(self.tr("Placeholders are filled in for each recipient when sending.")), 1
        )
        row.addWidget(self.save_button)
        outer.addLayout(row)
        return editor

    def _preview_panel(self) -> QWidget:
        self.segment = QComboBox()
        self.segment.currentIndexChanged.connect(lambda _i: self.load_members())
        self.recipient = QComboBox()
        self.recipient.currentIndexChanged.connect(self._recipient_picked)
        self.picker = ClientPicker(self._db, self._login)
        self.picker.edit.setPlaceholderText(self.tr("or find any client by name, phone, e-mail"))
        self.picker.sig_chosen.connect(self._client_chosen)
        self.preview_subject = QLabel()
        self.preview_subject.setStyleSheet(SUBJECT_STYLE)
        self.preview_subject.setWordWrap(True)
        self.preview_subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setReadOnly(True)
        self.preview_text.setFont(QFont(self.body.font()))
        self.preview_note = hint_label()
        self.preview_note.hide()
        box = QGroupBox(self.tr("The letter as the recipient gets it"))
        form = QFormLayout()
        form.addRow(self.tr("Segment:"), self.segment)
        form.addRow(self.tr("Recipient:"), self.recipient)
        form.addRow("", self.picker)
        column = QVBoxLayout(box)
        column.addLayout(form)
        column.addWidget(self.preview_subject)
        column.addWidget(self.preview_text, 1)
        column.addWidget(self.preview_note)
        return box

    # --- what the page gives ---------------------------------------------------------

    def show_templates(
        self, templates: list[TemplateView], select: uuid.UUID | None = None
    ) -> None:
        wanted = select or (self._current.id if self._current else None)
        self._templates = templates
        self.list.blockSignals(True)
        self.list.clear()
        picked: QListWidgetItem | None = None
        for template in templates:
            item = QListWidgetItem(template.name)
            item.setData(Qt.ItemDataRole.UserRole, template.id)
            item.setToolTip(template.subject)
            self.list.addItem(item)
            if template.id == wanted:
                picked = item
        self.list.blockSignals(False)
        if picked is not None and self._current is not None and wanted == self._current.id:
            # the one being edited: picked again without refilling the form
            self.list.blockSignals(True)
            self.list.setCurrentItem(picked)
            self.list.blockSignals(False)
            self._current = next(x for x in self._templates if x.id == wanted)
            self._update_save_text()
        elif picked is not None:
            self.list.setCurrentItem(picked)
        elif self._current is not None and wanted == self._current.id:
            self.new_template()

    def show_segments(self, segments: list[SegmentView]) -> None:
        """The segments whose first clients the preview offers."""
        chosen = self.segment.currentData()
        self.segment.blockSignals(True)
        self.segment.clear()
        for segment in segments:
            self.segment.addItem(segment.name, str(segment.id))  # a uuid is not found again
        index = self.segment.findData(chosen)
        self.segment.setCurrentIndex(index if index >= 0 else (0 if segments else -1))
        self.segment.blockSignals(False)
        if self.segment.currentData() != chosen or self.recipient.count() == 0:
            self.load_members()

    # --- the editor ------------------------------------------------------------------

    def current(self) -> TemplateView | None:
        return self._current

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        wanted = item.data(Qt.ItemDataRole.UserRole)
        template = next((t for t in self._templates if t.id == wanted), None)
        if template is None:
            return
        self._current = template
        self._clear_errors()
        self.name.setText(template.name)
        self.subject.setText(template.subject)
        self.body.setPlainText(template.body)
        self.delete_button.setEnabled(True)
        self._update_save_text()

    def new_template(self) -> None:
        self._current = None
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self._clear_errors()
        self.name.clear()
        self.subject.clear()
        self.body.clear()
        self.delete_button.setEnabled(False)
        self._update_save_text()
        self.name.setFocus()

    def _update_save_text(self) -> None:
        renamed = (
            self._current is not None
            and " ".join(self.name.text().split()).casefold() != self._current.name.casefold()
        )
        self.save_button.setText(self.tr("Save as a new template") if renamed else self.tr("Save"))

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self):
            return
        if new is self.subject or new is self.body:
            self._target = new

    def insert_placeholder(self, key: str) -> None:
        """Put `{{ key }}` at the cursor of the subject or the text (the one last typed in)."""
        text = f"{{{{ {key} }}}}"
        if self._target is self.subject:
            self.subject.insert(text)
            self.subject.setFocus()
        else:
            self.body.insertPlainText(text)
            self.body.setFocus()

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            show_error(label, None)

    def save(self) -> Background[TemplateView] | None:
        if self.busy:
            return None
        name, subject, body = self.name.text(), self.subject.text(), self.body.toPlainText()
        self._clear_errors()
        self.busy = True

        def work(session: CrmSession) -> TemplateView:
            return save_template(session, name, subject, body)

        job: Background[TemplateView] = Background(self._db, work, self._login)
        return job.on_done(self._saved).on_failed(self._failed).start()

    def _saved(self, view: TemplateView) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self._current = view
        self.delete_button.setEnabled(True)
        self._update_save_text()
        self.sig_message.emit(self.tr("Template «{name}» saved").format(name=view.name))
        self.sig_saved.emit(view)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        if isinstance(error, ValidationError):
            show_error(self.errors.get(error.field, self.errors["form"]), error.message)
            return
        report_connection(error)
        show_error(self.errors["form"], one_sentence(error))

    def delete_current(self) -> Background[None] | None:
        template = self._current
        if template is None or self.busy:
            return None
        answer = QMessageBox.question(
            self,
            self.tr("Delete the template"),
            self.tr(
                "Delete the template «{name}»? Letters already sent stay in the clients' history."
            ).format(name=template.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        self.busy = True
        job: Background[None] = Background(
            self._db, lambda s: delete_template(s, template.id), self._login
        )

        def deleted(_none: None) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            self.new_template()
            self.sig_message.emit(self.tr("Template «{name}» deleted").format(name=template.name))
            self.sig_deleted.emit(template)

        return job.on_done(deleted).on_failed(self._failed).start()

    # --- the preview -----------------------------------------------------------------

    def load_members(self) -> Background[list[SegmentMember]] | None:
        """The chosen segment's first clients, offered as recipients of the preview."""
        self._members_serial += 1
        serial = self._members_serial
        chosen = self.segment.currentData()
        if not isinstance(chosen, str):
            self._show_members(serial, [])
            return None
        segment_id = uuid.UUID(chosen)
        job: Background[list[SegmentMember]] = Background(
            self._db, lambda s: segment_members(s, segment_id), self._login, write=False
        )
        return job.on_done(lambda rows: self._show_members(serial, rows)).start()

    def _show_members(self, serial: int, members: list[SegmentMember]) -> None:
        if not shiboken6.isValid(self) or serial != self._members_serial:
            return
        self.recipient.blockSignals(True)
        self.recipient.clear()
        for member in members:
            shown = f"{member.name} <{member.email}>" if member.email else member.name
            self.recipient.addItem(shown, str(member.client_id))
        if not members:
            self.recipient.addItem(self.tr("nobody in this segment"), None)
        self.recipient.setCurrentIndex(0)
        self.recipient.blockSignals(False)
        self.sig_members.emit()
        self._recipient_picked(0)

    def _recipient_picked(self, _index: int) -> None:
        client = self.recipient.currentData()
        if isinstance(client, str):
            self.picker.set_client(None, "")
            self.set_preview_client(uuid.UUID(client))

    def _client_chosen(self, client: uuid.UUID | None) -> None:
        if client is not None:
            self.set_preview_client(client)

    def set_preview_client(self, client: uuid.UUID | None) -> None:
        self._client = client
        self.refresh_preview()

    def _text_changed(self) -> None:
        self._serial += 1
        self._timer.start()

    def refresh_preview(self) -> Background[tuple[str, str]] | None:
        """The letter as the chosen recipient gets it, from the text as typed now."""
        self._timer.stop()
        self._serial += 1
        serial = self._serial
        client = self._client
        subject, body = self.subject.text(), self.body.toPlainText()
        if client is None:
            self._show_preview(serial, None, self.tr("Choose whom to preview the letter for."))
            return None
        if not subject.strip() and not body.strip():
            self._show_preview(serial, None, self.tr("Type the subject and the text."))
            return None
        template = TemplateView(UNSAVED, self.name.text(), subject, body)

        def work(session: CrmSession) -> tuple[str, str]:
            check_template("subject", subject)
            check_template("body", body)
            return preview(session, template, client)

        def failed(error: BaseException) -> None:
            if not isinstance(error, ValidationError):
                report_connection(error)
            self._show_preview(serial, None, one_sentence(error), error=True)

        job: Background[tuple[str, str]] = Background(self._db, work, self._login, write=False)
        return (
            job.on_done(lambda letter: self._show_preview(serial, letter, None))
            .on_failed(failed)
            .start()
        )

    def _show_preview(
        self,
        serial: int,
        letter: tuple[str, str] | None,
        note: str | None,
        *,
        error: bool = False,
    ) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return
        if letter is not None:
            subject, text = letter
            self.preview_subject.setText(subject)
            self.preview_text.setPlainText(text)
        else:
            self.preview_subject.clear()
            self.preview_text.clear()
        self.preview_error = note if error else None
        self.preview_note.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        show_error(self.preview_note, note)
        self.sig_previewed.emit()
