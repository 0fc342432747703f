"""The ``web_logins`` table's owner: one-time links to the staff web page (``/web``).

A link is valid ``LIFETIME``, works once, and only for the staff member it was sent to. Only
the token's SHA-256 is kept, as for staff invitations. Using it does not make anyone staff:
the web page asks ``staff.role`` again on this and every later request.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update

from bot.admin import access
from bot.admin.staff import Role
from bot.db.models import WebLogin, utcnow

TABLE = WebLogin.__table__
LIFETIME = timedelta(minutes=10)

# use() results (words are chosen where shown)
ACCEPTED, USED, EXPIRED, UNKNOWN = "accepted", "used", "expired", "unknown"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create(session: Any, role: Role | None, language: str,
                 now: datetime | None = None) -> str:
    """A new token for the acting staff member (``access.require`` first)."""
    role = access.require(role)
    now = now or utcnow()
    token = secrets.token_urlsafe(24)
    # Old links of anyone are of no use: keep the table small.
    await session.execute(delete(TABLE).where(TABLE.c.expires_at < now - LIFETIME))
    await session.execute(insert(TABLE).values(
        token_hash=_hash(token), telegram_id=role.telegram_id, language=language[:5],
        created_at=now, expires_at=now + LIFETIME))
    return token


async def use(session: Any, token: str, now: datetime | None = None
              ) -> tuple[str, int | None, str | None]:
    """Use a link once: (result code, the staff member's Telegram id, their language)."""
    now = now or utcnow()
    hashed = _hash(token)
    # One conditional UPDATE: of two browsers racing with the same link, one wins.
    claimed = await session.execute(update(TABLE).where(
        TABLE.c.token_hash == hashed, TABLE.c.used_at.is_(None),
        TABLE.c.expires_at > now).values(used_at=now))
    row = (await session.execute(select(TABLE.c.telegram_id, TABLE.c.language,
                                        TABLE.c.used_at).where(
        TABLE.c.token_hash == hashed))).first()
    if row is None:
        return UNKNOWN, None, None
    if claimed.rowcount != 1:
        return (USED if row.used_at is not None else EXPIRED), None, None
    return ACCEPTED, row.telegram_id, row.language
