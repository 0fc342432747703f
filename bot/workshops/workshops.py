"""Workshops and RSVPs: the one module that writes ``workshops`` and ``workshop_rsvps``,
and the outbox rows a workshop causes (announcement, reminders, change and cancellation
notices, a place freed on the waiting list, the feedback question).

Rules kept here: capacity counts "going" only; beyond it a "going" waits, and the longest
waiting moves up when a place frees (they are told). Reminders exist for "going" and
"maybe", are created with the answer in one transaction, and carry the workshop's
``sequence`` in their key: a move cancels the old ones and makes new ones.
Results carry codes; ``flow.py`` chooses the words.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from bot.db import sellers
from bot.db.models import Rsvp, Workshop, as_utc
from bot.outbox import queue
from bot.workshops.reminders import DEFAULT_MINUTES, after_quiet_hours, reminder_times

TABLE = Workshop.__table__
RSVPS = Rsvp.__table__
w_ = TABLE.c
r_ = RSVPS.c

ORGANISERS = ("vriddhi", "samarth", "odop", "epch", "other")
LANGUAGES = ("hi", "en", "both")
ALL_DISTRICTS = "*"
DRAFT, PUBLISHED, CANCELLED = "draft", "published", "cancelled"
GOING, WAITING, MAYBE, NO = "going", "waiting", "maybe", "no"
ANSWERS = (GOING, MAYBE, NO)

# Outbox kinds (rendered by bot.workshops.notices).
ANNOUNCE, REMINDER, CHANGE, CANCEL, PROMOTED, FEEDBACK = (
    "w.announce", "w.reminder", "w.change", "w.cancel", "w.promoted", "w.feedback")

# Details a seller must hear about when they change (a new .ics, new reminders).
MOVING_FIELDS = ("starts_at", "duration_minutes", "place", "online_url")
# Code letters without look-alikes (0/O, 1/I/L), easy to read off a slide.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CHECKIN_EARLY = timedelta(hours=2)  # check-in opens this long before the start


def _row(row: Any) -> dict[str, Any]:
    data = dict(row)
    for key in ("starts_at", "created_at", "updated_at", "answered_at", "attended_at"):
        if data.get(key) is not None:
            data[key] = as_utc(data[key])
    return data


def ends_at(workshop: dict[str, Any]) -> datetime:
    return workshop["starts_at"] + timedelta(minutes=workshop["duration_minutes"])


CODE_TRIES = 20  # 31^6 codes: even at 100,000 workshops a new one is taken 1 time in 9,000


def new_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))


async def _free_code(session: Any) -> str:
    """A check-in code no workshop has (codes are unique: a clash would fail the whole
    transaction, a CSV import of thousands of rows with it). Within one transaction the
    writer holds SQLite's lock; on PostgreSQL two creations racing for one code in the
    same instant would still meet the unique constraint, at odds of one in 10^9."""
    for _try in range(CODE_TRIES):
        code = new_code()
        if (await session.execute(select(w_.id).where(w_.checkin_code == code))).first() is None:
            return code
    raise RuntimeError("no free check-in code after 20 tries")


def for_everyone(workshop: dict[str, Any]) -> bool:
    return ALL_DISTRICTS in workshop["districts"]


# ---------------------------------------------------------------- workshops

async def create(session: Any, values: dict[str, Any], *, created_by: int | None,
                 now: datetime) -> int:
    """A draft workshop from checked ``values`` (the form or a CSV row)."""
    row = {"description_en": "", "description_hi": "", "crafts": [], "place": None,
           "online_url": None, "reminder_minutes": list(DEFAULT_MINUTES), **values,
           "status": DRAFT, "sequence": 0, "checkin_code": await _free_code(session),
           "created_by": created_by, "created_at": now, "updated_at": now}
    result = await session.execute(insert(TABLE).values(**row))
    return result.inserted_primary_key[0]


async def get(session: Any, workshop_id: int, *, lock: bool = False) -> dict[str, Any] | None:
    query = select(TABLE).where(w_.id == workshop_id)
    if lock:
        query = query.with_for_update()
    row = (await session.execute(query)).mappings().first()
    return _row(row) if row else None


async def by_code(session: Any, code: str) -> dict[str, Any] | None:
    row = (await session.execute(select(TABLE).where(
        w_.checkin_code == code.strip().upper()))).mappings().first()
    return _row(row) if row else None


async def all_workshops(session: Any, *, since: datetime | None = None) -> list[dict[str, Any]]:
    query = select(TABLE).order_by(w_.starts_at)
    if since is not None:
        query = query.where(w_.starts_at >= since)
    return [_row(r) for r in (await session.execute(query)).mappings()]


def open_to(workshop: dict[str, Any], seller: Any) -> bool:
    """Is this workshop meant for this seller (district, and craft if the workshop names
    crafts)?"""
    if not for_everyone(workshop) and seller.district_code not in workshop["districts"]:
        return False
    return not workshop["crafts"] or seller.craft_key in workshop["crafts"]


async def upcoming_for(session: Any, seller: Any, now: datetime) -> list[dict[str, Any]]:
    rows = (await session.execute(select(TABLE).where(
        w_.status == PUBLISHED, w_.starts_at > now - timedelta(hours=12))
        .order_by(w_.starts_at))).mappings()
    return [w for w in map(_row, rows) if ends_at(w) > now and open_to(w, seller)]


async def publish(session: Any, workshop_id: int, *, now: datetime) -> int:
    """Published, and one announcement per seller it is meant for. Returns how many."""
    workshop = await get(session, workshop_id, lock=True)
    assert workshop is not None
    if workshop["status"] != DRAFT:
        return 0
    await session.execute(update(TABLE).where(w_.id == workshop_id)
                          .values(status=PUBLISHED, updated_at=now))
    return await _announce(session, workshop, now)


async def _announce(session: Any, workshop: dict[str, Any], now: datetime) -> int:
    """One announcement per seller it is meant for; the dedupe key makes a second call
    (districts added later) reach only those who have not had it. Returns how many new."""
    districts = None if for_everyone(workshop) else workshop["districts"]
    audience = await sellers.reachable_in(session, districts, workshop["crafts"] or None)
    added = 0
    for seller_id in audience:
        added += await queue.enqueue(session, kind=ANNOUNCE,
                                     key=f"w:ann:{workshop['id']}:{seller_id}",
                                     seller_id=seller_id, due_at=now,
                                     payload={"w": workshop["id"]}, now=now)
    return added


async def change(session: Any, workshop_id: int, values: dict[str, Any], *, now: datetime
                 ) -> list[int]:
    """New details. If the time or place of a published workshop changed, its sequence goes
    up, reminders are made again for the new time, and everyone who answered is sent a
    change notice (going, maybe, waiting: with a new .ics; can't come: with the answer
    buttons, they may come now). Returns those sellers' ids."""
    old = await get(session, workshop_id, lock=True)
    assert old is not None
    moved = old["status"] == PUBLISHED and any(
        values.get(k, old[k]) != old[k] for k in MOVING_FIELDS)
    sequence = old["sequence"] + (1 if moved else 0)
    await session.execute(update(TABLE).where(w_.id == workshop_id)
                          .values(**values, sequence=sequence, updated_at=now))
    workshop = await get(session, workshop_id)
    await _fill_places(session, workshop, now)
    if workshop["status"] == PUBLISHED and (values.get("districts", old["districts"])
                                            != old["districts"]
                                            or values.get("crafts", old["crafts"])
                                            != old["crafts"]):
        await _announce(session, workshop, now)  # only sellers who have not heard of it
    if not moved:
        if workshop["status"] == PUBLISHED and values.get(
                "reminder_minutes", old["reminder_minutes"]) != old["reminder_minutes"]:
            # Same time, other reminders: remake them quietly (a kept one is revived).
            await queue.cancel(session, prefix=f"w:rem:{workshop_id}:", reason="reminders")
            for rsvp in await rsvps(session, workshop_id):
                if rsvp["answer"] in (GOING, MAYBE):
                    await _schedule_reminders(session, workshop, rsvp["seller_id"], now)
        return []
    await queue.cancel(session, prefix=f"w:rem:{workshop_id}:", reason="moved")
    told = []
    for rsvp in await rsvps(session, workshop_id):
        # Those who said they can't come hear of it too: the new time may suit them.
        told.append(rsvp["seller_id"])
        await queue.enqueue(session, kind=CHANGE,
                            key=f"w:chg:{workshop_id}:v{sequence}:{rsvp['seller_id']}",
                            seller_id=rsvp["seller_id"], due_at=now,
                            payload={"w": workshop_id, "v": sequence}, now=now)
        if rsvp["answer"] in (GOING, MAYBE):
            await _schedule_reminders(session, workshop, rsvp["seller_id"], now)
    return told


