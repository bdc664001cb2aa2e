"""The client commands of the CLI contract, in a subprocess, on SQLite and PostgreSQL."""

from __future__ import annotations

from tests.cli.conftest import Cli

CLIENT_KEYS = {
    "id",
    "kind",
    "name",
    "legal_form",
    "company",
    "phones",
    "emails",
    "inn",
    "birth_date",
    "owner",
}


def test_add_person_prints_the_normalised_client(cli: Cli) -> None:
    client = cli.ok(
        "client",
        "add",
        "--name",
        "Фёдоров Пётр Ильич",
        "--phone",
        "8 (912) 345-67-89",
        "--phone",
        "+7 495 123-45-67",
        "--email",
        " Petr@Mail.RU ",
        "--birth-date",
        "21.07.1991",
        "--json",
    ).json()
    assert client.keys() >= CLIENT_KEYS
    assert client["kind"] == "person"
    assert client["name"] == "Фёдоров Пётр Ильич"
    assert client["phones"] == ["+79123456789", "+74951234567"]
    assert client["emails"] == ["petr@mail.ru"]
    assert client["birth_date"] == "1991-07-21"
    assert client["legal_form"] is None and client["company"] is None
    assert cli.ok("client", "show", client["id"], "--json").json() == client


def test_company_name_keeps_legal_form_apart(cli: Cli) -> None:
    company = cli.ok(
        "client",
        "add",
        "--kind",
        "company",
        "--name",
        "ООО «Ромашка»",
        "--inn",
        "7707083893",
        "--json",
    ).json()
    assert (company["kind"], company["name"], company["legal_form"], company["inn"]) == (
        "company",
        "Ромашка",
        "ООО",
        "7707083893",
    )
    person = cli.ok(
        "client", "add", "--name", "Иванов Иван", "--company", 'ООО "Ромашка"', "--json"
    ).json()
    assert person["company"] == "Ромашка"
    names = [c["name"] for c in cli.ok("client", "list", "--json").json()]
    assert names.count("Ромашка") == 1


def test_explicit_legal_form(cli: Cli) -> None:
    company = cli.ok(
        "client", "add", "--kind", "company", "--name", "Вектор", "--legal-form", "ао", "--json"
    ).json()
    assert (company["name"], company["legal_form"]) == ("Вектор", "АО")


def test_owner_is_the_acting_user_unless_given(cli: Cli) -> None:
    cli.ok("user", "add", "ivanova", "--role", "manager")
    cli.ok("user", "add", "petrov", "--role", "manager")
    if cli.db and cli.db.startswith("postgresql"):
        mine = cli.ok("client", "add", "--name", "Клиент", "--owner", "ivanova", "--json")
    else:
        mine = cli.ok("client", "add", "--name", "Клиент", "--json", user="ivanova")
        assert mine.json()["owner"] == "ivanova"
    theirs = cli.ok("client", "add", "--name", "Другой", "--owner", "petrov", "--json").json()
    assert theirs["owner"] == "petrov"
    assert mine.json()["owner"] == "ivanova"


def test_invalid_values_exit_2_naming_field_and_value(cli: Cli) -> None:
    cases = {
        ("--phone", "12345"): ("phone", "12345"),
        ("--email", "ivan@@mail"): ("email", "ivan@@mail"),
        ("--inn", "500100732258"): ("inn", "500100732258"),
        ("--birth-date", "31.02.1990"): ("birth_date", "31.02.1990"),
        ("--owner", "nobody"): ("owner", "nobody"),
    }
    for option, (field, value) in cases.items():
        result = cli("client", "add", "--name", "Плохой", *option, "--json")
        assert result.code == 2, (option, result.err)
        assert result.out == ""
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and field in lines[0] and value in lines[0]
    assert cli.ok("client", "list", "--json").json() == []


def test_edit_replaces_a_repeated_list_and_keeps_the_rest(cli: Cli) -> None:
    client = cli.ok(
        "client",
        "add",
        "--name",
        "Сидоров",
        "--phone",
        "+79161234567",
        "--phone",
        "+79031234567",
        "--email",
        "a@b.ru",
        "--json",
    ).json()
    edited = cli.ok("client", "edit", client["id"], "--phone", "8 926 000-11-22", "--json").json()
    assert edited["phones"] == ["+79260001122"]
    assert edited["emails"] == ["a@b.ru"]
    assert edited["name"] == "Сидоров"
    renamed = cli.ok("client", "edit", client["id"], "--name", "Сидоров Олег", "--json").json()
    assert renamed["phones"] == ["+79260001122"]
    assert renamed["name"] == "Сидоров Олег"


