"""The ``presses`` table's owner: has this creating button already been acted on?

Five quick taps on "📄 Duplicate" arrive as five updates. They are handled one after
another (per chat in a process, and under the seller row lock across processes), so the
first inserts (message, data) and the rest find it. Rows older than a day are pruned by the
seller's next press: by then nobody is still tapping.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, insert, select

from bot.db.models import Press, utcnow

TABLE = Press.__table__
KEEP = timedelta(days=1)


async def first(session: Any, seller_id: int, message_id: int, data: str) -> bool:
    """Record this press; False if the same button of the same message was pressed before."""
    found = (await session.execute(select(TABLE.c.id).where(
        TABLE.c.seller_id == seller_id, TABLE.c.message_id == message_id,
        TABLE.c.data == data))).first()
    if found is not None:
        return False
    now = utcnow()
    await session.execute(delete(TABLE).where(TABLE.c.seller_id == seller_id,
                                              TABLE.c.created_at < now - KEEP))
    await session.execute(insert(TABLE).values(seller_id=seller_id, message_id=message_id,
                                               data=data, created_at=now))
    return True
