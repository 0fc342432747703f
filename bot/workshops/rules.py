"""Checking a workshop's details, typed in the bot's form, the CLI or a CSV row.

Each parser takes the text and returns a plain value for storage, or raises ``Invalid``
with a message that names the problem (in the current language). ``values_from_row``
checks a whole row (CSV import, ``seller-bot workshops add``) and names the field.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from typing import Any

from babel.dates import format_date, format_time

from bot.i18n import _, get_locale
from bot.parsing import dates
from bot.parsing.validators import Invalid, clean_text, normalise_digits, whole_number
from bot.reference import districts as reference
from bot.workshops.reminders import IST
from bot.workshops.workshops import ALL_DISTRICTS, LANGUAGES, ORGANISERS

# Compared after reference.normalise (case, spaces and the nukta folded: सभी ज़िले, सभी जिले).
_ALL_WORDS = {"all", "सभी", "सब", "alldistricts", "सभीजिले", "सबजिले"}
MAX_CAPACITY = 10_000
_DURATION = re.compile(r"^\s*(\d{1,2}(?:[.,]\d)?)\s*(घंटे|घंटा|hours?|hrs?|h)\s*$"
                       r"|^\s*(\d{2,3})\s*(मिनट|minutes?|mins?|m)\s*$", re.IGNORECASE)


def spoken(moment: datetime, now: datetime | None = None) -> str:
    """"सोमवार 15 दिसंबर, सुबह 11:00" / "Monday 15 December, 11:00 AM" (IST, the current
    language; the year too when it is not this year's)."""
    local = moment.astimezone(IST)
    this_year = (now or moment).astimezone(IST).year == local.year
    pattern = "EEEE d MMMM" if this_year else "EEEE d MMMM y"
    day = format_date(local.date(), pattern, locale=get_locale())
    return f"{day}, {clock_text(local.time())}"


def clock_text(at: time) -> str:
    """"सुबह 11:00" in Hindi (the part of the day says am or pm), "11:00 AM" in English."""
    if get_locale() == "hi":
        return format_time(at, "B h:mm", locale="hi")
    return format_time(at, "h:mm a", locale="en_IN")


def _example() -> str:
    return _("for example: 15.12.2026 11:00, “कल सुबह 10 बजे” or “15 Dec 11am”")


def parse_start(text: str, now: datetime) -> datetime:
    """The start as people type it (``bot.parsing.dates``), in IST → an aware UTC datetime
    in the future. Says what is missing: a date without a time, a time without a date."""
    today = now.astimezone(IST).date()
    try:
        moment = dates.read(text, today)
    except dates.WrongWeekday as wrong:
        raise Invalid(_("{date} is a {weekday}. Please check the date or the day.").format(
            date=format_date(wrong.day, "d MMMM y", locale=get_locale()),
            weekday=format_date(wrong.day, "EEEE", locale=get_locale()))) from None
    except dates.Unreadable as unknown:
        raise Invalid(_("I could not read “{words}”. Please type the date and start time, "
                        "{example}.").format(words=str(unknown), example=_example())) from None
    except ValueError:
        raise Invalid(_("That date or time does not exist. Please type the date and start "
                        "time, {example}.").format(example=_example())) from None
    if moment.day is None and moment.time is None:
        raise Invalid(_("Please type the date and start time, {example}.").format(
            example=_example()))
    if moment.time is None:
        day = format_date(moment.day, "EEEE d MMMM", locale=get_locale())
        raise Invalid(_("{day}: at what time does it start? Please type the date and the "
                        "time together, for example: {date} 11:00").format(
            day=day, date=f"{moment.day:%d.%m.%Y}"))
    if moment.day is None:
        hour = clock_text(moment.time)
        raise Invalid(_("{time} on which day? Please type the date too, for example: "
                        "{date} {time} or “कल {time}”").format(
            time=hour, date=f"{today + timedelta(days=7):%d.%m.%Y}"))
    starts = datetime.combine(moment.day, moment.time, tzinfo=IST).astimezone(UTC)
    if starts <= now:
        raise Invalid(_("That time has already passed. Please give a date and time in "
                        "the future."))
    if starts > now + timedelta(days=366):
        raise Invalid(_("That is more than a year away. Please check the year."))
    return starts


def parse_end(text: str, starts: datetime) -> int:
    """The end on the same day (IST) → the duration in minutes. "1:00" after an 11:00
    start is 13:00; "2 घंटे" or "90 min" is a duration."""
    local_start = starts.astimezone(IST)
    if m := _DURATION.match(normalise_digits(text)):
        minutes = (round(float(m[1].replace(",", ".")) * 60) if m[1] else int(m[3]))
        if not 15 <= minutes <= 24 * 60:
            raise Invalid(_("Please type the end time like this: 13:00"))
        return minutes
    try:
        at = dates.read_time(text)
    except ValueError:  # Unreadable too
        at = None
    if at is None:
        raise Invalid(_("Please type the end time like this: 13:00"))
    end = datetime.combine(local_start.date(), at, tzinfo=IST)
    if end <= local_start and at.hour < 12 and end + timedelta(hours=12) <= (
            local_start + timedelta(hours=8)):
        end += timedelta(hours=12)  # "8 बजे" after a 17:00 start; not "10:00" after 11:00
    minutes = int((end - local_start).total_seconds() // 60)
    if minutes <= 0:
        raise Invalid(_("The end must be after the start ({start}).").format(
            start=local_start.strftime("%H:%M")))
    return minutes


def parse_capacity(text: str) -> int:
    capacity = whole_number(text)
    if capacity is None or not 1 <= capacity <= MAX_CAPACITY:
        raise Invalid(_("Capacity must be a number of places from 1 to {max}.").format(
            max=MAX_CAPACITY))
    return capacity


def parse_districts(text: str) -> list[str]:
    """Comma-separated district names, or "all"."""
    if text.strip() == "*" or reference.normalise(text) in _ALL_WORDS:
        return [ALL_DISTRICTS]
    codes: list[str] = []
    for part in re.split(r"[,;\n]+", text):
        name = part.strip()
        if not name:
            continue
        district = reference.district_named(name) or reference.district(name.lower())
        if district is None:
            found = reference.match_district(name)
            district = found[0] if len(found) == 1 else None
        if district is None:
            raise Invalid(_("I do not know the district “{name}”. Please check the "
                            "spelling, or type “all”.").format(name=name))
        if district.code not in codes:
            codes.append(district.code)
    if not codes:
        raise Invalid(_("Please name at least one district, or type “all”."))
    return codes


def parse_crafts(text: str) -> list[str]:
    keys: list[str] = []
    for part in re.split(r"[,;\n]+", text):
        name = part.strip()
        if not name:
            continue
        craft = reference.match_craft(name)
        if craft is None:
            raise Invalid(_("I do not know the craft “{name}”.").format(name=name))
        if craft.key not in keys:
            keys.append(craft.key)
    return keys


def parse_link(text: str) -> str:
    link = text.strip()
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", link) or len(link) > 300:
        raise Invalid(_("Please send the full link, starting with https://"))
    return link


# Reminder units as typed ("24h") and as the summary card writes them (Babel's "1 day",
# "1 घंटा"), so a card's text reads back: the web page's edit form starts from it.
_UNITS = {**dict.fromkeys(("m", "min", "mins", "minute", "minutes", "मिनट"), 1),
          **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "घंटा", "घंटे"), 60),
          **dict.fromkeys(("d", "day", "days", "दिन"), 24 * 60)}
