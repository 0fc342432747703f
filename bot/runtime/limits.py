"""Replies to sellers under Telegram's limit: python-telegram-bot's rate limiter for the
Application's bot (every reply, edit and notice of a turn or a job goes through it).

It replaces ``AIORateLimiter(max_retries=3)``, which dropped a reply after three flood waits
and did not know about the outbox sender's share of the budget (issue 17, item 3). Here:

- a request with a ``chat_id`` waits only while a flood wait lasts or while the last second
  already holds ``Pacer.reply_cap`` messages (replies and the broadcast together); it never
  waits for the broadcast's rate or its slots to come: the broadcast steps aside instead
  (``Pacer.admit``);
- a 429 (``RetryAfter``) pauses the replies *and* the outbox sender for ``retry_after``, and
  the reply is tried again, as often as it takes: a reply is delivered or ends in an error
  that sending again cannot fix (403: the seller blocked the bot; 400), which is raised.

With the outbox sender in this process (``seller-bot run``), ``start_sender`` makes the
limiter and the sender share one ``Pacer`` (``share``), so both count every message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.outbox.pacing import Clock, Pacer
from bot.runtime.sender import retry_after_seconds

log = logging.getLogger("haat.limits")


class ReplyLimiter(BaseRateLimiter[None]):
    def __init__(self, pacer: Pacer | None = None, clock: Clock | None = None):
        self.pacer = pacer or Pacer(rate=30.0)
        self.clock = clock or Clock()
        self.retried = 0  # flood waits met (make bench reports them)

    def share(self, pacer: Pacer, clock: Clock) -> None:
        """Count replies in the outbox sender's budget (same process)."""
        self.pacer, self.clock = pacer, clock

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def process_request(
            self, callback: Callable[..., Coroutine[Any, Any, Any]], args: Any,
            kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
            rate_limit_args: None) -> Any:
        chat_id = data.get("chat_id")
        if chat_id is None:  # getMe, answerCallbackQuery, getFile: not counted by Telegram
            return await callback(*args, **kwargs)
        while True:
            await self._room()
            self.pacer.note(self.clock.monotonic(),
                            chat_id if isinstance(chat_id, int) else None)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                self.pacer.pause(wait, self.clock.monotonic())
                self.retried += 1
                log.warning("flood wait: a reply (%s) waits %.0f s and is sent again",
                            endpoint, wait)

    async def _room(self) -> None:
        """Wait until a reply may go; meanwhile the broadcast steps aside."""
        wait = self.pacer.reply_wait(self.clock.monotonic())
        if wait <= 0:
            return
        self.pacer.replies_waiting += 1
        try:
            while wait > 0:
                await self.clock.sleep(wait)
                wait = self.pacer.reply_wait(self.clock.monotonic())
        finally:
            self.pacer.replies_waiting -= 1
