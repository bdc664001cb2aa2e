"""`company set|show` in a subprocess, on SQLite and PostgreSQL."""

from __future__ import annotations

from tests.cli.conftest import Cli

REQUISITES = (
    "--name", "ООО «Вектор»",
    "--full-name", "Общество с ограниченной ответственностью «Вектор»",
    "--inn", "7707 083 893",
    "--kpp", "773601001",
    "--ogrn", "1027700132195",
    "--address", "117997, г. Москва, ул. Вавилова, д. 19",
    "--bank", "ПАО Сбербанк",
    "--bic", "044525225",
    "--corr-account", "30101810400000000225",
    "--account", "40702810938000000001",
    "--director", "Соколов Андрей Викторович",
    "--accountant", "Орлова Елена Николаевна",
)  # fmt: skip


def describe(cli: Cli, *extra: str) -> dict[str, object]:
    result: dict[str, object] = cli.ok("company", "set", *REQUISITES, *extra, "--json").json()
    return result


def test_show_says_what_an_invoice_still_needs(cli: Cli) -> None:
    shown = cli.ok("company", "show", "--json").json()
    assert shown["described"] is False and shown["ready_to_invoice"] is False
    assert shown["missing"][:3] == ["short_name", "inn", "legal_address"]
    assert shown["vat_mode"] == "none" and shown["vat_rates"] == ["0", "5", "7", "10", "22"]
    assert shown["invoice_pattern"] == "{year}-{number:04d}" and shown["payment_days"] == 5


def test_set_stores_normalised_requisites_and_vat(cli: Cli) -> None:
    saved = describe(cli, "--vat", "on-top", "--vat-rate", "22")
    assert saved["inn"] == "7707083893" and saved["bank_name"] == "ПАО Сбербанк"
    assert saved["legal_address"] == "117997, г. Москва, ул. Вавилова, д. 19"
    assert saved["chief_accountant"] == "Орлова Елена Николаевна"
    assert saved["vat_mode"] == "on_top" and saved["vat_rate"] == "22"
    assert saved["ready_to_invoice"] is True and saved["missing"] == [] and saved["invalid"] == {}
    assert cli.ok("company", "show", "--json").json() == saved
    changed = cli.ok(
        "company", "set", "--director", "Иванов И. И.", "--vat", "included", "--vat-rate", "10",
        "--payment-days", "10", "--json",
    ).json()  # fmt: skip
    assert changed["director"] == "Иванов И. И." and changed["inn"] == "7707083893"
    assert (changed["vat_mode"], changed["vat_rate"], changed["payment_days"]) == (
        "included",
        "10",
        10,
    )
    cleared = cli.ok("company", "set", "--director", "", "--json").json()
    assert cleared["director"] is None and cleared["missing"] == ["director"]
    text = cli.ok("company", "show").out
    assert "ООО «Вектор»" in text and "the director" in text


def test_bad_values_exit_2_with_one_line(cli: Cli) -> None:
    describe(cli)
    for args, words in (
        (("--inn", "7707083894"), "check digit"),
        (("--account", "40702810938000000002"), "control key"),
        (("--vat", "sometimes"), "VAT mode"),
        (("--vat-rate", "18"), "not one of the company's rates"),
        (("--pattern", "{client}-{number}"), "{year}"),
    ):
        result = cli("company", "set", *args, "--json")
        assert result.code == 2, (args, result.err)
        assert result.out == "" and words in result.err and result.err.count("\n") == 1
    assert cli.ok("company", "show", "--json").json()["inn"] == "7707083893"  # unchanged


def test_vat_settings_need_a_described_company(cli: Cli) -> None:
    result = cli("company", "set", "--vat", "included")
    assert result.code == 2 and "Describe the company first" in result.err


def test_only_an_administrator_changes_requisites(cli: Cli) -> None:
    describe(cli)
    cli.ok("user", "add", "petrov", "--role", "manager")
    result = cli("company", "set", "--name", "ООО «Другое»", "--json", user="petrov")
    if cli.db and cli.db.startswith("postgresql"):
        # the URL's login (a superuser) acts, and counts as the CRM administrator
        assert result.code == 0 and result.json()["short_name"] == "ООО «Другое»"
        return
    assert result.code == 3 and "administrator" in result.err and result.out == ""
    assert cli.ok("company", "show", "--json", user="petrov").json()["short_name"] == "ООО «Вектор»"


def test_russian_messages(cli: Cli) -> None:
    result = cli("company", "set", "--vat", "иногда", lang="ru")
    assert result.code == 2 and "Сначала заполните сведения о компании" in result.err
