"""Who needs help: help asked on a step, or stopped 7+ days; resolving; district limits."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import create_engine, insert, update

from bot.db.engine import sync_url
from bot.db.models import Staff, StepProgress, utcnow
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, seed
from tests.botkit import Bot
from tests.scenarios import onboard


async def test_firozabad_finds_three_stuck_on_gstin_and_resolves_one(settings) -> None:
    ids = seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR)
        await chat.send("/staff")
        screen = await chat.press("🙋")
        assert "Who needs help in Firozabad: 3" in screen.text
        assert screen.text.count("asked for help with: GSTIN") == 3
        assert "+919812345678" in screen.text  # their own district: contact shown
        assert "Agra" not in screen.text
        screen = await chat.press("✅ Meena")
        assert screen.notice == "Marked resolved ✓"
        assert "Who needs help in Firozabad: 2" in screen.text and "Meena" not in screen.text
        # she asks again later: back on the list
        engine = create_engine(sync_url(settings.database_url))
        with engine.begin() as conn:
            conn.execute(update(StepProgress).where(
                StepProgress.seller_id == ids["Meena Firozabad"],
                StepProgress.status == "help").values(updated_at=utcnow() + timedelta(seconds=5)))
        engine.dispose()
        assert "Meena" in (await chat.send("/needhelp")).text


async def test_idle_mid_form_is_listed_with_where_they_stopped(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=AGRA_FACILITATOR)
        screen = await chat.send("/needhelp agra")
        assert "Kamla Agra" in screen.text
        assert "stopped 10 days ago in the middle of: Your profile › Craft" in screen.text
        assert "Suresh" not in screen.text  # seen today


async def test_agra_cannot_see_or_resolve_firozabad_sellers(settings) -> None:
    ids = seed(settings.database_url)
    meena = ids["Meena Firozabad"]
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=AGRA_FACILITATOR)
        screen = await chat.send("/needhelp firozabad")
        assert "not one of yours" in screen.text and "Meena" not in screen.text
        screen = await chat.press_data("sa|help|firozabad")
        assert "not one of yours" in screen.notice and not screen.texts
        for data in (f"sh|{meena}|done|agra", f"sh|{meena}|done|firozabad",
                     f"sh|{meena}|done|*"):
            screen = await chat.press_data(data)
            assert "not one of yours" in screen.notice and not screen.texts
        # still waiting for the Firozabad facilitator
        other = bot.chat(user_id=FIROZABAD_FACILITATOR)
        assert "Meena" in (await other.send("/needhelp")).text


async def test_a_seller_pressing_i_need_help_appears_in_hindi(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        seller = await onboard(bot, user_id=5559001)  # Varanasi
        await seller.send("/steps")
        await seller.press("PAN")
        await seller.press("🙋")
        staff_chat = bot.chat(user_id=FIROZABAD_FACILITATOR + 100, language_code="hi")
        engine = create_engine(sync_url(settings.database_url))
        with engine.begin() as conn:
            conn.execute(insert(Staff).values(telegram_id=FIROZABAD_FACILITATOR + 100,
                                              districts=["varanasi"], created_at=utcnow()))
        engine.dispose()
        screen = await staff_chat.send("/needhelp")
        assert "वाराणसी" in screen.text and "Sunita Devi" in screen.text
        assert "मदद" in screen.text
