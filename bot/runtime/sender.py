"""The outbox sender: claims due rows, renders each in its seller's language, sends it
through the Bot API at Telegram's pace, and records what happened.

One batch: expire old leases, claim up to ``batch`` due rows and **commit the claim**, then
per row: render (``use_locale(seller.language)``), wait for a slot (``Pacer``), send, record
the outcome in a transaction of its own. Sends overlap (each is a task), so network latency
does not cap the rate; the pacer alone decides when each starts.

Outcomes: success → ``sent`` with Telegram's message id. ``RetryAfter`` (429) → the row goes
back to pending after ``retry_after`` and *this sender* pauses that long; replies to sellers
go through the Application's own bot and are not held up. ``Forbidden`` (403) or "chat not
found" → the seller is marked unreachable and their pending rows are cancelled. Other
``BadRequest`` → ``failed``. A timeout or network error after the request left → ``unknown``
(Telegram may have delivered it), unless the kind is ``resend_safe``. A text over Telegram's
limit goes in parts (``bot/runtime/delivery.py``, as replies do), each paced; once a part
went, the row is never handed back for a resend: a later refusal ends it ``failed``.

Several senders on one PostgreSQL: each tries a session advisory lock (``LOCK_KEY``); the one
that holds it sends, the others stand by and retry every ``standby`` seconds, and take over
within that time when the active one stops or dies (PostgreSQL drops the lock with its
connection). Claims are ``FOR UPDATE SKIP LOCKED`` as well, so even two active senders could
never take one row; the lock is what keeps the *combined* rate at ``rate``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import warnings
from collections import Counter
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.conversation.turn import Reply
from bot.db import sellers
from bot.db.engine import Database
from bot.i18n import use_locale
from bot.outbox import queue
from bot.outbox.pacing import Clock, Pacer
from bot.outbox.queue import Kind, Message
from bot.runtime import delivery

log = logging.getLogger("haat.sender")

LOCK_KEY = 0x4861_6174_0001  # "Haat" + 1: the advisory lock of the active sender


def _retry_after(exc: RetryAfter) -> float:
    # PTB 22.2+ warns that retry_after becomes a timedelta; take either.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _never_left(exc: NetworkError) -> bool:
    """PTB says so when the request never reached Telegram: no free connection in the pool,
    or no connection at all. Then sending it again cannot duplicate it."""
    text = exc.message
    return ("was *not* sent" in text or "ConnectError" in text
            or "ConnectTimeout" in text)


class Sender:
    def __init__(self, database: Database, bot: Bot, kinds: Iterable[Kind], *,
                 rate: float = 25.0, batch: int | None = None,
                 lease: timedelta = timedelta(seconds=60), clock: Clock | None = None,
                 owner: str | None = None, idle: float = 1.0, standby: float = 2.0):
        self.database = database
        self.bot = bot
        self.kinds = {kind.name: kind for kind in kinds}
        self.pacer = Pacer(rate)
        self.batch = batch or max(int(rate), 1)
        self.lease = lease
        self.clock = clock or Clock()
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self.idle = idle
        self.standby = standby
        self.stats: Counter[str] = Counter()
        self.leading = False
        self._wake = asyncio.Event()
        self._safe = tuple(k.name for k in self.kinds.values() if k.resend_safe)

    def note_reply(self) -> None:
        """The Application is sending a reply: it counts against the same budget."""
        self.pacer.note(self.clock.monotonic())

    def wake(self) -> None:
        """Something was enqueued that may be due now: don't wait for the next poll."""
        self._wake.set()

    # ------------------------------------------------------------ the loop
    async def run(self, stop: asyncio.Event) -> None:
        """Send until ``stop`` is set; standing by while another sender holds the lock."""
        while not stop.is_set():
            holder = await self._lead()
            if holder is None:
                self.leading = False
                await self._pause(stop, self.standby)
                continue
            self.leading = True
            log.info("outbox sender %s is active", self.owner)
            try:
                while not stop.is_set():
                    try:
                        handled = await self.run_once()
                    except Exception:  # the database went away: log, wait, try again
                        log.exception("outbox batch failed")
                        await self._pause(stop, self.standby)
                        if not await self._still_leading(holder):
                            break
                        continue
                    if handled == 0:
                        await self._idle(stop)
                        if not await self._still_leading(holder):
                            break
            finally:
                self.leading = False
                try:
                    await self.database.release_advisory_lock(holder, LOCK_KEY)
                except Exception:
                    log.warning("could not release the sender lock", exc_info=True)

    async def _lead(self) -> Any | None:
        try:
            return await self.database.try_advisory_lock(LOCK_KEY)
        except Exception:
            log.warning("cannot reach the database for the sender lock", exc_info=True)
            return None

    async def _still_leading(self, holder: Any) -> bool:
        if holder is True:
            return True
        try:
            await holder.exec_driver_sql("SELECT 1")
            return True
        except Exception:
            log.warning("lost the sender lock's connection; standing by")
            return False

    async def _pause(self, stop: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=seconds)

    async def _idle(self, stop: asyncio.Event) -> None:
        """Sleep until the next row falls due, a wake-up, or ``idle`` seconds."""
        async with self.database.transaction() as session:
            due = await queue.next_due(session)
        wait = self.idle
        if due is not None:
            wait = min(wait, max((due - self.clock.now()).total_seconds(), 0.0))
        self._wake.clear()
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
        try:
            await asyncio.wait(waiters, timeout=max(wait, 0.01),
                               return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    # ------------------------------------------------------------ one batch
    async def run_once(self) -> int:
        """Claim one batch and send it; returns how many rows were claimed."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            expired = await queue.expire_leases(session, now=now, resend_safe=self._safe)
            claimed = await queue.claim(session, now=now, limit=self.batch, lease=self.lease,
                                        owner=self.owner)
        if expired:
            self.stats["expired"] += expired
            log.warning("%d outbox rows were left sending by a stopped sender", expired)
        tasks = []
        for message in claimed:
            outgoing = await self._render(message)
            if outgoing is None:
                continue
            chat_id, reply = outgoing
            mono = self.clock.monotonic()
            paused = self.pacer.paused_for(mono)
            if paused > 0:  # a 429 came back: leave the rest for after the wait
                await self._release(message, paused, "flood wait")
                continue
            chat_wait = self.pacer.chat_wait(chat_id, mono)
            if chat_wait > 0:  # one a second per chat: it goes in a later batch
                await self._release(message, chat_wait, None)
                continue
            delay = self.pacer.reserve(chat_id, mono)
            if delay > 0:
                await self.clock.sleep(delay)
            tasks.append(asyncio.create_task(self._send(message, chat_id, reply)))
        if tasks:
            await asyncio.gather(*tasks)
        return len(claimed)

    async def drain(self, limit: int = 1000) -> int:
        """Send everything due now (tests, the terminal chat)."""
        total = 0
        for _ in range(limit):
            handled = await self.run_once()
            total += handled
            if handled == 0:
                break
        return total

    async def _render(self, message: Message) -> tuple[int, Reply] | None:
        kind = self.kinds.get(message.kind)
        async with self.database.transaction() as session:
            seller = await sellers.by_id(session, message.seller_id)
            if seller is None:
                await queue.mark_cancelled(session, message.id, self.owner, "seller gone")
                return None
            if seller.unreachable_at is not None:
                await queue.mark_cancelled(session, message.id, self.owner, "unreachable")
                self.stats["cancelled"] += 1
                return None
            if kind is None:
                # A kind nobody handed to the sender: loud, never silently dropped.
                log.error("outbox row %d has kind %r with no renderer", message.id,
                          message.kind)
                await queue.mark_failed(session, message.id, self.owner, "no renderer")
                self.stats["failed"] += 1
                return None
            try:
                with use_locale(seller.language):
                    reply = await kind.render(session, message, seller)
            except Exception as exc:
                log.exception("rendering outbox row %d (%s) failed", message.id, message.kind)
                reply = exc
        if isinstance(reply, Exception) or reply is None:
            async with self.database.transaction() as session:
                if reply is None:
                    await queue.mark_cancelled(session, message.id, self.owner,
                                               "nothing to send")
                    self.stats["cancelled"] += 1
                else:
                    await queue.mark_failed(session, message.id, self.owner,
                                            f"render: {type(reply).__name__}")
                    self.stats["failed"] += 1
            return None
        return seller.chat_id, reply

    async def _release(self, message: Message, seconds: float, error: str | None) -> None:
        async with self.database.transaction() as session:
            await queue.release(session, message.id, self.owner,
                                due_at=self.clock.now() + timedelta(seconds=seconds),
                                error=error)

    async def _send(self, message: Message, chat_id: int, reply: Reply) -> None:
        handed = 0  # messages handed to Telegram: a long text goes in several parts

        async def part() -> None:
            nonlocal handed
            handed += 1
            if handed > 1:  # the first part has its slot; each later one waits for its own
                await self.clock.sleep(self.pacer.chat_wait(chat_id, self.clock.monotonic()))
                await self.clock.sleep(self.pacer.reserve(chat_id, self.clock.monotonic()))

        try:
            sent = await delivery.send(self.bot, chat_id, reply, part)
        except RetryAfter as exc:
            wait = _retry_after(exc)
            self.pacer.pause(wait, self.clock.monotonic())
            self.stats["429"] += 1
            log.warning("flood wait: the sender pauses %.0f s", wait)
            await self._again(message, handed, wait, "429")
            return
        except Forbidden as exc:
            await self._unreachable(message, f"403: {exc.message}")
            return
        except BadRequest as exc:
            if "chat not found" in exc.message.lower():
                await self._unreachable(message, f"400: {exc.message}")
                return
            await self._outcome(queue.mark_failed, message, f"400: {exc.message}", "failed")
            return
        except NetworkError as exc:  # includes TimedOut: the request may have arrived
            if _never_left(exc) or message.kind in self._safe:
                await self._again(message, handed, 5.0, f"network: {type(exc).__name__}")
                return
            await self._outcome(queue.mark_unknown, message,
                                f"network: {type(exc).__name__}", "unknown")
            return
        except TelegramError as exc:
            await self._outcome(queue.mark_failed, message, f"telegram: {exc.message}",
                                "failed")
            return
        async with self.database.transaction() as session:
            await queue.mark_sent(session, message.id, self.owner, now=self.clock.now(),
                                  telegram_message_id=sent.message_id)
        self.stats["sent"] += 1

    async def _again(self, message: Message, handed: int, seconds: float, error: str) -> None:
        """Send the row again later, unless an earlier part of it already went: a resend
        would repeat that part, so it ends ``failed`` (never twice)."""
        if handed > 1 and message.kind not in self._safe:
            await self._outcome(queue.mark_failed, message,
                                f"{error} after {handed - 1} part(s)", "failed")
            return
        await self._release(message, seconds, error)

    async def _outcome(self, mark, message: Message, error: str, stat: str) -> None:
        async with self.database.transaction() as session:
            await mark(session, message.id, self.owner, error)
        self.stats[stat] += 1

    async def _unreachable(self, message: Message, error: str) -> None:
        async with self.database.transaction() as session:
            await queue.mark_failed(session, message.id, self.owner, error)
            await sellers.set_unreachable(session, message.seller_id, self.clock.now())
            cancelled = await queue.cancel(session, seller_id=message.seller_id,
                                           reason="unreachable")
        self.stats["403"] += 1
        self.stats["cancelled"] += cancelled
