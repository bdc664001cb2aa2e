"""An invoice's sums as 1C computes them: Decimal only, kopecks rounded half-up per line,
VAT per line and then summed (no database)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from crm_desktop.models import VatMode
from crm_desktop.services.invoice_math import (
    LineSums,
    kopecks,
    line_sums,
    quantity3,
    totals,
    vat_by_rate,
    vat_of,
)


def test_vat_included_is_taken_out_of_the_amount() -> None:
    line = line_sums(D(2), D("1500.50"), D(22), VatMode.INCLUDED)
    assert line == LineSums(amount=D("3001.00"), vat=D("541.16"))  # 3001 × 22 / 122 = 541.163…
    result = totals([line], VatMode.INCLUDED)
    assert (result.amount, result.vat, result.total) == (D("3001.00"), D("541.16"), D("3001.00"))
    assert result.net == D("2459.84")


def test_vat_on_top_is_added_to_the_total() -> None:
    lines = [
        line_sums(D(2), D("1500.50"), D(22), VatMode.ON_TOP),
        line_sums(D("1.5"), D(1000), D(22), VatMode.ON_TOP),
    ]
    assert [(x.amount, x.vat) for x in lines] == [
        (D("3001.00"), D("660.22")),
        (D("1500.00"), D("330.00")),
    ]
    result = totals(lines, VatMode.ON_TOP)
    assert (result.amount, result.vat, result.total) == (D("4501.00"), D("990.22"), D("5491.22"))


def test_without_vat_mode_charges_none_whatever_the_rate() -> None:
    line = line_sums(D(1), D(100), D(22), VatMode.NONE)
    assert line.vat == D("0.00")
    assert totals([line], "none").total == D("100.00")


def test_many_lines_of_a_third_round_each_line_not_the_total() -> None:
    # 0.333 × 100 = 33.30 a line; three lines 99.90, not 100.00
    lines = [line_sums(D("0.333"), D(100), D(22), VatMode.INCLUDED) for _ in range(3)]
    assert all(x.amount == D("33.30") for x in lines)
    # each line's VAT 33.30 × 22 / 122 = 6.0049… → 6.00; the total's VAT would be 18.01
    assert all(x.vat == D("6.00") for x in lines)
    result = totals(lines, VatMode.INCLUDED)
    assert (result.amount, result.vat) == (D("99.90"), D("18.00"))
    assert kopecks(result.amount * 22 / 122) == D("18.01")  # what VAT on the total gives

    many = [line_sums(D("0.333"), D("1.00"), D(20), VatMode.ON_TOP) for _ in range(300)]
    assert all(x.amount == D("0.33") and x.vat == D("0.07") for x in many)  # 0.066 → 0.07
    result = totals(many, VatMode.ON_TOP)
    assert (result.amount, result.vat, result.total) == (D("99.00"), D("21.00"), D("120.00"))


def test_prices_of_a_third() -> None:
    # an exact third as the price: the amount is rounded once, at the end
    assert line_sums(D(3), D(100) / D(3), None, VatMode.NONE).amount == D("100.00")
    # the price as stored (kopecks): 33.33 × 3 = 99.99
    assert line_sums(D(3), D("33.33"), None, VatMode.NONE).amount == D("99.99")
    # 1/3 kopeck prices on a large quantity
    assert line_sums(D(1000), D("0.33"), None, VatMode.NONE).amount == D("330.00")
    line = line_sums(D(1), D("33.33"), D(10), VatMode.INCLUDED)  # 3.03
    assert line.vat == D("3.03")


def test_kopecks_round_half_up_not_to_even() -> None:
    assert kopecks(D("0.005")) == D("0.01")
    assert kopecks(D("0.025")) == D("0.03")  # half-even would give 0.02
    assert kopecks(D("-0.005")) == D("-0.01")
    assert line_sums(D("0.001"), D("5.00"), None, VatMode.NONE).amount == D("0.01")
    assert line_sums(D(1), D("0.25"), D(10), VatMode.ON_TOP).vat == D("0.03")  # 0.025
    assert vat_of(D("0.25"), D(10), VatMode.ON_TOP) == D("0.03")


def test_quantities_have_three_decimals() -> None:
    assert quantity3(D("0.3335")) == D("0.334")
    assert line_sums(D("0.3335"), D(100), None, VatMode.NONE).amount == D("33.40")


def test_zero_rate_differs_from_no_vat_only_in_its_label() -> None:
    zero = line_sums(D(1), D(100), D(0), VatMode.ON_TOP)
    none = line_sums(D(1), D(100), None, VatMode.ON_TOP)
    assert zero == none == LineSums(D("100.00"), D("0.00"))
    assert vat_by_rate([(D(0), zero)]) == [(D(0), D("0.00"))]
    assert vat_by_rate([(None, none)]) == [(None, D("0.00"))]


def test_vat_per_rate_highest_first_without_vat_last() -> None:
    lines = [
        (None, line_sums(D(1), D(50), None, VatMode.ON_TOP)),
        (D(10), line_sums(D(1), D(100), D(10), VatMode.ON_TOP)),
        (D("22.00"), line_sums(D(1), D(100), D(22), VatMode.ON_TOP)),
        (D(22), line_sums(D(2), D(100), D(22), VatMode.ON_TOP)),
    ]
    assert vat_by_rate(lines) == [
        (D("22.00"), D("66.00")),
        (D(10), D("10.00")),
        (None, D("0.00")),
    ]
    result = totals([line for _rate, line in lines], VatMode.ON_TOP)
    assert (result.amount, result.vat, result.total) == (D("450.00"), D("76.00"), D("526.00"))


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        line_sums(D(1), 0.1, None, VatMode.NONE)  # type: ignore[arg-type]


def test_included_vat_rates_of_the_simplified_taxation() -> None:
    # 5 % and 7 % (УСН with VAT): 1000 × 5 / 105 = 47.619… ; 1000 × 7 / 107 = 65.420…
    assert vat_of(D("1000.00"), D(5), VatMode.INCLUDED) == D("47.62")
    assert vat_of(D("1000.00"), D(7), VatMode.INCLUDED) == D("65.42")
    assert vat_of(D("1000.00"), D(22), VatMode.INCLUDED) == D("180.33")
