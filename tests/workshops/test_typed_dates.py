"""Issue 20 item 3: the workshop form reads dates and times as staff type them, in Hindi
and English (the table in tests/data/typed_dates.csv), says what is missing, reads an end
"1:00" after an 11:00 start as 13:00, and says back what it understood before taking it."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.i18n import use_locale
from bot.parsing.validators import Invalid
from bot.workshops.reminders import IST
from bot.workshops.rules import parse_end, parse_start, spoken
from tests.botkit import Bot
from tests.workshops.test_workshops import STAFF, _day, join

TABLE = Path(__file__).resolve().parent.parent / "data" / "typed_dates.csv"
SAID = {"missing-time": "at what time does it start", "missing-date": "on which day",
        "unreadable": "I could not read", "no-such-date": "does not exist",
        "wrong-weekday": "Please check the date or the day", "past": "already passed"}


def _rows() -> list[tuple[str, str, str]]:
    with TABLE.open(encoding="utf-8") as f:
        rows = [(r["input"], r["now_ist"], r["expected"]) for r in csv.DictReader(f)
                if not r["input"].startswith("#")]
    return rows


def test_the_table_is_big_enough_and_bilingual() -> None:
    rows = _rows()
    hindi = [r for r in rows if any("\u0900" <= ch <= "\u097f" for ch in r[0])]
    assert len(rows) >= 30 and len(hindi) >= 15 and len(rows) - len(hindi) >= 15


@pytest.mark.parametrize(("text", "now_ist", "expected"), _rows())
def test_typed_dates(text: str, now_ist: str, expected: str) -> None:
    now = datetime.strptime(now_ist, "%Y-%m-%d %H:%M").replace(tzinfo=IST).astimezone(UTC)
    if expected in SAID:
        with pytest.raises(Invalid) as problem:
            parse_start(text, now)
        assert SAID[expected] in problem.value.message, problem.value.message
        return
    wanted = datetime.strptime(expected, "%Y-%m-%d %H:%M").replace(tzinfo=IST)
    assert parse_start(text, now) == wanted.astimezone(UTC), text


def test_missing_parts_are_named_in_hindi() -> None:
    now = datetime(2026, 12, 10, 14, 0, tzinfo=IST)
    with use_locale("hi"):
        for text, words in (("15 दिसंबर", "मंगलवार 15 दिसंबर"), ("11am", "सुबह 11:00"),
                            ("सोमवार 15 दिसंबर 11 बजे", "मंगलवार")):
            with pytest.raises(Invalid) as problem:
                parse_start(text, now)
            assert words in problem.value.message, problem.value.message
            assert not any(w in problem.value.message for w in ("Please", "time", "date"))
        starts = parse_start("कल सुबह 10 बजे", now)
        assert spoken(starts, now) == "शुक्रवार 11 दिसंबर, सुबह 10:00"


def test_end_times() -> None:
    starts = datetime(2026, 12, 15, 11, 0, tzinfo=IST)
    for text, minutes in (("1:00", 120), ("13:00", 120), ("1 बजे", 120), ("दोपहर 1 बजे", 120),
                          ("1pm", 120), ("12:30", 90), ("2 घंटे", 120), ("1.5 hours", 90),
                          ("90 min", 90), ("३ बजे", 240)):
        assert parse_end(text, starts) == minutes, text
    evening = datetime(2026, 12, 15, 17, 0, tzinfo=IST)
    assert parse_end("8 बजे", evening) == 180
    for text in ("10:00", "tea time"):
        with pytest.raises(Invalid):
            parse_end(text, starts)


@pytest.mark.db
async def test_the_form_says_back_the_start_in_hindi(settings) -> None:
    settings = replace(settings, admin_ids=frozenset({STAFF}))
    async with Bot(settings) as bot:
        staff = await join(bot, STAFF, "Agra", hindi=True)
        await staff.send("/newworkshop")
        await staff.send("फ़ोटो से बिक्री")  # Hindi first
        await staff.press("▶")  # no English title
        await staff.press("▶")  # no description
        await staff.press("Samarth")
        await staff.send("फ़ोटो")
        screen = await staff.send("15 दिसंबर")
        assert "किस समय शुरू होगी" in screen.text
        day = _day(3, 11)
        screen = await staff.send(f"{day:%d.%m.%Y} 11 बजे")
        with use_locale("hi"):
            said = spoken(day)
        assert f"{said} — सही?" in screen.text and "सुबह 11:00" in said, screen.text
        await staff.press("बदलें")  # typed again: 3 बजे is 15:00, said so
        screen = await staff.send(f"{day:%d.%m.%Y} 3 बजे")
        assert "दोपहर 3:00 — सही?" in screen.text, screen.text
        await staff.press("हाँ, सही")
        screen = await staff.send("5:30")  # the end, after a 15:00 start: 17:30
        assert "15:00–17:30" in screen.text, screen.text
