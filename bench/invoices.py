"""`invoices`: printing invoices as PDF.

- One invoice of 10 lines (with logo, stamp and signature) against a bare ReportLab page
  holding the same table in the same fonts: the issue's target is within 2x of the bare
  page, and under 20 ms.
- 1,000 issued invoices read from the database and written to PDF files in one batch
  (one read-only unit of work, as a batch job runs): target under 20 s.

The data is generated afresh each run into a temporary SQLite file and a database on the
benchmarks' embedded PostgreSQL server.

    python -m bench invoices [--database sqlite] [--quick]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import random
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table
from sqlalchemy import select

from bench import postgres
from bench.options import Options
from bench.progress import say
from bench.results import Measurement, Target
from bench.timing import time_each
from crm_desktop.models import (
    ClientKind,
    CompanyProfile,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    VatMode,
    utcnow,
)
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.company_profile import CompanyDetails, save_company_profile
from crm_desktop.services.documents.fonts import register_fonts
from crm_desktop.services.documents.invoice_data import InvoiceDocument, load_invoice_document
from crm_desktop.services.documents.invoice_pdf import render_invoice_pdf
from crm_desktop.services.documents.russian import money, quantity, rate
from crm_desktop.services.invoice_math import line_sums, totals
from crm_desktop.services.invoice_parties import payer_snapshot, supplier_snapshot
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, parse_location
from crm_desktop.store.schema import upgrade

NAME = "invoices"
ONE_TARGET = Target("<", 20, "ms")
RATIO_TARGET = Target("<=", 2, "x")
BATCH_TARGET = Target("<", 20, "s")
BATCH = 1_000
QUICK_BATCH = 200
CLIENTS = 50
SINGLE_LINES = 10
REPEATS = 60
WARMUP = 5
GOODS = [
    ("Кресло офисное «Бюрократ» CH-868, чёрное", "шт", "12500.00"),
    ("Монтаж и настройка оборудования на объекте заказчика", "ч", "3490.50"),
    ("Стол письменный 1400×700, дуб сонома", "шт", "8900.00"),
    ("Доставка по Москве", "усл", "1500.00"),
    ("Кабель UTP cat.5e, 305 м", "м", "42.30"),
    ("Консультация специалиста", "ч", "2750.00"),
]
VECTOR = CompanyDetails(
    short_name="ООО «Вектор»",
    full_name="Общество с ограниченной ответственностью «Вектор»",
    inn="7707083893",
    kpp="773601001",
    ogrn="1027700132195",
    legal_address="117997, г. Москва, ул. Вавилова, д. 19",
    phone="+7 495 500-55-50",
    email="info@vector.ru",
    bank_name="ПАО Сбербанк",
    bic="044525225",
    corr_account="30101810400000000225",
    account="40702810938000000001",
    director="Соколов Андрей Викторович",
    chief_accountant="Орлова Елена Николаевна",
)


def _png(size: tuple[int, int], draw_it: str) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ink = (30, 60, 170, 210)
    if draw_it == "stamp":
        draw.ellipse((8, 8, size[0] - 8, size[1] - 8), outline=ink, width=8)
        draw.ellipse((50, 50, size[0] - 50, size[1] - 50), outline=ink, width=4)
    elif draw_it == "logo":
        draw.polygon([(10, 110), (60, 10), (110, 110)], fill=(200, 40, 40, 255))
        draw.rectangle((130, 40, 460, 80), fill=(40, 40, 40, 255))
    else:
        points = [(10 + 28 * i, 30 + (i % 2) * 60) for i in range(10)]
        draw.line(points, fill=(20, 20, 120, 255), width=5)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _fill(db: Database, count: int, seed: int) -> list[uuid.UUID]:
    """The company (with its images), clients and `count` issued invoices; their ids."""
    rnd = random.Random(seed)
    day = dt.date(2026, 11, 27)
    with db.unit_of_work() as session:
        save_company_profile(session, VECTOR)
        profile = session.scalars(select(CompanyProfile)).one()
        profile.logo = _png((480, 120), "logo")
        profile.stamp = _png((400, 400), "stamp")
        profile.signature = _png((300, 120), "signature")
        supplier = supplier_snapshot(session, strict=True)
        payers: list[tuple[uuid.UUID, dict[str, Any]]] = []
        for i in range(CLIENTS):
            changes = ClientChanges(kind=ClientKind.COMPANY, name=f"Ромашка {i}", legal_form="ООО")
            client_id = create_client(session, changes).id
            payers.append((client_id, payer_snapshot(session, client_id)))
        ids = []
        for number in range(1, count + 1):
            client_id, payer = rnd.choice(payers)
            invoice = Invoice(
                client_id=client_id,
                series=2026,
                number=number,
                number_text=f"2026-{number:04d}",
                status=InvoiceStatus.ISSUED,
                issue_date=day,
                issued_at=utcnow(),
                due_date=day + dt.timedelta(days=5),
                vat_mode=VatMode.INCLUDED.value,
                supplier=supplier,
                payer=payer,
            )
            session.add(invoice)
            session.flush()
            sums = []
            for position in range(rnd.randrange(3, 16)):
                name, unit, price = rnd.choice(GOODS)
                qty = Decimal(rnd.choice(["1", "2", "0.5", "12", "3.333"]))
                line = line_sums(qty, Decimal(price), Decimal(22), VatMode.INCLUDED)
                sums.append(line)
                session.add(
                    InvoiceLine(
                        invoice_id=invoice.id,
                        position=position,
                        name=name,
                        unit_name=unit,
                        quantity=qty,
                        price=Decimal(price),
                        vat_rate=Decimal(22),
                        amount=line.amount,
                        vat_amount=line.vat,
                    )
                )
            figures = totals(sums, VatMode.INCLUDED)
            invoice.total, invoice.vat_total = figures.total, figures.vat
            ids.append(invoice.id)
        return ids


def bare_page(doc: InvoiceDocument, out: io.BytesIO) -> None:
    """The same table on a page, with nothing else: the floor ReportLab sets."""
    regular, bold = register_fonts()
    canvas = Canvas(out, pagesize=A4)
    data = [["№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Ставка НДС"]]
    data[0] += ["Сумма НДС", "Сумма"]
    for n, line in enumerate(doc.lines, start=1):
        vat = rate(line.vat_rate) if line.vat_rate is not None else ""
        row = [str(n), line.name, quantity(line.quantity), line.unit, money(line.price), vat]
        data.append([*row, money(line.vat_amount), money(line.amount)])
    style = [
        ("FONT", (0, 0), (-1, -1), regular, 8),
        ("FONT", (0, 0), (-1, 0), bold, 8),
        ("GRID", (0, 0), (-1, -1), 0.4, (0, 0, 0)),
    ]
    table = Table(data, style=style)
    _width, height = table.wrapOn(canvas, A4[0] - 60, A4[1] - 60)
    table.drawOn(canvas, 30, A4[1] - 30 - height)
    canvas.showPage()
    canvas.save()


def _single(db: Database, invoice_id: uuid.UUID) -> list[Measurement]:
    with db.unit_of_work(write=False) as session:
        doc = load_invoice_document(session, invoice_id)
    doc = replace(doc, lines=(doc.lines * SINGLE_LINES)[:SINGLE_LINES])

    def invoice(_i: int) -> int:
        render_invoice_pdf(doc, io.BytesIO())
        return 1

    def bare(_i: int) -> int:
        bare_page(doc, io.BytesIO())
        return 1

    for _i in range(WARMUP):
        invoice(0)
        bare(0)
    full_ms, bare_ms = [], []
    for i in range(REPEATS):  # interleaved, so the machine's load falls on both alike
        full_ms += time_each(invoice, [i]).ms
        bare_ms += time_each(bare, [i]).ms
    full_p50 = sorted(full_ms)[len(full_ms) // 2]
    bare_p50 = sorted(bare_ms)[len(bare_ms) // 2]
    best = f"best of {REPEATS}: {min(full_ms):.1f} ms vs {min(bare_ms):.1f} ms"
    note = f"{SINGLE_LINES} lines, logo, stamp and signature"
    say(f"one invoice {full_p50:.1f} ms, bare page {bare_p50:.1f} ms ({best})")
    return [
        Measurement(NAME, "-", "one invoice PDF p50", full_p50, "ms", ONE_TARGET, note),
        Measurement(NAME, "-", "bare ReportLab page, same table, p50", bare_p50, "ms"),
        Measurement(
            NAME, "-", "invoice / bare page (p50)", full_p50 / bare_p50, "x", RATIO_TARGET, best
        ),
    ]


def _batch(database: str, db: Database, ids: list[uuid.UUID], out: Path) -> Measurement:
    started = time.perf_counter()
    with db.unit_of_work(write=False) as session:
        for invoice_id in ids:
            doc = load_invoice_document(session, invoice_id)
            render_invoice_pdf(doc, out / f"{doc.file_stem}.pdf")
    seconds = time.perf_counter() - started
    files = len(list(out.glob("*.pdf")))
    say(f"{database}: {files:,} invoices to PDF in {seconds:.1f} s")
    note = f"{files:,} files, {files / seconds:.0f} invoices/s, read from the database"
    return Measurement(
        NAME, database, f"{len(ids):,} invoices to PDF", seconds, "s", BATCH_TARGET, note
    )


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="crm-bench-invoices-"))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _run_on(database: str, db: Database, options: Options, first: bool) -> list[Measurement]:
    count = QUICK_BATCH if options.quick else BATCH
    say(f"{database}: generating {count:,} issued invoices")
    upgrade(db)
    ids = _fill(db, count, options.seed)
    found = _single(db, ids[0]) if first else []
    with _scratch() as out:
        found.append(_batch(database, db, ids, out))
    return found


def run(options: Options) -> list[Measurement]:
    found: list[Measurement] = []
    if "sqlite" in options.databases:
        with _scratch() as tmp:
            db = open_database(Location(kind="sqlite", path=tmp / "invoices.sqlite3"), create=True)
            try:
                found += _run_on("sqlite", db, options, first=True)
            finally:
                db.dispose()
    if "postgresql" in options.databases:
        name = "bench_invoices"
        with (
            _scratch() as tmp,
            postgres.embedded_server(tmp / "pg", delete=True) as server,
        ):
            postgres.create_database(server, name)
            db = open_database(parse_location(server.database_url(name)))
            try:
                found += _run_on("postgresql", db, options, first=not found)
            finally:
                db.dispose()
                postgres.drop_database(server, name)
    return found
