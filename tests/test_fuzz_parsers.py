"""Issue 17, item 4: every parser takes any text a person can type.

A generated table (fixed seed, so a failure is the same on every run) of more than a
thousand strings across Unicode's categories: look-alike digits (², ①, ⁵, ½, Ⅻ), decimal
digits of other scripts, bidi and other format characters, surrogates, marks, emoji,
very long numbers, and the answers each field expects with one such character mixed in.
Every ``Field`` parser of every registered ``Form`` and the standalone parsers in
``bot/parsing`` must return a value or raise the project's ``Invalid`` (or ask with
``Suggest``), never another exception.
"""

from __future__ import annotations

import random
import sys
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

import pytest

from bot.app import FORMS
from bot.conversation import forms
from bot.i18n import use_locale
from bot.parsing import labels, quantities, validators
from bot.parsing.validators import Invalid, Suggest
from bot.workshops import rules
from bot.workshops.reminders import IST

# Answers fields expect, to be bent by one odd character.
SEEDS = (
    "12", "०९", "1.5 kg", "500 g", "30x20x10", "₹1,200", "25", "11/2026", "nov 2026",
    "6 months", "31/12/2026", "24h, 1h", "12/12/2030 10:00", "10:30 am", "Agra", "all",
    "Sunita Devi", "+91 98765 43210", "09ABCPE1234F1Z9", "SBIN0001234", "282001",
    "ABCPE1234F", "UDYAM-UP-12-0001234", "https://example.org/x", "yes", "haan", "5 m",
    "12345678901234", "name@gmail.com", "1, 2, 3", "S: 5, M: 10", "brass, wood",
)
# Characters that look like digits to str.isdigit() but are no decimal digit.
LOOKALIKES = "²³¹⁰⁴⁵⁶⁷⁸⁹₀₁₂①②⑳⑴⒈❶➀½¼Ⅻⅻ〇零一٫٬"
# Decimal digits of other scripts, and the format characters that hide text's direction.
DIGITS = "०१२३४५६७८९٠١٢٣٤٥٦٧٨٩০১২৩০１２３𝟎𝟏𝟗߀߁"
TRICKY = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u200b\u200c" \
         "\u200d\ufeff\x00\x1b\r\n\t\u0085\u2028\u2029\ud800\udfff\ufffd\u0301\u094d"


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"


