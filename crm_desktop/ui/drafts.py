"""Crash-safe drafts of cards being edited: a small JSON file per card in the user's data
directory, written while the card has unsaved changes and removed on save or close."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from crm_desktop.store.location import data_dir


class Drafts:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "drafts"

    def _path(self, key: str) -> Path:
        return self.folder / (re.sub(r"[^\w.-]", "_", key) + ".json")

    def keep(self, key: str, values: dict[str, str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(key)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)  # a crash leaves the old draft or the new, never half

    def load(self, key: str) -> dict[str, str] | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else None

    def discard(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
