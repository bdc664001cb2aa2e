"""An erasure at the office reaches a laptop at its next sync (issue 10, 152-FZ): the
laptop's own change history of the person, its sync conflicts, its search index and the
bytes of its file lose the person's name, phone and e-mail."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from crm_desktop.errors import PermissionDenied
from crm_desktop.services.clients import ClientChanges, create_client, edit_client
from crm_desktop.services.privacy import erase_person, erased_name
from crm_desktop.services.privacy_export import export_person
from crm_desktop.store.audit_chain import verify_chain
from crm_desktop.store.database import open_database
from crm_desktop.store.location import Location
from crm_desktop.store.privacy_wipe import erasing_unit_of_work
from crm_desktop.store.schema import upgrade
from crm_desktop.sync import engine
from tests.server.conftest import Office
from tests.services.test_privacy import file_traces, traces

NAME = "Лаптопова Зинаида"
PHONE = "+79125550011"
PHONE_WRITTEN = "+7 (912) 555-00-11"
EMAIL = "zina.lap@example.ru"
NEEDLES = [NAME, NAME.upper(), "Лаптопова", PHONE, PHONE[2:], PHONE_WRITTEN, EMAIL]
FRIEND = "Соседкина Алла"


def test_an_erasure_reaches_the_laptops_own_history(tmp_path: Path, office: Office) -> None:
    server = open_database(office.location("ivanova"))
    server.take_seat()
    admin = open_database(office.admin)
    laptop = open_database(Location(kind="sqlite", path=tmp_path / "ivanova.sqlite3"), create=True)
    try:
        upgrade(laptop)
        engine.init_replica(laptop, server, server.location.url(), "ivanova")
        with laptop.unit_of_work("ivanova") as session:
            made = create_client(
                session, ClientChanges(name=NAME, phones=[PHONE], emails=[EMAIL])
            ).id
            friend = create_client(session, ClientChanges(name=FRIEND)).id
        with laptop.unit_of_work("ivanova") as session:
            edit_client(session, made, ClientChanges(note=f"пишет с {EMAIL}"))
            # another record's history on the laptop names her, in capitals, and her phone
            note = f"подруга {NAME.upper()}, звонить {PHONE_WRITTEN}"
            edit_client(session, friend, ClientChanges(note=note))
        engine.synchronise(laptop, server)
        # both change her note at once: the laptop keeps a conflict with both values
        with admin.engine.begin() as conn:
            conn.execute(
                text("UPDATE clients SET note = :n WHERE id = :id"),
                {"n": f"офис: {NAME}", "id": made},
            )
        with laptop.unit_of_work("ivanova") as session:
            edit_client(session, made, ClientChanges(note=f"ноутбук: {EMAIL.upper()}"))
        engine.synchronise(laptop, server)
        laptop.dispose()
        found = traces(laptop, NEEDLES)
        assert "audit_log.changes" in found and "sync_conflicts.kept" in found

        with erasing_unit_of_work(admin, None) as session:
            erase_person(session, made, ground="заявление", login=None)
        # small pages: her phone and e-mail come apart from her card
        engine.synchronise(laptop, server, page_size=2)
        laptop.dispose()

        assert traces(laptop, NEEDLES) == []
        assert file_traces(laptop, NEEDLES) == []
        assert traces(admin, NEEDLES) == []
        with laptop.engine.connect() as conn:
            name = conn.execute(
                text("SELECT name FROM clients WHERE id = :id"), {"id": made.hex}
            ).scalar()
            assert name == erased_name(made)
            assert verify_chain(conn).broken is None
            kept = conn.execute(
                text("SELECT count(*) FROM audit_log WHERE record_id = :id"), {"id": made.hex}
            ).scalar()
            assert kept  # the entries stay (the chain holds them), their values blanked
        # the laptop keeps working with the office afterwards
        with laptop.unit_of_work("ivanova") as session:
            edit_client(session, friend, ClientChanges(note="всё в порядке"))
        engine.synchronise(laptop, server)
        with admin.engine.connect() as conn:
            assert (
                conn.execute(
                    text("SELECT note FROM clients WHERE id = :id"), {"id": friend}
                ).scalar()
                == "всё в порядке"
            )
    finally:
        laptop.dispose()
        server.dispose()
        admin.dispose()


def test_export_on_the_office_server_is_the_administrators(office: Office) -> None:
    """A manager's login reads neither the requests log nor others' card reads: the
    export says whose work it is; the administrator exports."""
    server = open_database(office.location("ivanova"))
    server.take_seat()
    admin = open_database(office.admin)
    try:
        with server.unit_of_work("ivanova") as session:
            made = create_client(session, ClientChanges(name=NAME, emails=[EMAIL])).id
        with pytest.raises(PermissionDenied) as refused, server.unit_of_work("ivanova") as session:
            export_person(session, made)
        assert refused.value.message == (
            "Only the server's administrator (a PostgreSQL superuser) can export a person's "
            "data: the requests log and the card reads are the administrator's."
        )
        with admin.unit_of_work() as session:
            assert export_person(session, made).card["emails"] == [EMAIL]
    finally:
        server.dispose()
        admin.dispose()
