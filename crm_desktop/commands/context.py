"""What every command needs: the database (opened on first use), who acts, output."""

from __future__ import annotations

import argparse
import contextlib
import functools
import getpass
import json
import sys
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from sqlalchemy import select

from crm_desktop.errors import BadInput, Locked, NotFound, PermissionDenied
from crm_desktop.i18n import _
from crm_desktop.models import User, utcnow
from crm_desktop.store import change_capture, credentials
from crm_desktop.store.database import CrmSession, Database, open_database
from crm_desktop.store.location import Location, resolve_location
from crm_desktop.store.schema import ensure_usable


def ask_password_on_terminal(location: Location) -> str | None:
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None
    prompt = _(
        "Password for {user} on {server}: ",
        user=location.user or "?",
        server=location.server_name(),
    )
    return getpass.getpass(prompt)


@dataclass
class Context:
    location: Location
    user: str | None
    # a command working with data takes a license seat on the office server; the
    # administrator's commands (`server`, `user`, `license`) set `takes_seat=False`
    takes_seat: bool = True
    _db: Database | None = field(default=None, init=False)
    _checked_login: bool = field(default=False, init=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        location = resolve_location(args.db, args.user)
        return cls(
            location=location,
            user=args.user.strip().lower() if args.user else None,
            takes_seat=bool(getattr(args, "takes_seat", True)),
        )

    def __enter__(self) -> Context:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._db is not None:
            self._db.dispose()

    @property
    def login(self) -> str | None:
        """Who acts: the PostgreSQL login, or on SQLite the app user named by --user (on
        a laptop's replica, else the office login it was made for)."""
        if not self.location.is_sqlite:
            return self.location.user
        return self.user or self._replica_login

    @functools.cached_property
    def _replica_login(self) -> str | None:
        with self.open().engine.connect() as conn:
            return change_capture.replica_login(conn)

    def open(self, *, check_schema: bool = True, create: bool = False) -> Database:
        if self._db is None:
            self._db = open_database(
                self.location,
                ask_password=ask_password_on_terminal,
                keyring_password=credentials.load_password,
                create=create,
            )
            self.location = self._db.location  # with the login and password that worked
            # the seat first: a login outside the CRM is told so, not that it may not
            # read the schema's version
            if self.takes_seat and not self.location.is_sqlite:
                self._db.take_seat()
            if check_schema:
                ensure_usable(self._db)
        return self._db

    @contextlib.contextmanager
    def unit_of_work(self, *, write: bool = True) -> Iterator[CrmSession]:
        db = self.open()
        with db.unit_of_work(self.login, write=write) as session:
            if not self._checked_login and self.location.is_sqlite and self.user:
                self._check_app_user(session)
            yield session

    @contextlib.contextmanager
    def read_snapshot(self) -> Iterator[CrmSession]:
        """A reading unit of work whose pages all come from one snapshot (on PostgreSQL
        REPEATABLE READ; a SQLite read transaction already is one): a long list printed
        page by page neither misses nor repeats a row changed meanwhile."""
        with self.unit_of_work(write=False) as session:
            if not self.location.is_sqlite:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    def _check_app_user(self, session: CrmSession) -> None:
        user = session.scalar(select(User).where(User.login == self.user))
        if user is None:
            raise BadInput(_('--user: no user with login "{login}"', login=self.user))
        if user.disabled:
            raise PermissionDenied(_('User "{login}" is disabled', login=self.user))
        if user.locked_until is not None and user.locked_until > utcnow():
            raise Locked(
                _(
                    'User "{login}" is locked after too many wrong passwords; try again later.',
                    login=self.user,
                )
            )
        self._checked_login = True


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=None) + "\n")


def print_json_array(items: Iterable[dict[str, Any]]) -> None:
    """Stream a JSON array, one element at a time (for lists of any length)."""
    out = sys.stdout
    first = True
    out.write("[")
    for item in items:
        out.write(("" if first else ",\n") + json.dumps(item, ensure_ascii=False))
        first = False
    out.write("]\n")


def parse_id(raw: str, field_name: str = "id") -> uuid.UUID:
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        raise NotFound(
            _('{field}: "{value}" is not a record id', field=field_name, value=raw)
        ) from None
