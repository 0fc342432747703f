"""Which outbox sender is active: one per database, so that together they keep Telegram's
rate. The one module that writes ``sender_leases``.

PostgreSQL: a session advisory lock (``LOCK_KEY``) on a connection of its own; PostgreSQL
drops it with the connection, so a killed sender's standby takes over at its next try.
SQLite has no such lock: a row in ``sender_leases`` names the holder and when its lease
ends (``TTL``); the holder renews it at half-time while it runs, gives it up when it stops,
and a standby takes it once it has lapsed (a killed holder: within ``TTL`` plus the
standby's retry). A holder that could not renew in time (a stalled event loop, a long
database lock) stops handing rows over until it has renewed (``valid``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from bot.db.engine import Database
from bot.db.models import SenderLease
from bot.outbox.pacing import Clock

log = logging.getLogger("haat.sender")

TABLE = SenderLease.__table__
c = TABLE.c

LOCK_KEY = 0x4861_6174_0001  # "Haat" + 1: the advisory lock of the active sender
NAME = "outbox"
TTL = timedelta(seconds=10)


async def take(session: Any, *, owner: str, now: datetime, ttl: timedelta,
               name: str = NAME) -> bool:
    """Take or renew the lease: True if ``owner`` holds it until ``now + ttl``."""
    insert = postgresql.insert if session.dialect.name == "postgresql" else sqlite.insert
    statement = insert(TABLE).values(name=name, owner=owner, until=now + ttl)
    statement = statement.on_conflict_do_update(
        index_elements=[c.name], set_={"owner": owner, "until": now + ttl},
        where=or_(c.owner == owner, c.until < now)).returning(c.owner)
    return (await session.execute(statement)).first() is not None


async def held_until(session: Any, *, name: str = NAME) -> datetime | None:
    """When the SQLite lease ends (None: nobody holds it): the sender's heartbeat, since
    the holder renews it at half-time while it runs (``seller-bot health``)."""
    return (await session.execute(select(c.until).where(c.name == name))).scalar()


async def give_up(session: Any, *, owner: str, name: str = NAME) -> None:
    await session.execute(delete(TABLE).where(c.name == name, c.owner == owner))


class Lead:
    """The right to send: ``acquire`` (False: another sender has it), ``keep`` (renews;
    False when lost), ``valid`` (may a row be handed over now), ``release``."""

    def __init__(self, database: Database, owner: str, *, clock: Clock | None = None,
                 ttl: timedelta = TTL):
        self.database = database
        self.owner = owner
        self.clock = clock or Clock()
        self.ttl = ttl
        self._holder: Any = None  # PostgreSQL: the lock's connection
        self._until: datetime | None = None  # SQLite: when our lease ends

    async def acquire(self) -> bool:
        if self.database.is_postgres:
            self._holder = await self.database.try_advisory_lock(LOCK_KEY)
            return self._holder is not None
        return await self._take()

    async def _take(self) -> bool:
        now = self.clock.now()
        async with self.database.transaction() as session:
            got = await take(session, owner=self.owner, now=now, ttl=self.ttl)
        self._until = now + self.ttl if got else None
        return got

    def valid(self) -> bool:
        if self.database.is_postgres:
            return self._holder is not None
        return self._until is not None and self.clock.now() < self._until

    async def keep(self) -> bool:
        """Still the active sender? On SQLite the lease is renewed at half-time."""
        if self.database.is_postgres:
            if self._holder is None:
                return False
            try:
                await self._holder.exec_driver_sql("SELECT 1")
                return True
            except Exception:
                log.warning("lost the sender lock's connection; standing by")
                self._holder = None
                return False
        if self._until is not None and self.clock.now() < self._until - self.ttl / 2:
            return True
        if not await self._take():
            log.warning("the sender lease went to another sender; standing by")
            return False
        return True

    async def release(self) -> None:
        if self.database.is_postgres:
            holder, self._holder = self._holder, None
            if holder is not None:
                await self.database.release_advisory_lock(holder, LOCK_KEY)
            return
        self._until = None
        async with self.database.transaction() as session:
            await give_up(session, owner=self.owner)
