"""Issue 19: every inline button label the bot can send fits a phone's row (20 characters,
Devanagari counted as characters) in both languages, seller and staff.

Two ways in: every choice of every registered form, asked with every district, craft and
category as the answers before it (a choice is a button), and a walk that presses every
button reached from the seller's and the staff's menus, collecting each keyboard sent."""

from __future__ import annotations

import dataclasses

from bot.conversation import forms
from bot.i18n import use_locale
from bot.reference import categories
from bot.reference import districts as reference
from tests.admin.seed import FIROZABAD_FACILITATOR, seed
from tests.botkit import Bot, reading
from tests.scenarios import phone_path

LIMIT = 20
TICK = "✅ "  # put before a picked choice of a multi-select or list, and a suggested one
OPERATOR = 4440001
# Buttons that end what the walk explores (the seller's data gone, the chat stopped).
_STOP = ("del", "erase", "forget")


def _answer_sets() -> list[dict[str, object]]:
    """Answers that change what a form offers: each district, craft and category."""
    sets: list[dict[str, object]] = [{}]
    sets += [{"district": d.code, "@district": d.code, "suggested_district": d.code}
             for d in reference.districts()]
    sets += [{"craft": f"c:{c.key}", "@craft": c.key} for c in reference.crafts()]
    sets += [{"category": c.key, "@craft": c.craft_key} for c in categories.categories()]
    return sets


def _too_long(labels) -> list[str]:
    return sorted({label for label in labels if len(label) > LIMIT})


async def test_every_form_choice_fits(sqlite_settings) -> None:
    async with Bot(sqlite_settings):  # registers every form
        registered = forms.registered()
    assert registered
    long: set[str] = set()
    for language in ("hi", "en"):
        with use_locale(language):
            for form in registered.values():
                for field in form.fields:
                    sources = [s for s in (field.choices, field.suggest) if s is not None]
                    room = LIMIT - (len(TICK) if field.kind in ("multi", "list")
                                    or field.suggest is not None else 0)
                    for source in sources:
                        for answers in _answer_sets():
                            try:
                                offered = source(dict(answers))
                            except (KeyError, TypeError, ValueError, AttributeError):
                                continue  # needs answers this set does not give
                            long |= {f"{form.key}.{field.key}: {c.label}" for c in offered
                                     if len(c.label) > room}
    assert not long, "\n".join(sorted(long))


async def crawl(chat, starts: tuple[str, ...], presses: int = 120) -> None:
    """Send each start command, then press every button not pressed before (by its data),
    newest keyboard first, until none is left or ``presses`` are spent."""
    pressed: set[str] = set()
    for start in starts:
        await chat.send(start)
        for _turn in range(presses):
            todo = [(mid, data) for mid in sorted(chat.keyboards, reverse=True)
                    for _label, data in chat.keyboards[mid]
                    if data not in pressed and not any(s in data for s in _STOP)]
            if not todo:
                break
            mid, data = todo[0]
            pressed.add(data)
            await chat.press_data(data, mid)


async def test_every_keyboard_a_seller_and_staff_reach_fits(sqlite_settings) -> None:
    seed(sqlite_settings.database_url)
    settings = dataclasses.replace(sqlite_settings, admin_ids=frozenset({OPERATOR}))
    long: set[str] = set()
    async with Bot(settings) as bot:
        for n, language in enumerate(("hi", "en")):
            seller = await phone_path(bot, language, user_id=5558001 + n)
            await crawl(seller, ("/menu", "/products", "/steps", "/profile", "/language",
                                 "/workshops", "/help"))
            long |= set(_too_long(reading(bot.transport.calls, seller.user_id).labels))
            for staff_id in (OPERATOR, FIROZABAD_FACILITATOR):
                staff = bot.chat(user_id=staff_id, language_code=language)
                await staff.send("/language")
                await staff.press(("हिन्दी", "English")[n])
                await crawl(staff, ("/staff",))
                long |= set(_too_long(reading(bot.transport.calls, staff_id).labels))
    assert not long, "\n".join(sorted(long))
