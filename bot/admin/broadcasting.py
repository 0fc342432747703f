"""A broadcast from staff to a district's sellers, as staff actions: write it, preview its
audience and sending time, send it once, follow its progress, stop it. Each checks the
staff member's role and the broadcast's district first; ``broadcasts.py`` keeps the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.admin import access, broadcasts
from bot.admin.staff import Role
from bot.conversation.turn import Gone
from bot.i18n import _
from bot.workshops.reminders import after_quiet_hours


@dataclass(frozen=True)
class Preview:
    broadcast: Any  # the broadcasts row (district_code, craft_key, stage, text_en, text_hi)
    sellers: int  # who it would go to now
    blocked: int  # left out: they blocked the bot
    seconds: float  # sending time at the outbox rate
    languages: dict[str, int]  # how many read hi / en


@dataclass(frozen=True)
class Status:
    broadcast: Any
    report: broadcasts.Report


@dataclass(frozen=True)
class Stopped:
    was_draft: bool  # discarded before anything was sent
    count: int | None  # messages that will not be sent; None: it was stopped already


async def _own(session: Any, role: Role | None, broadcast_id: int) -> Any:
    """The broadcast, if the staff member may act on it (its district is theirs)."""
    access.require(role)
    row = await broadcasts.get(session, broadcast_id)
    if row is None:
        raise Gone(_("This button no longer works."))
    access.require(role, row.district_code)
    return row


async def create(session: Any, role: Role | None, *, district: str, craft: str | None,
                 stage: str | None, text_en: str, text_hi: str, now: datetime) -> int:
    """A draft for one district (optionally one craft, or sellers stuck at ``stage``)."""
    role = access.require(role, district)  # the role may have changed while writing
    if not district or district == access.ALL:
        raise Gone(_("This button no longer works."))
    return await broadcasts.create(
        session, by=role.telegram_id, district=district, craft=craft, text_en=text_en,
        text_hi=text_hi, now=now,
        stuck_at=stage if stage in broadcasts.STUCK_STAGES else None)


async def preview(session: Any, role: Role | None, broadcast_id: int, *, rate: float
                  ) -> Preview:
    """Who it would reach now, and how long sending takes at ``rate`` messages a second."""
    row = await _own(session, role, broadcast_id)
    chosen = await broadcasts.audience(session, row.district_code, row.craft_key, row.stage)
    count = len(chosen.seller_ids)
    read = await broadcasts.languages(session, row.district_code, row.craft_key, row.stage)
    return Preview(row, count, chosen.blocked, count / rate, read)


async def names(session: Any, role: Role | None, broadcast_id: int, *, limit: int = 100
                ) -> list[tuple[int, str | None]]:
    """The first ``limit`` sellers it would reach now (id, name), as in ``preview``."""
    row = await _own(session, role, broadcast_id)
    return await broadcasts.audience_names(session, row.district_code, row.craft_key,
                                           row.stage, limit=limit)


def goes_at(now: datetime, *, urgent: bool) -> datetime:
    """When a broadcast confirmed ``now`` starts going out: at once if urgent, else after
    the quiet hours (21:00–08:00 IST), as reminders and nudges are."""
    return now if urgent else after_quiet_hours(now)


async def send(session: Any, role: Role | None, broadcast_id: int, *, now: datetime,
               urgent: bool = False) -> int | None:
    """Queue it once: how many sellers, or None if it was queued already."""
    row = await _own(session, role, broadcast_id)
    result, count = await broadcasts.confirm(session, row.id, now=now,
                                             due_at=goes_at(now, urgent=urgent))
    if result == broadcasts.WAS_CANCELLED:
        raise Gone(_("This broadcast was discarded. Nothing was sent."))
    return None if result == broadcasts.ALREADY else count


async def status(session: Any, role: Role | None, broadcast_id: int) -> Status:
    row = await _own(session, role, broadcast_id)
    return Status(row, await broadcasts.report(session, row.id))


async def recipients(session: Any, role: Role | None, broadcast_id: int
                     ) -> tuple[Any, list[broadcasts.Recipient]]:
    """The broadcast and everyone it was queued for, with each one's status."""
    row = await _own(session, role, broadcast_id)
    return row, await broadcasts.recipients(session, row.id)


async def resend_unknown(session: Any, role: Role | None, broadcast_id: int, *,
                         now: datetime) -> int:
    """Send again to those whose copy ended "unknown" (some of them may get it twice:
    Telegram gives no way to know); how many were queued (0: nobody left to resend to)."""
    row = await _own(session, role, broadcast_id)
    if row.status == broadcasts.CANCELLED:
        raise Gone(_("This broadcast was stopped, so nothing is sent again."))
    if row.status != broadcasts.QUEUED:
        raise Gone(_("This button no longer works."))
    return await broadcasts.resend_unknown(session, row.id, now=now)


async def stop(session: Any, role: Role | None, broadcast_id: int, *, now: datetime
               ) -> Stopped:
    """Discard a draft, or stop sending (what was sent stays sent)."""
    row = await _own(session, role, broadcast_id)
    count = await broadcasts.cancel(session, row.id, now=now)
    return Stopped(row.status == broadcasts.DRAFT, count)
