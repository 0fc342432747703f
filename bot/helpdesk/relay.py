"""The ``help_messages`` table's owner: a staff member writes to a seller who asked for
help, the seller answers back, and both sides are kept (shown in /mydata, deleted with the
seller). Each message is also an outbox row (keyed ``h:<message id>``) enqueued in the same
transaction; the renderer reads the words from here at send time, so no text sits in the
outbox payload, and nothing here is ever logged.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update

from bot.db.models import HelpMessage
from bot.outbox import queue

TABLE = HelpMessage.__table__
TO_SELLER = "help.reply"  # outbox kind: staff → seller
TO_STAFF = "help.answer"  # outbox kind: seller → staff (to the staff member's own chat)


async def write(session: Any, *, seller_id: int, staff_telegram_id: int, from_staff: bool,
                text: str, recipient_seller_id: int, now: datetime,
                voice_file_id: str | None = None) -> int:
    """Keep one message and queue it for its recipient (the seller, or the staff member's
    own seller row); returns the message id. ``voice_file_id``: a voice note (its
    Telegram file id only) instead of words."""
    message_id = int((await session.execute(insert(TABLE).values(
        seller_id=seller_id, staff_telegram_id=staff_telegram_id, from_staff=from_staff,
        text=text, created_at=now, voice_file_id=voice_file_id)
        .returning(TABLE.c.id))).scalar_one())
    await queue.enqueue(session, kind=TO_SELLER if from_staff else TO_STAFF,
                        key=f"h:{message_id}", seller_id=recipient_seller_id, due_at=now,
                        payload={"message": message_id}, now=now)
    return message_id


async def get(session: Any, message_id: int) -> Any | None:
    return (await session.execute(select(TABLE).where(TABLE.c.id == message_id))).first()


async def staff_wrote_since(session: Any, seller_id: int, since: datetime) -> bool:
    """Has staff written to this seller since ``since`` (help asked then)?"""
    return (await session.execute(select(TABLE.c.id).where(
        TABLE.c.seller_id == seller_id, TABLE.c.from_staff.is_(True),
        TABLE.c.created_at >= since).limit(1))).first() is not None


async def of_seller(session: Any, seller_id: int) -> list[dict[str, Any]]:
    """The whole conversation (for /mydata), oldest first."""
    rows = (await session.execute(select(TABLE.c.from_staff, TABLE.c.text,
                                         TABLE.c.voice_file_id, TABLE.c.created_at)
                                  .where(TABLE.c.seller_id == seller_id)
                                  .order_by(TABLE.c.id))).mappings().all()
    return [dict(r) for r in rows]


async def forget_staff(session: Any, telegram_id: int, anonymous: int) -> None:
    """/delete by a facilitator: the sellers' conversations stay (theirs, in their
    /mydata) without the facilitator's Telegram id; an answer back finds nobody."""
    await session.execute(update(TABLE).where(TABLE.c.staff_telegram_id == telegram_id)
                          .values(staff_telegram_id=anonymous))
