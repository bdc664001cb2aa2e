"""`crm-desktop export clients OUT.xlsx [--search TEXT] [--json]`, in a subprocess, on
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.cli.conftest import Cli


def rows(path: Path) -> list[tuple[object, ...]]:
    ws = load_workbook(path).active
    assert isinstance(ws, Worksheet)
    return [tuple(cell.value for cell in row) for row in ws.iter_rows()]


def fill(cli: Cli) -> None:
    cli.ok(
        "client",
        "add",
        "--name",
        "Фёдоров Пётр Ильич",
        "--phone",
        "8 (912) 345-67-89",
        "--birth-date",
        "21.07.1991",
    )
    cli.ok("client", "add", "--name", "Петренко Олег")
    cli.ok("client", "add", "--kind", "company", "--name", "ООО «Ромашка»", "--inn", "7707083893")


def test_export_writes_every_client_and_says_where(cli: Cli, tmp_path: Path) -> None:
    fill(cli)
    out = tmp_path / "clients.xlsx"

    result = cli.ok("export", "clients", str(out))

    assert result.out.strip() == f"Exported 3 clients to {out}"
    table = rows(out)
    assert table[0][0] == "Client name" and len(table) == 4
    assert [row[0] for row in table[1:]] == ["Петренко Олег", "Ромашка", "Фёдоров Пётр Ильич"]
    born = table[3][8]
    assert isinstance(born, dt.datetime) and born.date() == dt.date(1991, 7, 21)
    assert table[3][5] == "+7 912 345-67-89"


def test_json_report_and_search(cli: Cli, tmp_path: Path) -> None:
    fill(cli)
    out = tmp_path / "found.xlsx"

    report = cli.ok("export", "clients", str(out), "--search", "петр", "--json").json()

    assert report == {"path": str(out), "rows": 2}
    assert sorted(row[0] for row in rows(out)[1:]) == ["Петренко Олег", "Фёдоров Пётр Ильич"]


def test_headers_in_russian(cli: Cli, tmp_path: Path) -> None:
    fill(cli)
    out = tmp_path / "клиенты.xlsx"
    result = cli.ok("export", "clients", str(out), lang="ru")
    assert result.out.startswith("Выгружено клиентов: 3")
    header = rows(out)[0]
    assert header[0] == "ФИО" and header[8] == "Дата рождения"


def test_a_bad_path_is_exit_2_with_one_line(cli: Cli, tmp_path: Path) -> None:
    fill(cli)
    for target, words in (
        (tmp_path / "clients.csv", "must end in .xlsx"),
        (tmp_path / "nowhere" / "clients.xlsx", "no such folder"),
    ):
        result = cli("export", "clients", str(target), "--json")
        assert result.code == 2, result.err
        assert result.out == ""
        assert words in result.err and len(result.err.strip().splitlines()) == 1
        assert not target.exists()
    assert cli("export", "clients").code == 2  # no file named
