"""Opening a database (SQLite or PostgreSQL) and the unit of work around each user action."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop.errors import (
    BadInput,
    Conflict,
    CrmError,
    Locked,
    PasswordRequired,
    PermissionDenied,
    ServerUnavailable,
    stale_record_message,
)
from crm_desktop.i18n import _
from crm_desktop.store import audit_capture, search_index
from crm_desktop.store.location import Location

if TYPE_CHECKING:
    from crm_desktop.store.seats import Seat, SeatKeeper

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000
PG_CONNECT_TIMEOUT_S = 5


class DatabaseMissing(BadInput):
    """The server has no database of that name (an administrator's `init` creates it)."""

    def __init__(self, message: str, location: Location) -> None:
        super().__init__(message)
        self.location = location


class CrmSession(Session):
    """A session that knows who acts (`info["login"]`) and stamps what it writes."""


search_index.install(CrmSession)
audit_capture.install_session_hooks(CrmSession)


@event.listens_for(CrmSession, "before_flush")
def _stamp_authors(session: Session, flush_context: object, instances: object) -> None:
    login = session.info.get("login")
    for obj in session.new:
        if hasattr(obj, "created_by") and obj.created_by is None:
            obj.created_by = login
            obj.updated_by = login
    for obj in session.dirty:
        if hasattr(obj, "updated_by") and session.is_modified(obj, include_collections=False):
            obj.updated_by = login


@dataclass
class Database:
    """An open database: its location, engine and session factory."""

    location: Location
    engine: Engine
    sessions: sessionmaker[CrmSession] = field(init=False)
    _writer: Engine = field(init=False, repr=False)
    seats: SeatKeeper | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, class_=CrmSession, expire_on_commit=False)
        self._writer = self.engine.execution_options(crm_writes=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def unit_of_work(self, login: str | None = None, *, write: bool = True) -> Iterator[CrmSession]:
        """One user action: commits once at the end, rolls back on any error. Pass
        `write=False` for reading only (lists, search): on SQLite it then takes no write
        lock and never waits for a writer."""
        session = self.sessions(bind=self._writer if write else self.engine)
        session.info["login"] = login
        try:
            with translate_db_errors(self.location):
                yield session
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def ping(self) -> None:
        """A round trip to the database: `ServerUnavailable` when the server is gone."""
        with translate_db_errors(self.location), self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))  # checking out also takes a lost seat again

    def is_server_admin(self) -> bool:
        """A PostgreSQL superuser: the CRM's administrator for `server`, `user` and
        `license` work, who takes no seat (and whom row-level security does not limit)."""
        if self.location.is_sqlite:
            return False
        with translate_db_errors(self.location), self.engine.connect() as conn:
            row = conn.execute(
                text("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user")
            ).scalar()
        return bool(row)

    def take_seat(self, host: str | None = None) -> Seat | None:
        """On the office server, take one license seat for this program (and every
        connection it opens) until `dispose`; None where no seat is needed (SQLite, a
        superuser, a server without the CRM's functions). LicenseExhausted names who
        holds the seats; LicenseInvalid when the installed license is not genuine."""
        from crm_desktop.store.seats import SeatKeeper, seat_mode

        if self.seats is not None:
            return self.seats.seat
        if self.location.is_sqlite or self.is_server_admin():
            return None
        with translate_db_errors(self.location), self.engine.connect() as conn:
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                mode = seat_mode(cursor)
            finally:
                cursor.close()
        if mode == "none":
            return None
        if mode == "denied":
            raise PermissionDenied(
                _(
                    "{login} is not a user of this CRM: ask the administrator to add you.",
                    login=self.location.user or "?",
                )
            )
        keeper = SeatKeeper(self.engine, self.location, host)
        try:
            seat = keeper.take()
        except BaseException:
            keeper.close()
            raise
        self.seats = keeper
        return seat

    def dispose(self) -> None:
        if self.seats is not None:
            self.seats.close()
            self.seats = None
        self.engine.dispose()


def _sqlite_on_connect(dbapi_conn: sqlite3.Connection, record: object) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _sqlite_begin)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    mode = cur.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    cur.execute("PRAGMA synchronous = NORMAL")
    fk = cur.execute("PRAGMA foreign_keys").fetchone()[0]
    cur.close()
    if fk != 1 or str(mode).lower() != "wal":
        raise CrmError(
            _("The database file cannot be opened safely (WAL mode or foreign keys unavailable).")
        )


def _sqlite_begin(conn: Any) -> None:
    """A unit of work that writes takes SQLite's write lock at BEGIN (IMMEDIATE): one that
    read first and upgraded later would fail at once (SQLITE_BUSY_SNAPSHOT) whenever
    another process committed in between, which the busy timeout cannot wait out."""
    options = conn.get_execution_options()
    if options.get("isolation_level") == "AUTOCOMMIT":
        return
    conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("crm_writes") else "BEGIN")


def make_engine(location: Location, *, echo: bool = False) -> Engine:
    if location.is_sqlite:
        assert location.path is not None
        location.path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            location.sqlalchemy_url(),
            echo=echo,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_begin)
        audit_capture.install_sqlite_hooks(engine)
        return engine
    return create_engine(
        location.sqlalchemy_url(),
        echo=echo,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": PG_CONNECT_TIMEOUT_S,
            "application_name": audit_capture.application_name(),
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
        },
    )


