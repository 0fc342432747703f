"""The whole onboarding through the real Application, in English and in Hindi."""

from __future__ import annotations

import json

import pytest

from tests.botkit import Bot, count_rows
from tests.scenarios import fill_profile, steps_total


async def _onboard_english(chat) -> None:
    screen = await chat.send("/start")
    assert "choose your language" in screen.text
    screen = await chat.press("English")
    assert "Do you agree?" in screen.text
    screen = await chat.press("I agree")
    assert "What is your name?" in screen.text
    screen = await chat.send("Sunita Devi")
    assert "Which district" in screen.text
    screen = await chat.send("Ferozabad")
    assert "✓ Firozabad" in screen.text
    assert "⭐ Glassware" in [label for label, _ in chat.buttons()]
    screen = await chat.press("⭐ Glassware")
    assert "business" in screen.text
    screen = await chat.send("Sunita Glass Works")
    assert "mobile number" in screen.text
    screen = await chat.share_contact("+91 98765 43210")
    assert "email" in screen.text
    screen = await chat.press("Skip")
    assert "export" in screen.text
    screen = await chat.press("No, India only")
    assert "Please check your answers" in screen.text
    assert "Mobile: +919876543210" in screen.text
    assert "Craft: Glassware" in screen.text


@pytest.mark.db
async def test_english_onboarding_and_steps(settings) -> None:
    async with Bot(settings) as bot:
        chat = bot.chat()
        await _onboard_english(chat)
        screen = await chat.press("Save")
        assert "✅ Saved." in screen.text and "Your steps to sell online" in screen.text
        assert f"0 of {steps_total()} steps done" in screen.text
        screen = await chat.press("Next: PAN card")
        assert "PAN card — ⬜ Not done yet" in screen.text
        screen = await chat.press("ℹ️ More")  # the how-to, on the same card (issue 19)
        assert "incometax.gov.in" in screen.text
        screen = await chat.press("✅ Done")
        assert "type your PAN" in screen.text
        screen = await chat.send("abcpe 1234 f")
        assert f"1 of {steps_total()} steps done" in screen.text
        assert "✅ PAN card" in [label for label, _ in chat.buttons()]
        screen = await chat.send("/steps")
        assert f"1 of {steps_total()} steps done" in screen.text