def _texts(value: Any) -> str:
    """Every text inside a parsed value (lists of features, a Warned value), joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, validators.Warned):
        return _texts(value.value)
    if isinstance(value, list | tuple):
        return "".join(_texts(item) for item in value)
    if isinstance(value, dict):
        return "".join(_texts(item) for item in value.values())
    return ""


@cache
def _by_category() -> dict[str, list[str]]:
    chars: dict[str, list[str]] = {}
    for point in range(sys.maxunicode + 1):
        chars.setdefault(unicodedata.category(chr(point)), []).append(chr(point))
    return chars


def fuzz_strings(seed: int = 17) -> list[str]:
    rng = random.Random(seed)
    by_category = _by_category()
    strings: list[str] = ["", " ", "\n", "0", "-1", "1e9", "nan", "inf", "1" * 60,
                          "9" * 5000, "²" * 5000, "क" * 5000, "nov ²⁰²⁶", "①②", "⁵",
                          "w|1|fb|²"]
    # Every category: single characters, runs, and characters beside a number.
    for _category, chars in sorted(by_category.items()):
        for _ in range(12):
            ch = rng.choice(chars)
            strings += [ch, ch * rng.randint(2, 9), f"1{ch}2", f"{ch} 2026"]
    odd = LOOKALIKES + DIGITS + TRICKY
    for seed_text in SEEDS:
        for _ in range(12):
            at = rng.randint(0, len(seed_text))
            ch = rng.choice(odd)
            strings.append(seed_text[:at] + ch + seed_text[at:])  # inserted
            if seed_text:
                at = min(at, len(seed_text) - 1)
                strings.append(seed_text[:at] + ch + seed_text[at + 1:])  # replaced
        # Every digit of the seed replaced by one look-alike (nov ²⁰²⁶, ①②).
        strings.append("".join(rng.choice(LOOKALIKES) if c.isdigit() else c
                               for c in seed_text))
    # Mixed random strings from the whole table.
    everything = [ch for chars in by_category.values() for ch in rng.sample(
        chars, min(len(chars), 200))]
    for _ in range(300):
        strings.append("".join(rng.choice(everything) for _ in range(rng.randint(1, 25))))
    return strings


# What earlier questions answered, where a parser reads them (a workshop's end reads its
# start; stock per size reads the sizes): as the form engine would have stored them.
ANSWERS = ({}, {"starts": "2030-12-12T10:00:00+05:30", "garment_size": ["S", "M", "XL"],
                "category": "saree", "price": "1200", "mode": "online"})


def _field_parsers() -> list[tuple[str, Callable[[str], Any]]]:
    forms.register(*FORMS)
    found = []
    for form in forms.registered().values():
        for field in form.fields:
            if field.parse is not None:
                found.append((f"{form.key}.{field.key}", lambda text, parse=field.parse:
                              [parse(text, answers) for answers in _fitting(parse)]))
    return found


def _fitting(parse) -> list[dict]:
    """The answer sets this parser can read (some need an earlier answer)."""
    fits = []
    for answers in ANSWERS:
        try:
            parse("", answers)
        except KeyError:
            continue
        except Exception:  # noqa: BLE001 - only a missing earlier answer rules a set out
            pass
        fits.append(answers)
    return fits


STANDALONE: list[tuple[str, Callable[[str], Any]]] = [
    *[(f"validators.{name}", getattr(validators, name)) for name in (
        "parse_name", "parse_business_name", "parse_mobile", "parse_email", "parse_pan",
        "parse_gstin", "parse_udyam", "parse_ifsc", "parse_pin", "parse_gst_enrolment_id",
        "parse_yes_no", "tidy")],
    ("validators.clean_text", lambda text: validators.clean_text(text, 200)),
    ("labels.parse_fssai", labels.parse_fssai),
    ("labels.parse_best_before", labels.parse_best_before),
    ("labels.parse_month_year", lambda text: labels.parse_month_year(text, date(2026, 12, 1))),
    *[(f"quantities.{name}", getattr(quantities, name)) for name in (
        "parse_rupees", "parse_grams", "parse_dimensions", "parse_count")],
    ("quantities.parse_measure", lambda text: quantities.parse_measure(
        text, quantities.METRES, 1.0, low=1, high=20, example="5.5 m")),
    *[(f"rules.{name}", getattr(rules, name)) for name in (
        "parse_capacity", "parse_districts", "parse_crafts", "parse_link",
        "parse_reminders")],
]


def test_the_table_is_big_and_covers_every_category() -> None:
    strings = fuzz_strings()
    assert len(strings) >= 1000
    seen = {unicodedata.category(ch) for text in strings for ch in text}
    assert seen >= set(_by_category())


def test_every_form_is_walked() -> None:
    names = {name.split(".")[0] for name, _parse in _field_parsers()}
    assert {"profile", "listing", "workshop", "label", "price"} <= names


@pytest.mark.parametrize("name, parse", _field_parsers() + STANDALONE,
                         ids=lambda value: value if isinstance(value, str) else "")
def test_a_value_or_invalid_never_a_crash(name: str, parse) -> None:
    crashes = []
    with use_locale("en"):
        for text in fuzz_strings():
            try:
                value = parse(text)
            except (Invalid, Suggest) as refused:
                assert refused.message.strip(), (name, text)
                continue
            except Exception as exc:  # noqa: BLE001 - what the test looks for
                crashes.append(f"{text[:40]!r}: {type(exc).__name__}: {exc}"[:200])
                continue
            # What one person typed and others read never keeps a bidi override.
            assert not set(_texts(value)) & set(BIDI), (name, text, value)
    assert not crashes, f"{name}: {len(crashes)} crashes, e.g. " + "; ".join(crashes[:5])


GOOD_ROW = {"title_en": "Brass polishing", "title_hi": "पीतल की पॉलिश", "organiser": "odop",
            "topic": "finishing", "date": "12/12/2030", "start": "10:00", "end": "13:00",
            "place": "Town hall", "districts": "Moradabad", "language": "hi",
            "capacity": "30", "reminders": "24h, 1h", "crafts": "", "online_url": "",
            "description_en": "", "description_hi": ""}


@pytest.mark.parametrize("column", rules.FIELDS)
def test_a_workshop_row_is_imported_or_refused_in_one_line(column: str) -> None:
    now = datetime(2030, 1, 1, tzinfo=IST)
    crashes = []
    with use_locale("en"):
        rules.values_from_row(GOOD_ROW, now)  # the row itself is fine
        for text in fuzz_strings()[::3]:
            try:
                rules.values_from_row({**GOOD_ROW, column: text}, now)
            except rules.RowError as refused:
                assert refused.message.strip()
            except Exception as exc:  # noqa: BLE001 - what the test looks for
                crashes.append(f"{text[:40]!r}: {type(exc).__name__}: {exc}"[:200])
    assert not crashes, f"{column}: {len(crashes)} crashes, e.g. " + "; ".join(crashes[:5])


@pytest.mark.parametrize("text", ["28200²", "२८२००१²", "①②③④⑤⑥", "282⁰01"])
def test_look_alike_digits_are_no_digits_in_codes(text: str) -> None:
    with use_locale("en"), pytest.raises(Invalid):
        validators.parse_pin(text)


def test_decimal_digits_of_any_script_are_numbers() -> None:
    assert validators.whole_number("१२") == 12
    assert validators.whole_number("１２") == 12
    assert validators.whole_number("১২") == 12
    assert validators.whole_number("²") is None
    assert validators.whole_number("①") is None
    assert validators.whole_number("9" * 5000) is None
    assert validators.parse_pin("２８２００１") == "282001"
