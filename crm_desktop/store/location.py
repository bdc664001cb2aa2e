"""Where the data lives: parse `--db` (a path, `sqlite:///PATH` or a PostgreSQL URL)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

import platformdirs
from sqlalchemy.engine import URL

from crm_desktop.errors import BadInput
from crm_desktop.i18n import _

APP_NAME = "crm-desktop"
ENV_DB = "CRM_DESKTOP_DB"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_sqlite_path() -> Path:
    return data_dir() / "crm.sqlite3"


@dataclass(frozen=True)
class Location:
    """A database the program can open: a local SQLite file or a PostgreSQL server."""

    kind: str  # "sqlite" | "postgresql"
    path: Path | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)  # never in a traceback or log
    host: str | None = None
    port: int | None = None
    database: str | None = None
    query: tuple[tuple[str, str], ...] = ()

    @property
    def is_sqlite(self) -> bool:
        return self.kind == "sqlite"

    @property
    def socket_dir(self) -> str | None:
        return dict(self.query).get("host")

    def with_user(self, user: str | None) -> Location:
        return self if user is None or self.user else replace(self, user=user)

    def with_password(self, password: str | None) -> Location:
        return replace(self, password=password)

    def sqlalchemy_url(self) -> URL:
        if self.is_sqlite:
            assert self.path is not None
            return URL.create("sqlite+pysqlite", database=str(self.path))
        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            password=self.password,
            host=self.host or None,
            port=self.port,
            database=self.database,
            query=dict(self.query),
        )

    def server_name(self) -> str:
        """The host (or socket directory) and port, for messages and the keyring."""
        host = self.host or self.socket_dir or "localhost"
        return f"{host}:{self.port or 5432}"

    def url(self) -> str:
        """The `--db` value for this database, never with the password: what the first-run
        wizard saves. `parse_location(loc.url())` gives `loc` back, password aside."""
        if self.is_sqlite:
            return str(self.path)
        who = quote(self.user or "", safe="") + "@" if self.user else ""
        query = dict(self.query)
        host = self.host or ""
        if host.startswith("/"):  # a socket directory goes in the query, as libpq takes it
            query["host"], host = host, ""
        elif ":" in host:
            host = f"[{host}]"  # an IPv6 address
        port = f":{self.port}" if self.port else ""
        params = f"?{urlencode(query)}" if query else ""
        database = quote(self.database or "", safe="")
        return f"postgresql://{who}{host}{port}/{database}{params}"

    def describe(self) -> str:
        """What to show a person: the file, or user@server/database (never a password)."""
        if self.is_sqlite:
            return str(self.path)
        who = f"{self.user}@" if self.user else ""
        return f"{who}{self.server_name()}/{self.database or ''}"


def connection_file() -> Path:
    """Where the first-run wizard remembers the chosen database (never a password)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "connection.json"


def saved_location_url() -> str | None:
    try:
        data = json.loads(connection_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = data.get("db") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url else None


def save_location_url(url: str) -> None:
    path = connection_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"db": url}), encoding="utf-8")


def parse_location(value: str | None) -> Location:
    """`--db` value, else `$CRM_DESKTOP_DB`, else the connection saved by the first-run
    wizard, else the local SQLite file."""
    if not value:
        value = os.environ.get(ENV_DB) or saved_location_url()
    if not value:
        return Location(kind="sqlite", path=default_sqlite_path())
    if value.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return _parse_postgres(value)
    if value.startswith("sqlite:///"):
        raw = value[len("sqlite:///") :]
        if not raw:
            raise BadInput(_("--db: the SQLite URL names no file: {url}", url=value))
        return Location(kind="sqlite", path=Path(unquote(raw)).expanduser().absolute())
    if "://" in value:
        raise BadInput(_("--db: unsupported database URL: {url}", url=_mask(value)))
    return Location(kind="sqlite", path=Path(value).expanduser().absolute())


def _parse_postgres(value: str) -> Location:
    parts = urlsplit(value)
    try:
        port = parts.port
    except ValueError:
        raise BadInput(_("--db: the port in {url} is not a number", url=_mask(value))) from None
    database = unquote(parts.path.lstrip("/")) or None
    if not database:
        raise BadInput(_("--db: the URL names no database: {url}", url=_mask(value)))
    return Location(
        kind="postgresql",
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        host=parts.hostname or None,
        port=port,
        database=database,
        query=tuple(parse_qsl(parts.query, keep_blank_values=True)),
    )


def _mask(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


def resolve_location(db: str | None, user: str | None) -> Location:
    """The database to open for `--db` and `--user`: on PostgreSQL `--user` fills in the
    login when the URL names none."""
    location = parse_location(db)
    return location if location.is_sqlite else location.with_user(user)


NETWORK_FILESYSTEMS = frozenset(
    {"cifs", "smb", "smb2", "smb3", "smbfs", "nfs", "nfs4", "afs", "9p", "fuse.sshfs", "davfs"}
)


def network_share(path: Path, mounts: str | None = None) -> str | None:
    """Where the file lives when that is a network share (SQLite's locks are unreliable
    there), else None: a UNC path or a network drive on Windows, a network file system's
    mount on Linux."""
    resolved = path.absolute()
    text = str(resolved)
    if text.startswith(("\\\\", "//")):
        return text
    if sys.platform == "win32":
        import ctypes

        drive = resolved.drive
        if drive:
            drive_remote = 4  # DRIVE_REMOTE
            kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")  # type: ignore[attr-defined]
            return drive if kind == drive_remote else None
        return None
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    lines = mounts.splitlines()
    best: tuple[int, str, str] | None = None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        source, point, fstype = parts[0], parts[1].replace("\\040", " "), parts[2]
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), fstype, source)
    if best is not None and best[1] in NETWORK_FILESYSTEMS:
        return best[2]
    return None
