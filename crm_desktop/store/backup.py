"""Backup and restore of the whole database (`crm-desktop backup|restore`, Settings → Backup,
the scheduled backups and the backup before every schema upgrade).

A backup is one `.crmbackup` file (backup_manifest.py): the database compressed with zstd
and a manifest (program and schema version, date, rows per table, sha256 of the payload).
SQLite is copied with its online backup API while the program keeps working
(sqlite_backup.py); PostgreSQL with `pg_dump` as a superuser, roles included (pg_backup.py).

A restore checks the whole file first (a file of another product, a damaged or truncated
one, or one of a newer schema is refused before anything is touched), then backs up the
live database into the backups folder, and only then replaces it, in one transaction that
a failure rolls back. A backup of an older schema is upgraded after it is restored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import inspect

import crm_desktop
from crm_desktop.errors import BadInput, CrmError, PermissionDenied, SchemaMismatch
from crm_desktop.i18n import _
from crm_desktop.store import pg_backup, sqlite_backup
from crm_desktop.store.backup_manifest import (
    SUFFIX,
    BackupWriter,
    Manifest,
    damaged,
    extract,
    open_backup,
)
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, data_dir

SQLITE_PAYLOAD = "database.sqlite3.zst"
PG_PAYLOAD = "database.pgdump.zst"
PG_ROLES = "roles.json"
STEPS = 1000  # progress is reported as (done, STEPS)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class BackupCancelled(CrmError):
    """The person stopped the backup; no file was left behind."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    manifest: Manifest
    size: int
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "bytes": self.size,
            "seconds": round(self.seconds, 2),
            "manifest": self.manifest.to_json(),
        }


@dataclass(frozen=True)
class RestoreInfo:
    path: Path
    manifest: Manifest
    database: str  # what was replaced (Location.describe())
    previous: Path | None  # the backup of the database as it was before the restore
    upgraded: bool  # the backup's older schema was brought up to date
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "database": self.database,
            "previous_backup": str(self.previous) if self.previous else None,
            "upgraded": self.upgraded,
            "seconds": round(self.seconds, 2),
            "manifest": self.manifest.to_json(),
        }


def backups_dir() -> Path:
    """Where backups go unless told otherwise: `backups/` in the app's data directory."""
    return data_dir() / "backups"


def stamped_path(folder: Path, prefix: str, now: dt.datetime | None = None) -> Path:
    """`folder/PREFIX-YYYYMMDD-HHMMSS.crmbackup` (local time), never an existing file."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone()
    base = f"{prefix}-{moment:%Y%m%d-%H%M%S}"
    path = folder / f"{base}{SUFFIX}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{base}-{n}{SUFFIX}"
    return path


class _Steps:
    """Maps each phase's own progress onto one 0..STEPS scale and checks for a cancel."""

    def __init__(self, progress: Progress | None, cancel: Cancel | None) -> None:
        self.progress = progress
        self.cancel = cancel

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise BackupCancelled(_("The backup was cancelled; no file was made."))

    def phase(self, start: int, end: int) -> Callable[[int, int], None]:
        def report(done: int, total: int) -> None:
            self.check()
            if self.progress is not None:
                share = min(done, total) / total if total > 0 else 1.0
                self.progress(start + int((end - start) * share), STEPS)

        return report

    def bytes_phase(self, start: int, end: int, total: int) -> Callable[[int], None]:
        report = self.phase(start, end)
        return lambda done: report(min(done, total), total)


# ---- backup -------------------------------------------------------------------------


def make_backup(
    db: Database,
    out_path: Path,
    *,
    admin_url: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    overwrite: bool = False,
) -> BackupInfo:
    """Back up the database into the new file `out_path` (or a stamped file in it, when it
    is a folder; an existing file only with `overwrite`, replaced once the backup is
    whole). On PostgreSQL as `admin_url`'s login, else the database's own, which must be
    a superuser."""
    admin = None
    if not db.location.is_sqlite:
        admin = pg_backup.admin_location(db.location, admin_url)
    return _make_backup(db, out_path, admin, _Steps(progress, cancel), overwrite)


def _make_backup(
    db: Database, out_path: Path, admin: Location | None, steps: _Steps, overwrite: bool = False
) -> BackupInfo:
    out = _target(out_path, overwrite)
    started = time.perf_counter()
    created = dt.datetime.now(dt.UTC)
    writer = BackupWriter(out)
    try:
        if db.location.is_sqlite:
            manifest = _sqlite_payload(db, writer, steps, created)
        else:
            assert admin is not None
            manifest = _pg_payload(db, admin, writer, steps, created)
        steps.check()
        writer.finish(manifest)
    except BaseException:
        writer.abandon()
        raise
    if steps.progress is not None:
        steps.progress(STEPS, STEPS)
    return BackupInfo(out, manifest, out.stat().st_size, time.perf_counter() - started)


