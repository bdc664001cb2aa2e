"""The Deals page: the sales funnel as a board (a column per stage, cards dragged from one
to another) or as a list, filtered by pipeline, owner and expected close date; both open
the deal card. Every read and every move runs in a worker; a move goes through
`services.deals.move_deal` with the version the card showed, so a deal someone else changed
meanwhile is never moved blindly, and a refused move (a checklist not ticked, a field the
stage requires) says why while the card stays where it was."""

from __future__ import annotations

import traceback
import uuid
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import Conflict, CrmError
from crm_desktop.services.deal_lists import BOARD_LIMIT, Board, DealFilter, board
from crm_desktop.services.deals import DealView, move_deal
from crm_desktop.services.pipelines import (
    PipelineView,
    StageView,
    ensure_default_pipeline,
    list_pipelines,
)
from crm_desktop.services.users import UserView, list_users
from crm_desktop.services.vocabulary import StageOutcome
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.deal_card import DealCard
from crm_desktop.ui.deal_cards import DealDrop
from crm_desktop.ui.deal_columns import BoardView
from crm_desktop.ui.deal_filter_bar import DealFilterBar
from crm_desktop.ui.deal_list_view import DealListView
from crm_desktop.ui.field_messages import hint_label
from crm_desktop.ui.lost_reason import ask_lost_reason
from crm_desktop.ui.unexpected import error_box, report_connection

BANNER_STYLE = (
    "QFrame#dealBanner { background: #fff3e0; border: 1px solid #ffb74d; border-radius: 6px; }"
)


@dataclass(frozen=True)
class _Loaded:
    pipelines: list[PipelineView]
    users: list[UserView]
    board: Board | None


