"""``seller-bot health`` and ``/healthz``: one line per check, exit 0 or 1, no password."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from bot.db import inbox, sellers
from bot.db.engine import Database, upgrade
from bot.outbox import lead, notices, queue
from bot.outbox.lead import LOCK_KEY
from bot.runtime import health
from bot.runtime.asgi import make_web_app, operator_routes
from bot.settings import Settings
from tests.outbox.test_outbox import NOW
from tests.test_cli import seller_bot, sqlite_url


async def _due(database: Database, minutes_ago: float, n: int = 1) -> int:
    async with database.transaction() as session:
        seller, _ = await sellers.create(session, 7_100_000, 7_100_000, "en")
        for i in range(n):
            await notices.enqueue(session, key=f"t:{i}", seller_id=seller.id,
                                  texts={"en": "hello", "hi": "नमस्ते"},
                                  due_at=NOW - timedelta(minutes=minutes_ago), now=NOW)
    return seller.id


def _by_name(results: list[health.Result]) -> dict[str, health.Result]:
    return {r.name: r for r in results}


@pytest.mark.db
async def test_a_fresh_database_is_healthy_and_a_stuck_outbox_is_not(settings) -> None:
    database = Database(settings.database_url)
    holder = await database.try_advisory_lock(LOCK_KEY)  # a sender is running (PostgreSQL)
    try:
        results = _by_name(await health.run_checks(database, settings, now=NOW))
        assert [*results] == ["database", "migrations", "inbox", "outbox", "sender"]
        assert all(r.ok for r in results.values()), results
        assert results["outbox"].line == "no messages waiting"

        await _due(database, minutes_ago=20, n=3)
        results = _by_name(await health.run_checks(database, settings, now=NOW))
        assert not results["outbox"].ok
        assert results["outbox"].line == ("messages due: 3, the oldest waiting 20 min "
                                          "(more than 15 min)")
        # A slow queue is fine: 2 minutes old is within the limit.
        later = _by_name(await health.run_checks(database, settings,
                                                 now=NOW - timedelta(minutes=18)))
        assert later["outbox"].ok, later["outbox"]
    finally:
        await database.release_advisory_lock(holder, LOCK_KEY)
        await database.dispose()


@pytest.mark.db
async def test_the_sender_heartbeat(settings) -> None:
    database = Database(settings.database_url)
    try:
        seller_id = await _due(database, minutes_ago=20)
        sender = _by_name(await health.run_checks(database, settings, now=NOW))["sender"]
        assert not sender.ok
        if database.is_postgres:  # nobody holds the sending lock
            assert "no sender holds the sending lock" in sender.line
            holder = await database.try_advisory_lock(LOCK_KEY)
            try:
                sender = _by_name(await health.run_checks(database, settings,
                                                          now=NOW))["sender"]
            finally:
                await database.release_advisory_lock(holder, LOCK_KEY)
            assert sender.ok and "holds the sending lock" in sender.line, sender
            assert "nothing sent yet" in sender.line
        else:  # SQLite: due for 20 minutes and nothing ever sent
            assert sender.line == ("nothing sent yet, with messages due for 20 min: is a "
                                   "sender running?")
            # The lease the active sender renews is its heartbeat.
            async with database.transaction() as session:
                assert await lead.take(session, owner="t", now=NOW - timedelta(seconds=2),
                                       ttl=lead.TTL)
            sender = _by_name(await health.run_checks(database, settings, now=NOW))["sender"]
            assert sender.ok and "holds the sending lease" in sender.line, sender
            async with database.transaction() as session:
                await lead.give_up(session, owner="t")
            # A message handed over 5 minutes ago is a sign of life, and so is a send.
            async with database.transaction() as session:
                (message,) = await queue.reserve(session, now=NOW - timedelta(minutes=5),
                                                 limit=1, lease=timedelta(seconds=60),
                                                 owner="t")
                assert await queue.hand_over(session, message.id, "t",
                                             now=NOW - timedelta(minutes=5),
                                             lease=timedelta(seconds=60))
            sender = _by_name(await health.run_checks(database, settings, now=NOW))["sender"]
            assert sender.ok and sender.line == "last sent 5 min ago", sender
            async with database.transaction() as session:
                await queue.mark_sent(session, message.id, "t", now=NOW - timedelta(seconds=30),
                                      telegram_message_id=1)
                await notices.enqueue(session, key="t:late", seller_id=seller_id,
                                      texts={"en": "x", "hi": "x"},
                                      due_at=NOW - timedelta(minutes=30), now=NOW)
            sender = _by_name(await health.run_checks(database, settings, now=NOW))["sender"]
            assert sender.ok and sender.line == "last sent 30 s ago", sender
    finally:
        await database.dispose()


@pytest.mark.db
async def test_migrations_behind_and_missing(empty_database_url) -> None:
    settings = Settings(database_url=empty_database_url)
    upgrade(empty_database_url, "0010")
    database = Database(empty_database_url)
    try:
        migrations = _by_name(await health.run_checks(database, settings))["migrations"]
        heads = ", ".join(sorted(health.head_revisions(empty_database_url)))
        assert not migrations.ok
        assert migrations.line == (f"schema at 0010, the code expects {heads}: run "
                                   f"seller-bot db upgrade")
    finally:
        await database.dispose()


async def test_healthz_answers_200_or_503(sqlite_settings) -> None:
    database = Database(sqlite_settings.database_url)
    try:
        status, body = await health.healthz(database, sqlite_settings)
        assert status == 200, body
        assert body.splitlines()[0].startswith("ok   database: SQLite at sqlite:///")
        await _due(database, minutes_ago=30 - (datetime.now(UTC) - NOW).total_seconds() / 60)
        status, body = await health.healthz(database, sqlite_settings)
        assert status == 503
        assert "FAIL outbox: messages due: 1, the oldest waiting 30 min" in body
    finally:
        await database.dispose()


async def test_an_update_waiting_too_long_in_the_inbox_fails_the_check(sqlite_settings) -> None:
    database = Database(sqlite_settings.database_url)
    try:
        now = datetime.now(UTC)
        async with database.transaction() as session:
            for update_id in (1, 2):
                await inbox.add(session, update_id=update_id, chat_id=5, user_id=5,
                                payload="{}", now=now - timedelta(seconds=90))
        found = _by_name(await health.run_checks(database, sqlite_settings, now=now))
        assert (found["inbox"].ok, found["inbox"].line) == (
            False, "updates due: 2, the oldest waiting 90 s (more than 60 s)")
    finally:
        await database.dispose()


async def test_the_webhook_server_serves_healthz_and_metrics(sqlite_settings) -> None:
    """The operator's two pages sit on the webhook's own ASGI app."""
    database = Database(sqlite_settings.database_url)

    async def receive(_data):  # no updates in this test
        return True

    web = make_web_app(None, receive, "/hook", "s",
                       operator_routes(database, sqlite_settings))
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=web),
                                     base_url="http://bot") as client:
            healthz = await client.get("/healthz")
            scraped = await client.get("/metrics")
        assert healthz.status_code == 200 and "ok   inbox: no updates waiting" in healthz.text
        assert scraped.status_code == 200
        assert 'haat_queue_depth{queue="inbox"} 0.0' in scraped.text
    finally:
        await database.dispose()


def test_the_command_exits_0_when_healthy(tmp_path) -> None:
    url = sqlite_url(tmp_path)
    result = seller_bot(tmp_path, "health", DATABASE_URL=url)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"FAIL database: no SQLite database at {tmp_path}/x.db (start the bot or run "
        f"seller-bot db upgrade first)"]
    assert not (tmp_path / "x.db").exists()  # health creates nothing
    upgrade(url)
    result = seller_bot(tmp_path, "health", DATABASE_URL=url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "ok   database", "ok   migrations", "ok   inbox", "ok   outbox", "ok   sender"]


@pytest.mark.parametrize("url, expected", [
    ("postgresql+psycopg://haat:s3cr%40t@127.0.0.1:1/haat",
     "FAIL database: postgresql+psycopg://haat:***@127.0.0.1:1/haat does not answer: "),
    ("mysql://haat:s3cr@t@localhost/haat", "FAIL settings: DATABASE_URL uses 'mysql'"),
    ("not a url", "FAIL settings: DATABASE_URL is not a database URL"),
])
def test_a_wrong_database_url_is_one_line_and_exit_1(tmp_path, url, expected) -> None:
    result = seller_bot(tmp_path, "health", DATABASE_URL=url)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stdout.splitlines()) == 1, result.stdout
    assert result.stdout.startswith(expected), result.stdout
    assert "s3cr" not in result.stdout + result.stderr
