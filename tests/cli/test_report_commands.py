"""`crm-desktop report NAME ...` (issue 9), in a subprocess, on SQLite and PostgreSQL:
the JSON contract, the files, and one-sentence refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook

from tests.cli.conftest import Cli
from tests.cli.test_company_commands import REQUISITES

TODAY = dt.date.today()


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def sold(cli: Cli) -> Cli:
    """Two clients with invoices issued today: «Ромашка» 3000 (1000 paid), «Василёк» 1000."""
    cli.ok("company", "set", *REQUISITES, "--vat", "none")
    for name, price, paid in (("ООО «Ромашка»", "1500", "1000"), ("ООО «Василёк»", "500", None)):
        client = cli.ok("client", "add", "--kind", "company", "--name", name, "--json").json()
        invoice = cli.ok(
            "invoice",
            "create",
            "--client",
            client["id"],
            "--line",
            f"Стул;2;шт;{price};",
            "--issue",
            "--json",
        ).json()
        if paid:
            cli.ok("invoice", "pay", invoice["id"], paid)
    return cli


def test_json_report_follows_the_contract(sold: Cli) -> None:
    report = sold.ok("report", "abc", "--json").json()
    assert set(report) == {"report", "from", "to", "columns", "rows", "totals"}
    assert report["report"] == "abc"
    assert report["from"] == TODAY.replace(day=1).isoformat()
    assert report["to"] == TODAY.isoformat()
    assert report["columns"] == ["client", "manager", "revenue", "share", "cumulative", "class"]
    assert [r[0] for r in report["rows"]] == ["Ромашка", "Василёк"]
    assert [r[2] for r in report["rows"]] == ["3000.00", "1000.00"]
    assert [r[5] for r in report["rows"]] == ["A", "A"]  # 75 % above «Василёк»: under 80
    assert report["totals"]["revenue"] == "4000.00"

    same = sold.ok(
        "report",
        "receivables",
        "--from",
        TODAY.strftime("%d.%m.%Y"),
        "--to",
        TODAY.isoformat(),
        "--format",
        "json",
    ).json()
    assert same["totals"]["outstanding"] == "3000.00"  # 2000 + 1000
    assert same["totals"]["invoices"] == 2


def test_text_report_in_russian(sold: Cli) -> None:
    out = sold.ok("report", "revenue", "--by", "manager", lang="ru").out
    assert "Выручка и оплаты" in out
    assert "4\u00a0000,00" in out and "1\u00a0000,00" in out  # invoiced, paid
    assert TODAY.strftime("%d.%m.%Y") in out


def test_xlsx_and_pdf_files(sold: Cli, tmp_path: Path) -> None:
    book = tmp_path / "abc.xlsx"
    said = sold.ok("report", "abc", "-o", str(book)).out
    assert str(book) in said
    sheet = load_workbook(book).worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "Ромашка" in values and 3000 in values
    pdf = tmp_path / "receivables.pdf"
    sold.ok("report", "receivables", "--format", "pdf", "-o", str(pdf), lang="ru")
    text = pdf_text(pdf)
    assert "Дебиторская задолженность" in text and "Ромашка" in text


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("report", "profit"), "invalid choice"),
        (("report", "abc", "--from", "31.02.2026"), "from"),
        (("report", "abc", "--from", "2026-11-30", "--to", "2026-11-01"), "ends before it starts"),
        (("report", "abc", "--format", "pdf"), "needs -o"),
        (("report", "revenue", "--by", "colour"), "--by takes"),
        (("report", "abc", "-o", "out.txt"), ".xlsx or .pdf"),
    ],
)
def test_bad_requests_exit_2_with_one_line(cli: Cli, args: tuple[str, ...], says: str) -> None:
    result = cli(*args)
    assert result.code == 2, result.err
    assert result.out == ""
    assert says in result.err


def test_unknown_manager_is_named(cli: Cli) -> None:
    result = cli("report", "sleeping", "--owner", "nobody")
    assert result.code != 0 and "nobody" in result.err and result.out == ""
