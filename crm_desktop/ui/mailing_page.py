"""The Mailing section: segments (saved client filters with live counts), letter
templates with a preview per recipient, sending a template to a segment (check first,
progress, pause and resume), and the birthdays of the week with one button that prepares
the congratulation. Everything is read and written in workers; the page loads when first
shown."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.i18n.formats import format_date
from crm_desktop.services.birthdays import (
    WEEK,
    Birthday,
    birthday_segment,
    congratulation_template,
    upcoming_birthdays,
)
from crm_desktop.services.mailing.templates import TemplateView, list_templates
from crm_desktop.services.phones import format_phone
from crm_desktop.services.products import list_products
from crm_desktop.services.segments import SegmentView, list_segments
from crm_desktop.services.tags import TagView, list_tags
from crm_desktop.services.users import UserView, list_users
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, hint_label, show_error
from crm_desktop.ui.icons import icon
from crm_desktop.ui.mailing_send import SendTab
from crm_desktop.ui.segment_editor import SegmentsTab
from crm_desktop.ui.template_editor import TemplatesTab
from crm_desktop.ui.unexpected import one_sentence, report_connection

PRODUCTS = 500  # product names offered by the segment form (more can be typed)


@dataclass(frozen=True)
class Catalogue:
    """What the page's tabs offer: read in one worker."""

    segments: list[SegmentView]
    templates: list[TemplateView]
    users: list[UserView]
    tags: list[TagView]
    products: list[str]
    birthdays: list[Birthday]


def load_catalogue(session: CrmSession, today: dt.date) -> Catalogue:
    return Catalogue(
        segments=list_segments(session),
        templates=list_templates(session),
        users=list_users(session),
        tags=list_tags(session),
        products=[p.name for p in list_products(session, limit=PRODUCTS).rows],
        birthdays=upcoming_birthdays(session, today, WEEK),
    )


class BirthdaysTab(QWidget):
    """The people whose birthday falls in the next 7 days, and "Congratulate"."""

    sig_congratulate = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Birthday"),
                self.tr("Name"),
                self.tr("Turns"),
                self.tr("Phone"),
                self.tr("E-mail"),
                self.tr("Manager"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        for column, width in ((0, 130), (2, 70), (3, 160), (4, 240), (5, 240)):
            header.resizeSection(column, width)
        self.empty = hint_label(self.tr("No birthdays in the next 7 days."))
        self.congratulate_button = QPushButton(icon("email"), self.tr("Congratulate…"))
        self.congratulate_button.setToolTip(
            self.tr(
                "Prepares the segment «birthdays this week» and the congratulation letter, "
                "and opens them in Send"
            )
        )
        self.congratulate_button.clicked.connect(self.sig_congratulate)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Birthdays in the next 7 days")), 1)
        row.addWidget(self.congratulate_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

    def show_birthdays(self, birthdays: list[Birthday], managers: dict[str, str]) -> None:
        self.table.setRowCount(len(birthdays))
        for row, b in enumerate(birthdays):
            cells = (
                format_date(b.day),
                b.name,
                str(b.age),
                format_phone(b.phone) if b.phone else "",
                b.email or "",
                managers.get(b.owner or "", b.owner or ""),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not birthdays)
        self.congratulate_button.setEnabled(bool(birthdays))


class MailingPage(QWidget):
    sig_message = Signal(str)  # for the status bar
    sig_loaded = Signal()  # the lists arrived (each load)

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._loaded = False
        self.catalogue: Catalogue | None = None
        self.segments = SegmentsTab(db, login)
        self.templates = TemplatesTab(db, login)
        self.send_tab = SendTab(db, login)
        self.birthdays = BirthdaysTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.segments, icon("clients"), self.tr("Segments"))
        self.tabs.addTab(self.templates, icon("note"), self.tr("Templates"))
        self.tabs.addTab(self.send_tab, icon("email"), self.tr("Send"))
        self.tabs.addTab(self.birthdays, icon("user"), self.tr("Birthdays"))
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs)
        for tab in (self.segments, self.templates, self.send_tab):
            tab.sig_message.connect(self.sig_message)
        self.segments.sig_saved.connect(lambda view: self.load(segment=view.id))
        self.segments.sig_deleted.connect(lambda _view: self.load())
        self.templates.sig_saved.connect(lambda view: self.load(template=view.id))
        self.templates.sig_deleted.connect(lambda _view: self.load())
        self.birthdays.sig_congratulate.connect(self.congratulate)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded or not event.spontaneous():  # the counts as they are now
            self.load()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_sending()
        super().closeEvent(event)

    def stop_sending(self) -> bool:
        """Pause a mailing being sent (the window closes): its letters stay queued."""
        return self.send_tab.stop_sending()

    def load(
        self,
        segment: uuid.UUID | None = None,
        template: uuid.UUID | None = None,
        then_send: bool = False,
    ) -> Background[Catalogue]:
        """Read the lists (segments with their counts, templates, birthdays) again; pick
        the segment and template given; with `then_send`, open Send with both chosen."""
        self._loaded = True
        today = dt.date.today()
        job: Background[Catalogue] = Background(
            self._db, lambda s: load_catalogue(s, today), self._login, write=False
        )

        def loaded(catalogue: Catalogue) -> None:
            if shiboken6.isValid(self):
                self._fill(catalogue, segment, template, then_send)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self):
                report_connection(error)
                show_error(self.error, one_sentence(error))

        return job.on_done(loaded).on_failed(failed).start()

    def _fill(
        self,
        catalogue: Catalogue,
        segment: uuid.UUID | None,
        template: uuid.UUID | None,
        then_send: bool,
    ) -> None:
        self.catalogue = catalogue
        show_error(self.error, None)
        self.segments.show_choices(catalogue.users, catalogue.tags, catalogue.products)
        self.segments.show_segments(catalogue.segments, segment)
        self.templates.show_templates(catalogue.templates, template)
        self.templates.show_segments(catalogue.segments)
        self.send_tab.show_choices(catalogue.segments, catalogue.templates)
        managers = {u.login: u.full_name or u.login for u in catalogue.users}
        self.birthdays.show_birthdays(catalogue.birthdays, managers)
        count = len(catalogue.birthdays)
        index = self.tabs.indexOf(self.birthdays)
        title = self.tr("Birthdays")
        self.tabs.setTabText(index, f"{title} ({count})" if count else title)
        if then_send and segment is not None and template is not None:
            self.send_tab.choose(segment, template)
            self.tabs.setCurrentWidget(self.send_tab)
            self.send_tab.check()
        self.sig_loaded.emit()

    def congratulate(self) -> Background[tuple[uuid.UUID, uuid.UUID]]:
        """Make (or find) the segment «birthdays this week» and the congratulation
        template, and open Send with both chosen and checked."""

        def work(session: CrmSession) -> tuple[uuid.UUID, uuid.UUID]:
            return birthday_segment(session).id, congratulation_template(session).id

        def ready(ids: tuple[uuid.UUID, uuid.UUID]) -> None:
            if shiboken6.isValid(self):
                self.load(segment=ids[0], template=ids[1], then_send=True)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self):
                report_connection(error)
                show_error(self.error, one_sentence(error))

        job: Background[tuple[uuid.UUID, uuid.UUID]] = Background(self._db, work, self._login)
        return job.on_done(ready).on_failed(failed).start()
