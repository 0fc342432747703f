"""``make bench`` (j) and (k): the outbox after a crash, and replies under Telegram's limit.

(j) a 500-message broadcast sent by ``Sender.run`` in a process of its own, killed (kill -9)
    twice and started again: how many messages ended ``unknown`` (target: at most 2 a
    kill: only the sends in flight), how many sellers got one twice (target 0), and how
    many got it at all (target: all but the unknown ones). The Bot API is in the sender's
    process (the in-process transport, 50 ms a send) and writes each message it receives
    to a file before answering, so what reached "Telegram" survives the kill.
(k) 200 sellers chatting (/menu every 5–15 s) during a 500-message broadcast, through the
    in-process transport that refuses anything over 30 messages a second or one a second
    per chat (429, retry_after): replies lost (target 0) and the replies' p50/p99 (target
    p99 under 2 s), the old way (python-telegram-bot's AIORateLimiter with three retries,
    the sender only told of each reply) and the new (``ReplyLimiter``: replies share the
    sender's budget, go first and are sent again after each flood wait) side by side.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import tempfile
import time
from collections import Counter

from sqlalchemy import create_engine, text
from telegram.ext import AIORateLimiter

from bot.app import build_application, build_sender, dispose, start_sender, stop_sender
from bot.cli.bench_kit import seed_sellers, summary
from bot.cli.bench_outbox import FIRST, Recorder, _seed_broadcast, chatter
from bot.db.engine import Database, sync_url, upgrade
from bot.runtime.transport import Call, LocalBotApi
from bot.settings import Settings

BROADCAST = 500
CHATTERS = 200
LEASE = 3  # seconds: the killed sender's rows in flight become unknown after this
TARGET_REPLY_P99_MS = 2000.0


class SlowApi(LocalBotApi):
    """The in-process Bot API, answering each send after ``delay`` (a network round trip);
    each message it receives is appended to ``path`` first (it reached Telegram)."""

    def __init__(self, path: str, delay: float):
        super().__init__(keep=False, on_call=self._log)
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        self.delay = delay

    def _log(self, call: Call) -> None:
        if call.method == "sendMessage":
            os.write(self.fd, f"{call.params.get('chat_id')}\n".encode())

    async def do_request(self, url, method, request_data=None, **kwargs):
        result = await super().do_request(url, method, request_data, **kwargs)
        if url.endswith("/sendMessage"):
            await asyncio.sleep(self.delay)
        return result


def _sender_process(url: str, path: str) -> None:
    """A sender alone (``seller-bot send``, with the in-process Bot API)."""
    async def main() -> None:
        settings = Settings(database_url=url, outbox_lease_seconds=LEASE)
        database = Database(url)
        sender = build_sender(settings, database, request=SlowApi(path, 0.05))
        await sender.bot.initialize()
        await sender.run(asyncio.Event())

    asyncio.run(main())


def _statuses(url: str) -> Counter[str]:
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            return Counter(dict(conn.execute(text(
                "SELECT status, count(*) FROM outbox GROUP BY status")).all()))
    finally:
        engine.dispose()


def _received(path: str) -> Counter[str]:
    with open(path) as f:
        return Counter(line.strip() for line in f if line.strip())


def crash_run(url: str, path: str) -> dict[str, int]:
    _seed_broadcast(url, BROADCAST, FIRST + 500_000, "crash")
    open(path, "w").close()  # noqa: SIM115 (the senders append to it)
    spawn = multiprocessing.get_context("spawn")
    started = time.monotonic()
    process = None
    try:
        for kill_at in (150, 350):
            process = spawn.Process(target=_sender_process, args=(url, path), daemon=True)
            process.start()
            while (sum(_received(path).values()) < kill_at
                   and time.monotonic() - started < 300):
                time.sleep(0.02)
            os.kill(process.pid, signal.SIGKILL)
            process.join()
        process = spawn.Process(target=_sender_process, args=(url, path), daemon=True)
        process.start()
        while time.monotonic() - started < 600:
            statuses = _statuses(url)
            if not statuses["pending"] and not statuses["sending"]:
                break
            time.sleep(0.5)
    finally:
        if process is not None and process.is_alive():
            process.kill()
            process.join()
    received = _received(path)
    return {"unknown": statuses["unknown"], "sent": statuses["sent"],
            "delivered": len(received), "duplicates": sum(n - 1 for n in received.values()),
            "unknown never delivered": max(statuses["unknown"] - (len(received)
                                                                  - statuses["sent"]), 0)}


class ChatRecorder(Recorder):
    """Also counts the replies that reached the chatting sellers."""

    def __init__(self, broadcast_chats: range, chatters: range):
        super().__init__(broadcast_chats)
        self.chatters = chatters
        self.replies = 0

    def __call__(self, call: Call) -> None:
        super().__call__(call)
        if call.method == "sendMessage" and int(call.params.get("chat_id", 0)) in self.chatters:
            self.replies += 1


async def replies_run(url: str, first: int, tag: str, old: bool) -> dict[str, float]:
    _seed_broadcast(url, BROADCAST, first, tag)
    chat_first = first + BROADCAST + 1000
    seed_sellers(url, CHATTERS, chat_first)
    recorder = ChatRecorder(range(first, first + BROADCAST),
                            range(chat_first, chat_first + CHATTERS))
    transport = LocalBotApi(on_call=recorder, keep=False, limits=(30, 1.0))
    settings = Settings(database_url=url)
    app = build_application(settings, request=transport, rate_limit=not old)
    if old:  # before issue 17: PTB's limiter, three retries, the sender told of replies
        app.bot._rate_limiter = AIORateLimiter(max_retries=3)
    await app.initialize()
    database = app.bot_data["runtime"].database
    sender = build_sender(settings, database, request=transport)
    await start_sender(app, sender)
    if old:
        app.bot_data["runtime"].on_send = lambda: sender.pacer.note(sender.clock.monotonic())
    latencies: list[float] = []
    stop_chat = asyncio.Event()
    chatters = [asyncio.create_task(chatter(app, chat_first + i, stop_chat, latencies,
                                            (5, 15))) for i in range(CHATTERS)]
    started = time.monotonic()
    while len(recorder.per_chat) < BROADCAST and time.monotonic() - started < 300:
        await asyncio.sleep(0.5)
    stop_chat.set()
    await asyncio.gather(*chatters, return_exceptions=True)
    await stop_sender(app)
    await app.shutdown()
    await dispose(app)
    _per_s, p50, p99 = summary(latencies) if latencies else (0.0, 0.0, 0.0)
    return {"updates": len(latencies), "lost": len(latencies) - recorder.replies,
            "p50": p50, "p99": p99, "delivered": len(recorder.per_chat),
            "duplicates": sum(c - 1 for c in recorder.per_chat.values()),
            "429": sum(1 for _chat, code in transport.refused if code == 429),
            "seconds": time.monotonic() - started}


def run(quick: bool) -> bool:
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/haat.db"
        upgrade(url)
        r = crash_run(url, f"{tmp}/received.txt")
        good = (r["duplicates"] == 0 and r["unknown"] <= 4
                and r["sent"] + r["unknown"] == BROADCAST)
        print(f"(j) outbox killed twice in a {BROADCAST}-message broadcast: unknown "
              f"{r['unknown']} (target ≤ 4; of them never reached the Bot API: "
              f"{r['unknown never delivered']}), duplicates {r['duplicates']}, sent "
              f"{r['sent']}, reached the Bot API {r['delivered']}/{BROADCAST}"
              + (" OK" if good else " MISSED"))
        ok = ok and good
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/haat.db"
        upgrade(url)
        before = asyncio.run(replies_run(url, FIRST + 600_000, "old", old=True))
        after = asyncio.run(replies_run(url, FIRST + 700_000, "new", old=False))
    for label, r in (("before (AIORateLimiter)", before), ("now (ReplyLimiter)    ", after)):
        good = r["lost"] == 0 and r["p99"] < TARGET_REPLY_P99_MS and r["duplicates"] == 0
        line = (f"(k) {CHATTERS} chatting + {BROADCAST} broadcast, {label}: "
                f"{r['updates']} replies, lost {r['lost']} (target 0), p50 {r['p50']:.0f} ms "
                f"p99 {r['p99']:.0f} ms (target < {TARGET_REPLY_P99_MS:.0f}); broadcast "
                f"{r['delivered']}/{BROADCAST} in {r['seconds']:.0f} s, duplicates "
                f"{r['duplicates']}, 429s {r['429']}")
        if label.startswith("now"):
            line += " OK" if good else " MISSED"
            ok = ok and good
        print(line)
    return ok


def main(quick: bool = False) -> bool:
    return run(quick)
