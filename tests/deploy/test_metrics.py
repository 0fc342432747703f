"""``/metrics``: Prometheus' text format, updates counted by the real handler, the
sender's own counts, and the queue gauges read from the database."""

from __future__ import annotations

import gc
from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import build_sender
from bot.db import sellers
from bot.db.engine import Database
from bot.outbox import notices
from bot.runtime import metrics
from tests.botkit import Bot


def _value(name: str, **labels: str) -> float:
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


async def test_updates_are_counted_handled_and_failed(sqlite_settings, monkeypatch) -> None:
    handled = _value("haat_updates_total", outcome="handled")
    failed = _value("haat_updates_total", outcome="failed")
    timed = _value("haat_update_handling_seconds_count")
    async with Bot(sqlite_settings) as bot:
        chat = bot.chat()
        await chat.send("/start")
        assert _value("haat_updates_total", outcome="handled") == handled + 1

        async def broken(*_args, **_kwargs):
            raise RuntimeError("the database went away")

        monkeypatch.setattr(sellers, "load", broken)
        screen = await chat.send("/start")
        assert screen.has("Sorry")
    assert _value("haat_updates_total", outcome="failed") == failed + 1
    assert _value("haat_update_handling_seconds_count") == timed + 2


@pytest.mark.db
async def test_queue_gauges_come_from_the_database(settings) -> None:
    database = Database(settings.database_url)
    now = datetime.now(UTC)
    try:
        async with database.transaction() as session:
            seller, _ = await sellers.create(session, 7_200_000, 7_200_000, "en")
            gone, _ = await sellers.create(session, 7_200_001, 7_200_001, "hi")
            await sellers.set_unreachable(session, gone.id, now)
            for i in range(3):
                await notices.enqueue(session, key=f"m:{i}", seller_id=seller.id,
                                      texts={"en": "hi", "hi": "नमस्ते"},
                                      due_at=now - timedelta(minutes=5 - i), now=now)
            await notices.enqueue(session, key="m:later", seller_id=seller.id,
                                  texts={"en": "hi", "hi": "नमस्ते"},
                                  due_at=now + timedelta(hours=1), now=now)
        content_type, body = await metrics.scrape(database)
    finally:
        await database.dispose()
    assert content_type.startswith("text/plain; version=")  # 0.0.4 or 1.0.0: both scrape
    families = {f.name: f for f in text_string_to_metric_families(body.decode())}
    assert _value("haat_database_up") == 1
    assert _value("haat_queue_depth", queue="outbox") == 3
    assert 299 <= _value("haat_queue_oldest_due_seconds", queue="outbox") < 330
    assert _value("haat_outbox_messages", status="pending") == 4
    assert _value("haat_outbox_messages", status="sent") == 0
    assert _value("haat_sellers_unreachable") == 1
    for name in ("haat_updates", "haat_update_handling_seconds", "haat_sender_events",
                 "haat_queue_depth", "haat_outbox_messages", "haat_sellers_unreachable"):
        assert name in families, sorted(families)


async def test_an_unreadable_database_is_a_gauge_not_an_error(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path}/empty.db")  # no tables
    try:
        await metrics.refresh(database)
    finally:
        await database.dispose()
    assert _value("haat_database_up") == 0


async def test_the_senders_own_counts_are_exported(sqlite_settings) -> None:
    before = {e: _value("haat_sender_events_total", event=e) for e in metrics.SENDER_EVENTS}
    database = Database(sqlite_settings.database_url)
    try:
        sender = build_sender(sqlite_settings, database)
        sender.stats.update({"sent": 5, "429": 2, "403": 1})
        after = {e: _value("haat_sender_events_total", event=e)
                 for e in metrics.SENDER_EVENTS}
        await sender.bot.shutdown()
    finally:
        await database.dispose()
    assert {e: after[e] - before[e] for e in after if after[e] != before[e]} == {
        "sent": 5, "429": 2, "403": 1}
    del sender  # a sender that is gone no longer counts
    gc.collect()
    assert _value("haat_sender_events_total", event="429") == before["429"]
