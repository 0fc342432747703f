"""Issue 21, voice out beyond the steps: "🔊 सुनें" under a wizard question and a
checklist item where a recording exists (district first, else the operator's for all),
never where none does."""

from __future__ import annotations

from bot.checklists.buttons import ChecklistAction
from tests.admin.seed import FIROZABAD_FACILITATOR, seed
from tests.botkit import Bot
from tests.scenarios import onboard
from tests.test_checklists import VASE_STEPS, describe
from tests.voice.test_voice import _at_price, _seller, _sender


def _listen(chat) -> bool:
    return any("🔊" in label for label, _d in chat.buttons())


async def test_listen_under_a_question_and_a_checklist_item(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        firozabad = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        seller = await _seller(bot, language="हिन्दी")
        agra_seller = await _seller(bot, user_id=5558103, district="Agra")
        await _at_price(seller)
        assert not _listen(seller)  # nothing recorded: no promise

        await firozabad.press_data("vr|ask:listing:price|firozabad")
        screen = await firozabad.send_voice("vcPRICEQ")
        assert "Saved" in screen.text

        await seller.send("/menu")
        await seller.press("▶")  # back to the question she was at
        assert _listen(seller), seller.buttons()
        screen = await seller.press("🔊 सुनें")
        assert screen.voices == ["vcPRICEQ"]
        await seller.send("1200")  # the form goes on: the next question has none
        assert not _listen(seller)

        await _at_price(agra_seller)
        assert not _listen(agra_seller)  # Firozabad's recording is Firozabad's

        # a checklist item: a crafted code is refused, a real one records and plays
        await firozabad.press_data("vr|check:nonsense|firozabad")
        screen = await firozabad.send_voice("vcX")
        assert "Saved" not in screen.text
        await firozabad.send("/cancel")
        await firozabad.press_data("vr|check:weights|firozabad")
        screen = await firozabad.send_voice("vcWEIGHTS")
        assert "Saved" in screen.text

        vase = await _seller(bot, user_id=5558104)
        await describe(vase, "glass_art_ware", VASE_STEPS)
        await vase.press("📦 Packing")
        data = next(d for _l, d in vase.buttons() if d.startswith("ck|"))
        product_id = int(data.split("|")[1])
        await vase.press_data(ChecklistAction(product_id, "item", "weights").pack())
        assert _listen(vase)
        screen = await vase.press("🔊 Listen")
        assert screen.voices == ["vcWEIGHTS"]
        await vase.press_data(ChecklistAction(product_id, "item", "brand_name").pack())
        assert not _listen(vase)


async def test_seller_answers_her_facilitator_by_voice(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        sender = await _sender(bot, settings)
        firozabad = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        seller = await _seller(bot, language="हिन्दी")
        await _at_price(seller)
        await seller.send_voice("vcQ")
        await seller.press("📨")
        await firozabad.send("/needhelp")
        await firozabad.press("💬 Write back")
        await firozabad.send("Which price, for one vase?")
        mark = len(bot.transport.calls)
        assert await sender.drain() == 1
        assert "Which price" in seller.inbox(mark).text
        screen = await seller.press("↩")
        assert "वॉइस" in screen.text or "voice" in screen.text  # not "please type"
        screen = await seller.send_voice("vcHERS")
        assert "✉" in screen.text
        mark = len(bot.transport.calls)
        assert await sender.drain() == 1
        assert firozabad.inbox(mark).voices == ["vcHERS"]
        # an old "↩" form is gone: a second voice note is not passed on again
        screen = await seller.send_voice("vcAGAIN")
        assert await sender.drain() == 0
        await sender.bot.shutdown()
