"""Issue 24 §1: counts as people say them, titles from attributes, the copy marker."""

from __future__ import annotations

import pytest

from bot.i18n import use_locale
from bot.listing import titles
from bot.parsing.quantities import parse_count
from bot.parsing.validators import Suggest


@pytest.mark.parametrize("text, count", [
    ("1 दर्जन", 12), ("1 darjan", 12), ("1 dozen", 12), ("2 dozen", 24), ("दर्जन", 12),
    ("ek darjan", 12), ("सेट में 6", 6), ("set of 12", 12), ("२५ पीस", 25), ("25", 25)])
def test_counts_as_people_say_them(text, count) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize("text, pieces, pairs", [("2 जोड़ी", "4", "2"), ("pair", "2", "1"),
                                                 ("2 pairs", "4", "2"), ("ek jodi", "2", "1")])
def test_pairs_are_asked_never_guessed(text, pieces, pairs) -> None:
    with use_locale("en"), pytest.raises(Suggest) as asked:
        parse_count(text)
    assert [c.value for c in asked.value.choices] == [pieces, pairs]


def test_copy_marker_is_the_bots_word_not_the_sellers() -> None:
    assert titles.without_copy_marker("पीतल का फूलदान (कॉपी)") == "पीतल का फूलदान"
    assert titles.without_copy_marker("Brass vase (copy) (copy)") == "Brass vase"
    assert titles.without_copy_marker("Notebook (copy of design)") == "Notebook (copy of design)"


def test_unique_parts_and_pack() -> None:
    assert titles.unique_parts(["Red Green Bangles", "Glass", "Red, Green and Golden"]) == [
        "Red Green Bangles", "Glass", "Golden"]
    assert titles.ordered_parts({"brand": "Glass Works", "product": "Bangle Set",
                                 "material": "Glass", "pack": "Set of 12"},
                                ("brand", "product", "material", "pack")) == [
        "Glass Works", "Bangle", "Glass", "Set of 12"]
    assert titles.variant_title("Lucknow Chikan White Kurta", "M", 100) == (
        "Lucknow Chikan White Kurta - M")
    assert titles.variant_title("A B C D", "XL", 8) == "A B - XL"


def test_a_said_head_word_leaves_no_dangling_adjective() -> None:
    """A walk: "Brown Leather Wallet With Six Card Slots" in genuine leather was titled
    "… Card Slots Genuine". A plain phrase whose head was said goes whole; lists, numbers
    and joined phrases keep their other words."""
    assert titles.unique_parts(["Brown Leather Wallet With Six Card Slots",
                                "Genuine Leather", "Brown"]) == [
        "Brown Leather Wallet With Six Card Slots", "", ""]
    assert titles.unique_parts(["Brass Diya", "Pure Brass"]) == ["Brass Diya", ""]
    assert titles.unique_parts(["Diya", "Pure Brass"]) == ["Diya", "Pure Brass"]
    assert titles.unique_parts(["Green Bangles", "Red and Green"]) == ["Green Bangles", "Red"]
