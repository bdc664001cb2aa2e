"""Settings: the company's requisites edited by an administrator (checked as typed), only
seen by others; the language remembered for the next start."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from crm_desktop.models import Role
from crm_desktop.services.company_profile import get_company_profile
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.settings import saved_language
from crm_desktop.ui.settings_page import SettingsPage


def type_into(edit: object, text: str) -> None:
    edit.setText(text)  # type: ignore[attr-defined]
    edit.textEdited.emit(text)  # type: ignore[attr-defined]


def test_the_administrator_edits_the_requisites(qtbot: QtBot, db: Database) -> None:
    page = SettingsPage(db, None)
    qtbot.addWidget(page)
    form = page.company
    assert not page.save_button.isEnabled()  # nothing changed yet
    type_into(form.edits["short_name"], "ООО «Вектор»")
    type_into(form.edits["inn"], "7707083894")
    assert "check digit" in form.errors["inn"].text()
    assert not page.save_button.isEnabled()
    type_into(form.edits["inn"], "7707083893")
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(page.sig_saved):
        page.save()
    with db.unit_of_work() as session:
        profile = get_company_profile(session)
    assert profile is not None and (profile.short_name, profile.inn) == (
        "ООО «Вектор»",
        "7707083893",
    )
    assert not page.save_button.isEnabled()  # saved: nothing more to save
    again = SettingsPage(db, None)
    qtbot.addWidget(again)
    assert again.company.edits["inn"].text() == "7707083893"


def test_a_manager_sees_the_requisites_read_only(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER)
    page = SettingsPage(db, "anna")
    qtbot.addWidget(page)
    assert page.company.edits["short_name"].isReadOnly()
    assert page.save_button.isHidden()
    assert "administrator" in page.saved_note.text()


def test_the_language_is_remembered(qtbot: QtBot, db: Database) -> None:
    page = SettingsPage(db, None)
    qtbot.addWidget(page)
    page.language.setCurrentIndex(0)
    assert saved_language() == "ru"
    page.language.setCurrentIndex(1)
    assert saved_language() == "en"
