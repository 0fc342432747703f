"""``/start d_<district>`` (a poster's QR code) suggests the district in onboarding; the
seller confirms it (nobody is filed under a district by a link)."""

from __future__ import annotations

import time

from sqlalchemy import create_engine, select

from bot.db.engine import sync_url
from bot.db.models import Seller
from tests.botkit import Bot


def _district_of(settings, telegram_id: int) -> str | None:
    engine = create_engine(sync_url(settings.database_url))
    try:
        with engine.connect() as conn:
            return conn.execute(select(Seller.district_code).where(
                Seller.telegram_id == telegram_id)).scalar_one()
    finally:
        engine.dispose()


async def test_district_link_suggests_the_district(settings) -> None:
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=5551234)
        await chat.send("/start d_firozabad")
        await chat.press("English")
        await chat.press("✅")
        assert _district_of(settings, 5551234) is None  # not filed under it by the link
        asked = await chat.send("Sunita Devi")  # name; then the district, with a suggestion
        assert "Which district" in asked.text
        labels = [label for label, _data in chat.buttons()]
        assert "✅ Firozabad" in labels and "📋 Another district" in labels
        await chat.press("✅ Firozabad")
        screen_text = (await chat.send("Glass bangles")).text
        assert "business" in screen_text.lower()
        for answer in ("Kanch Ghar", "9876543210"):
            await chat.send(answer)
        await chat.press("Skip")  # email
        summary = await chat.press_data("f|profile|wants_export|c|no")
        assert "Firozabad" in summary.text  # on the summary card, still changeable
        await chat.press("✅")
        assert _district_of(settings, 5551234) == "firozabad"


async def test_district_link_in_hindi_another_district_and_a_bad_one(settings) -> None:
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=5551235, language_code="hi")
        await chat.send("/start d_nowhere")
        assert all(data.startswith("l|") for _l, data in chat.buttons())
        await chat.send("/start d_agra")
        assert all(data.startswith("ll|") and data.endswith("|agra")
                   for _l, data in chat.buttons())
        await chat.press("हिन्दी")
        await chat.press("✅")
        assert _district_of(settings, 5551235) is None  # a suggestion, not a district
        await chat.send("सुनीता देवी")
        assert "✅ आगरा" in [label for label, _data in chat.buttons()]
        await chat.press("📋 दूसरा ज़िला")  # she works in Firozabad, not Agra
        await chat.send("फ़िरोज़ाबाद")
        # a crafted district in the button data is ignored, not stored
        other = bot.chat(user_id=5551236)
        await other.press_data("ll|en|nowhere")
        await other.press_data(f"lc|yes|en|nowhere|{int(time.time() // 60)}")
        assert _district_of(settings, 5551236) is None
