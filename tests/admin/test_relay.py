"""Staff ↔ seller relay: from "who needs help" a facilitator writes to a seller, the seller
answers back, the conversation is in /mydata and goes with /delete, the step shows that
help is on the way, the texts never reach the logs; Agra cannot write to Firozabad."""

from __future__ import annotations

import json
import logging

from sqlalchemy import create_engine, func, select, update

from bot.app import build_sender
from bot.db.engine import sync_url
from bot.db.models import HelpMessage, OutboxMessage, Seller
from bot.i18n import _, use_locale
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, seed
from tests.botkit import Bot
from tests.scenarios import onboard

TO_SELLER = "नमस्ते मीना जी, GSTIN के लिए कल DIC ऑफिस आइए।"
BACK = "धन्यवाद, मैं कल 11 बजे आऊँगी।"


def _sql(settings, statement):
    engine = create_engine(sync_url(settings.database_url))
    with engine.begin() as conn:
        rows = conn.execute(statement).all()
    engine.dispose()
    return rows


def _data(chat, prefix: str) -> tuple[int, str]:
    for message_id in sorted(chat.keyboards, reverse=True):
        for _label, data in chat.keyboards[message_id]:
            if data.startswith(prefix):
                return message_id, data
    raise AssertionError(f"no button {prefix}")