async def cancel(session: Any, workshop_id: int, *, now: datetime) -> list[int]:
    """Cancelled: pending reminders go, and everyone who had not said "can't come" is told,
    with a cancelling .ics. Returns their ids."""
    workshop = await get(session, workshop_id, lock=True)
    assert workshop is not None
    if workshop["status"] == CANCELLED:
        return []
    was_published = workshop["status"] == PUBLISHED
    await session.execute(update(TABLE).where(w_.id == workshop_id).values(
        status=CANCELLED, sequence=workshop["sequence"] + 1, updated_at=now))
    await queue.cancel(session, prefix=f"w:rem:{workshop_id}:", reason="workshop cancelled")
    await queue.cancel(session, prefix=f"w:ann:{workshop_id}:", reason="workshop cancelled")
    told = []
    if was_published:
        for rsvp in await rsvps(session, workshop_id):
            if rsvp["answer"] != NO:
                told.append(rsvp["seller_id"])
                await queue.enqueue(session, kind=CANCEL,
                                    key=f"w:can:{workshop_id}:{rsvp['seller_id']}",
                                    seller_id=rsvp["seller_id"], due_at=now,
                                    payload={"w": workshop_id}, now=now)
    return told


# ---------------------------------------------------------------- answers

@dataclass
class Answered:
    """What an answer did: ``answer`` as stored (going may have become waiting), whether
    it changed, and who moved up from the waiting list because of it."""

    answer: str
    changed: bool
    promoted: list[int] = field(default_factory=list)
    closed: bool = False
    before: str | None = None  # the answer it replaced


