"""Pack-label parsers: FSSAI number, best-before, month of packing."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing.labels import (
    best_before_english,
    parse_best_before,
    parse_fssai,
    parse_month_year,
    show_best_before,
)
from bot.parsing.validators import Invalid


@pytest.mark.parametrize("text", ["12345678901234", "1234 5678 9012 34", "१२३४५६७८९०१२३४",
                                  "12345-67890-1234"])
def test_fssai_is_14_digits(text) -> None:
    assert parse_fssai(text) == "12345678901234"


@pytest.mark.parametrize("text", ["1234567890123", "123456789012345", "FSSAI12345678901",
                                  "abcd"])
def test_fssai_wrong_length_is_refused(text) -> None:
    with pytest.raises(Invalid, match="14 digits"):
        parse_fssai(text)


@pytest.mark.parametrize(("text", "value"), [
    ("6 months", "6m"), ("6 महीने", "6m"), ("90 days", "90d"), ("९० दिन", "90d"),
    ("1 year", "1y"), ("2 weeks", "2w"), ("31/12/2026", "2026-12-31"),
])
def test_best_before(text, value) -> None:
    assert parse_best_before(text) == value


@pytest.mark.parametrize("text", ["soon", "6", "0 months", "31/02/2026", "500 years"])
def test_best_before_refused(text) -> None:
    with pytest.raises(Invalid):
        parse_best_before(text)


def test_best_before_words() -> None:
    assert show_best_before("6m") == "6 months after packing"
    assert show_best_before("1y") == "1 year after packing"
    assert best_before_english("90d") == "Best before 90 days from packing"
    assert best_before_english("2026-12-31") == "Best before 31/12/2026"


TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(("text", "value"), [
    ("11/2026", "2026-11"), ("1-2025", "2025-01"), ("Nov 2026", "2026-11"),
    ("नवंबर 2026", "2026-11"), ("2026-11", "2026-11"), ("११/२०२६", "2026-11"),
])
def test_month_year(text, value) -> None:
    assert parse_month_year(text, TODAY) == value


@pytest.mark.parametrize(("text", "says"), [
    ("13/2026", "11/2026"), ("11/1999", "11/2026"), ("last month", "11/2026"),
    ("11/2090", "future"), ("12/2026", "future"), ("11/2015", "10 years")])
def test_month_year_refused(text, says) -> None:
    with pytest.raises(Invalid, match=says):
        parse_month_year(text, TODAY)
