"""The ``staff``, ``staff_invites`` and ``help_followups`` tables' owner: who is staff, for
which districts, the one-time invitations that appoint a facilitator, and "resolved" marks.

Operators are the Telegram ids in ``ADMIN_IDS``: all districts, never stored. A facilitator
is a row here. Nothing is cached: every staff command and button asks again (``role``), so
a removal takes effect on the very next press.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update

from bot.db.models import HelpFollowup, Staff, StaffInvite, utcnow
from bot.reference import districts as reference

TABLE = Staff.__table__
INVITES = StaffInvite.__table__
FOLLOWUPS = HelpFollowup.__table__

INVITE_LIFETIME = timedelta(hours=48)

# accept_invite() results (words are chosen where shown)
ACCEPTED, USED, EXPIRED, UNKNOWN = "accepted", "used", "expired", "unknown"


@dataclass(frozen=True)
class Role:
    operator: bool
    districts: frozenset[str]  # for an operator: every district
    telegram_id: int = 0  # who acts (written as the author of what they create)

    def can_see(self, district: str) -> bool:
        return district in self.districts


def all_districts() -> frozenset[str]:
    return frozenset(d.code for d in reference.districts())


def known_districts(codes: list[str]) -> list[str]:
    """The codes that name a district, in the reference order, without repeats."""
    wanted = set(codes)
    return [d.code for d in reference.districts() if d.code in wanted]


async def role(session: Any, telegram_id: int, is_operator: bool) -> Role | None:
    if is_operator:
        return Role(operator=True, districts=all_districts(), telegram_id=telegram_id)
    row = (await session.execute(select(TABLE.c.districts).where(
        TABLE.c.telegram_id == telegram_id))).first()
    if row is None:
        return None
    return Role(operator=False, districts=frozenset(known_districts(row.districts or [])),
                telegram_id=telegram_id)


async def add(session: Any, telegram_id: int, districts: list[str], added_by: int | None,
              name: str | None = None) -> list[str]:
    """Appoint (or widen) a facilitator; returns all their districts now. ``name``: as
    the staff list shows them (their Telegram name, or given with the CLI)."""
    row = (await session.execute(select(TABLE.c.id, TABLE.c.districts).where(
        TABLE.c.telegram_id == telegram_id))).first()
    name = name[:80] if name else None
    if row is None:
        merged = known_districts(districts)
        await session.execute(insert(TABLE).values(
            telegram_id=telegram_id, districts=merged, added_by=added_by, created_at=utcnow(),
            name=name))
        return merged
    merged = known_districts([*(row.districts or []), *districts])
    values: dict[str, Any] = {"districts": merged}
    if name:
        values["name"] = name
    await session.execute(update(TABLE).where(TABLE.c.id == row.id).values(**values))
    return merged


async def remove(session: Any, telegram_id: int) -> bool:
    result = await session.execute(delete(TABLE).where(TABLE.c.telegram_id == telegram_id))
    return result.rowcount > 0


async def remove_by_id(session: Any, staff_id: int) -> int | None:
    """Remove by row id (a button); returns the removed Telegram id, or None."""
    row = (await session.execute(select(TABLE.c.telegram_id).where(
        TABLE.c.id == staff_id))).first()
    if row is None:
        return None
    await session.execute(delete(TABLE).where(TABLE.c.id == staff_id))
    return row.telegram_id


async def everyone(session: Any) -> list[Any]:
    """Rows (id, telegram_id, name, districts, added_by, created_at), oldest first."""
    return list(await session.execute(select(
        TABLE.c.id, TABLE.c.telegram_id, TABLE.c.name, TABLE.c.districts, TABLE.c.added_by,
        TABLE.c.created_at).order_by(TABLE.c.id)))


async def member(session: Any, staff_id: int) -> Any | None:
    """One row (id, telegram_id, name, districts), or None."""
    return (await session.execute(select(
        TABLE.c.id, TABLE.c.telegram_id, TABLE.c.name, TABLE.c.districts).where(
        TABLE.c.id == staff_id))).first()


async def name_of(session: Any, telegram_id: int) -> str | None:
    return (await session.execute(select(TABLE.c.name).where(
        TABLE.c.telegram_id == telegram_id))).scalar()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_invite(session: Any, districts: list[str], created_by: int) -> str:
    """A new one-time token (the deep link is ``links.InviteLink(token)``)."""
    token = secrets.token_urlsafe(16)  # 22 characters of [A-Za-z0-9_-], as deep links allow
    now = utcnow()
    await session.execute(insert(INVITES).values(
        token_hash=_hash(token), districts=known_districts(districts), created_by=created_by,
        created_at=now, expires_at=now + INVITE_LIFETIME))
    return token


async def accept_invite(session: Any, token: str, telegram_id: int,
                        name: str | None = None) -> tuple[str, list[str]]:
    """Use an invitation once: (result code, the districts now served)."""
    now = utcnow()
    hashed = _hash(token)
    # One conditional UPDATE: of two people racing with the same link, one wins.
    claimed = await session.execute(update(INVITES).where(
        INVITES.c.token_hash == hashed, INVITES.c.used_at.is_(None),
        INVITES.c.expires_at > now).values(used_by=telegram_id, used_at=now))
    row = (await session.execute(select(INVITES.c.districts, INVITES.c.used_at,
                                        INVITES.c.created_by).where(
        INVITES.c.token_hash == hashed))).first()
    if claimed.rowcount != 1:
        if row is None:
            return UNKNOWN, []
        return (USED if row.used_at is not None else EXPIRED), []
    return ACCEPTED, await add(session, telegram_id, row.districts, added_by=row.created_by,
                               name=name)


async def resolve(session: Any, seller_id: int, by: int) -> None:
    now = utcnow()
    result = await session.execute(update(FOLLOWUPS).where(
        FOLLOWUPS.c.seller_id == seller_id).values(resolved_at=now, resolved_by=by))
    if result.rowcount == 0:
        await session.execute(insert(FOLLOWUPS).values(seller_id=seller_id, resolved_at=now,
                                                       resolved_by=by))


async def covering(session: Any, district: str) -> list[int]:
    """Telegram ids of the facilitators for one district (the staff table is small)."""
    rows = await session.execute(select(TABLE.c.telegram_id, TABLE.c.districts))
    return [r.telegram_id for r in rows if district in (r.districts or [])]


# What stands for a person who deleted their data (/delete) where a column needs a value.
ANONYMOUS = 0


async def forget(session: Any, telegram_id: int) -> list[str] | None:
    """/delete: the person's staff role ends (the row goes) and their Telegram id leaves
    what they did: invitations they used or made, appointments they made, "resolved"
    marks (``ANONYMOUS`` or NULL stays). Returns the districts they served, None if they
    were not a facilitator."""
    row = (await session.execute(select(TABLE.c.districts).where(
        TABLE.c.telegram_id == telegram_id))).first()
    await session.execute(delete(TABLE).where(TABLE.c.telegram_id == telegram_id))
    await session.execute(update(TABLE).where(TABLE.c.added_by == telegram_id)
                          .values(added_by=None))
    await session.execute(update(INVITES).where(INVITES.c.used_by == telegram_id)
                          .values(used_by=None))  # used_at keeps the link used
    await session.execute(update(INVITES).where(INVITES.c.created_by == telegram_id)
                          .values(created_by=ANONYMOUS))
    await session.execute(update(FOLLOWUPS).where(FOLLOWUPS.c.resolved_by == telegram_id)
                          .values(resolved_by=ANONYMOUS))
    return None if row is None else known_districts(row.districts or [])
