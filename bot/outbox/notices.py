"""``notice``: a message whose words were written by a person in both languages (staff
announcements, the facilitator side of issue 12). The payload holds ``{"en": ..., "hi": ...}``
and the seller's language picks one at send time (English when Hindi is missing)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.conversation.turn import Reply
from bot.db.models import Seller
from bot.i18n import get_locale
from bot.outbox import queue
from bot.outbox.queue import Kind, Message

NAME = "notice"


async def enqueue(session: Any, *, key: str, seller_id: int, texts: dict[str, str],
                  due_at: datetime, now: datetime) -> bool:
    if not texts.get("en"):
        raise ValueError("a notice needs at least its English text")
    return await queue.enqueue(session, kind=NAME, key=key, seller_id=seller_id,
                               due_at=due_at, payload={"texts": texts}, now=now)


async def render(session: Any, message: Message, seller: Seller) -> Reply | None:
    texts = message.payload.get("texts") or {}
    text = texts.get(get_locale()) or texts.get("en")
    return Reply(text=text) if text else None


KIND = Kind(NAME, render)
