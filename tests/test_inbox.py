"""The inbox (issue 22): claims per chat in order, duplicates ignored, leases, pruning,
the turn marking its update done in its own transaction, /mydata and /delete."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.db import inbox
from bot.db.engine import Database
from bot.runtime.serve import intake_for
from tests.botkit import Bot

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


async def _add(session, update_id: int, chat_id: int | None, now: datetime = T0) -> bool:
    return await inbox.add(session, update_id=update_id, chat_id=chat_id, user_id=chat_id,
                           payload=json.dumps({"update_id": update_id}), now=now)


async def _claim(database: Database, owner: str = "w1", limit: int = 10,
                 now: datetime = T0) -> list[int]:
    async with database.transaction() as session:
        items = await inbox.claim(session, now=now, limit=limit, lease=LEASE, owner=owner)
    return [item.update_id for item in items]


async def _done(database: Database, update_id: int, owner: str = "w1") -> None:
    async with database.transaction() as session:
        await inbox.mark_done(session, update_id, owner, T0)


@pytest.mark.db
async def test_claims_go_per_chat_in_order_and_never_two_of_one_chat(database_url) -> None:
    database = Database(database_url)
    try:
        async with database.transaction() as session:
            for update_id, chat in [(5, 100), (1, 100), (3, 100), (2, 200), (4, 200), (6, None)]:
                assert await _add(session, update_id, chat)
            assert not await _add(session, 1, 100)  # Telegram delivered it again
        assert await _claim(database) == [1, 2, 6]
        assert await _claim(database, "w2") == []  # both chats have one in hand
        await _done(database, 1)
        assert await _claim(database, "w2") == [3]
        await _done(database, 2)
        await _done(database, 3, "w2")
        assert await _claim(database, limit=1) == [4]
        assert await _claim(database, limit=1) == [5]
        with pytest.raises(inbox.Lost):  # w2 does not hold 4
            await _done(database, 4, "w2")
        async with database.transaction() as session:
            count, oldest = await inbox.backlog(session)
            assert count == 3  # 4, 5 and 6 in hand
            assert (T0 + timedelta(seconds=9) - oldest).total_seconds() == 9.0
            assert await inbox.finish(session, [4, 5, 6], "w1", T0) == 3
            assert await inbox.backlog(session) == (0, None)
            rows = (await session.execute(select(inbox.TABLE))).mappings().all()
        assert {r["status"] for r in rows} == {"done"}
        assert all(r["payload"] is None for r in rows)  # the raw JSON goes once handled
    finally:
        await database.dispose()


@pytest.mark.db
async def test_a_dead_workers_updates_come_back_and_done_rows_are_pruned(database_url) -> None:
    database = Database(database_url)
    try:
        async with database.transaction() as session:
            for update_id in (1, 2):
                await _add(session, update_id, 100)
            await _add(session, 3, 300)
        assert await _claim(database, "dead") == [1, 3]
        async with database.transaction() as session:
            assert await inbox.renew(session, [3], "dead", T0 + 2 * LEASE) == 1
            assert await inbox.expire(session, T0 + LEASE + timedelta(seconds=1)) == 1
        assert await _claim(database, "w2", now=T0 + LEASE) == [1]  # 3 is still leased
        async with database.transaction() as session:
            assert await inbox.release(session, "dead") == 1
            assert await inbox.holders(session) == ["w2"]
        assert await _claim(database, "w2") == [3]
        await _done(database, 1, "w2")
        async with database.transaction() as session:
            assert await inbox.prune(session, T0 - timedelta(seconds=1)) == 0
            assert await inbox.prune(session, T0 + timedelta(seconds=1)) == 1
            # A pruned update arriving again is new again: keep outlasts Telegram's retries.
            assert await _add(session, 1, 100)
    finally:
        await database.dispose()


def _message(update_id: int, chat_id: int, text: str) -> dict:
    content = {"message_id": update_id, "date": int(time.time()), "text": text,
               "chat": {"id": chat_id, "type": "private"},
               "from": {"id": chat_id, "is_bot": False, "first_name": "A",
                        "language_code": "en"}}
    if text.startswith("/"):
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": content}


async def _through_inbox(bot: Bot, settings, updates: list[dict]) -> None:
    from telegram import Update

    intake = intake_for(bot.app, settings)
    stop = asyncio.Event()
    worker = asyncio.create_task(intake.work(stop))
    for data in updates:
        await intake.receive(Update.de_json(data, bot.app.bot), json.dumps(data))
    deadline = time.monotonic() + 120  # generous: a loaded CI machine is slow
    while True:
        async with bot.app.bot_data["runtime"].database.transaction() as session:
            if (await inbox.backlog(session))[0] == 0:
                break
        assert time.monotonic() < deadline, "the inbox was not drained"
        await asyncio.sleep(0.02)
    stop.set()
    await worker


@pytest.mark.db
async def test_updates_through_the_inbox_are_handled_once_in_order(settings) -> None:
    async with Bot(settings) as bot:
        chats = [9100 + n for n in range(6)]
        updates = [_message(10 * n + i, chat, text) for n, chat in enumerate(chats)
                   for i, text in enumerate(["/start", "/help", "/menu"])]
        # A duplicate of every third update: acknowledged, not handled again.
        await _through_inbox(bot, settings, updates + updates[::3])
        for chat in chats:
            sent = [c for c in bot.transport.calls
                    if c.method == "sendMessage" and int(c.params["chat_id"]) == chat]
            # /start, /help and /menu before consent: the language question each time,
            # once per update
            assert len(sent) == 3, [c.params.get("text") for c in sent]
        database = bot.app.bot_data["runtime"].database
        async with database.transaction() as session:
            rows = (await session.execute(select(inbox.TABLE))).mappings().all()
        assert len(rows) == len(updates)
        assert {r["status"] for r in rows} == {"done"}


@pytest.mark.db
async def test_mydata_shows_and_delete_forgets_the_inbox(settings) -> None:
    async with Bot(settings) as bot:
        chat = bot.chat(9200)
        await chat.send("/start")
        await chat.press("English")
        await chat.press("I agree")
        database = bot.app.bot_data["runtime"].database
        await _through_inbox(bot, settings, [_message(501, 9200, "Sunita Devi"),
                                             _message(502, 9200, "/mydata")])
        document = next(c for c in reversed(bot.transport.calls)
                        if c.method == "sendDocument")
        data = json.loads(next(iter(document.files.values()))[1])
        kept = {row["update_id"]: row for row in data["inbox"]}
        assert kept[501]["status"] == "done" and kept[501]["payload"] is None
        # the /mydata update itself is being handled: as received
        assert kept[502]["payload"]["message"]["text"] == "/mydata"
        await chat.send("/delete")
        await chat.press("Yes, delete all")
        async with database.transaction() as session:
            left = await inbox.of_user(session, 9200)
        assert left == []
