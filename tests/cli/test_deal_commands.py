"""The deal commands of the CLI contract, in a subprocess, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from crm_desktop.services.pipelines import ensure_default_pipeline, set_checklist
from crm_desktop.store.database import open_database
from crm_desktop.store.location import parse_location
from tests.cli.conftest import Cli

DEAL_KEYS = {
    "id",
    "title",
    "client_id",
    "amount",
    "pipeline",
    "stage",
    "owner",
    "version",
    "probability",
    "expected_close",
    "currency",
}


@pytest.fixture
def client_id(cli: Cli) -> str:
    cli.ok("user", "add", "petrov", "--role", "manager")
    cli.ok("user", "add", "ivanova", "--role", "manager")
    added = cli.ok("client", "add", "--kind", "company", "--name", "ООО «Ромашка»", "--json")
    return str(added.json()["id"])


def checklist(cli: Cli, stage: str, items: list[str]) -> None:
    """An administrator's set-up of the default pipeline, straight through the services."""
    assert cli.db is not None
    db = open_database(parse_location(cli.db))
    try:
        with db.unit_of_work() as session:
            pipeline = ensure_default_pipeline(session)
            stage_id = next(s.id for s in pipeline.stages if s.name == stage)
            set_checklist(session, stage_id, items)
    finally:
        db.dispose()


def add(cli: Cli, client_id: str, *extra: str, user: str | None = "petrov") -> dict[str, Any]:
    args = ("deal", "add", "--client", client_id, "--title", "Поставка стеллажей", *extra)
    result: dict[str, Any] = cli.ok(*args, "--json", user=user).json()
    return result


def test_add_prints_the_deal(cli: Cli, client_id: str) -> None:
    deal = add(
        cli,
        client_id,
        "--amount",
        "150 000,50",
        "--expected-close",
        "31.12.2026",
        "--owner",
        "petrov",
    )
    assert deal.keys() >= DEAL_KEYS
    assert deal["client_id"] == client_id and deal["title"] == "Поставка стеллажей"
    assert deal["amount"] == "150000.50" and deal["currency"] == "RUB"
    assert (deal["pipeline"], deal["stage"], deal["owner"]) == ("Продажи", "Новый", "petrov")
    assert (deal["version"], deal["probability"]) == (1, 10)
    assert deal["expected_close"] == "2026-12-31"
    assert cli.ok("deal", "show", deal["id"], "--json").json() == deal


def test_add_at_a_stage_for_another_owner(cli: Cli, client_id: str) -> None:
    deal = add(
        cli,
        client_id,
        "--amount",
        "1500",
        "--pipeline",
        "продажи",
        "--stage",
        "переговоры",
        "--owner",
        "ivanova",
        "--probability",
        "75",
    )
    assert (deal["stage"], deal["owner"], deal["amount"]) == ("Переговоры", "ivanova", "1500.00")
    assert deal["probability"] == 75


def test_bad_input_exits_2_with_one_line(cli: Cli, client_id: str) -> None:
    for args in (
        ("--amount", "сто рублей"),
        ("--amount", "-5"),
        ("--amount", "10,555"),
        ("--owner", "nobody"),
        ("--stage", "Нет такой"),
        ("--probability", "101"),
    ):
        result = cli("deal", "add", "--client", client_id, "--title", "Сделка", *args, "--json")
        assert result.code == 2, (args, result.err)
        assert result.out == ""
        assert len(result.err.strip().splitlines()) == 1
    bad_amount = cli("deal", "add", "--client", client_id, "--title", "x", "--amount", "abc")
    assert "amount" in bad_amount.err
    unknown = cli("deal", "add", "--client", "00000000-0000-0000-0000-000000000000", "--title", "x")
    assert unknown.code == 2 and "client" in unknown.err
    assert cli("deal", "list", "--json").json() == []


def test_move_refused_until_the_checklist_is_ticked(cli: Cli, client_id: str) -> None:
    checklist(cli, "Новый", ["ИНН проверен", "Потребность выяснена"])
    deal = add(cli, client_id, "--amount", "1000")
    refused = cli("deal", "move", deal["id"], "Квалификация", "--json", user="petrov")
    assert refused.code == 3
    assert refused.out == ""
    assert len(refused.err.strip().splitlines()) == 1
    assert "ИНН проверен" in refused.err and "Потребность выяснена" in refused.err
    russian = cli("deal", "move", deal["id"], "Квалификация", lang="ru")
    assert russian.code == 3 and "«ИНН проверен», «Потребность выяснена»" in russian.err
    assert cli.ok("deal", "show", deal["id"], "--json").json()["stage"] == "Новый"

    ticked = cli.ok("deal", "tick", deal["id"], "инн проверен", "--json").json()
    assert [(m["text"], m["done"]) for m in ticked["checklist"]] == [
        ("ИНН проверен", True),
        ("Потребность выяснена", False),
    ]
    still = cli("deal", "move", deal["id"], "Квалификация")
    assert still.code == 3 and "Потребность выяснена" in still.err
    assert "ИНН проверен" not in still.err
    cli.ok("deal", "tick", deal["id"], ticked["checklist"][1]["id"])
    moved = cli.ok("deal", "move", deal["id"], "Квалификация", "--json", user="petrov").json()
    assert (moved["stage"], moved["version"]) == ("Квалификация", 2)