async def rsvp_of(session: Any, workshop_id: int, seller_id: int) -> dict[str, Any] | None:
    row = (await session.execute(select(RSVPS).where(
        r_.workshop_id == workshop_id, r_.seller_id == seller_id))).mappings().first()
    return _row(row) if row else None


async def rsvps(session: Any, workshop_id: int) -> list[dict[str, Any]]:
    rows = (await session.execute(select(RSVPS).where(r_.workshop_id == workshop_id)
                                  .order_by(r_.answered_at, r_.id))).mappings()
    return [_row(r) for r in rows]


async def roster(session: Any, workshop_id: int) -> list[dict[str, Any]]:
    """Staff's list: who answered what, with the name they gave and their district (a
    facilitator sees only their districts' sellers), a plain read; real sellers only."""
    s_ = sellers.TABLE.c
    rows = (await session.execute(
        select(r_.seller_id, r_.answer, r_.attended_at, r_.feedback_score,
               r_.feedback_comment, sellers.NAME.label("name"),
               s_.telegram_id, s_.district_code)
        .join(sellers.TABLE, s_.id == r_.seller_id)
        # Real sellers only: staff and testers trying a workshop never count in it.
        .where(r_.workshop_id == workshop_id, sellers.counted())
        .order_by(r_.answered_at, r_.id))).mappings()
    return [dict(r) for r in rows]


