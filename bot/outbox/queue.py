"""The outbox table: enqueue, reserve, hand over, mark. The one module that writes ``outbox``.

The API a slice needs (issue 12 builds on it):

- ``await enqueue(session, kind=..., key=..., seller_id=..., due_at=..., payload={...})``
  inside the caller's transaction: the message commits with what caused it, or not at all.
  Idempotent by ``key`` (a unique dedupe key such as ``reminder:12:v0:345:1440``): enqueueing
  it again changes nothing, except that a *cancelled* row with that key comes back to
  ``pending`` with the new due time and payload (a seller who said "can't come" and then
  "going" gets their reminders again). A sent row is never revived.
- ``await cancel(session, seller_id=..., prefix=...)``: pending rows become ``cancelled``.
- ``Kind(name, render, resend_safe=False)``: how a kind is rendered at send time, in the
  seller's language; ``render(session, message, seller)`` returns a ``Reply`` or None (nothing
  to say any more: the row is cancelled). Slices hand their kinds to ``build_application()``.

Statuses: ``pending`` → ``sending`` (handed over: committed just before its own API call,
leased) → ``sent`` | ``failed`` | ``unknown`` (the lease ran out while sending: Telegram may
or may not have delivered it, so it is counted and never resent unless its kind is
``resend_safe``) | ``cancelled``.

A sender *reserves* a batch (``reserve``: the rows stay ``pending``, with ``claimed_by`` and
a lease that only keeps other senders off them) and *hands over* each row on its own
(``hand_over``) right before calling Telegram. A reserved row whose sender dies is simply
pending again when its lease lapses (or at once, when another sender takes the lead:
``drop_reservations``); only handed-over rows can become ``unknown``. A reserved row can still
be cancelled (then ``hand_over`` finds nothing and it is not sent).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, case, func, or_, select, true, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.conversation.turn import Reply
from bot.db.models import OutboxMessage, Seller, as_utc

TABLE = OutboxMessage.__table__
c = TABLE.c

PENDING, SENDING, SENT, FAILED, UNKNOWN, CANCELLED = (
    "pending", "sending", "sent", "failed", "unknown", "cancelled")
STATUSES = (PENDING, SENDING, SENT, FAILED, UNKNOWN, CANCELLED)


@dataclass(frozen=True)
class Message:
    id: int
    kind: str
    key: str
    seller_id: int
    due_at: datetime
    payload: dict[str, Any]
    attempts: int


Render = Callable[[Any, Message, Seller], Awaitable[Reply | None]]


@dataclass(frozen=True)
class Kind:
    """A message kind and its renderer, owned by the slice that enqueues it."""

    name: str
    render: Render
    # At-least-once instead of at-most-once: an expired lease goes back to pending.
    resend_safe: bool = False


def _message(row: Any) -> Message:
    return Message(id=row.id, kind=row.kind, key=row.dedupe_key, seller_id=row.seller_id,
                   due_at=as_utc(row.due_at), payload=row.payload or {},
                   attempts=row.attempts)


def _insert_for(session: Any):
    return postgresql.insert if session.dialect.name == "postgresql" else sqlite.insert


async def enqueue(session: Any, *, kind: str, key: str, seller_id: int, due_at: datetime,
                  payload: dict[str, Any] | None = None, now: datetime) -> bool:
    """Add a message (see the module docstring). True if a row was added or revived."""
    if len(key) > 160:
        raise ValueError(f"dedupe key over 160 characters: {key!r}")
    insert = _insert_for(session)
    statement = insert(TABLE).values(
        kind=kind, dedupe_key=key, seller_id=seller_id, due_at=due_at,
        payload=payload or {}, status=PENDING, attempts=0, created_at=now)
    statement = statement.on_conflict_do_update(
        index_elements=[c.dedupe_key],
        set_={"status": PENDING, "due_at": statement.excluded.due_at,
              "payload": statement.excluded.payload, "error": None, "claimed_by": None,
              "lease_until": None},
        where=c.status == CANCELLED).returning(c.id)
    return (await session.execute(statement)).first() is not None


async def cancel(session: Any, *, seller_id: int | None = None, prefix: str | None = None,
                 keys: Iterable[str] | None = None, reason: str | None = None) -> int:
    """Pending rows of a seller and/or with a key prefix (or exact keys) → cancelled."""
    conditions = [c.status == PENDING]
    if seller_id is not None:
        conditions.append(c.seller_id == seller_id)
    if prefix is not None:
        conditions.append(c.dedupe_key.startswith(prefix, autoescape=True))
    if keys is not None:
        conditions.append(c.dedupe_key.in_(list(keys)))
    if len(conditions) == 1:
        raise ValueError("cancel needs a seller, a prefix or keys")
    result = await session.execute(update(TABLE).where(and_(*conditions))
                                   .values(status=CANCELLED, error=reason))
    return result.rowcount


def _free(now: Any) -> Any:
    """A pending row nobody holds: never reserved, or its reservation lapsed."""
    return or_(c.claimed_by.is_(None), c.lease_until.is_(None), c.lease_until < now)


async def reserve(session: Any, *, now: datetime, limit: int, lease: timedelta,
                  owner: str) -> list[Message]:
    """Reserve up to ``limit`` due pending rows in one statement: they stay ``pending``
    (nothing has been sent), marked ``claimed_by`` ``owner`` until ``now + lease`` so that
    no other sender takes them. On PostgreSQL the inner SELECT is FOR UPDATE SKIP LOCKED,
    so concurrent reservers never get the same row; on SQLite the UPDATE … RETURNING runs
    under the single writer lock (BEGIN IMMEDIATE). Each row is sent only after
    ``hand_over``."""
    # A materialised CTE, not ``id IN (subquery … LIMIT n)``: PostgreSQL may run such a
    # subquery again per row and then claim far more than n rows (seen here: 1,700 of 2,000).
    free = _free(bindparam("now"))
    due = (select(c.id).where(c.status == PENDING, c.due_at <= bindparam("now"), free)
           .order_by(c.due_at, c.id).limit(limit)
           .with_for_update(skip_locked=True)
           .cte("due").prefix_with("MATERIALIZED", dialect="postgresql"))
    statement = (update(TABLE).where(c.id == due.c.id, c.status == PENDING, free)
                 .values(lease_until=bindparam("lease_until"), claimed_by=owner)
                 .returning(*TABLE.columns))
    rows = (await session.execute(statement, {"now": now, "lease_until": now + lease})).all()
    return sorted((_message(r) for r in rows), key=lambda m: (m.due_at, m.id))


async def hand_over(session: Any, message_id: int, owner: str, *, now: datetime,
                    lease: timedelta) -> bool:
    """A reserved row → ``sending``, leased: the caller commits this and then, at once,
    calls Telegram. False if the row is no longer ours to send (cancelled meanwhile, or
    another sender took it after our reservation lapsed): then it must not be sent."""
    result = await session.execute(
        update(TABLE).where(c.id == message_id, c.status == PENDING, c.claimed_by == owner)
        .values(status=SENDING, lease_until=now + lease, attempts=c.attempts + 1))
    return result.rowcount > 0


async def drop_reservations(session: Any, *, owner: str | None = None,
                            keep: str | None = None) -> int:
    """Reserved rows go back to the queue: ``owner``'s (a sender stopping), or everyone's
    but ``keep``'s (a sender taking the lead: the others' reservations are void)."""
    conditions = [c.status == PENDING, c.claimed_by.is_not(None)]
    if owner is not None:
        conditions.append(c.claimed_by == owner)
    if keep is not None:
        conditions.append(c.claimed_by != keep)
    result = await session.execute(update(TABLE).where(and_(*conditions))
                                   .values(claimed_by=None, lease_until=None))
    return result.rowcount


async def _finish(session: Any, message_id: int, owner: str, *,
                  settles: tuple[str, ...] = (SENDING,), **values: Any) -> bool:
    # Only the claimer may settle its row: after an expiry another process owns the outcome.
    result = await session.execute(
        update(TABLE).where(c.id == message_id, c.status.in_(settles), c.claimed_by == owner)
        .values(lease_until=None, **values))
    return result.rowcount > 0


async def mark_sent(session: Any, message_id: int, owner: str, *, now: datetime,
                    telegram_message_id: int | None) -> bool:
    return await _finish(session, message_id, owner, status=SENT, sent_at=now,
                         telegram_message_id=telegram_message_id, error=None)


async def mark_failed(session: Any, message_id: int, owner: str, error: str) -> bool:
    """Refused by Telegram (handed over), or not sendable at all (reserved: no renderer,
    the renderer failed)."""
    return await _finish(session, message_id, owner, settles=(PENDING, SENDING),
                         status=FAILED, error=error[:200])


async def mark_unknown(session: Any, message_id: int, owner: str, error: str) -> bool:
    return await _finish(session, message_id, owner, status=UNKNOWN, error=error[:200])


async def mark_cancelled(session: Any, message_id: int, owner: str, error: str) -> bool:
    """Nothing to send any more (a reserved row at render time)."""
    return await _finish(session, message_id, owner, settles=(PENDING, SENDING),
                         status=CANCELLED, error=error[:200])


async def release(session: Any, message_id: int, owner: str, *, due_at: datetime,
                  error: str | None = None) -> bool:
    """Reserved or handed over → pending, not before ``due_at`` (a flood wait, a chat's
    1/s gate). The row was certainly not delivered: Telegram refused it or it was never
    sent, so a handed-over row's attempt is taken back."""
    result = await session.execute(
        update(TABLE).where(c.id == message_id, c.status.in_((PENDING, SENDING)),
                            c.claimed_by == owner)
        .values(status=PENDING, due_at=due_at, claimed_by=None, lease_until=None,
                error=error,
                attempts=case((c.status == SENDING, c.attempts - 1), else_=c.attempts)))
    return result.rowcount > 0


