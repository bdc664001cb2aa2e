"""Taking and keeping a license seat on the office server (see `server_functions`).

A desktop (or a CLI command working with data) takes one seat on a connection of its own
that it keeps open while it runs, and every connection of its pool joins that seat with
the token the holder got. The seat is checked at most every few seconds when a connection
is checked out: if the holder's connection died (the server restarted, the network
dropped) the seat is taken again and the pool's connections made before are replaced,
so no query ever runs without a seat (where the policies would silently show nothing).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import Engine, event, exc

from crm_desktop.errors import (
    CrmError,
    LicenseExhausted,
    LicenseInvalid,
    PermissionDenied,
    ServerUnavailable,
)
from crm_desktop.i18n import _
from crm_desktop.store.license_document import License, verify
from crm_desktop.store.location import Location

log = logging.getLogger(__name__)
CHECK_EVERY_S = 5.0


@dataclass(frozen=True)
class SeatHolder:
    slot: int
    login: str
    host: str
    since: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "slot": self.slot,
            "login": self.login,
            "host": self.host,
            "since": self.since.isoformat(),
        }


@dataclass(frozen=True)
class Seat:
    slot: int
    token: str


def this_computer() -> str:
    return socket.gethostname()[:255]


def seat_mode(cursor: Any) -> str:
    """ "none" where no seat is needed (no CRM functions, or a database `server init` has
    not secured: its functions still belong to the superuser who migrated it), "seat"
    where this login takes one, "denied" where the login is outside the CRM's group."""
    cursor.execute(
        "SELECT CASE WHEN p.oid IS NULL OR r.rolsuper THEN 'none' "
        "WHEN has_function_privilege(p.oid, 'EXECUTE') THEN 'seat' ELSE 'denied' END "
        "FROM (SELECT to_regprocedure('public.crm_take_seat(text)') AS oid) f "
        "LEFT JOIN pg_catalog.pg_proc p ON p.oid = f.oid "
        "LEFT JOIN pg_catalog.pg_roles r ON r.oid = p.proowner"
    )
    row = cursor.fetchone()
    return str(row[0]) if row else "none"


def installed_license(cursor: Any) -> License | None:
    """The license of the server, checked (LicenseInvalid when altered); None: none."""
    cursor.execute("SELECT document, signature FROM public.crm_license_info()")
    row = cursor.fetchone()
    if row is None:
        return None
    return verify(str(row[0]), str(row[1]))


def seat_holders(cursor: Any) -> list[SeatHolder]:
    cursor.execute("SELECT slot, login, host, since FROM public.crm_seat_status()")
    return [SeatHolder(int(r[0]), str(r[1]), str(r[2]), r[3]) for r in cursor.fetchall()]


def holders_text(holders: list[SeatHolder]) -> str:
    return ", ".join(
        f"{h.login} ({h.host}, {_('since')} {h.since.astimezone().strftime('%H:%M')})"
        for h in holders
    )


def _refusal(error: psycopg.Error, cursor: Any, login: str) -> CrmError | None:
    code = getattr(error, "sqlstate", None)
    if code == "CRM02":
        cursor.connection.rollback()
        holders = seat_holders(cursor)
        return LicenseExhausted(
            _(
                "Every license seat is taken ({holders}): ask a colleague to close the "
                "program, or an administrator to end a session, then try again.",
                holders=holders_text(holders) or "?",
            )
        )
    if code == "CRM03":
        return LicenseInvalid(
            _("The license has expired: ask your supplier for a new one and install it.")
        )
    if code == "CRM01":
        return PermissionDenied(
            _("{login} is not a user of this CRM: ask the administrator to add you.", login=login)
        )
    if code == "CRM04":
        return PermissionDenied(_("The seat to join has ended; sign in again."))
    return None


