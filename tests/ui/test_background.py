"""Long work runs off the UI thread with progress, and Cancel keeps nothing half-done."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from crm_desktop.models import Client
from crm_desktop.services.demo import generate_demo
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background, Cancelled, Progress


def clients(db: Database) -> int:
    with db.unit_of_work() as session:
        return int(session.scalar(select(func.count()).select_from(Client)) or 0)


def test_long_work_reports_progress_and_finishes(qtbot: QtBot, db: Database) -> None:
    seen: list[tuple[int, int]] = []

    def work(session: Any, progress: Progress) -> int:
        report = generate_demo(session, 12_000, with_history=False, progress=progress.report)
        return report.clients

    job = Background(db, work, progress="…")
    job._relay.sig_progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(job._relay.sig_done, timeout=60_000) as done:
        job.start()
    assert done.args == [12_000]
    assert seen[-1] == (12_000, 12_000) and len(seen) >= 2
    assert clients(db) == 12_000


def test_cancel_rolls_back_everything(qtbot: QtBot, db: Database) -> None:
    job: Background[Any]

    def work(session: Any, progress: Progress) -> None:
        def report(done: int, total: int) -> None:
            if done >= 5_000:
                job.cancel()  # as the Cancel button does, from the UI thread's side
            progress.report(done, total)

        generate_demo(session, 20_000, with_history=False, progress=report)

    job = Background(db, work, progress="…")
    with qtbot.waitSignal(job._relay.sig_failed, timeout=60_000) as failed:
        job.start()
    assert isinstance(failed.args[0], Cancelled)
    assert clients(db) == 0