def _target(out_path: Path, overwrite: bool) -> Path:
    out = out_path.expanduser().absolute()
    if out.is_dir():
        return stamped_path(out, "crm")
    if out.exists() and not overwrite:
        raise BadInput(_("{path} already exists: choose another name.", path=out))
    if not out.parent.is_dir():
        raise BadInput(_("There is no folder {path}.", path=out.parent))
    return out


def _manifest(
    db: Database, created: dt.datetime, schema: str, rows: dict[str, int], writer: BackupWriter
) -> Manifest:
    return Manifest(
        program_version=crm_desktop.__version__,
        schema=schema,
        database="sqlite" if db.location.is_sqlite else "postgresql",
        source=db.location.describe(),
        created_at=created,
        rows=rows,
        files=tuple(writer.files),
    )


def _sqlite_payload(
    db: Database, writer: BackupWriter, steps: _Steps, created: dt.datetime
) -> Manifest:
    live = db.location.path
    assert live is not None
    with _scratch(live.parent) as scratch:
        copy = scratch / "snapshot.sqlite3"
        schema, rows = sqlite_backup.snapshot(live, copy, steps.phase(0, 500))
        size = copy.stat().st_size
        with open(copy, "rb") as source:
            writer.add_stream(SQLITE_PAYLOAD, source, steps.bytes_phase(500, STEPS, size))
    return _manifest(db, created, schema, rows, writer)


def _pg_payload(
    db: Database, admin: Location, writer: BackupWriter, steps: _Steps, created: dt.datetime
) -> Manifest:
    with pg_backup.dump(admin) as (facts, stream, finish, estimate):
        writer.add_stream(PG_PAYLOAD, stream, steps.bytes_phase(0, 990, max(estimate, 1)))
        finish()
    writer.add_bytes(PG_ROLES, pg_backup.write_roles(facts.roles))
    manifest = _manifest(db, created, facts.schema, facts.rows, writer)
    names = tuple(str(role["name"]) for role in facts.roles["roles"])
    return replace(manifest, roles=names, server_version=facts.server_version)


@contextlib.contextmanager
def _scratch(near: Path | None) -> Iterator[Path]:
    """A private temporary folder (beside the database file: the same disk), removed after."""
    folder = Path(tempfile.mkdtemp(prefix=".crm-backup-", dir=near))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def backup_before(
    db: Database,
    reason: str,
    admin: Location | None = None,
    progress: Progress | None = None,
) -> Path | None:
    """The automatic backup before a restore or an upgrade, into the backups folder;
    None when the database holds nothing yet."""
    with db.engine.connect() as conn:
        if not inspect(conn).get_table_names():
            return None
    folder = backups_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if admin is None and not db.location.is_sqlite:
        admin = pg_backup.admin_location(db.location, None)
    path = stamped_path(folder, f"before-{reason}")
    return _make_backup(db, path, admin, _Steps(progress, None)).path


def backup_before_upgrade(db: Database) -> Path | None:
    """Called by `schema.upgrade` before it migrates an older schema. On PostgreSQL only
    a superuser may upgrade: it is also who can back up every row."""
    if not db.location.is_sqlite and not db.is_server_admin():
        raise PermissionDenied(
            _(
                "Only an administrator can create or upgrade the schema on {server}.",
                server=db.location.server_name(),
            )
        )
    admin = None if db.location.is_sqlite else db.location
    return backup_before(db, "upgrade", admin)


# ---- checking -----------------------------------------------------------------------


def read_manifest(path: Path) -> Manifest:
    """The backup's manifest, after the quick checks (ours, not truncated, not of a newer
    program or schema). `check_backup` also reads every byte of the payload."""
    with open_backup(path) as (_archive, manifest):
        _check_schema(path, manifest)
    return manifest


def check_backup(path: Path) -> Manifest:
    """Everything `restore_backup` checks before it touches anything, without restoring."""
    with open_backup(path) as (archive, manifest):
        _check_schema(path, manifest)
        for item in manifest.files:
            extract(path, archive, item, None)
    return manifest


def _check_schema(path: Path, manifest: Manifest) -> None:
    from crm_desktop.store.schema import REVISIONS

    if manifest.schema not in REVISIONS:
        raise SchemaMismatch(
            _(
                "The backup {path} holds a newer schema ({schema}) than this program knows: "
                "update crm-desktop to restore it. Nothing was changed.",
                path=path,
                schema=manifest.schema or "?",
            )
        )
    expected = {SQLITE_PAYLOAD} if manifest.database == "sqlite" else {PG_PAYLOAD, PG_ROLES}
    if manifest.database not in ("sqlite", "postgresql") or not expected <= {
        item.name for item in manifest.files
    }:
        raise damaged(path)


