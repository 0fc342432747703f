"""The ``nudge_settings`` table's owner: the weekly nudge a seller may switch on, and the
planning that queues it. A nudge goes to a seller who switched it on, has not written to
the bot for ``IDLE`` (7 days), and was not nudged in the last ``IDLE``; it is an outbox row
due at the next moment outside quiet hours (21:00–08:00 IST). The words (their next useful
step) are chosen at send time, and nothing is sent if they came back meanwhile.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, insert, or_, select, update

from bot.db.models import NudgeSetting, Seller
from bot.outbox import queue
from bot.workshops.reminders import after_quiet_hours  # one definition of quiet hours

TABLE = NudgeSetting.__table__
SELLERS = Seller.__table__
KIND = "nudge"
IDLE = timedelta(days=7)

async def enabled(session: Any, seller_id: int) -> bool:
    return bool((await session.execute(select(TABLE.c.enabled).where(
        TABLE.c.seller_id == seller_id))).scalar())


async def switch(session: Any, seller_id: int, on: bool, *, now: datetime) -> None:
    changed = await session.execute(update(TABLE).where(TABLE.c.seller_id == seller_id)
                                    .values(enabled=on, changed_at=now))
    if changed.rowcount == 0:
        await session.execute(insert(TABLE).values(seller_id=seller_id, enabled=on,
                                                   changed_at=now))
    if not on:
        await queue.cancel(session, seller_id=seller_id, prefix="n:", reason="nudges off")


async def plan(session: Any, *, now: datetime) -> int:
    """Queue this week's nudges; returns how many. Safe to run as often as wanted: a
    seller planned within ``IDLE`` is skipped, and the key is per seller and day."""
    cutoff = now - IDLE
    rows = (await session.execute(
        select(TABLE.c.seller_id).join(SELLERS, SELLERS.c.id == TABLE.c.seller_id).where(
            TABLE.c.enabled.is_(True), SELLERS.c.unreachable_at.is_(None),
            SELLERS.c.updated_at <= cutoff,
            or_(TABLE.c.last_planned_at.is_(None), TABLE.c.last_planned_at <= cutoff))
    )).scalars().all()
    due = after_quiet_hours(now)
    for seller_id in rows:
        await queue.enqueue(session, kind=KIND, key=f"n:{seller_id}:{due.date().isoformat()}",
                            seller_id=seller_id, due_at=due, payload={}, now=now)
        await session.execute(update(TABLE).where(and_(TABLE.c.seller_id == seller_id))
                              .values(last_planned_at=now))
    return len(rows)


async def of_seller(session: Any, seller_id: int) -> dict[str, Any] | None:
    row = (await session.execute(select(TABLE.c.enabled, TABLE.c.changed_at,
                                        TABLE.c.last_planned_at).where(
        TABLE.c.seller_id == seller_id))).mappings().first()
    return dict(row) if row else None
