"""Updates from one chat never interleave; different chats run side by side."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Update

from bot.runtime.ordering import PerChatUpdateProcessor
from tests.botkit import Bot, count_rows


async def test_processor_orders_per_chat_and_forgets_idle_chats() -> None:
    processor = PerChatUpdateProcessor(8)
    log: list[tuple[int, int]] = []

    def update(chat_id: int, n: int) -> Update:
        return Update.de_json({"update_id": n, "message": {
            "message_id": n, "date": 0, "text": "x", "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "A"}}}, None)

    async def work(chat_id: int, n: int, delay: float) -> None:
        await asyncio.sleep(delay)
        log.append((chat_id, n))

    # Chat 1's first update is slow; its second must still come after it.
    await asyncio.gather(
        processor.process_update(update(1, 1), work(1, 1, 0.05)),
        processor.process_update(update(1, 2), work(1, 2, 0.0)),
        processor.process_update(update(2, 3), work(2, 3, 0.0)),
    )
    assert [n for chat, n in log if chat == 1] == [1, 2]
    assert log[0] == (2, 3)  # chat 2 did not wait for chat 1
    assert processor.chats_in_flight == 0


@pytest.mark.db
async def test_double_tap_on_consent_creates_one_seller(settings) -> None:
    async with Bot(settings) as bot:
        chat = bot.chat()
        await chat.send("/start")
        await chat.press("English")
        _mid, data = chat.find("I agree")
        await bot.app.start()
        try:
            for n in range(2):
                await bot.app.update_queue.put(Update.de_json({
                    "update_id": 990000 + n, "callback_query": {
                        "id": str(n), "from": chat.user, "chat_instance": "ci", "data": data,
                        "message": {"message_id": _mid, "date": 0, "chat": chat._chat(),
                                    "text": "…"}}}, bot.app.bot))
            for _ in range(200):
                if bot.app.update_queue.empty() and sum(
                        1 for c in bot.transport.calls if c.method == "answerCallbackQuery") >= 3:
                    break
                await asyncio.sleep(0.01)
        finally:
            await bot.app.stop()
        notices = [c.params.get("text") for c in bot.transport.calls
                   if c.method == "answerCallbackQuery"]
        assert "Already saved ✓" in notices
    assert count_rows(settings.database_url, "sellers") == 1
