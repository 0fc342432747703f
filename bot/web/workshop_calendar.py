"""The workshops as a month calendar: a plain HTML table of the month (India's week, month
and day names from Babel in the staff member's language), each day listing the workshops
of that day that this staff member sees (``workshops.services.listed``: the one access
rule, drafts and cancelled ones marked), each linking to its page; previous and next
month links. Times and days are India time, as the bot says them."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import Any

from babel import Locale
from babel.dates import format_date, get_day_names
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.db.models import utcnow
from bot.i18n import get_locale
from bot.web import render
from bot.web.workshop_pages import status_words
from bot.workshops import services
from bot.workshops import workshops as store
from bot.workshops.reminders import IST
from bot.workshops.words import title

FIRST_YEAR, LAST_YEAR = 2020, 2100


def month_of(text: str, today: date) -> date:
    """``2026-12`` as the first day of that month; anything else: this month."""
    year, _dash, month = text.partition("-")
    if (len(text) == 7 and _dash and year.isascii() and year.isdigit() and month.isascii()
            and month.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR
            and 1 <= int(month) <= 12):
        return date(int(year), int(month), 1)
    return today.replace(day=1)


def _shift(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _locale() -> Locale:
    return Locale.parse(f"{get_locale()}_IN")  # India's week (it starts on Sunday)


async def month(request: Request, session: Any, me: Any, form: Any) -> Response:
    today = utcnow().astimezone(IST).date()
    first = month_of(request.query_params.get("month", ""), today)
    after = _shift(first, 1)
    since = datetime(first.year, first.month, 1, tzinfo=IST)
    until = datetime(after.year, after.month, 1, tzinfo=IST)
    found = [w for w in await services.listed(session, me.role, since=since)
             if w["starts_at"] < until]
    statuses = status_words()
    by_day: dict[int, list[tuple[int, str, str, str, str]]] = {}
    for w in found:
        starts = w["starts_at"].astimezone(IST)
        note = "" if w["status"] == store.PUBLISHED else statuses[w["status"]]
        by_day.setdefault(starts.day, []).append(
            (w["id"], f"{starts:%H:%M}", title(w), note, w["status"]))
    locale = _locale()
    first_weekday = locale.first_week_day
    names = get_day_names("abbreviated", context="stand-alone", locale=locale)
    weeks = calendar.Calendar(first_weekday).monthdayscalendar(first.year, first.month)
    before = _shift(first, -1)
    return render.page(
        "workshop_calendar.html", me=me,
        heading=format_date(first, "LLLL y", locale=locale),
        days=[names[(first_weekday + i) % 7] for i in range(7)],
        weeks=[[(day, by_day.get(day, []), first.replace(day=day) == today if day else False)
                for day in week] for week in weeks],
        count=len(found),
        previous=(f"{before:%Y-%m}", format_date(before, "LLLL y", locale=locale)),
        next=(f"{after:%Y-%m}", format_date(after, "LLLL y", locale=locale)))


def routes(web: Any) -> list[BaseRoute]:
    return [Route("/workshops/calendar", web.staff_page(month), methods=["GET"])]
