"""The administrator's set-up of the sales funnel, on both databases: stages with their
checklist and required fields stored through services.pipelines; a stage holding deals
is not deleted; anyone else sees it read-only."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from crm_desktop.models import Role, StageOutcome
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.deals import DealChanges, create_deal
from crm_desktop.services.pipelines import PipelineView, find_pipeline, list_pipelines
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.funnel_settings import FunnelSettings
from crm_desktop.ui.settings_page import SettingsPage


def opened(qtbot: QtBot, db: Database, login: str | None) -> FunnelSettings:
    screen = FunnelSettings(db, login)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.sig_loaded):
        screen.refresh()
    qtbot.waitUntil(lambda: not screen.is_busy())
    return screen


def stored(db: Database, name: str = "Продажи") -> PipelineView:
    with db.unit_of_work() as session:
        return find_pipeline(session, name, create=False)


def choose_stage(screen: FunnelSettings, name: str) -> None:
    for row in range(screen.stages.count()):
        if screen.stages.item(row).text().split(" · ")[0].endswith(f". {name}"):
            screen.stages.setCurrentRow(row)
            return
    raise AssertionError(f"no stage {name}")


def test_the_administrator_adds_a_stage_with_a_checklist_and_a_required_field(
    qtbot: QtBot, db: Database
) -> None:
    screen = opened(qtbot, db, None)  # the file's owner: an administrator
    assert screen.note.isHidden()
    assert screen.pipelines.count() == 1
    assert screen.pipelines.item(0).text() == "Продажи (default)"
    assert screen.stages.count() == 7

    screen.stage_name.setText("Проверка клиента")
    with qtbot.waitSignal(screen.sig_loaded):
        screen.add_stage()
    stage = screen.selected_stage()
    assert stage is not None and stage.name == "Проверка клиента"
    assert screen.stage_box.title() == 'Stage "Проверка клиента"'

    editor = screen.editor
    editor.item_text.setText("ИНН проверен")
    with qtbot.waitSignal(screen.sig_loaded):
        editor.add_item()
    editor.item_text.setText("КП отправлено")
    with qtbot.waitSignal(screen.sig_loaded):
        editor.item_text.returnPressed.emit()
    assert [editor.checklist.item(i).text() for i in range(editor.checklist.count())] == [
        "ИНН проверен",
        "КП отправлено",
    ]
    with qtbot.waitSignal(screen.sig_loaded):
        editor.move_item(-1)  # "КП отправлено" was chosen: it goes first
    with qtbot.waitSignal(screen.sig_loaded):
        editor.required["amount"].setChecked(True)
    assert editor.required["amount"].text() == "Amount"
    editor.probability.setValue(70)
    with qtbot.waitSignal(screen.sig_loaded):
        editor.probability.editingFinished.emit()
    qtbot.waitUntil(lambda: not screen.is_busy())

    pipeline = stored(db)
    names = [s.name for s in pipeline.stages]
    assert names.index("Проверка клиента") == names.index("Счёт выставлен") + 1
    added = next(s for s in pipeline.stages if s.name == "Проверка клиента")
    assert [item.text for item in added.checklist] == ["КП отправлено", "ИНН проверен"]
    assert added.required_fields == ("amount",)
    assert (added.outcome, added.probability) == (StageOutcome.OPEN, 70)

    # move it up: the order is stored
    with qtbot.waitSignal(screen.sig_loaded):
        screen.move_stage(-1)
    names = [s.name for s in stored(db).stages]
    assert names.index("Проверка клиента") == names.index("Счёт выставлен") - 1

    # a second pipeline made the default
    screen.pipeline_name.setText("Сервис")
    with qtbot.waitSignal(screen.sig_loaded):
        screen.add_pipeline()
    assert screen.selected_pipeline() is not None
    assert screen.selected_pipeline().name == "Сервис"  # type: ignore[union-attr]
    with qtbot.waitSignal(screen.sig_loaded):
        screen.make_default()
    with db.unit_of_work() as session:
        defaults = [p.name for p in list_pipelines(session) if p.is_default]
    assert defaults == ["Сервис"]


def test_a_stage_holding_deals_is_not_deleted(qtbot: QtBot, db: Database) -> None:
    screen = opened(qtbot, db, None)
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name="Орлов Иван"))
        create_deal(session, DealChanges(title="Поставка", client_id=client.id), stage="Новый")
    choose_stage(screen, "Новый")
    with qtbot.waitSignal(screen.sig_failed) as refused:
        screen.delete_stage()
    qtbot.waitUntil(lambda: not screen.is_busy())
    assert "holds 1 deals" in refused.args[0]
    assert screen.stage_error.text() == refused.args[0]
    assert not screen.stage_error.isHidden()
    assert "Новый" in [s.name for s in stored(db).stages]

    choose_stage(screen, "Квалификация")  # empty: it goes
    with qtbot.waitSignal(screen.sig_loaded):
        screen.delete_stage()
    assert "Квалификация" not in [s.name for s in stored(db).stages]
    assert screen.stages.count() == 6

    screen.stage_name.setText("Новый")  # a name taken: said under the field
    with qtbot.waitSignal(screen.sig_failed):
        screen.add_stage()
    qtbot.waitUntil(lambda: not screen.is_busy())
    assert 'There is a stage "Новый" already' in screen.stage_error.text()


def test_a_manager_sees_the_funnel_read_only(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER)
    screen = opened(qtbot, db, "anna")
    assert not screen.note.isHidden()
    assert "administrator" in screen.note.text()
    assert screen.stages.count() == 7  # she sees the stages
    assert screen.add_stage_button.isHidden()
    assert screen.delete_stage_button.isHidden()
    assert screen.editor.add_item_button.isHidden()
    assert not screen.editor.required["amount"].isEnabled()
    assert screen.editor.probability.isReadOnly()
    screen.stage_name.setText("Лишний")
    screen.add_stage()  # nothing happens
    screen.editor.item_text.setText("Лишнее")
    screen.editor.add_item()
    assert not screen.is_busy()
    assert "Лишний" not in [s.name for s in stored(db).stages]
    assert all(not s.checklist for s in stored(db).stages)


def test_the_settings_page_shows_the_funnel_in_a_tab_of_its_own(qtbot: QtBot, db: Database) -> None:
    page = SettingsPage(db, None)
    qtbot.addWidget(page)
    page.show()
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert tabs[:3] == ["General", "Sales funnel", "Assignment"]
    with qtbot.waitSignal(page.funnel.sig_loaded):  # read when first shown
        page.tabs.setCurrentWidget(page.funnel)
    qtbot.waitUntil(lambda: not page.funnel.is_busy())
    assert page.funnel.stages.count() == 7
    with qtbot.waitSignal(page.assignment.sig_loaded):
        page.tabs.setCurrentWidget(page.assignment)
    qtbot.waitUntil(lambda: not page.assignment.is_busy())
