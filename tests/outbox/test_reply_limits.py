"""Issue 17, item 3: replies to sellers are never dropped under Telegram's limit. A flood
wait delays a reply and it is sent again until delivered; a 403 is not retried; replies and
a broadcast share one budget and no reply is lost. Counts only: ``make bench`` (part k)
reports the times."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.app import build_application, build_sender, start_sender
from bot.db import sellers
from bot.outbox import notices
from bot.runtime.transport import SENDS, LocalBotApi
from tests.botkit import Bot


class Flooding(LocalBotApi):
    """Answers the next ``floods`` sends with a 429 (retry_after 1 s)."""

    def __init__(self, floods: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.floods = floods

    def _refuse(self, method, params):
        if method in SENDS and self.floods:
            self.floods -= 1
            self.flood_next = 1
        return super()._refuse(method, params)


def _limited_bot(settings, transport: LocalBotApi) -> Bot:
    """The test kit's bot, but with the rate limiter ``seller-bot run`` uses."""
    bot = Bot(settings)
    bot.transport = transport
    bot.app = build_application(settings, request=transport, rate_limit=True)
    return bot


def _replies_to(transport: LocalBotApi, chat_id: int) -> int:
    return sum(1 for call in transport.calls
               if call.method in SENDS and int(call.params.get("chat_id", 0)) == chat_id)


async def test_a_reply_is_sent_again_after_every_flood_wait_until_delivered(sqlite_settings):
    # Four 429s in a row: python-telegram-bot's AIORateLimiter(max_retries=3) gave up after
    # the third and the seller got no answer.
    transport = Flooding(floods=4)
    async with _limited_bot(sqlite_settings, transport) as bot:
        await bot.chat(user_id=5560001).send("/start")
    assert [code for _chat, code in transport.refused] == [429] * 4
    assert _replies_to(transport, 5560001) >= 1


async def test_a_reply_to_a_seller_who_blocked_the_bot_is_not_retried(sqlite_settings):
    transport = LocalBotApi()
    transport.blocked.add(5560002)
    async with _limited_bot(sqlite_settings, transport) as bot:
        await bot.chat(user_id=5560002).send("/start")
    assert transport.refused == [(5560002, 403)]


async def test_no_reply_is_lost_while_a_broadcast_fills_the_budget(sqlite_settings):
    """40 sellers write at once while 90 broadcast messages go out, through a Bot API
    that refuses anything over 30 a second or 1 a second per chat: every seller gets an
    answer, every broadcast message goes out once."""
    transport = LocalBotApi(limits=(30, 1.0))
    async with _limited_bot(sqlite_settings, transport) as bot:
        database = bot.app.bot_data["runtime"].database
        now = datetime.now(UTC)
        async with database.transaction() as session:
            for i in range(90):
                seller, _ = await sellers.create(session, 5570000 + i, 5570000 + i, "en")
                await notices.enqueue(session, key=f"bc{i}", seller_id=seller.id,
                                      texts={"en": f"news bc{i}"}, due_at=now, now=now)
        await start_sender(bot.app, build_sender(sqlite_settings, database,
                                                 request=transport))
        await asyncio.sleep(0.5)  # the broadcast is under way
        chats = [bot.chat(user_id=5580000 + i) for i in range(40)]
        await asyncio.gather(*(chat.send("/start") for chat in chats))
        for _ in range(200):
            if sum(1 for c in transport.calls if c.params.get("text", "").startswith(
                    "news")) >= 90:
                break
            await asyncio.sleep(0.1)
    assert all(_replies_to(transport, 5580000 + i) >= 1 for i in range(40))
    news = [c.params["text"] for c in transport.calls if c.method == "sendMessage"
            and c.params.get("text", "").startswith("news")]
    assert len(news) == len(set(news)) == 90