class DealsPage(QWidget):
    sig_message = Signal(str)  # for the status bar
    sig_loaded = Signal()  # the board (or the list's choices) shown after a refresh
    sig_moved = Signal(object)  # the DealView of a deal moved on the board
    sig_move_refused = Signal(str)  # why a move did not happen

    def __init__(
        self,
        db: Database,
        login: str | None,
        parent: QWidget | None = None,
        *,
        cards_per_column: int = BOARD_LIMIT,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._serial = 0
        self._made_default = False
        self.cards_per_column = cards_per_column
        self.pipelines: list[PipelineView] = []
        self.loaded = False

        self.bar = DealFilterBar(login)
        self.banner = QFrame()
        self.banner.setObjectName("dealBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        close_banner = QToolButton()
        close_banner.setText("✕")
        close_banner.setAutoRaise(True)
        close_banner.setToolTip(self.tr("Hide this message"))
        close_banner.clicked.connect(self.banner.hide)
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(10, 6, 6, 6)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(close_banner, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.hide()
        self.empty = hint_label()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        self.board_view = BoardView()
        self.list_view = DealListView(db, login)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.board_view)
        self.stack.addWidget(self.list_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 8)
        layout.setSpacing(10)
        layout.addWidget(self.bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

        self.bar.sig_changed.connect(self.refresh)
        self.bar.sig_refresh.connect(self.refresh)
        self.bar.sig_new.connect(lambda: self.new_deal())
        self.bar.sig_mode.connect(self.show_mode)
        self.board_view.sig_dropped.connect(self._dropped)
        self.board_view.sig_open.connect(self.open_card)
        self.board_view.sig_more.connect(self.show_stage_list)
        self.list_view.sig_open.connect(self.open_card)
        self.list_view.sig_stage_cleared.connect(self.refresh)
        QShortcut(QKeySequence("Ctrl+N"), self, lambda: self.new_deal())
        QShortcut(QKeySequence("Ctrl+1"), self, lambda: self.show_mode("board"))
        QShortcut(QKeySequence("Ctrl+2"), self, lambda: self.show_mode("list"))
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        self.refresh()

    # --- what is shown ----------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return "list" if self.stack.currentWidget() is self.list_view else "board"

    def show_mode(self, mode: str) -> None:
        """ "board" or "list" (Ctrl+1, Ctrl+2)."""
        if mode == self.mode:
            return
        self.bar.set_mode(mode)
        self.stack.setCurrentWidget(self.list_view if mode == "list" else self.board_view)
        self.refresh()

    def pipeline(self) -> PipelineView | None:
        chosen = self.bar.chosen_pipeline()
        for pipeline in self.pipelines:
            if pipeline.id == chosen:
                return pipeline
        return self.pipelines[0] if self.pipelines else None

    def stage(self, stage_id: uuid.UUID) -> StageView | None:
        for pipeline in self.pipelines:
            for stage in pipeline.stages:
                if stage.id == stage_id:
                    return stage
        return None

    def where(self) -> DealFilter:
        """The list view's filter: the toolbar's choices."""
        pipeline = self.pipeline()
        return DealFilter(
            pipeline_id=pipeline.id if pipeline else None,
            owner=self.bar.chosen_owner(),
            period=self.bar.chosen_period(),
        )

    def refresh(self) -> None:
        """Read the pipelines, the managers and the board (or the list) again, with the
        toolbar's filters (F5)."""
        self._serial += 1
        serial = self._serial
        wanted = self.bar.chosen_pipeline()
        owner, period = self.bar.chosen_owner(), self.bar.chosen_period()
        with_board = self.mode == "board"
        limit = self.cards_per_column

        def work(session: CrmSession) -> _Loaded:
            pipelines = list_pipelines(session)
            users = [u for u in list_users(session) if not u.disabled]
            chosen = next((p for p in pipelines if p.id == wanted), None)
            chosen = chosen or (pipelines[0] if pipelines else None)
            shown = None
            if chosen is not None and with_board:
                shown = board(session, chosen.id, owner=owner, period=period, limit_per_stage=limit)
            return _Loaded(pipelines, users, shown)

        Background(self._db, work, self._login, write=False).on_done(
            lambda loaded: self._show(serial, loaded)
        ).on_failed(lambda error: self._failed(serial, error)).start()

    def _show(self, serial: int, loaded: _Loaded) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker ran
        if serial != self._serial:
            return  # a later refresh is on its way
        if not loaded.pipelines and not self._made_default:
            self._made_default = True  # "Продажи" is made once, then read like any other
            Background(self._db, ensure_default_pipeline, self._login).on_done(
                lambda _p: self.refresh()
            ).on_failed(lambda error: self._failed(self._serial, error)).start()
            return
        self.pipelines = loaded.pipelines
        self.bar.set_choices(loaded.pipelines, loaded.users)
        names = {u.login: u.full_name or u.login for u in loaded.users}
        self.list_view.model.owner_names = names
        if loaded.board is not None:
            self.board_view.set_board(loaded.board, owner_names=names)
            if loaded.board.count == 0:
                self.empty.setText(
                    self.tr("No deals here yet: press New deal (Ctrl+N) to add the first one.")
                )
            self.empty.setVisible(loaded.board.count == 0)
        else:
            self.empty.setVisible(not loaded.pipelines)
            self.empty.setText(self.tr("There is no sales pipeline yet."))
        if self.mode == "list":
            self.empty.hide()
            self.list_view.show_deals(self.where())
        self.loaded = True
        self.sig_loaded.emit()

    def _failed(self, serial: int, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker ran
        if serial != self._serial or report_connection(error):
            return
        if isinstance(error, CrmError):
            self.show_banner(error.message)
            return
        error_box(error, "".join(traceback.format_exception(error))).exec()

    def show_banner(self, text: str) -> None:
        self.banner_text.setText(text)
        self.banner.show()

    def show_stage_list(self, stage_id: uuid.UUID) -> None:
        """ "+ K more" under a column: every deal of that stage, as a list."""
        stage = self.stage(stage_id)
        self.list_view.set_stage(stage)
        if self.mode == "list":
            self.refresh()
        else:
            self.show_mode("list")

    # --- moving a card ------------------------------------------------------------------------

    def _dropped(self, drop: DealDrop) -> None:
        # After the drag has ended: the lost reason may ask in a dialog of its own.
        QTimer.singleShot(0, lambda: self.move_card(drop))

    def move_card(self, drop: DealDrop) -> Background[DealView] | None:
        """Move a deal as a drop asks: a lost stage first asks why (cancel: no move)."""
        target = self.stage(drop.to_stage)
        if target is None or drop.to_stage == drop.from_stage:
            return None
        reason: str | None = None
        if target.outcome == StageOutcome.LOST:
            reason = ask_lost_reason(self, drop.title)
            if reason is None:
                return None
        self.banner.hide()

        def work(session: CrmSession) -> DealView:
            return move_deal(
                session,
                drop.deal_id,
                drop.to_stage,
                expected_version=drop.version,
                lost_reason=reason,
            )

        job: Background[DealView] = Background(self._db, work, self._login)
        job.on_done(self._moved).on_failed(lambda error: self._move_failed(drop, error))
        return job.start()

    def _moved(self, view: DealView) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker ran
        self.sig_message.emit(
            self.tr("«{deal}» moved to «{stage}»").format(deal=view.title, stage=view.stage)
        )
        self.sig_moved.emit(view)
        self.refresh()

    def _move_failed(self, drop: DealDrop, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker ran
        if report_connection(error):
            return
        if isinstance(error, Conflict):
            answer = QMessageBox.question(
                self,
                self.tr("Deal changed"),
                error.message,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            self.sig_move_refused.emit(error.message)
            if answer == QMessageBox.StandardButton.Yes:
                self.refresh()
            return
        if isinstance(error, CrmError):
            self.show_banner(error.message)
            self.sig_move_refused.emit(error.message)
            return
        error_box(error, "".join(traceback.format_exception(error))).exec()

    # --- the deal card ------------------------------------------------------------------------

    def new_deal(self) -> DealCard:
        pipeline = self.pipeline()
        card = DealCard(
            self._db, self._login, None, pipeline_id=pipeline.id if pipeline else None, parent=self
        )
        card.sig_saved.connect(self._saved)
        card.show()
        return card

    def open_card(self, deal_id: uuid.UUID) -> DealCard:
        card = DealCard(self._db, self._login, deal_id, parent=self)
        card.sig_saved.connect(self._saved)
        card.sig_changed.connect(lambda _view: self.refresh())
        card.show()
        return card

    def _saved(self, view: DealView) -> None:
        self.sig_message.emit(self.tr("Deal «{deal}» saved").format(deal=view.title))
        self.refresh()
