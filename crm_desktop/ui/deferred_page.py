"""A section of the main window whose page is made the first time it is shown, so the
app opens on its first section without building (and loading) the others."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class DeferredPage(QWidget):
    def __init__(self, make: Callable[[], QWidget]) -> None:
        super().__init__()
        self._make = make
        self.page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def materialise(self) -> QWidget:
        """The page, made now if it was not yet."""
        if self.page is None:
            self.page = self._make()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.page)
        return self.page

    def showEvent(self, event: QShowEvent) -> None:
        self.materialise()
        super().showEvent(event)
