"""Actions on the selected clients of the list, on both databases: merge side by side,
assign, tag."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from crm_desktop.models import Role
from crm_desktop.services.client_list import ClientFilter, list_clients
from crm_desktop.services.client_views import get_client
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.tags import list_tags
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.clients_page import ClientsPage


def add(db: Database, name: str, **fields: object) -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name=name, **fields)).id  # type: ignore[arg-type]


def select_all(page: ClientsPage) -> None:
    model, selection = page.model, page.table.selectionModel()
    for row in range(model.rowCount()):
        selection.select(
            model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_merge_two_selected_choosing_field_by_field(qtbot: QtBot, db: Database) -> None:
    kept = add(db, "Орлов Иван", phones=["+79161112233"])
    dup = add(
        db,
        "Орлов Иван Петрович",
        phones=["+79031234567"],
        emails=["orlov@mail.ru"],
        birth_date="12.03.1980",
    )
    page = ClientsPage(db, None)
    qtbot.addWidget(page)
    select_all(page)
    dialog = page.merge_selected()
    assert dialog is not None
    left_is_kept = dialog.left.id == kept
    (dialog.keep_left if left_is_kept else dialog.keep_right).setChecked(True)
    name_left, name_right = dialog.choices["name"]
    (name_right if left_is_kept else name_left).setChecked(True)  # the duplicate's fuller name
    with qtbot.waitSignal(dialog.sig_merged):
        dialog.merge()
    with db.unit_of_work() as session:
        view = get_client(session, kept)
        assert get_client(session, dup).deleted_at is not None
    assert view.name == "Орлов Иван Петрович"
    assert sorted(view.phones) == ["+79031234567", "+79161112233"]
    assert view.emails == ["orlov@mail.ru"]
    assert view.birth_date is not None
    assert page.model.rowCount() == 1


def test_assign_and_tag_the_selection(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER)
    for name in ("Алексеев", "Борисов"):
        add(db, name)
    page = ClientsPage(db, None)
    qtbot.addWidget(page)
    select_all(page)
    page.assign_selected("anna")
    select_all(page)
    page.tag_selected("VIP")
    with db.unit_of_work() as session:
        owned = list_clients(session, where=ClientFilter(owner="anna")).rows
        tags = list_tags(session)
        tagged = list_clients(session, where=ClientFilter(tag_id=tags[0].id)).rows
    assert len(owned) == 2
    assert [t.name for t in tags] == ["VIP"] and len(tagged) == 2


def test_the_filter_shows_companies_only(qtbot: QtBot, db: Database) -> None:
    from crm_desktop.models import ClientKind

    add(db, "Иванов")
    add(db, "ООО «Ромашка»", kind=ClientKind.COMPANY)
    page = ClientsPage(db, None)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    page.filter.setCurrentIndex(2)  # Companies
    assert [page.model.client_at(i).name for i in range(page.model.rowCount())] == ["Ромашка"]  # type: ignore[union-attr]
