"""Logging a call in the client's history: a small dialog with the outcome and what was
said, and the question a completed call task asks ("Log the call in the history?")."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError, ValidationError
from crm_desktop.services.interactions import InteractionView, add_interaction
from crm_desktop.services.tasks import Completion
from crm_desktop.services.vocabulary import Direction, InteractionKind
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, show_error, with_error
from crm_desktop.ui.unexpected import one_sentence, report_connection


class CallLogDialog(QDialog):
    sig_saved = Signal(object)  # the InteractionView written

    def __init__(
        self,
        db: Database,
        login: str | None,
        client_id: uuid.UUID,
        client_name: str | None = None,
        *,
        deal_id: uuid.UUID | None = None,
        subject: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._client_id = client_id
        self._deal_id = deal_id
        self._subject = subject
        self.saved: InteractionView | None = None
        self.setWindowTitle(self.tr("Log the call"))
        self.resize(460, 300)
        self.outcome = QComboBox()
        self.outcome.setEditable(True)
        self.outcome.addItems(
            [
                self.tr("Talked"),
                self.tr("No answer"),
                self.tr("Asked to call back"),
                self.tr("Not interested"),
                self.tr("Wrong number"),
            ]
        )
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("What was it about?"))
        self.text.setTabChangesFocus(True)
        self.outcome_error = error_label()
        self.text_error = error_label()
        self.error = error_label()
        form = QFormLayout()
        if client_name:
            form.addRow(self.tr("Client"), QLabel(client_name))
        form.addRow(self.tr("Outcome"), with_error(self.outcome, self.outcome_error))
        form.addRow(self.tr("Notes"), with_error(self.text, self.text_error))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> Background[InteractionView]:
        """Write the call to the history (in the background); the dialog closes when done."""
        for label in (self.outcome_error, self.text_error, self.error):
            show_error(label, None)
        client_id, deal_id, subject = self._client_id, self._deal_id, self._subject
        outcome, text = self.outcome.currentText(), self.text.toPlainText()
        self.buttons.setEnabled(False)

        def work(session: Any) -> InteractionView:
            return add_interaction(
                session,
                client_id,
                InteractionKind.CALL,
                text=text,
                outcome=outcome,
                subject=subject,
                direction=Direction.OUTBOUND,
                deal_id=deal_id,
            )

        job: Background[InteractionView] = Background(self._db, work, self._login)
        return job.on_done(self._saved).on_failed(self._failed).start()

    def _saved(self, entry: InteractionView) -> None:
        self.saved = entry
        self.buttons.setEnabled(True)
        self.sig_saved.emit(entry)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError):
            target = {"outcome": self.outcome_error, "text": self.text_error}
            show_error(target.get(error.field, self.error), error.message)
            return
        if not report_connection(error) or isinstance(error, CrmError):
            show_error(self.error, one_sentence(error))


def offer_call_log(
    parent: QWidget | None, db: Database, login: str | None, completion: Completion
) -> CallLogDialog | None:
    """After a call task is done: ask whether to log the call and, if so, open the call
    log (window-modal, not blocking) for the task's client. None when not offered or
    declined."""
    task = completion.task
    if not completion.offer_call_log or task.client_id is None:
        return None
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("CallLogDialog", "Call done"),
        QCoreApplication.translate("CallLogDialog", "Log the call in the history?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    dialog = CallLogDialog(
        db,
        login,
        task.client_id,
        task.client_name,
        deal_id=task.deal_id,
        subject=task.title,
        parent=parent,
    )
    dialog.open()
    return dialog
