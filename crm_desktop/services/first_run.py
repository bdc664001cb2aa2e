"""What the first-run wizard does once the user has chosen, in plain Python (no widgets):
create or connect to the database, store the company profile and the first user, or
make the sample database. The wizard runs these in a worker thread.

Unlike other services these open databases themselves (there is none yet to take a
session from), through the store's own functions."""

from __future__ import annotations

import contextlib
import getpass
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.errors import CrmError, PasswordRequired, SchemaMismatch
from crm_desktop.i18n import _
from crm_desktop.models import Role
from crm_desktop.services.company_profile import (
    CompanyDetails,
    get_company_profile,
    save_company_profile,
)
from crm_desktop.services.users import add_user, normalize_login
from crm_desktop.store import credentials
from crm_desktop.store.database import Database, DatabaseMissing, open_database
from crm_desktop.store.location import (
    Location,
    data_dir,
    save_location_url,
    saved_location_url,
)
from crm_desktop.store.provisioning import create_postgres_database, upgrade_as_admin
from crm_desktop.store.roles import is_database_admin
from crm_desktop.store.schema import SchemaState, ensure_usable, schema_state

DEMO_CLIENTS = 1000
Report = Callable[[int, int], None]


def demo_path() -> Path:
    """The sample database lives apart from the real one, so trying it never mixes
    sample clients into real work."""
    return data_dir() / "demo.sqlite3"


def suggested_login() -> str:
    """The computer account's name when it makes a valid login, else ""."""
    try:
        return normalize_login(getpass.getuser())
    except (CrmError, OSError, KeyError):
        return ""


@dataclass(frozen=True)
class FirstUser:
    login: str
    full_name: str
    password: str | None


@dataclass(frozen=True)
class ServerCheck:
    """What connecting to the office server found."""

    database: Database
    is_admin: bool
    profile: CompanyDetails | None


def _remove_sqlite(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def make_local(path: Path, company: CompanyDetails, user: FirstUser) -> tuple[Database, str]:
    """A new local database with the company's profile and its first user (an
    administrator). A failure removes the file it made, so the next start asks again
    instead of opening an empty database."""
    existed = path.exists()
    db = open_database(Location(kind="sqlite", path=path), create=True)
    try:
        upgrade_as_admin(db)
        with db.unit_of_work() as session:  # the file's owner acts: may add the first user
            save_company_profile(session, company)
            view = add_user(
                session, user.login, Role.ADMIN, full_name=user.full_name, password=user.password
            )
    except BaseException:
        db.dispose()
        if not existed:
            _remove_sqlite(path)
        raise
    if saved_elsewhere(path):
        save_location_url(str(path))  # this computer now, not the server chosen before
    return db, view.login


def saved_elsewhere(path: Path) -> bool:
    saved = saved_location_url()
    return saved is not None and saved != str(path)


def open_demo(report: Report | None = None) -> Database:
    """The sample database: made once (with `DEMO_CLIENTS` clients, their history, deals
    and invoices), reused afterwards."""
    path = demo_path()
    existed = path.exists()
    db = open_database(Location(kind="sqlite", path=path), create=True)
    try:
        upgrade_as_admin(db)
        with db.unit_of_work(write=False) as session:
            filled = get_company_profile(session) is not None
        if not filled:
            from crm_desktop.services.demo import generate_demo  # Faker loads only here

            with db.unit_of_work() as session:
                generate_demo(session, DEMO_CLIENTS, progress=report)
    except BaseException:
        db.dispose()
        if not existed:
            _remove_sqlite(path)
        raise
    return db


def connect_server(location: Location, *, create_database: bool = False) -> ServerCheck:
    """Connect with the login and password given. A missing database raises
    `DatabaseMissing` unless `create_database` (the user confirmed: a typo must not
    make a second, empty CRM); an administrator's login gives an empty database its
    schema, as `init` would. An older schema is left to `server init` (other desktops
    still use it); anything else is said in one sentence."""
    try:
        db = open_database(location)
    except DatabaseMissing as missing:
        if not create_database:
            raise
        create_postgres_database(missing.location)
        db = open_database(location)
    except PasswordRequired:
        raise PasswordRequired(
            _("The server asks for a password: enter the password of {user}.", user=location.user)
        ) from None
    try:
        with db.unit_of_work(location.user, write=False) as session:
            is_admin = is_database_admin(session, location.user or "")
        state = schema_state(db)
        if state is SchemaState.EMPTY and not is_admin:
            raise SchemaMismatch(
                _(
                    "The database {db} has no CRM data yet: the administrator must set it up "
                    "first (this wizard with an administrator's login, or 'crm-desktop init').",
                    db=location.describe(),
                )
            )
        if state is SchemaState.EMPTY:
            upgrade_as_admin(db)
        ensure_usable(db)
        with db.unit_of_work(location.user, write=False) as session:
            profile = get_company_profile(session)
    except BaseException:
        db.dispose()
        raise
    return ServerCheck(db, is_admin, profile)


def finish_server(
    check: ServerCheck, location: Location, password: str | None, company: CompanyDetails | None
) -> bool:
    """Save the company's profile (if the wizard asked for it), remember the server (the
    URL without the password) and the password in the OS keyring. Returns whether the
    keyring took the password (a machine without one will ask it at each start)."""
    if company is not None:
        with check.database.unit_of_work(location.user) as session:
            save_company_profile(session, company)
    save_location_url(location.url())
    return bool(password) and credentials.save_password(location, password or "")
