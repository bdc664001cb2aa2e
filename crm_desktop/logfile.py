"""The log file in the user's log directory: details of errors the user saw in one line.

The app and CLI commands may write to it at the same time, so it is appended to, never
rotated while open (Windows refuses to rename an open file); a file grown past its limit
is set aside when a program starts."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

import platformdirs

from crm_desktop.store.location import APP_NAME

MAX_BYTES = 2_000_000


def log_path() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "crm-desktop.log"


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger("crm_desktop")
    if root.handlers:
        return
    path = log_path()
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_BYTES:
            with contextlib.suppress(OSError):  # another program has it open: next time
                os.replace(path, path.with_suffix(".log.1"))
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False
