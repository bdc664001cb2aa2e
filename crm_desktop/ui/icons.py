"""The icons of the app, in one place: Material Design Icons through qtawesome (vector
glyphs, sharp at any screen density)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_API", "pyside6")

import qtawesome
from PySide6.QtGui import QIcon

NAMES = {
    "clients": "mdi6.account-group-outline",
    "deals": "mdi6.handshake-outline",
    "tasks": "mdi6.checkbox-marked-circle-outline",
    "invoices": "mdi6.file-document-outline",
    "orders": "mdi6.clipboard-list-outline",
    "products": "mdi6.tag-multiple-outline",
    "attach": "mdi6.paperclip",
    "move": "mdi6.arrow-right-bold-outline",
    "reports": "mdi6.chart-box-outline",
    "users": "mdi6.account-cog-outline",
    "settings": "mdi6.cog-outline",
    "search": "mdi6.magnify",
    "database": "mdi6.database-outline",
    "server": "mdi6.server-network",
    "user": "mdi6.account-circle-outline",
    "soon": "mdi6.progress-wrench",
    "call": "mdi6.phone-outline",
    "meeting": "mdi6.account-multiple-outline",
    "email": "mdi6.email-outline",
    "note": "mdi6.note-text-outline",
    "add": "mdi6.account-plus-outline",
    "delete": "mdi6.delete-outline",
    "recycle_bin": "mdi6.delete-restore",
    "excel": "mdi6.microsoft-excel",
    "import": "mdi6.file-import-outline",
    "export": "mdi6.file-export-outline",
    "offline": "mdi6.lan-disconnect",
    "welcome": "mdi6.hand-wave-outline",
    "place": "mdi6.folder-home-outline",
    "company": "mdi6.domain",
    "login": "mdi6.account-key-outline",
    "sync": "mdi6.sync",
    "syncing": "mdi6.cloud-sync-outline",
    "synced": "mdi6.cloud-check-outline",
    "sync-pending": "mdi6.cloud-upload-outline",
    "sync-offline": "mdi6.cloud-off-outline",
    "sync-password": "mdi6.cloud-lock-outline",
    "sync-failed": "mdi6.cloud-alert-outline",
    "conflict": "mdi6.alert-circle-outline",
    "mailing": "mdi6.email-multiple-outline",
    "print": "mdi6.printer-outline",
}


def icon(name: str, color: str = "#37474f") -> QIcon:
    glyph: QIcon = qtawesome.icon(NAMES[name], color=color)
    return glyph
