"""Bad input gets a clear answer in the user's language and loses nothing."""

from __future__ import annotations

import json

import pytest

from bot.i18n import _, use_locale
from tests.botkit import Bot


async def _at_name(bot, language: str = "English", code: str = "en"):
    chat = bot.chat(language_code=code)
    await chat.send("/start")
    await chat.press(language)
    await chat.press("✅")
    return chat


async def test_media_where_text_is_expected(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await _at_name(bot)
        for send in (chat.send_photo, chat.send_sticker):
            screen = await send()
            assert "I can only read typed text here" in screen.text
            assert "What is your name?" in screen.text
        # A voice note: nobody can hear it here (no facilitator, no operator), so no offer.
        screen = await chat.send_voice()
        assert "cannot listen to voice notes yet" in screen.text and "📨" not in screen.text
        assert "What is your name?" in screen.text
        screen = await chat.send("Sunita Devi")
        assert "Which district" in screen.text


async def test_media_in_hindi(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await _at_name(bot, "हिन्दी", "hi")
        screen = await chat.send_sticker()
        with use_locale("hi"):
            assert _("I can only read typed text here. Please type your answer.") in screen.text
            assert _("What is your name?") in screen.text


async def test_long_text_and_emoji_are_refused_kindly(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await _at_name(bot)
        screen = await chat.send("क" * 5000)
        assert "5,000" in screen.text and "80" in screen.text
        assert "What is your name?" in screen.text
        screen = await chat.send("🙂🙂")
        assert "What is your name?" in screen.text
        screen = await chat.send("Ramesh\x00 \u200bKumar")
        assert "Which district" in screen.text
        screen = await chat.send("/mydata")
        stored = json.loads(screen.documents[0][1])
        assert stored["seller"]["form_state"]["answers"]["name"] == "Ramesh Kumar"


async def test_unknown_district_and_did_you_mean(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await _at_name(bot)
        await chat.send("Ramesh")
        screen = await chat.send("Mumbai")
        assert "could not find that district" in screen.text
        screen = await chat.send("kanpur")
        assert "✓ Kanpur Nagar" in screen.text


async def test_paged_district_list(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await _at_name(bot)
        screen = await chat.send("Ramesh")
        assert [label for label, _ in chat.buttons()][0] == "📋 Show the list"
        screen = await chat.press("Show the list")
        labels = [label for label, _ in chat.buttons()]
        assert "Agra" in labels and "More ▶ 2/7" in labels
        await chat.press("More ▶")
        await chat.press("More ▶")
        screen = await chat.press("Firozabad")
        assert "✓ Firozabad" in screen.text
        assert "What do you make?" in screen.text


async def test_mobile_number_forms(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await _at_name(bot)
        await chat.send("Ramesh")
        await chat.send("Agra")
        await chat.send("leather shoes")
        await chat.press("Skip")
        screen = await chat.send("12345")
        assert "10 digits" in screen.text
        screen = await chat.send("Rs. 1,200/-")
        assert "10 digits" in screen.text
        screen = await chat.send("०९८७६५-४३२१०")
        assert "email" in screen.text
        await chat.press("Skip")
        screen = await chat.press("Maybe later")
        assert "Mobile: +919876543210" in screen.text
        assert "Craft: leather shoes" in screen.text or "Craft: Leather" in screen.text


async def test_old_button_and_double_tap(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await _at_name(bot)
        await chat.send("Ramesh")
        await chat.send("Agra")
        craft_message, craft_data = chat.find("⭐")
        screen = await chat.press_data(craft_data, craft_message)
        assert "business" in screen.text
        # The same button again (a double tap): nothing changes, a short notice.
        screen = await chat.press_data(craft_data, craft_message)
        assert screen.notice == "Already saved ✓"
        assert not screen.texts
        # A button from an earlier question explains itself and repeats the question.
        screen = await chat.press_data("f|profile|district|c|varanasi", craft_message)
        assert screen.notice == "This button is from an earlier message."
        assert "business" in screen.text
        # Garbage and unknown buttons never crash.
        for data in ("f|profile", "zz|1", "s|nope|v", "l|xx", "c|yes|xx|0", "f|profile|name|c|x"):
            screen = await chat.press_data(data)
            assert "Sorry, something went wrong" not in screen.text


async def test_back_and_skip(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await _at_name(bot)
        await chat.send("Ramesh")
        screen = await chat.press("◀ Back")
        assert "What is your name?" in screen.text and "Now: Ramesh" in screen.text
        screen = await chat.send("Ramesh Kumar")
        assert "Which district" in screen.text


async def test_text_when_nothing_is_asked(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await _at_name(bot)
        await chat.send("Ramesh")
        screen = await chat.send("/steps")
        assert "steps done" in screen.text
        screen = await chat.send("hello there")
        assert "unfinished answers" in screen.text
        screen = await chat.press("▶ Continue")
        assert "Which district" in screen.text
        screen = await chat.send("/cancel")
        assert "Stop" in screen.text and "kept" in screen.text
        screen = await chat.press("Yes, stop")
        assert "answers are kept" in screen.text
        screen = await chat.send("/cancel")
        assert "Throw away" in screen.text
        screen = await chat.press("Yes, throw away")
        assert "Cancelled" in screen.text
        screen = await chat.send("/cancel")
        assert "nothing to cancel" in screen.text
        screen = await chat.send("/whatever")
        assert "do not know that command" in screen.text


async def test_before_start_everything_leads_to_language(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = bot.chat(language_code=None)
        for action in (chat.send("hello"), chat.send("/steps"), chat.send_photo(),
                       chat.share_contact("+919876543210")):
            screen = await action
            assert "choose your language" in screen.text


@pytest.mark.db
async def test_failure_keeps_state_and_apologises(settings, monkeypatch) -> None:
    from bot.seller import profile

    async with Bot(settings) as bot:
        chat = await _at_name(bot)
        await chat.send("Ramesh")

        def broken(*_args):
            raise RuntimeError("district data unavailable")

        monkeypatch.setattr(profile.reference, "match_district", broken)
        screen = await chat.send("Agra")
        assert "Sorry, something went wrong" in screen.text
        assert "answers are safe" in screen.text
        monkeypatch.undo()
        screen = await chat.send("Agra")
        assert "✓ Agra" in screen.text


async def test_typed_skip_and_days_later(sqlite_settings) -> None:
    from sqlalchemy import create_engine, text

    async with Bot(sqlite_settings) as bot:
        chat = await _at_name(bot)
        await chat.send("Ramesh")
        await chat.send("Agra")
        await chat.press("⭐")
        screen = await chat.send("skip")
        assert "mobile number" in screen.text
        engine = create_engine(sqlite_settings.database_url)
        with engine.begin() as conn:
            conn.execute(text("update sellers set updated_at = '2020-01-01 00:00:00'"))
        engine.dispose()
        # Days later, "hello" is a greeting, not the answer to the open question.
        screen = await chat.send("hello")
        assert "Welcome back" in screen.text and "mobile number" in screen.text
        screen = await chat.send("hello")
        assert "10 digits" in screen.text