async def test_hindi_onboarding(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = bot.chat(language_code="hi")
        screen = await chat.send("/start")
        assert chat.buttons()[0][0].startswith("हिन्दी")
        screen = await chat.press("हिन्दी")
        assert "सहमत" in screen.text
        screen = await chat.press("✅")
        screen = await chat.send("सुनीता देवी")
        screen = await chat.send("फ़िरोज़ाबाद")
        assert "✓ फिरोजाबाद" in screen.text or "✓ फ़िरोज़ाबाद" in screen.text
        screen = await chat.press("⭐")
        screen = await chat.press("▶")  # skip business name
        screen = await chat.send("९८७६५ ४३२१०")
        screen = await chat.press("▶")  # skip email
        screen = await chat.press_data(_data(chat, "later"))
        assert "+919876543210" in screen.text
        screen = await chat.press("✅")
        assert str(steps_total()) in screen.text  # "0 of N steps done"
        assert any("PAN" in label for label, _ in chat.buttons())
        # Everything the seller saw after choosing Hindi is Hindi, apart from names.
        assert "What" not in screen.text and "Please" not in screen.text


SAVED = {"en": ("saved", "Saved"), "hi": ("सेव हो",)}


@pytest.mark.parametrize("language", ["en", "hi"])
async def test_saving_the_profile_says_saved_once(sqlite_settings, language) -> None:
    """A walk: the review card was edited to end "✅ सेव हो गया।" and a new message said
    "धन्यवाद, {name}! आपकी प्रोफ़ाइल सेव हो गई है।" — the same news twice on a phone. The
    card keeps "✅ Saved."; the next message thanks and says what comes next (the steps),
    and saving an edit from /profile goes on to the menu without "updated"."""
    async with Bot(sqlite_settings) as bot:
        chat = bot.chat(language_code=language)
        await chat.send("/start")
        await chat.press({"en": "English", "hi": "हिन्दी"}[language])
        await chat.press("✅")
        screen = await fill_profile(chat, "Sunita Devi", "Firozabad")
        assert sum(screen.text.count(word) for word in SAVED[language]) == 1, screen.text
        assert str(steps_total()) in screen.texts[-1] and "Sunita Devi" in screen.texts[-1]
        steps_line = {"en": "Your steps to sell online", "hi": "ऑनलाइन बेचने के स्टेप"}
        assert steps_line[language] in screen.texts[-1]
        await chat.send("/profile")
        screen = await chat.press("✅")
        assert sum(screen.text.count(word) for word in SAVED[language]) == 1, screen.text
        assert {"en": "updated", "hi": "अपडेट"}[language] not in screen.text
        assert {"en": "What would you like to do?", "hi": "क्या करना"}[language] in screen.text


def _data(chat, value: str) -> str:
    for _label, data in chat.buttons():
        if data.endswith("|" + value):
            return data
    raise AssertionError(value)


@pytest.mark.db
async def test_edit_field_from_summary(settings) -> None:
    async with Bot(settings) as bot:
        chat = bot.chat()
        await _onboard_english(chat)
        screen = await chat.press("✏️ District")
        assert "Now: Firozabad" in screen.text
        screen = await chat.send("moradabad")
        # The craft depended on the district, so it is asked again.
        assert "What do you make?" in screen.text
        screen = await chat.press("⭐")
        assert "Please check your answers" in screen.text
        assert "District: Moradabad" in screen.text
        screen = await chat.press("Save")
        screen = await chat.send("/mydata")
        name, data = screen.documents[0]
        stored = json.loads(data)
        assert stored["seller"]["district_code"] == "moradabad"
        assert stored["seller"]["phone"] == "+919876543210"


@pytest.mark.db
async def test_restart_mid_form_continues(settings) -> None:
    async with Bot(settings) as bot:
        chat = bot.chat()
        await chat.send("/start")
        await chat.press("English")
        await chat.press("I agree")
        await chat.send("Ramesh Kumar")
    # A new process on the same database.
    async with Bot(settings) as bot:
        chat = bot.chat()
        screen = await chat.send("/start")
        assert "Welcome back" in screen.text
        assert "Which district" in screen.text
        screen = await chat.send("Varanasi")
        assert "✓ Varanasi" in screen.text


@pytest.mark.db
async def test_language_switch_mid_form_keeps_answers(settings) -> None:
    async with Bot(settings) as bot:
        chat = bot.chat()
        await chat.send("/start")
        await chat.press("English")
        await chat.press("I agree")
        await chat.send("Ramesh Kumar")
        await chat.send("Agra")
        screen = await chat.send("/language")
        screen = await chat.press("हिन्दी")
        assert "हिन्दी" in screen.text
        # The same question (craft) comes back, now in Hindi.
        assert "ODOP" in screen.text and "What do you make" not in screen.text
        await chat.press("⭐")
        await chat.press("▶")
        await chat.send("9876543210")
        await chat.press("▶")
        screen = await chat.press_data(_data(chat, "no"))
        assert "Ramesh Kumar" in screen.text and "आगरा" in screen.text


@pytest.mark.db
async def test_delete_then_start_fresh(settings) -> None:
    async with Bot(settings) as bot:
        chat = bot.chat()
        await _onboard_english(chat)
        await chat.press("Save")
        screen = await chat.send("/delete")
        assert "cannot be undone" in screen.text
        screen = await chat.press("Yes, delete all")
        assert "All your data has been deleted" in screen.text
        # Double tap on the same button after deletion.
        screen = await chat.press_data("p|del|yes")
        assert screen.notice and "nothing stored" in screen.notice
        screen = await chat.send("/mydata")
        assert "nothing stored" in screen.text
        screen = await chat.send("/start")
        assert "choose your language" in screen.text


async def test_nothing_stored_before_consent(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = bot.chat()
        await chat.send("/start")
        await chat.press("English")
        screen = await chat.press("No, thanks")
        assert "Nothing about you is stored" in screen.text
        await chat.send("hello")
    assert count_rows(sqlite_settings.database_url, "sellers") == 0


async def test_language_picker_ticks_the_active_language(sqlite_settings) -> None:
    """Issue 19: a phone set to Hindi, English chosen: /language ticks English (it used to
    tick हिन्दी, the phone's setting)."""
    async with Bot(sqlite_settings) as bot:
        chat = bot.chat(language_code="hi")
        screen = await chat.send("/start")
        assert tuple(label for label, _d in chat.buttons()) == ("हिन्दी ✓", "English")
        await chat.press("English")
        await chat.press("✅")
        await chat.send("/language")
        labels = [label for label, _d in chat.buttons()]
        assert "English ✓" in labels and "हिन्दी" in labels, labels
        assert screen.text


@pytest.mark.parametrize(("language", "button"), [("hi", "हिन्दी"), ("en", "English")])
async def test_the_district_question_names_no_button_it_lacks(sqlite_settings, language,
                                                              button) -> None:
    """A walk: after a poster's link the district question said "or press “📋 सूची
    देखें”", but the screen had "✅ फिरोजाबाद" and "📋 दूसरा ज़िला". Every quoted button name
    in a question is on its screen, with or without a link's suggestion."""
    import re

    for user_id, start in ((5551301, "/start d_firozabad"), (5551302, "/start")):
        async with Bot(sqlite_settings) as bot:
            chat = bot.chat(user_id=user_id, language_code=language)
            await chat.send(start)
            await chat.press(button)
            await chat.press("✅")
            screen = await chat.send("Sunita Devi")
            labels = [label for label, _data in chat.buttons()]
            assert len(labels) >= 2
            for quoted in re.findall(r"“([^”]+)”", screen.text):
                assert quoted in labels, (quoted, labels)
