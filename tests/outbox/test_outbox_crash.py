"""Issue 17, items 1 and 2, with real processes (``seller-bot send``) against a Bot API over
HTTP: a sender killed twice (kill -9) in the middle of a broadcast leaves ``unknown`` only
the messages it had handed to Telegram, sends nothing twice, and the restarted sender
delivers all the rest; two senders on one SQLite file never both send."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter

import pytest

from tests.fake_http_api import FakeHttpApi
from tests.outbox.test_outbox_processes import (
    _fill,
    _owners,
    _settled,
    _start_sender,
    _statuses,
    _stop,
    _wait,
)

ROWS = 200
ROWS_PER_BATCH = 25  # OUTBOX_RATE: the sender reserves a second's worth


def _kill(process) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_two_kills_in_a_broadcast_leave_unknown_only_what_was_in_flight(database_url):
    asyncio.run(_fill(database_url, ROWS))
    in_flight = []
    with FakeHttpApi(delay=0.05) as api:
        for kill_at in (40, 110):
            sender = _start_sender(api, database_url)
            try:
                _wait(lambda at=kill_at: api.count() >= at, 60, f"{kill_at} sends")
                _kill(sender)  # mid-broadcast: a batch is reserved, a few sends in flight
            finally:
                if sender.poll() is None:
                    sender.kill()
            at_kill = asyncio.run(_statuses(database_url))
            in_flight.append({k for k, s in at_kill.items() if s == "sending"})
        last = _start_sender(api, database_url)
        try:
            _wait(lambda: _settled(database_url), 90, "the restarted sender to finish")
        finally:
            _stop(last)
        delivered = Counter(text.split()[-1] for _chat, text in api.delivered)
    statuses = asyncio.run(_statuses(database_url))
    assert len(statuses) == ROWS
    assert max(delivered.values()) == 1, "a row was sent twice"
    assert set(statuses.values()) <= {"sent", "unknown"}
    unknown = {k for k, s in statuses.items() if s == "unknown"}
    # Only the rows handed over at a kill (their API call under way) are unknown: before
    # the fix every row of the claimed batch was (a batch is OUTBOX_RATE = 25 rows).
    assert unknown <= in_flight[0] | in_flight[1]
    # ... and they were sends under way: nearly every row handed over at a kill had reached
    # Telegram. Before the fix the rest of the claimed batch did not: 10 to 20 rows whose
    # slot had not come. How many sends are under way grows with the machine's load, so
    # that is not the measure; a kill can fall between a hand-over's commit and its request
    # leaving, or in the middle of a request, and on a starved machine (CI under load: 2
    # cores, several suites) a few sends sit there at once: up to 4 seen, so a quarter of
    # a batch, well below what the bug left.
    never = [sorted(rows - set(delivered)) for rows in in_flight]
    assert all(len(rows) <= ROWS_PER_BATCH // 4 for rows in never), (
        never, [len(r) for r in in_flight])
    # every other seller got the message exactly once
    for key, status in statuses.items():
        if status == "sent":
            assert delivered[key] == 1, f"{key} marked sent but never delivered"
    assert len(set(delivered)) >= ROWS - 2 * (ROWS_PER_BATCH // 4)


def test_two_senders_on_one_sqlite_file_take_turns(tmp_path):
    """Issue 17, item 2: the lease row lets one sender send; the other stands by and takes
    over when the first stops."""
    from bot.db.engine import upgrade

    url = f"sqlite:///{tmp_path}/haat.db"
    upgrade(url)
    asyncio.run(_fill(url, 300))
    with FakeHttpApi() as api:
        senders = [_start_sender(api, url, rate=30) for _ in range(2)]
        try:
            _wait(lambda: api.count() >= 100, 120, "the first third")
            owners = asyncio.run(_owners(url))
            assert len(owners) == 1, "two senders were active at once"
            active_pid = int(next(iter(owners)).split(":")[1])
            active = next(p for p in senders if p.pid == active_pid)
            _stop(active)
            _wait(lambda: _settled(url), 120, "all 300 rows")
        finally:
            for process in senders:
                _stop(process)
        delivered = Counter(text for _chat, text in api.delivered)
        busiest = api.busiest_second()
    statuses = asyncio.run(_statuses(url))
    assert len(delivered) == 300 and max(delivered.values()) == 1
    assert set(statuses.values()) == {"sent"}
    spans = sorted(asyncio.run(_owners(url)).values())
    assert len(spans) == 2 and spans[0][1] <= spans[1][0]
    assert busiest <= 42, f"{busiest} sends in one second: the senders ran side by side"


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def test_the_sender_leases_migration_upgrades_an_existing_database(empty_database_url):
    from sqlalchemy import create_engine, inspect

    from bot.db.engine import sync_url, upgrade

    upgrade(empty_database_url, "0011")
    upgrade(empty_database_url)
    engine = create_engine(sync_url(empty_database_url))
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("sender_leases")}
    finally:
        engine.dispose()
    assert columns == {"name", "owner", "until"}
