"""Settings → the company's logo, stamp and signature: an administrator loads and removes
them (previews shown, the database changed); everyone else only sees them."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crm_desktop.models import Role
from crm_desktop.services.company_images import company_images, set_company_image
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.company_images import PREVIEW_HEIGHT, PREVIEW_WIDTH, CompanyImages
from crm_desktop.ui.settings_page import SettingsPage
from tests.services.document_images import stamp_png
from tests.services.invoice_setup import set_up
from tests.ui.dialogs import Answers


def loaded(qtbot: QtBot, db: Database, login: str | None) -> CompanyImages:
    widget = CompanyImages(db, login)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.sig_loaded, timeout=10_000):
        widget.load()
    return widget


def stored(db: Database) -> dict[str, bytes | None]:
    with db.unit_of_work(write=False) as session:
        return company_images(session)


def test_the_administrator_chooses_and_removes_a_picture(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    set_up(db)
    widget = loaded(qtbot, db, None)
    tile = widget.tiles["stamp"]
    assert tile.preview.text() == "No image" and tile.preview.pixmap().isNull()
    assert tile.choose.isEnabled() and not tile.remove.isEnabled()  # nothing to remove yet

    path = tmp_path / "stamp.jpg"
    Image.new("RGB", (2000, 2000), (255, 255, 255)).save(path, "JPEG")
    with qtbot.waitSignal(widget.sig_changed, timeout=10_000) as changed:
        widget.choose_file("stamp", path)
    assert changed.args == ["stamp"]
    pixmap = tile.preview.pixmap()
    assert not pixmap.isNull() and tile.preview.text() == ""
    assert pixmap.width() <= PREVIEW_WIDTH and pixmap.height() == PREVIEW_HEIGHT
    saved = stored(db)["stamp"]
    assert saved is not None and saved.startswith(b"\x89PNG")  # kept as PNG
    assert tile.remove.isEnabled() and not tile.error.isVisibleTo(widget)

    answers = Answers(QMessageBox.StandardButton.No)
    widget.remove("stamp")  # asked, and the answer is no
    assert answers.messages and "the stamp" in answers.messages[0]
    assert stored(db)["stamp"] is not None
    with qtbot.waitSignal(widget.sig_changed, timeout=10_000):
        widget.remove("stamp", confirm=False)
    assert stored(db)["stamp"] is None
    assert tile.preview.text() == "No image" and not tile.remove.isEnabled()


def test_a_wrong_file_is_explained_under_its_tile(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    set_up(db)
    widget = loaded(qtbot, db, None)
    text = tmp_path / "logo.txt"
    text.write_text("a logo", encoding="utf-8")
    with qtbot.waitSignal(widget.sig_failed, timeout=10_000):
        widget.choose_file("logo", text)
    error = widget.tiles["logo"].error
    assert error.isVisibleTo(widget) and "not a picture" in error.text()
    assert not widget.tiles["stamp"].error.isVisibleTo(widget)
    assert widget.tiles["logo"].choose.isEnabled() and stored(db)["logo"] is None


def test_pictures_wait_for_the_requisites(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    widget = loaded(qtbot, db, None)
    path = tmp_path / "logo.png"
    Image.new("RGBA", (300, 100)).save(path, "PNG")
    with qtbot.waitSignal(widget.sig_failed, timeout=10_000):
        widget.choose_file("logo", path)
    assert "requisites first" in widget.tiles["logo"].error.text()


def test_a_manager_only_sees_the_pictures(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    set_up(db)
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER)
        set_company_image(session, "stamp", stamp_png())
    widget = loaded(qtbot, db, "anna")
    assert not widget.tiles["stamp"].preview.pixmap().isNull()  # she sees the stamp
    for tile in widget.tiles.values():
        assert not tile.choose.isEnabled() and tile.choose.isHidden()
        assert not tile.remove.isEnabled() and tile.remove.isHidden()
    assert "administrator" in widget.note.text()
    path = tmp_path / "logo.png"
    Image.new("RGBA", (300, 100)).save(path, "PNG")
    assert widget.choose_file("logo", path) is None
    assert widget.remove("stamp", confirm=False) is None
    assert stored(db)["stamp"] == stamp_png()


def test_settings_show_the_pictures_after_the_requisites(qtbot: QtBot, db: Database) -> None:
    set_up(db)
    with db.unit_of_work() as session:
        set_company_image(session, "logo", stamp_png())
    page = SettingsPage(db, None)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.images.tiles["logo"].preview.pixmap().isNull(), timeout=10_000)
    assert page.images.tiles["logo"].choose.isEnabled()
    assert page.images.title() == "Logo, stamp and signature"
