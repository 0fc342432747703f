"""Shared conversation scenarios: a seller onboarded, a product described.

Tests import these instead of importing each other.
"""

from __future__ import annotations

from bot.steps.flow import STEPS
from tests import images


def steps_total(exporter: bool = False) -> int:
    """The steps a seller sees ("n of {total} steps done"): the export steps only for
    exporters. Tests count them here, so a new step does not break them."""
    return sum(1 for s in STEPS if exporter or not s.export_only)


async def onboard(bot, export: str = "No, India only", language: str = "English",
                  user_id: int = 5550001):
    chat = bot.chat(user_id=user_id)
    await chat.send("/start")
    await chat.press(language)
    await chat.press("✅")
    value = {"No, India only": "no", "Yes, I want to export": "yes"}[export]
    await fill_profile(chat, "Sunita Devi", "Varanasi", business="Banaras Silk House",
                       email="sunita@example.com", export=value)
    return chat


async def fill_profile(chat, name: str, district: str, *, business: str | None = None,
                       email: str | None = None, export: str = "no"):
    """Answer the profile form from its first question (the name) to the saved card: the
    district's first craft (⭐), the optional answers skipped (▶) when not given. Returns
    the screen of the save."""
    await chat.send(name)
    await chat.send(district)
    await chat.press("⭐")
    await (chat.send(business) if business else chat.press("▶"))
    await chat.send("9876543210")
    await (chat.send(email) if email else chat.press("▶"))
    await press_ending(chat, f"f|profile|wants_export|c|{export}")
    return await chat.press("✅")


def button_at(chat, suffix: str) -> tuple[int, str]:
    """(message id, data) of the newest button whose data ends so: on the newest message,
    else higher up (the ready lines to tick stay on the question while typed lines are
    acknowledged below)."""
    newest = [chat.last_keyboard_message] if chat.last_keyboard_message is not None else []
    for message_id in newest + sorted(chat.keyboards, reverse=True):
        for _label, data in reversed(chat.keyboards.get(message_id, [])):
            if data.endswith(suffix):
                return message_id, data
    raise AssertionError(f"no button ending {suffix!r}: {chat.buttons()}")


def button_data(chat, suffix: str) -> str:
    return button_at(chat, suffix)[1]


async def press_ending(chat, suffix: str):
    """Press that button on the message that carries it, as a phone does (so the bot edits
    that message, and ``botkit.reading`` counts only the lines the edit adds)."""
    message_id, data = button_at(chat, suffix)
    return await chat.press_data(data, message_id)


async def describe_brass_diya(chat, *, photos: bool = True, ticked: tuple[str, ...] = ()):
    """The brass diya to its summary card; ``ticked``: ready-made feature lines (their keys)
    ticked before the typed one."""
    screen = await chat.send("/newproduct")
    screen = await chat.press_data(button_data(chat, "|c|brass_art_ware"))
    screen = await chat.send("पीतल का दीया")
    screen = await chat.send("पीतल")
    screen = await chat.send("सुनहरा")
    assert "|size_dims|" in "".join(data for _l, data in chat.buttons())
    screen = await chat.send("१२ × १२ × १५")
    screen = await chat.send("1.2 kg")
    screen = await chat.send("Rs. 1,200/-")
    screen = await chat.send("₹1,499")
    screen = await chat.send("२५")
    assert "|packed|" in "".join(data for _l, data in chat.buttons())  # month of packing
    screen = await chat.send("11/2026")
    screen = await chat.press_data(button_data(chat, "|handmade|c|yes"))
    if "|gi|" in "".join(data for _l, data in chat.buttons()):
        screen = await chat.press_data(button_data(chat, "|gi|c|no"))  # GI: not registered
    screen = await chat.send("wipe with a dry cloth")
    await chat.press("✔")  # care is a list: ticked or typed lines, then Done
    for key in ticked:
        await press_ending(chat, "|#" + key)
    await chat.send("hand-engraved by Moradabad artisans")
    screen = await chat.press("✔")
    assert "|photos|" in "".join(data for _l, data in chat.buttons())
    if photos:
        screen = await chat.send_picture(images.good())
        assert "📷" in screen.text
        screen = await chat.press("✔")
    else:
        screen = await chat.press("▶")
    return screen




async def describe_until_photos(chat) -> None:
    await chat.send("/newproduct")
    await chat.press_data(button_data(chat, "|c|glass_art_ware"))
    for answer in ("Glass vase", "glass", "blue", "20x20x30", "900 g", "850", "999", "10"):
        await chat.send(answer)
    await chat.press("Skip")  # month of packing
    await chat.press("No")
    await chat.press("Skip")
    await chat.press("Skip")


async def skip_if_asked(chat, *fields: str) -> None:
    """Skip optional questions that only some products get (month packed, FSSAI...)."""
    for field in fields:
        if any(f"|{field}|" in data for _l, data in chat.buttons()):
            await press_ending(chat, f"|{field}|s|")


# ---------------------------------------------------------------- the phone reader's path

PATH_LANGUAGES = {"hi": "हिन्दी", "en": "English"}


async def phone_path(bot, language: str = "hi", user_id: int = 5557001, *,
                     every: bool = False):
    """Issue 19's path, as a new seller walks it: /start in ``language``, the profile, one
    product with three photos, drafts for two marketplaces (``every``: "All of them"
    instead), the price calculator. The typed
    answers are the same in both languages (Hindi names, so the drafts ask for their English
    spelling), so the two walks differ only in the bot's words. Returns the chat; every call
    the bot made is in ``bot.transport.calls``."""
    chat = bot.chat(user_id=user_id, language_code=language)
    await chat.send("/start")
    await chat.press(PATH_LANGUAGES[language])
    await chat.press("✅")
    await fill_profile(chat, "सुनीता देवी", "वाराणसी", business="बनारस हस्तकला",
                       export="no")
    await chat.send("/newproduct")
    await press_ending(chat, "|c|brass_art_ware")
    for answer in ("पीतल का दीया", "पीतल", "सुनहरा", "१२ × १२ × १५", "1.2 kg", "Rs. 1,200/-",
                   "₹1,499", "२५"):
        await chat.send(answer)
    await skip_if_asked(chat, "packed")
    await press_ending(chat, "|handmade|c|yes")
    if "|gi|" in "".join(data for _l, data in chat.buttons()):
        await press_ending(chat, "|gi|c|no")
    await chat.send("सूखे कपड़े से पोंछें")
    await press_ending(chat, "|care|d|")
    await chat.send("हाथ से नक्काशी")
    await press_ending(chat, "|features|d|")
    for size in (1200, 1100, 1000):
        await chat.send_picture(images.good(size))
    await press_ending(chat, "|photos|d|")
    await press_ending(chat, "|-|ok|")  # the summary card: save
    await press_ending(chat, "|drafts")
    await chat.send("गली नं. 4, वाराणसी 221001")
    await press_ending(chat, "|brand_en|c|ok")
    await press_ending(chat, "|maker_en|c|ok")
    if every:
        await press_ending(chat, "|all")
    else:
        await press_ending(chat, "|flipkart")
        await press_ending(chat, "|meesho")
    await press_ending(chat, "|open")  # back to the product
    await press_ending(chat, "|price")
    await press_ending(chat, "|marketplace|c|flipkart")
    for answer in ("600", "40", "200"):
        await chat.send(answer)
    await skip_if_asked(chat, "size_dims")
    if any("|zone|" in data for _l, data in chat.buttons()):
        await press_ending(chat, "|zone|c|national")
    return chat
