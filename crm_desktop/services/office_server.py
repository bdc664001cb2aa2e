"""Making this PC the office server from the app: the bundled PostgreSQL prepared (see
`store/server_host.py`), the CRM database set up, and the person doing it made its first
administrator, who connects with their own login from then on."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from crm_desktop.errors import Refused
from crm_desktop.i18n import _
from crm_desktop.models import Role
from crm_desktop.services.users import add_user, find_user, normalize_login
from crm_desktop.store import server_host
from crm_desktop.store.database import open_database
from crm_desktop.store.location import Location


@dataclass(frozen=True)
class OfficeServer:
    url: str  # what the other desktops connect to (no login, no password)
    local: Location  # how this PC connects to it: the administrator's own login
    superuser_password: str | None  # shown once, when it was generated now
    password_saved: bool  # the superuser's password is in this PC's keyring
    data_dir: Path
    systemd_command: str
    windows_command: str


def make_office_server(
    login: str,
    password: str,
    *,
    full_name: str = "",
    port: int = server_host.DEFAULT_PORT,
    data_dir: Path | None = None,
) -> OfficeServer:
    """Prepare the server (the first time: its cluster and superuser), set up the `crm`
    database, add `login` as its administrator (a login role with `password`), and stop
    it again: the caller starts `server host` to serve it."""
    login = normalize_login(login)
    prepared = server_host.prepare(data_dir, port)
    server = prepared.server
    try:
        if prepared.init_report is None:
            raise Refused(
                _(
                    "The superuser's password is not in this PC's keyring: set up the CRM "
                    "database with: {command}",
                    command=server_host.init_command(server),
                )
            )
        known = prepared.password or server_host.superuser_password(server)
        admin = replace(server.admin(known), database=server_host.DATABASE)
        db = open_database(admin)
        try:
            with db.unit_of_work(None) as session:
                if find_user(session, login) is None:
                    add_user(session, login, Role.ADMIN, full_name=full_name, password=password)
        finally:
            db.dispose()
    finally:
        server_host.stop(server)
    systemd, windows = server_host.install_commands(server)
    local = Location(
        kind="postgresql", user=login, host="127.0.0.1", port=port, database=server_host.DATABASE
    )
    return OfficeServer(
        url=server.url(),
        local=local,
        superuser_password=prepared.password,
        password_saved=prepared.password_saved,
        data_dir=server.base,
        systemd_command=systemd,
        windows_command=windows,
    )
