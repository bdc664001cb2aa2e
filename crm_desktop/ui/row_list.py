"""An editable list of short values (phones, e-mails, messengers, addresses): a row per
value, optionally with a kind chosen from a combo box, a button to remove a row and one to
add a row. Its whole content reads and writes as text, one row a line ("kind<TAB>value"
when rows have kinds), so the card checks, compares and keeps drafts of it like any field."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


@dataclass
class Row:
    kind: QComboBox | None
    edit: QLineEdit
    remove: QToolButton
    box: QWidget


class RowList(QWidget):
    """`kinds` are (value, label) pairs; none for a plain list. Blank rows are left out of
    `text()`, so an added row that stays empty changes nothing."""

    textChanged = Signal()
    sig_rows_changed = Signal()  # a row was added or removed: the tab order needs redoing

    def __init__(
        self,
        *,
        add_text: str,
        remove_text: str,
        remove_icon: QIcon,
        placeholder: str = "",
        kinds: list[tuple[str, str]] | None = None,
        default_kind: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._kinds = kinds
        self._default_kind = default_kind or (kinds[0][0] if kinds else "")
        self._placeholder = placeholder
        self._remove_text, self._remove_icon = remove_text, remove_icon
        self._quiet = False
        self.rows: list[Row] = []
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(4)
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_clicked)
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self.add_button)
        footer.addStretch(1)
        self._column.addLayout(footer)

    # --- rows ----------------------------------------------------------------------------

    def add_row(self, kind: str = "", text: str = "") -> Row:
        box = QWidget()
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(4)
        combo: QComboBox | None = None
        if self._kinds is not None:
            combo = QComboBox()
            for value, label in self._kinds:
                combo.addItem(label, value)
            index = combo.findData(kind or self._default_kind)
            if index < 0 and kind:  # a kind this version does not know: keep it shown
                combo.addItem(kind, kind)
                index = combo.count() - 1
            combo.setCurrentIndex(max(index, 0))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._edited)
            line.addWidget(combo)
        edit = QLineEdit(text)
        edit.setPlaceholderText(self._placeholder)
        edit.textChanged.connect(self._edited)
        line.addWidget(edit, 1)
        remove = QToolButton()
        remove.setIcon(self._remove_icon)
        remove.setToolTip(self._remove_text)
        remove.setAccessibleName(self._remove_text)
        # Out of the Tab chain: a keyboard user clears the text instead (blank rows are
        # left out); the mouse has the button.
        remove.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        line.addWidget(remove)
        row = Row(combo, edit, remove, box)
        remove.clicked.connect(lambda _checked=False, r=row: self.remove_row(r))
        self._column.insertWidget(len(self.rows), box)
        self.rows.append(row)
        self.sig_rows_changed.emit()
        return row

    def remove_row(self, row: Row) -> None:
        if row not in self.rows:
            return
        had_text = bool(row.edit.text().strip())
        self.rows.remove(row)
        self._column.removeWidget(row.box)
        row.box.hide()
        row.box.deleteLater()
        self.sig_rows_changed.emit()
        if had_text:
            self._edited()

    def _add_clicked(self) -> None:
        """A new row to type into; the last one when it is still empty."""
        if self.rows and not self.rows[-1].edit.text().strip():
            row = self.rows[-1]
        else:
            row = self.add_row()
        row.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_chain(self) -> list[QWidget]:
        """The widgets Tab visits, in order: each row's kind and text, then Add."""
        chain: list[QWidget] = []
        for row in self.rows:
            if row.kind is not None:
                chain.append(row.kind)
            chain.append(row.edit)
        chain.append(self.add_button)
        return chain

    # --- as text -----------------------------------------------------------------------

    def items(self) -> list[tuple[str, str]]:
        """(kind, text) of every row with some text; kind "" in a plain list."""
        out = []
        for row in self.rows:
            text = row.edit.text().strip()
            if text:
                kind = str(row.kind.currentData()) if row.kind is not None else ""
                out.append((kind, text))
        return out

    def text(self) -> str:
        if self._kinds is None:
            return "\n".join(text for _kind, text in self.items())
        return "\n".join(f"{kind}\t{text}" for kind, text in self.items())

    def setText(self, text: str) -> None:
        """Rows from text, one a line; at least one (empty) row to type into."""
        self._quiet = True
        try:
            for row in list(self.rows):
                self.remove_row(row)
            for line in text.splitlines():
                if not line.strip():
                    continue
                kind, tab, value = line.partition("\t")
                if self._kinds is None or not tab:
                    kind, value = "", line
                self.add_row(kind.strip(), value.strip())
            if not self.rows:
                self.add_row()
        finally:
            self._quiet = False
        self.textChanged.emit()

    def _edited(self, *_args: object) -> None:
        if not self._quiet:
            self.textChanged.emit()