_FILLER = re.compile(r"\bbefore\b|\band\b|पहले|और")
_AMOUNT = re.compile(r"(\d{1,3})\s*([^\d\s,;]+)")
_AMOUNTS = re.compile(r"\s*\d{1,3}\s*[^\d\s,;]+(?:\s+\d{1,3}\s*[^\d\s,;]+)*\s*")


def parse_reminders(text: str) -> list[int]:
    """"24h, 1h", "2d, 30m" or "1 दिन, 1 घंटा पहले" → minutes before the start (at most
    three, up to 7 days). "1h30m" is no reminder (an hour and a half, or two?)."""
    minutes: list[int] = []
    wrong = Invalid(_("Give reminders like this: 24h, 1h (m, h or d before the start, "
                      "up to 7 days)."))
    text = _FILLER.sub(",", normalise_digits(text).lower())
    for chunk in re.split(r"[,;]+", text):
        if not chunk.strip():
            continue
        if not _AMOUNTS.fullmatch(chunk):
            raise wrong
        for number, unit in _AMOUNT.findall(chunk):
            if unit not in _UNITS or not 5 <= int(number) * _UNITS[unit] <= 7 * 24 * 60:
                raise wrong
            minutes.append(int(number) * _UNITS[unit])
    if not 1 <= len(minutes) <= 3:
        raise Invalid(_("Give one to three reminders, like this: 24h, 1h"))
    return sorted(set(minutes), reverse=True)


