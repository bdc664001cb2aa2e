"""The client card: details checked as you type with the message at the field (phones,
e-mails, messengers and addresses as lists with add and remove, and the custom fields an
administrator defined), the history of contacts, the company's people (or the person's
company). Unsaved changes are never lost silently: closing asks, and a draft is kept on
disk while the card is open. In the details Enter moves to the next field (it never closes
or saves by surprise); Ctrl+S or Ctrl+Enter saves, Esc closes (asking first)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError, ValidationError
from crm_desktop.services.addresses import normalize_address
from crm_desktop.services.client_list import ClientFilter, list_clients
from crm_desktop.services.client_views import ClientView, get_client
from crm_desktop.services.clients import ClientChanges, create_client, edit_client
from crm_desktop.services.custom_fields import (
    YES_WORDS,
    CustomFieldView,
    custom_value_text,
    list_custom_fields,
    parse_custom_value,
)
from crm_desktop.services.dates import parse_birth_date
from crm_desktop.services.emails import normalize_email
from crm_desktop.services.interactions import InteractionView, add_interaction, history
from crm_desktop.services.legal_forms import SHORT_FORMS
from crm_desktop.services.mailing.views import MarketingStatus
from crm_desktop.services.messengers import normalize_messenger
from crm_desktop.services.phones import format_phone, normalize_phone
from crm_desktop.services.requisites import normalize_inn, normalize_kpp, normalize_ogrn
from crm_desktop.services.users import list_users
from crm_desktop.services.vocabulary import (
    AddressKind,
    ClientKind,
    FieldType,
    InteractionKind,
    MessengerKind,
)
from crm_desktop.store.database import Database
from crm_desktop.ui.changes_tab import ChangesTab
from crm_desktop.ui.coming_soon import ComingSoonPage
from crm_desktop.ui.consent_panel import ConsentPanel
from crm_desktop.ui.drafts import Drafts
from crm_desktop.ui.icons import icon
from crm_desktop.ui.privacy_actions import PrivacyButton, note_card_opened
from crm_desktop.ui.row_list import RowList
from crm_desktop.ui.unexpected import report_connection

ERROR_STYLE = "color: #c62828; font-size: 9pt;"
SECTION_STYLE = "font-weight: 600; color: #37474f; padding-top: 10px;"
Editor = QLineEdit | QPlainTextEdit | QComboBox | QCheckBox | RowList
# Where a service's error lands when its field name is not the card's key.
ERROR_AT = {"phone": "phones", "email": "emails"}


def _short_date(value: dt.date) -> str:
    """dd.mm.yyyy, the writing the field asks for (and reads back in any language)."""
    return value.strftime("%d.%m.%Y")


def _shown_handle(handle: str) -> str:
    """A messenger's phone number written for people; user names and links as they are."""
    return format_phone(handle) if handle.startswith("+") else handle


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


def _pairs(text: str) -> list[tuple[str, str]]:
    """(kind, text) of each "kind<TAB>text" line of a list with kinds."""
    out = []
    for line in text.splitlines():
        kind, _tab, value = line.partition("\t")
        if value.strip():
            out.append((kind.strip(), value.strip()))
    return out


