"""The staff team, as operator actions: invite a facilitator for some districts, list
the facilitators, remove one. ``staff.py`` keeps the rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.admin import access, staff
from bot.admin.staff import Role
from bot.conversation.links import InviteLink
from bot.conversation.turn import Gone
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
    return [Member(row.id, row.telegram_id, list(row.districts or []))
            for row in await staff.everyone(session)]


async def remove(session: Any, role: Role | None, staff_id: int) -> int:
    """Remove a facilitator; returns their Telegram id."""
    access.require(role, operator=True)
    removed = await staff.remove_by_id(session, staff_id)
    if removed is None:
        raise Gone(_("This facilitator was already removed."))
    return removed