# ------------------------------------------------------------------ whole rows

FIELDS = ("title_en", "title_hi", "description_en", "description_hi", "organiser", "topic",
          "date", "start", "end", "place", "online_url", "districts", "crafts", "language",
          "capacity", "reminders")
REQUIRED = ("organiser", "topic", "date", "start", "end",
            "districts", "language", "capacity")


class RowError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _description(text: str) -> str:
    return clean_text(text, 2000) if text else ""


def values_from_row(row: dict[str, str], now: datetime) -> dict[str, Any]:
    """A workshop's stored values from a row of text (CSV, CLI); ``RowError`` names the
    first field that is wrong."""
    def get(key: str) -> str:
        return (row.get(key) or "").strip()

    def check(key: str, parse):
        try:
            return parse(get(key))
        except Invalid as problem:
            raise RowError(key, problem.message) from None

    if not get("title_en") and not get("title_hi"):  # one language is enough
        raise RowError("title_en", _("This field is required."))
    for key in REQUIRED:
        if not get(key):
            raise RowError(key, _("This field is required."))
    values: dict[str, Any] = {
        "title_en": check("title_en", lambda t: clean_text(t, 120)) if get("title_en") else "",
        "title_hi": check("title_hi", lambda t: clean_text(t, 120)) if get("title_hi") else "",
        # Through clean_text like every text one person writes for others to read:
        # control and bidi-override characters go (they could reorder what sellers see).
        "description_en": check("description_en", _description),
        "description_hi": check("description_hi", _description),
        "topic": check("topic", lambda t: clean_text(t, 100)),
    }
    organiser = get("organiser").lower()
    if organiser not in ORGANISERS:
        raise RowError("organiser", _("Use one of: {names}.").format(names=", ".join(ORGANISERS)))
    values["organiser"] = organiser
    try:
        starts = parse_start(f"{get('date')} {get('start')}", now)
    except Invalid as problem:
        raise RowError("date", problem.message) from None
    values["starts_at"] = starts
    values["duration_minutes"] = check("end", lambda t: parse_end(t, starts))
    place, link = get("place"), get("online_url")
    if not place and not link:
        raise RowError("place", _("Give an address or an online link."))
    values["place"] = check("place", lambda t: clean_text(t, 300)) if place else None
    values["online_url"] = check("online_url", parse_link) if link else None
    values["districts"] = check("districts", parse_districts)
    values["crafts"] = check("crafts", parse_crafts) if get("crafts") else []
    language = get("language").lower()
    if language not in LANGUAGES:
        raise RowError("language", _("Use one of: {names}.").format(names=", ".join(LANGUAGES)))
    values["session_language"] = language
    values["capacity"] = check("capacity", parse_capacity)
    if get("reminders"):
        values["reminder_minutes"] = check("reminders", parse_reminders)
    return values


