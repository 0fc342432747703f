"""Pack-label facts a seller types: FSSAI number, best-before period, month of packing.

Food sold packed needs an FSSAI licence or registration number (14 digits, printed with
the FSSAI logo) and a best-before; every packed product needs the month and year it was
made or packed (Legal Metrology Rule 6; ONDC's ``month_year_of_manufacture_packing_import``).
Values are stored in a canonical form ("6m", "2026-11") and turned back into words where
they are shown.
"""

from __future__ import annotations

import re
from datetime import date

from bot.i18n import _
from bot.parsing.validators import Invalid, clean_text, is_number, normalise_digits

FSSAI_DIGITS = 14

_UNITS = {
    "d": ("d", "day", "days", "din", "दिन"),
    "w": ("w", "week", "weeks", "hafte", "hafta", "सप्ताह", "हफ्ते", "हफ़्ते", "हफ्ता", "हफ़्ता"),
    "m": ("m", "month", "months", "mahine", "mahina", "महीने", "महीना", "माह"),
    "y": ("y", "year", "years", "saal", "sal", "साल", "वर्ष"),
}
_UNIT_OF = {word: unit for unit, words in _UNITS.items() for word in words}
_PERIOD = re.compile(r"^(\d{1,3})\s*([^\d\s]+)$")
_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[./\-\s]\s*(\d{4}|\d{2})$")
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[./\-]\s*(\d{1,2})$")
_MONTHS = {name: i for i, names in enumerate((
    ("jan", "january", "जनवरी"), ("feb", "february", "फरवरी", "फ़रवरी"), ("mar", "march", "मार्च"),
    ("apr", "april", "अप्रैल"), ("may", "मई"), ("jun", "june", "जून"), ("jul", "july", "जुलाई"),
    ("aug", "august", "अगस्त"), ("sep", "sept", "september", "सितंबर", "सितम्बर"),
    ("oct", "october", "अक्टूबर"), ("nov", "november", "नवंबर", "नवम्बर"),
    ("dec", "december", "दिसंबर", "दिसम्बर")), start=1) for name in names}
_MAX_DAYS = {"d": 3650, "w": 520, "m": 120, "y": 10}


def parse_fssai(text: str) -> str:
    """A 14-digit FSSAI licence or registration number (spaces and dashes allowed)."""
    digits = re.sub(r"[\s\-.]", "", normalise_digits(clean_text(text, 40)))
    if not (is_number(digits) and len(digits) == FSSAI_DIGITS):
        raise Invalid(_("An FSSAI licence or registration number has 14 digits. It is on your "
                        "FSSAI certificate (foscos.fssai.gov.in). Please type it again."))
    return digits


def parse_best_before(text: str) -> str:
    """A shelf life ("6 months", "90 दिन") as "6m"/"90d", or a date as "YYYY-MM-DD"."""
    plain = normalise_digits(clean_text(text, 40)).casefold().strip(" .")
    plain = re.sub(r"^(best before|upto|up to|तक)\s*", "", plain)
    if match := _DATE.match(plain):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            pass
    elif (match := _MONTH_YEAR.match(plain)) and len(match.group(2)) == 4:
        month, year = int(match.group(1)), int(match.group(2))  # "05/2027": use within it
        if 1 <= month <= 12 and (year, month) >= (date.today().year, date.today().month):
            return f"{year:04d}-{month:02d}"
    elif (match := _PERIOD.match(plain)) and match.group(2) in _UNIT_OF:
        count, unit = int(match.group(1)), _UNIT_OF[match.group(2)]
        if 0 < count <= _MAX_DAYS[unit]:
            return f"{count}{unit}"
    raise Invalid(_("Please type how long it stays good after packing, for example: "
                    "6 months or 90 days. Or a date: 31/12/2026."))


def parse_month_year(text: str, today: date | None = None) -> str:
    """The month it was made or packed, as "YYYY-MM" ("11/2026", "Nov 2026", "नवंबर 2026");
    not in the future, not more than 10 years ago."""
    today = today or date.today()
    plain = normalise_digits(clean_text(text, 30)).casefold().strip(" .")
    month = year = 0
    if match := _MONTH_YEAR.match(plain):
        month, year = int(match.group(1)), int(match.group(2))
        year += 2000 if year < 100 else 0  # "11/26"
    elif match := _YEAR_MONTH.match(plain):
        year, month = int(match.group(1)), int(match.group(2))
    else:
        words = plain.replace(",", " ").split()
        if len(words) == 2 and words[0] in _MONTHS and is_number(words[1]):
            month, year = _MONTHS[words[0]], int(words[1])
    if not (1 <= month <= 12 and year >= 2000):
        raise Invalid(_("Please type the month and year, for example: 11/2026."))
    if (year, month) > (today.year, today.month):
        raise Invalid(_("The month of manufacture cannot be in the future. Please type the "
                        "month and year it was made or packed."))
    if year < today.year - 10:
        raise Invalid(_("That is more than 10 years ago. Please check the year."))
    return f"{year:04d}-{month:02d}"


def show_best_before(value: str) -> str:
    """The stored best-before in the seller's language."""
    if "-" in value:
        return "/".join(reversed(value.split("-")))
    count, unit = int(value[:-1]), value[-1]
    one = {"d": _("1 day"), "w": _("1 week"), "m": _("1 month"), "y": _("1 year")}
    many = {"d": _("{n} days"), "w": _("{n} weeks"), "m": _("{n} months"), "y": _("{n} years")}
    period = one[unit] if count == 1 else many[unit].format(n=count)
    return _("{period} after packing").format(period=period)


def best_before_words(value: str) -> str:
    """The stored best-before in English, after a "Best before" caption on a label."""
    if "-" in value:
        return "/".join(reversed(value.split("-")))
    count, unit = int(value[:-1]), value[-1]
    word = {"d": "day", "w": "week", "m": "month", "y": "year"}[unit]
    return f"{count} {word}{'s' if count != 1 else ''} from packing"


def best_before_english(value: str) -> str:
    """The stored best-before as printed in an English listing."""
    return "Best before " + best_before_words(value)


def show_month_year(value: str) -> str:
    year, month = value.split("-")
    return f"{month}/{year}"
