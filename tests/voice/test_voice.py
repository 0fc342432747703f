"""Voice through people (issue 21): a seller's voice note at the price question reaches
the Firozabad facilitator's queue (played by file id, the question named), she enters
"1200" for the seller, the seller's form moves on and she is told; Agra never sees it;
/mydata shows and /delete removes the ids; a GSTIN recording plays on "🔊 सुनें"."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, func, select

from bot.app import build_sender
from bot.db.engine import sync_url
from bot.db.models import EnteredAnswer, Seller, VoiceNote
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, seed
from tests.botkit import Bot
from tests.scenarios import button_data, fill_profile, onboard

SELLER = 5558101


def _sql(settings, statement):
    engine = create_engine(sync_url(settings.database_url))
    with engine.begin() as conn:
        rows = conn.execute(statement).all()
    engine.dispose()
    return rows


async def _seller(bot, user_id: int = SELLER, district: str = "Firozabad",
                  language: str = "English"):
    chat = bot.chat(user_id=user_id, language_code="hi" if language == "हिन्दी" else "en")
    await chat.send("/start")
    await chat.press(language)
    await chat.press("✅")
    await fill_profile(chat, "Shabnam", district)
    return chat


async def _at_price(chat) -> None:
    await chat.send("/newproduct")
    await chat.press_data(button_data(chat, "|c|glass_art_ware"))
    for answer in ("Glass vase", "glass", "blue", "20x20x30", "900 g"):
        await chat.send(answer)


async def _sender(bot, settings):
    """The outbox sender on the test's transport (what the seller is told comes by it)."""
    sender = build_sender(settings, bot.app.bot_data["runtime"].database,
                          request=bot.transport)
    await sender.bot.initialize()
    return sender


def _form(settings, user_id: int = SELLER) -> dict:
    return _sql(settings, select(Seller.form_state).where(Seller.telegram_id == user_id))[0][0]


