"""The deal card: a new deal or one being changed. Title, client (found as you type),
amount ("150 000,50" as people write it; the products' sum when there are products),
expected close date, owner, pipeline and stage, probability, products from the price list,
a note, and the current stage's checklist (each tick is saved at once). A refused save
says why under the field concerned. Saving carries the version the card was opened at: a
deal someone else changed meanwhile is not overwritten, the card says who and offers to
reload. Enter saves and closes, Ctrl+S saves, Esc closes (asking before losing changes)."""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import Conflict, CrmError, ValidationError
from crm_desktop.services.client_views import get_client
from crm_desktop.services.deals import (
    ChecklistIncomplete,
    DealView,
    create_deal,
    edit_deal,
    get_deal,
    move_deal,
)
from crm_desktop.services.pipelines import (
    PipelineView,
    ensure_default_pipeline,
    list_pipelines,
)
from crm_desktop.services.users import UserView, list_users
from crm_desktop.services.vocabulary import StageOutcome
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.changes_tab import ChangesTab
from crm_desktop.ui.deal_checklist import DealChecklist
from crm_desktop.ui.deal_fields import DealFields
from crm_desktop.ui.field_messages import error_label, show_error
from crm_desktop.ui.lost_reason import ask_lost_reason
from crm_desktop.ui.unexpected import error_box, report_connection

# Where a service's message lands when its field is not one of the card's own.
ERROR_AT = {
    "client_id": "client",
    "currency": "amount",
    "product": "lines",
    "quantity": "lines",
    "price": "lines",
    "vat_rate": "lines",
    "lost_reason": "stage",
}


@dataclass(frozen=True)
class _Loaded:
    view: DealView | None
    pipelines: list[PipelineView]
    users: list[UserView]
    client_name: str


