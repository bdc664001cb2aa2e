"""The Conflicts screen of a laptop replica (issue 8): the edits that met another
computer's edit of the same field (or a deletion) while syncing. The newer value is
shown until someone settles it here: keep this computer's value, the other computer's,
or type another; settling is a new edit, so it reaches everyone with the next sync.
Below, the clients created twice on two computers (`DuplicatesPanel`)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.i18n.formats import format_datetime, format_number
from crm_desktop.services.client_views import get_client
from crm_desktop.services.deals import get_deal
from crm_desktop.services.invoice_views import get_invoice
from crm_desktop.services.order_views import get_order
from crm_desktop.services.pipelines import get_pipeline
from crm_desktop.services.task_views import get_task
from crm_desktop.store.database import Database
from crm_desktop.sync import engine
from crm_desktop.ui.background import Background
from crm_desktop.ui.duplicates_panel import DuplicatesPanel
from crm_desktop.ui.icons import icon

LONG_TEXT_FIELDS = frozenset({"note", "description", "text"})  # typed in a text box
NO_TYPED_VALUE = frozenset({"stage_id"})  # chosen from elsewhere, not typed


@dataclass(frozen=True)
class ConflictRow:
    """One open conflict, with what a person recognises the record by."""

    id: int
    table: str
    record_id: uuid.UUID
    kind: str  # "field": two edits of a field; "deleted": an edit of a deleted record
    field: str
    title: str | None  # the client's name, the deal's title, the invoice's number...
    client: str | None  # whose deal, invoice or order it is
    shown: Any  # the value the record shows now (for "deleted": the deletion's time)
    other: Any  # the value that lost
    mine: Any  # this computer's side
    theirs: Any  # the other computer's side
    found_at: dt.datetime
    names: dict[str, str]  # a deal's stage ids: their names

    @property
    def shown_is_mine(self) -> bool:
        return bool(self.shown == self.mine)

    @property
    def can_type_value(self) -> bool:
        return self.kind == "field" and self.field not in NO_TYPED_VALUE


def _describe(session: Any, table: str, row_id: uuid.UUID) -> tuple[str | None, str | None]:
    """(title, client) of a record, or (None, None) when it cannot be read (deleted)."""
    try:
        if table == "clients":
            return get_client(session, row_id).name, None
        if table == "deals":
            deal = get_deal(session, row_id)
            return deal.title, deal.client_name
        if table == "tasks":
            task = get_task(session, row_id)
            return task.title, task.client_name
        if table == "invoices":
            invoice = get_invoice(session, row_id)
            return invoice.number, invoice.client_name
        if table == "orders":
            order = get_order(session, row_id)
            return order.number, order.client_name
    except CrmError:
        pass
    return None, None


def _stage_names(session: Any, deal_id: uuid.UUID) -> dict[str, str]:
    try:
        pipeline = get_pipeline(session, get_deal(session, deal_id).pipeline_id)
    except CrmError:
        return {}
    return {str(stage.id): stage.name for stage in pipeline.stages}


def read_conflicts(session: Any, laptop: Database) -> list[ConflictRow]:
    """The open conflicts of the replica, oldest first (in a worker)."""
    rows: list[ConflictRow] = []
    for c in engine.conflicts_json(laptop):
        record_id = uuid.UUID(str(c["record_id"]))
        title, client = _describe(session, str(c["table"]), record_id)
        names = (
            _stage_names(session, record_id)
            if c["table"] == "deals" and c["field"] == "stage_id"
            else {}
        )
        rows.append(
            ConflictRow(
                int(c["id"]),
                str(c["table"]),
                record_id,
                str(c["kind"]),
                str(c["field"]),
                title,
                client,
                c["shown"],
                c["other"],
                c["mine"],
                c["theirs"],
                dt.datetime.fromisoformat(str(c["found_at"])),
                names,
            )
        )
    return rows


class ConflictsPage(QWidget):
    COLUMNS = ("record", "field", "shown", "other", "found")
    # the long texts share the width; the short ones take what they need
    RESIZE = (
        QHeaderView.ResizeMode.Stretch,
        QHeaderView.ResizeMode.ResizeToContents,
        QHeaderView.ResizeMode.Stretch,
        QHeaderView.ResizeMode.Stretch,
        QHeaderView.ResizeMode.ResizeToContents,
    )
    sig_resolved = Signal()  # a conflict was settled: a record here changed
    sig_loaded = Signal()  # the list was read (again)

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self.rows: list[ConflictRow] | None = None  # None until first read
        self._serial = 0
        self.busy = False
        self.intro = QLabel(
            self.tr(
                "The same field was changed on two computers before they synced. The newer "
                "value is shown everywhere until you choose which one to keep or enter "
                "another; your choice goes to everyone with the next sync."
            )
        )
        self.intro.setWordWrap(True)
        self.model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Record"),
                self.tr("Field"),
                self.tr("Shown now"),
                self.tr("Other value"),
                self.tr("Found"),
            ]
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(80)
        for column, mode in zip(self.COLUMNS, self.RESIZE, strict=True):
            header.setSectionResizeMode(self.COLUMNS.index(column), mode)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.empty = QLabel(self.tr("No conflicts: every change met the others without a clash."))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #546e7a; font-size: 11pt; padding: 24px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.keep_mine_button = QPushButton(self.tr("Keep mine"))
        self.keep_mine_button.setToolTip(self.tr("Keep the value entered on this computer"))
        self.keep_mine_button.clicked.connect(lambda: self.keep("mine"))
        self.keep_theirs_button = QPushButton(self.tr("Keep theirs"))
        self.keep_theirs_button.setToolTip(self.tr("Keep the value entered on the other computer"))
        self.keep_theirs_button.clicked.connect(lambda: self.keep("theirs"))
        self.value_button = QPushButton(self.tr("Enter value…"))
        self.value_button.clicked.connect(self.enter_value)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.actions_row = QWidget()
        buttons = QHBoxLayout(self.actions_row)
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.keep_mine_button, self.keep_theirs_button, self.value_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.actions_row)
        self.duplicates = DuplicatesPanel(db, login, self)
        self.duplicates.sig_changed.connect(self.sig_resolved)
        layout.addWidget(self.duplicates, 2)
        self._enable()

    # -- reading --------------------------------------------------------------------

    def reload(self) -> None:
        """Read the open conflicts again (in a worker)."""
        self._serial += 1
        serial = self._serial
        db = self._db

        def show(rows: list[ConflictRow]) -> None:
            if shiboken6.isValid(self) and serial == self._serial:
                self._show(rows)

        Background(db, lambda s: read_conflicts(s, db), self._login, write=False).on_done(
            show
        ).on_failed(self._failed).start()
        self.duplicates.reload()

    def _show(self, rows: list[ConflictRow]) -> None:
        chosen = self.selected()
        self.rows = rows
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            self.model.appendRow(self._items(row))
        for part in (self.intro, self.table, self.actions_row):
            part.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:
            ids = [r.id for r in rows]
            at = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
            self.table.selectRow(at)
        self._enable()
        self.sig_loaded.emit()

    def _items(self, row: ConflictRow) -> list[QStandardItem]:
        mine = self.tr("Entered on this computer")
        theirs = self.tr("Entered on another computer")
        shown = QStandardItem(self.value_text(row, row.shown, shown=True))
        shown.setToolTip(f"{shown.text()}\n{mine if row.shown_is_mine else theirs}")
        other = QStandardItem(self.value_text(row, row.other, shown=False))
        other.setToolTip(f"{other.text()}\n{theirs if row.shown_is_mine else mine}")
        record = QStandardItem(self.record_text(row))
        record.setToolTip(record.text())
        return [
            record,
            QStandardItem(self.field_text(row)),
            shown,
            other,
            QStandardItem(format_datetime(row.found_at)),
        ]

    def record_text(self, row: ConflictRow) -> str:
        kinds = {
            "clients": self.tr("Client"),
            "deals": self.tr("Deal"),
            "tasks": self.tr("Task"),
            "interactions": self.tr("Contact history"),
            "orders": self.tr("Order"),
            "invoices": self.tr("Invoice"),
        }
        kind = kinds.get(row.table, row.table)
        if row.table in ("invoices", "orders") and row.title is None and row.client:
            title = self.tr("draft")
        else:
            title = row.title or row.record_id.hex[:8]
        text = f"{kind}: {title}"
        return f"{text} ({row.client})" if row.client else text

    def field_text(self, row: ConflictRow) -> str:
        names = {
            "name": self.tr("Name"),
            "inn": self.tr("INN"),
            "note": self.tr("Note"),
            "amount": self.tr("Amount"),
            "stage_id": self.tr("Stage"),
            "description": self.tr("Description"),
            "text": self.tr("Text"),
        }
        name = names.get(row.field, row.field)
        if row.kind == "hidden":
            return self.tr("Handed to another user at the office: your edit was not applied")
        if row.kind == "purged":
            return self.tr("Deleted for good at the office: your edit was not applied")
        if row.kind == "issued":
            return self.tr(
                "{field}: the invoice was issued at the office, your edit was not applied"
            ).format(field=name)
        if row.kind == "deleted":
            return self.tr("{field} (record deleted)").format(field=name)
        return name

    def value_text(self, row: ConflictRow, value: Any, *, shown: bool) -> str:
        if row.kind in ("hidden", "purged") or (row.kind == "issued" and row.field == "*"):
            if shown or not isinstance(value, dict):
                return self.tr("As the office has it")
            return "; ".join(
                f"{k}: {' '.join(str(v).split()) if v not in (None, '') else self.tr('(empty)')}"
                for k, v in value.items()
            )
        if row.kind == "deleted" and shown:
            try:
                when = dt.datetime.fromisoformat(str(value))
            except ValueError:
                return self.tr("Deleted")
            return self.tr("Deleted {when}").format(when=format_datetime(when))
        if value is None or value == "":
            return self.tr("(empty)")
        if row.field == "stage_id":
            return row.names.get(str(value), str(value))
        if row.field == "amount":
            try:
                return format_number(Decimal(str(value)), 2)
            except InvalidOperation:
                return str(value)
        return " ".join(str(value).split())  # one line in the table

    # -- settling -------------------------------------------------------------------

    def selected(self) -> ConflictRow | None:
        if not self.rows:
            return None
        picked = self.table.selectionModel().selectedRows()
        return self.rows[picked[0].row()] if picked and picked[0].row() < len(self.rows) else None

    def _enable(self) -> None:
        row = self.selected()
        free = row is not None and not self.busy
        self.keep_mine_button.setEnabled(free)
        self.keep_theirs_button.setEnabled(free)
        self.value_button.setEnabled(free and row is not None and row.can_type_value)

    def keep(self, side: str) -> None:
        row = self.selected()
        if row is not None:
            self.resolve(row.id, keep=side)

    def enter_value(self) -> None:
        row = self.selected()
        if row is None or not row.can_type_value:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Enter value"))
        dialog.setLabelText(
            self.tr("{field} of {record}:").format(
                field=self.field_text(row), record=self.record_text(row)
            )
        )
        if row.field in LONG_TEXT_FIELDS:
            dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setTextValue("" if row.shown is None else str(row.shown))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        value = self.checked_value(row, dialog.textValue())
        if value is not None:
            self.resolve(row.id, value=value)

    def checked_value(self, row: ConflictRow, typed: str) -> str | None:
        """The typed value as the field takes it, or None (and a message) when it won't do."""
        text = typed.strip()
        if row.field == "amount":
            plain = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
            try:
                Decimal(plain)
            except InvalidOperation:
                self._warn(self.tr("Enter an amount, e.g. 15000,50."))
                return None
            return plain
        if row.field == "name" and not text:
            self._warn(self.tr("The name cannot be empty."))
            return None
        return text

    def _warn(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Conflicts"), text)

    def resolve(
        self, conflict_id: int, *, keep: str | None = None, value: str | None = None
    ) -> None:
        """Settle one conflict (a new local edit, in a worker), then read the list again."""
        if self.busy:
            return
        self.busy = True
        self._enable()
        db = self._db

        def done(_settled: object) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            self.message.setText("")
            self.sig_resolved.emit()
            self.reload()

        Background(
            None, lambda: engine.resolve_conflict(db, conflict_id, value=value, keep=keep)
        ).on_done(done).on_failed(self._failed).start()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self._enable()
        self.message.setText(
            error.message
            if isinstance(error, CrmError)
            else self.tr("Something went wrong in the program; the details are in the log file.")
        )


class ConflictsDialog(QDialog):
    """The Conflicts screen in a window of its own, opened from the sync indicator."""

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Conflicts"))
        self.setWindowIcon(icon("conflict"))
        self.resize(980, 640)
        self.page = ConflictsPage(db, login, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.page.reload()

    def reload_if_shown(self) -> None:
        if shiboken6.isValid(self) and self.isVisible():
            self.page.reload()
