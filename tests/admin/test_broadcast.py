"""Broadcast to a district: compose (English and Hindi), preview, confirm once, send
through the outbox, progress and the final report, stop in flight; district limits."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import create_engine, func, select, update

from bot.app import build_sender
from bot.db.engine import sync_url
from bot.db.models import Broadcast, OutboxMessage, Seller, utcnow
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, seed
from tests.botkit import Bot
from tests.scenarios import onboard

EN = "GST camp at the DIC office on Monday, 11 am."
HI = "सोमवार सुबह 11 बजे DIC ऑफिस में GST कैंप है।"


def _sql(settings, statement):
    engine = create_engine(sync_url(settings.database_url))
    with engine.begin() as conn:
        result = conn.execute(statement)
        rows = result.all() if result.returns_rows else None
    engine.dispose()
    return rows


def _block_and_english(settings, ids) -> None:
    """Gita blocked the bot; Rani reads English (the seed's sellers read Hindi)."""
    _sql(settings, update(Seller).where(Seller.id == ids["Gita Firozabad"])
         .values(unreachable_at=utcnow()))
    _sql(settings, update(Seller).where(Seller.id == ids["Rani Firozabad"])
         .values(language="en"))


def _chat_id(settings, seller_id: int) -> int:
    return _sql(settings, select(Seller.chat_id).where(Seller.id == seller_id))[0][0]


def _delivered(bot, chat_id: int, start: int = 0) -> list[str]:
    return [c.params.get("text", "") for c in bot.transport.calls[start:]
            if c.method == "sendMessage" and int(c.params.get("chat_id", 0)) == chat_id]


async def _compose(chat, en: str = EN, hi: str = HI, who: str = "All sellers"):
    await chat.send("/broadcast")
    await chat.send(en)
    await chat.send(hi)
    screen = await chat.press("Skip ▶")
    assert "only to those stuck at one stage?" in screen.text
    await chat.press(who)
    screen = await chat.press("🚨 Urgent")  # at once, whatever the time the test runs
    assert EN in screen.text and HI in screen.text  # the summary card
    return await chat.press("✅ Save")


async def test_preview_confirm_five_times_send_and_report(settings) -> None:
    ids = seed(settings.database_url)
    _block_and_english(settings, ids)
    async with Bot(settings) as bot:
        chat = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        screen = await _compose(chat)
        # a sample in each language, to the facilitator only
        assert "Sample for sellers who read English:" in screen.text and EN in screen.text
        assert "Sample for sellers who read Hindi:" in screen.text and HI in screen.text
        assert "फिरोजाबाद" in screen.text  # the Hindi sample's heading is Hindi
        assert "It will go to 3 sellers." in screen.text
        assert "Hindi: 2 sellers · English: 1 seller" in screen.text
        assert "It goes out now." in screen.text
        assert "Left out: 1 seller who blocked the bot." in screen.text
        assert "Sending takes about 1 second at the current rate." in screen.text
        assert _sql(settings, select(func.count()).select_from(OutboxMessage))[0][0] == 0

        mid, data = chat.find("✅ Send to 3 sellers")
        first = await chat.press_data(data, mid)
        assert "Queued for 3 sellers" in first.text
        for _ in range(4):
            again = await chat.press_data(data, mid)
            assert again.notice == "Already done ✓" and not again.texts
        # the same data from another message (a forwarded or edited button) queues nothing
        other = await chat.press_data(data, mid + 1000)
        assert other.notice == "Already done ✓"
        assert _sql(settings, select(func.count()).select_from(Broadcast))[0][0] == 1
        keys = sorted(r[0] for r in _sql(settings, select(OutboxMessage.dedupe_key)))
        assert len(keys) == 3 and all(k.startswith("b:") for k in keys)

        mark = len(bot.transport.calls)
        sender = build_sender(settings, bot.app.bot_data["runtime"].database,
                              request=bot.transport)
        await sender.bot.initialize()
        assert await sender.drain() == 3
        await sender.bot.shutdown()
        meena = _delivered(bot, _chat_id(settings, ids["Meena Firozabad"]), mark)
        rani = _delivered(bot, _chat_id(settings, ids["Rani Firozabad"]), mark)
        gita = _delivered(bot, _chat_id(settings, ids["Gita Firozabad"]), mark)
        assert len(meena) == 1 and HI in meena[0] and EN not in meena[0]
        assert len(rani) == 1 and EN in rani[0] and "Firozabad" in rani[0]
        assert gita == []  # blocked the bot: left out

        screen = await chat.press("🔄 Progress")
        assert "Broadcast finished" in screen.text
        assert "Sent: 3 · Failed: 0 · Unknown: 0" in screen.text


async def test_stop_in_flight(settings) -> None:
    ids = seed(settings.database_url)
    _block_and_english(settings, ids)
    async with Bot(settings) as bot:
        chat = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        await _compose(chat)
        await chat.press("✅ Send to 3 sellers")
        # a sender at one message a second takes one row per batch
        slow = replace(settings, outbox_rate=1.0)
        sender = build_sender(slow, bot.app.bot_data["runtime"].database,
                              request=bot.transport)
        await sender.bot.initialize()
        assert await sender.run_once() == 1
        screen = await chat.press("🔄 Progress")
        assert "Still waiting: 2" in screen.text and "Sent: 1" in screen.text
        screen = await chat.press("⏹ Stop sending")
        assert "Stopped: 2 messages will not be sent." in screen.text
        assert "Broadcast stopped. Final report:" in screen.text
        assert "Sent: 1 · Failed: 0 · Unknown: 0" in screen.text
        assert "Not sent (stopped, or the seller blocked the bot): 2" in screen.text
        mark = len(bot.transport.calls)
        assert await sender.drain() == 0
        await sender.bot.shutdown()
        for name in ("Meena Firozabad", "Rani Firozabad", "=HYPERLINK(\"http://x\")"):
            assert _delivered(bot, _chat_id(settings, ids[name]), mark) == []
        again = await chat.press_data(chat.find("⏹ Stop sending")[1])
        assert again.notice == "Already stopped."


async def test_discard_before_sending_and_unknown_craft(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        await chat.send("/broadcast firozabad")
        await chat.send(EN)
        await chat.send(HI)
        screen = await chat.send("Narnia weaving")
        assert "I do not know that craft" in screen.text
        # the district's own craft is offered, and is the example that works
        assert "for example: Glassware & glass art;" in screen.text
        assert ("Glassware", "f|broadcast|craft|c|glassware") in chat.buttons()  # short form
        await chat.press("Skip ▶")
        await chat.press("All sellers")
        await chat.press("⏰ Normal")
        await chat.press("✅ Save")
        mid, send = chat.find("✅ Send to 4 sellers")
        screen = await chat.press("✖ Discard")
        assert "Discarded. Nothing was sent." in screen.text
        screen = await chat.press_data(send, mid)
        assert "discarded" in screen.notice
        assert _sql(settings, select(func.count()).select_from(OutboxMessage))[0][0] == 0


async def test_agra_cannot_broadcast_to_firozabad(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        firozabad = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        await _compose(firozabad)
        broadcast_id = _sql(settings, select(Broadcast.id))[0][0]
        agra = await onboard(bot, user_id=AGRA_FACILITATOR)
        for command in ("/broadcast firozabad", "/broadcast फिरोजाबाद"):
            screen = await agra.send(command)
            assert "not one of yours" in screen.text and "What should" not in screen.text
        screen = await agra.press_data("sa|broadcast|firozabad")
        assert "not one of yours" in screen.notice and not screen.texts
        for action in ("send", "status", "cancel"):
            screen = await agra.press_data(f"sb|{broadcast_id}|{action}")
            assert "not one of yours" in screen.notice and not screen.texts
        assert _sql(settings, select(Broadcast.status))[0][0] == "draft"
        assert _sql(settings, select(func.count()).select_from(OutboxMessage))[0][0] == 0
        # a seller who is not staff at all
        seller = await onboard(bot, user_id=5557001)
        screen = await seller.press_data(f"sb|{broadcast_id}|send")
        assert "programme staff only" in screen.notice
        screen = await seller.send("/broadcast")
        assert "programme staff only" in screen.text


async def test_hindi_facilitator_broadcasts_and_stops(settings) -> None:
    ids = seed(settings.database_url)
    _block_and_english(settings, ids)
    async with Bot(settings) as bot:
        chat = await onboard(bot, language="हिन्दी", user_id=FIROZABAD_FACILITATOR)
        screen = await chat.send("/staff")
        screen = await chat.press("📣 सबको मैसेज")
        assert "मैसेज में क्या लिखना है?" in screen.text  # in her language first
        screen = await chat.send(HI)
        assert "यही मैसेज अंग्रेज़ी में भी?" in screen.text
        await chat.press("छोड़ें ▶")  # no English: English readers get the Hindi text
        await chat.press("छोड़ें ▶")
        await chat.press("सभी सेलर्स")
        await chat.press("🚨 ज़रूरी")
        screen = await chat.press("✅ सेव करें")
        assert "अंग्रेज़ी पढ़ने वालों के लिए नमूना:" in screen.text
        assert "यह मैसेज 3 सेलर को जाएगा।" in screen.text
        assert "हिंदी: 2 सेलर · अंग्रेज़ी: 1 सेलर (इन्हें हिंदी मैसेज जाएगा)" in screen.text
        assert EN not in screen.text  # both samples carry the Hindi text
        assert "छोड़े गए: 1 सेलर, जिन्होंने बॉट को ब्लॉक किया है।" in screen.text
        assert "लगभग 1 सेकंड" in screen.text
        screen = await chat.press("✅ 3 सेलर को भेजें")
        assert "3 सेलर के लिए तैयार" in screen.text
        screen = await chat.press("⏹ भेजना रोकें")
        assert "⏹ रोक दिया: 3 मैसेज नहीं भेजे जाएँगे।" in screen.text
        assert "भेजे गए: 0 · नहीं पहुँचे: 0 · पता नहीं: 0" in screen.text
        agra = await onboard(bot, language="हिन्दी", user_id=AGRA_FACILITATOR)
        screen = await agra.send("/broadcast फिरोजाबाद")
        assert "यह ज़िला आपके ज़िलों में नहीं है" in screen.text


async def test_broadcast_to_sellers_stuck_at_a_stage(settings) -> None:
    """Firozabad: Meena, Rani and Gita have a profile and 3 steps (stuck under half the
    steps; Gita blocked the bot); the fourth seller sent drafts and came to a workshop."""
    ids = seed(settings.database_url)
    _block_and_english(settings, ids)
    async with Bot(settings) as bot:
        chat = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        screen = await _compose(chat, who="Under half the steps")
        assert "only: Under half the steps" in screen.text
        assert "It will go to 2 sellers." in screen.text
        assert "Left out: 1 seller who blocked the bot." in screen.text
        await chat.press("✅ Send to 2 sellers")
        queued = {row[0] for row in _sql(settings, select(OutboxMessage.seller_id))}
        assert queued == {ids["Meena Firozabad"], ids["Rani Firozabad"]}
        # Nobody is stuck between drafts and a workshop: nothing to send.
        screen = await _compose(chat, who="No workshop yet")
        assert "It will go to 0 sellers." in screen.text
        assert "Nobody to send it to yet." in screen.text
        assert not [b for b, _d in chat.buttons() if b.startswith("✅ Send")]


async def test_hindi_stage_choice(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = await onboard(bot, language="हिन्दी", user_id=FIROZABAD_FACILITATOR)
        await chat.send("/broadcast")
        await chat.send(HI)
        await chat.send(EN)
        screen = await chat.press("छोड़ें ▶")
        labels = [label for label, _d in chat.buttons()]
        assert "सभी सेलर्स" in labels and "अभी प्रोफ़ाइल नहीं" in labels, labels
        assert all(len(label) <= 22 for label in labels), labels
        await chat.press("ड्राफ़्ट नहीं भेजे")
        await chat.press("⏰ सामान्य")
        screen = await chat.press("✅ सेव करें")
        assert "यह मैसेज 0 सेलर को जाएगा।" in screen.text


def test_broadcasts_wait_for_the_morning_unless_urgent() -> None:
    """Issue 20 item 8: quiet hours (21:00–08:00 IST) hold a broadcast for 08:00."""
    from datetime import datetime

    from bot.admin.broadcasting import goes_at
    from bot.workshops.reminders import IST

    night = datetime(2026, 12, 9, 22, 15, tzinfo=IST)
    assert goes_at(night, urgent=False) == datetime(2026, 12, 10, 8, 0, tzinfo=IST)
    assert goes_at(night, urgent=True) == night
    early = datetime(2026, 12, 10, 6, 0, tzinfo=IST)
    assert goes_at(early, urgent=False) == datetime(2026, 12, 10, 8, 0, tzinfo=IST)
    day = datetime(2026, 12, 10, 15, 0, tzinfo=IST)
    assert goes_at(day, urgent=False) == day


async def test_a_normal_broadcast_is_queued_after_the_quiet_hours(settings) -> None:
    from datetime import timedelta

    from bot.db.models import as_utc
    from bot.workshops.reminders import after_quiet_hours

    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        await chat.send("/broadcast")
        await chat.send(EN)
        await chat.press("Skip ▶")  # no Hindi: Hindi readers get the English text
        await chat.press("Skip ▶")
        await chat.press("All sellers")
        screen = await chat.press("⏰ Normal")
        screen = await chat.press("✅ Save")
        before = utcnow()
        wait = after_quiet_hours(before) > before
        assert ("quiet hours" in screen.text) == wait, screen.text
        assert "(they get the English text)" in screen.text
        await chat.press("✅ Send to")
        due = {as_utc(r[0]) for r in _sql(settings, select(OutboxMessage.due_at))}
        (only,) = due
        assert abs(only - after_quiet_hours(utcnow())) < timedelta(seconds=30)