def take_seat(conn: psycopg.Connection[Any], login: str, host: str | None = None) -> Seat:
    """Check the installed license and take a seat on `conn` (autocommit)."""
    with conn.cursor() as cursor:
        checked = installed_license(cursor)
        try:
            cursor.execute(
                "SELECT slot, token FROM public.crm_take_seat(%s)", (host or this_computer(),)
            )
            row = cursor.fetchone()
        except psycopg.Error as error:
            refusal = _refusal(error, cursor, login)
            if refusal is not None:
                raise refusal from None
            raise
    assert row is not None
    seat = Seat(int(row[0]), str(row[1]))
    if checked is not None and seat.slot > checked.seats:
        # the seat count the server read was altered; the signed license says fewer
        conn.close()
        raise LicenseInvalid(
            _("The installed license is damaged or not genuine: install the license file again.")
        )
    return seat


def join_seat(dbapi_conn: Any, token: str) -> None:
    cursor = dbapi_conn.cursor()
    try:
        cursor.execute("SELECT public.crm_seat_join(%s)", (token,))
        cursor.fetchone()
    finally:
        cursor.close()
    dbapi_conn.commit()


class SeatKeeper:
    """The seat of one open database: the holder's connection and the pool's joins."""

    def __init__(self, engine: Engine, location: Location, host: str | None = None) -> None:
        self.engine = engine
        self.location = location
        self.host = host or this_computer()
        self.seat: Seat | None = None
        self.generation = 0
        self._conn: psycopg.Connection[Any] | None = None
        self._checked_at = 0.0
        self._lock = threading.RLock()
        event.listen(engine, "connect", self._on_connect)
        event.listen(engine, "checkout", self._on_checkout)

    def _connect(self) -> psycopg.Connection[Any]:
        url = self.engine.url.set(drivername="postgresql")
        params: dict[str, Any] = {
            "autocommit": True,
            "connect_timeout": 5,
            "application_name": "crm-desktop seat",
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
        }
        conninfo = url.render_as_string(hide_password=False)
        try:
            return psycopg.connect(conninfo, **params)
        except psycopg.OperationalError as error:
            from crm_desktop.store.database import classify_connect_error

            raise classify_connect_error(self.location, str(error)) from None

    def take(self) -> Seat:
        with self._lock:
            self.release()
            conn = self._connect()
            try:
                seat = take_seat(conn, self.location.user or "?", self.host)
            except BaseException:
                conn.close()
                raise
            self._conn, self.seat = conn, seat
            self.generation += 1
            self._checked_at = time.monotonic()
            # connections pooled before this seat hold no seat: replace them
            self.engine.pool.dispose()
            return seat

    def release(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(psycopg.Error):
                    self._conn.close()
            self._conn, self.seat = None, None

    def alive(self) -> bool:
        conn = self._conn
        if conn is None or conn.closed:
            return False
        try:
            with conn.cursor() as cursor:
                cursor.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False

    def ensure(self) -> None:
        """Take the seat again if its connection died."""
        with self._lock:
            now = time.monotonic()
            if self.seat is not None and now - self._checked_at < CHECK_EVERY_S:
                return
            if self.seat is not None and self.alive():
                self._checked_at = now
                return
            log.info("the seat's connection was lost; taking a seat again")
            try:
                self.take()
            except ServerUnavailable:
                raise

    def _on_connect(self, dbapi_conn: Any, record: Any) -> None:
        if self.seat is None:
            return
        with self._lock:
            assert self.seat is not None
            try:
                join_seat(dbapi_conn, self.seat.token)
            except psycopg.Error as error:
                if getattr(error, "sqlstate", None) != "CRM04":
                    raise
                # the seat ended (the server restarted, an administrator ended it): the
                # holder's connection is gone too; take a seat again and join that one
                dbapi_conn.rollback()
                self._checked_at = 0.0
                self.ensure()
                assert self.seat is not None
                join_seat(dbapi_conn, self.seat.token)
            record.info["crm_seat_generation"] = self.generation

    def _on_checkout(self, dbapi_conn: Any, record: Any, proxy: Any) -> None:
        if self.seat is None:
            return
        self.ensure()
        if record.info.get("crm_seat_generation") != self.generation:
            # made before the current seat: the pool replaces it with a joined one
            raise exc.DisconnectionError("connection without the current seat")

    def close(self) -> None:
        event.remove(self.engine, "connect", self._on_connect)
        event.remove(self.engine, "checkout", self._on_checkout)
        self.release()
