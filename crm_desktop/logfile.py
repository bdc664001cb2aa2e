"""The log file in the user's log directory: details of errors the user saw in one line."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

from crm_desktop.store.location import APP_NAME


def log_path() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "crm-desktop.log"


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger("crm_desktop")
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False
