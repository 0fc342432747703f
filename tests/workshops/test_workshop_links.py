"""``/start w_<workshop>`` (a workshop poster's QR code, or typed from its short text): the
workshop's card at once for an onboarded seller; after onboarding for a newcomer, kept in
the database in between (a restart between the steps loses nothing); a friendly notice in
the seller's language for a cancelled, past, unknown, draft or garbage link."""

from __future__ import annotations

import time

from sqlalchemy import create_engine, select

from bot.db.engine import sync_url
from bot.db.models import Seller
from tests.admin.seed import add_workshop
from tests.botkit import Bot
from tests.scenarios import fill_profile


def _seller(settings, telegram_id: int) -> tuple[str | None, int | None]:
    engine = create_engine(sync_url(settings.database_url))
    try:
        with engine.connect() as conn:
            row = conn.execute(select(Seller.district_code, Seller.pending_workshop_id).where(
                Seller.telegram_id == telegram_id)).one()
            return row.district_code, row.pending_workshop_id
    finally:
        engine.dispose()


async def _finish_profile(chat, *, hindi: bool = False) -> object:
    """Name, the district the workshop suggests (one press), craft, no business, phone,
    no email, no export, save."""
    await chat.send("सुनीता" if hindi else "Sunita Devi")
    await chat.press_data("f|profile|district|c|firozabad")  # "✅ Firozabad"
    await chat.press("⭐")
    await chat.press("▶")  # no business name
    await chat.send("9876543210")
    await chat.press("▶")  # no email
    await chat.press_data("f|profile|wants_export|c|no")
    return await chat.press("✅")


async def test_a_newcomer_sees_the_workshop_after_onboarding_across_a_restart(settings) -> None:
    workshop = add_workshop(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=5553001)
        await chat.send(f"/start w_{workshop}")
        assert all(data.startswith("lw|") and data.endswith(f"|{workshop}")
                   for _l, data in chat.buttons())
        await chat.press("English")
        assert all(data.startswith("cw|") for _l, data in chat.buttons())
        screen = await chat.press("✅")
        assert "Packing glass safely" in screen.text  # "after your profile I will show..."
        # The workshop's district is suggested, not filed: the seller confirms it.
        assert _seller(settings, 5553001) == (None, workshop)
        await chat.send("Sunita Devi")
    # The bot restarts in the middle of the profile: the workshop waits in the database.
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=5553001)
        await chat.press_data("f|profile|district|c|firozabad")  # "✅ Firozabad"
        screen = await chat.send("Glass bangles")
        assert "business" in screen.text.lower()
        await chat.press("▶")
        await chat.send("9876543210")
        await chat.press("▶")
        await chat.press_data("f|profile|wants_export|c|no")
        screen = await chat.press("✅")
        assert "✅ Saved." in screen.text and "Your steps to sell online" in screen.text
        assert "Packing glass safely" in screen.text and "IST" in screen.text
        assert "Collectorate" in screen.text
        assert any(data == f"w|{workshop}|going|" for _l, data in chat.buttons())
        assert _seller(settings, 5553001) == ("firozabad", None)  # shown once, then gone
        screen = await chat.press("✅ Going")
        assert "on the list" in screen.text


async def test_in_hindi_an_onboarded_seller_gets_the_card_at_once(settings) -> None:
    workshop = add_workshop(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=5553002, language_code="hi")
        await chat.send(f"/start w_{workshop}")
        await chat.press("हिन्दी")
        screen = await chat.press("✅")
        assert "कांच की सुरक्षित पैकिंग" in screen.text
        screen = await _finish_profile(chat, hindi=True)
        assert "कांच की सुरक्षित पैकिंग" in screen.text and "IST" in screen.text
        # Later, typed from the poster's short text while another form waits:
        await chat.send("/newproduct")
        screen = await chat.send(f"/start W_{workshop}")
        assert "कांच की सुरक्षित पैकिंग" in screen.text
        assert any(data == f"w|{workshop}|going|" for _l, data in chat.buttons())


async def test_cancelled_past_unknown_and_garbage_links_in_both_languages(settings) -> None:
    cancelled = add_workshop(settings.database_url, status="cancelled", title="Old plan")
    past = add_workshop(settings.database_url, days=-3, title="Last month's talk")
    draft = add_workshop(settings.database_url, status="draft", title="Secret draft")
    agra = add_workshop(settings.database_url, districts=("agra",), title="Agra only")
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=5553003)
        await chat.send("/start")
        await chat.press("English")
        await chat.press("✅")
        await fill_profile(chat, "Sunita Devi", "Firozabad")
        for payload, words in ((f"w_{cancelled}", "was cancelled"),
                               (f"w_{past}", "already over"),
                               (f"w_{draft}", "could not find that workshop"),
                               ("w_99999", "could not find that workshop"),
                               ("w_1%27;DROP", "could not find that workshop"),
                               ("w_" + "9" * 40, "could not find that workshop"),
                               (f"w_{agra}", "for sellers of Agra")):
            screen = await chat.send(f"/start {payload}")
            assert words in screen.text, (payload, screen.text)
            assert "Secret draft" not in screen.text and "Traceback" not in screen.text
            assert not any(d.endswith("|going|") for _l, d in chat.buttons())
        hindi = bot.chat(user_id=5553004, language_code="hi")
        await hindi.send("/start")
        await hindi.press("हिन्दी")
        await hindi.press("✅")
        await fill_profile(hindi, "सुनीता", "फ़िरोज़ाबाद")
        screen = await hindi.send(f"/start w_{cancelled}")
        assert "रद्द" in screen.text
        screen = await hindi.send("/start w_abc")
        assert "वर्कशॉप" in screen.text and "could not" not in screen.text
        # A newcomer with a bad link: told in both languages, then onboarding as usual.
        newcomer = bot.chat(user_id=5553005)
        screen = await newcomer.send(f"/start w_{past}")
        assert "already over" in screen.text and "Last month's talk" in screen.text
        assert all(data.startswith("l|") for _l, data in newcomer.buttons())
        screen = await newcomer.send(f"/start w_{draft}")
        assert "Secret draft" not in screen.text


async def test_crafted_workshop_buttons_store_nothing(settings) -> None:
    draft = add_workshop(settings.database_url, status="draft")
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=5553006)
        await chat.press_data("lw|en|99999")
        await chat.press_data(f"cw|yes|en|{draft}|{int(time.time() // 60)}")
        assert _seller(settings, 5553006) == (None, None)  # no district, no workshop kept


async def test_typed_yes_keeps_the_workshop(settings) -> None:
    workshop = add_workshop(settings.database_url, districts=("agra", "firozabad"))
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=5553007)
        await chat.send(f"/start w_{workshop}")
        await chat.press("English")
        await chat.send("yes")  # typed instead of pressing "I agree"
        # Two districts: none is pre-selected, the workshop is kept.
        assert _seller(settings, 5553007) == (None, workshop)


async def test_a_seller_mid_profile_follows_a_link(settings) -> None:
    workshop = add_workshop(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=5553008)
        await chat.send("/start")
        await chat.press("English")
        await chat.press("✅")
        screen = await chat.send(f"/start w_{workshop}")
        assert "finish your profile" in screen.text
        assert _seller(settings, 5553008) == (None, workshop)  # no district by a link
        await chat.send("Sunita Devi")
        await chat.send("Firozabad")
        await chat.press("⭐")
        await chat.press("▶")
        await chat.send("9876543210")
        await chat.press("▶")
        await chat.press_data("f|profile|wants_export|c|no")
        screen = await chat.press("✅")
        assert "Packing glass safely" in screen.text