async def test_write_answer_back_mydata_delete_and_no_text_in_logs(settings, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    ids = seed(settings.database_url)
    meena_id = ids["Meena Firozabad"]
    meena_tid = _sql(settings, select(Seller.telegram_id).where(Seller.id == meena_id))[0][0]
    async with Bot(settings) as bot:
        staff = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        sender = build_sender(settings, bot.app.bot_data["runtime"].database,
                              request=bot.transport)
        await sender.bot.initialize()
        await staff.send("/needhelp")
        screen = await staff.press("💬 Meena Firozabad")
        assert "Write your message to Meena Firozabad" in screen.text
        assert len(screen.texts) == 1  # the introduction heads the question: one message
        screen = await staff.send(TO_SELLER)
        assert "Sent" in screen.text

        meena = bot.chat(user_id=meena_tid, language_code="hi")
        mark = len(bot.transport.calls)
        assert await sender.drain() == 1
        got = meena.inbox(mark)
        assert TO_SELLER in got.text and "फिरोजाबाद" in got.text  # in her language
        mid, answer = _data(meena, "ha|")
        await meena.press_data(answer, mid)
        screen = await meena.send(BACK)
        assert screen.texts  # told it was sent (in Hindi)

        mark = len(bot.transport.calls)
        assert await sender.drain() == 1
        told = staff.inbox(mark)
        assert "Meena Firozabad answers:" in told.text and BACK in told.text
        assert _data(staff, f"sh|{meena_id}|reply|")

        # her GST step: help is on the way
        await meena.send("/steps")
        screen = await meena.press_data("s|gst|v")
        assert _hindi_on_the_way() in screen.text

        screen = await meena.send("/mydata")
        kept = json.loads(screen.documents[0][1])
        assert [(m["from_staff"], m["text"]) for m in kept["help_conversation"]] == [
            (True, TO_SELLER), (False, BACK)]
        await sender.bot.shutdown()

        for text in (TO_SELLER, BACK):
            # PTB's own DEBUG trace of Bot API calls shows every text (off in production);
            # nothing of ours logs it, and nothing at INFO or above does.
            leaks = [r for r in caplog.records if text in r.getMessage() and (
                r.levelno >= logging.INFO or not r.name.startswith("telegram"))]
            assert leaks == []
            assert all(text not in json.dumps(r.get("payload") or {}) for r in
                       [dict(x._mapping) for x in _sql(settings, select(OutboxMessage))])

        await meena.send("/delete")
        await meena.press_data(_data(meena, "p|del|yes")[1])
        assert _sql(settings, select(func.count()).select_from(HelpMessage))[0][0] == 0


def _hindi_on_the_way() -> str:
    with use_locale("hi"):
        return _("🙋 You asked for help. Help is on the way: your facilitator has "
                 "written to you.")


async def test_agra_cannot_write_to_firozabad(settings) -> None:
    ids = seed(settings.database_url)
    meena = ids["Meena Firozabad"]
    async with Bot(settings) as bot:
        agra = await onboard(bot, user_id=AGRA_FACILITATOR)
        for data in (f"sh|{meena}|reply|agra", f"sh|{meena}|reply|firozabad",
                     f"sh|{meena}|reply|*"):
            screen = await agra.press_data(data)
            assert "not one of yours" in screen.notice and not screen.texts
        screen = await agra.send("/needhelp firozabad")
        assert "not one of yours" in screen.text and "Write to" not in screen.text
        # a Firozabad facilitator's message cannot be answered by another seller
        firozabad = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        await firozabad.send("/needhelp")
        await firozabad.press("💬 Meena Firozabad")
        await firozabad.send("Hello Meena")
        message_id = _sql(settings, select(HelpMessage.id))[0][0]
        other = await onboard(bot, user_id=5557002)
        screen = await other.press_data(f"ha|{message_id}")
        assert screen.notice == "This button no longer works."
        assert _sql(settings, select(func.count()).select_from(HelpMessage))[0][0] == 1


async def test_hindi_facilitator_writes_and_english_seller_answers(settings) -> None:
    ids = seed(settings.database_url)
    rani_id = ids["Rani Firozabad"]
    engine = create_engine(sync_url(settings.database_url))
    with engine.begin() as conn:
        conn.execute(update(Seller).where(Seller.id == rani_id).values(language="en"))
        rani_tid = conn.execute(select(Seller.telegram_id).where(Seller.id == rani_id)).scalar()
    engine.dispose()
    async with Bot(settings) as bot:
        staff = await onboard(bot, language="हिन्दी", user_id=FIROZABAD_FACILITATOR)
        sender = build_sender(settings, bot.app.bot_data["runtime"].database,
                              request=bot.transport)
        await sender.bot.initialize()
        await staff.send("/needhelp")
        screen = await staff.press("💬 Rani Firozabad")
        assert "Rani Firozabad के लिए अपना मैसेज लिखें" in screen.text
        screen = await staff.send("Please bring your PAN card tomorrow.")
        assert "✉ भेज दिया।" in screen.text
        rani = bot.chat(user_id=rani_tid)
        mark = len(bot.transport.calls)
        await sender.drain()
        got = rani.inbox(mark)
        assert "A message from the Haat facilitator for Firozabad:" in got.text
        screen = await rani.press("↩ Answer")
        assert len(screen.texts) == 1 and "or send a voice note" in screen.text
        screen = await rani.send("OK, I will.")
        assert "Sent to your facilitator." in screen.text
        mark = len(bot.transport.calls)
        await sender.drain()
        told = staff.inbox(mark)
        assert "💬 Rani Firozabad का जवाब:" in told.text and "OK, I will." in told.text
        await sender.bot.shutdown()


async def test_an_operator_writes_gets_the_answer_and_marks_it_resolved(settings) -> None:
    """Operators (ADMIN_IDS) serve every district: the seller's answer reaches them too,
    and writing leaves the request open until they mark it resolved."""
    from dataclasses import replace

    operator_id = 4440009
    ids = seed(settings.database_url)
    meena_id = ids["Meena Firozabad"]
    meena_tid = _sql(settings, select(Seller.telegram_id).where(Seller.id == meena_id))[0][0]
    settings = replace(settings, admin_ids=frozenset({operator_id}))
    async with Bot(settings) as bot:
        operator = await onboard(bot, user_id=operator_id)
        sender = build_sender(settings, bot.app.bot_data["runtime"].database,
                              request=bot.transport)
        await sender.bot.initialize()
        screen = await operator.send("/needhelp firozabad")
        assert "Who needs help in Firozabad: 3" in screen.text
        await operator.press("💬 Meena Firozabad")
        screen = await operator.send("Meena ji, please come to the DIC on Monday.")
        assert "mark it resolved" in screen.text
        meena = bot.chat(user_id=meena_tid, language_code="hi")
        mark = len(bot.transport.calls)
        assert await sender.drain() == 1
        assert "please come to the DIC" in meena.inbox(mark).text
        await meena.press_data(_data(meena, "ha|")[1])
        await meena.send(BACK)
        mark = len(bot.transport.calls)
        assert await sender.drain() == 1
        assert BACK in operator.inbox(mark).text
        # still open after the exchange, until marked resolved
        screen = await operator.send("/needhelp firozabad")
        assert "Who needs help in Firozabad: 3" in screen.text
        mid, done = _data(operator, f"sh|{meena_id}|done|")
        screen = await operator.press_data(done, mid)
        assert screen.notice == "Marked resolved ✓"
        assert "Who needs help in Firozabad: 2" in screen.text
        assert "Meena Firozabad" not in screen.text
        await sender.bot.shutdown()
