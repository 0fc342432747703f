"""Issue 17, item 6's gap: under a long SQLite lock, updates waiting in the inbox or for a
free slot never reach a turn; their sellers still hear once that the answer is coming,
because the timer starts where the update is received (``Intake.receive``)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

from telegram import Update

from bot.cli.bench_lock import LOCK_HOLDER
from bot.db import engine, inbox
from bot.runtime import waiting
from bot.runtime.serve import intake_for
from tests.botkit import Bot
from tests.scenarios import onboard

COMING = "your answer is coming"
SORRY = "Sorry, something went wrong"
CHATS = 6  # more chats than the intake's slots (2 here, 16 in production)


def _menu(chat) -> dict:
    return chat._message(text="/menu", entities=[{"type": "bot_command", "offset": 0,
                                                  "length": 5}])


async def test_a_long_lock_tells_sellers_beyond_the_free_slots(sqlite_settings,
                                                               monkeypatch) -> None:
    monkeypatch.setattr(engine, "LOCK_WAIT", 1.0)
    monkeypatch.setattr(waiting, "NOTICE_AFTER", 0.5)
    async with Bot(sqlite_settings) as bot:
        chats = [await onboard(bot, user_id=5550500 + i) for i in range(CHATS)]
        intake = intake_for(bot.app, sqlite_settings, concurrency=2)
        stop = asyncio.Event()
        worker = asyncio.create_task(intake.work(stop))
        await asyncio.sleep(0.1)  # the worker's first look at the inbox
        start = len(bot.transport.calls)
        path = sqlite_settings.database_url.removeprefix("sqlite:///")
        holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, path, "2.5"],
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            updates = [_menu(chat) for chat in chats]
            await asyncio.gather(*(intake.receive(Update.de_json(data, bot.app.bot),
                                                  json.dumps(data)) for data in updates))
            deadline = time.monotonic() + 30
            while True:
                async with bot.app.bot_data["runtime"].database.transaction() as session:
                    if (await inbox.backlog(session))[0] == 0:
                        break
                assert time.monotonic() < deadline, "the inbox was not drained"
                await asyncio.sleep(0.05)
        finally:
            holder.wait(timeout=30)
            stop.set()
            await worker
        for chat in chats:
            texts = [c.params.get("text", "") for c in bot.transport.calls[start:]
                     if c.method == "sendMessage" and int(c.params["chat_id"]) == chat.user_id]
            assert sum(COMING in t for t in texts) == 1, texts
            assert COMING in texts[0] and "What would you like to do?" in texts[-1], texts
            assert not any(SORRY in t for t in texts)
        assert not waiting.of(bot.app).pending  # every timer taken over or dropped
        # Quick answers through the inbox get no notice.
        start = len(bot.transport.calls)
        stop = asyncio.Event()
        worker = asyncio.create_task(intake.work(stop))
        data = _menu(chats[0])
        await intake.receive(Update.de_json(data, bot.app.bot), json.dumps(data))
        await asyncio.sleep(1.0)
        stop.set()
        await worker
        texts = [c.params.get("text", "") for c in bot.transport.calls[start:]]
        assert texts and not any(COMING in t for t in texts)
