"""Progress by district: the funnel as a message and a chart, only for one's districts."""

from __future__ import annotations

import dataclasses
import io

from PIL import Image

from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, seed
from tests.botkit import Bot

OPERATOR = 4440001


async def test_facilitator_sees_the_district_funnel_and_chart(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR)
        await chat.send("/staff")
        screen = await chat.press("📊")  # one district: no picker
        assert "Progress: Firozabad" in screen.text
        assert "Joined: 4 (100%) · +3 (+1)" in screen.text
        assert "Profile done: 4 (100%)" in screen.text
        assert "Half the steps done: 1 (25%) · +0 (+1)" in screen.text
        assert "First product ready: 1 (25%) · +0 (+1)" in screen.text
        assert "Drafts sent: 1 (25%) · +1 (+0)" in screen.text
        assert "Came to a workshop: 1 (25%) · +1 (+0)" in screen.text
        assert "Agra" not in screen.text and "Ramesh" not in screen.text
        (name, png), = screen.photos
        assert name == "progress-firozabad.png"
        assert Image.open(io.BytesIO(png)).size[0] == 1200


async def test_agra_cannot_see_firozabad_by_button_edited_data_or_command(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=AGRA_FACILITATOR)
        screen = await chat.press_data("sa|progress|firozabad")
        assert "not one of yours" in screen.notice and not screen.texts
        screen = await chat.send("/progress firozabad")
        assert "not one of yours" in screen.text and "Joined" not in screen.text
        screen = await chat.send("/progress फ़िरोज़ाबाद")
        assert "not one of yours" in screen.text
        screen = await chat.send("/progress all")
        assert "Joined: 3" in screen.text and "Firozabad" not in screen.text
        screen = await chat.send("/progress agra")
        assert "Progress: Agra" in screen.text and "Joined: 3 (100%)" in screen.text


async def test_operator_sees_all_districts_with_a_breakdown(settings) -> None:
    seed(settings.database_url)
    async with Bot(dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))) as bot:
        chat = bot.chat(user_id=OPERATOR)
        screen = await chat.send("/progress all")
        assert "Joined: 7 (100%)" in screen.text
        assert "Agra: 3 → 2 → 1 → 0 → 0 → 0" in screen.text
        assert "Firozabad: 4 → 4 → 1 → 1 → 1 → 1" in screen.text
        # Issue 19: one photo with its caption (it was text, photo, "What next?"), the
        # districts without sellers counted, not listed; every district in "📄 Table".
        assert [c.method for c in screen.calls] == ["sendPhoto"]
        assert "No sellers yet: 73 districts" in screen.text
        assert len(screen.text) <= 1024 and "Lucknow" not in screen.text
        screen = await chat.press("📄 Table")
        ((name, data),) = screen.documents
        table = data.decode("utf-8-sig").splitlines()
        assert name == "progress-all.csv" and len(table) == 1 + 75
        assert "Agra,3,2,1,0,0,0" in table and "Lucknow,0,0,0,0,0,0" in table
        screen = await chat.send("/progress")
        assert "Progress of which district?" in screen.text
        # Issue 19: not 75 buttons: "all", the districts with sellers (most first), the
        # menu; any other district typed.
        assert [label for label, _d in chat.buttons()] == [
            "All my districts", "Firozabad", "Agra", "◀ Staff menu"]
        assert "/progress agra" in screen.text
        screen = await chat.send("/progress atlantis")
        assert "do not know that district" in screen.text


async def test_progress_in_hindi(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        screen = await chat.send("/progress")
        assert "प्रगति: फिरोजाबाद" in screen.text
        assert "जुड़े: 4 (100%)" in screen.text
        assert screen.photos
