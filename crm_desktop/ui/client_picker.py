"""Choosing a client by typing part of a name, a phone, an e-mail or an INN: the search
of the client list (`services.search`), run in a worker a moment after the last key, its
hits offered under the field. Used where a record belongs to a client (a deal)."""

from __future__ import annotations

import uuid

import shiboken6
from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QVBoxLayout, QWidget

from crm_desktop.services.client_rows import ClientRow
from crm_desktop.services.phones import format_phone
from crm_desktop.services.search import search_clients
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.icons import icon

SEARCH_DELAY_MS = 150
HITS = 20


def client_line(row: ClientRow) -> str:
    """A hit as the list under the field shows it: the name and what tells it apart."""
    extra = [row.company or "", format_phone(row.phone) if row.phone else "", row.inn or ""]
    details = " · ".join(part for part in extra if part)
    return f"{row.display_name} · {details}" if details else row.display_name


class ClientPicker(QWidget):
    sig_chosen = Signal(object)  # the client's id (None when the text no longer names one)
    sig_results = Signal()  # the hits for the text typed arrived

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._id: uuid.UUID | None = None
        self._name = ""
        self._serial = 0
        self.results: list[ClientRow] = []
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Type a name, phone, e-mail or INN"))
        self.edit.setClearButtonEnabled(True)
        self.edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._hits = QStringListModel(self)
        self.completer = QCompleter(self._hits, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.completer.setWidget(self.edit)
        self.completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.edit.textEdited.connect(self._typed)

    def client_id(self) -> uuid.UUID | None:
        return self._id

    def text(self) -> str:
        return self.edit.text()

    def set_client(self, client_id: uuid.UUID | None, name: str) -> None:
        """Show a client already chosen (no search)."""
        self._id, self._name = client_id, name
        self.edit.setText(name)

    def _hide_popup(self) -> None:
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()

    def choose(self, row: ClientRow) -> None:
        self._serial += 1  # a search still running is for text typed before
        self._hide_popup()
        self.set_client(row.id, row.display_name)
        self.sig_chosen.emit(row.id)

    def _typed(self, text: str) -> None:
        if self._id is not None and text != self._name:
            self._id = None  # the text no longer names the client chosen
            self.sig_chosen.emit(None)
        self._serial += 1
        self._timer.start()

    def search(self) -> None:
        text = self.edit.text().strip()
        self._serial += 1
        serial = self._serial
        if not text:
            self._show(serial, [])
            return
        Background(
            self._db, lambda s: search_clients(s, text, limit=HITS), self._login, write=False
        ).on_done(lambda rows: self._show(serial, rows)).start()

    def _show(self, serial: int, rows: list[ClientRow]) -> None:
        if not shiboken6.isValid(self) or serial != self._serial:
            return  # closed meanwhile, or the text changed since
        self.results = rows
        self._hits.setStringList([client_line(row) for row in rows])
        if rows and self.edit.hasFocus():
            self.completer.complete()
        else:
            self._hide_popup()
        self.sig_results.emit()

    def _activated(self, index: QModelIndex) -> None:
        model = self.completer.completionModel()
        source = model.mapToSource(index) if hasattr(model, "mapToSource") else index
        row = source.row()
        if 0 <= row < len(self.results):
            self.choose(self.results[row])
