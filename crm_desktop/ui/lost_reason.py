"""Asking why a deal was lost, before it goes to a lost stage (the board's drag and the
deal card's stage both ask here): the usual reasons to pick, or one's own words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget


def usual_reasons() -> list[str]:
    return [
        QCoreApplication.translate("LostReason", "Too expensive"),
        QCoreApplication.translate("LostReason", "Chose a competitor"),
        QCoreApplication.translate("LostReason", "No budget"),
        QCoreApplication.translate("LostReason", "No longer needed"),
        QCoreApplication.translate("LostReason", "Stopped answering"),
    ]


def ask_lost_reason(parent: QWidget | None, title: str) -> str | None:
    """The reason typed or picked ("" when left blank: the service then says a reason is
    needed); None when the user cancels (then nothing moves)."""
    reason, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("LostReason", "Deal lost"),
        QCoreApplication.translate("LostReason", "Why was «{deal}» lost?").format(deal=title),
        ["", *usual_reasons()],
        0,
        True,
    )
    if not ok:
        return None
    return reason.strip()
