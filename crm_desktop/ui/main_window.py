"""The main window: a sidebar of sections, the section's page, and a status bar that says
which database this is, who works in it and how it is reached."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.users import UserView, find_user
from crm_desktop.services.vocabulary import Role
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.client_table import ClientTableModel
from crm_desktop.ui.clients_page import ClientsPage
from crm_desktop.ui.connection import ConnectionMonitor
from crm_desktop.ui.deferred_page import DeferredPage
from crm_desktop.ui.icons import icon
from crm_desktop.ui.startup import claim, first_run_path, open_for_app
from crm_desktop.ui.sync_status import SyncStatus, is_laptop_replica
from crm_desktop.ui.unexpected import add_connection_reporter, remove_connection_reporter

if TYPE_CHECKING:  # the sections' modules load when a section is first opened
    from crm_desktop.ui.deal_board import DealsPage
    from crm_desktop.ui.invoices_page import InvoicesPage
    from crm_desktop.ui.mailing_page import MailingPage
    from crm_desktop.ui.my_day import MyDayPage
    from crm_desktop.ui.orders_page import OrdersPage
    from crm_desktop.ui.price_list import PriceListPage
    from crm_desktop.ui.recycle_bin_page import RecycleBinPage
    from crm_desktop.ui.reminders import ReminderWatcher
    from crm_desktop.ui.reports_page import ReportsPage
    from crm_desktop.ui.settings_page import SettingsPage
    from crm_desktop.ui.users_page import UsersPage

UNDO_SECONDS = 15
REMINDERS_AFTER_MS = 3000  # the first look for due reminders, after the window is up
BANNER_STYLE = """
QFrame#banner { background: #ffebee; border-bottom: 1px solid #ef9a9a; }
QFrame#banner QLabel { color: #b71c1c; }
"""
SIDEBAR_STYLE = """
QListWidget { background: #eceff1; border: none; padding-top: 8px; font-size: 11pt; }
QListWidget::item { padding: 10px 14px; border-radius: 6px; margin: 2px 8px; color: #263238; }
QListWidget::item:selected { background: #cfd8dc; color: #102027; }
QListWidget::item:hover:!selected { background: #e3e8eb; }
"""


class MainWindow(QMainWindow):
    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._db = db
        self._login = login
        self._reminders_started = False
        self.setWindowTitle(self.tr("CRM"))
        self.resize(1280, 760)

        self.clients = ClientsPage(db, login)
        self.settings_section = DeferredPage(self._make_settings)
        # Made when first shown: the app opens on the clients without loading the rest.
        self.deals = DeferredPage(self._make_deals)
        self.tasks = DeferredPage(self._make_my_day)
        self.invoices = DeferredPage(self._make_invoices)
        self.orders = DeferredPage(self._make_orders)
        self.products = DeferredPage(self._make_price_list)
        self.users = DeferredPage(self._make_users)
        self.reports = DeferredPage(self._make_reports)
        self.mailing = DeferredPage(self._make_mailing)
        self.recycle_bin = DeferredPage(self._make_recycle_bin)
        self.reminders: ReminderWatcher | None = None  # made a moment after the window shows
        self._closed = False
        sections = [
            ("clients", self.tr("Clients"), self.clients),
            ("deals", self.tr("Deals"), self.deals),
            ("tasks", self.tr("Tasks"), self.tasks),
            ("invoices", self.tr("Invoices"), self.invoices),
            ("orders", self.tr("Orders"), self.orders),
            ("products", self.tr("Price list"), self.products),
            ("reports", self.tr("Reports"), self.reports),
            ("mailing", self.tr("Mailing"), self.mailing),
            ("recycle_bin", self.tr("Recycle bin"), self.recycle_bin),
            ("users", self.tr("Users"), self.users),
            ("settings", self.tr("Settings"), self.settings_section),
        ]
        self.sidebar = QListWidget()
        self.sidebar.setStyleSheet(SIDEBAR_STYLE)
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(200)
        self.pages = QStackedWidget()
        for key, label, page in sections:
            item = QListWidgetItem(icon(key), label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
            self.pages.addWidget(page)
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sidebar.setCurrentRow(0)

        self.banner = self._banner()
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.pages, 1)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(right, 1)
        self.setCentralWidget(body)
        self._status_bar()
        self.sync: SyncStatus | None = None  # a laptop's replica syncs with the office
        if is_laptop_replica(db):
            self.sync = SyncStatus(db, login, self)
            # the sync indicator says whether the laptop is online: not "works without a network"
            cell = self.state_label.parentWidget()
            if cell is not None:
                cell.hide()
            self.statusBar().addPermanentWidget(self.sync)
            self.sync.sig_data_changed.connect(self.clients.refresh)
            self.sync.controller.start()
        self.connection = ConnectionMonitor(db, self)
        self.connection.sig_lost.connect(self._connection_lost)
        self.connection.sig_back.connect(self._connection_back)
        add_connection_reporter(self.connection.report)

        for keys in ("Ctrl+F", "Ctrl+K"):
            QShortcut(QKeySequence(keys), self, self.focus_search)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.hide()
        self.statusBar().addPermanentWidget(self.undo_button)
        self._undo_ids: list[uuid.UUID] = []
        self.undo_button.clicked.connect(self.undo)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)
        self.clients.sig_message.connect(self.offer_undo)
        # the scheduled backups (Settings → Backup), made in the background when due
        from crm_desktop.ui.backup_settings import ScheduledBackups

        self.scheduled_backups = ScheduledBackups(db, self)
        self.scheduled_backups.sig_message.connect(lambda t: self.statusBar().showMessage(t, 8000))

    def _banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("banner")
        banner.setStyleSheet(BANNER_STYLE)
        row = QHBoxLayout(banner)
        row.setContentsMargins(16, 8, 16, 8)
        glyph = QLabel()
        glyph.setPixmap(icon("offline", color="#b71c1c").pixmap(20, 20))
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        retry = QPushButton(self.tr("Try again"))
        retry.clicked.connect(lambda: self.connection.check())
        row.addWidget(glyph)
        row.addWidget(self.banner_text, 1)
        row.addWidget(retry)
        banner.hide()
        return banner

    def _connection_lost(self, reason: str) -> None:
        self.banner_text.setText(
            self.tr(
                "No connection to the server {server}. Open cards keep what you typed; "
                "the program reconnects by itself."
            ).format(server=self._db.location.server_name())
        )
        self.banner_text.setToolTip(reason)  # the details, for whoever looks after the server
        self.banner.show()
        self.state_label.setText(self.tr("Connection lost"))

    def _connection_back(self) -> None:
        self.banner.hide()
        self.state_label.setText(self.tr("Connected"))
        self.statusBar().showMessage(self.tr("The connection to the server is back."), 5000)
        self.clients.refresh()

    @property
    def settings(self) -> SettingsPage:
        page = self.settings_section.materialise()
        assert type(page).__name__ == "SettingsPage"
        return page  # type: ignore[return-value]

    def _make_settings(self) -> SettingsPage:
        from crm_desktop.ui.settings_page import SettingsPage

        page = SettingsPage(self._db, self._login)
        page.backup.sig_restored.connect(lambda _info: self.clients.refresh())  # new data
        return page

    def _make_deals(self) -> DealsPage:
        from crm_desktop.ui.deal_board import DealsPage

        page = DealsPage(self._db, self._login)
        page.sig_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return page

    def _make_my_day(self) -> MyDayPage:
        from crm_desktop.ui.my_day import MyDayPage

        page = MyDayPage(self._db, self._login)
        page.sig_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return page

    def _make_invoices(self) -> InvoicesPage:
        from crm_desktop.ui.invoices_page import InvoicesPage

        page = InvoicesPage(self._db, self._login)
        page.sig_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return page

    def _make_orders(self) -> OrdersPage:
        from crm_desktop.ui.orders_page import OrdersPage

        page = OrdersPage(self._db, self._login)
        page.sig_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return page

    def _make_price_list(self) -> PriceListPage:
        from crm_desktop.ui.price_list import PriceListPage

        page = PriceListPage(self._db, self._login)
        page.sig_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return page

    def _make_users(self) -> UsersPage:
        from crm_desktop.ui.users_page import UsersPage

        page = UsersPage(self._db, self._login)
        page.sig_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return page

    def _make_reports(self) -> ReportsPage:
        from crm_desktop.ui.reports_page import ReportsPage

        page = ReportsPage(self._db, self._login)
        page.sig_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return page

    def _make_mailing(self) -> MailingPage:
        from crm_desktop.ui.mailing_page import MailingPage

        page = MailingPage(self._db, self._login)
        page.sig_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return page

    def _make_recycle_bin(self) -> RecycleBinPage:
        from crm_desktop.ui.recycle_bin_page import RecycleBinPage

        page = RecycleBinPage(self._db, self._login)
        page.sig_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        page.sig_changed.connect(self.clients.refresh)  # restored clients are back in the list
        return page

    def _open_dashboard_for_executives(self) -> None:
        """An executive starts on the dashboard: their role is looked up in a worker once
        the window is up, and the section changes only if they have not moved yet."""
        login = self._login
        if login is None:
            return
        Background(self._db, lambda s: find_user(s, login), login, write=False).on_done(
            self._land
        ).start()

    def _land(self, user: UserView | None) -> None:
        if self._closed or not shiboken6.isValid(self) or user is None:
            return
        if user.role == Role.EXECUTIVE and self.sidebar.currentRow() == 0:
            for row in range(self.sidebar.count()):
                if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == "reports":
                    self.sidebar.setCurrentRow(row)

    def _tasks_changed(self) -> None:
        page = self.tasks.page
        if page is not None and self.tasks.isVisible():
            page.refresh()  # type: ignore[attr-defined]

    def _start_reminders(self) -> None:
        if self._closed or self.reminders is not None:
            return
        from crm_desktop.ui.reminders import ReminderWatcher

        self.reminders = ReminderWatcher(self._db, self._login, parent=self)
        self.reminders.sig_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.reminders.sig_changed.connect(self._tasks_changed)
        self.reminders.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._reminders_started:  # once the window is up: no cost at launch
            self._reminders_started = True
            QTimer.singleShot(REMINDERS_AFTER_MS, self._start_reminders)
            self._open_dashboard_for_executives()

    def closeEvent(self, event: QCloseEvent) -> None:
        remove_connection_reporter(self.connection.report)
        self.connection.stop()
        if self.sync is not None:
            self.sync.controller.stop()
        self._closed = True
        if self.reminders is not None:
            self.reminders.stop()
        mailing = self.mailing.page
        if mailing is not None:
            mailing.stop_sending()  # type: ignore[attr-defined]  # a mailing pauses, resumable
        super().closeEvent(event)

    def offer_undo(self, text: str, ids: list[uuid.UUID]) -> None:
        self._undo_ids = list(ids)
        self.statusBar().showMessage(text, UNDO_SECONDS * 1000)
        self.undo_button.setVisible(bool(ids))
        QTimer.singleShot(UNDO_SECONDS * 1000, self.undo_button.hide)

    def undo(self) -> None:
        if self._undo_ids:
            self.clients.undo_delete(self._undo_ids)
            self._undo_ids = []
            self.undo_button.hide()
            self.statusBar().showMessage(self.tr("Restored"), 3000)

    @property
    def search(self) -> QLineEdit:
        return self.clients.search

    @property
    def model(self) -> ClientTableModel:
        return self.clients.model

    def _status_bar(self) -> None:
        location = self._db.location
        if location.is_sqlite:
            where = self.tr("Local database: {path}").format(path=location.path)
            state = self.tr("Works without a network")
            kind = "database"
        else:
            where = self.tr("Office server: {server}").format(server=location.describe())
            state = self.tr("Connected")
            kind = "server"
        bar = self.statusBar()
        for text, name, stretch in (
            (where, kind, 1),
            (self._login or self.tr("the file's owner"), "user", 0),
            (state, None, 0),
        ):
            cell = QWidget()
            row = QHBoxLayout(cell)
            row.setContentsMargins(6, 0, 6, 0)
            if name:
                glyph = QLabel()
                glyph.setPixmap(icon(name).pixmap(16, 16))
                row.addWidget(glyph)
            label = QLabel(text)
            row.addWidget(label)
            if name is None:
                self.state_label = label
            if stretch:
                row.addStretch(1)
                bar.addWidget(cell, stretch)
            else:
                bar.addPermanentWidget(cell)

    @classmethod
    def open(cls, db: str | None, user: str | None) -> MainWindow | None:
        local_path = first_run_path(db, user)
        if local_path is not None:
            from crm_desktop.ui.first_run import run_first_run

            opened = run_first_run(local_path)
            if opened is not None and not claim(opened[0]):
                opened[0].dispose()
                return None
        else:
            opened = open_for_app(db, user)
        return cls(*opened) if opened is not None else None

    def focus_search(self) -> None:
        self.sidebar.setCurrentRow(0)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
