"""The ``broadcasts`` table's owner: a staff message to one district's sellers (optionally
one craft, or only those stuck at one stage of the funnel), its audience, the one confirmation that
queues it, cancelling, and its report.

Each seller's copy is an outbox row (kind ``broadcast``, key ``b:<broadcast>:<seller>``),
enqueued in the confirming transaction: the broadcast is queued with all its rows or not at
all. Confirming is one conditional UPDATE (draft → queued), so five taps queue it once.
The words are read from this table at send time: a cancelled broadcast sends nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update

from bot.admin.stats import DISTRICT, STAGES, reached_at
from bot.db import sellers
from bot.db.models import Broadcast, Seller
from bot.outbox import queue

TABLE = Broadcast.__table__
SELLERS = Seller.__table__
KIND = "broadcast"

DRAFT, QUEUED, CANCELLED = "draft", "queued", "cancelled"
# confirm() results (words are chosen where shown)
CONFIRMED, ALREADY, WAS_CANCELLED, MISSING = "confirmed", "already", "was_cancelled", "missing"


@dataclass(frozen=True)
class Audience:
    seller_ids: list[int]
    blocked: int  # sellers of the same choice left out: they blocked the bot


@dataclass(frozen=True)
class Report:
    audience: int
    counts: dict[str, int]  # outbox status → rows

    def count(self, *statuses: str) -> int:
        return sum(self.counts.get(s, 0) for s in statuses)


def key_prefix(broadcast_id: int) -> str:
    return f"b:{broadcast_id}:"


# A deliberate resend to a seller whose first copy ended "unknown" is a new row with a key
# of its own (the old row stays as it was: what happened to it is still not known).
RESEND = ":r1"


def resend_key(broadcast_id: int, seller_id: int) -> str:
    return f"{key_prefix(broadcast_id)}{seller_id}{RESEND}"


@dataclass(frozen=True)
class Recipient:
    seller_id: int
    name: str | None
    district: str | None
    status: str  # the outbox status of their copy (of the resent one, if resent)
    first: str  # the status of their first copy ("unknown" stays "unknown")
    resent: bool
    error: str | None
    sent_at: datetime | None


# Stages one can be stuck at: reached, and not the next one (the last stage has no next).
STUCK_STAGES = STAGES[:-1]


def _chosen(district: str, craft: str | None, stuck_at: str | None) -> list[Any]:
    """Who the broadcast is for, as WHERE terms. The district as the funnel counts it
    (``stats.DISTRICT``: also a district answered in an unfinished profile), so "stuck
    before the profile" reaches the sellers the funnel shows there."""
    where = [district == DISTRICT, sellers.counted()]
    if craft:
        where.append(SELLERS.c.craft_key == craft)
    if stuck_at:
        following = STAGES[STAGES.index(stuck_at) + 1]
        where += [reached_at(stuck_at).is_not(None), reached_at(following).is_(None)]
    return where


async def audience(session: Any, district: str, craft: str | None,
                   stuck_at: str | None = None) -> Audience:
    where = _chosen(district, craft, stuck_at)
    ids = await session.execute(select(SELLERS.c.id).where(
        *where, SELLERS.c.unreachable_at.is_(None)).order_by(SELLERS.c.id))
    blocked = await session.execute(select(func.count()).select_from(SELLERS).where(
        *where, SELLERS.c.unreachable_at.is_not(None)))
    return Audience(list(ids.scalars()), int(blocked.scalar() or 0))


async def audience_names(session: Any, district: str, craft: str | None,
                         stuck_at: str | None = None, *, limit: int = 100
                         ) -> list[tuple[int, str | None]]:
    """The first ``limit`` of the audience by seller id: (id, name), for staff to see who
    it goes to before sending."""
    rows = await session.execute(select(SELLERS.c.id, sellers.NAME).where(
        *_chosen(district, craft, stuck_at), SELLERS.c.unreachable_at.is_(None))
        .order_by(SELLERS.c.id).limit(limit))
    return [(int(r[0]), r[1]) for r in rows]


async def languages(session: Any, district: str, craft: str | None,
                    stuck_at: str | None = None) -> dict[str, int]:
    """How many of the audience read each language (``hi``, ``en``)."""
    rows = await session.execute(select(SELLERS.c.language, func.count()).where(
        *_chosen(district, craft, stuck_at), SELLERS.c.unreachable_at.is_(None))
        .group_by(SELLERS.c.language))
    counts: dict[str, int] = {}
    for language, count in rows:
        key = "hi" if language == "hi" else "en"
        counts[key] = counts.get(key, 0) + int(count)
    return counts


