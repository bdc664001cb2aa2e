"""Segments and mailings on the office server (issue 9): the office shares its segments
and templates; a manager's mailing reaches only the clients row-level security shows her."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select, text

from crm_desktop.models import Client, MailRecipient
from crm_desktop.services.consents import give_consent
from crm_desktop.services.mailing.runs import open_run
from crm_desktop.services.mailing.templates import save_template
from crm_desktop.services.segments import SegmentRules, list_segments, save_segment
from crm_desktop.store.database import Database, open_database
from tests.server.conftest import Office


@pytest.fixture
def as_user(licensed: Office) -> Iterator[dict[str, Database]]:
    opened: dict[str, Database] = {}
    for login in ("ivanova", "petrov", "kuznetsov"):
        opened[login] = open_database(licensed.location(login))
        opened[login].take_seat("test")
    yield opened
    for db in opened.values():
        db.dispose()


def test_a_managers_mailing_reaches_only_her_clients(
    office: Office, as_user: dict[str, Database]
) -> None:
    admin = open_database(office.admin)
    with admin.unit_of_work(None) as s:
        with_mail = s.scalars(select(Client.id).where(Client.primary_email.is_not(None))).all()
        for client_id in with_mail:
            give_consent(s, client_id, source="анкета")
        hers = set(
            s.execute(
                text(
                    "SELECT id FROM clients WHERE owner = 'ivanova' "
                    "AND primary_email IS NOT NULL AND deleted_at IS NULL"
                )
            ).scalars()
        )
    admin.dispose()
    assert hers and len(with_mail) > len(hers)

    with as_user["ivanova"].unit_of_work("ivanova") as s:
        save_segment(s, "Все", SegmentRules(kind="person"))
        save_segment(s, "Все организации", SegmentRules(kind="company"))
        save_template(s, "Привет", "Здравствуйте", "Здравствуйте, {{ имя }}!")
    with as_user["petrov"].unit_of_work("petrov") as s:  # the office shares them
        assert {v.name for v in list_segments(s)} == {"Все", "Все организации"}
    with as_user["ivanova"].unit_of_work("ivanova") as s:
        runs = [open_run(s, "Все", "Привет"), open_run(s, "Все организации", "Привет")]
        ids = [r.run_id for r in runs]
        mailed = set(
            s.scalars(select(MailRecipient.client_id).where(MailRecipient.run_id.in_(ids)))
        )
    assert mailed == hers
    with as_user["petrov"].unit_of_work("petrov", write=False) as s:  # not his to see
        assert s.scalars(select(MailRecipient.id)).all() == []
    with as_user["kuznetsov"].unit_of_work("kuznetsov") as s:
        # the executive sees her unfinished run, but his own mailing is his own
        mine = open_run(s, "Все", "Привет")
        assert mine.run_id not in ids and mine.recipients > len(hers)
