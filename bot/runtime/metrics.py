"""Metrics in Prometheus' text format for ``GET /metrics``; this module owns the registry.

Three sources, each where it is cheapest to count:
- this process's updates: ``update_handled(started)`` / ``update_failed(started)`` from
  ``handlers/common.py`` (outcome counter and handling-time histogram);
- the outbox sender(s) of this process: their own ``stats`` counters (sent, 429, 403, failed,
  unknown, cancelled, expired), read at scrape time, so the sender needs no extra line;
- the database, read at scrape time by ``refresh()``: queue depths and the oldest due item's
  age (inbox and outbox), rows by status, unreachable sellers.
  These hold across processes: a separate ``seller-bot send`` shows up here too.

No label carries a chat, a seller or any text: only outcomes, statuses and queue names.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections import Counter as Tally
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily
from prometheus_client.exposition import generate_latest

from bot.db import inbox, sellers
from bot.db.engine import Database
from bot.outbox import queue

log = logging.getLogger("haat.metrics")

REGISTRY = CollectorRegistry()

UPDATES = Counter("haat_updates", "Updates this process handled, by outcome "
                  "(handled, failed: the seller was told Sorry)", ["outcome"],
                  registry=REGISTRY)
HANDLING = Histogram("haat_update_handling_seconds", "Time from an update's arrival at its "
                     "handler to the replies sent", registry=REGISTRY,
                     buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120))
DEPTH = Gauge("haat_queue_depth", "Items due and waiting, by queue", ["queue"],
              registry=REGISTRY)
OLDEST = Gauge("haat_queue_oldest_due_seconds", "How long the oldest due item has waited, "
               "by queue (0 when none waits)", ["queue"], registry=REGISTRY)
OUTBOX = Gauge("haat_outbox_messages", "Outbox rows by status", ["status"], registry=REGISTRY)
UNREACHABLE = Gauge("haat_sellers_unreachable", "Sellers who blocked the bot or whose "
                    "account is gone (Telegram answered 403)", registry=REGISTRY)
DATABASE_UP = Gauge("haat_database_up", "1 if the last scrape could read the database",
                    registry=REGISTRY)

# Both series exist from the start (rate() needs a zero); each update counts on its own
# series directly (``labels()`` looks the series up under a lock: not once per update).
_HANDLED, _FAILED = UPDATES.labels("handled"), UPDATES.labels("failed")


def clock() -> float:
    return time.perf_counter()


def update_handled(started: float) -> None:
    _HANDLED.inc()
    HANDLING.observe(time.perf_counter() - started)


def update_failed(started: float) -> None:
    _FAILED.inc()
    HANDLING.observe(time.perf_counter() - started)


# ------------------------------------------------------------------ the sender's own counts

# The sender's stats keys, as exported: 429 is Telegram's flood wait, 403 an unreachable
# seller (blocked the bot, deleted the account, or "chat not found").
SENDER_EVENTS = ("sent", "429", "403", "failed", "unknown", "cancelled", "expired")
_senders: weakref.WeakSet = weakref.WeakSet()


def observe_sender(sender: Any) -> None:
    """Export ``sender.stats`` (a Counter) while the sender lives."""
    _senders.add(sender)


class _SenderCollector:
    def collect(self) -> Iterator[CounterMetricFamily]:
        total: Tally[str] = Tally()
        for sender in list(_senders):
            total.update(getattr(sender, "stats", {}))
        family = CounterMetricFamily("haat_sender_events", "What the outbox sender(s) of "
                                     "this process did: sent, 429 (flood wait), 403 "
                                     "(seller unreachable), failed, unknown, cancelled, "
                                     "expired leases", labels=["event"])
        for event in SENDER_EVENTS:
            family.add_metric([event], total.get(event, 0))
        yield family


REGISTRY.register(_SenderCollector())


# ------------------------------------------------------------------ read from the database

Backlog = Callable[..., Awaitable[tuple[int, datetime | None]]]
# Queue name → its backlog query, ``(session, now=...)`` → (items due, oldest due time).
DEPTHS: dict[str, Backlog] = {"inbox": inbox.backlog, "outbox": queue.backlog}


async def refresh(database: Database, *, now: datetime | None = None) -> None:
    """Set the database gauges; on failure ``haat_database_up`` is 0 and the rest stay."""
    now = now or datetime.now(UTC)
    try:
        async with database.transaction(wait=5.0) as session:
            for name, backlog in DEPTHS.items():
                count, oldest = await backlog(session, now=now)
                DEPTH.labels(name).set(count)
                OLDEST.labels(name).set((now - oldest).total_seconds() if oldest else 0)
            for status, count in (await queue.status_counts(session)).items():
                OUTBOX.labels(status).set(count)
            UNREACHABLE.set(await sellers.count_unreachable(session))
    except Exception as exc:
        DATABASE_UP.set(0)
        log.warning("metrics could not read the database: %s", type(exc).__name__)
        return
    DATABASE_UP.set(1)


def render() -> tuple[str, bytes]:
    """(content type, body) for a ``/metrics`` response."""
    return CONTENT_TYPE_LATEST, generate_latest(REGISTRY)


async def scrape(database: Database) -> tuple[str, bytes]:
    """``GET /metrics``: refresh the database gauges, then render. The web app wraps it:
    ``content_type, body = await scrape(rt.database)``."""
    await refresh(database)
    return render()
