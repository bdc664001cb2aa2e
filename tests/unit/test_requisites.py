"""Russian requisites with check digits: INN, KPP, OGRN(IP), BIC, bank accounts.

Valid numbers are computed here with the published algorithms, independently of the
product's code, so a broken check in the product cannot agree with itself."""

from __future__ import annotations

import pytest

from crm_desktop.errors import ValidationError
from crm_desktop.services.requisites import (
    normalize_account,
    normalize_bic,
    normalize_corr_account,
    normalize_inn,
    normalize_kpp,
    normalize_ogrn,
)


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True))


def inn10(first9: str) -> str:
    check = _weighted(first9, (2, 4, 10, 3, 5, 9, 4, 6, 8)) % 11 % 10
    return first9 + str(check)


def inn12(first10: str) -> str:
    c11 = _weighted(first10, (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)) % 11 % 10
    first11 = first10 + str(c11)
    c12 = _weighted(first11, (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)) % 11 % 10
    return first11 + str(c12)


def ogrn13(first12: str) -> str:
    return first12 + str(int(first12) % 11 % 10)


def ogrnip15(first14: str) -> str:
    # The check digit is the lowest digit of the remainder modulo 13.
    return first14 + str(int(first14) % 13 % 10)


def with_account_key(bank_digits: str, account: str) -> str:
    """`account` with its 9th digit (the control key) set to make the 7-1-3 sum end in 0."""
    weights = ((7, 1, 3) * 8)[:23]
    zeroed = account[:8] + "0" + account[9:]
    key = _weighted(bank_digits + zeroed, weights) % 10 * 3 % 10
    return account[:8] + str(key) + account[9:]


def broken_check_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def field_of(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as err:
        call(*args, **kwargs)  # type: ignore[operator]
    return err.value.field


# --- INN ---------------------------------------------------------------------------

VALID_INN10 = ["7707083893", "7736050003", inn10("500100732"), inn10("772012345")]
VALID_INN12 = ["500100732259", inn12("7707123456"), inn12("1234567890")]


def test_helpers_agree_with_known_real_numbers() -> None:
    assert inn10("770708389") == "7707083893"  # Sberbank
    assert inn12("5001007322") == "500100732259"
    assert ogrn13("102770013219") == "1027700132195"  # Sberbank


@pytest.mark.parametrize("inn", VALID_INN10 + VALID_INN12)
def test_valid_inn_is_accepted(inn: str) -> None:
    assert normalize_inn(inn) == inn


@pytest.mark.parametrize("inn", VALID_INN10 + VALID_INN12)
def test_inn_with_a_wrong_check_digit_is_rejected(inn: str) -> None:
    assert field_of(normalize_inn, broken_check_digit(inn)) == "inn"


@pytest.mark.parametrize("raw", ["770708389", "77070838931", "7707083893123", "", "5001007322591"])
def test_inn_of_wrong_length_is_rejected(raw: str) -> None:
    assert field_of(normalize_inn, raw) == "inn"


@pytest.mark.parametrize("raw", ["77070838AB", "7707O83893", "ИНН7707083893", "7707083893.5"])
def test_inn_with_letters_is_rejected(raw: str) -> None:
    assert field_of(normalize_inn, raw) == "inn"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" 7707083893 ", "7707083893"),
        ("7707 083 893", "7707083893"),
        ("7707-083-893", "7707083893"),
        (7707083893, "7707083893"),
        (7707083893.0, "7707083893"),  # a spreadsheet cell typed as a number
    ],
)
def test_inn_written_with_spaces_or_as_a_number_is_accepted(
    raw: str | int | float, expected: str
) -> None:
    assert normalize_inn(raw) == expected  # type: ignore[arg-type]


def test_persons_inn_must_have_12_digits() -> None:
    assert field_of(normalize_inn, "7707083893", kind="person") == "inn"
    assert normalize_inn("500100732259", kind="person") == "500100732259"


def test_company_accepts_10_and_12_digit_inn() -> None:
    assert normalize_inn("7707083893", kind="company") == "7707083893"
    assert normalize_inn("500100732259", kind="company") == "500100732259"  # a sole trader


def test_inn_rejection_names_the_given_field() -> None:
    assert field_of(normalize_inn, "123", "company_inn") == "company_inn"


# --- KPP ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("773601001", "773601001"), ("7736AB001", "7736AB001"), ("7736ab001", "7736AB001")],
)
def test_kpp_of_9_characters_is_accepted(raw: str, expected: str) -> None:
    assert normalize_kpp(raw) == expected


@pytest.mark.parametrize("raw", ["77360100", "7736010011", "77360100A", "A73601001", "кпп", ""])
def test_malformed_kpp_is_rejected(raw: str) -> None:
    assert field_of(normalize_kpp, raw) == "kpp"


# --- OGRN and OGRNIP -----------------------------------------------------------------

VALID_OGRN = ["1027700132195", ogrn13("102500000132"), ogrn13("512345678901")]
# 14-digit prefixes chosen so that the remainder modulo 13 is 0..12 (10, 11, 12 included:
# their check digit is the remainder's last digit).
VALID_OGRNIP = [ogrnip15(str(30450011600000 + n)) for n in range(13)]


