"""Every visible string of the app is translated into Russian, and what ships is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm_desktop.store.database import Database
from crm_desktop.ui.language import COMPILED, use_language
from crm_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "crm_desktop_ru.ts"


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, name
    return found


def test_every_ui_string_has_a_russian_translation(tmp_path: Path) -> None:
    """lupdate over today's sources into a copy of the .ts: a new tr() string without a
    translation shows up as unfinished."""
    ts = tmp_path / TS.name
    shutil.copy(TS, ts)
    sources = sorted(str(p) for p in (ROOT / "crm_desktop" / "ui").glob("*.py"))
    subprocess.run(
        [tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)],
        check=True,
        capture_output=True,
    )
    messages = list(ET.parse(ts).iter("message"))
    assert len(messages) > 20
    untranslated = [
        m.findtext("source")
        for m in messages
        if (
            m.find("translation") is None
            or m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
            or not (m.findtext("translation") or "").strip()
        )
    ]
    assert untranslated == [], "run tools/translations.py and translate these"


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    qm = tmp_path / "ru.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), str(TS), "-qm", str(qm)], check=True, capture_output=True
    )
    assert qm.read_bytes() == (COMPILED / "crm_desktop_ru.qm").read_bytes()


def test_the_window_speaks_russian(qtbot: QtBot, db: Database) -> None:
    app = QApplication.instance()
    assert app is not None
    use_language(app, "ru")
    try:
        window = MainWindow(db, None)
        qtbot.addWidget(window)
        labels = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
        assert labels == [
            "Клиенты",
            "Сделки",
            "Задачи",
            "Счета",
            "Заказы",
            "Прайс-лист",
            "Отчёты",
            "Рассылки",
            "Корзина",
            "Пользователи",
            "Настройки",
        ]
        assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Имя"
    finally:
        use_language(app, "en")


def test_statuses_and_moves_speak_russian(qtbot: QtBot) -> None:
    from crm_desktop.services.orders import OrderStatus
    from crm_desktop.services.vocabulary import InvoiceStatus
    from crm_desktop.ui.invoice_labels import status_text
    from crm_desktop.ui.order_labels import move_label

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    use_language(app, "ru")
    try:
        assert status_text(InvoiceStatus.DRAFT) == "Черновик"
        assert status_text(InvoiceStatus.PAID) == "Оплачен"
        assert move_label(OrderStatus.PREPAID) == "Подтвердить предоплату"
    finally:
        use_language(app, "en")