def test_delete_hides_and_restore_brings_back(cli: Cli) -> None:
    client = cli.ok("client", "add", "--name", "Удаляемый", "--json").json()
    cli.ok("client", "delete", client["id"])
    assert cli.ok("client", "list", "--json").json() == []
    assert cli.ok("client", "search", "удаляем", "--json").json() == []
    assert cli.ok("client", "show", client["id"], "--json").json()["deleted"] is True
    cli.ok("client", "restore", client["id"])
    assert [c["id"] for c in cli.ok("client", "list", "--json").json()] == [client["id"]]


def test_unknown_id_is_bad_input(cli: Cli) -> None:
    for args in (
        ("client", "show", "not-an-id", "--json"),
        ("client", "delete", "01a21dd8-e2a0-7045-a20f-59d05d394135"),
    ):
        result = cli(*args)
        assert result.code == 2 and result.out == ""


def test_search_orders_prefix_matches_first_and_respects_limit(cli: Cli) -> None:
    for name in ("Сидоров Пётр", "Петрова Анна", "Петров Борис", "Федоров Иван"):
        cli.ok("client", "add", "--name", name)
    found = [c["name"] for c in cli.ok("client", "search", "петр", "--json").json()]
    assert found == ["Петров Борис", "Петрова Анна", "Сидоров Пётр"]
    limited = cli.ok("client", "search", "петр", "--limit", "1", "--json").json()
    assert [c["name"] for c in limited] == ["Петров Борис"]


def test_search_by_phone_digits_email_and_inn(cli: Cli) -> None:
    person = cli.ok(
        "client",
        "add",
        "--name",
        "Кузнецов",
        "--phone",
        "+79123456789",
        "--email",
        "kuznetsov@yandex.ru",
        "--json",
    ).json()
    company = cli.ok(
        "client",
        "add",
        "--kind",
        "company",
        "--name",
        "АО «Восток»",
        "--inn",
        "7707083893",
        "--json",
    ).json()
    for text in ("345-67", "8 912 345", "+7 912", "kuznetsov@yan"):
        assert [c["id"] for c in cli.ok("client", "search", text, "--json").json()] == [
            person["id"]
        ], text
    assert [c["id"] for c in cli.ok("client", "search", "770708", "--json").json()] == [
        company["id"]
    ]


def test_list_is_sorted_by_name(cli: Cli) -> None:
    for name in ("Яковлев", "Ёлкин", "Абрамов", "Егоров"):
        cli.ok("client", "add", "--name", name)
    assert [c["name"] for c in cli.ok("client", "list", "--json").json()] == [
        "Абрамов",
        "Егоров",
        "Ёлкин",
        "Яковлев",
    ]


def test_merge_moves_contacts_to_the_survivor(cli: Cli) -> None:
    keep = cli.ok(
        "client", "add", "--name", "Орлов Иван", "--phone", "+79161112233", "--json"
    ).json()
    dup = cli.ok(
        "client",
        "add",
        "--name",
        "Орлов И.",
        "--phone",
        "+79161112233",
        "--email",
        "orlov@mail.ru",
        "--json",
    ).json()
    merged = cli.ok("client", "merge", keep["id"], dup["id"], "--json").json()
    assert merged["phones"] == ["+79161112233"]
    assert merged["emails"] == ["orlov@mail.ru"]
    assert [c["id"] for c in cli.ok("client", "list", "--json").json()] == [keep["id"]]


def test_messages_in_russian(cli: Cli) -> None:
    result = cli("client", "add", "--name", "Плохой", "--phone", "12345", lang="ru")
    assert result.code == 2
    assert "неверный номер телефона" in result.err


def test_client_add_auto_owner_takes_the_managers_in_turn(cli: Cli) -> None:
    cli.ok("user", "add", "ivanova", "--role", "manager")
    cli.ok("user", "add", "petrov", "--role", "manager")
    owners = [
        cli.ok("client", "add", "--name", f"Входящий {i}", "--auto-owner", "--json").json()["owner"]
        for i in range(4)
    ]
    assert sorted(owners) == ["ivanova", "ivanova", "petrov", "petrov"]
    assert owners[0] != owners[1]
    both = cli("client", "add", "--name", "X", "--owner", "petrov", "--auto-owner")
    assert both.code == 2 and both.out == ""
