"""Is Haat working? One line per check, for ``seller-bot health`` (exit 0 or 1, the
container's HEALTHCHECK) and ``GET /healthz`` (200 or 503).

Checks are a list of ``(name, check)``; a check gets a ``Probe`` and returns ``(ok, line)``.
A queue's backlog is one ``backlog_check(...)`` entry: the outbox's is below, and the inbox
adds its own the same way. Each check runs in a transaction of its own with a time limit,
so one that fails (a missing table aborts a PostgreSQL transaction) does not spoil the rest.
Lines never hold personal data, the token, or the database password.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.db import inbox
from bot.db.engine import Database, alembic_config, describe_db_error
from bot.db.models import as_utc
from bot.outbox import lead, queue
from bot.outbox.lead import LOCK_KEY
from bot.settings import Settings

CHECK_TIMEOUT = 10.0  # seconds a check may take; a HEALTHCHECK must not hang
LOCK_WAIT = 5.0  # SQLite: seconds to wait for another process's write lock


@dataclass(frozen=True)
class Limits:
    """How old a due item may get before the check fails."""

    outbox_age: float = 900.0  # a 5,000-message broadcast at 25/s takes 200 s
    inbox_age: float = 60.0  # an update waits for its chat's previous one, not longer
    sender_quiet: float = 900.0  # due messages and nothing sent for this long: no sender


@dataclass(frozen=True)
class Probe:
    database: Database
    settings: Settings
    now: datetime
    limits: Limits


@dataclass(frozen=True)
class Result:
    name: str
    ok: bool
    line: str


CheckFn = Callable[[Probe], Awaitable[tuple[bool, str]]]
Backlog = Callable[..., Awaitable[tuple[int, datetime | None]]]


def masked_url(database_url: str) -> str:
    """The URL with its password as ***: the only form of it a line may show."""
    return make_url(database_url).render_as_string(hide_password=True)


def _scrub(line: str, database_url: str) -> str:
    password = make_url(database_url).password
    return line.replace(str(password), "***") if password else line


def duration(seconds: float) -> str:
    seconds = max(int(seconds), 0)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172800:
        return f"{seconds // 3600} h {seconds % 3600 // 60} min"
    return f"{seconds // 86400} d"


# ------------------------------------------------------------------ the checks

async def database_check(probe: Probe) -> tuple[bool, str]:
    started = time.perf_counter()
    async with probe.database.transaction(wait=LOCK_WAIT) as session:
        await session.execute(text("SELECT 1"))
    backend = "PostgreSQL" if probe.database.is_postgres else "SQLite"
    return True, (f"{backend} at {masked_url(probe.settings.database_url)} answers "
                  f"({(time.perf_counter() - started) * 1000:.0f} ms)")


def head_revisions(database_url: str) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(database_url)).get_heads())


async def migrations_check(probe: Probe) -> tuple[bool, str]:
    heads = head_revisions(probe.settings.database_url)
    try:
        async with probe.database.transaction(wait=LOCK_WAIT) as session:
            current = set((await session.execute(
                text("SELECT version_num FROM alembic_version"))).scalars())
    except Exception as exc:
        if "alembic_version" not in str(exc):
            raise
        return False, "the database has no schema yet: run seller-bot db upgrade"
    if current == heads:
        return True, f"schema at {', '.join(sorted(heads))} (the newest)"
    return False, (f"schema at {', '.join(sorted(current)) or 'nothing'}, the code expects "
                   f"{', '.join(sorted(heads))}: run seller-bot db upgrade")


def backlog_check(noun: str, backlog: Backlog, max_age: Callable[[Limits], float]) -> CheckFn:
    """A queue's check: ``backlog(session, now=...)`` → (items due, the oldest's due time);
    fails when the oldest has waited longer than ``max_age(limits)`` seconds."""

    async def check(probe: Probe) -> tuple[bool, str]:
        async with probe.database.transaction(wait=LOCK_WAIT) as session:
            count, oldest = await backlog(session, now=probe.now)
        if not count or oldest is None:
            return True, f"no {noun} waiting"
        age = (probe.now - oldest).total_seconds()
        limit = max_age(probe.limits)
        line = f"{noun} due: {count:,}, the oldest waiting {duration(age)}"
        if age > limit:
            return False, f"{line} (more than {duration(limit)})"
        return True, line

    return check


async def _sender_lock_held(probe: Probe) -> bool:
    """PostgreSQL: does any session of this database hold the active sender's advisory
    lock? (A bigint key shows in pg_locks as classid = high half, objid = low half.)"""
    async with probe.database.transaction(wait=LOCK_WAIT) as session:
        held = (await session.execute(text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND classid = :high AND objid = :low AND objsubid = 1 AND database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database())"),
            {"high": LOCK_KEY >> 32, "low": LOCK_KEY & 0xFFFF_FFFF})).scalar()
    return bool(held)


async def sender_check(probe: Probe) -> tuple[bool, str]:
    """What tells the sender is alive: on PostgreSQL the advisory lock the active sender
    holds (it goes with its connection); on SQLite the ``sender_leases`` row it renews
    every few seconds; on either, its traces in the outbox table (the newest send)."""
    async with probe.database.transaction(wait=LOCK_WAIT) as session:
        last_sent, lease_end = await queue.sender_activity(session)
        count, oldest = await queue.backlog(session, now=probe.now)
    lease = probe.settings.outbox_lease_seconds
    claimed = (lease_end.timestamp() - lease) if lease_end is not None else None
    moments = [m for m in (last_sent.timestamp() if last_sent else None, claimed)
               if m is not None]
    quiet = probe.now.timestamp() - max(moments) if moments else None
    seen = (f"last sent {duration(quiet)} ago" if quiet is not None
            else "nothing sent yet")
    if probe.database.is_postgres:
        if await _sender_lock_held(probe):
            return True, f"a sender holds the sending lock; {seen}"
        return False, (f"no sender holds the sending lock (start seller-bot send, or run "
                       f"with OUTBOX_SENDER=inline); {seen}")
    async with probe.database.transaction(wait=LOCK_WAIT) as session:
        until = await lead.held_until(session)
    if until is not None and as_utc(until) >= probe.now:
        return True, f"a sender holds the sending lease; {seen}"
    waited = (probe.now - oldest).total_seconds() if count and oldest is not None else 0.0
    stalled = waited > probe.limits.sender_quiet and (
        quiet is None or quiet > probe.limits.sender_quiet)
    if stalled:
        return False, f"{seen}, with messages due for {duration(waited)}: is a sender running?"
    idle = not count and (quiet is None or quiet > probe.limits.sender_quiet)
    return True, seen + (" (SQLite: an idle sender leaves no trace)" if idle else "")


CHECKS: list[tuple[str, CheckFn]] = [
    ("migrations", migrations_check),
    ("inbox", backlog_check("updates", inbox.backlog, lambda limits: limits.inbox_age)),
    ("outbox", backlog_check("messages", queue.backlog, lambda limits: limits.outbox_age)),
    ("sender", sender_check),
]


# ------------------------------------------------------------------ running them

async def _run_one(name: str, check: CheckFn, probe: Probe) -> Result:
    try:
        ok, line = await asyncio.wait_for(check(probe), timeout=CHECK_TIMEOUT)
    except TimeoutError:
        ok, line = False, f"no answer within {CHECK_TIMEOUT:.0f} s"
    except Exception as exc:  # one line for the operator, whatever the driver raised
        ok, line = False, describe_db_error(exc).removeprefix(
            "Cannot use the database in DATABASE_URL: ")
    return Result(name, ok, _scrub(line, probe.settings.database_url))


async def run_checks(database: Database, settings: Settings, *, now: datetime | None = None,
                     limits: Limits | None = None,
                     checks: Sequence[tuple[str, CheckFn]] | None = None) -> list[Result]:
    """The database first; if it does not answer, that one line is the whole answer."""
    probe = Probe(database, settings, now or datetime.now(UTC), limits or Limits())
    first = await _run_one("database", database_check, probe)
    if not first.ok:
        return [Result("database", False,
                       f"{masked_url(settings.database_url)} does not answer: {first.line}")]
    return [first] + [await _run_one(name, check, probe)
                      for name, check in (CHECKS if checks is None else checks)]


def _probe_url(database_url: str) -> str:
    """PostgreSQL: give up connecting after 5 s instead of the OS's minutes."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
        url = url.update_query_dict({"connect_timeout": "5"})
    return url.render_as_string(hide_password=False)


def missing_sqlite_file(database_url: str) -> str | None:
    """A SQLite path with no file: say so rather than create an empty database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return None if Path(url.database).is_file() else url.database


async def check(settings: Settings, *, now: datetime | None = None,
                limits: Limits | None = None) -> list[Result]:
    """``seller-bot health``: a database of its own, closed afterwards."""
    path = missing_sqlite_file(settings.database_url)
    if path is not None:
        return [Result("database", False, f"no SQLite database at {path} (start the bot or "
                       f"run seller-bot db upgrade first)")]
    database = Database(_probe_url(settings.database_url))
    try:
        return await run_checks(database, settings, now=now, limits=limits)
    finally:
        await database.dispose()


def report(results: Sequence[Result]) -> str:
    return "".join(f"{'ok' if r.ok else 'FAIL':<4} {r.name}: {r.line}\n" for r in results)


async def healthz(database: Database, settings: Settings) -> tuple[int, str]:
    """``GET /healthz``: 200 with the lines when every check passes, else 503. The web app
    wraps it: ``status, body = await healthz(rt.database, rt.settings)``."""
    results = await run_checks(database, settings)
    return (200 if all(r.ok for r in results) else 503), report(results)