def test_ogrnip_cases_cover_every_remainder() -> None:
    assert sorted(int(v[:14]) % 13 for v in VALID_OGRNIP) == list(range(13))


@pytest.mark.parametrize("ogrn", VALID_OGRN)
def test_valid_ogrn_is_accepted(ogrn: str) -> None:
    assert normalize_ogrn(ogrn) == ogrn


@pytest.mark.parametrize("ogrnip", VALID_OGRNIP)
def test_valid_ogrnip_is_accepted(ogrnip: str) -> None:
    assert normalize_ogrn(ogrnip) == ogrnip


@pytest.mark.parametrize("number", VALID_OGRN + VALID_OGRNIP)
def test_ogrn_with_a_wrong_check_digit_is_rejected(number: str) -> None:
    assert field_of(normalize_ogrn, broken_check_digit(number)) == "ogrn"


@pytest.mark.parametrize("raw", ["102770013219", "10277001321951", "3045001160000501", "ОГРН"])
def test_ogrn_of_wrong_length_is_rejected(raw: str) -> None:
    assert field_of(normalize_ogrn, raw) == "ogrn"


def test_ogrn_typed_as_a_number_is_accepted() -> None:
    assert normalize_ogrn(1027700132195) == "1027700132195"


# --- BIC and bank accounts --------------------------------------------------------------

SBER_MOSCOW_BIC = "044525225"
SBER_SPB_BIC = "044030653"


@pytest.mark.parametrize("raw", ["044525225", " 044525225 ", "044030653"])
def test_bic_of_9_digits_is_accepted(raw: str) -> None:
    assert normalize_bic(raw) == raw.strip()


@pytest.mark.parametrize("raw", ["44525225", "0445252250", "144525225", "04452522X", ""])
def test_malformed_bic_is_rejected(raw: str) -> None:
    assert field_of(normalize_bic, raw) == "bic"


def test_known_settlement_account_matches_its_bic() -> None:
    assert with_account_key("225", "40702810038000000001") == "40702810938000000001"
    account = "40702810938000000001"
    assert normalize_account(account, SBER_MOSCOW_BIC) == account


@pytest.mark.parametrize(
    ("bic", "account"),
    [
        (SBER_MOSCOW_BIC, with_account_key("225", "40817810000000123456")),
        (SBER_SPB_BIC, with_account_key("653", "40702810055000012345")),
        ("044525974", with_account_key("974", "40802810000000777777")),
    ],
)
def test_settlement_account_with_the_right_key_is_accepted(bic: str, account: str) -> None:
    assert normalize_account(account, bic) == account
    assert normalize_account(account[:5] + " " + account[5:], bic) == account


@pytest.mark.parametrize(
    ("bic", "account"),
    [
        (SBER_MOSCOW_BIC, broken_check_digit("40702810938000000001")),
        (SBER_MOSCOW_BIC, "40702810838000000001"),  # the control key itself wrong
        (SBER_SPB_BIC, "40702810938000000001"),  # right for another bank
    ],
)
def test_settlement_account_not_matching_the_bic_is_rejected(bic: str, account: str) -> None:
    assert field_of(normalize_account, account, bic) == "account"


@pytest.mark.parametrize(
    "raw", ["4070281093800000000", "407028109380000000011", "4070281093800000000A"]
)
def test_settlement_account_of_wrong_length_is_rejected(raw: str) -> None:
    assert field_of(normalize_account, raw, SBER_MOSCOW_BIC) == "account"


@pytest.mark.parametrize("bic", ["225", "04452522X", ""])
def test_account_checked_against_a_malformed_bic_names_the_bic(bic: str) -> None:
    assert field_of(normalize_account, "40702810938000000001", bic) == "bic"
    assert field_of(normalize_corr_account, "30101810400000000225", bic) == "bic"


def test_known_correspondent_account_matches_its_bic() -> None:
    assert normalize_corr_account("30101810400000000225", SBER_MOSCOW_BIC) == (
        "30101810400000000225"
    )


def test_correspondent_account_with_the_right_key_is_accepted() -> None:
    # The bank part of the key is "0" and the BIC's 5th and 6th digits.
    corr = with_account_key("030", "30101810000000000653")
    assert normalize_corr_account(corr, SBER_SPB_BIC) == corr


@pytest.mark.parametrize(
    ("corr", "bic"),
    [
        (broken_check_digit("30101810400000000225"), SBER_MOSCOW_BIC),
        ("30101810400000000225", SBER_SPB_BIC),
        ("40702810938000000001", SBER_MOSCOW_BIC),  # not a 301... account
        ("3010181040000000022", SBER_MOSCOW_BIC),
        # the right control key, but the account of another bank in the same region
        ("30101810400000000225", "044525974"),
    ],
)
def test_wrong_correspondent_account_is_rejected(corr: str, bic: str) -> None:
    assert field_of(normalize_corr_account, corr, bic) == "corr_account"
