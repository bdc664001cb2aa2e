"""The administrator's Users screen: the people who use the program (add, disable, enable,
change a role) and, on the office server, the license seats and who holds them (end a
session). Everything is read and changed through services.users and services.seat_admin
in the background; anyone who is not an administrator sees it read-only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import ValidationError
from crm_desktop.i18n.formats import format_date, format_datetime
from crm_desktop.services import seat_admin, users
from crm_desktop.services.vocabulary import Role
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.store.license_admin import LicenseStatus
from crm_desktop.store.seats import SeatHolder
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error
from crm_desktop.ui.unexpected import one_sentence, report_connection

Index = QModelIndex | QPersistentModelIndex
ROLES = (Role.ADMIN, Role.EXECUTIVE, Role.MANAGER, Role.ACCOUNTANT, Role.PRODUCTION)
ACTIVE, DISABLED, ABSENT = "active", "disabled", "absent"
GREY = QColor("#90a4ae")

R = TypeVar("R")


def role_name(role: Role) -> str:
    """A role in words, as the screens name it."""
    names = {
        Role.ADMIN: QCoreApplication.translate("UserLabels", "Administrator"),
        Role.EXECUTIVE: QCoreApplication.translate("UserLabels", "Executive"),
        Role.MANAGER: QCoreApplication.translate("UserLabels", "Manager"),
        Role.ACCOUNTANT: QCoreApplication.translate("UserLabels", "Accountant"),
        Role.PRODUCTION: QCoreApplication.translate("UserLabels", "Production"),
    }
    return names[role]


def state_name(state: str) -> str:
    names = {
        ACTIVE: QCoreApplication.translate("UserLabels", "Active"),
        DISABLED: QCoreApplication.translate("UserLabels", "Disabled"),
        ABSENT: QCoreApplication.translate("UserLabels", "Absent"),
    }
    return names[state]


@dataclass(frozen=True)
class UserRow:
    login: str
    full_name: str
    role: Role
    state: str  # ACTIVE, DISABLED or ABSENT (on holiday)


@dataclass(frozen=True)
class _Users:
    may_edit: bool
    rows: list[UserRow]


def _load_users(session: CrmSession) -> _Users:
    away = users.absent_logins(session)
    rows = [
        UserRow(
            user.login,
            user.full_name,
            user.role,
            DISABLED if user.disabled else ABSENT if user.login in away else ACTIVE,
        )
        for user in users.list_users(session)
    ]
    return _Users(users.is_admin(session), rows)


@dataclass(frozen=True)
class _Seats:
    may_end: bool
    status: LicenseStatus | None


def _load_seats(session: CrmSession) -> _Seats:
    return _Seats(users.is_admin(session), seat_admin.license_info(session))


class _RowsModel(QAbstractTableModel, Generic[R]):
    """A short list shown whole (users, seats): its headers and each row's cells."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[R] = []

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def cells(self, row: R) -> tuple[str, ...]:
        raise NotImplementedError

    def set_rows(self, rows: list[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(self.rows[index.row()])[index.column()]
        return self.decoration(self.rows[index.row()], role)

    def decoration(self, row: R, role: int) -> Any:
        return None


class UserTableModel(_RowsModel[UserRow]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Login"), self.tr("Full name"), self.tr("Role"), self.tr("State"))

    def cells(self, row: UserRow) -> tuple[str, ...]:
        return (row.login, row.full_name, role_name(row.role), state_name(row.state))

    def decoration(self, row: UserRow, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.state == DISABLED:
            return QBrush(GREY)
        return None


class SeatTableModel(_RowsModel[SeatHolder]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Seat"), self.tr("Login"), self.tr("Computer"), self.tr("Since"))

    def cells(self, row: SeatHolder) -> tuple[str, ...]:
        return (str(row.slot), row.login, row.host, format_datetime(row.since))


def _table(model: QAbstractTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setMinimumSectionSize(90)
    header.setStretchLastSection(True)
    table.setWordWrap(False)
    return table


class AddUserDialog(QDialog):
    """A new user: login, full name, role and an optional password typed twice; each
    field says what is wrong under it as it is typed."""

    sig_added = Signal(str)  # the new user's login

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self._busy = False
        self.password_needed = not db.location.is_sqlite  # a server login connects with it
        self.setWindowTitle(self.tr("New user"))
        self.setMinimumWidth(440)

        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("e.g. ivanova"))
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(200)
        self.full_name.setPlaceholderText(self.tr("e.g. Maria Ivanova"))
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role_name(role), role.value)
        self.role.setCurrentIndex(ROLES.index(Role.MANAGER))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = {name: error_label() for name in ("login", "role", "password", "repeat")}
        self.error = error_label()  # what is wrong with none of the fields in particular
        if self.password_needed:
            note = self.tr("The user signs in to the server with this login and password.")
        else:
            note = self.tr("Without a password anyone at this computer can work as this user.")
        self.note = hint_label(note)

        form = QFormLayout()
        form.addRow(self.tr("Login:"), with_error(self.login, self.errors["login"]))
        form.addRow(self.tr("Full name:"), self.full_name)
        form.addRow(self.tr("Role:"), with_error(self.role, self.errors["role"]))
        form.addRow(self.tr("Password:"), with_error(self.password, self.errors["password"]))
        form.addRow(self.tr("Repeat password:"), with_error(self.repeat, self.errors["repeat"]))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(self.tr("Add"))
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.note)
        column.addWidget(self.error)
        column.addWidget(self.buttons)

        self._touched: set[str] = set()
        self.login.textEdited.connect(lambda _t: self._edited("login"))
        self.password.textEdited.connect(lambda _t: self._edited("password"))
        self.repeat.textEdited.connect(lambda _t: self._edited("repeat"))

    def _edited(self, name: str) -> None:
        self._touched.add(name)
        if name == "password" and self.repeat.text():
            self._touched.add("repeat")
        self.check(only_touched=True)

    def problems(self) -> dict[str, str]:
        """What is wrong with each field now (empty: the user may be added)."""
        found: dict[str, str] = {}
        if not self.login.text().strip():
            found["login"] = self.tr("Enter a login.")
        else:
            try:
                users.normalize_login(self.login.text())
            except ValidationError as error:
                found["login"] = error.message
        password = self.password.text()
        if password and len(password) < users.MIN_PASSWORD:
            found["password"] = self.tr("A password needs at least {n} characters.").format(
                n=users.MIN_PASSWORD
            )
        elif not password and self.password_needed:
            found["password"] = self.tr("Enter a password.")
        if self.repeat.text() != password:
            found["repeat"] = self.tr("The passwords differ.")
        return found

    def check(self, *, only_touched: bool = False) -> bool:
        found = self.problems()
        for name, label in self.errors.items():
            if only_touched and name not in self._touched:
                continue
            show_error(label, found.get(name))
        return not found

    def chosen_role(self) -> Role:
        return Role(str(self.role.currentData()))

    def add(self) -> None:
        if self._busy:
            return
        self._touched.update(self.errors)
        show_error(self.error, None)
        if not self.check():
            return
        login = self.login.text()
        full_name = self.full_name.text()
        role = self.chosen_role()
        password = self.password.text() or None
        self._busy = True
        self.add_button.setEnabled(False)

        def work(session: CrmSession) -> str:
            return users.add_user(
                session, login, role, full_name=full_name, password=password
            ).login

        Background(self._db, work, self._login).on_done(self._added).on_failed(
            self._refused
        ).start()

    def _added(self, login: str) -> None:
        self._busy = False
        self.add_button.setEnabled(True)
        self.sig_added.emit(login)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._busy = False
        self.add_button.setEnabled(True)
        if report_connection(error):
            return
        if isinstance(error, ValidationError) and error.field in self.errors:
            show_error(self.errors[error.field], error.message)
        else:
            show_error(self.error, one_sentence(error))


class UsersPage(QWidget):
    sig_loaded = Signal()  # the users' list shows what the database holds now
    sig_seats_loaded = Signal()  # the seats' list does
    sig_message = Signal(str)  # what the status line says

    def __init__(self, db: Database, login: str | None) -> None:
        super().__init__()
        self._db = db
        self._login = login
        self._pending = 0
        self.may_edit = False
        self.may_end = False
        self.on_server = not db.location.is_sqlite

        # the users
        self.users_model = UserTableModel()
        self.users_table = _table(self.users_model)
        self.users_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.read_only_note = hint_label(
            self.tr("Only an administrator can add users, disable them or change their roles.")
        )
        self.read_only_note.hide()
        self.users_error = error_label()
        self.add_button = QPushButton(self.tr("Add user…"))
        self.add_button.setToolTip(self.tr("Add a user (Ctrl+N)"))
        self.add_button.clicked.connect(lambda: self.add_user())
        self.disable_button = QPushButton(self.tr("Disable"))
        self.disable_button.clicked.connect(lambda: self.disable_selected())
        self.enable_button = QPushButton(self.tr("Enable"))
        self.enable_button.clicked.connect(lambda: self.enable_selected())
        self.role_button = QPushButton(self.tr("Change role…"))
        self.role_button.clicked.connect(lambda: self.change_role())
        self.edit_buttons = (
            self.add_button,
            self.disable_button,
            self.enable_button,
            self.role_button,
        )
        buttons = QHBoxLayout()
        for button in self.edit_buttons:
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        users_tab = QWidget()
        column = QVBoxLayout(users_tab)
        column.addWidget(self.read_only_note)
        column.addLayout(buttons)
        column.addWidget(self.users_table, 1)
        column.addWidget(self.users_error)

        # the seats
        seats_tab = QWidget()
        seats_column = QVBoxLayout(seats_tab)
        self.seats_model = SeatTableModel()
        self.seats_table = _table(self.seats_model)
        self.seats_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.license_label = QLabel()
        self.license_label.setWordWrap(True)
        self.in_use_label = QLabel()
        self.no_seats = hint_label(self.tr("Nobody holds a seat now."))
        self.seats_error = error_label()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the seats again (F5)"))
        self.refresh_button.clicked.connect(self.refresh_seats)
        self.end_button = QPushButton(self.tr("End session"))
        self.end_button.setEnabled(False)
        self.end_button.clicked.connect(lambda: self.end_session())
        if self.on_server:
            seat_buttons = QHBoxLayout()
            seat_buttons.addWidget(self.refresh_button)
            seat_buttons.addWidget(self.end_button)
            seat_buttons.addStretch(1)
            seats_column.addWidget(self.license_label)
            seats_column.addWidget(self.in_use_label)
            seats_column.addLayout(seat_buttons)
            seats_column.addWidget(self.seats_table, 1)
            seats_column.addWidget(self.no_seats)
            seats_column.addWidget(self.seats_error)
        else:
            self.local_note = hint_label(
                self.tr("A local database file serves one desktop at a time.")
            )
            seats_column.addWidget(self.local_note)
            seats_column.addStretch(1)

        self.tabs = QTabWidget()
        self.users_tab_index = self.tabs.addTab(users_tab, self.tr("Users"))
        self.seats_tab_index = self.tabs.addTab(seats_tab, self.tr("Seats"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)

        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        QShortcut(QKeySequence.StandardKey.New, self, lambda: self.add_user())
        self.refresh()

    # --- reading ------------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._pending > 0

    def _run(
        self,
        work: Callable[[CrmSession], Any],
        done: Callable[[Any], Any],
        failed: Callable[[BaseException], Any],
        *,
        write: bool,
    ) -> None:
        self._pending += 1

        def finished(result: Any) -> None:
            self._pending -= 1
            done(result)

        def broke(error: BaseException) -> None:
            self._pending -= 1
            failed(error)

        Background(self._db, work, self._login, write=write).on_done(finished).on_failed(
            broke
        ).start()

    def refresh(self) -> None:
        """Read the users (and on the server the seats) again, in the background."""
        self.refresh_users()
        if self.on_server:
            self.refresh_seats()

    def refresh_users(self) -> None:
        self._run(_load_users, self._show_users, self._users_failed, write=False)

    def refresh_seats(self) -> None:
        if self.on_server:
            self._run(_load_seats, self._show_seats, self._seats_failed, write=False)

    def _users_failed(self, error: BaseException) -> None:
        report_connection(error)
        show_error(self.users_error, one_sentence(error))
        self.sig_loaded.emit()

    def _seats_failed(self, error: BaseException) -> None:
        report_connection(error)
        show_error(self.seats_error, one_sentence(error))
        self.sig_seats_loaded.emit()

    def _show_users(self, state: _Users) -> None:
        chosen = self.selected_user()
        self.may_edit = state.may_edit
        self.users_model.set_rows(state.rows)
        self.read_only_note.setVisible(not state.may_edit)
        for button in self.edit_buttons:
            button.setVisible(state.may_edit)
        if chosen is not None:
            self.select_user(chosen.login)
        self._update_buttons()
        show_error(self.users_error, None)
        self.sig_loaded.emit()

    def _show_seats(self, state: _Seats) -> None:
        self.may_end = state.may_end
        self.end_button.setVisible(state.may_end)
        status = state.status
        holders = status.holders if status is not None else []
        if status is None:
            self.license_label.setText("")
        elif status.license is None:
            self.license_label.setText(
                self.tr("No license installed: {n} seats free of charge").format(n=status.seats)
            )
        else:
            self.license_label.setText(
                self.tr("Licensed to {customer}: {seats} seats until {expires}").format(
                    customer=status.license.customer,
                    seats=status.seats,
                    expires=format_date(status.license.expires),
                )
            )
        seats = status.seats if status is not None else 1
        self.in_use_label.setText(
            self.tr("In use: {n} of {seats}").format(n=len(holders), seats=seats)
        )
        self.seats_model.set_rows(holders)
        self.no_seats.setVisible(not holders)
        self._update_buttons()
        show_error(self.seats_error, None)
        self.sig_seats_loaded.emit()

    # --- what is chosen -------------------------------------------------------------------

    def selected_user(self) -> UserRow | None:
        rows = self.users_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.users_model.rows):
            return None
        return self.users_model.rows[rows[0].row()]

    def select_user(self, login: str) -> bool:
        for i, row in enumerate(self.users_model.rows):
            if row.login == login:
                self.users_table.selectRow(i)
                return True
        return False

    def selected_seat(self) -> SeatHolder | None:
        rows = self.seats_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.seats_model.rows):
            return None
        return self.seats_model.rows[rows[0].row()]

    def select_seat(self, slot: int) -> bool:
        for i, holder in enumerate(self.seats_model.rows):
            if holder.slot == slot:
                self.seats_table.selectRow(i)
                return True
        return False

    def _update_buttons(self, *_args: object) -> None:
        user = self.selected_user()
        mine = user is not None and user.login == self._login
        self.add_button.setEnabled(self.may_edit)
        self.disable_button.setEnabled(
            self.may_edit and user is not None and user.state != DISABLED and not mine
        )
        self.enable_button.setEnabled(self.may_edit and user is not None and user.state == DISABLED)
        self.role_button.setEnabled(self.may_edit and user is not None and not mine)
        self.end_button.setEnabled(self.may_end and self.selected_seat() is not None)

    # --- changing users -------------------------------------------------------------------

    def _changed(self, message: str) -> Callable[[Any], None]:
        def done(_result: Any) -> None:
            self.sig_message.emit(message)
            self.refresh()

        return done

    def _change_failed(self, error: BaseException) -> None:
        if not report_connection(error):
            show_error(self.users_error, one_sentence(error))
        self.refresh_users()

    def add_user(self) -> AddUserDialog | None:
        """Open the dialog for a new user (an administrator only); the list shows them
        once added."""
        if not self.may_edit:
            return None
        dialog = AddUserDialog(self._db, self._login, self)
        dialog.sig_added.connect(self._user_added)
        dialog.open()
        return dialog

    def _user_added(self, login: str) -> None:
        self.sig_message.emit(self.tr("User {login} added").format(login=login))
        self._pending += 1  # the list is stale until read again

        def shown() -> None:
            self._pending -= 1
            self.sig_loaded.disconnect(shown)
            self.select_user(login)

        self.sig_loaded.connect(shown)
        self.refresh_users()

    def disable_selected(self, *, confirm: bool = True) -> None:
        user = self.selected_user()
        if user is None or not self.disable_button.isEnabled():
            return
        who = user.full_name or user.login
        if confirm:
            if self.on_server:
                text = self.tr(
                    "Disable {who}? They can no longer sign in, and their sessions on the "
                    "server end now."
                )
            else:
                text = self.tr("Disable {who}? They can no longer sign in.")
            answer = QMessageBox.question(
                self,
                self.tr("Disable user"),
                text.format(who=who),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        login = user.login
        self._run(
            lambda s: users.disable_user(s, login),
            self._changed(self.tr("{who} is disabled").format(who=who)),
            self._change_failed,
            write=True,
        )

    def enable_selected(self) -> None:
        user = self.selected_user()
        if user is None or not self.enable_button.isEnabled():
            return
        login, who = user.login, user.full_name or user.login
        self._run(
            lambda s: users.enable_user(s, login),
            self._changed(self.tr("{who} can sign in again").format(who=who)),
            self._change_failed,
            write=True,
        )

    def change_role(self, role: Role | None = None) -> None:
        """Give the selected user another role (asked for when not given)."""
        user = self.selected_user()
        if user is None or not self.role_button.isEnabled():
            return
        who = user.full_name or user.login
        if role is None:
            names = [role_name(r) for r in ROLES]
            chosen, ok = QInputDialog.getItem(
                self,
                self.tr("Change role"),
                self.tr("Role of {who}:").format(who=who),
                names,
                ROLES.index(user.role),
                False,
            )
            if not ok or chosen not in names:
                return
            role = ROLES[names.index(chosen)]
        if role == user.role:
            return
        login, new_role = user.login, role
        self._run(
            lambda s: users.set_role(s, login, new_role),
            self._changed(
                self.tr("{who} is now: {role}").format(who=who, role=role_name(new_role))
            ),
            self._change_failed,
            write=True,
        )

    # --- seats ----------------------------------------------------------------------------

    def end_session(self, *, confirm: bool = True) -> None:
        """End the session holding the selected seat (an administrator only)."""
        holder = self.selected_seat()
        if holder is None or not self.may_end:
            return
        own = self._db.seats.seat if self._db.seats is not None else None
        if own is not None and own.slot == holder.slot:
            show_error(
                self.seats_error,
                self.tr("This seat is your own session: close the program to free it."),
            )
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("End session"),
                self.tr(
                    "End the session of {login} on {host} (seat {slot})? Their program "
                    "loses its connection to the server."
                ).format(login=holder.login, host=holder.host or "?", slot=holder.slot),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        slot, login = holder.slot, holder.login

        def done(_ended: int) -> None:
            self.sig_message.emit(
                self.tr("The session of {login} (seat {slot}) has ended").format(
                    login=login, slot=slot
                )
            )
            self.refresh_seats()

        def failed(error: BaseException) -> None:
            if not report_connection(error):
                show_error(self.seats_error, one_sentence(error))
            self.refresh_seats()

        self._run(lambda s: seat_admin.end_session(s, slot), done, failed, write=True)
