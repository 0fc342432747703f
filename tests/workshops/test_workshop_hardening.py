"""Issue 17, items 8 and 9: the workshop CSV import refuses what it cannot take in one line,
check-in codes never clash, text a seller reads carries no hidden direction marks, and a
draft's check-in code is as unknown as a made-up one."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import create_engine
from sqlalchemy import text as sa_text

from bot.cli.main import main as seller_bot
from bot.db.engine import Database, sync_url
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


HEADER = ("title_en,title_hi,description_en,description_hi,organiser,topic,date,start,end,"
          "place,online_url,districts,crafts,language,capacity\n")


def _csv_line(title: str = "Packaging day", description: str = "") -> str:
    day = utcnow() + timedelta(days=20)
    return (f"\"{title}\",पैकेजिंग दिवस,\"{description}\",,odop,Packaging,{day:%d.%m.%Y},"
            "10:30,13:00,Collectorate,,Firozabad,,both,40\n")


def _import(tmp_path, settings, text: str, capsys) -> tuple[int, str]:
    path = tmp_path / "workshops.csv"
    path.write_text(text, encoding="utf-8")
    os.environ["DATABASE_URL"] = settings.database_url
    try:
        code = seller_bot(["workshops", "import", str(path)])
    finally:
        del os.environ["DATABASE_URL"]
    return code, capsys.readouterr().out


def test_an_oversized_csv_field_is_refused_in_one_line(tmp_path, sqlite_settings, capsys):
    code, out = _import(tmp_path, sqlite_settings,
                        HEADER + _csv_line(description="x" * 140_000), capsys)
    assert code == 1
    assert out.count("\n") == 1 and "line 2" in out and "field larger" in out
    assert "nothing was imported" in out


def test_bidi_and_control_characters_are_stripped_on_the_way_in(tmp_path, sqlite_settings,
                                                                 capsys):
    sneaky = "Pack\u202eaging\u2066 day\u200f\x07"
    code, out = _import(tmp_path, sqlite_settings,
                        HEADER + _csv_line(sneaky, "Bring\u202d a box\u2069\u200e"), capsys)
    assert code == 0, out
    rows = _workshops(sqlite_settings.database_url)
    assert [(r["title_en"], r["description_en"]) for r in rows] == [
        ("Packaging day", "Bring a box")]


def _workshops(url: str) -> list[dict]:
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as connection:
            return [dict(r) for r in connection.execute(
                sa_text("SELECT * FROM workshops ORDER BY id")).mappings()]
    finally:
        engine.dispose()


async def test_a_clashing_checkin_code_is_drawn_again(settings, monkeypatch) -> None:
    drawn = iter(["SAME22", "SAME22", "SAME22", "OTHER3"])
    monkeypatch.setattr(store, "new_code", lambda: next(drawn))
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:  # one import: one transaction
            values = values_from_row(_row(), utcnow() - timedelta(days=1))
            first = await store.create(session, values, created_by=None, now=utcnow())
            second = await store.create(session, values, created_by=None, now=utcnow())
            codes = [(await store.get(session, wid))["checkin_code"]
                     for wid in (first, second)]
    finally:
        await database.dispose()
    assert codes == ["SAME22", "OTHER3"]
