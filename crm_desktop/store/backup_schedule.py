"""Scheduled backups: how often (off, daily, weekly), how many to keep and where, kept in
`backup_schedule.json` beside the saved connection in the user's config directory (the
command line reads it too), with the date of the last backup made.

`run_scheduled` makes `auto-YYYYMMDD-HHMMSS.crmbackup` in the folder and then deletes
the oldest of those beyond the number to keep: only files named so, which it made; a
backup saved there by hand, or one made before an upgrade or a restore, stays.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.store.backup import (
    BackupInfo,
    Cancel,
    Progress,
    backups_dir,
    make_backup,
    stamped_path,
)
from crm_desktop.store.backup_manifest import SUFFIX
from crm_desktop.store.database import Database
from crm_desktop.store.location import connection_file

INTERVALS: dict[str, dt.timedelta | None] = {
    "off": None,
    "daily": dt.timedelta(days=1),
    "weekly": dt.timedelta(days=7),
}
DEFAULT_KEEP = 7
MAX_KEEP = 1000
PREFIX = "auto"
_MADE_HERE = re.compile(rf"^{PREFIX}-\d{{8}}-\d{{6}}(-\d+)?{re.escape(SUFFIX)}$")


@dataclass(frozen=True)
class Schedule:
    interval: str = "off"
    keep: int = DEFAULT_KEEP
    folder: Path | None = None  # None: the app's backups folder
    last_backup: dt.datetime | None = None  # UTC, of the last backup made by the app

    def __post_init__(self) -> None:
        if self.interval not in INTERVALS:
            raise BadInput(
                _(
                    "Backup interval: choose off, daily or weekly (not {value}).",
                    value=self.interval,
                )
            )
        if not 1 <= self.keep <= MAX_KEEP:
            raise BadInput(_("Backups to keep: a number from 1 to {most}.", most=MAX_KEEP))

    @property
    def target(self) -> Path:
        return self.folder if self.folder is not None else backups_dir()

    def due(self, now: dt.datetime) -> bool:
        """A scheduled backup should be made now."""
        every = INTERVALS[self.interval]
        if every is None:
            return False
        return self.last_backup is None or now - self.last_backup >= every

    def to_json(self) -> dict[str, Any]:
        return {
            "interval": self.interval,
            "keep": self.keep,
            "folder": str(self.folder) if self.folder is not None else None,
            "last_backup": self.last_backup.isoformat() if self.last_backup else None,
        }


def schedule_file() -> Path:
    return connection_file().with_name("backup_schedule.json")


def load_schedule() -> Schedule:
    """The saved schedule; the defaults (off) when none is saved or it cannot be read."""
    try:
        data = json.loads(schedule_file().read_text(encoding="utf-8"))
        last = data.get("last_backup")
        folder = data.get("folder")
        return Schedule(
            interval=str(data.get("interval", "off")),
            keep=int(data.get("keep", DEFAULT_KEEP)),
            folder=Path(folder) if folder else None,
            last_backup=dt.datetime.fromisoformat(last) if last else None,
        )
    except (OSError, ValueError, TypeError, AttributeError, BadInput):
        return Schedule()


def save_schedule(schedule: Schedule) -> None:
    path = schedule_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(schedule.to_json(), indent=2), encoding="utf-8")
    partial.replace(path)


def record_backup(when: dt.datetime) -> Schedule:
    """Remember when the last backup was made (the next scheduled one counts from it)."""
    schedule = replace(load_schedule(), last_backup=when)
    save_schedule(schedule)
    return schedule


def made_here(folder: Path) -> list[Path]:
    """The scheduled backups in `folder`, oldest first (their names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and _MADE_HERE.match(p.name))


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete the oldest scheduled backups beyond `keep`; returns what was deleted."""
    files = made_here(folder)
    gone = files[: max(len(files) - keep, 0)]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def run_scheduled(
    db: Database,
    *,
    now: dt.datetime | None = None,
    admin_url: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BackupInfo:
    """Make the scheduled backup now, then keep only the newest `keep` of them."""
    schedule = load_schedule()
    moment = now or dt.datetime.now(dt.UTC)
    folder = schedule.target
    folder.mkdir(parents=True, exist_ok=True)
    info = make_backup(
        db,
        stamped_path(folder, PREFIX, moment),
        admin_url=admin_url,
        progress=progress,
        cancel=cancel,
    )
    prune(folder, schedule.keep)
    record_backup(moment)
    return info
