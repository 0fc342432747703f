"""The ``staff_audit`` table's owner: what staff did on the web page (who, what, on which
seller, when), for operators to read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select

from bot.admin import access
from bot.admin.staff import Role
from bot.db.models import StaffAudit, utcnow
from bot.i18n import N_

TABLE = StaffAudit.__table__

# Action codes (words are chosen where shown).
LOGIN, LOGOUT, WRITE, RESOLVE = "login", "logout", "write", "resolve"
# Exports, posters, English, the team (``detail``: what was exported, the districts...).
EXPORT, POSTER, ENGLISH = "export", "poster", "english"
INVITE, REMOVE, TESTER, UNTESTER = "invite", "remove", "tester", "untester"
WORDS = {
    EXPORT: N_("exported"), POSTER: N_("printed a poster"),
    ENGLISH: N_("gave a line in English"), INVITE: N_("invited a facilitator"),
    REMOVE: N_("removed a facilitator"), TESTER: N_("marked a tester"),
    UNTESTER: N_("unmarked a tester"),
}


async def record(session: Any, telegram_id: int, action: str, *, seller_id: int | None = None,
                 detail: str | None = None, now: datetime | None = None) -> None:
    await session.execute(insert(TABLE).values(
        telegram_id=telegram_id, action=action, seller_id=seller_id,
        detail=detail[:200] if detail else None, at=now or utcnow()))


async def recent(session: Any, role: Role | None, limit: int = 200) -> list[Any]:
    """The newest entries first (telegram_id, action, seller_id, detail, at); operators only."""
    access.require(role, operator=True)
    return list(await session.execute(select(
        TABLE.c.telegram_id, TABLE.c.action, TABLE.c.seller_id, TABLE.c.detail, TABLE.c.at)
        .order_by(TABLE.c.id.desc()).limit(limit)))
