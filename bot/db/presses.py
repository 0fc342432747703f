"""The ``presses`` table's owner: has this creating button already been acted on?

Five quick taps on "📄 Duplicate" (or "➕ Invite a facilitator") arrive as five updates.
They are handled one after another (per chat in a process; across processes, under the
seller row lock, and for staff by the unique key: a second process's insert of the same
press fails and its transaction, with whatever it created, rolls back), so the first
inserts (person, message, data) and the rest find it. Keyed by the presser's Telegram id:
staff may have no seller row. Rows older than a day are pruned by the person's next press:
by then nobody is still tapping. /delete removes a person's presses (``forget``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, insert, select

from bot.db.models import Press, utcnow

TABLE = Press.__table__
KEEP = timedelta(days=1)


async def first(session: Any, telegram_id: int, message_id: int, data: str) -> bool:
    """Record this press; False if the same button of the same message was pressed before
    by the same person."""
    found = (await session.execute(select(TABLE.c.id).where(
        TABLE.c.telegram_id == telegram_id, TABLE.c.message_id == message_id,
        TABLE.c.data == data))).first()
    if found is not None:
        return False
    now = utcnow()
    await session.execute(delete(TABLE).where(TABLE.c.telegram_id == telegram_id,
                                              TABLE.c.created_at < now - KEEP))
    await session.execute(insert(TABLE).values(telegram_id=telegram_id, message_id=message_id,
                                               data=data, created_at=now))
    return True


async def forget(session: Any, telegram_id: int) -> None:
    """/delete: the person's presses go with the rest of their data."""
    await session.execute(delete(TABLE).where(TABLE.c.telegram_id == telegram_id))
