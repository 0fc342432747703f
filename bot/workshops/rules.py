"""Checking a workshop's details, typed in the bot's form, the CLI or a CSV row.

Each parser takes the text and returns a plain value for storage, or raises ``Invalid``
with a message that names the problem (in the current language). ``values_from_row``
checks a whole row (CSV import, ``seller-bot workshops add``) and names the field.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.i18n import _
from bot.parsing.validators import Invalid, clean_text, normalise_digits, whole_number
from bot.reference import districts as reference
from bot.workshops.reminders import IST
from bot.workshops.workshops import ALL_DISTRICTS, LANGUAGES, ORGANISERS

_DATE_TIME = re.compile(
    r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*[, ]\s*(\d{1,2})[:.](\d{2})\s*(am|pm)?\s*$",
    re.IGNORECASE)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})\s*$")
_DATE = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(am|pm)?\s*$", re.IGNORECASE)
# Compared after reference.normalise (case, spaces and the nukta folded: सभी ज़िले, सभी जिले).
_ALL_WORDS = {"all", "सभी", "सब", "alldistricts", "सभीजिले", "सबजिले"}
MAX_CAPACITY = 10_000


def _hour(hour: int, half: str | None) -> int:
    if half:
        if not 1 <= hour <= 12:
            raise ValueError
        hour = hour % 12 + (12 if half.lower() == "pm" else 0)
    return hour


def parse_start(text: str, now: datetime) -> datetime:
    """"25.12.2026 10:30" (IST) → an aware UTC datetime in the future."""
    text = normalise_digits(text)
    example = _("Please type the date and start time like this: 25.12.2026 10:30")
    if m := _DATE_TIME.match(text):
        day, month, year, hour, minute, half = m.groups()
    elif m := _ISO.match(text):
        year, month, day, hour, minute = m.groups()
        half = None
    elif m := _DATE.match(text):  # a date without the time: say what is missing
        raise Invalid(_("Please add the start time too, like this: {date} 10:30").format(
            date=".".join(m.groups())))
    elif _TIME.match(text):
        raise Invalid(_("Please add the date too, like this: 25.12.2026 {time}").format(
            time=text.strip()))
    else:
        raise Invalid(example)
    try:
        local = datetime(int(year), int(month), int(day), _hour(int(hour), half),
                         int(minute), tzinfo=IST)
    except ValueError:
        raise Invalid(_("That date or time does not exist. ") + example) from None
    starts = local.astimezone(UTC)
    if starts <= now:
        raise Invalid(_("That time has already passed. Please give a date and time in "
                        "the future."))
    if starts > now + timedelta(days=366):
        raise Invalid(_("That is more than a year away. Please check the year."))
    return starts


def parse_end(text: str, starts: datetime) -> int:
    """"13:00" on the same day (IST) → the duration in minutes, after the start."""
    m = _TIME.match(normalise_digits(text))
    if not m:
        raise Invalid(_("Please type the end time like this: 13:00"))
    try:
        hour = _hour(int(m.group(1)), m.group(3))
        local_start = starts.astimezone(IST)
        end = datetime.combine(local_start.date(), local_start.time().replace(
            hour=hour, minute=int(m.group(2))), tzinfo=IST)
    except ValueError:
        raise Invalid(_("Please type the end time like this: 13:00")) from None
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


def parse_reminders(text: str) -> list[int]:
    """"24h, 1h" or "2d, 30m" → minutes before the start (at most three, up to 7 days)."""
    minutes: list[int] = []
    units = {"m": 1, "h": 60, "d": 24 * 60}
    for part in re.split(r"[,;\s]+", normalise_digits(text).lower()):
        if not part:
            continue
        m = re.fullmatch(r"(\d{1,3})([mhd])", part)
        if not m or not 5 <= int(m.group(1)) * units[m.group(2)] <= 7 * 24 * 60:
            raise Invalid(_("Give reminders like this: 24h, 1h (m, h or d before the start, "
                            "up to 7 days)."))
        minutes.append(int(m.group(1)) * units[m.group(2)])
    if not 1 <= len(minutes) <= 3:
        raise Invalid(_("Give one to three reminders, like this: 24h, 1h"))
    return sorted(set(minutes), reverse=True)


# ------------------------------------------------------------------ whole rows

FIELDS = ("title_en", "title_hi", "description_en", "description_hi", "organiser", "topic",
          "date", "start", "end", "place", "online_url", "districts", "crafts", "language",
          "capacity", "reminders")
REQUIRED = ("title_en", "title_hi", "organiser", "topic", "date", "start", "end",
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

    for key in REQUIRED:
        if not get(key):
            raise RowError(key, _("This field is required."))
    values: dict[str, Any] = {
        "title_en": check("title_en", lambda t: clean_text(t, 120)),
        "title_hi": check("title_hi", lambda t: clean_text(t, 120)),
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


