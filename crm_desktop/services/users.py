"""Application users: adding, listing, disabling; who may do what."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound, PermissionDenied, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Role, User
from crm_desktop.services.passwords import hash_password
from crm_desktop.store.roles import is_database_admin
from crm_desktop.store.server_roles import sync_login_role

_LOGIN = re.compile(r"^[a-z][a-z0-9_.\-]{0,62}$")
MIN_PASSWORD = 8


@dataclass(frozen=True)
class UserView:
    login: str
    full_name: str
    role: Role
    disabled: bool
    has_password: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "login": self.login,
            "full_name": self.full_name,
            "role": self.role.value,
            "disabled": self.disabled,
            "has_password": self.has_password,
        }


def _view(user: User) -> UserView:
    return UserView(
        user.login, user.full_name, user.role, user.disabled, user.password_hash is not None
    )


def normalize_login(raw: str) -> str:
    login = raw.strip().lower()
    if not _LOGIN.match(login):
        raise ValidationError(
            "login",
            _(
                'Login "{login}" must start with a Latin letter and '
                "hold only Latin letters, digits, '.', '_' or '-' "
                "(at most 63)",
                login=raw,
            ),
        )
    return login


def parse_role(raw: str) -> Role:
    try:
        return Role(raw.strip().lower())
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise ValidationError(
            "role", _('Unknown role "{role}" (one of: {roles})', role=raw, roles=roles)
        ) from None


def is_admin(session: Session) -> bool:
    """Whether the acting user may do an administrator's work (see `require_admin`)."""
    try:
        require_admin(session)
    except PermissionDenied:
        return False
    return True


def require_admin(session: Session) -> None:
    """Only an administrator may manage users. On SQLite the person who runs the program
    without naming an app user owns the file and counts as one; on PostgreSQL so does a
    superuser or a login with CREATEROLE."""
    login = session.info.get("login")
    if not login or is_database_admin(session, str(login)):
        return
    user = session.scalar(select(User).where(User.login == login))
    if user is None or user.role != Role.ADMIN or user.disabled:
        raise PermissionDenied(_("Only an administrator can manage users."))


def add_user(
    session: Session, login: str, role: Role, *, full_name: str = "", password: str | None = None
) -> UserView:
    require_admin(session)
    login = normalize_login(login)
    if session.scalar(select(User.id).where(User.login == login)) is not None:
        raise ValidationError("login", _('A user with login "{login}" already exists', login=login))
    user = User(login=login, role=role, full_name=full_name.strip())
    if password is not None and len(password) < MIN_PASSWORD:
        raise ValidationError(
            "password", _("A password needs at least {n} characters", n=MIN_PASSWORD)
        )
    on_server = session.get_bind().dialect.name == "postgresql"
    if password is not None:
        user.password_hash = hash_password(password)
    session.add(user)
    session.flush()
    if on_server:
        # the user is also the server's login (once `server init` made the roles),
        # member of its role's group, with the same password (the server keeps it SCRAM)
        sync_login_role(session.connection(), login, role, password=password)
    return _view(user)


def list_users(session: Session) -> list[UserView]:
    return [_view(u) for u in session.scalars(select(User).order_by(User.login))]


def find_user(session: Session, login: str) -> UserView | None:
    user = session.scalar(select(User).where(User.login == login.strip().lower()))
    return None if user is None else _view(user)


def get_user(session: Session, login: str) -> User:
    user = session.scalar(select(User).where(User.login == login.strip().lower()))
    if user is None:
        raise NotFound(_('No user with login "{login}"', login=login))
    return user


def disable_user(session: Session, login: str) -> UserView:
    require_admin(session)
    user = get_user(session, login)
    user.disabled = True
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        sync_login_role(session.connection(), user.login, user.role, disabled=True)
    return _view(user)


def enable_user(session: Session, login: str) -> UserView:
    """Let a disabled user sign in again (on the server their login role works again)."""
    require_admin(session)
    user = get_user(session, login)
    user.disabled = False
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        sync_login_role(session.connection(), user.login, user.role)
    return _view(user)


def set_role(session: Session, login: str, role: Role) -> UserView:
    """Give a user another role (on the server: the groups of their login role); an
    administrator cannot take their own administrator's role away."""
    require_admin(session)
    user = get_user(session, login)
    if user.login == session.info.get("login") and role != Role.ADMIN:
        raise ValidationError("role", _("You cannot take away your own administrator's role."))
    user.role = role
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        sync_login_role(session.connection(), user.login, role, disabled=user.disabled)
    return _view(user)


def absent_logins(session: Session) -> set[str]:
    """The users on holiday (automatic assignment skips them)."""
    return set(session.scalars(select(User.login).where(User.absent.is_(True))))
