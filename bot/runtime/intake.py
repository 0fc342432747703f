"""The inbox in a bot process (issue 22): nothing Telegram delivered is lost by a crash.

- ``receive`` writes an update to the inbox (``bot.db.inbox``) and commits before the
  update is acknowledged: before the webhook's 200 (``bot/runtime/asgi.py``), and in
  polling mode before the next ``getUpdates`` moves the offset past it (``poll``). A second
  delivery of the same ``update_id`` is ignored.
- ``work`` claims updates, per chat in ``update_id`` order and never two of one chat at
  once (in this process or any other on the same PostgreSQL), and hands each to the
  Application. The turn marks it done in its own transaction (``settle``, called by
  ``handlers.common.turn_handler`` just before it commits), so the handling and the mark
  commit together or not at all. Updates no turn marked (no handler took them, or the turn
  failed and said "Sorry") are marked afterwards.
- Leases: a worker renews the leases of what it is handling; what a dead worker held is
  pending again when its lease runs out, and at start-up at once when that worker ran on
  this machine and its process is gone. Handled rows are pruned after ``keep``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import socket
import time
import warnings
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from telegram import Bot, Update
from telegram.error import Conflict, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from bot.db import inbox
from bot.db.engine import Database
from bot.db.models import utcnow
from bot.i18n import normalise_locale
from bot.runtime import waiting as waits

log = logging.getLogger("haat.inbox")

POLL_TIMEOUT = 10  # seconds a getUpdates waits for news (Telegram's long polling)
PRUNE_EVERY = 60.0  # seconds between prunes of handled rows
STOP_GRACE = 10.0  # seconds the updates in hand may take to finish at shutdown


def _owner() -> str:
    # host:pid identifies a process on a machine (the start-up take-over checks it); the tag
    # tells a restarted process with the same pid (pid 1 in a container) from its dead self.
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def _dead_here(owner: str, me: str) -> bool:
    """True when ``owner`` was a process on this machine that is gone."""
    host, _, rest = owner.partition(":")
    my_host, _, my_rest = me.partition(":")
    pid_text = rest.partition(":")[0]
    if host != my_host or not pid_text.isdigit() or owner == me:
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # our pid, another tag: a process before us (a container restart)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, someone else's
    return False


def _seconds(exc: RetryAfter) -> float:
    # PTB 22.2+ warns that retry_after becomes a timedelta; take either.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _who(update: Update) -> tuple[int | None, int | None]:
    chat, user = update.effective_chat, update.effective_user
    return (chat.id if chat else None), (user.id if user else None)


class Intake:
    def __init__(self, app: Application, database: Database, *,
                 lease: timedelta = timedelta(seconds=60),
                 keep: timedelta = timedelta(minutes=60), concurrency: int = 16,
                 idle: float = 0.25, owner: str | None = None):
        self.app = app
        self.database = database
        self.lease = lease
        self.keep = keep
        self.concurrency = concurrency
        self.idle = idle  # seconds between looks for work another process received
        self.owner = owner or _owner()
        self.held: dict[int, asyncio.Task] = {}  # update_id -> its handling
        self.settled: set[int] = set()  # marked done by their turn (commit pending)
        self.handled = 0
        self._wake = asyncio.Event()
        self.waiting = waits.of(app)

    def wake(self) -> None:
        self._wake.set()

    # ------------------------------------------------------------ receiving
    async def receive(self, update: Update, payload: str) -> bool:
        """Write one update (committed when this returns); False for a duplicate."""
        return await self.receive_many([(update, payload)]) == 1

    async def receive_many(self, updates: Sequence[tuple[Update, str]]) -> int:
        now = utcnow()
        timed = self._arrived(updates)
        added: list[int] = []
        try:
            # wait=None: on SQLite a lock held elsewhere is waited out; Telegram retries.
            async with self.database.transaction(wait=None) as session:
                for update, payload in updates:
                    chat_id, user_id = _who(update)
                    if await inbox.add(session, update_id=update.update_id, chat_id=chat_id,
                                       user_id=user_id, payload=payload, now=now):
                        added.append(update.update_id)
        finally:
            for update_id in set(timed) - set(added):  # a duplicate, or not written
                self.waiting.drop(update_id)
        if added:
            self.wake()
        return len(added)

    def _arrived(self, updates: Sequence[tuple[Update, str]]) -> list[int]:
        """Start each update's "your answer is coming" timer now (``bot/runtime/waiting.py``):
        under a long SQLite lock it waits here, then in the inbox or for a free slot, and
        never reaches a turn until the lock is free. SQLite only: there one process
        receives and handles, while on PostgreSQL another worker may handle what this one
        received (its turn's own timer covers the waits there)."""
        if self.database.is_postgres:
            return []
        timed = []
        for update, _payload in updates:
            chat, user = update.effective_chat, update.effective_user
            if chat is None or user is None or chat.type != "private":
                continue
            hint = normalise_locale(user.language_code) if user.language_code else None
            self.waiting.arrived(self.app.bot, update.update_id, chat.id, hint)
            timed.append(update.update_id)
        return timed

    async def poll(self, bot: Bot, stop: asyncio.Event) -> None:
        """Long polling that confirms an update only after it is written: the offset moves
        past a batch in the ``getUpdates`` after the batch's commit."""
        await bot.delete_webhook()
        offset: int | None = None
        delay = 1.0
        while not stop.is_set():
            try:
                updates = await bot.get_updates(offset=offset, timeout=POLL_TIMEOUT,
                                                allowed_updates=Update.ALL_TYPES)
            except RetryAfter as exc:
                await self._pause(stop, _seconds(exc))
                continue
            except TimedOut:
                continue
            except (NetworkError, Conflict) as exc:  # Conflict: another poller; say so
                log.warning("getUpdates failed: %s; trying again in %.0f s",
                            type(exc).__name__, delay)
                await self._pause(stop, delay)
                delay = min(delay * 2, 30.0)
                continue
            delay = 1.0
            if updates:
                await self.receive_many([(u, u.to_json()) for u in updates])
                offset = updates[-1].update_id + 1

    # ------------------------------------------------------------ handling
    async def settle(self, session: Any, update_id: int) -> None:
        """Inside the turn's transaction, just before it commits: this update is handled
        when that commits. Not ours (a test's direct ``process_update``): nothing."""
        if update_id in self.held and update_id not in self.settled:
            await inbox.mark_done(session, update_id, self.owner, utcnow())
            self.settled.add(update_id)

    async def work(self, stop: asyncio.Event) -> None:
        """Claim and handle until ``stop``; then let the updates in hand finish and put back
        what did not (another worker, or this one's successor, takes it)."""
        await self._take_over()
        chores_every = max(self.lease.total_seconds() / 3, 0.2)
        last_chores = last_prune = 0.0
        try:
            while not stop.is_set():
                moment = time.monotonic()
                if moment - last_chores >= chores_every:
                    prune = moment - last_prune >= PRUNE_EVERY
                    await self._chores(prune)
                    last_chores = moment
                    last_prune = moment if prune else last_prune
                self._wake.clear()
                room = self.concurrency - len(self.held)
                if room > 0:
                    try:
                        async with self.database.transaction(wait=None) as session:
                            claimed = await inbox.claim(session, now=utcnow(), limit=room,
                                                        lease=self.lease, owner=self.owner)
                    except Exception:  # the database went away: wait, try again
                        log.exception("claiming from the inbox failed")
                        await self._pause(stop, 1.0)
                        continue
                    for item in claimed:
                        self.held[item.update_id] = asyncio.create_task(self._handle(item))
                await self._sleep(stop, min(self.idle, chores_every))
        finally:
            await self._stop()

    async def _handle(self, item: inbox.Item) -> None:
        try:
            update = Update.de_json(json.loads(item.payload), self.app.bot)
            await self.app.process_update(update)
        except Exception:  # PTB hands handler errors to the error handler; this is the rest
            log.exception("update %d could not be handled", item.update_id)
        except asyncio.CancelledError:
            self.held.pop(item.update_id, None)
            self.waiting.drop(item.update_id)
            raise
        self.waiting.drop(item.update_id)  # no turn took its timer (no handler, or failed)
        if item.update_id in self.settled:
            self.settled.discard(item.update_id)
        else:
            try:
                async with self.database.transaction(wait=None) as session:
                    await inbox.finish(session, [item.update_id], self.owner, utcnow())
            except Exception:  # its lease runs out and it is handled again
                log.exception("could not mark update %d done", item.update_id)
        self.held.pop(item.update_id, None)
        self.handled += 1
        self.wake()  # the chat's next update may be claimed now

    async def _chores(self, prune: bool) -> None:
        now = utcnow()
        try:
            async with self.database.transaction(wait=None) as session:
                await inbox.renew(session, list(self.held), self.owner, now + self.lease)
                expired = await inbox.expire(session, now)
                pruned = await inbox.prune(session, now - self.keep) if prune else 0
        except Exception:
            log.exception("inbox upkeep failed")
            return
        if expired:
            log.warning("%d inbox updates were held by a worker that stopped; taken over",
                        expired)
        if pruned:
            log.debug("pruned %d handled inbox updates", pruned)

    async def _take_over(self) -> None:
        async with self.database.transaction(wait=None) as session:
            released = 0
            for owner in await inbox.holders(session):
                if owner and _dead_here(owner, self.owner):
                    released += await inbox.release(session, owner)
        if released:
            log.warning("took over %d inbox updates of a stopped process", released)

    async def _stop(self) -> None:
        tasks = list(self.held.values())
        if tasks:
            done, pending = await asyncio.wait(tasks, timeout=STOP_GRACE)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        try:
            async with self.database.transaction() as session:
                released = await inbox.release(session, self.owner)
        except Exception:
            log.warning("could not hand back the inbox updates in hand", exc_info=True)
            return
        if released:
            log.info("%d inbox updates handed back for the next worker", released)

    async def _sleep(self, stop: asyncio.Event, seconds: float) -> None:
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
        try:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def _pause(self, stop: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=seconds)
