"""The workshops' month calendar: the workshops one sees on their day (India time), each a
link to its page, month and day names in the staff member's language (Babel), previous
and next month; another district's workshop is not there."""

from __future__ import annotations

import re
from datetime import date, timedelta

from babel.dates import format_date
from sqlalchemy import select

from bot.db.models import Workshop, as_utc, utcnow
from bot.web.workshop_calendar import month_of
from bot.workshops.reminders import IST
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, add_workshop, seed, sql
from tests.web.helpers import web_settings
from tests.web.test_workshop_pages import signed_in


def _day_of(database_url: str, workshop_id: int) -> date:
    (row,) = sql(database_url, select(Workshop.starts_at).where(Workshop.id == workshop_id))
    return as_utc(row.starts_at).astimezone(IST).date()


def _cell(html: str, day: int) -> str:
    """The calendar cell of ``day`` (its text up to the next cell)."""
    found = re.search(rf'<span class="day">{day}</span>(.*?)</td>', html, re.S)
    assert found, html
    return found.group(1)


async def test_the_month_shows_ones_own_workshops_on_their_day(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    glass = add_workshop(settings.database_url, title="Glass for Firozabad", days=3)
    agra = add_workshop(settings.database_url, title="Leather for Agra", districts=("agra",),
                        days=3)
    off = add_workshop(settings.database_url, title="Called off", days=3, status="cancelled")
    day = _day_of(settings.database_url, glass)
    month = f"{day:%Y-%m}"
    async with signed_in(settings, FIROZABAD_FACILITATOR) as web:
        page = await web.get(f"/staff/workshops/calendar?month={month}")
        assert page.status_code == 200
        html = page.text
        assert f'<strong id="month">{format_date(day, "LLLL y", locale="en")}</strong>' in html
        assert "<th scope=\"col\">Sun</th><th scope=\"col\">Mon</th>" in html  # India's week
        cell = _cell(html, day.day)
        assert f'href="/staff/workshops/{glass}"' in cell and "Glass for Firozabad" in cell
        assert f'href="/staff/workshops/{off}"' in cell and "cancelled" in cell
        assert "Leather for Agra" not in html and f"/staff/workshops/{agra}\"" not in html
        # The next and previous months: links there, and the workshop is not in them.
        after = (day.replace(day=28) + timedelta(days=5)).replace(day=1)
        before = (day.replace(day=1) - timedelta(days=1)).replace(day=1)
        assert f'href="/staff/workshops/calendar?month={after:%Y-%m}"' in html
        assert f'href="/staff/workshops/calendar?month={before:%Y-%m}"' in html
        following = (await web.get(f"/staff/workshops/calendar?month={after:%Y-%m}")).text
        assert "Glass for Firozabad" not in following
        assert format_date(after, "LLLL y", locale="en") in following
        # The list links to the calendar.
        assert 'href="/staff/workshops/calendar"' in (await web.get("/staff/workshops")).text
    async with signed_in(settings, AGRA_FACILITATOR) as web:
        html = (await web.get(f"/staff/workshops/calendar?month={month}")).text
        assert "Leather for Agra" in _cell(html, day.day)
        assert "Glass for Firozabad" not in html and "Called off" not in html


async def test_the_calendar_in_hindi(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    glass = add_workshop(settings.database_url, days=3)
    day = _day_of(settings.database_url, glass)
    async with signed_in(settings, FIROZABAD_FACILITATOR, language="hi") as web:
        html = (await web.get(f"/staff/workshops/calendar?month={day:%Y-%m}")).text
    assert format_date(day, "LLLL y", locale="hi") in html
    assert "<th scope=\"col\">रवि</th>" in html and "कैलेंडर" in html
    assert "कांच की सुरक्षित पैकिंग" in _cell(html, day.day)  # the Hindi title


async def test_an_empty_month_and_a_wrong_month() -> None:
    today = utcnow().astimezone(IST).date()
    assert month_of("2027-02", today) == date(2027, 2, 1)
    for wrong in ("", "2027-13", "2027-2", "1999-01", "२०२७-०२", "2027-02-01", "x"):
        assert month_of(wrong, today) == today.replace(day=1), wrong


async def test_a_month_without_workshops_says_so(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with signed_in(settings, FIROZABAD_FACILITATOR) as web:
        html = (await web.get("/staff/workshops/calendar?month=2030-05")).text
    assert "No workshops this month." in html and "May 2030" in html
    assert "<span class=\"day\">31</span>" in html
