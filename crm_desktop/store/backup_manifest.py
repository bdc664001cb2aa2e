"""The backup file: a zip (stored, not deflated) whose first entry marks it as a crm-desktop
backup, then the payload (the database, compressed with zstd; on PostgreSQL also its
roles) and last `manifest.json`, which says what it holds and the sha256 of each payload
file. Written under a temporary name and renamed at the end: a failed or cancelled backup
leaves no file behind.

Reading checks everything before anything is restored: the marker (another product's
file), the zip (a truncated or damaged file), the manifest (a newer format or schema) and,
while the payload is read, its sha256 and zstd's own checksum.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import zstandard

from crm_desktop.errors import BadInput, SchemaMismatch
from crm_desktop.i18n import _

PRODUCT = "crm-desktop"
FORMAT = 1  # the layout of the file; a newer one is refused
SUFFIX = ".crmbackup"
MARKER_NAME = "mimetype"
MARKER = b"application/vnd.crm-desktop.backup"
MANIFEST_NAME = "manifest.json"
CHUNK = 1 << 20
# zstd level 1 on every core (measured on this 2-core machine, 2.3 GB of SQLite pages of a
# million clients, under a load of 4: the whole backup in 14 s, 30 % of the file; level 3
# took 23 s for 27 %; zlib level 1, on one core, compresses 75 MB/s: 32 s for the file alone)
ZSTD_LEVEL = 1

Report = Callable[[int], None]  # bytes read so far (may raise to stop)


@dataclass(frozen=True)
class PayloadFile:
    name: str
    size: int  # bytes as stored in the backup
    sha256: str
    compression: str  # "zstd" or "none"
    original_size: int

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "bytes": self.size,
            "sha256": self.sha256,
            "compression": self.compression,
            "original_bytes": self.original_size,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PayloadFile:
        return cls(
            name=str(data["name"]),
            size=int(data["bytes"]),
            sha256=str(data["sha256"]),
            compression=str(data["compression"]),
            original_size=int(data["original_bytes"]),
        )


@dataclass(frozen=True)
class Manifest:
    program_version: str
    schema: str  # the Alembic revision of the database backed up
    database: str  # "sqlite" | "postgresql"
    source: str  # Location.describe() of the database backed up
    created_at: dt.datetime  # UTC
    rows: dict[str, int]  # rows per table
    files: tuple[PayloadFile, ...] = ()
    roles: tuple[str, ...] = ()  # PostgreSQL: the CRM's roles the backup recreates
    server_version: str | None = None  # PostgreSQL
    product: str = PRODUCT
    format: int = FORMAT

    @property
    def clients(self) -> int:
        return self.rows.get("clients", 0)

    def file(self, name: str) -> PayloadFile:
        for item in self.files:
            if item.name == name:
                return item
        raise KeyError(name)

    def to_json(self) -> dict[str, Any]:
        return {
            "product": self.product,
            "format": self.format,
            "program_version": self.program_version,
            "schema": self.schema,
            "database": self.database,
            "source": self.source,
            "created_at": self.created_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
            "rows": dict(sorted(self.rows.items())),
            "files": [item.to_json() for item in self.files],
            "roles": list(self.roles),
            "server_version": self.server_version,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        created = dt.datetime.fromisoformat(str(data["created_at"]))
        if created.tzinfo is None:
            created = created.replace(tzinfo=dt.UTC)
        return cls(
            product=str(data["product"]),
            format=int(data["format"]),
            program_version=str(data["program_version"]),
            schema=str(data["schema"]),
            database=str(data["database"]),
            source=str(data.get("source") or ""),
            created_at=created,
            rows={str(k): int(v) for k, v in dict(data["rows"]).items()},
            files=tuple(PayloadFile.from_json(item) for item in data["files"]),
            roles=tuple(str(r) for r in data.get("roles") or ()),
            server_version=data.get("server_version"),
        )


# ---- writing ------------------------------------------------------------------------


class _Sink:
    """Where compressed bytes go: the zip entry, counted and hashed on the way."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self.digest.update(data)
        self.out.write(data)
        self.size += len(data)
        return len(data)


class _Counting:
    """A source that reports how much was read (the report may raise to cancel)."""

    def __init__(self, source: IO[bytes], report: Report | None) -> None:
        self.source = source
        self.report = report
        self.done = 0

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.done += len(data)
        if self.report is not None:
            self.report(self.done)
        return data


