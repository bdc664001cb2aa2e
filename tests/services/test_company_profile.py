"""The company's own profile: each field checked with the reason, stored once, on both
databases."""

from __future__ import annotations

import pytest

from crm_desktop.errors import ValidationError
from crm_desktop.services.company_profile import (
    CompanyDetails,
    check_company,
    company_errors,
    get_company_profile,
    save_company_profile,
)
from crm_desktop.store.database import Database

VECTOR = CompanyDetails(
    short_name="ООО «Вектор»",
    inn="7707 083 893",
    kpp="773601001",
    ogrn="1027700132195",
    phone="8 (495) 500-55-50",
    email=" Info@Vector.RU ",
    bic="044525225",
    corr_account="30101810400000000225",
    account="40702810938000000001",
)


def test_saved_normalised_and_read_back(db: Database) -> None:
    with db.unit_of_work() as session:
        assert get_company_profile(session) is None
        save_company_profile(session, VECTOR)
    with db.unit_of_work() as session:
        profile = get_company_profile(session)
    assert profile is not None
    assert profile.inn == "7707083893"
    assert profile.phone == "+74955005550"
    assert profile.email == "info@vector.ru"
    assert profile.full_name == ""  # not made up from the short name


def test_saving_again_changes_the_one_profile(db: Database) -> None:
    with db.unit_of_work() as session:
        save_company_profile(session, VECTOR)
    with db.unit_of_work() as session:
        save_company_profile(session, CompanyDetails(short_name="ИП Петров П. П.", inn=""))
    with db.unit_of_work() as session:
        profile = get_company_profile(session)
    assert profile is not None and profile.short_name == "ИП Петров П. П." and profile.inn == ""


def test_a_wrong_field_is_refused_and_nothing_is_written(db: Database) -> None:
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        save_company_profile(session, CompanyDetails(short_name="ООО «Вектор»", inn="7707083894"))
    assert caught.value.field == "inn"
    with db.unit_of_work() as session:
        assert get_company_profile(session) is None


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"short_name": " "}, "short_name", "name"),
        ({"inn": "500100732259"}, "kpp", "no KPP"),  # a sole trader with a KPP
        ({"ogrn": "304500116000157"}, "ogrn", "13 digits"),  # an OGRNIP for an organisation
        ({"account": "40702810938000000002"}, "account", "control key"),
        ({"bic": ""}, "account", "BIC"),
        ({"email": "info@"}, "email", "e-mail"),
    ],
)
def test_every_problem_named_at_its_field(changes: dict[str, str], field: str, words: str) -> None:
    details = CompanyDetails(**{**VECTOR.__dict__, **changes})
    errors = company_errors(details)
    assert field in errors and words in errors[field]
    with pytest.raises(ValidationError):
        check_company(details)


def test_good_details_have_no_errors() -> None:
    assert company_errors(VECTOR) == {}


def test_only_an_administrator_changes_the_requisites(db: Database) -> None:
    from crm_desktop.errors import PermissionDenied
    from crm_desktop.models import Role
    from crm_desktop.services.users import add_user

    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER)
        add_user(session, "boss", Role.ADMIN)
    with pytest.raises(PermissionDenied), db.unit_of_work("anna") as session:
        save_company_profile(session, VECTOR)
    with db.unit_of_work("boss") as session:
        save_company_profile(session, VECTOR)
    with db.unit_of_work("anna") as session:
        profile = get_company_profile(session)
    assert profile is not None and profile.inn == "7707083893"
