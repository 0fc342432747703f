"""Who needs help, and what staff do about it: the queue of a district's sellers who asked
for help or stopped in the middle of something, a message to one of them, "resolved"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.admin import access, staff, stats
from bot.admin.staff import Role
from bot.conversation.turn import Gone
from bot.helpdesk import relay
from bot.i18n import _


async def waiting(session: Any, role: Role | None, district: str) -> list[stats.Stuck]:
    """The sellers of one district (or all the staff member's) waiting for help."""
    role = access.require(role, district)
    return await stats.needing_help(session, access.scope(role, district))


async def count_waiting(session: Any, role: Role | None, district: str) -> int:
    """How many sellers of one district (or all the staff member's) wait for help."""
    role = access.require(role, district)
    return await stats.needing_help_count(session, access.scope(role, district))


async def seller_district(session: Any, role: Role | None, seller_id: int) -> str:
    """The seller's district, if they still exist and it is one of the staff member's."""
    role = access.require(role)
    district = await stats.seller_district(session, seller_id)
    if district is None:
        raise Gone(_("This seller's data has been deleted."))
    if not role.can_see(district):
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    return district


async def resolve(session: Any, role: Role | None, seller_id: int) -> None:
    """Mark the seller's request resolved (it leaves the queue until they ask again)."""
    await seller_district(session, role, seller_id)
    await staff.resolve(session, seller_id, by=role.telegram_id)


async def write(session: Any, role: Role | None, seller_id: int, text: str, *,
                now: datetime) -> str:
    """Queue a message to the seller (they can answer it); returns their district.
    Writing is not solving: the request stays open until it is resolved."""
    district = await seller_district(session, role, seller_id)
    await relay.write(session, seller_id=seller_id, staff_telegram_id=role.telegram_id,
                      from_staff=True, text=text, recipient_seller_id=seller_id, now=now)
    return district
