"""Password hashes (argon2id) and the optional sign-in of a local (SQLite) database:
15 minutes' lockout after 5 failures in a row, every attempt logged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import CrmError, Locked, PermissionDenied
from crm_desktop.i18n import _
from crm_desktop.models import LoginAttempt, User, utcnow

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt. The attempt (and a failure count or lockout) is
    written to the session either way: commit it, then call `raise_if_failed()`."""

    user: User | None
    error: CrmError | None

    def raise_if_failed(self) -> User:
        if self.error is not None:
            raise self.error
        assert self.user is not None
        return self.user


def needs_password(session: Session, login: str) -> bool:
    """Whether this app user signs in with a password (the local login is optional)."""
    user = session.scalar(select(User).where(User.login == login.strip().lower()))
    return user is not None and user.password_hash is not None


def sign_in(
    session: Session, login: str, password: str, *, host: str = "", now: dt.datetime | None = None
) -> SignIn:
    """Check a password: a wrong login or password, or a locked account, fail."""
    now = now or utcnow()
    user = session.scalar(select(User).where(User.login == login.strip().lower()))
    if user is None or user.disabled or user.password_hash is None:
        _log(session, login, host, False, "unknown" if user is None else "disabled")
        return SignIn(None, PermissionDenied(_("Wrong login or password.")))
    if user.locked_until is not None and user.locked_until > now:
        _log(session, login, host, False, "locked")
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        return SignIn(
            None,
            Locked(
                _(
                    "Too many wrong passwords: the account is locked for {m} more minutes.",
                    m=minutes,
                )
            ),
        )
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        reason = "wrong password"
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0
            reason = "locked out"
        _log(session, login, host, False, reason)
        return SignIn(None, PermissionDenied(_("Wrong login or password.")))
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    _log(session, login, host, True, "")
    return SignIn(user, None)


def _log(session: Session, login: str, host: str, success: bool, reason: str) -> None:
    session.add(
        LoginAttempt(
            login=login.strip().lower()[:63], host=host[:255], success=success, reason=reason
        )
    )
    session.flush()