def _check_kind(db: Database, path: Path, manifest: Manifest) -> None:
    if db.location.is_sqlite and manifest.database != "sqlite":
        raise BadInput(
            _(
                "The backup {path} is of an office server (PostgreSQL): restore it onto "
                "a server with --db postgresql://...",
                path=path,
            )
        )
    if not db.location.is_sqlite and manifest.database != "postgresql":
        raise BadInput(
            _(
                "The backup {path} is of a local file (SQLite): it cannot be restored onto "
                "an office server.",
                path=path,
            )
        )


def _is_older(schema: str) -> bool:
    from crm_desktop.store.schema import REVISIONS

    return REVISIONS.index(schema) < len(REVISIONS) - 1


# ---- restore ------------------------------------------------------------------------


def restore_backup(
    db: Database,
    path: Path,
    *,
    admin_url: str | None = None,
    progress: Progress | None = None,
) -> RestoreInfo:
    """Replace the database with the backup `path` (see the module's docstring)."""
    started = time.perf_counter()
    path = path.expanduser().absolute()
    manifest = read_manifest(path)
    _check_kind(db, path, manifest)
    steps = _Steps(progress, None)
    if db.location.is_sqlite:
        previous, upgraded = _restore_sqlite(db, path, steps)
    else:
        admin = pg_backup.admin_location(db.location, admin_url)
        previous, upgraded = _restore_pg(db, admin, path, steps)
    if progress is not None:
        progress(STEPS, STEPS)
    return RestoreInfo(
        path, manifest, db.location.describe(), previous, upgraded, time.perf_counter() - started
    )


def _read_payload(path: Path, name: str, out: Any, steps: _Steps, start: int, end: int) -> Manifest:
    with open_backup(path) as (archive, manifest):
        _check_schema(path, manifest)
        item = manifest.file(name)
        extract(path, archive, item, out, steps.bytes_phase(start, end, max(item.size, 1)))
        for other in manifest.files:
            if other.name != name:
                extract(path, archive, other, None)
    return manifest


def _restore_sqlite(db: Database, path: Path, steps: _Steps) -> tuple[Path | None, bool]:
    live = db.location.path
    assert live is not None
    with _scratch(live.parent) as scratch:
        copy = scratch / "restore.sqlite3"
        with open(copy, "wb") as out:
            manifest = _read_payload(path, SQLITE_PAYLOAD, out, steps, 0, 250)
        try:
            schema, rows, size = sqlite_backup.inspect_copy(copy)
        except Exception:
            raise damaged(path) from None
        if schema != manifest.schema or rows != manifest.rows:
            raise damaged(path)
        # every check passed: from here on the live database is changed
        previous = backup_before(db, "restore", None, steps.phase(250, 600))
        live_size = sqlite_backup.page_size(live)
        if live_size != size:
            sqlite_backup.match_page_size(copy, live_size)
        sqlite_backup.restore_into(copy, live, steps.phase(600, 950))
    db.engine.dispose()  # pooled connections start afresh on the restored file
    upgraded = _upgrade_restored(db, manifest.schema)
    return previous, upgraded


def _restore_pg(
    db: Database, admin: Location, path: Path, steps: _Steps
) -> tuple[Path | None, bool]:
    with _scratch(None) as scratch:
        dump_file = scratch / "database.pgdump"
        with open(dump_file, "wb") as out:
            manifest = _read_payload(path, PG_PAYLOAD, out, steps, 0, 150)
        with open_backup(path) as (archive, _same):
            roles_data = io.BytesIO()
            extract(path, archive, manifest.file(PG_ROLES), roles_data)
        try:
            roles_doc = json.loads(roles_data.getvalue().decode("utf-8"))
            entries = pg_backup.archive_entries(dump_file)
        except (ValueError, BadInput):
            raise damaged(path) from None
        # every check passed: from here on the live database is changed
        previous = backup_before(db, "restore", admin, steps.phase(150, 500))
        pg_backup.restore(admin, dump_file, roles_doc, entries, steps.phase(500, 950))
    db.engine.dispose()
    restored = open_database(admin)
    try:
        upgraded = _upgrade_restored(restored, manifest.schema)
        _resecure(restored)
    finally:
        restored.dispose()
    return previous, upgraded


def _upgrade_restored(db: Database, schema: str) -> bool:
    if not _is_older(schema):
        return False
    from crm_desktop.store.schema import upgrade

    upgrade(db, backup_first=False)  # the backup just restored is that backup
    return True


def _resecure(db: Database) -> None:
    """A restored office database gets its functions, grants and policies back as
    `server init` leaves them (a fresh server lacks what lives outside the dump)."""
    from crm_desktop.store.server_security import make_like_leakproof
    from crm_desktop.store.server_setup import resecure

    if resecure(db):
        with db.engine.begin() as conn:
            make_like_leakproof(conn)
