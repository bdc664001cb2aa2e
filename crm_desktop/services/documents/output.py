"""Writing a finished document to a file: all or nothing (a temporary file beside it,
then renamed), with one sentence when the place cannot take it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from crm_desktop.errors import BadInput
from crm_desktop.i18n import _

_NOT_IN_NAMES = str.maketrans({ch: "-" for ch in '<>:"/\\|?*'})


def file_name(stem: str, suffix: str) -> str:
    """A file name from a document's title ("Счёт 2026/15 от ..." → "Счёт 2026-15 от ..."):
    no characters that Windows or a path would take for something else."""
    cleaned = "".join(ch for ch in stem.translate(_NOT_IN_NAMES) if ch.isprintable())
    return f"{cleaned.strip(' .') or 'document'}{suffix}"


def write_document(path: Path, data: bytes) -> Path:
    """Write `data` to `path` (replacing it); returns the absolute path."""
    target = path.expanduser().absolute()
    if not target.parent.is_dir():
        raise BadInput(_('Cannot write "{path}": there is no such folder', path=target))
    if target.is_dir():
        raise BadInput(_('Cannot write "{path}": it is a folder', path=target))
    temporary = ""
    try:
        handle, temporary = tempfile.mkstemp(prefix=".~", suffix=target.suffix, dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except PermissionError as exc:
        _remove(temporary)
        raise BadInput(_('Cannot write "{path}": permission denied', path=target)) from exc
    except OSError as exc:
        _remove(temporary)
        raise BadInput(
            _('Cannot write "{path}": {reason}', path=target, reason=exc.strerror or exc)
        ) from exc
    return target


def _remove(name: str) -> None:
    if name:
        with contextlib.suppress(OSError):
            os.unlink(name)