async def expire_leases(session: Any, *, now: datetime, resend_safe: Iterable[str] = ()
                        ) -> int:
    """Rows still ``sending`` after their lease (the sender died mid-send): ``unknown``,
    or back to ``pending`` for kinds that are safe to send twice."""
    safe = list(resend_safe)
    expired = and_(c.status == SENDING, c.lease_until < now)
    count = 0
    if safe:
        count += (await session.execute(
            update(TABLE).where(expired, c.kind.in_(safe))
            .values(status=PENDING, claimed_by=None, lease_until=None,
                    error="lease expired"))).rowcount
    count += (await session.execute(
        update(TABLE).where(expired, c.kind.not_in(safe) if safe else true())
        .values(status=UNKNOWN, lease_until=None, error="lease expired while sending"))
        ).rowcount
    return count


async def next_due(session: Any) -> datetime | None:
    """When the earliest pending row falls due (the sender sleeps until then); a row
    another sender reserved, when its reservation lapses."""
    when = case((and_(c.claimed_by.is_not(None), c.lease_until > c.due_at), c.lease_until),
                else_=c.due_at)
    value = (await session.execute(select(func.min(when))
                                   .where(c.status == PENDING))).scalar()
    return as_utc(value) if value is not None else None


async def counts(session: Any) -> dict[tuple[str, str], int]:
    """(kind, status) → number of rows: ``seller-bot outbox``."""
    rows = (await session.execute(select(c.kind, c.status, func.count())
                                  .group_by(c.kind, c.status))).all()
    return {(kind, status): n for kind, status, n in rows}


