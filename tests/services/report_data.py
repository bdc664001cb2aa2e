"""Hand-built data for the report tests: each figure the tests expect follows from what
is written here (see the comments), not from the code under test."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy.orm import Session

from crm_desktop.models import (
    Client,
    ClientKind,
    Deal,
    Interaction,
    InteractionKind,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    Product,
    Role,
    Task,
    TaskKind,
    TaskStatus,
)
from crm_desktop.services.pipelines import ensure_default_pipeline
from crm_desktop.services.users import add_user

MSK = dt.timezone(dt.timedelta(hours=3), "MSK")


def at(day: str, time: str = "12:00") -> dt.datetime:
    """A moment of Moscow time, as UTC."""
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=MSK).astimezone(dt.UTC)


def staff(session: Session) -> None:
    add_user(session, "ivanova", Role.MANAGER)
    add_user(session, "petrov", Role.MANAGER)


def client(
    session: Session,
    name: str,
    owner: str | None = None,
    *,
    created: dt.datetime | None = None,
    last_contact: dt.datetime | None = None,
    deleted: bool = False,
) -> uuid.UUID:
    record = Client(kind=ClientKind.PERSON, name=name, owner=owner)
    record.created_at = created or at("2026-10-15")  # before the dashboard's month
    record.last_contact_at = last_contact
    if deleted:
        record.deleted_at = at("2026-11-01")
    session.add(record)
    session.flush()
    return record.id


def invoice(
    session: Session,
    client_id: uuid.UUID,
    issued: str,
    total: str,
    *,
    owner: str | None = None,
    status: InvoiceStatus = InvoiceStatus.ISSUED,
    paid: str = "0",
    due: str | None = None,
    lines: tuple[tuple[str, uuid.UUID | None, str, str], ...] = (),
) -> uuid.UUID:
    """An invoice of `total` issued on `issued`; lines are (name, product, qty, amount)."""
    record = Invoice(
        client_id=client_id,
        status=status,
        owner=owner,
        issue_date=dt.date.fromisoformat(issued),
        due_date=dt.date.fromisoformat(due) if due else None,
        total=Decimal(total),
        paid_amount=Decimal(paid),
        number_text=f"N-{issued}-{total}",
    )
    session.add(record)
    session.flush()
    for position, (name, product, qty, amount) in enumerate(lines):
        session.add(
            InvoiceLine(
                invoice_id=record.id,
                position=position,
                product_id=product,
                name=name,
                quantity=Decimal(qty),
                price=Decimal(amount) / Decimal(qty),
                amount=Decimal(amount),
            )
        )
    return record.id


def payment(session: Session, invoice_id: uuid.UUID, day: str, amount: str) -> None:
    session.add(
        Payment(invoice_id=invoice_id, paid_on=dt.date.fromisoformat(day), amount=Decimal(amount))
    )


def product(session: Session, name: str) -> uuid.UUID:
    record = Product(name=name, price=Decimal("1500.00"))
    session.add(record)
    session.flush()
    return record.id


def deals(session: Session) -> None:
    """The default pipeline's deals created in November 2026 (plus two that must not
    count): by stage Новый 2, Квалификация 1, КП отправлено 1, Переговоры 0,
    Счёт выставлен 1, won 3 (cycles 10, 20 and 30 days), lost 2.

    ivanova: 2 open, 2 won (10 and 20 days), 1 lost; petrov: 3 open, 1 won (30), 1 lost.
    Open for the forecast: Новый 2 × 1000 (stage 10 %), Квалификация 2000 at the deal's own
    50 %, КП отправлено 3000 (stage 40 %), Счёт выставлен 5000 expected after November."""
    pipeline = ensure_default_pipeline(session)
    stage = {s.name: s.id for s in pipeline.stages}
    customer = client(session, "Покупатель Сделок", "ivanova")

    def deal(
        stage_name: str,
        owner: str,
        created: str,
        amount: str,
        *,
        closed: str | None = None,
        probability: int | None = None,
        expected: str | None = None,
        deleted: bool = False,
    ) -> None:
        record = Deal(
            title=f"{stage_name} {owner} {created}",
            client_id=customer,
            pipeline_id=pipeline.id,
            stage_id=stage[stage_name],
            amount=Decimal(amount),
            owner=owner,
            probability=probability,
            expected_close=dt.date.fromisoformat(expected) if expected else None,
            closed_at=at(closed) if closed else None,
            lost_reason="дорого" if stage_name == "Проиграно" else None,
        )
        record.created_at = at(created)
        if deleted:
            record.deleted_at = at("2026-11-20")
        session.add(record)

    deal("Новый", "ivanova", "2026-11-01", "1000", expected="2026-11-30")
    deal("Новый", "petrov", "2026-11-30", "1000")
    deal("Квалификация", "ivanova", "2026-11-03", "2000", probability=50)
    deal("КП отправлено", "petrov", "2026-11-04", "3000", expected="2026-11-20")
    deal("Счёт выставлен", "petrov", "2026-11-05", "5000", expected="2026-12-15")
    deal("Успешно", "ivanova", "2026-11-01", "7000", closed="2026-11-11")  # 10 days
    deal("Успешно", "ivanova", "2026-11-02", "8000", closed="2026-11-22")  # 20 days
    deal("Успешно", "petrov", "2026-11-01", "9000", closed="2026-12-01")  # 30 days
    deal("Проиграно", "ivanova", "2026-11-06", "400", closed="2026-11-07")
    deal("Проиграно", "petrov", "2026-11-07", "600", closed="2026-11-08")
    deal("Новый", "ivanova", "2026-10-31", "100")  # created before the period
    deal("Новый", "petrov", "2026-11-10", "100", deleted=True)  # in the recycle bin
    session.flush()


def activity(session: Session) -> None:
    """Logged work in November 2026, Moscow time.

    ivanova: calls on 02.11 (12:00) and 03.11 (00:30, which is still 02.11 in UTC), a
    task done on 03.11; petrov: a meeting on 02.11, a letter and a note on 05.11, a call
    on 30.11 at 23:59. Not counted: a call on 31.10 at 23:00 (20:00 UTC), a stage change,
    a deleted call."""
    customer = client(session, "Клиент Активности", "ivanova")

    def log(
        kind: InteractionKind, who: str, day: str, time: str = "12:00", deleted: bool = False
    ) -> None:
        record = Interaction(
            client_id=customer, kind=kind, user_login=who, occurred_at=at(day, time), text=""
        )
        if deleted:
            record.deleted_at = at("2026-11-10")
        session.add(record)

    log(InteractionKind.CALL, "ivanova", "2026-11-02")
    log(InteractionKind.CALL, "ivanova", "2026-11-03", "00:30")
    log(InteractionKind.MEETING, "petrov", "2026-11-02")
    log(InteractionKind.EMAIL, "petrov", "2026-11-05")
    log(InteractionKind.NOTE, "petrov", "2026-11-05")
    log(InteractionKind.CALL, "petrov", "2026-11-30", "23:59")
    log(InteractionKind.CALL, "ivanova", "2026-10-31", "23:00")
    log(InteractionKind.STAGE_CHANGE, "ivanova", "2026-11-04")
    log(InteractionKind.CALL, "ivanova", "2026-11-04", deleted=True)
    session.add(
        Task(
            title="Перезвонить",
            kind=TaskKind.CALL,
            assignee="ivanova",
            status=TaskStatus.DONE,
            completed_at=at("2026-11-03", "10:00"),
        )
    )
    session.add(Task(title="Открытая", kind=TaskKind.CALL, assignee="ivanova"))
    session.flush()