class DealCard(QDialog):
    sig_saved = Signal(object)  # the DealView saved
    sig_changed = Signal(object)  # the DealView after a checklist tick
    sig_loaded = Signal()

    def __init__(
        self,
        db: Database,
        login: str | None,
        deal_id: uuid.UUID | None = None,
        *,
        client_id: uuid.UUID | None = None,
        pipeline_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._client_id = client_id
        self._pipeline_id = pipeline_id
        self._view: DealView | None = None
        self._pipelines: list[PipelineView] = []
        self._users: list[UserView] = []
        self._loaded_values: dict[str, str] = {}
        self._saving = False
        self.loaded = False
        self.resize(720, 700)
        self.setMinimumSize(560, 420)
        self.fields = DealFields(db, login)
        self.errors = self.fields.errors
        self.checklist = DealChecklist(db, login)
        self.checklist.sig_ticked.connect(self._ticked)
        self.checklist.sig_failed.connect(self._say)
        self.fields.form.addRow(self.checklist)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setWidget(self.fields)

        self.errors["form"] = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save and close (Enter); Ctrl+S saves and stays"))
        self.save_button.clicked.connect(lambda: self.save(close_after=True))
        buttons.rejected.connect(self.close)
        self.invoice_button = buttons.addButton(
            self.tr("Create invoice"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.invoice_button.setEnabled(False)
        self.invoice_button.clicked.connect(lambda: self.create_invoice())
        self.proposal_button = buttons.addButton(
            self.tr("Commercial proposal…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.proposal_button.setToolTip(self.tr("The deal's commercial proposal as a PDF"))
        self.proposal_button.setEnabled(False)
        self.proposal_button.clicked.connect(lambda: self.save_proposal())
        self.invoice_editor: QDialog | None = None
        self.changes_tab = ChangesTab(db, login, "deals", deal_id)
        self.changes_tab.unsaved = self.is_dirty  # a restore would overwrite the typing
        self.changes_tab.sig_restored.connect(self._restored)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form_scroll, self.tr("Deal"))
        self.tabs.addTab(self.changes_tab, self.tr("Changes"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.errors["form"])
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save())
        self.fields.sig_touched.connect(self._update_title)
        self.setWindowTitle(self.tr("Deal"))
        self.form_scroll.setEnabled(False)
        self.save_button.setEnabled(False)
        self.load(deal_id)

    @property
    def saving(self) -> bool:
        """A save is running in the worker."""
        return self._saving

    @property
    def checks(self) -> dict[uuid.UUID, QCheckBox]:
        """The checklist's boxes by item id."""
        return self.checklist.checks

    # --- loading ------------------------------------------------------------------------------

    def load(self, deal_id: uuid.UUID | None) -> Background[_Loaded]:
        """Read the deal (or what a new one needs) in a worker; the card fills when done."""
        client_id = self._client_id

        def work(session: CrmSession) -> _Loaded:
            view = get_deal(session, deal_id) if deal_id is not None else None
            pipelines = list_pipelines(session)
            if not pipelines and deal_id is None:
                pipelines = [ensure_default_pipeline(session)]
            name = view.client_name if view is not None else ""
            if view is None and client_id is not None:
                name = get_client(session, client_id).display_name
            return _Loaded(view, pipelines, list_users(session), name)

        job: Background[_Loaded] = Background(self._db, work, self._login, write=deal_id is None)
        job.on_done(self._fill).on_failed(self._load_failed)
        return job.start()

    def _restored(self, deal_id: uuid.UUID) -> None:
        """A value or a version put back from the Changes tab: read the deal again and
        tell the lists (`sig_changed`) once it is shown."""

        def changed() -> None:
            self.sig_loaded.disconnect(changed)
            if self._view is not None:
                self.sig_changed.emit(self._view)

        self.sig_loaded.connect(changed)
        self.load(deal_id)

    def _load_failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self) and not report_connection(error):
            self._say(error)

    def _fill(self, loaded: _Loaded) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker ran
        view = loaded.view
        self._view, self._pipelines, self._users = view, loaded.pipelines, loaded.users
        self.fields.set_choices(loaded.pipelines, loaded.users, view.owner if view else None)
        if view is None:
            self.fields.show_new(
                self._pipeline_id, self._login, self._client_id, loaded.client_name
            )
        else:
            self.fields.show_deal(view)
        self.checklist.show_view(view)
        show_error(self.errors["form"], None)
        self._loaded_values = self.fields.values()
        self.loaded = True
        self.form_scroll.setEnabled(True)
        self.save_button.setEnabled(True)
        self.invoice_button.setEnabled(view is not None)
        self.proposal_button.setEnabled(view is not None)
        self._update_title()
        self.sig_loaded.emit()

    def create_invoice(self) -> Background[Any] | None:
        """A draft invoice for the deal (its products, else its amount), opened at once."""
        if self._view is None:
            return None
        from crm_desktop.services.invoice_sources import create_invoice_from_deal
        from crm_desktop.ui.invoice_editor import InvoiceEditor

        deal_id = self._view.id

        def opened(invoice: Any) -> None:
            if shiboken6.isValid(self):
                self.invoice_editor = InvoiceEditor(self._db, self._login, invoice.id, parent=self)
                self.invoice_editor.show()

        job: Background[Any] = Background(
            self._db, lambda s: create_invoice_from_deal(s, deal_id), self._login
        )
        return job.on_done(opened).on_failed(self._say).start()

    def save_proposal(
        self, target: Path | None = None, on_saved: Callable[[Path], object] | None = None
    ) -> Background[Any] | None:
        """The deal's commercial proposal as a PDF, saved where the user says (`target`
        skips the question). What is typed but not saved would not be in it: save first."""
        if self._view is None:
            return None
        if self.is_dirty():
            self.point_at("form", self.tr("Save the deal first."))
            return None
        from crm_desktop.ui.proposal_files import save_proposal_file

        show_error(self.errors["form"], None)
        return save_proposal_file(
            self, self._db, self._login, self._view.id, target=target, on_saved=on_saved
        )

    def _ticked(self, ticked: DealView) -> None:
        if not shiboken6.isValid(self) or self._view is None:
            return  # closed while the worker ran
        # The card keeps the version it was opened at: a tick is not an edit of the deal.
        self._view = replace(
            self._view,
            checklist=ticked.checklist,
            missing_fields=ticked.missing_fields,
            ticked=ticked.ticked,
        )
        self.sig_changed.emit(ticked)

    def is_dirty(self) -> bool:
        return self.loaded and self.fields.values() != self._loaded_values

    def _update_title(self) -> None:
        name = self.fields.title.text().strip() or (
            self.tr("New deal") if self._view is None else self.tr("Deal")
        )
        self.setWindowTitle(("* " if self.is_dirty() else "") + name)

    # --- saving -------------------------------------------------------------------------------

    def save(self, close_after: bool = False) -> Background[DealView] | None:
        """Save in a worker (a lost stage first asks why); `sig_saved` when done."""
        if not self.loaded or self._saving:
            return None
        self.fields.clear_errors()
        show_error(self.errors["form"], None)
        if self.fields.client.client_id() is None:
            self.point_at("client", self.tr("Choose the client from the list"))
            return None
        view, stage, pipeline = (
            self._view,
            self.fields.chosen_stage(),
            self.fields.chosen_pipeline(),
        )
        if stage is None or pipeline is None:
            self.point_at("stage", self.tr("Choose a stage"))
            return None
        changes = self.fields.changes(view is None, self._loaded_values)
        moving = view is None or stage.id != view.stage_id
        reason: str | None = None
        if moving and stage.outcome == StageOutcome.LOST:
            reason = ask_lost_reason(self, self.fields.title.text().strip())
            if reason is None:
                return None

        def work(session: CrmSession) -> DealView:
            if view is None:
                return create_deal(
                    session, changes, pipeline=pipeline.id, stage=stage.id, lost_reason=reason
                )
            saved = edit_deal(session, view.id, changes, expected_version=view.version)
            if stage.id != view.stage_id:
                saved = move_deal(session, view.id, stage.id, lost_reason=reason)
            return saved

        self._saving = True
        self.save_button.setEnabled(False)
        job: Background[DealView] = Background(self._db, work, self._login)
        job.on_done(lambda saved: self._saved(saved, close_after)).on_failed(self._save_failed)
        return job.start()

    def _saved(self, saved: DealView, close_after: bool) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker ran
        self._saving = False
        self.save_button.setEnabled(True)
        self._fill(_Loaded(saved, self._pipelines, self._users, saved.client_name))
        self.changes_tab.set_record(saved.id)
        self.sig_saved.emit(saved)
        if close_after:
            self.accept()

    def _save_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker ran
        self._saving = False
        self.save_button.setEnabled(True)
        if report_connection(error):
            self.point_at(
                "form",
                self.tr(
                    "Not saved: there is no connection to the server. What you typed stays "
                    "here; save again when the connection is back."
                ),
            )
            return
        if isinstance(error, Conflict):
            answer = QMessageBox.question(
                self,
                self.tr("Deal changed"),
                error.message,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Yes and self._view is not None:
                self.load(self._view.id)
            return
        if isinstance(error, ChecklistIncomplete):
            self.point_at("stage", error.message)
            return
        if isinstance(error, ValidationError):
            self.point_at(ERROR_AT.get(error.field, error.field), error.message)
            return
        self._say(error)

    def point_at(self, key: str, message: str) -> None:
        """Show a message under its field (or under the form), scrolled into view."""
        label = self.errors.get(key) or self.errors["form"]
        show_error(label, message)
        self.form_scroll.ensureWidgetVisible(label)

    def _say(self, error: BaseException) -> None:
        if isinstance(error, CrmError):
            self.point_at("form", error.message)
            return
        error_box(error, "".join(traceback.format_exception(error))).exec()

    # --- closing ------------------------------------------------------------------------------

    def closeEvent(self, event: Any) -> None:
        if self._saving:
            event.ignore()
            return
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Save the changes to this deal?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Save:
                self.save(close_after=True)
                event.ignore()
                return
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        event.accept()

    def reject(self) -> None:  # Esc closes through closeEvent, which asks first
        self.close()

    def discard_changes(self) -> None:
        """Forget what was typed (the card then closes without asking)."""
        self._loaded_values = self.fields.values()
