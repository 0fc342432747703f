"""The staff team, as operator actions: invite a facilitator for some districts, list
the facilitators (by name), remove one, mark testers (never counted as sellers).
``staff.py`` keeps the staff rows, ``bot.db.sellers`` the testers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.admin import access, staff
from bot.admin.staff import Role
from bot.conversation.links import InviteLink
from bot.conversation.turn import Gone
from bot.db import sellers
from bot.i18n import _


@dataclass(frozen=True)
class Invitation:
    districts: list[str]
    link: str  # works once, within ``hours``
    hours: int


@dataclass(frozen=True)
class Member:
    id: int  # staff row id
    telegram_id: int
    districts: list[str]
    name: str | None = None  # their Telegram name, else the name they gave as a seller


@dataclass(frozen=True)
class Tester:
    telegram_id: int
    name: str | None


def invite_link(username: str | None, token: str) -> str:
    return f"https://t.me/{username or 'your_bot'}?start={InviteLink(token).pack()}"


async def invite(session: Any, role: Role | None, districts: list[str],
                 username: str | None) -> Invitation:
    role = access.require(role, operator=True)
    token = await staff.create_invite(session, districts, created_by=role.telegram_id)
    return Invitation(staff.known_districts(districts), invite_link(username, token),
                      int(staff.INVITE_LIFETIME.total_seconds() // 3600))


async def members(session: Any, role: Role | None) -> list[Member]:
    access.require(role, operator=True)
    rows = await staff.everyone(session)
    as_sellers = await sellers.names_of_telegram(session, [r.telegram_id for r in rows])
    return [Member(row.id, row.telegram_id, list(row.districts or []),
                   row.name or as_sellers.get(row.telegram_id)) for row in rows]


async def member(session: Any, role: Role | None, staff_id: int) -> Member:
    """One facilitator (to confirm a removal)."""
    access.require(role, operator=True)
    row = await staff.member(session, staff_id)
    if row is None:
        raise Gone(_("This facilitator was already removed."))
    as_seller = await sellers.names_of_telegram(session, [row.telegram_id])
    return Member(row.id, row.telegram_id, list(row.districts or []),
                  row.name or as_seller.get(row.telegram_id))


async def remove(session: Any, role: Role | None, staff_id: int) -> int:
    """Remove a facilitator; returns their Telegram id."""
    access.require(role, operator=True)
    removed = await staff.remove_by_id(session, staff_id)
    if removed is None:
        raise Gone(_("This facilitator was already removed."))
    return removed


async def testers(session: Any, role: Role | None) -> list[Tester]:
    access.require(role, operator=True)
    return [Tester(row.telegram_id, row.name)
            for row in await sellers.uncounted(session, sellers.TESTER)]


async def mark_tester(session: Any, role: Role | None, telegram_id: int, *,
                      remove: bool = False) -> bool:
    """A tester is never counted as a seller (``sellers.counted``); True if it changed."""
    role = access.require(role, operator=True)
    if remove:
        return await sellers.unmark_uncounted(session, telegram_id)
    return await sellers.mark_uncounted(session, telegram_id, sellers.TESTER,
                                        role.telegram_id)
