"""Telegram's sending limits as arithmetic, with the clock passed in (tests need no sleep).

About 30 messages a second per bot and about one a second per chat (Bot FAQ; PTB's
``telegram.constants.FloodLimit``). The sender keeps below both itself: evenly spaced
slots at ``rate`` a second (default 25, so that replies to sellers have room), and a gate
per chat. Evenly spaced rather than bursty: no one-second window ever holds more than
``rate`` + 1 sends, so our own pacing never causes a 429.
"""

from __future__ import annotations

import asyncio
import bisect
import math
import time
from datetime import UTC, datetime, timedelta

PER_CHAT_INTERVAL = 1.0  # seconds between two messages to one chat
CATCH_UP = 0.2  # seconds a late sender may make up
REPLY_CAP = 28  # replies may fill any second up to this (Telegram: about 30), never more
YIELD = 0.02  # seconds the broadcast steps aside while a reply waits for room


class Clock:
    """Wall time for due dates, monotonic time for pacing, and sleeping."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(seconds, 0.0))


class FakeClock(Clock):
    """Time that moves only when told (or when someone sleeps): for tests and previews."""

    def __init__(self, start: datetime | None = None):
        self._now = start or datetime(2026, 12, 1, 4, 30, tzinfo=UTC)
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)
        self._mono += seconds

    def set(self, moment: datetime) -> None:
        """Wall time may be set back (as an NTP step would); monotonic time never goes
        back."""
        seconds = (moment - self._now).total_seconds()
        self._now = moment
        self._mono += max(seconds, 0.0)

    async def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.advance(seconds)
        await asyncio.sleep(0)  # let other tasks run, as a real sleep would


class Pacer:
    """When the next message may go: ``rate`` a second overall, one a second per chat,
    and nothing at all while a flood wait (429 ``retry_after``) lasts.

    Replies to sellers share Telegram's budget and go first: the Application's limiter
    (``bot.runtime.limits``) asks ``reply_wait`` and reports each reply (``note``); our own
    slots keep the total of the last second below ``ceiling`` (Telegram's 30 less a little
    room for a burst of replies), and just before each send ``admit`` checks again, so
    that replies which came in while we waited for our slot push the broadcast back, never
    the other way round. Replies wait only for ``reply_cap`` (a second already that full)
    or a flood wait."""

    def __init__(self, rate: float = 25.0, per_chat: float = PER_CHAT_INTERVAL,
                 ceiling: int = 26, reply_cap: int = REPLY_CAP):
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self.per_chat = per_chat
        self.ceiling = max(ceiling, 1)
        self.reply_cap = max(reply_cap, self.ceiling)
        self.replies_waiting = 0  # replies held back by reply_cap or a flood wait
        self._next_slot = float("-inf")
        self._paused_until = float("-inf")
        self._chat_next: dict[int, float] = {}
        self._chat_sent: dict[int, float] = {}  # when each chat's last message really went
        self._window: list[float] = []  # send times, ours and replies, sorted

    def chat_wait(self, chat_id: int, now: float) -> float:
        """Seconds until this chat may get another message (0: now)."""
        return max(self._chat_next.get(chat_id, float("-inf")) - now, 0.0)

    def reserve(self, chat_id: int, now: float) -> float:
        """Take the next global slot for ``chat_id``; returns the seconds to wait for it.
        The chat's gate starts from the slot, so the caller sends after waiting."""
        # Slots stay on a grid: a send that starts a little late (a statement, a batch
        # boundary) does not push every later slot back, so the rate holds over minutes.
        # Later than ``CATCH_UP`` the grid starts again from now: a short catch-up of a few
        # back-to-back sends, never more than the ceiling allows in any second.
        slot = max(self._next_slot, self._paused_until)
        if now - slot >= CATCH_UP:
            slot = now
        window = self._window
        del window[:bisect.bisect_right(window, now - 1.0)]
        while True:  # the ceiling: at most ``ceiling`` sends in any second up to the slot
            start = bisect.bisect_right(window, slot - 1.0)
            end = bisect.bisect_right(window, slot)
            if end - start < self.ceiling:
                break
            # A second after the send that fills the window; at least one step later than
            # now in floating point: ``w + 1.0`` can round to ``slot`` itself while
            # ``slot - 1.0`` still rounds below ``w``, and the loop never moved on (it
            # held the event loop, and every chat, forever).
            slot = max(window[end - self.ceiling] + 1.0, math.nextafter(slot, math.inf))
        bisect.insort(window, max(slot, now))
        self._next_slot = slot + self.interval
        self._chat_next[chat_id] = max(slot, now) + self.per_chat
        if len(self._chat_next) > 10_000:  # forget chats whose gate is long open
            self._chat_next = {k: v for k, v in self._chat_next.items() if v > now}
        return max(slot - now, 0.0)

    def note(self, now: float, chat_id: int | None = None) -> None:
        """Someone else (a reply to a seller) sent a message just now."""
        bisect.insort(self._window, now)
        if chat_id is not None:  # the broadcast keeps this chat's 1/s gate too
            self._went(chat_id, now)

    def _went(self, chat_id: int, now: float) -> None:
        self._chat_sent[chat_id] = now
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, now), now + self.per_chat)
        if len(self._chat_sent) > 10_000:  # forget chats whose last message is long gone
            self._chat_sent = {k: v for k, v in self._chat_sent.items()
                               if now - v < self.per_chat}

    def _in_last_second(self, now: float) -> tuple[int, int]:
        window = self._window
        del window[:bisect.bisect_right(window, now - 1.0)]
        return 0, bisect.bisect_right(window, now)

    def unbook(self, booked: float) -> None:
        """Give up a slot ``reserve`` booked (the send will not happen then)."""
        window = self._window
        i = bisect.bisect_left(window, booked - 1e-9)
        if i < len(window) and window[i] <= booked + 1e-9:
            del window[i]

    def admit(self, booked: float, now: float) -> float:
        """Just before a send booked for ``booked``: 0 if it goes now (its booking moves to
        ``now``), else the seconds to wait first: a reply is waiting for room, or replies
        noted since the booking filled the last second up to ``ceiling``."""
        self.unbook(booked)
        start, end = self._in_last_second(now)
        wait = YIELD if self.replies_waiting else 0.0
        if end - start >= self.ceiling:
            wait = max(wait, self._window[end - self.ceiling] + 1.0 - now)
        if wait > 0:
            wait = max(wait, 1e-6)
        bisect.insort(self._window, now + wait)
        return wait

    def depart(self, chat_id: int, booked: float, now: float) -> float:
        """Right before the API call of a send booked for ``booked`` (``admit`` said go, then
        came a commit): 0 if it goes now, else the seconds to wait first. Telegram counts
        when a message arrives, not when it was booked: a send that goes late (a slow
        commit, a busy machine) while later ones go on time could crowd a second past
        Telegram's limit, or come less than ``per_chat`` after the chat's previous message
        if that one went late. So: fewer than ``reply_cap`` in the last second (the hard cap
        replies keep too; ``ceiling`` is what slots are planned for, and a late send must
        not wait for it while its row is handed over), and the chat's last message
        ``per_chat`` ago (compared as Telegram would, ``now - sent``)."""
        self.unbook(booked)
        start, end = self._in_last_second(now)
        wait = 0.0
        if end - start >= self.reply_cap:
            wait = self._window[end - self.reply_cap] + 1.0 - now
        gap = now - self._chat_sent.get(chat_id, float("-inf"))
        if gap < self.per_chat:
            wait = max(wait, self.per_chat - gap)
        if wait > 0:
            wait = max(wait, 1e-6)  # always a step on: rounding must not hold it here
            bisect.insort(self._window, now + wait)
            return wait
        bisect.insort(self._window, now)
        self._went(chat_id, now)
        return 0.0

    def reply_wait(self, now: float) -> float:
        """Seconds a reply must wait: a flood wait, or a second already at ``reply_cap``
        (ours and replies). Never for the broadcast's rate or its slots to come."""
        paused = self._paused_until - now
        if paused > 0:
            return paused
        start, end = self._in_last_second(now)
        if end - start >= self.reply_cap:
            return max(self._window[end - self.reply_cap] + 1.0 - now, 1e-6)
        return 0.0

    def pause(self, seconds: float, now: float) -> None:
        """A 429: no slot before ``now + seconds``."""
        self._paused_until = max(self._paused_until, now + seconds)

    def paused_for(self, now: float) -> float:
        return max(self._paused_until - now, 0.0)
