"""The client's marketing mail on the card: whether they consented (when, and how) or
unsubscribed, "Record consent…" (the day and how it was given), and the one-click
"Unsubscribed" mark (by a reply to a letter, a call, or otherwise). Read and changed in
a worker; the card hears of a change (its row version moved on, a note in the history)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.i18n.formats import format_date
from crm_desktop.services.consents import (
    ConsentChannel,
    ConsentView,
    UnsubscribeVia,
    give_consent,
    unsubscribe,
)
from crm_desktop.services.mailing.views import MarketingStatus, marketing_status
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, show_error
from crm_desktop.ui.unexpected import one_sentence, report_connection

GIVEN_STYLE = "color: #2e7d32;"
OFF_STYLE = "color: #b71c1c;"
NONE_STYLE = "color: #546e7a;"


class ConsentDialog(QDialog):
    """The day the consent was given (today unless said) and how."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Consent to marketing mail"))
        today = QDate.currentDate()
        self.date = QDateEdit(today)
        self.date.setCalendarPopup(True)
        self.date.setMaximumDate(today)
        self.date.setDisplayFormat("dd.MM.yyyy")
        self.source = QLineEdit()
        self.source.setPlaceholderText(
            self.tr("e.g. a form on the website, a call, a signed paper")
        )
        self.source.setMinimumWidth(320)
        # 152-FZ: the version of the consent text, the channel and a scan as evidence
        self.text_version = QLineEdit()
        self.text_version.setPlaceholderText(self.tr("e.g. 2026-01"))
        self.channel = QComboBox()
        for code, label in channel_labels().items():
            self.channel.addItem(label, code)
        self.evidence: Path | None = None
        self.evidence_button = QPushButton(self.tr("Attach a scan…"))
        self.evidence_button.clicked.connect(self.choose_evidence)
        form = QFormLayout()
        form.addRow(self.tr("Given on:"), self.date)
        form.addRow(self.tr("How:"), self.source)
        form.addRow(self.tr("Channel:"), self.channel)
        form.addRow(self.tr("Text version:"), self.text_version)
        form.addRow(self.tr("Evidence:"), self.evidence_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def given_on(self) -> dt.date:
        day = self.date.date()
        return dt.date(day.year(), day.month(), day.day())

    def choose_evidence(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Evidence of the consent"))
        if path:
            self.set_evidence(Path(path))

    def set_evidence(self, path: Path) -> None:
        self.evidence = path
        self.evidence_button.setText(path.name)

    def details(self) -> ConsentDetails:
        """What the dialog says besides the day and the source (read when accepted)."""
        data = self.evidence.read_bytes() if self.evidence is not None else None
        name = self.evidence.name if self.evidence is not None else None
        return ConsentDetails(self.text_version.text(), self.channel.currentData(), data, name)


@dataclass(frozen=True)
class ConsentDetails:
    text_version: str
    channel: str | None
    evidence: bytes | None
    evidence_name: str | None


def channel_labels() -> dict[str | None, str]:
    # written out in full, so that lupdate sees each string with its context
    translate = QCoreApplication.translate
    return {
        None: translate("ConsentPanel", "—"),
        ConsentChannel.PAPER.value: translate("ConsentPanel", "on paper"),
        ConsentChannel.WEB_FORM.value: translate("ConsentPanel", "web form"),
        ConsentChannel.PHONE.value: translate("ConsentPanel", "by phone"),
        ConsentChannel.EMAIL.value: translate("ConsentPanel", "by e-mail"),
        ConsentChannel.IN_PERSON.value: translate("ConsentPanel", "in person"),
    }


class ConsentPanel(QWidget):
    sig_loaded = Signal(object)  # the MarketingStatus shown
    sig_changed = Signal(object)  # the MarketingStatus after a consent or an unsubscribe

    def __init__(
        self,
        db: Database,
        login: str | None,
        client_id: uuid.UUID | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._client_id = client_id
        self.status: MarketingStatus | None = None
        self.busy = False
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.record_button = QPushButton(self.tr("Record consent…"))
        self.record_button.clicked.connect(self.record_consent)
        self.unsubscribe_button = QToolButton()
        self.unsubscribe_button.setText(self.tr("Unsubscribed…"))
        self.unsubscribe_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.unsubscribe_button)
        self.unsubscribe_actions: dict[UnsubscribeVia, QAction] = {}
        for via, text in (
            (UnsubscribeVia.REPLY, self.tr("Replied «unsubscribe» to a letter")),
            (UnsubscribeVia.CALL, self.tr("Asked by phone")),
            (UnsubscribeVia.OTHER, self.tr("Asked some other way")),
        ):
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, v=via: self.unsubscribe(v))
            self.unsubscribe_actions[via] = action
        self.unsubscribe_button.setMenu(menu)
        self.error = error_label()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.record_button)
        row.addWidget(self.unsubscribe_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self._show(None)
        if client_id is not None:
            self.load()

    def set_client(self, client_id: uuid.UUID | None) -> None:
        self._client_id = client_id
        self._show(None)
        if client_id is not None:
            self.load()

    def load(self) -> Background[MarketingStatus] | None:
        client_id = self._client_id
        if client_id is None:
            return None
        job: Background[MarketingStatus] = Background(
            self._db, lambda s: marketing_status(s, client_id), self._login, write=False
        )

        def loaded(status: MarketingStatus) -> None:
            if shiboken6.isValid(self) and status.client_id == self._client_id:
                self._show(status)
                self.sig_loaded.emit(status)

        return job.on_done(loaded).on_failed(self._failed).start()

    def text(self) -> str:
        return self.label.text()

    def _show(self, status: MarketingStatus | None) -> None:
        self.status = status
        saved = self._client_id is not None
        self.record_button.setEnabled(saved and not self.busy)
        self.unsubscribe_button.setEnabled(
            saved and not self.busy and (status is None or status.unsubscribed_at is None)
        )
        if not saved:
            text, style = self.tr("Marketing mail: save the client first"), NONE_STYLE
        elif status is None:
            text, style = self.tr("Marketing mail: …"), NONE_STYLE
        elif status.unsubscribed_at is not None:
            day = format_date(status.unsubscribed_at.astimezone().date())
            text, style = self.tr("Marketing mail: unsubscribed {date}").format(date=day), OFF_STYLE
        elif status.consent is not None:
            day = format_date(status.consent.given_on)
            if status.consent.source:
                text = self.tr("Marketing mail: consent given {date} ({source})").format(
                    date=day, source=status.consent.source
                )
            else:
                text = self.tr("Marketing mail: consent given {date}").format(date=day)
            text += self._details(status.consent)
            style = GIVEN_STYLE
        elif status.withdrawn is not None and status.withdrawn.withdrawn_on is not None:
            day = format_date(status.withdrawn.withdrawn_on)
            text = self.tr("Marketing mail: consent withdrawn {date}").format(date=day)
            style = NONE_STYLE
        else:
            text, style = self.tr("Marketing mail: no consent"), NONE_STYLE
        self.label.setText(text)
        self.label.setStyleSheet(style)

    def _details(self, consent: ConsentView) -> str:
        parts = []
        if consent.channel:
            parts.append(channel_labels().get(consent.channel, consent.channel))
        if consent.text_version:
            parts.append(self.tr("text {version}").format(version=consent.text_version))
        if consent.evidence_name:
            parts.append(self.tr("scan: {name}").format(name=consent.evidence_name))
        return f" · {' · '.join(parts)}" if parts else ""

    def record_consent(self) -> ConsentDialog | None:
        """Ask for the day and how, then record it (the dialog is returned open)."""
        if self._client_id is None or self.busy:
            return None
        dialog = ConsentDialog(self)
        dialog.accepted.connect(
            lambda: self._give(dialog.given_on(), dialog.source.text(), dialog.details())
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _give(
        self, given_on: dt.date, source: str, details: ConsentDetails | None = None
    ) -> Background[MarketingStatus] | None:
        client_id = self._client_id
        if client_id is None:
            return None

        def work(session: CrmSession) -> MarketingStatus:
            more = details or ConsentDetails("", None, None, None)
            give_consent(
                session,
                client_id,
                given_on=given_on,
                source=source,
                text_version=more.text_version,
                channel=more.channel,
                evidence=more.evidence,
                evidence_name=more.evidence_name,
            )
            session.flush()
            return marketing_status(session, client_id)

        return self._change(work)

    def unsubscribe(self, via: UnsubscribeVia) -> Background[MarketingStatus] | None:
        """Mark the client unsubscribed (the consent withdrawn, a note in the history)."""
        client_id = self._client_id
        if client_id is None:
            return None

        def work(session: CrmSession) -> MarketingStatus:
            unsubscribe(session, client_id, via)
            session.flush()
            return marketing_status(session, client_id)

        return self._change(work)

    def _change(
        self, work: Callable[[CrmSession], MarketingStatus]
    ) -> Background[MarketingStatus] | None:
        if self.busy:
            return None
        self.busy = True
        show_error(self.error, None)
        self._show(self.status)
        job: Background[MarketingStatus] = Background(self._db, work, self._login)

        def changed(status: MarketingStatus) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy = False
            self._show(status)
            self.sig_changed.emit(status)

        return job.on_done(changed).on_failed(self._failed).start()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self._show(self.status)
        report_connection(error)
        show_error(self.error, one_sentence(error))