def answered(workshop_id: int, answer: str | None = None) -> Any:
    """The ids of the sellers who answered this workshop (``answer``: only that answer),
    as a subquery for the staff's sellers table."""
    query = select(r_.seller_id).where(r_.workshop_id == workshop_id)
    return query.where(r_.answer == answer) if answer else query


async def going_count(session: Any, workshop_id: int) -> int:
    return (await session.execute(select(func.count()).where(
        r_.workshop_id == workshop_id, r_.answer == GOING))).scalar_one()


async def answer(session: Any, workshop_id: int, seller_id: int, wanted: str, *,
                 now: datetime) -> Answered:
    """A seller's going / maybe / no, with its reminders, in the caller's transaction."""
    assert wanted in ANSWERS
    workshop = await get(session, workshop_id, lock=True)  # one answer at a time per workshop
    if workshop is None or workshop["status"] != PUBLISHED or workshop["starts_at"] <= now:
        return Answered(answer=wanted, changed=False, closed=True)
    current = await rsvp_of(session, workshop_id, seller_id)
    before = current["answer"] if current else None
    if wanted == GOING and before in (GOING, WAITING):
        return Answered(answer=before, changed=False)
    if wanted == before:
        return Answered(answer=before, changed=False)
    stored = wanted
    if wanted == GOING and await going_count(session, workshop_id) >= workshop["capacity"]:
        stored = WAITING
    if current is None:
        await session.execute(insert(RSVPS).values(
            workshop_id=workshop_id, seller_id=seller_id, answer=stored, answered_at=now))
    else:
        await session.execute(update(RSVPS).where(r_.id == current["id"])
                              .values(answer=stored, answered_at=now))
    await queue.cancel(session, seller_id=seller_id, prefix=f"w:rem:{workshop_id}:",
                       reason="answer changed")
    if stored in (GOING, MAYBE):
        await _schedule_reminders(session, workshop, seller_id, now)
    promoted = await _fill_places(session, workshop, now) if before == GOING else []
    return Answered(answer=stored, changed=True, promoted=promoted, before=before)


async def _fill_places(session: Any, workshop: dict[str, Any], now: datetime) -> list[int]:
    """Move the longest waiting up into free places; each is told and gets reminders."""
    if workshop["status"] != PUBLISHED:
        return []
    free = workshop["capacity"] - await going_count(session, workshop["id"])
    if free <= 0:
        return []
    waiting = (await session.execute(select(r_.id, r_.seller_id).where(
        r_.workshop_id == workshop["id"], r_.answer == WAITING)
        .order_by(r_.answered_at, r_.id).limit(free))).all()
    promoted = []
    for rsvp_id, seller_id in waiting:
        await session.execute(update(RSVPS).where(r_.id == rsvp_id).values(answer=GOING))
        await queue.enqueue(session, kind=PROMOTED,
                            key=f"w:pro:{workshop['id']}:{seller_id}:{int(now.timestamp())}",
                            seller_id=seller_id, due_at=now, payload={"w": workshop["id"]},
                            now=now)
        await _schedule_reminders(session, workshop, seller_id, now)
        promoted.append(seller_id)
    return promoted


async def _schedule_reminders(session: Any, workshop: dict[str, Any], seller_id: int,
                              now: datetime) -> None:
    for minutes, due in reminder_times(workshop["starts_at"], workshop["reminder_minutes"],
                                       now):
        await queue.enqueue(
            session, kind=REMINDER,
            key=f"w:rem:{workshop['id']}:v{workshop['sequence']}:{seller_id}:{minutes}",
            seller_id=seller_id, due_at=due,
            payload={"w": workshop["id"], "v": workshop["sequence"], "m": minutes}, now=now)