async def create(session: Any, *, by: int, district: str, craft: str | None, text_en: str,
                 text_hi: str, now: datetime, stuck_at: str | None = None) -> int:
    """A draft (previewed, nothing queued yet)."""
    if stuck_at is not None and stuck_at not in STUCK_STAGES:
        raise ValueError(stuck_at)
    result = await session.execute(insert(TABLE).values(
        created_by=by, district_code=district, craft_key=craft, stage=stuck_at,
        text_en=text_en, text_hi=text_hi, status=DRAFT, audience=0,
        created_at=now).returning(TABLE.c.id))
    return int(result.scalar_one())


async def get(session: Any, broadcast_id: int) -> Any | None:
    return (await session.execute(select(TABLE).where(TABLE.c.id == broadcast_id))).first()


async def confirm(session: Any, broadcast_id: int, *, now: datetime,
                  due_at: datetime | None = None) -> tuple[str, int]:
    """Queue a draft once: (result code, sellers queued), due at ``due_at`` (default now;
    after the quiet hours unless urgent: the caller chooses). Only the one UPDATE that
    turns the draft into ``queued`` enqueues; a repeated or racing confirm gets
    ``ALREADY``."""
    claimed = await session.execute(update(TABLE).where(
        TABLE.c.id == broadcast_id, TABLE.c.status == DRAFT).values(
        status=QUEUED, confirmed_at=now))
    row = await get(session, broadcast_id)
    if row is None:
        return MISSING, 0
    if claimed.rowcount != 1:
        return (WAS_CANCELLED if row.status == CANCELLED else ALREADY), row.audience
    # The audience as it is now (someone may have blocked the bot since the preview).
    chosen = await audience(session, row.district_code, row.craft_key, row.stage)
    for seller_id in chosen.seller_ids:
        await queue.enqueue(session, kind=KIND, key=f"{key_prefix(broadcast_id)}{seller_id}",
                            seller_id=seller_id, due_at=due_at or now,
                            payload={"broadcast": broadcast_id}, now=now)
    await session.execute(update(TABLE).where(TABLE.c.id == broadcast_id).values(
        audience=len(chosen.seller_ids)))
    return CONFIRMED, len(chosen.seller_ids)


async def cancel(session: Any, broadcast_id: int, *, now: datetime) -> int | None:
    """Stop a broadcast: its pending rows become cancelled (those sent stay sent). Returns
    how many were stopped, or None if it was already cancelled."""
    result = await session.execute(update(TABLE).where(
        TABLE.c.id == broadcast_id, TABLE.c.status != CANCELLED).values(
        status=CANCELLED, cancelled_at=now))
    if result.rowcount != 1:
        return None
    return await queue.cancel(session, prefix=key_prefix(broadcast_id),
                              reason="broadcast cancelled")


async def report(session: Any, broadcast_id: int) -> Report:
    """Counts per seller: a resent copy's status stands for the seller (the first copy
    stays "unknown" in the outbox, but is not counted twice here)."""
    row = await get(session, broadcast_id)
    counts: dict[str, int] = {}
    for person in await recipients(session, broadcast_id):
        counts[person.status] = counts.get(person.status, 0) + 1
    return Report(audience=row.audience if row else 0, counts=counts)


async def recipients(session: Any, broadcast_id: int) -> list[Recipient]:
    """Everyone the broadcast was queued for, with their name, district and status."""
    first: dict[int, Any] = {}
    again: dict[int, Any] = {}
    for row in await queue.rows_with_prefix(session, key_prefix(broadcast_id)):
        (again if row.dedupe_key.endswith(RESEND) else first)[row.seller_id] = row
    names = {r.id: r for r in await session.execute(
        select(SELLERS.c.id, sellers.NAME.label("name"), DISTRICT.label("district"))
        .where(SELLERS.c.id.in_(list(first))))} if first else {}
    people = []
    for seller_id, row in first.items():
        latest = again.get(seller_id, row)
        who = names.get(seller_id)
        people.append(Recipient(seller_id, who.name if who else None,
                                who.district if who else None, latest.status, row.status,
                                seller_id in again, latest.error, latest.sent_at))
    return people


async def resend_unknown(session: Any, broadcast_id: int, *, now: datetime) -> int:
    """Queue the broadcast again for the sellers whose copy ended "unknown" (and who were
    not resent to already): new rows, new keys, so a second tap queues nothing more."""
    added = 0
    for person in await recipients(session, broadcast_id):
        if person.first == queue.UNKNOWN and not person.resent:
            added += await queue.enqueue(
                session, kind=KIND, key=resend_key(broadcast_id, person.seller_id),
                seller_id=person.seller_id, due_at=now, payload={"broadcast": broadcast_id},
                now=now)
    return added


async def forget_author(session: Any, telegram_id: int, anonymous: int) -> None:
    """/delete: a broadcast stays (sellers received it, the counts stay) without its
    author's Telegram id."""
    await session.execute(update(TABLE).where(TABLE.c.created_by == telegram_id)
                          .values(created_by=anonymous))
