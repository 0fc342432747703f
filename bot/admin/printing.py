"""Posters to print, as staff actions: a district's (with the coming workshops that have
posters of their own) and a workshop's. ``posters.py`` draws them; this checks who may
have which, and that the bot's @username is known (the QR code's link needs it).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from bot.admin import access, posters
from bot.admin.staff import Role
from bot.conversation.turn import Gone
from bot.db.models import utcnow
from bot.i18n import _
from bot.workshops import access as workshops_access
from bot.workshops import workshops as workshops_store


@dataclass(frozen=True)
class DistrictPosters:
    poster: posters.Poster
    workshops: list[dict[str, Any]]  # the district's coming workshops this person may print


def _link_known(username: str | None) -> str:
    if not username:  # asked from Telegram at start-up
        raise Gone(_("I cannot make the link right now. Please try again in a minute."))
    return username


async def coming_workshops(session: Any, role: Role | None, district: str
                           ) -> list[dict[str, Any]]:
    """The announced, coming workshops of ``district`` (or of all the staff member's
    districts, ``access.ALL``) this person may print a poster of, soonest first."""
    role = access.require(role, district)
    codes = set(access.scope(role, district))
    return [w for w in await workshops_store.all_workshops(session, since=utcnow())
            if w["status"] == workshops_store.PUBLISHED and workshops_access.sees(role, w)
            and (workshops_store.for_everyone(w) or codes & set(w["districts"] or []))]


async def for_district(session: Any, role: Role | None, username: str | None,
                       district: str) -> DistrictPosters:
    role = access.require(role, district)
    made = await asyncio.to_thread(posters.poster, _link_known(username), district)
    return DistrictPosters(made, await coming_workshops(session, role, district))


async def for_workshop(session: Any, role: Role | None, username: str | None,
                       workshop_id: int) -> tuple[posters.Poster, dict[str, Any]]:
    """A published, coming workshop's poster (a draft, cancelled or past workshop gets
    none: its link would lead nowhere), and the workshop."""
    role = access.require(role)
    workshop = await workshops_store.get(session, workshop_id)
    if workshop is None or (workshop["status"] == workshops_store.DRAFT
                            and not role.operator):
        raise Gone(_("This workshop no longer exists."))
    if not workshops_access.sees(role, workshop):  # the workshops slice's rule
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    if workshop["status"] == workshops_store.DRAFT:
        raise Gone(_("Announce the workshop first: until then its link shows nothing."))
    if (workshop["status"] != workshops_store.PUBLISHED
            or workshops_store.ends_at(workshop) <= utcnow()):
        raise Gone(_("This workshop is cancelled or over, so it gets no poster."))
    made = await asyncio.to_thread(posters.workshop_poster, _link_known(username), workshop)
    return made, workshop
