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
# Workshops and broadcasts (``detail``: "workshop <id>" / "broadcast <id>").
(WORKSHOP_CREATE, WORKSHOP_EDIT, WORKSHOP_ANNOUNCE, WORKSHOP_MOVE, WORKSHOP_CANCEL,
 WORKSHOP_PRESENT, WORKSHOP_EXPORT, BROADCAST_SEND, BROADCAST_STOP, BROADCAST_RESEND) = (
    "workshop_create", "workshop_edit", "workshop_announce", "workshop_move",
    "workshop_cancel", "workshop_present", "workshop_export", "broadcast_send",
    "broadcast_stop", "broadcast_resend")
WORDS = {
    EXPORT: N_("exported"), POSTER: N_("printed a poster"),
    ENGLISH: N_("gave a line in English"), INVITE: N_("invited a facilitator"),
    REMOVE: N_("removed a facilitator"), TESTER: N_("marked a tester"),
    UNTESTER: N_("unmarked a tester"),
    WORKSHOP_CREATE: N_("planned a workshop"), WORKSHOP_EDIT: N_("changed a workshop"),
    WORKSHOP_ANNOUNCE: N_("announced a workshop"), WORKSHOP_MOVE: N_("moved a workshop"),
    WORKSHOP_CANCEL: N_("cancelled a workshop"),
    WORKSHOP_PRESENT: N_("marked a seller present"),
    WORKSHOP_EXPORT: N_("downloaded a workshop's attendance"),
    BROADCAST_SEND: N_("sent a broadcast"), BROADCAST_STOP: N_("stopped a broadcast"),
    BROADCAST_RESEND: N_("resent a broadcast to “unknown”"),
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
