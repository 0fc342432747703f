"""The inbox table: every update from Telegram, written before it is acknowledged. The one
module that writes ``inbox``.

Statuses: ``pending`` (written, acknowledged) → ``working`` (claimed by one worker, leased)
→ ``done`` (handled: marked in the same transaction as the handling itself). A done row
keeps only its numbers (the raw JSON is dropped at once) so that a late duplicate of the
same ``update_id`` is still recognised, and is pruned after the configured time.

Claims go per chat in ``update_id`` order: a row is claimable when no older row of its chat
is pending and none is working. On PostgreSQL the claim is ``FOR UPDATE SKIP LOCKED``, so
several workers share the table and never take one row, nor two rows of one chat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.db.models import InboxUpdate, as_utc

TABLE = InboxUpdate.__table__
c = TABLE.c

PENDING, WORKING, DONE = "pending", "working", "done"


class Lost(Exception):
    """The update's lease ran out and another worker took it: this handling must not
    commit (the other one's will)."""


@dataclass(frozen=True)
class Item:
    update_id: int
    payload: str


async def add(session: Any, *, update_id: int, chat_id: int | None, user_id: int | None,
              payload: str, now: datetime) -> bool:
    """Write one received update; False if this ``update_id`` was written before (a
    duplicate delivery: nothing to do, it is or was handled once)."""
    insert = pg_insert if session.dialect.name == "postgresql" else sqlite_insert
    result = await session.execute(
        insert(TABLE).values(update_id=update_id, chat_id=chat_id, user_id=user_id,
                             payload=payload, status=PENDING, attempts=0, received_at=now)
        .on_conflict_do_nothing(index_elements=["update_id"]).returning(c.update_id))
    return result.first() is not None


@cache
def _claim_statement(limit: int):
    row, other = TABLE.alias("row"), TABLE.alias("other")
    # Something of this chat comes first: an older pending update, or one being handled.
    before = (select(other.c.update_id)
              .where(other.c.chat_id == row.c.chat_id,
                     or_(other.c.status == WORKING,
                         and_(other.c.status == PENDING, other.c.update_id < row.c.update_id)))
              .exists())
    # Materialised, as the outbox's claim: a re-run subquery could claim more than ``limit``.
    ready = (select(row.c.update_id).where(row.c.status == PENDING, ~before)
             .order_by(row.c.update_id).limit(limit)
             .with_for_update(skip_locked=True, of=row)
             .cte("ready").prefix_with("MATERIALIZED", dialect="postgresql"))
    return (update(TABLE).where(c.update_id == ready.c.update_id, c.status == PENDING)
            .values(status=WORKING, claimed_by=bindparam("owner"),
                    lease_until=bindparam("lease_until"), attempts=c.attempts + 1)
            .returning(c.update_id, c.payload))


async def claim(session: Any, *, now: datetime, limit: int, lease: timedelta,
                owner: str) -> list[Item]:
    """Lease up to ``limit`` updates, at most one per chat, each the oldest of its chat.
    The caller commits the claim before handling them."""
    rows = (await session.execute(_claim_statement(limit),
                                  {"owner": owner, "lease_until": now + lease})).all()
    return sorted((Item(r.update_id, r.payload or "{}") for r in rows),
                  key=lambda item: item.update_id)


_MARK_DONE = (update(TABLE).where(c.update_id == bindparam("u"), c.status == WORKING,
                                  c.claimed_by == bindparam("owner"))
              .values(status=DONE, done_at=bindparam("now"), payload=None, lease_until=None))


async def mark_done(session: Any, update_id: int, owner: str, now: datetime) -> None:
    """In the handling's own transaction: the update is handled when this commits. Raises
    ``Lost`` if another worker holds it now (our lease ran out)."""
    result = await session.execute(_MARK_DONE, {"u": update_id, "owner": owner, "now": now})
    if result.rowcount == 0:
        raise Lost(f"update {update_id} is no longer held by this worker")


async def finish(session: Any, update_ids: list[int], owner: str, now: datetime) -> int:
    """Mark done what no turn marked (updates no handler took, or one that failed: a
    failing update is not retried forever)."""
    if not update_ids:
        return 0
    return (await session.execute(
        update(TABLE).where(c.update_id.in_(update_ids), c.status == WORKING,
                            c.claimed_by == owner)
        .values(status=DONE, done_at=now, payload=None, lease_until=None))).rowcount


async def renew(session: Any, update_ids: list[int], owner: str, until: datetime) -> int:
    """Extend the leases of the updates this worker is handling right now."""
    if not update_ids:
        return 0
    return (await session.execute(
        update(TABLE).where(c.update_id.in_(update_ids), c.status == WORKING,
                            c.claimed_by == owner).values(lease_until=until))).rowcount


async def expire(session: Any, now: datetime) -> int:
    """Updates whose worker stopped renewing (it died): pending again, for anyone."""
    return (await session.execute(
        update(TABLE).where(c.status == WORKING, c.lease_until < now)
        .values(status=PENDING, claimed_by=None, lease_until=None))).rowcount


async def holders(session: Any) -> list[str]:
    """The workers holding updates now (start-up: a dead one's are taken over at once)."""
    return list((await session.execute(
        select(c.claimed_by).where(c.status == WORKING).distinct())).scalars())


async def release(session: Any, owner: str) -> int:
    """All of ``owner``'s updates back to pending (it stopped, or died)."""
    return (await session.execute(
        update(TABLE).where(c.status == WORKING, c.claimed_by == owner)
        .values(status=PENDING, claimed_by=None, lease_until=None))).rowcount


async def prune(session: Any, before: datetime) -> int:
    """Forget handled updates done before ``before``."""
    return (await session.execute(
        delete(TABLE).where(c.status == DONE, c.done_at < before))).rowcount


async def backlog(session: Any, *, now: datetime | None = None
                  ) -> tuple[int, datetime | None]:
    """Updates received and not handled yet (pending or being handled), and when the
    oldest of them arrived: the same shape as the outbox's backlog (health and metrics).
    ``now`` is unused: every update not done is due at once."""
    count, oldest = (await session.execute(
        select(func.count(), func.min(c.received_at)).where(c.status != DONE))).one()
    return count or 0, as_utc(oldest) if oldest is not None else None


async def of_user(session: Any, user_id: int) -> list[dict[str, Any]]:
    """A user's rows, for /mydata (the raw JSON only while an update waits)."""
    rows = (await session.execute(
        select(c.update_id, c.status, c.received_at, c.done_at, c.payload)
        .where(c.user_id == user_id).order_by(c.update_id))).mappings().all()
    return [dict(row) for row in rows]


async def forget(session: Any, user_id: int) -> None:
    """/delete: a user's handled rows go; the update being handled (the /delete itself)
    keeps only its numbers until it is done and pruned. Updates they sent after it still
    wait: they are handled next (as from someone new), and lose their JSON then."""
    await session.execute(delete(TABLE).where(c.user_id == user_id, c.status == DONE))
    await session.execute(update(TABLE).where(c.user_id == user_id, c.status == WORKING)
                          .values(payload=None))
