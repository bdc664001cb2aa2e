"""Answering the app's modal dialogs in tests as a person would (Qt's own dialogs, no mocks)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

Answer = str | None | QMessageBox.StandardButton
_live: list[Answers] = []


def stop_all() -> None:
    """After each test (tests/ui/conftest.py): no answering timer outlives its test."""
    while _live:
        _live[-1].stop()


class Answers:
    """Answers the app's modal dialogs in order, polling for them: a string is typed into
    an input dialog and accepted, None cancels it; a message box gets the button given
    (or is simply closed when the next answer is not a button). Texts of message boxes
    are kept in `messages`."""

    def __init__(self, *answers: Answer, discard_rest: bool = False) -> None:
        self.answers = list(answers)
        self.discard_rest = discard_rest
        self.messages: list[str] = []
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self._answer)
        self.timer.start()
        _live.append(self)

    def stop(self) -> None:
        if self in _live:
            _live.remove(self)
            self.timer.stop()
            self.timer.deleteLater()  # on the UI thread, not whenever the GC finds it

    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            self.messages.append(dialog.text())
            if self.answers and isinstance(self.answers[0], QMessageBox.StandardButton):
                button = dialog.button(self.answers.pop(0))  # type: ignore[arg-type]
                assert button is not None
                button.click()
            elif self.discard_rest and dialog.button(QMessageBox.StandardButton.Discard):
                dialog.button(QMessageBox.StandardButton.Discard).click()  # type: ignore[union-attr]
            else:
                dialog.accept()
        elif isinstance(dialog, QInputDialog) and self.answers:
            answer = self.answers.pop(0)
            if answer is None:
                dialog.reject()
            else:
                dialog.setTextValue(str(answer))
                dialog.accept()
