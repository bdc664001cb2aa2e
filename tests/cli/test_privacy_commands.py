"""`privacy export|erase|requests` in a subprocess, as a user runs them, on SQLite and
PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf

from tests.cli.conftest import Cli

NAME = "Пантелеймонов Вячеслав"
PHONE = "+79123456789"
EMAIL = "panteleimonov.v@example.ru"


def person(cli: Cli) -> str:
    added = cli.ok(
        "client", "add", "--name", NAME, "--phone", PHONE, "--email", EMAIL, "--json"
    ).json()
    return str(added["id"])


def test_export_json_and_pdf(cli: Cli, tmp_path: Path) -> None:
    client_id = person(cli)
    out = tmp_path / "person.json"
    cli.ok("privacy", "export", client_id, "-o", str(out))
    data = json.loads(out.read_text("utf-8"))
    assert data["card"]["name"] == NAME and data["card"]["phones"] == [PHONE]
    assert data["card"]["emails"] == [EMAIL]
    pdf = tmp_path / "person.pdf"
    cli.ok("privacy", "export", client_id, "-o", str(pdf))
    content = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
    assert NAME in content and "+7 912 345-67-89" in content
    forced = tmp_path / "person.data"
    cli.ok("privacy", "export", client_id, "-o", str(forced), "--format", "json")
    assert json.loads(forced.read_text("utf-8"))["client_id"] == client_id
    bad = cli("privacy", "export", client_id, "-o", str(tmp_path / "person.txt"))
    assert bad.code == 2 and bad.out == ""
    report = cli.ok("privacy", "requests", "--json").json()
    assert [r["kind"] for r in report] == ["access", "access", "access"]
    assert all(r["person"] == NAME and r["days"] == 0 for r in report)


def test_erase(cli: Cli) -> None:
    client_id = person(cli)
    refused = cli("privacy", "erase", client_id, "--ground", "заявление")
    assert refused.code == 2 and "--yes" in refused.err  # no terminal to ask on
    assert cli.ok("client", "show", client_id, "--json").json()["name"] == NAME
    said = cli.ok("privacy", "erase", client_id, "--ground", "заявление", "--yes", "--json").json()
    assert said["client_id"] == client_id and said["tables"]["phones"] == 1
    assert said["name"].startswith("erased person #")
    assert cli.ok("client", "search", "Пантелеймонов", "--json").json() == []
    assert cli.ok("client", "search", "912345", "--json").json() == []
    again = cli("privacy", "erase", client_id, "--ground", "заявление", "--yes")
    assert again.code == 2
    rows = cli.ok("privacy", "requests", "--json").json()
    assert [(r["kind"], r["person"]) for r in rows] == [("erasure", said["name"])]
    assert cli("privacy", "requests", "--from", "yesterday").code == 2


def test_erase_refused_to_a_manager(tmp_path: Path) -> None:
    cli = Cli(db=str(tmp_path / "crm.sqlite3"), home=tmp_path / "home")
    cli.ok("init")
    client_id = person(cli)
    cli.ok("user", "add", "ivanova", "--role", "manager")
    refused = cli("privacy", "erase", client_id, "--ground", "x", "--yes", user="ivanova")
    assert refused.code == 3 and "administrator" in refused.err

