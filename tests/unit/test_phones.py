"""Phone numbers as people write them, checked against the legacy sample's truth file."""

from __future__ import annotations

import csv
import json
import re
from typing import Any

import pytest

from crm_desktop.errors import ValidationError
from crm_desktop.services.phones import format_phone, normalize_phone, split_extension
from tests.conftest import SHARED_DATA

SAMPLE = SHARED_DATA / "legacy_clients_sample.csv"
TRUTH = SHARED_DATA / "legacy_clients_sample.csv.truth.json"
WORKBOOK = SHARED_DATA / "legacy_clients_sample.xlsx"
WORKBOOK_TRUTH = SHARED_DATA / "legacy_clients_sample.xlsx.truth.json"


def _load_sample() -> list[tuple[dict[str, str], dict[str, Any]]]:
    with SAMPLE.open(encoding="cp1251", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))["rows"]
    assert len(rows) == len(truth) == 300
    return list(zip(rows, truth, strict=True))


SAMPLE_ROWS = _load_sample()
GOOD_PHONES = [
    pytest.param(row["Телефон"], truth["values"]["phone"], id=f"row{i + 2}:{row['Телефон']}")
    for i, (row, truth) in enumerate(SAMPLE_ROWS)
    if truth["kind"] in ("new", "duplicate")
]
BAD_PHONES = [
    pytest.param(row["Телефон"], id=f"row{i + 2}:{row['Телефон']}")
    for i, (row, truth) in enumerate(SAMPLE_ROWS)
    if truth["kind"] == "bad" and truth["field"] == "phone"
]
EXTRA_PHONES = [
    pytest.param(row["Доп. телефон"], id=f"row{i + 2}:{row['Доп. телефон']}")
    for i, (row, _truth) in enumerate(SAMPLE_ROWS)
    if row["Доп. телефон"].strip()
]


def test_sample_rows_line_up_with_the_truth() -> None:
    """Guards the cases below: row i of the file is row i of the truth."""
    for row, truth in SAMPLE_ROWS:
        if truth["kind"] in ("new", "duplicate"):
            written = " ".join(row["ФИО"].split()).casefold()
            assert written == truth["values"]["name"].casefold()
    assert len(GOOD_PHONES) == 281
    assert len(BAD_PHONES) == 9


@pytest.mark.parametrize(("raw", "expected"), GOOD_PHONES)
def test_sample_phone_writing_becomes_its_e164_truth(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", BAD_PHONES)
def test_sample_non_phone_is_rejected_naming_the_phone_field(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        normalize_phone(raw)
    assert err.value.field == "phone"


@pytest.mark.parametrize("raw", EXTRA_PHONES)
def test_sample_additional_phone_becomes_e164(raw: str) -> None:
    # Every extra phone in the sample is written "8 (xxx) xxx-xx-xx".
    assert re.fullmatch(r"8 \(\d{3}\) \d{3}-\d{2}-\d{2}", raw)
    digits = re.sub(r"\D", "", raw)
    assert normalize_phone(raw) == "+7" + digits[1:]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (79857318905, "+79857318905"),
        (79857318905.0, "+79857318905"),
        (89123456789, "+79123456789"),
        (9123456789, "+79123456789"),
        (9123456789.0, "+79123456789"),
        ("79857318905.0", "+79857318905"),
    ],
)
def test_number_typed_as_a_number_is_read_as_a_phone(raw: int | float | str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "8 (912) 345-67-89",
        "+7 912 345 67 89",
        "+7(912)3456789",
        "8-912-345-67-89",
        "89123456789",
        "79123456789",
        "9123456789",
        "  8 912 345-67-89  ",
        "8.912.345.67.89",
    ],
)
def test_common_writings_of_one_mobile_number_agree(raw: str) -> None:
    assert normalize_phone(raw) == "+79123456789"


def test_foreign_number_keeps_its_country_code() -> None:
    assert normalize_phone("+375 29 123-45-67") == "+375291234567"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+7 495 631-00-14 доб. 123", ("+74956310014", "123")),
        ("8 (495) 631-00-14 доб 45", ("+74956310014", "45")),
        ("+7 495 631 00 14 добавочный 7", ("+74956310014", "7")),
        ("+7 495 631 00 14 ext. 2001", ("+74956310014", "2001")),
        ("+7 495 631 00 14", ("+74956310014", None)),
    ],
)
def test_extension_is_split_from_the_number(raw: str, expected: tuple[str, str | None]) -> None:
    assert split_extension(raw) == expected


def test_number_with_extension_normalizes_to_the_bare_number() -> None:
    assert normalize_phone("+7 495 631-00-14 доб. 123") == "+74956310014"


@pytest.mark.parametrize(
    "raw", ["", "   ", "abc", "123", "12-34", "8-912-1", "+7 (912) 12", "+7 912 345", "доб. 12"]
)
def test_not_a_phone_is_rejected(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        normalize_phone(raw)
    assert err.value.field == "phone"


def test_rejection_names_the_field_it_was_given() -> None:
    with pytest.raises(ValidationError) as err:
        normalize_phone("123", field="extra_phone")
    assert err.value.field == "extra_phone"


def test_split_extension_rejects_a_non_phone() -> None:
    with pytest.raises(ValidationError) as err:
        split_extension("12 доб. 3")
    assert err.value.field == "phone"


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+79123456789", "+7 912 345-67-89"),
        ("+74956310014", "+7 495 631-00-14"),
        ("+78121426120", "+7 812 142-61-20"),
    ],
)
def test_format_phone_shows_a_readable_number(e164: str, shown: str) -> None:
    assert format_phone(e164) == shown
    assert normalize_phone(shown) == e164


def test_format_phone_leaves_unparseable_text_alone() -> None:
    assert format_phone("not a phone") == "not a phone"


def _workbook_phones() -> list[Any]:
    """The "Телефон" cells of the .xlsx sample as a reader gives them: some typed as
    numbers (floats), the rest as text."""
    from python_calamine import CalamineWorkbook

    truth = json.loads(WORKBOOK_TRUTH.read_text(encoding="utf-8"))
    sheet = CalamineWorkbook.from_path(str(WORKBOOK)).get_sheet_by_name(truth["sheet"])
    cells = sheet.to_python()
    column = truth["headers"].index("Телефон")
    return [
        pytest.param(cells[row - 1][column], expected, id=f"xlsx-row{row}")
        for row, expected in zip(truth["sheet_rows"], truth["rows"], strict=True)
    ]


@pytest.mark.parametrize(("cell", "truth"), _workbook_phones())
def test_workbook_phone_cells_become_their_truth(cell: Any, truth: dict[str, Any]) -> None:
    if truth["kind"] == "bad" and truth["field"] == "phone":
        with pytest.raises(ValidationError) as err:
            normalize_phone(cell)
        assert err.value.field == "phone"
    elif truth["kind"] in ("new", "duplicate"):
        assert normalize_phone(cell) == truth["values"]["phone"]


def test_workbook_has_phones_typed_as_numbers() -> None:
    assert sum(isinstance(p.values[0], float) for p in _workbook_phones()) >= 10
