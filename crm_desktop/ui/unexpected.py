"""What the user sees of an error nobody handled: one sentence, the details folded away
(and written to the log file). A lost server connection goes to the window's banner, and
a known problem (`CrmError`) is said in its own one sentence."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from crm_desktop.errors import CrmError
from crm_desktop.logfile import log_path

log = logging.getLogger("crm_desktop.ui")
ConnectionReporter = Callable[[BaseException], bool]
_reporters: list[ConnectionReporter] = []


def add_connection_reporter(reporter: ConnectionReporter) -> None:
    """A window's monitor: it takes the errors that mean the server is gone."""
    _reporters.append(reporter)


def remove_connection_reporter(reporter: ConnectionReporter) -> None:
    if reporter in _reporters:
        _reporters.remove(reporter)


def one_sentence(error: BaseException) -> str:
    """What to tell the user about a failed piece of work: a known problem in its own
    words, anything else as one sentence pointing at the log."""
    if isinstance(error, CrmError):
        return error.message
    return QCoreApplication.translate(
        "Unexpected", "Something went wrong ({error}); the details are in the log file."
    ).format(error=type(error).__name__)


def report_connection(error: BaseException) -> bool:
    """Give a lost connection to the windows' monitors; True when one took it."""
    return any(reporter(error) for reporter in list(_reporters))


def error_box(error: BaseException, details: str) -> QMessageBox:
    parent = QApplication.activeWindow()
    if parent is not None and not parent.isVisible():  # a window being closed
        parent = None
    if isinstance(error, CrmError):
        box = QMessageBox(QMessageBox.Icon.Warning, "CRM", error.message, parent=parent)
        return box
    text = QCoreApplication.translate(
        "Unexpected",
        "Something went wrong in the program. What was saved is safe; "
        "the details are in the log file.",
    )
    box = QMessageBox(QMessageBox.Icon.Critical, "CRM", text, parent=parent)
    box.setDetailedText(f"{details}\n{log_path()}")
    return box


def handle(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    if report_connection(error):
        return
    details = "".join(traceback.format_exception(kind, error, trace))
    if not isinstance(error, CrmError):
        log.error("unexpected error\n%s", details)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, error, trace)
        return
    error_box(error, details).exec()


def install() -> None:
    sys.excepthook = handle
