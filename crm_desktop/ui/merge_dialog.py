"""Merging two records of the same client: both side by side, the value to keep chosen
field by field; phones, e-mails, history and deals of both end on the client kept."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.i18n.formats import format_date
from crm_desktop.services.client_views import ClientView, get_client
from crm_desktop.services.merge import merge_clients
from crm_desktop.services.phones import format_phone
from crm_desktop.store.database import Database


class MergeDialog(QDialog):
    sig_merged = Signal(object)  # the ClientView kept

    def __init__(
        self,
        db: Database,
        login: str | None,
        first: uuid.UUID,
        second: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        with db.unit_of_work(login, write=False) as session:
            self.left = get_client(session, first)
            self.right = get_client(session, second)
        self.setWindowTitle(self.tr("Merge duplicates"))
        self.resize(820, 420)
        rows: list[tuple[str, str, Callable[[ClientView], str]]] = [
            ("name", self.tr("Name"), lambda v: v.display_name),
            ("inn", self.tr("INN"), lambda v: v.inn or ""),
            (
                "birth_date",
                self.tr("Date of birth"),
                lambda v: format_date(v.birth_date) if v.birth_date else "",
            ),
            ("position", self.tr("Position"), lambda v: v.position or ""),
            ("company_id", self.tr("Company"), lambda v: v.company or ""),
            ("owner", self.tr("Responsible"), lambda v: v.owner or ""),
            ("note", self.tr("Note"), lambda v: v.note or ""),
        ]
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        intro = QLabel(
            self.tr("Choose, line by line, what the merged client keeps; then press Merge.")
        )
        intro.setStyleSheet("font-weight: 600;")
        self.keep_left = QRadioButton(self.tr("Keep this record"))
        self.keep_right = QRadioButton(self.tr("Keep this record"))
        self.keep_left.setChecked(True)
        keep = QButtonGroup(self)
        keep.addButton(self.keep_left)
        keep.addButton(self.keep_right)
        for column, (view, button) in enumerate(
            ((self.left, self.keep_left), (self.right, self.keep_right)), start=1
        ):
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            head = QVBoxLayout(box)
            title = QLabel(view.display_name)
            title.setStyleSheet("font-size: 11pt; font-weight: 600;")
            title.setWordWrap(True)
            head.addWidget(title)
            head.addWidget(button)
            grid.addWidget(box, 0, column)
        self.choices: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        for row, (field, label, show) in enumerate(rows, start=1):
            grid.addWidget(QLabel(label), row, 0)
            a, b = QRadioButton(show(self.left) or "—"), QRadioButton(show(self.right) or "—")
            group = QButtonGroup(self)
            group.addButton(a)
            group.addButton(b)
            (a if show(self.left) or not show(self.right) else b).setChecked(True)
            if show(self.left) == show(self.right):
                a.setEnabled(False)
                b.setEnabled(False)
            grid.addWidget(a, row, 1)
            grid.addWidget(b, row, 2)
            self.choices[field] = (a, b)
        together = len(rows) + 1
        grid.addWidget(QLabel(self.tr("Phones and e-mails")), together, 0)
        grid.addWidget(QLabel(self._contacts(self.left)), together, 1)
        grid.addWidget(QLabel(self._contacts(self.right)), together, 2)
        note = QLabel(
            self.tr(
                "Phones, e-mails, history, deals, tasks and invoices of both "
                "records stay with the client kept; the other record goes "
                "to the recycle bin."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #607d8b;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        merge = buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        merge.setDefault(True)
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _contacts(self, view: ClientView) -> str:
        lines = [format_phone(p) for p in view.phones] + view.emails
        return "\n".join(lines) or "—"

    def merge(self) -> None:
        keep_left = self.keep_left.isChecked()
        survivor, other = (self.left, self.right) if keep_left else (self.right, self.left)
        choose = {}
        for field, (a, _b) in self.choices.items():
            chosen_left = a.isChecked()
            choose[field] = "survivor" if chosen_left == keep_left else "other"
        try:
            with self._db.unit_of_work(self._login) as session:
                kept = merge_clients(session, survivor.id, other.id, choose)  # type: ignore[arg-type]
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.sig_merged.emit(kept)
        self.accept()