async def test_voice_at_price_reaches_firozabad_who_enters_1200(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        sender = await _sender(bot, settings)
        firozabad = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        agra = await onboard(bot, user_id=AGRA_FACILITATOR)
        seller = await _seller(bot)
        await _at_price(seller)
        assert _form(settings)["field"] == "price"

        screen = await seller.send_voice("vcPRICE")
        assert "cannot listen" in screen.text and "your facilitator" in screen.text
        assert "Price" in screen.text
        screen = await seller.press("📨")
        assert "Sent to your facilitator" in screen.text
        assert _form(settings)["field"] == "price"  # the question is kept
        note = _sql(settings, select(VoiceNote.id))[0][0]

        # Agra never sees or reaches it
        screen = await agra.send("/needhelp")
        assert "vcPRICE" not in screen.voices and "Shabnam" not in screen.text
        for action in ("enter", "write", "done"):
            screen = await agra.press_data(f"vn|{note}|{action}")
            assert "not one of yours" in (screen.notice or "") and not screen.voices

        # Firozabad: the note itself, who, where, and the question
        screen = await firozabad.send("/needhelp")
        assert screen.voices == ["vcPRICE"]
        assert "Shabnam" in screen.text and "Firozabad" in screen.text
        assert "Add a product › Price" in screen.text or "› Price" in screen.text
        screen = await firozabad.press("✍ Enter for them")
        # One message: the seller's question heads what to type (it was two, saying the
        # same thing twice).
        assert len(screen.texts) == 1 and "› Price" in screen.text
        assert "as they would type it" in screen.text
        screen = await firozabad.send("twelve hundred")
        assert "nothing was entered" in screen.text
        assert _form(settings)["field"] == "price"
        await firozabad.press("✍ Try again")
        screen = await firozabad.send("1200")
        assert "Entered for the seller: ₹1,200" in screen.text
        state = _form(settings)
        assert state["answers"]["price"] and state["field"] == "mrp"  # her form moved on
        entry = _sql(settings, select(EnteredAnswer.entered_by, EnteredAnswer.source,
                                      EnteredAnswer.text))
        assert entry == [(FIROZABAD_FACILITATOR, "facilitator", "1200")]
        assert _sql(settings, select(VoiceNote.status))[0][0] == "answered"

        mark = len(bot.transport.calls)
        assert await sender.drain() == 1
        told = seller.inbox(mark)
        assert "entered your answer" in told.text and "1200" in told.text
        screen = await seller.press("▶")
        assert "MRP" in screen.text
        await seller.press_data(seller.find("✏️ Change it")[1])
        assert _form(settings)["field"] == "price"

        # /record lists the question sellers sent voice notes at, on a button that fits
        # a phone (the field's name where "Add a product › Price" is too long).
        await firozabad.send("/record")
        labels = [label for label, _d in firozabad.buttons() if label.startswith("🎙")]
        assert "🎙 Price" in labels and all(len(label) <= 20 for label in labels), labels

        # an entry for a question she already left is refused
        await seller.send("1250")
        screen = await seller.send_voice("vcMRP")
        await seller.press("📨")
        await firozabad.send("/needhelp")
        await firozabad.press("✍ Enter for them")
        await seller.press("▶")
        await seller.send("1500")  # she answered herself meanwhile
        assert _form(settings)["field"] != "mrp"
        screen = await firozabad.send("1400")
        assert "no longer at that question" in screen.text

        screen = await seller.send("/mydata")
        kept = json.loads(screen.documents[0][1])
        assert [n["file_id"] for n in kept["voice_notes"]] == ["vcPRICE", "vcMRP"]
        assert kept["entered_for_me"][0]["entered_by"] == FIROZABAD_FACILITATOR
        await seller.send("/delete")
        await seller.press_data(button_data(seller, "p|del|yes"))
        assert _sql(settings, select(func.count()).select_from(VoiceNote))[0][0] == 0
        assert _sql(settings, select(func.count()).select_from(EnteredAnswer))[0][0] == 0
        await sender.bot.shutdown()


async def test_no_facilitator_no_promise(settings) -> None:
    async with Bot(settings) as bot:
        seller = await _seller(bot, district="Varanasi")
        await _at_price(seller)
        screen = await seller.send_voice()
        assert "no facilitator works with your district" in screen.text
        assert not any("📨" in label for label, _d in seller.buttons())
        assert _sql(settings, select(func.count()).select_from(VoiceNote))[0][0] == 0


async def test_gstin_recording_played_on_listen(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        firozabad = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        screen = await firozabad.send("/record")
        assert "GSTIN" in screen.text and "🙋 3" in screen.text  # most needed first
        await firozabad.press_data("vr|step:gst|firozabad")
        screen = await firozabad.send_voice("vcGST")
        assert "Saved" in screen.text

        seller = await _seller(bot, language="हिन्दी")
        await seller.send("/steps")
        await seller.press_data("s|gst|v")
        screen = await seller.press("🔊 सुनें")
        assert screen.voices == ["vcGST"]
        await seller.press_data("s|pan|v")  # nothing recorded: no button
        assert not any("🔊" in label for label, _d in seller.buttons())

        agra_seller = await _seller(bot, user_id=5558102, district="Agra")
        await agra_seller.send("/steps")
        await agra_seller.press_data("s|gst|v")
        assert not any("🔊" in label for label, _d in agra_seller.buttons())
        # a crafted listen for a screen nobody recorded in Agra plays nothing
        screen = await agra_seller.press_data("vp|step:gst")
        assert not screen.voices


async def test_audio_file_and_a_spoken_answer_through_the_relay(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        sender = await _sender(bot, settings)
        firozabad = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        seller = await _seller(bot)
        await _at_price(seller)
        screen = await seller.send_audio("auPRICE")  # an audio file counts as well
        assert "cannot listen" in screen.text
        await seller.press("📨")
        await seller.press("📨")  # an old button again: queued once
        assert _sql(settings, select(func.count()).select_from(VoiceNote))[0][0] == 1
        await firozabad.send("/needhelp")
        screen = await firozabad.press("💬 Write back")
        assert len(screen.texts) == 1 and "send a voice note" in screen.text
        screen = await firozabad.send_voice("vcANSWER")
        assert "Sent" in screen.text
        mark = len(bot.transport.calls)
        assert await sender.drain() == 1
        assert seller.inbox(mark).voices == ["vcANSWER"]
        await sender.bot.shutdown()
