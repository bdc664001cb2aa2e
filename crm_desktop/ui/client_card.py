"""The client card: details checked as you type, the history of contacts, the company's
people (or the person's company). Unsaved changes are never lost silently: closing asks,
and a draft is kept on disk while the card is open."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError, ValidationError
from crm_desktop.services.client_list import ClientFilter, list_clients
from crm_desktop.services.client_views import ClientView, get_client
from crm_desktop.services.clients import ClientChanges, create_client, edit_client
from crm_desktop.services.dates import parse_birth_date
from crm_desktop.services.emails import normalize_email
from crm_desktop.services.interactions import InteractionView, add_interaction, history
from crm_desktop.services.legal_forms import SHORT_FORMS
from crm_desktop.services.phones import format_phone, normalize_phone
from crm_desktop.services.requisites import normalize_inn
from crm_desktop.services.users import list_users
from crm_desktop.services.vocabulary import ClientKind, InteractionKind
from crm_desktop.store.database import Database
from crm_desktop.ui.coming_soon import ComingSoonPage
from crm_desktop.ui.drafts import Drafts
from crm_desktop.ui.icons import icon

ERROR_STYLE = "color: #c62828; font-size: 9pt;"
FIELDS = (
    "name",
    "legal_form",
    "company",
    "position",
    "inn",
    "birth_date",
    "phones",
    "emails",
    "owner",
    "note",
)


def _short_date(value: dt.date) -> str:
    """dd.mm.yyyy in Russian, the locale's own way elsewhere."""
    return (
        QLocale().toString(QDate(value.year, value.month, value.day), "dd.MM.yyyy")
        if QLocale().language() == QLocale.Language.Russian
        else QLocale().toString(
            QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat
        )
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


class ClientCard(QDialog):
    sig_saved = Signal(object)  # the saved ClientView

    def __init__(
        self,
        db: Database,
        login: str | None,
        client_id: uuid.UUID | None = None,
        kind: ClientKind = ClientKind.PERSON,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._view: ClientView | None = None
        self._loaded: dict[str, str] = {}
        self._drafts = Drafts()
        if client_id is not None:
            with db.unit_of_work(login, write=False) as session:
                self._view = get_client(session, client_id)
            kind = self._view.kind
        self._kind = kind
        self._draft_key = str(client_id) if client_id else f"new-{uuid.uuid4()}"
        self.resize(720, 640)

        self.fields: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_tab(), self.tr("Details"))
        self.history_list = QListWidget()
        self.history_list.setWordWrap(True)
        self.history_list.setAlternatingRowColors(True)
        self.tabs.addTab(self._history_tab(), self.tr("History"))
        self.tabs.addTab(
            self._relations_tab(),
            self.tr("Company") if kind == ClientKind.PERSON else self.tr("People"),
        )
        soon = self.tr("Comes with the next version of the program.")
        for title in (self.tr("Deals"), self.tr("Tasks"), self.tr("Invoices")):
            self.tabs.addTab(ComingSoonPage(title, soon), title)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.close)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        self._fill()
        self._offer_draft()
        self._draft_timer = QTimer(self, singleShot=True, interval=500)
        self._draft_timer.timeout.connect(self._keep_draft)
        self._update_title()

    # --- building ------------------------------------------------------------------------

    def _add(
        self,
        form: QFormLayout,
        key: str,
        label: str,
        widget: QLineEdit | QPlainTextEdit | QComboBox,
        check: Callable[[str], Any] | None = None,
    ) -> None:
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        form.addRow(label, box)
        self.fields[key], self.errors[key] = widget, error
        if isinstance(widget, QComboBox):
            widget.currentTextChanged.connect(lambda _t: self._changed(key, check))
        else:
            widget.textChanged.connect(lambda *_a: self._changed(key, check))

    def _details_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(8)
        company = self._kind == ClientKind.COMPANY
        self._add(
            form,
            "name",
            self.tr("Company name") if company else self.tr("Full name"),
            QLineEdit(),
            lambda v: None if v.strip() else self._fail("name", self.tr("A client needs a name")),
        )
        if company:
            forms = QComboBox()
            forms.setEditable(True)
            forms.addItems(["", *SHORT_FORMS[:12]])
            self._add(form, "legal_form", self.tr("Legal form"), forms)
            self._add(
                form,
                "inn",
                self.tr("INN"),
                QLineEdit(),
                lambda v: normalize_inn(v, kind="company") if v.strip() else None,
            )
        else:
            self._add(form, "company", self.tr("Company"), QLineEdit())
            self._add(form, "position", self.tr("Position"), QLineEdit())
            self._add(
                form,
                "inn",
                self.tr("INN"),
                QLineEdit(),
                lambda v: normalize_inn(v, kind="person") if v.strip() else None,
            )
            birth = QLineEdit()
            birth.setPlaceholderText(self.tr("dd.mm.yyyy"))
            self._add(
                form,
                "birth_date",
                self.tr("Date of birth"),
                birth,
                lambda v: parse_birth_date(v) if v.strip() else None,
            )
        phones = QPlainTextEdit()
        phones.setPlaceholderText(self.tr("One number a line, e.g. 8 912 345-67-89"))
        phones.setFixedHeight(64)
        self._add(
            form,
            "phones",
            self.tr("Phones"),
            phones,
            lambda v: [normalize_phone(p) for p in _lines(v)],
        )
        emails = QPlainTextEdit()
        emails.setFixedHeight(52)
        self._add(
            form,
            "emails",
            self.tr("E-mails"),
            emails,
            lambda v: [normalize_email(e) for e in _lines(v)],
        )
        owner = QComboBox()
        owner.addItem(self.tr("nobody"), "")
        with self._db.unit_of_work(self._login, write=False) as session:
            for user in list_users(session):
                if not user.disabled:
                    owner.addItem(user.full_name or user.login, user.login)
        self._add(form, "owner", self.tr("Responsible"), owner)
        note = QPlainTextEdit()
        note.setFixedHeight(80)
        self._add(form, "note", self.tr("Note"), note)
        return page

    def _history_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.history_buttons: list[QPushButton] = []
        buttons = QHBoxLayout()
        for kind, label, glyph in (
            (InteractionKind.CALL, self.tr("Call"), "call"),
            (InteractionKind.MEETING, self.tr("Meeting"), "meeting"),
            (InteractionKind.EMAIL, self.tr("E-mail"), "email"),
            (InteractionKind.NOTE, self.tr("Note"), "note"),
        ):
            button = QPushButton(icon(glyph), label)
            button.clicked.connect(lambda _c=False, k=kind, t=label: self.log_contact(k, t))
            button.setEnabled(self._view is not None)
            buttons.addWidget(button)
            self.history_buttons.append(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.history_list)
        return page

    def _relations_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.relations = QListWidget()
        layout.addWidget(self.relations)
        return page

    # --- filling and reading --------------------------------------------------------------

    def _fill(self) -> None:
        view = self._view
        values = {key: "" for key in self.fields}
        if view is not None:
            values.update(
                name=view.name,
                legal_form=view.legal_form or "",
                company=view.company or "",
                position=view.position or "",
                inn=view.inn or "",
                birth_date=_short_date(view.birth_date) if view.birth_date else "",
                phones="\n".join(format_phone(p) for p in view.phones),
                emails="\n".join(view.emails),
                owner=view.owner or "",
                note=view.note or "",
            )
        elif self._login:
            values["owner"] = self._login
        self._set_values(values)
        self._loaded = self.values()
        self._load_history()
        self._load_relations()

    def _set_values(self, values: dict[str, str]) -> None:
        for key, widget in self.fields.items():
            text = values.get(key, "")
            if isinstance(widget, QComboBox):
                index = widget.findData(text)
                if index < 0:
                    index = widget.findText(text)
                if index >= 0:
                    widget.setCurrentIndex(index)
                elif widget.isEditable():
                    widget.setCurrentText(text)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            else:
                widget.setText(text)

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QComboBox):
                data = widget.currentData()
                out[key] = str(data) if data is not None else widget.currentText()
            elif isinstance(widget, QPlainTextEdit):
                out[key] = widget.toPlainText()
            else:
                out[key] = widget.text()
        return out

    def is_dirty(self) -> bool:
        return self.values() != self._loaded

    # --- checking as you type -------------------------------------------------------------

    def _fail(self, field: str, message: str) -> None:
        raise ValidationError(field, message)

    def _changed(self, key: str, check: Callable[[str], Any] | None) -> None:
        self.show_error(key, None)
        if check is not None:
            try:
                check(self.values()[key])
            except ValidationError as exc:
                self.show_error(key, exc.message)
        self._update_title()
        if hasattr(self, "_draft_timer"):
            self._draft_timer.start()

    def show_error(self, key: str, message: str | None) -> None:
        label = self.errors.get(key) or self.errors["name"]
        label.setText(message or "")
        label.setVisible(bool(message))

    def _update_title(self) -> None:
        name = self.values().get("name") or self.tr("New client")
        self.setWindowTitle(("* " if self.is_dirty() else "") + name)

    # --- saving, closing, drafts ----------------------------------------------------------

    def changes(self) -> ClientChanges:
        v = self.values()
        person = self._kind == ClientKind.PERSON
        return ClientChanges(
            kind=self._kind,
            name=v["name"],
            legal_form=None if person else v["legal_form"] or None,
            company=v["company"] if person else None,
            position=v.get("position") if person else None,
            inn=v["inn"],
            birth_date=v.get("birth_date") if person else None,
            phones=_lines(v["phones"]),
            emails=_lines(v["emails"]),
            owner=v["owner"],
            note=v["note"],
        )

    def save(self) -> bool:
        try:
            with self._db.unit_of_work(self._login) as session:
                if self._view is None:
                    saved = create_client(session, self.changes())
                else:
                    saved = edit_client(
                        session, self._view.id, self.changes(), expected_version=self._view.version
                    )
        except ValidationError as exc:
            self.tabs.setCurrentIndex(0)
            self.show_error(exc.field if exc.field in self.fields else "name", exc.message)
            return False
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False
        self._drafts.discard(self._draft_key)
        self._view = saved
        self._draft_key = str(saved.id)
        self._fill()
        self._update_title()
        for button in self.history_buttons:
            button.setEnabled(True)
        self.sig_saved.emit(saved)
        return True

    def closeEvent(self, event: Any) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Save the changes to this client?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
        self._drafts.discard(self._draft_key)
        event.accept()

    def discard_changes(self) -> None:
        """Back to what is saved; the draft goes."""
        self._set_values(self._loaded)
        self._drafts.discard(self._draft_key)
        self._update_title()

    def reject(self) -> None:  # Esc closes through closeEvent, which asks first
        self.close()

    def _keep_draft(self) -> None:
        if self.is_dirty():
            self._drafts.keep(self._draft_key, self.values())
        else:
            self._drafts.discard(self._draft_key)

    def _offer_draft(self) -> None:
        draft = self._drafts.load(self._draft_key)
        if not draft or draft == self._loaded:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("This client has changes that were not saved last time. Restore them?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._set_values(draft)
        else:
            self._drafts.discard(self._draft_key)

    # --- history and relations -----------------------------------------------------------

    def log_contact(self, kind: InteractionKind, title: str) -> None:
        if self._view is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, title, self.tr("What was it about?"))
        if not ok:
            return
        try:
            with self._db.unit_of_work(self._login) as session:
                add_interaction(session, self._view.id, kind, text=text)
        except CrmError as exc:
            QMessageBox.warning(self, title, str(exc))
            return
        self._load_history()

    def _load_history(self) -> None:
        self.history_list.clear()
        if self._view is None:
            return
        with self._db.unit_of_work(self._login, write=False) as session:
            entries = history(session, self._view.id, limit=200)
        for entry in entries:
            self.history_list.addItem(self._history_line(entry))
        if not entries:
            self.history_list.addItem(self.tr("No contacts yet: log the first call or meeting."))

    def _history_line(self, entry: InteractionView) -> str:
        kinds = {
            InteractionKind.CALL: self.tr("Call"),
            InteractionKind.MEETING: self.tr("Meeting"),
            InteractionKind.EMAIL: self.tr("E-mail"),
            InteractionKind.NOTE: self.tr("Note"),
            InteractionKind.STAGE_CHANGE: self.tr("Deal stage"),
        }
        moment = QDateTime.fromSecsSinceEpoch(int(entry.occurred_at.timestamp()))
        when = QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)
        who = entry.user_name or entry.user_login or self.tr("someone")
        head = f"{when} · {kinds.get(entry.kind, entry.kind.value)} · {who}"
        extra = f" — {entry.outcome}" if entry.outcome else ""
        return f"{head}{extra}\n{entry.text}" if entry.text else head + extra

    def _load_relations(self) -> None:
        self.relations.clear()
        view = self._view
        if view is None:
            return
        if view.kind == ClientKind.PERSON:
            self.relations.addItem(view.company or self.tr("Works at no company on record"))
            return
        with self._db.unit_of_work(self._login, write=False) as session:
            people = list_clients(session, limit=500, where=ClientFilter(company_id=view.id)).rows
        for person in people:
            phone = f" · {format_phone(person.phone)}" if person.phone else ""
            self.relations.addItem(f"{person.name}{phone}")
        if not people:
            self.relations.addItem(self.tr("No people of this company on record"))
