"""The outbox sender: claims due rows, renders each in its seller's language, sends it
through the Bot API at Telegram's pace, and records what happened.

One batch: expire old leases, *reserve* up to ``batch`` due rows (they stay pending, held for
this sender), then per row: render (``use_locale(seller.language)``), wait for a slot
(``Pacer``), **hand the row over** (``sending``, committed) and at once send it (unless the
commit took so long that it would now go over a limit: ``Pacer.depart`` counts the moment a
message really goes), record the outcome in a transaction of its own. A crash leaves
``unknown`` only the rows handed over and not yet recorded, i.e. the sends in flight;
reserved rows go back to the queue. Sends overlap (each is a task), so network latency does
not cap the rate; the pacer alone decides when each starts.

Outcomes: success → ``sent`` with Telegram's message id. ``RetryAfter`` (429) → the row goes
back to pending after ``retry_after`` and the budget pauses that long (replies too: they
share the ``Pacer`` through ``bot.runtime.limits``, and go first when it ends).
``Forbidden`` (403) or "chat not found" → the seller is marked unreachable and their pending
rows are cancelled. Other
``BadRequest`` → ``failed``. A timeout or network error after the request left → ``unknown``
(Telegram may have delivered it), unless the kind is ``resend_safe``. A text over Telegram's
limit goes in parts (``bot/runtime/delivery.py``, as replies do), each paced; once a part
went, the row is never handed back for a resend: a later refusal ends it ``failed``.

Several senders on one database: the one that holds the lead (``bot.outbox.lead``: a
session advisory lock on PostgreSQL, which PostgreSQL drops with a dead sender's connection;
a renewed lease row on SQLite) sends, the others stand by and retry every ``standby``
seconds, and take over when the active one stops or dies. Reservations are ``FOR UPDATE
SKIP LOCKED`` and hand-overs are conditional as well, so even two active senders could never
send one row; the lead is what keeps the *combined* rate at ``rate``.
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

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.conversation.turn import Reply
from bot.db import sellers
from bot.db.engine import Database
from bot.i18n import use_locale
from bot.outbox import queue
from bot.outbox.lead import Lead
from bot.outbox.pacing import Clock, Pacer
from bot.outbox.queue import Kind, Message
from bot.runtime import delivery

log = logging.getLogger("haat.sender")


def retry_after_seconds(exc: RetryAfter) -> float:
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
        self.lead = Lead(database, self.owner, clock=self.clock)
        self.leading = False
        self._wake = asyncio.Event()
        self._safe = tuple(k.name for k in self.kinds.values() if k.resend_safe)

    def wake(self) -> None:
        """Something was enqueued that may be due now: don't wait for the next poll."""
        self._wake.set()

    # ------------------------------------------------------------ the loop
    async def run(self, stop: asyncio.Event) -> None:
        """Send until ``stop`` is set; standing by while another sender is active (the
        advisory lock on PostgreSQL, the ``sender_leases`` row on SQLite: ``Lead``)."""
        while not stop.is_set():
            if not await self._acquire():
                self.leading = False
                await self._pause(stop, self.standby)
                continue
            self.leading = True
            log.info("outbox sender %s is active", self.owner)
            try:
                # Rows other senders reserved are void now: they go back to the queue.
                async with self.database.transaction() as session:
                    await queue.drop_reservations(session, keep=self.owner)
                while not stop.is_set():
                    try:
                        handled = await self.run_once()
                    except Exception:  # the database went away: log, wait, try again
                        log.exception("outbox batch failed")
                        await self._pause(stop, self.standby)
                        await self._unreserve()
                        if not await self._keep():
                            break
                        continue
                    if handled == 0:
                        await self._idle(stop)
                    if not await self._keep():
                        break
            except Exception:
                log.exception("outbox sender failed; standing by")
            finally:
                self.leading = False
                await self._step_down()

    async def _acquire(self) -> bool:
        try:
            return await self.lead.acquire()
        except Exception:
            log.warning("cannot reach the database for the sender lock", exc_info=True)
            return False

    async def _keep(self) -> bool:
        try:
            return await self.lead.keep()
        except Exception:
            log.warning("cannot renew the sender lease; standing by", exc_info=True)
            return False

    async def _unreserve(self) -> None:
        """Our reserved rows back to the queue (else they wait for their lease to lapse)."""
        try:
            async with self.database.transaction() as session:
                await queue.drop_reservations(session, owner=self.owner)
        except Exception:
            log.warning("could not return reserved rows (they lapse with their lease)",
                        exc_info=True)

    async def _step_down(self) -> None:
        """Reserved rows back to the queue, then let the lead go."""
        await self._unreserve()
        try:
            await self.lead.release()
        except Exception:
            log.warning("could not release the sender lock", exc_info=True)

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
        """Reserve one batch and send it; returns how many rows were reserved. A row is
        handed over (``sending``, committed) only right before its own API call
        (``_deliver``); until then it is merely reserved, and a crash returns it to the
        queue instead of leaving it ``unknown``."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            expired = await queue.expire_leases(session, now=now, resend_safe=self._safe)
            reserved = await queue.reserve(session, now=now, limit=self.batch,
                                           lease=self.lease, owner=self.owner)
        if expired:
            self.stats["expired"] += expired
            log.warning("%d outbox rows were left sending by a stopped sender", expired)
        tasks = []
        for message in reserved:
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
            booked = await self._wait_for_slot(chat_id, mono)
            if booked is None:  # a 429 came meanwhile
                await self._release(message, self.pacer.paused_for(self.clock.monotonic()),
                                    "flood wait")
                continue
            tasks.append(asyncio.create_task(self._deliver(message, chat_id, reply, booked)))
        if tasks:
            await asyncio.gather(*tasks)
        return len(reserved)

    async def _wait_for_slot(self, chat_id: int, mono: float) -> float | None:
        """Wait for this send's slot; replies noted meanwhile go first (the broadcast slows
        down, not the chat). Returns the time it is booked for (``_depart`` checks it again
        once the row is handed over), or None if a flood wait began meanwhile (the slot is
        given up)."""
        delay = self.pacer.reserve(chat_id, mono)
        booked = mono + delay
        while True:
            if delay > 0:
                await self.clock.sleep(delay)
            now = self.clock.monotonic()
            if self.pacer.paused_for(now) > 0:
                self.pacer.unbook(booked)
                return None
            delay = self.pacer.admit(booked, now)
            if delay <= 0:
                return now
            booked = now + delay

    async def _depart(self, chat_id: int, booked: float) -> None:
        """Right before a message's API call: a send that goes later than its slot (its
        commit was slow, the machine is busy) waits until it is within Telegram's limits at
        the moment it really goes (``Pacer.depart``); on time, it goes at once."""
        while True:
            now = self.clock.monotonic()
            wait = self.pacer.depart(chat_id, booked, now)
            if wait <= 0:
                return
            booked = now + wait
            await self.clock.sleep(wait)

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

    async def _deliver(self, message: Message, chat_id: int, reply: Reply,
                       booked: float) -> None:
        """Hand the row over (committed), then at once send it: a crash in between leaves
        ``unknown`` only what was handed over, i.e. the sends in flight."""
        if self.leading and not self.lead.valid():  # our lease lapsed: not ours to send
            self.pacer.unbook(booked)
            await self._release(message, 0.0, None)
            return
        async with self.database.transaction() as session:
            ours = await queue.hand_over(session, message.id, self.owner,
                                         now=self.clock.now(), lease=self.lease)
        if not ours:  # cancelled meanwhile, or another sender took it: not ours to send
            self.pacer.unbook(booked)
            self.stats["not ours"] += 1
            return
        await self._send(message, chat_id, reply, booked)

    async def _send(self, message: Message, chat_id: int, reply: Reply,
                    booked: float) -> None:
        handed = 0  # messages handed to Telegram: a long text goes in several parts

        async def part() -> None:
            nonlocal handed, booked
            handed += 1
            if handed > 1:  # the first part has its slot; each later one waits for its own
                await self.clock.sleep(self.pacer.chat_wait(chat_id, self.clock.monotonic()))
                mono = self.clock.monotonic()
                delay = self.pacer.reserve(chat_id, mono)
                booked = mono + delay
                await self.clock.sleep(delay)
            await self._depart(chat_id, booked)

        try:
            sent = await delivery.send(self.bot, chat_id, reply, part)
        except RetryAfter as exc:
            wait = retry_after_seconds(exc)
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
