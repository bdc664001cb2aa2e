"""`crm-desktop import` as a user runs it, on the samples users send (every number of their
.truth.json) and on the mistakes people make with it, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.cli.conftest import Cli
from tests.conftest import SHARED_DATA

SAMPLES = ["legacy_clients_sample.xlsx", "legacy_clients_sample.csv"]


def truth(sample: str) -> dict[str, Any]:
    return json.loads((SHARED_DATA / f"{sample}.truth.json").read_text(encoding="utf-8"))


def expected(sample: str) -> dict[str, Any]:
    known = truth(sample)
    rows = known["rows"]
    new = [r for r in rows if r["kind"] == "new"]
    return {
        "rows": len(rows),
        "created": len(new),
        "merged": sum(r["kind"] == "duplicate" for r in rows),
        "rejected": sum(r["kind"] == "bad" for r in rows),
        "companies_created": len({r["values"]["company_inn"] for r in new} - {None}),
        "bad_rows": sorted(
            (known["sheet_rows"][i], r["field"]) for i, r in enumerate(rows) if r["kind"] == "bad"
        ),
    }


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_sample_imports_as_its_truth_says(cli: Cli, sample: str) -> None:
    want = expected(sample)
    report = cli.ok("import", str(SHARED_DATA / sample), "--json").json()
    assert {
        k: report[k] for k in ("rows", "created", "merged", "rejected", "companies_created")
    } == {k: want[k] for k in ("rows", "created", "merged", "rejected", "companies_created")}
    assert report["skipped"] == 0
    assert (
        report["rows"]
        == report["created"] + report["merged"] + report["skipped"] + report["rejected"]
    )
    assert report["header_row"] == truth(sample)["header_row"]
    bad = sorted({(e["row"], e["field"]) for e in report["errors"]})
    assert bad == want["bad_rows"]
    clients = cli.ok("client", "list", "--json").json()
    people = [c for c in clients if c["kind"] == "person"]
    assert len(people) == want["created"]
    names = {c["name"].casefold() for c in people}
    for row in truth(sample)["rows"]:
        if row["kind"] == "new":
            assert row["values"]["name"].casefold() in names


def test_a_second_import_of_the_same_file_creates_nothing_and_undo_takes_it_back(cli: Cli) -> None:
    sample = str(SHARED_DATA / "legacy_clients_sample.xlsx")
    first = cli.ok("import", sample, "--json").json()
    before = cli.ok("client", "list", "--json").json()
    again = cli.ok("import", sample, "--json").json()
    assert again["created"] == 0 and again["companies_created"] == 0
    assert cli.ok("client", "list", "--json").json() == before
    cli.ok("import", "undo", again["batch_id"])
    assert cli.ok("client", "list", "--json").json() == before  # that one changed nothing
    undone = cli.ok("import", "undo", first["batch_id"], "--json").json()
    assert undone["kept"] == []
    assert cli.ok("client", "list", "--json").json() == []
    refused = cli("import", "undo", first["batch_id"])
    assert refused.code == 2 and "already undone" in refused.err


def test_dry_run_and_the_rejected_rows_workbook(cli: Cli, tmp_path: Path) -> None:
    sample = SHARED_DATA / "legacy_clients_sample.xlsx"
    out = tmp_path / "to-fix.xlsx"
    report = cli.ok("import", str(sample), "--dry-run", "--rejected", str(out), "--json").json()
    assert report["batch_id"] is None and report["created"] == expected(sample.name)["created"]
    assert cli.ok("client", "list", "--json").json() == []
    sheet = load_workbook(out, read_only=True).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [*truth(sample.name)["headers"], "Error"]
    assert len(rows) - 1 == report["rejected"]
    assert all(row[-1] for row in rows[1:])  # each says why


def test_skip_policy_and_human_report(cli: Cli) -> None:
    sample = str(SHARED_DATA / "legacy_clients_sample.csv")
    cli.ok("import", sample)
    text = cli.ok("import", sample, "--on-duplicate", "skip", lang="ru").out
    assert "создано 0" in text and "отклонено" in text and "import undo" in text


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"%PDF-1.4 not a workbook", "clients.xlsx", "clients.xlsx"),
        (b"", "empty.csv", "empty.csv"),
    ],
)
def test_a_file_that_is_no_client_list_is_refused_in_one_sentence(
    cli: Cli, tmp_path: Path, content: bytes, name: str, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("import", str(path))
    assert result.code == 2
    assert words in result.err and len(result.err.strip().splitlines()) == 1
    assert cli.ok("client", "list", "--json").json() == []


def test_an_xls_that_would_abort_the_reader_is_one_sentence_and_nothing_written(
    cli: Cli,
) -> None:
    result = cli("import", str(SHARED_DATA / "damaged_aborts_calamine.xls"), "--json")
    assert result.code == 2 and result.out == ""
    assert result.err.strip().splitlines() == [
        "crm-desktop: damaged_aborts_calamine.xls is damaged or incomplete and cannot be read."
    ]
    assert cli.ok("client", "list", "--json").json() == []
