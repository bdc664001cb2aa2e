"""The main window's Reports section: the executives' dashboard and the reports, in two
tabs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from crm_desktop.store.database import Database
from crm_desktop.ui.dashboard_view import DashboardView
from crm_desktop.ui.report_view import ReportView

TABS_STYLE = """
QTabWidget::pane { border: none; border-top: 1px solid #e0e6ea; top: -1px; }
QTabBar::tab { background: transparent; border: none; border-bottom: 2px solid transparent;
               padding: 8px 20px; margin-right: 4px; color: #546e7a; font-size: 10.5pt; }
QTabBar::tab:selected { color: #1565c0; border-bottom: 2px solid #1565c0; font-weight: 600; }
QTabBar::tab:hover:!selected { color: #263238; }
"""


class ReportsPage(QWidget):
    sig_message = Signal(str)

    def __init__(
        self,
        db: Database,
        login: str | None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Reports"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.dashboard = DashboardView(db, login, today)
        self.reports = ReportView(db, login, today)
        self.tabs = QTabWidget()
        self.tabs.setStyleSheet(TABS_STYLE)
        self.tabs.addTab(self.dashboard, self.tr("Dashboard"))
        self.tabs.addTab(self.reports, self.tr("Reports"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.dashboard.sig_message.connect(self.sig_message)
        self.reports.sig_message.connect(self.sig_message)

    def show_reports(self) -> ReportView:
        self.tabs.setCurrentWidget(self.reports)
        return self.reports

    def show_dashboard(self) -> DashboardView:
        self.tabs.setCurrentWidget(self.dashboard)
        return self.dashboard