def open_database(
    location: Location,
    *,
    ask_password: Callable[[Location], str | None] | None = None,
    keyring_password: Callable[[Location], str | None] | None = None,
    create: bool = False,
) -> Database:
    """Open and check a database; on PostgreSQL find the password as ARCHITECTURE.md says:
    the URL, else the keyring, else libpq's own sources; ask only when the server demands
    one and none was found (`ask_password` returns None when there is no terminal).
    A SQLite file is made only with `create` (`init`, the app's first run): elsewhere a
    mistyped path is an error, not a new empty database."""
    if location.is_sqlite:
        assert location.path is not None
        if not create and not location.path.exists():
            raise BadInput(
                _(
                    "There is no database at {path}: run 'crm-desktop init' to create one.",
                    path=location.path,
                )
            )
        if location.path.exists():
            _check_sqlite_file(location)
        engine = make_engine(location)
        with translate_db_errors(location), engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return Database(location, engine)

    if location.password is None and keyring_password is not None:
        stored = keyring_password(location)
        if stored:
            location = location.with_password(stored)
    asked = False
    while True:
        engine = make_engine(location)
        try:
            with engine.connect() as conn:
                login = conn.execute(text("SELECT session_user")).scalar()
        except OperationalError as exc:
            engine.dispose()
            message = str(exc.orig)
            if _needs_password(message) and location.password is None and not asked:
                password = ask_password(location) if ask_password else None
                if password is None:
                    raise PasswordRequired(
                        _(
                            "The server {server} needs a password for {user}, and there is no "
                            "terminal to ask for it: save it in the keyring or give it in the URL.",
                            server=location.server_name(),
                            user=location.user or "?",
                        )
                    ) from None
                location = location.with_password(password)
                asked = True
                continue
            raise classify_connect_error(location, message) from None
        # The login libpq chose (PGUSER, the OS user) when the URL named none: who acts.
        if location.user is None and login:
            location = replace(location, user=str(login))
        return Database(location, engine)


def _check_sqlite_file(location: Location) -> None:
    """Look at an existing file read-only before opening it for real (which switches it to
    WAL mode): something that is not a SQLite database, or a SQLite database of another
    program, is refused untouched."""
    assert location.path is not None
    uri = location.path.absolute().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise BadInput(
            _("{path} is not a crm-desktop database file.", path=location.path)
        ) from None
    if tables and "alembic_version" not in tables:
        raise BadInput(
            _(
                "{db} already holds other data and is no crm-desktop database: "
                "choose another file or database.",
                db=location.path,
            )
        )


def _needs_password(message: str) -> bool:
    return "no password supplied" in message or "fe_sendauth" in message


def classify_connect_error(location: Location, message: str) -> CrmError:
    low = message.lower()
    server = location.server_name()
    if "password authentication failed" in low or _needs_password(low):
        return PermissionDenied(
            _(
                "Wrong login or password for {user} on {server}.",
                user=location.user or "?",
                server=server,
            )
        )
    if "role" in low and "does not exist" in low:
        return PermissionDenied(
            _("The server {server} has no login {user}.", user=location.user or "?", server=server)
        )
    if "database" in low and "does not exist" in low:
        return DatabaseMissing(
            _(
                "The server {server} has no database {db}.",
                server=server,
                db=location.database or "?",
            ),
            location,
        )
    if "too many connections" in low or "connection limit" in low:
        return ServerUnavailable(
            _("The server {server} accepts no more connections now.", server=server)
        )
    if "permission denied" in low or "not permitted" in low or "pg_hba" in low:
        return PermissionDenied(
            _(
                "The server {server} does not let {user} connect.",
                user=location.user or "?",
                server=server,
            )
        )
    log.info("connection to %s failed: %s", server, message)
    return ServerUnavailable(
        _(
            "Cannot reach the database server {server}: {reason}",
            server=server,
            reason=_last_line(message),
        )
    )


def _connection_lost(message: str) -> bool:
    low = message.lower()
    return (
        "server closed" in low
        or "terminating connection" in low
        or ("connection" in low and "failed" in low)
    )


def _last_line(message: str) -> str:
    """libpq puts the reason last (after \"connection to server ... failed:\")."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    return lines[-1] if lines else message


@contextlib.contextmanager
def translate_db_errors(location: Location) -> Iterator[None]:
    """Turn driver errors a user can act on into one-sentence `CrmError`s."""
    try:
        yield
    except StaleDataError:
        raise Conflict(stale_record_message()) from None
    except OperationalError as exc:
        message = str(exc.orig)
        if location.is_sqlite and "locked" in message:
            raise Locked(
                _("The database file is busy (locked by another program); try again in a moment.")
            ) from None
        if location.is_sqlite and ("readonly" in message or "unable to open" in message):
            raise PermissionDenied(
                _("The database file {path} cannot be written.", path=location.path)
            ) from None
        if not location.is_sqlite and (exc.connection_invalidated or _connection_lost(message)):
            raise classify_connect_error(location, message) from None
        raise
    except DBAPIError as exc:
        if location.is_sqlite and "not a database" in str(exc.orig):
            raise BadInput(
                _("{path} is not a crm-desktop database file.", path=location.path)
            ) from None
        code = getattr(exc.orig, "sqlstate", None)
        if code == "42501":  # insufficient_privilege
            raise PermissionDenied(_("You have no permission to do that.")) from None
        if code == "40001":  # serialization_failure
            raise Conflict(
                _("Someone else changed the same records at the same time; try again.")
            ) from None
        raise