class ClientCard(QDialog):
    sig_saved = Signal(object)  # the saved ClientView
    # The Deals tab opens the deal card itself; these only tell other screens.
    sig_open_deal = Signal(object)  # a deal's id, opened from the Deals tab
    sig_new_deal = Signal(object)  # the client's id: New deal pressed in the Deals tab

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
        with db.unit_of_work(login, write=False) as session:
            if client_id is not None:
                self._view = get_client(session, client_id)
                kind = self._view.kind
            self._custom = list_custom_fields(session)
        if client_id is not None:  # 152-FZ: who opened which card, where the setting asks
            note_card_opened(db, login, client_id)
        self._kind = kind
        self._draft_key = str(client_id) if client_id else f"new-{uuid.uuid4()}"
        self.resize(760, 680)  # fits a 1366x768 screen with its task bar
        self.setMinimumSize(560, 420)

        self.fields: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_tab(), self.tr("Details"))
        self.history_list = QListWidget()
        self.history_list.setWordWrap(True)
        self.history_list.setAlternatingRowColors(True)
        self.tabs.addTab(self._history_tab(), self.tr("History"))
        self.changes_tab = ChangesTab(db, login, "clients", client_id)
        self.changes_tab.unsaved = self.is_dirty  # a restore would overwrite the typing
        self.changes_tab.sig_restored.connect(lambda _id: self._restored())
        self.tabs.addTab(self.changes_tab, self.tr("Changes"))
        self.tabs.addTab(
            self._relations_tab(),
            self.tr("Company") if kind == ClientKind.PERSON else self.tr("People"),
        )
        # Loaded with the first card (deals, tasks and their dialogs): not at the app's start.
        from crm_desktop.ui.client_work_tabs import ClientDealsTab, ClientTasksTab

        self.deals_tab = ClientDealsTab(db, login, client_id)
        self.deals_tab.sig_open_deal.connect(self.sig_open_deal)
        self.deals_tab.sig_new_deal.connect(self.sig_new_deal)
        self.tabs.addTab(self.deals_tab, self.tr("Deals"))
        self.tasks_tab = ClientTasksTab(db, login, client_id)
        self.tasks_tab.sig_history.connect(self._load_history)
        self.tabs.addTab(self.tasks_tab, self.tr("Tasks"))
        soon = self.tr("Comes with the next version of the program.")
        self.tabs.addTab(ComingSoonPage(self.tr("Invoices"), soon), self.tr("Invoices"))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.close)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        shown = self._view.name if self._view else ""
        self.privacy_button = PrivacyButton(db, login, client_id, shown)
        buttons.addButton(self.privacy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

        self._fill()
        self._offer_draft()
        self._draft_timer = QTimer(self, singleShot=True, interval=500)
        self._draft_timer.timeout.connect(self._keep_draft)
        self._update_title()
        self._update_tab_order()

    # --- building ------------------------------------------------------------------------

    def _add(
        self,
        form: QFormLayout,
        key: str,
        label: str,
        widget: Editor,
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
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda _on: self._changed(key, check))
        else:
            widget.textChanged.connect(lambda *_a: self._changed(key, check))
        if isinstance(widget, RowList):
            widget.sig_rows_changed.connect(self._update_tab_order)

    def _section(self, form: QFormLayout, title: str) -> None:
        label = QLabel(title)
        label.setStyleSheet(SECTION_STYLE)
        form.addRow(label)

    def _row_list(
        self,
        add_text: str,
        placeholder: str,
        kinds: list[tuple[str, str]] | None = None,
        default_kind: str | None = None,
    ) -> RowList:
        return RowList(
            add_text=add_text,
            remove_text=self.tr("Remove"),
            remove_icon=icon("delete"),
            placeholder=placeholder,
            kinds=kinds,
            default_kind=default_kind,
        )

    def _details_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(12)
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
            self._company_fields(form)
        else:
            self._person_fields(form)
        owner = QComboBox()
        owner.addItem(self.tr("nobody"), "")
        with self._db.unit_of_work(self._login, write=False) as session:
            for user in list_users(session):
                if not user.disabled:
                    owner.addItem(user.full_name or user.login, user.login)
        self._add(form, "owner", self.tr("Responsible"), owner)
        source = QLineEdit()
        source.setPlaceholderText(self.tr("Where the client came from: a fair, a referral ..."))
        self._add(form, "source", self.tr("Source"), source)
        note = QPlainTextEdit()
        note.setFixedHeight(72)
        note.setTabChangesFocus(True)  # Tab leaves the note instead of typing a tab
        self._add(form, "note", self.tr("Note"), note)
        self._contact_fields(form)
        self.consent_panel = ConsentPanel(
            self._db, self._login, self._view.id if self._view else None
        )
        self.consent_panel.sig_changed.connect(self._marketing_changed)
        form.addRow(self.consent_panel)
        if self._custom:
            self._section(form, self.tr("Custom fields"))
            for field in self._custom:
                self._add(
                    form,
                    field.key,
                    field.label + (" *" if field.required else ""),
                    self._custom_editor(field),
                    self._custom_check(field),
                )
        self.details_scroll = QScrollArea()
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_scroll.setWidget(page)
        return self.details_scroll

    def _company_fields(self, form: QFormLayout) -> None:
        forms = QComboBox()
        forms.setEditable(True)
        forms.addItems(["", *SHORT_FORMS[:12]])
        self._add(form, "legal_form", self.tr("Legal form"), forms)
        full_name = QLineEdit()
        full_name.setPlaceholderText(
            self.tr("As in the register, e.g. Limited Liability Company «Romashka»")
        )
        self._add(form, "full_name", self.tr("Full company name"), full_name)
        self._add(
            form,
            "inn",
            self.tr("INN"),
            QLineEdit(),
            lambda v: normalize_inn(v, kind="company") if v.strip() else None,
        )
        self._add(
            form,
            "kpp",
            self.tr("KPP"),
            QLineEdit(),
            lambda v: normalize_kpp(v) if v.strip() else None,
        )
        self._add(
            form,
            "ogrn",
            self.tr("OGRN"),
            QLineEdit(),
            lambda v: normalize_ogrn(v) if v.strip() else None,
        )

    def _person_fields(self, form: QFormLayout) -> None:
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

    def _contact_fields(self, form: QFormLayout) -> None:
        self._section(form, self.tr("Contacts"))
        self._add(
            form,
            "phones",
            self.tr("Phones"),
            self._row_list(self.tr("Add phone"), self.tr("e.g. 8 912 345-67-89")),
            lambda v: [normalize_phone(p) for p in _lines(v)],
        )
        self._add(
            form,
            "emails",
            self.tr("E-mails"),
            self._row_list(self.tr("Add e-mail"), self.tr("name@example.ru")),
            lambda v: [normalize_email(e) for e in _lines(v)],
        )
        messengers = [
            (MessengerKind.TELEGRAM.value, self.tr("Telegram")),
            (MessengerKind.WHATSAPP.value, self.tr("WhatsApp")),
            (MessengerKind.VK.value, self.tr("VK")),
        ]
        self._add(
            form,
            "messengers",
            self.tr("Messengers"),
            self._row_list(
                self.tr("Add messenger"),
                self.tr("@user name, phone number or link"),
                messengers,
            ),
            lambda v: [normalize_messenger(kind, handle) for kind, handle in _pairs(v)],
        )
        addresses = [
            (AddressKind.LEGAL.value, self.tr("Legal")),
            (AddressKind.POSTAL.value, self.tr("Postal")),
            (AddressKind.ACTUAL.value, self.tr("Actual")),
            (AddressKind.DELIVERY.value, self.tr("Delivery")),
        ]
        company = self._kind == ClientKind.COMPANY
        self._add(
            form,
            "addresses",
            self.tr("Addresses"),
            self._row_list(
                self.tr("Add address"),
                self.tr("Postcode, city, street, building"),
                addresses,
                (AddressKind.LEGAL if company else AddressKind.ACTUAL).value,
            ),
            lambda v: [normalize_address(kind, text) for kind, text in _pairs(v)],
        )

    @staticmethod
    def _custom_check(field: CustomFieldView) -> Callable[[str], Any]:
        return lambda text: parse_custom_value(field, text)

    def _custom_editor(self, field: CustomFieldView) -> Editor:
        if field.type == FieldType.YES_NO:
            return QCheckBox(self.tr("Yes"))
        if field.type == FieldType.CHOICE:
            combo = QComboBox()
            combo.addItem("", "")
            for choice in field.choices:
                combo.addItem(choice, choice)
            return combo
        edit = QLineEdit()
        if field.type == FieldType.DATE:
            edit.setPlaceholderText(self.tr("dd.mm.yyyy"))
        elif field.type == FieldType.NUMBER:
            edit.setPlaceholderText(self.tr("a number, e.g. 1 500,50"))
        return edit

    def _focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for widget in self.fields.values():
            chain.extend(widget.focus_chain() if isinstance(widget, RowList) else [widget])
        return [*chain, self.save_button, self.close_button]

    def _update_tab_order(self) -> None:
        """Tab goes down the details in the order they are shown, rows added later
        included, then to Save and Close."""
        if not hasattr(self, "close_button"):
            return  # still building; done once at the end of __init__
        chain = self._focus_chain()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a one-line field moves on like Tab, instead of pressing the default
        button; on a button it still presses that button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            focus = self.focusWidget()
            if isinstance(focus, QLineEdit | QComboBox | QCheckBox):
                self.focusNextChild()
                return
        super().keyPressEvent(event)

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
                full_name=view.full_name or "",
                company=view.company or "",
                position=view.position or "",
                inn=view.inn or "",
                kpp=view.kpp or "",
                ogrn=view.ogrn or "",
                birth_date=_short_date(view.birth_date) if view.birth_date else "",
                phones="\n".join(format_phone(p) for p in view.phones),
                emails="\n".join(view.emails),
                messengers="\n".join(
                    f"{m.kind.value}\t{_shown_handle(m.handle)}" for m in view.messengers
                ),
                addresses="\n".join(f"{a.kind.value}\t{a.text}" for a in view.addresses),
                owner=view.owner or "",
                source=view.source or "",
                note=view.note or "",
            )
            for field in self._custom:
                values[field.key] = self._custom_text(field, view)
        elif self._login:
            values["owner"] = self._login
        self._set_values(values)
        self._loaded = self.values()
        self._load_history()
        self._load_relations()

    def _custom_text(self, field: CustomFieldView, view: ClientView) -> str:
        text: str = custom_value_text(field, view.custom_fields.get(field.code))
        if field.type == FieldType.NUMBER and QLocale().decimalPoint() == ",":
            text = text.replace(".", ",")
        return text

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
                elif text:  # a choice no longer offered: still shown as it is
                    widget.addItem(text, text)
                    widget.setCurrentIndex(widget.count() - 1)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(text.strip().lower() in YES_WORDS)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            elif isinstance(widget, RowList) and key in ("phones", "emails"):
                widget.setText("\n".join(_lines(text)))  # drafts of old kept "a, b"
            else:
                widget.setText(text)

    def values(self) -> dict[str, str]:
        """Every field as text: what drafts keep and dirty tracking compares."""
        out: dict[str, str] = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QComboBox):
                data = widget.currentData()
                out[key] = str(data) if data is not None else widget.currentText()
            elif isinstance(widget, QCheckBox):
                out[key] = "yes" if widget.isChecked() else "no"
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
        label = self.errors.get(ERROR_AT.get(key, key)) or self.errors["name"]
        label.setText(message or "")
        label.setVisible(bool(message))

    def _update_title(self) -> None:
        name = self.values().get("name") or self.tr("New client")
        self.setWindowTitle(("* " if self.is_dirty() else "") + name)

    # --- saving, closing, drafts ----------------------------------------------------------

    def changes(self) -> ClientChanges:
        v = self.values()
        person = self._kind == ClientKind.PERSON
        # A new client gets every custom field (so a required one is asked for); an edit
        # only those the user changed, leaving what others set meanwhile alone.
        custom: dict[uuid.UUID | str, str | None] = {
            field.id: v[field.key]
            for field in self._custom
            if self._view is None or v[field.key] != self._loaded.get(field.key)
        }
        return ClientChanges(
            kind=self._kind,
            name=v["name"],
            legal_form=None if person else v["legal_form"] or None,
            full_name=None if person else v["full_name"],
            company=v["company"] if person else None,
            position=v["position"] if person else None,
            inn=v["inn"],
            kpp=None if person else v["kpp"],
            ogrn=None if person else v["ogrn"],
            birth_date=v["birth_date"] if person else None,
            phones=_lines(v["phones"]),
            emails=_lines(v["emails"]),
            messengers=_pairs(v["messengers"]),
            addresses=_pairs(v["addresses"]),
            owner=v["owner"],
            source=v["source"],
            note=v["note"],
            custom_fields=custom,
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
            self._point_at(exc.field, exc.message)
            return False
        except CrmError as exc:
            if report_connection(exc):  # the banner says it; the card keeps what was typed
                self._keep_draft()
                message = self.tr(
                    "Not saved: there is no connection to the server. What you typed stays "
                    "here; save again when the connection is back."
                )
            else:
                message = str(exc)
            QMessageBox.warning(self, self.windowTitle(), message)
            return False
        self._drafts.discard(self._draft_key)
        self._view = saved
        self._draft_key = str(saved.id)
        self._fill()
        self._update_title()
        self.changes_tab.set_record(saved.id)
        for button in self.history_buttons:
            button.setEnabled(True)
        if self.deals_tab.client_id() != saved.id:  # a new client: now it can have them
            self.deals_tab.set_client(saved.id)
            self.tasks_tab.set_client(saved.id)
            self.consent_panel.set_client(saved.id)
        self.sig_saved.emit(saved)
        return True

    def _point_at(self, field: str, message: str) -> None:
        """Show a refused save's message at its field, scrolled into view and focused."""
        key = ERROR_AT.get(field, field)
        key = key if key in self.fields else "name"
        self.tabs.setCurrentIndex(0)
        self.show_error(key, message)
        widget: QWidget = self.fields[key]
        if isinstance(widget, RowList) and widget.rows:
            widget = widget.rows[0].edit
        self.details_scroll.ensureWidgetVisible(self.errors[key])
        self.details_scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

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
        # a draft kept by an older version may lack some fields: those are as loaded
        if not draft or {k: draft.get(k, v) for k, v in self._loaded.items()} == self._loaded:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("This client has changes that were not saved last time. Restore them?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._set_values({k: draft.get(k, v) for k, v in self._loaded.items()})
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
            report_connection(exc)
            QMessageBox.warning(self, title, str(exc))
            return
        self._load_history()

    def _marketing_changed(self, status: MarketingStatus) -> None:
        """A consent or an unsubscribe recorded from the card: the client's row moved on
        (none of the fields shown changed), and the history has a note."""
        if self._view is not None and self._view.id == status.client_id:
            self._view = dataclasses.replace(self._view, version=status.version)
        self._load_history()
        self.changes_tab.refresh()

    def _restored(self) -> None:
        """A value or a version put back from the Changes tab: the card shows the client
        as it is saved now (and tells the lists)."""
        if self._view is None:
            return
        with self._db.unit_of_work(self._login, write=False) as session:
            self._view = get_client(session, self._view.id)
        self._fill()
        self._update_title()
        self.sig_saved.emit(self._view)

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
