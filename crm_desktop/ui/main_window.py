"""The main window: the client list with search as you type and a status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.client_rows import ClientRow
from crm_desktop.services.search import search_clients
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.client_table import ClientTableModel
from crm_desktop.ui.startup import open_for_app

SEARCH_DELAY_MS = 150


class MainWindow(QMainWindow):
    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._db = db
        self._login = login
        self._search_serial = 0
        self.setWindowTitle(self.tr("CRM — clients"))
        self.resize(1100, 700)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search: name, company, phone, e-mail, INN"))
        self.search.setClearButtonEnabled(True)
        self.model = ClientTableModel(db, login)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 320)
        self.table.setColumnWidth(1, 200)
        self.table.setColumnWidth(2, 170)
        self.table.setColumnWidth(3, 220)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.setCentralWidget(body)

        self.status_db = QLabel(db.location.describe())
        self.status_user = QLabel(login or self.tr("local owner"))
        self.statusBar().addWidget(self.status_db, 1)
        self.statusBar().addPermanentWidget(self.status_user)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for keys in ("Ctrl+F", "Ctrl+K"):
            QShortcut(QKeySequence(keys), self, self._focus_search)
        self.model.reload()

    @classmethod
    def open(cls, db: str | None, user: str | None) -> MainWindow | None:
        opened = open_for_app(db, user)
        return cls(*opened) if opened is not None else None

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._search_serial += 1  # whatever is still running is out of date now
        serial = self._search_serial
        if not text:
            self.model.reload()
            return

        def show(rows: list[ClientRow]) -> None:
            if serial == self._search_serial:  # a later keystroke wins
                self.model.show_rows(rows)

        Background(self._db, lambda s: search_clients(s, text), self._login, write=False).on_done(
            show
        ).on_failed(lambda exc: self.statusBar().showMessage(str(exc), 5000)).start()
