"""The staff screens of issue 24's facilitator side, through the real Application: /english
with "📖 Keep" under a saved English, /glossary checked by a second facilitator in Hindi
and shared by an operator, /botenglish correcting the bot's English."""

from __future__ import annotations

import dataclasses

from sqlalchemy import create_engine, insert, select

from bot.db import sellers
from bot.db.engine import Database, sync_url
from bot.db.models import OutboxMessage, Product, Seller, Staff, utcnow
from bot.listing import english_needed, glossary_terms
from tests.admin.test_glossary_terms import PATTERN, SHIMMER
from tests.botkit import Bot

F1, F2, OPERATOR = 4451001, 4451002, 4451009


async def _seed(settings) -> int:
    engine = create_engine(sync_url(settings.database_url))
    with engine.begin() as conn:
        for telegram_id in (F1, F2):
            conn.execute(insert(Staff).values(telegram_id=telegram_id, districts=["firozabad"],
                                              created_at=utcnow()))
    engine.dispose()
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            seller, _new = await sellers.create(session, 4452001, 4452001, "hi")
            await session.execute(Seller.__table__.update().where(
                Seller.__table__.c.id == seller.id).values(name="सीमा",
                                                            district_code="firozabad"))
            seller = await sellers.by_id(session, seller.id)
            answers = {"category": "glass_bangles", "name": "कांच की चूड़ियाँ",
                       "features": [SHIMMER, PATTERN]}
            result = await session.execute(insert(Product.__table__).values(
                seller_id=seller.id, status="ready", photos=[], answers=answers,
                created_at=utcnow(), updated_at=utcnow()))
            await english_needed.sync(session, seller, result.inserted_primary_key[0], answers)
            return seller.id
    finally:
        await database.dispose()


async def _staff_chat(bot, user_id: int, language: str):
    chat = bot.chat(user_id=user_id, language_code="hi" if language == "हिन्दी" else "en")
    await chat.send("/start")  # staff who are also sellers of the bot
    await chat.press(language)
    await chat.press("✅")  # consent
    return chat


async def test_keep_check_share_and_correct_through_the_bot(settings) -> None:
    settings = dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))
    seller_id = await _seed(settings)
    async with Bot(settings) as bot:
        # Staff need no seller row for a form: the first never sent /start (a chat row).
        first = bot.chat(user_id=F1, language_code="en")
        screen = await first.send("/english")
        assert SHIMMER in screen.text and "सीमा" in screen.text
        await first.press("✍ English for 1")
        screen = await first.send("Shimmering bangle")
        assert "Saved" in screen.text and "Keep a word" in screen.text
        assert f"1. {SHIMMER} → Shimmering bangle" in screen.text and "2. झिलमिल" in screen.text
        await first.press("📖 Keep 2")
        await first.send("Shimmering")
        screen = await first.press("Other word")
        assert "Kept for Firozabad: झिलमिल → Shimmering" in screen.text
        screen = await first.send("/glossary")
        assert "झिलमिल → Shimmering" in screen.text and "waiting for a check" in screen.text
        assert not [label for label, _d in first.buttons() if label.startswith("✅")]

        second = await _staff_chat(bot, F2, "हिन्दी")
        screen = await second.send("/staff")
        assert "आपकी जाँच के इंतज़ार में शब्द: 1" in screen.text
        await second.send("/glossary")
        screen = await second.press("✅ सही 1")
        assert screen.notice.startswith("✅ मंज़ूर")
        assert "ज़िले में इस्तेमाल हो रहा है" in screen.text
        assert not [label for label, _d in second.buttons() if label.startswith("🌐")]

        operator = bot.chat(user_id=OPERATOR)
        await operator.send("/glossary firozabad")
        screen = await operator.press("🌐 Share 1")
        assert screen.notice == "🌐 Shared with all districts."
        assert "shared with all districts" in screen.text

        screen = await first.send("/botenglish")
        assert "Colour does not run in the wash" in screen.text
        number = screen.text.split(f". {PATTERN}")[0].rsplit("\n", 1)[-1]
        await first.press(f"✏ Correct {number}")
        screen = await first.send("Colourfast: the colour stays in the wash")
        assert "seller has been told what changed" in screen.text
        assert PATTERN not in (await first.send("/botenglish")).text

    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            kinds = (await session.execute(select(OutboxMessage.kind).where(
                OutboxMessage.seller_id == seller_id))).scalars().all()
            assert kinds.count(english_needed.KIND) == 2  # the English, then the correction
            assert [e.hindi for e in await glossary_terms.in_use(session, "agra")] == [
                "झिलमिल"]
    finally:
        await database.dispose()