async def rows_with_prefix(session: Any, prefix: str) -> list[Any]:
    """(seller_id, dedupe_key, status, error, sent_at) of every row whose key starts with
    ``prefix`` (one broadcast's recipients), in the order they were queued."""
    return list(await session.execute(
        select(c.seller_id, c.dedupe_key, c.status, c.error, c.sent_at)
        .where(c.dedupe_key.startswith(prefix, autoescape=True)).order_by(c.id)))


async def of_seller(session: Any, seller_id: int) -> list[dict[str, Any]]:
    """A seller's messages (for /mydata)."""
    rows = (await session.execute(
        select(c.kind, c.dedupe_key, c.status, c.due_at, c.sent_at)
        .where(c.seller_id == seller_id).order_by(c.due_at))).mappings().all()
    return [dict(r) for r in rows]


async def get(session: Any, key: str) -> dict[str, Any] | None:
    row = (await session.execute(select(TABLE).where(c.dedupe_key == key))).mappings().first()
    return dict(row) if row else None


async def backlog(session: Any, *, now: datetime) -> tuple[int, datetime | None]:
    """Pending rows already due, and the oldest one's due time (health and metrics)."""
    count, oldest = (await session.execute(
        select(func.count(), func.min(c.due_at))
        .where(c.status == PENDING, c.due_at <= now))).one()
    return count, as_utc(oldest) if oldest is not None else None


async def sender_activity(session: Any) -> tuple[datetime | None, datetime | None]:
    """The newest ``sent_at`` and the latest lease end of a row still ``sending``: the only
    traces a sender leaves in the table (a claim sets its lease end to claim + lease)."""
    sent, lease = (await session.execute(
        select(func.max(c.sent_at), func.max(c.lease_until))
        .where(c.status.in_((SENT, SENDING))))).one()
    return (as_utc(sent) if sent is not None else None,
            as_utc(lease) if lease is not None else None)


async def status_counts(session: Any) -> dict[str, int]:
    """status → number of rows, every status present (metrics)."""
    rows = (await session.execute(select(c.status, func.count()).group_by(c.status))).all()
    found = dict.fromkeys(STATUSES, 0)
    found.update({status: n for status, n in rows})
    return found