@dataclass
class BackupWriter:
    """Writes one backup file: `add_stream`/`add_bytes` for the payload, then `finish`."""

    path: Path
    _partial: Path = field(init=False)
    _zip: zipfile.ZipFile = field(init=False)
    files: list[PayloadFile] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self._partial = self.path.with_name(self.path.name + ".partial")
        self._zip = zipfile.ZipFile(self._partial, "w", zipfile.ZIP_STORED, allowZip64=True)
        self._zip.writestr(zipfile.ZipInfo(MARKER_NAME, date_time=_zip_time()), MARKER)

    def add_stream(self, name: str, source: IO[bytes], report: Report | None = None) -> None:
        """Compress `source` (read to its end) into entry `name`."""
        info = zipfile.ZipInfo(name, date_time=_zip_time())
        compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, threads=-1, write_checksum=True)
        counting = _Counting(source, report)
        with self._zip.open(info, "w", force_zip64=True) as entry:
            sink = _Sink(entry)
            compressor.copy_stream(
                cast(IO[bytes], counting),
                cast(IO[bytes], sink),
                read_size=CHUNK,
                write_size=CHUNK,
            )
        self.files.append(
            PayloadFile(name, sink.size, sink.digest.hexdigest(), "zstd", counting.done)
        )

    def add_bytes(self, name: str, data: bytes) -> None:
        self._zip.writestr(zipfile.ZipInfo(name, date_time=_zip_time()), data)
        digest = hashlib.sha256(data).hexdigest()
        self.files.append(PayloadFile(name, len(data), digest, "none", len(data)))

    def finish(self, manifest: Manifest) -> None:
        text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=2)
        self._zip.writestr(zipfile.ZipInfo(MANIFEST_NAME, date_time=_zip_time()), text)
        self._zip.close()
        with open(self._partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(self._partial, self.path)

    def abandon(self) -> None:
        with contextlib.suppress(Exception):
            self._zip.close()
        self._partial.unlink(missing_ok=True)


def _zip_time() -> tuple[int, int, int, int, int, int]:
    now = dt.datetime.now()
    return (now.year, now.month, now.day, now.hour, now.minute, now.second)


# ---- reading ------------------------------------------------------------------------


def not_a_backup(path: Path) -> BadInput:
    return BadInput(_("{path} is not a crm-desktop backup.", path=path))


def damaged(path: Path) -> BadInput:
    return BadInput(
        _("The backup {path} is damaged or incomplete: nothing was changed.", path=path)
    )


def _marked(path: Path) -> bool:
    """The file starts with our marker entry: a damaged backup, not someone else's file."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(200)
    except OSError:
        return False
    return head.startswith(b"PK\x03\x04") and MARKER_NAME.encode() in head and MARKER in head


@contextlib.contextmanager
def open_backup(path: Path) -> Iterator[tuple[zipfile.ZipFile, Manifest]]:
    """The backup's zip and its checked manifest; BadInput for a file that is not one
    of ours or is damaged, SchemaMismatch for a newer format or schema."""
    if not path.is_file():
        raise BadInput(_("There is no backup file {path}.", path=path))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise (damaged(path) if _marked(path) else not_a_backup(path)) from None
    try:
        manifest = _manifest(path, archive)
        yield archive, manifest
    finally:
        archive.close()


def _manifest(path: Path, archive: zipfile.ZipFile) -> Manifest:
    names = set(archive.namelist())
    if MARKER_NAME not in names or MANIFEST_NAME not in names:
        raise damaged(path) if MARKER_NAME in names else not_a_backup(path)
    try:
        if archive.read(MARKER_NAME) != MARKER:
            raise not_a_backup(path)
        data = json.loads(archive.read(MANIFEST_NAME).decode("utf-8"))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise damaged(path) from None
    if not isinstance(data, dict) or data.get("product") != PRODUCT:
        raise not_a_backup(path)
    try:
        manifest = Manifest.from_json(data)
    except (KeyError, TypeError, ValueError):
        raise damaged(path) from None
    if manifest.format > FORMAT:
        raise SchemaMismatch(
            _(
                "The backup {path} was made by a newer version of crm-desktop ({version}): "
                "update the program to restore it.",
                path=path,
                version=manifest.program_version,
            )
        )
    missing = [item.name for item in manifest.files if item.name not in names]
    if missing:
        raise damaged(path)
    return manifest


def extract(
    path: Path,
    archive: zipfile.ZipFile,
    item: PayloadFile,
    out: IO[bytes] | None,
    report: Report | None = None,
) -> None:
    """Read one payload file to its end, checking its sha256 (and zstd's checksum) and,
    unless `out` is None, writing it decompressed there."""
    digest = hashlib.sha256()
    try:
        with archive.open(item.name) as entry:
            hashed = _Hashing(entry, digest, report)
            if item.compression == "zstd":
                decompressor = zstandard.ZstdDecompressor()
                target: IO[bytes] | _Discard = out if out is not None else _Discard()
                decompressor.copy_stream(
                    cast(IO[bytes], hashed),
                    cast(IO[bytes], target),
                    read_size=CHUNK,
                    write_size=CHUNK,
                )
            else:
                while chunk := hashed.read(CHUNK):
                    if out is not None:
                        out.write(chunk)
    except (zipfile.BadZipFile, zstandard.ZstdError, EOFError, ValueError):
        raise damaged(path) from None
    if digest.hexdigest() != item.sha256 or hashed.done != item.size:
        raise damaged(path)


class _Hashing:
    def __init__(self, source: IO[bytes], digest: Any, report: Report | None) -> None:
        self.source = source
        self.digest = digest
        self.report = report
        self.done = 0

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.digest.update(data)
        self.done += len(data)
        if self.report is not None:
            self.report(self.done)
        return data


class _Discard:
    def write(self, data: bytes) -> int:
        return len(data)
