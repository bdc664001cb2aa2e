"""What the first-run wizard does once the user has chosen, in plain Python (no widgets):
create or connect to the database, store the company profile and the first user, or
make the sample database. The wizard runs these in a worker thread."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.errors import CrmError
from crm_desktop.services.company_profile import (
    CompanyDetails,
    get_company_profile,
    save_company_profile,
)
from crm_desktop.services.users import add_user, normalize_login
from crm_desktop.services.vocabulary import Role
from crm_desktop.store import credentials
from crm_desktop.store.database import Database, DatabaseMissing, open_database
from crm_desktop.store.location import Location, data_dir, save_location_url
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
    has_profile: bool


def make_local(path: Path, company: CompanyDetails, user: FirstUser) -> tuple[Database, str]:
    """A new local database with the company's profile and its first user (an
    administrator), all in one unit of work: a failure leaves no half-made profile."""
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
        raise
    return db, view.login


def open_demo(report: Report | None = None) -> Database:
    """The sample database: made once (with `DEMO_CLIENTS` clients, their history, deals
    and invoices), reused afterwards."""
    path = demo_path()
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
        raise
    return db


def connect_server(location: Location) -> ServerCheck:
    """Connect with the login and password given; create the database and its schema when
    this login is an administrator and they are missing (as `init` would), else say in one
    sentence what the administrator must do."""
    try:
        db = open_database(location)
    except DatabaseMissing as missing:
        create_postgres_database(missing.location)
        db = open_database(location)
    try:
        with db.unit_of_work(location.user, write=False) as session:
            is_admin = is_database_admin(session, location.user or "")
        if is_admin and schema_state(db) in (SchemaState.EMPTY, SchemaState.OLDER):
            upgrade_as_admin(db)
        ensure_usable(db)
        with db.unit_of_work(location.user, write=False) as session:
            has_profile = get_company_profile(session) is not None
    except BaseException:
        db.dispose()
        raise
    return ServerCheck(db, is_admin, has_profile)


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
