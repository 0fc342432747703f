"""Dates and times as people type them, in Hindi and English: "15/12/2026 11 बजे",
"कल सुबह 10 बजे", "11am", "15 दिसंबर", "सोमवार", "Dec 15 at 3 pm", "साढ़े 10 बजे".

Why not dateparser (tried, 1.5.0, offline): it returned nothing for "15/12/2026 11 बजे",
"कल सुबह 10 बजे", "सोमवार सुबह 11 बजे" and "परसों शाम 4 बजे", read "15 दिसंबर 11 बजे" as the
year 2111 and "कल 10 बजे" as 14:00, and filled a missing date or time in silently, so the
form could not say what is missing. It also brings pytz, regex and tzlocal. The forms people
use for a workshop's time are few; this reads them and says which part it did not get.

``read(text, today)`` returns what was written (a day, a time, either may be None) or raises
``Unreadable``; the caller decides what is missing and words it. No locale, no time zone:
``today`` is the local date the words "tomorrow" and "Monday" count from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time, timedelta

from bot.parsing.validators import normalise_digits


class Unreadable(ValueError):
    """Words left over that are neither a date nor a time."""


@dataclass(frozen=True)
class Moment:
    day: date | None
    time: time | None
    weekday_only: bool = False  # the day came from a weekday name ("सोमवार")


_MONTHS = {
    1: ("jan", "january", "जनवरी"), 2: ("feb", "february", "फरवरी"),
    3: ("mar", "march", "मार्च"), 4: ("apr", "april", "अप्रैल", "अप्रेल"),
    5: ("may", "मई"), 6: ("jun", "june", "जून"), 7: ("jul", "july", "जुलाई"),
    8: ("aug", "august", "अगस्त"), 9: ("sep", "sept", "september", "सितंबर", "सितम्बर"),
    10: ("oct", "october", "अक्टूबर", "अक्तूबर"),
    11: ("nov", "november", "नवंबर", "नवम्बर"),
    12: ("dec", "december", "दिसंबर", "दिसम्बर"),
}
MONTH = {word: number for number, words in _MONTHS.items() for word in words}
_WEEKDAYS = {
    0: ("mon", "monday", "सोमवार", "सोम"), 1: ("tue", "tues", "tuesday", "मंगलवार", "मंगल"),
    2: ("wed", "wednesday", "बुधवार", "बुध"),
    3: ("thu", "thurs", "thursday", "गुरुवार", "बृहस्पतिवार", "वीरवार"),
    4: ("fri", "friday", "शुक्रवार"), 5: ("sat", "saturday", "शनिवार"),
    6: ("sun", "sunday", "रविवार", "इतवार"),
}
WEEKDAY = {word: number for number, words in _WEEKDAYS.items() for word in words}
# Days from today. "कल" is also "yesterday", but nobody plans a workshop for yesterday.
_RELATIVE = {"today": 0, "आज": 0, "tomorrow": 1, "कल": 1, "परसों": 2,
             "day after tomorrow": 2}
# Parts of the day: how a bare hour 1–11 reads after them.
MORNING, NOON, EVENING, NIGHT = "morning", "noon", "evening", "night"
_PERIODS = {"सुबह": MORNING, "सवेरे": MORNING, "morning": MORNING, "दोपहर": NOON,
            "afternoon": NOON, "noon": NOON, "शाम": EVENING, "evening": EVENING,
            "रात": NIGHT, "night": NIGHT}
# Words that join the parts and mean nothing on their own.
_FILLER = {"at", "on", "the", "of", "from", "को", "के", "की", "से", "बजे", "baje", "बजकर",
           "hrs", "hours", "o'clock", "oclock", "next", "this", "अगले", "अगला", "इस",
           "ist", "और", "and", "in", "में", "मिनट", "पर", "दिन", "तारीख", "तारीख़", "ko"}
_FRACTIONS = {"साढ़े": 30, "साढे": 30, "sadhe": 30, "सवा": 15, "sawa": 15, "पौने": -15,
              "paune": -15}


def _words(pattern: dict) -> str:
    return "|".join(sorted((re.escape(w) for w in pattern), key=len, reverse=True))


_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_SLASH_DATE = re.compile(r"(?<!\d)(\d{1,2})[/-](\d{1,2})(?![\d:])")
_DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})\s*(?:st|nd|rd|th)?\s*({_words(MONTH)})\.?"
                        rf"(?:\s*,?\s*(\d{{4}}))?(?![\w\u0900-\u097f])")
_MONTH_DAY = re.compile(rf"(?<![\w\u0900-\u097f])({_words(MONTH)})\.?\s+(\d{{1,2}})"
                        rf"(?:st|nd|rd|th)?(?:\s*,?\s*(\d{{4}}))?(?!\d)(?!\s*(?:am|pm|:|बजे))")
_RELATIVE_RE = re.compile(rf"(?<![\w\u0900-\u097f])({_words(_RELATIVE)})"
                          rf"(?![\w\u0900-\u097f])")
_WEEKDAY_RE = re.compile(rf"(?<![\w\u0900-\u097f])({_words(WEEKDAY)})(?:को)?"
                         rf"(?![\w\u0900-\u097f])")
_PERIOD_RE = re.compile(rf"(?<![\w\u0900-\u097f])({_words(_PERIODS)})(?:\s*के)?"
                        rf"(?![\w\u0900-\u097f])")
_FRACTION = _words(_FRACTIONS)
_CLOCK = re.compile(
    rf"(?<![\d.:/])(?:({_FRACTION})\s*)?(\d{{1,2}})(?:\s*[:.]\s*(\d{{2}}))?\s*"
    rf"(a\.?\s?m\.?|p\.?\s?m\.?|बजे|baje|बजकर|o'?clock|hrs)?(?![\d/])",
    re.IGNORECASE)


def _fold(text: str) -> str:
    """Digits to 0-9, one case, nukta spellings as without it (फ़रवरी = फरवरी)."""
    text = unicodedata.normalize("NFC", normalise_digits(text)).casefold()
    text = unicodedata.normalize("NFD", text).replace("\u093c", "")
    return " " + unicodedata.normalize("NFC", text).replace(",", " , ") + " "


def _year(text: str | None, day: int, month: int, today: date) -> int:
    """A written year, or the first year in which day.month is not past."""
    if text:
        year = int(text)
        return year + 2000 if year < 100 else year
    year = today.year
    try:
        if date(year, month, day) < today:
            year += 1
    except ValueError:
        pass
    return year


def read(text: str, today: date) -> Moment:
    """What ``text`` says: its day and its time (either may be missing). ``ValueError``
    for a date or time that does not exist (31.02, 25:00); ``Unreadable`` for words it
    does not know."""
    rest = _fold(text)
    day: date | None = None
    weekday: int | None = None

    def take(match: re.Match) -> None:
        nonlocal rest
        rest = rest[:match.start()] + " " + rest[match.end():]

    for pattern in (_ISO_DATE, _NUMERIC_DATE, _DAY_MONTH, _MONTH_DAY, _SLASH_DATE):
        if day is None and (m := pattern.search(rest)):
            if pattern is _ISO_DATE:
                y, mo, d = int(m[1]), int(m[2]), int(m[3])
            elif pattern is _DAY_MONTH:
                d, mo = int(m[1]), MONTH[m[2]]
                y = _year(m[3], d, mo, today)
            elif pattern is _MONTH_DAY:
                d, mo = int(m[2]), MONTH[m[1]]
                y = _year(m[3], d, mo, today)
            else:
                d, mo = int(m[1]), int(m[2])
                y = _year(m[3] if pattern is _NUMERIC_DATE else None, d, mo, today)
            day = date(y, mo, d)  # ValueError: no such date
            take(m)
    if m := _RELATIVE_RE.search(rest):
        if day is not None:
            raise Unreadable(m[1])
        day = today + timedelta(days=_RELATIVE[m[1]])
        take(m)
    if m := _WEEKDAY_RE.search(rest):
        weekday = WEEKDAY[m[1]]
        take(m)
    period = None
    if m := _PERIOD_RE.search(rest):
        period = _PERIODS[m[1]]
        take(m)
    at: time | None = None
    for m in _CLOCK.finditer(rest):
        fraction, hour_text, minute_text, suffix = m.groups()
        if not (minute_text or suffix or fraction or period):
            continue  # a bare number is not a time ("15" alone)
        at = clock(int(hour_text), int(minute_text or 0), suffix, period, fraction,
                   padded=len(hour_text) == 2 and hour_text.startswith("0"))
        take(m)
        break
    else:
        if period == NOON:
            at = time(12, 0)  # "noon", "दोपहर" alone: midday
    leftover = [w for w in re.split(r"[\s,;]+", rest) if w and w not in _FILLER
                and not (w == "." or w == "-")]
    if leftover:
        raise Unreadable(" ".join(leftover))
    weekday_only = False
    if weekday is not None:
        if day is None:
            ahead = (weekday - today.weekday()) % 7 or 7  # "Monday" said on a Monday: next
            day = today + timedelta(days=ahead)
            weekday_only = True
        elif day.weekday() != weekday:
            raise WrongWeekday(day, weekday)
    return Moment(day, at, weekday_only)


class WrongWeekday(ValueError):
    """"Monday 15 December" when 15 December is a Tuesday."""

    def __init__(self, day: date, weekday: int):
        super().__init__(f"{day} is not weekday {weekday}")
        self.day = day
        self.weekday = weekday


def clock(hour: int, minute: int = 0, suffix: str | None = None, period: str | None = None,
          fraction: str | None = None, *, padded: bool = False) -> time:
    """A time of day from its parts. A bare hour 1–7 ("3 बजे", "1:00") is in the
    afternoon: nobody holds a workshop at 3 at night (the confirmation shows it). A padded
    hour ("07:30") is a 24-hour clock and stays."""
    if fraction:
        step = _FRACTIONS[fraction]
        if minute:
            raise ValueError("a fraction and minutes")
        hour, minute = (hour - 1, 60 + step) if step < 0 else (hour, step)
    half = (suffix or "").replace(".", "").replace(" ", "")
    if half in ("am", "pm"):
        if not 1 <= hour <= 12:
            raise ValueError(f"{hour} {half}")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif period == NOON:
        hour += 12 if hour < 11 else 0  # दोपहर 2 बजे: 14:00; दोपहर 12 बजे: 12:00
    elif period == EVENING:
        hour += 12 if hour < 12 else 0
    elif period == NIGHT:
        hour = 0 if hour == 12 else hour + 12 if 6 <= hour < 12 else hour
    elif period is None and not padded and 1 <= hour <= 7:
        hour += 12
    return time(hour, minute)  # ValueError: 25:00, 10:75


def read_time(text: str) -> time | None:
    """Only a time ("13:00", "1 बजे", "दोपहर 1 बजे", "1pm"); None when no time is in it."""
    moment = read(text, date(2000, 1, 1))
    if moment.day is not None:
        raise Unreadable(text)
    return moment.time
