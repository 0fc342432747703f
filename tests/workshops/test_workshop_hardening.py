"""Issue 17, items 8 and 9: the workshop CSV import refuses what it cannot take in one line,
check-in codes never clash, text a seller reads carries no hidden direction marks, and a
draft's check-in code is as unknown as a made-up one."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.db.models import utcnow
from bot.workshops import workshops as store
from bot.workshops.rules import values_from_row
from tests.botkit import Bot
from tests.workshops.test_workshops import join

STAFF = 5550950


def _row(**changes: str) -> dict[str, str]:
    starts = utcnow() + timedelta(minutes=30)
    return {"title_en": "Secret pottery plans", "title_hi": "गुप्त योजना", "organiser": "odop",
            "topic": "Pottery", "date": f"{starts:%d.%m.%Y}", "start": "10:00",
            "end": "12:00", "place": "Collectorate", "districts": "Firozabad",
            "language": "both", "capacity": "20", **changes}


async def test_a_drafts_checkin_code_is_unknown_to_sellers(settings) -> None:
    settings = replace(settings, admin_ids=frozenset({STAFF}))
    async with Bot(settings) as bot:
        ben = await join(bot, 5550951, "Firozabad")
        database = bot.app.bot_data["runtime"].database
        async with database.transaction() as session:
            values = values_from_row(_row(), utcnow() - timedelta(days=1))
            values["starts_at"] = utcnow() + timedelta(minutes=30)
            wid = await store.create(session, values, created_by=None, now=utcnow())
            code = (await store.get(session, wid))["checkin_code"]
        for typed in (f"/start checkin_{code}", f"/checkin {code}"):
            screen = await ben.send(typed)
            assert "do not know that check-in code" in screen.text
            assert "Secret" not in screen.text and "cancelled" not in screen.text
