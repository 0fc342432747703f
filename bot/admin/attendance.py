"""Workshop attendance for the staff export: one row per answer (RSVP) of a seller of the
given districts, with the workshop it is for. A plain read, like ``bot.admin.stats``.

The district is the seller's (as everywhere in the staff area): a workshop for Agra and
Firozabad appears in an Agra facilitator's file with its Agra sellers only, so nobody
receives another district's sellers. The caller has checked the reader may see them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.admin import access
from bot.admin.staff import Role
from bot.admin.stats import DISTRICT, SELLERS, in_districts
from bot.db import sellers
from bot.db.models import Rsvp, Workshop
from bot.workshops import services as workshop_services

WORKSHOPS = Workshop.__table__
RSVPS = Rsvp.__table__


async def rows(session: Any, districts: list[str], workshop_id: int | None = None
               ) -> list[Any]:
    """Answers of these districts' sellers, by workshop (earliest first), then by when
    they answered; ``workshop_id``: of that workshop only."""
    w_, r_, s_ = WORKSHOPS.c, RSVPS.c, SELLERS.c
    query = (select(w_.id.label("workshop_id"), w_.title_en, w_.title_hi, w_.starts_at,
                    w_.duration_minutes, w_.districts.label("workshop_districts"), w_.place,
                    w_.online_url, w_.status, s_.id.label("seller_id"), sellers.NAME.label("name"),
                    DISTRICT.label("district"), s_.phone, r_.answer, r_.answered_at,
                    r_.attended_at, r_.feedback_score, r_.feedback_comment)
             .select_from(RSVPS.join(WORKSHOPS, w_.id == r_.workshop_id)
                          .join(SELLERS, s_.id == r_.seller_id))
             .where(in_districts(districts))
             .order_by(w_.starts_at, w_.id, r_.answered_at, r_.id))
    if workshop_id is not None:
        query = query.where(w_.id == workshop_id)
    return list(await session.execute(query))


async def of_workshop(session: Any, role: Role | None, workshop_id: int
                      ) -> tuple[dict[str, Any], list[Any]]:
    """One workshop's attendance rows for a staff member who may see it: the answers of
    their districts' sellers only (as ``workshops.services.answers`` shows them)."""
    workshop = await workshop_services.seen(session, role, workshop_id)
    return workshop, await rows(session, access.scope(role, access.ALL), workshop_id)
