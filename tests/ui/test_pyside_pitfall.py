"""PySide6 6.12.0 on Python 3.11 drops a reference to None on each of these calls and the
process dies after a few thousand (ARCHITECTURE.md, pitfalls). This must stay harmless."""

from __future__ import annotations

import gc
import sys

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

CALLS = 20_000


def test_many_combo_box_items_leave_none_alone(qtbot: QtBot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    gc.collect()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        combo.addItem(f"item {i}")
    gc.collect()
    after = sys.getrefcount(None)
    assert combo.count() == CALLS
    assert after - before > -CALLS // 2  # the bug loses one reference per call


def test_many_standard_model_rows_leave_none_alone(qtbot: QtBot) -> None:
    model = QStandardItemModel()
    gc.collect()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        model.appendRow(QStandardItem(f"row {i}"))
    gc.collect()
    after = sys.getrefcount(None)
    assert model.rowCount() == CALLS
    assert after - before > -CALLS // 2


def test_installed_pyside_is_not_the_crashing_combination() -> None:
    import PySide6

    major, minor = (int(x) for x in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12):
        assert (major, minor) < (6, 12), "PySide6 6.12 crashes on Python 3.11"