# ---------------------------------------------------------------- the day itself

async def check_in(session: Any, workshop: dict[str, Any], seller_id: int, *,
                   now: datetime) -> str:
    """``ok`` | ``again`` (already checked in) | ``early`` | ``over`` | ``cancelled``."""
    if workshop["status"] != PUBLISHED:
        return "cancelled"
    if now < workshop["starts_at"] - CHECKIN_EARLY:
        return "early"
    if now > ends_at(workshop) + timedelta(hours=2):
        return "over"
    return await mark_attended(session, workshop, seller_id, now=now)


async def mark_attended(session: Any, workshop: dict[str, Any], seller_id: int, *,
                        now: datetime) -> str:
    """Attendance (by check-in or by staff), and the feedback question after the end."""
    current = await rsvp_of(session, workshop["id"], seller_id)
    if current is not None and current["attended_at"] is not None:
        return "again"
    if current is None:
        await session.execute(insert(RSVPS).values(
            workshop_id=workshop["id"], seller_id=seller_id, answer=GOING, answered_at=now,
            attended_at=now))
    else:
        await session.execute(update(RSVPS).where(r_.id == current["id"])
                              .values(attended_at=now))
    await queue.cancel(session, seller_id=seller_id, prefix=f"w:rem:{workshop['id']}:",
                       reason="attended")
    # After the end, and never at night: an evening workshop's question waits for 08:00.
    await queue.enqueue(session, kind=FEEDBACK, key=f"w:fb:{workshop['id']}:{seller_id}",
                        seller_id=seller_id,
                        due_at=after_quiet_hours(max(ends_at(workshop), now)),
                        payload={"w": workshop["id"]}, now=now)
    return "ok"


async def save_feedback(session: Any, workshop_id: int, seller_id: int, *,
                        score: int | None = None, comment: str | None = None) -> bool:
    """Feedback from someone who attended; False otherwise."""
    values: dict[str, Any] = {}
    if score is not None:
        values["feedback_score"] = score
    if comment is not None:
        values["feedback_comment"] = comment[:500]
    result = await session.execute(update(RSVPS).where(
        r_.workshop_id == workshop_id, r_.seller_id == seller_id,
        r_.attended_at.is_not(None)).values(**values))
    return result.rowcount > 0


# ---------------------------------------------------------------- a seller's record

async def of_seller(session: Any, seller_id: int) -> list[dict[str, Any]]:
    """A seller's answers, attendance and feedback, with the workshop's titles."""
    rows = (await session.execute(
        select(RSVPS, w_.title_en, w_.title_hi, w_.starts_at.label("workshop_starts_at"))
        .join(TABLE, w_.id == r_.workshop_id).where(r_.seller_id == seller_id)
        .order_by(w_.starts_at))).mappings()
    return [_row(r) for r in rows]


async def attended_count(session: Any, seller_id: int) -> int:
    return (await session.execute(select(func.count()).where(
        r_.seller_id == seller_id, r_.attended_at.is_not(None)))).scalar_one()


async def forget_seller(session: Any, seller_id: int, *, now: datetime) -> None:
    """/delete: their answers go, and every place they held moves up the waiting list."""
    held = (await session.execute(select(r_.workshop_id).where(
        r_.seller_id == seller_id, r_.answer == GOING))).scalars().all()
    await session.execute(delete(RSVPS).where(r_.seller_id == seller_id))
    await queue.cancel(session, seller_id=seller_id, reason="seller deleted their data")
    for workshop_id in held:
        workshop = await get(session, workshop_id)
        if workshop is not None:
            await _fill_places(session, workshop, now)


async def forget_author(session: Any, telegram_id: int) -> None:
    """/delete: a workshop stays without the Telegram id of the staff member who made it."""
    await session.execute(update(TABLE).where(TABLE.c.created_by == telegram_id)
                          .values(created_by=None))