def test_move_by_stage_id_and_to_lost_with_a_reason(cli: Cli, client_id: str) -> None:
    deal = add(cli, client_id)
    board = cli.ok("deal", "board", "--json").json()
    stage_ids = {c["stage"]: c["stage_id"] for c in board["columns"]}
    assert list(stage_ids) == [
        "Новый",
        "Квалификация",
        "КП отправлено",
        "Переговоры",
        "Счёт выставлен",
        "Успешно",
        "Проиграно",
    ]
    moved = cli.ok("deal", "move", deal["id"], stage_ids["Переговоры"], "--json").json()
    assert moved["stage"] == "Переговоры" and moved["probability"] == 60
    no_reason = cli("deal", "move", deal["id"], "Проиграно")
    assert no_reason.code == 2 and "lost_reason" in no_reason.err
    lost = cli.ok(
        "deal", "move", deal["id"], "Проиграно", "--lost-reason", "Дорого", "--json"
    ).json()
    assert lost["stage"] == "Проиграно" and lost["lost_reason"] == "Дорого"
    assert lost["closed_at"] is not None and lost["probability"] == 0


def test_a_stale_version_is_refused_naming_who_changed_it(cli: Cli, client_id: str) -> None:
    deal = add(cli, client_id)
    changed = cli.ok("deal", "move", deal["id"], "Квалификация", "--json", user="ivanova").json()
    # on PostgreSQL the login is the URL's (--user names an app user on SQLite only)
    who = "ivanova" if str(cli.db).endswith(".sqlite3") else "postgres"
    assert changed["updated_by"] == who
    at = dt.datetime.fromisoformat(changed["updated_at"]).astimezone().strftime("%H:%M")
    stale = cli("deal", "move", deal["id"], "Переговоры", "--expected-version", "1", user="petrov")
    assert stale.code == 3 and stale.out == ""
    assert stale.err.strip() == f"crm-desktop: The deal was changed by {who} at {at}, reload?"
    fresh = cli.ok("deal", "move", deal["id"], "Переговоры", "--expected-version", "2", "--json")
    assert fresh.json()["version"] == 3


def test_list_filters_by_pipeline_and_stage(cli: Cli, client_id: str) -> None:
    first = add(cli, client_id, "--amount", "100")
    second = add(cli, client_id, "--amount", "200", "--stage", "Переговоры")
    third = add(cli, client_id, "--amount", "300", "--stage", "Переговоры", "--owner", "ivanova")
    everything = cli.ok("deal", "list", "--json").json()
    assert [d["id"] for d in everything] == [third["id"], second["id"], first["id"]]
    assert everything[0].keys() >= DEAL_KEYS
    assert everything[0]["amount"] == "300.00" and everything[0]["owner"] == "ivanova"
    negotiations = cli.ok(
        "deal", "list", "--pipeline", "Продажи", "--stage", "переговоры", "--json"
    ).json()
    assert [d["id"] for d in negotiations] == [third["id"], second["id"]]
    new = cli.ok("deal", "list", "--stage", "Новый", "--json").json()
    assert [d["id"] for d in new] == [first["id"]]
    mine = cli.ok("deal", "list", "--owner", "ivanova", "--json").json()
    assert [d["id"] for d in mine] == [third["id"]]
    assert cli("deal", "list", "--pipeline", "Сервис", "--json").code == 2
    text = cli.ok("deal", "list").out.splitlines()
    assert len(text) == 3 and text[0].startswith(third["id"])


def test_board_totals(cli: Cli, client_id: str) -> None:
    add(cli, client_id, "--amount", "0,10")
    add(cli, client_id, "--amount", "0,20")
    add(cli, client_id, "--amount", "1 000 000,05", "--stage", "Успешно")
    columns = {c["stage"]: c for c in cli.ok("deal", "board", "--json").json()["columns"]}
    assert (columns["Новый"]["count"], columns["Новый"]["total"]) == (2, "0.30")
    assert columns["Успешно"]["total"] == "1000000.05"
    assert len(columns["Новый"]["deals"]) == 2
