"""The outbox: pacing arithmetic, idempotent enqueue, claims, leases, and the sender
against the in-process Bot API (429, 403), all with an injected clock (no sleeping)."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from bot.app import build_sender
from bot.db import sellers
from bot.db.engine import Database
from bot.outbox import notices, queue
from bot.outbox.pacing import REPLY_CAP, FakeClock, Pacer
from bot.runtime.transport import LocalBotApi
from tests.botkit import Bot
from tests.test_steps import onboard

NOW = datetime(2026, 12, 1, 4, 30, tzinfo=UTC)


# ------------------------------------------------------------------ pacing

def test_pacer_spaces_sends_evenly_at_the_rate():
    pacer = Pacer(rate=25)
    waits = [pacer.reserve(chat, now=100.0) for chat in range(50)]
    assert waits[0] == 0
    assert abs(waits[1] - 0.04) < 1e-9
    assert abs(waits[49] - 49 * 0.04) < 1e-9
    # no one-second window holds more than 25 + 1 starts
    starts = [100.0 + w for w in waits]
    assert max(sum(1 for t in starts if s <= t < s + 1) for s in starts) <= 26


def test_pacer_gates_each_chat_to_one_a_second():
    pacer = Pacer(rate=25)
    assert pacer.reserve(7, now=10.0) == 0
    assert abs(pacer.chat_wait(7, now=10.5) - 0.5) < 1e-9
    assert pacer.chat_wait(8, now=10.5) == 0
    assert pacer.chat_wait(7, now=11.0) == 0


def test_pacer_pause_holds_every_slot_until_the_flood_wait_ends():
    pacer = Pacer(rate=25)
    pacer.pause(5, now=20.0)
    assert pacer.paused_for(21.0) == 4
    assert pacer.reserve(1, now=21.0) == 4
    assert pacer.paused_for(25.0) == 0


def test_pacer_counts_a_late_send_when_it_goes():
    """``depart``: a send booked on time but going late (its commit was slow) counts when it
    goes, so the sends after it wait if that second is full, and its chat's next message
    waits a second from when it really went. (Late sends may fill a second up to
    ``reply_cap``, like replies; 26 here, as ``ceiling``.)"""
    pacer = Pacer(rate=25, ceiling=26, reply_cap=26)
    booked = [100.0 + pacer.reserve(chat, now=100.0) for chat in range(40)]
    assert abs(booked[25] - 101.0) < 1e-9
    for chat in range(2, 25):  # on time
        assert pacer.depart(chat, booked[chat], booked[chat]) == 0
    # chats 0 and 1 (booked for 100.0 and 100.04) go at 100.97: 25 in that second, fine
    assert pacer.depart(0, booked[0], 100.97) == 0
    assert pacer.depart(1, booked[1], 100.97) == 0
    assert pacer.depart(25, booked[25], 101.0) == 0  # the 26th in (100.0, 101.0]
    # 101.04 would be the 27th in (100.04, 101.04]: it waits until 100.08 falls out
    assert abs(pacer.depart(26, booked[26], 101.04) - 0.04) < 1e-9
    # chat 0 went at 100.97: its next message waits for 101.97, whenever it was booked
    assert abs(pacer.chat_wait(0, 101.5) - 0.47) < 1e-9
    assert abs(pacer.depart(0, 101.5, 101.5) - 0.47) < 1e-9
    assert pacer.depart(0, 101.5 + 0.47, 101.97) == 0


async def test_fake_clock_moves_only_when_told():
    clock = FakeClock(NOW)
    await clock.sleep(2.5)
    assert clock.now() == NOW + timedelta(seconds=2.5)
    clock.advance(60)
    assert clock.now() == NOW + timedelta(seconds=62.5)


# ------------------------------------------------------------------ queue

async def _sellers(database: Database, n: int, language: str = "en") -> list[int]:
    ids = []
    async with database.transaction() as session:
        for i in range(n):
            seller, _ = await sellers.create(session, 6_000_000 + i, 6_000_000 + i,
                                             language if i % 2 == 0 else "hi")
            ids.append(seller.id)
    return ids


async def _note(session, seller_id: int, key: str, due=NOW, text="hello") -> bool:
    return await notices.enqueue(session, key=key, seller_id=seller_id,
                                 texts={"en": f"{text} {key}", "hi": f"नमस्ते {key}"},
                                 due_at=due, now=NOW)


async def test_enqueue_is_idempotent_and_revives_only_cancelled(settings):
    database = Database(settings.database_url)
    try:
        (seller,) = await _sellers(database, 1)
        async with database.transaction() as session:
            assert await _note(session, seller, "k1")
            assert not await _note(session, seller, "k1")  # same key: nothing new
        async with database.transaction() as session:
            assert await queue.cancel(session, prefix="k") == 1
            # a cancelled row comes back with the new due time
            assert await _note(session, seller, "k1", due=NOW + timedelta(hours=1))
            row = await queue.get(session, "k1")
            assert row["status"] == "pending"
        # enqueue inside a transaction that fails leaves nothing
        try:
            async with database.transaction() as session:
                await _note(session, seller, "k2")
                raise RuntimeError("the RSVP failed")
        except RuntimeError:
            pass
        async with database.transaction() as session:
            assert await queue.get(session, "k2") is None
            claimed = await queue.reserve(session, now=NOW + timedelta(hours=2), limit=10,
                                          lease=timedelta(seconds=60), owner="a")
            assert [m.key for m in claimed] == ["k1"]
            assert await queue.hand_over(session, claimed[0].id, "a", now=NOW,
                                         lease=timedelta(seconds=60))
            assert await queue.mark_sent(session, claimed[0].id, "a", now=NOW,
                                         telegram_message_id=5)
            # a sent row is never revived
            assert not await _note(session, seller, "k1")
            assert (await queue.get(session, "k1"))["status"] == "sent"
    finally:
        await database.dispose()


async def test_reserved_rows_are_taken_once_and_only_handed_over_ones_become_unknown(
        settings):
    """Issue 17, item 1: a reserved row that was never handed over goes back to the queue
    when its reservation lapses; only a handed-over one (its API call under way) becomes
    ``unknown``."""
    database = Database(settings.database_url)
    lease = timedelta(seconds=60)
    try:
        ids = await _sellers(database, 3)
        async with database.transaction() as session:
            for i, seller in enumerate(ids):
                await _note(session, seller, f"n{i}", due=NOW + timedelta(minutes=i))
        async with database.transaction() as session:
            first = await queue.reserve(session, now=NOW + timedelta(minutes=1), limit=10,
                                        lease=lease, owner="a")
            again = await queue.reserve(session, now=NOW + timedelta(minutes=1), limit=10,
                                        lease=lease, owner="b")
        assert [m.key for m in first] == ["n0", "n1"] and again == []
        async with database.transaction() as session:
            assert await queue.hand_over(session, first[0].id, "a", now=NOW + timedelta(
                minutes=1), lease=lease)
            # b cannot hand over or settle a's rows
            assert not await queue.hand_over(session, first[1].id, "b", now=NOW, lease=lease)
            assert not await queue.mark_sent(session, first[0].id, "b", now=NOW,
                                             telegram_message_id=1)
            # a dies; its lease and its reservation lapse
            later = NOW + timedelta(minutes=3)
            assert await queue.expire_leases(session, now=later) == 1
            assert (await queue.get(session, "n0"))["status"] == "unknown"
            assert (await queue.get(session, "n1"))["status"] == "pending"
            retaken = await queue.reserve(session, now=later, limit=10, lease=lease,
                                          owner="b")
            assert [m.key for m in retaken] == ["n1", "n2"]
            # a comes back to life: its old reservation is no longer its own
            assert not await queue.hand_over(session, first[1].id, "a", now=later,
                                             lease=lease)
            counts = await queue.counts(session)
        assert counts == {("notice", "unknown"): 1, ("notice", "pending"): 2}
    finally:
        await database.dispose()


# ------------------------------------------------------------------ sender

@asynccontextmanager
async def _sending(settings, transport: LocalBotApi, clock: FakeClock):
    database = Database(settings.database_url)
    sender = build_sender(settings, database, request=transport, clock=clock)
    await sender.bot.initialize()
    try:
        yield database, sender
    finally:
        await sender.bot.shutdown()
        await database.dispose()


async def test_sender_renders_in_the_sellers_language_and_paces(settings):
    clock = FakeClock(NOW)
    transport = LocalBotApi(limits=(30, 1.0), monotonic=clock.monotonic)
    async with _sending(settings, transport, clock) as (database, sender):
        ids = await _sellers(database, 60)
        async with database.transaction() as session:
            for seller in ids:
                await _note(session, seller, f"b{seller}")
            # one seller with three messages: one a second
            for i in range(3):
                await _note(session, ids[0], f"x{i}")
        start = clock.monotonic()
        await sender.drain()
        for _second in range(3):
            clock.advance(1)
            await sender.drain()
        texts = [c.params["text"] for c in transport.calls if c.method == "sendMessage"]
        assert len(texts) == 63 and len(set(texts)) == 63
        assert sum(t.startswith("नमस्ते") for t in texts) == 30  # the Hindi sellers
        assert transport.refused == []  # our pacing never met a 429
        assert sender.stats["sent"] == 63
        assert clock.monotonic() - start >= 60 / 25  # 25/s, not faster
        async with database.transaction() as session:
            assert await queue.counts(session) == {("notice", "sent"): 63}


async def test_sends_that_go_late_after_their_slot_still_keep_the_limits(settings):
    """The flake of a loaded CI machine, made certain: a hand-over whose commit is slow (here
    8 of them wait until the 17 others of their batch went) sends later than its slot while
    the loop books the next ones; the limits count when a message goes, so it must too."""
    clock = FakeClock(NOW)
    transport = LocalBotApi(limits=(30, 1.0), monotonic=clock.monotonic)
    went: list[tuple[int, float]] = []  # (chat, when) of every accepted send

    def record(call) -> None:
        if call.method == "sendMessage":
            went.append((int(call.params["chat_id"]), clock.monotonic()))

    transport.on_call = record
    async with _sending(settings, transport, clock) as (database, sender):
        ids = await _sellers(database, 40)
        async with database.transaction() as session:
            for seller in ids:
                await _note(session, seller, f"b{seller}")
            # the first (late) seller's next message falls due a second later
            await _note(session, ids[0], "again", due=NOW + timedelta(seconds=1))
        deliver, held = sender._deliver, set(ids[:8])
        deadline = asyncio.get_running_loop().time() + 60

        async def slow_commit(message, *args):
            while message.seller_id in held and len(went) < 17:
                assert asyncio.get_running_loop().time() < deadline, "the batch never went"
                await asyncio.sleep(0.001)
            held.discard(message.seller_id)
            await deliver(message, *args)

        sender._deliver = slow_commit
        await sender.drain()
        for _second in range(4):
            clock.advance(1)
            await sender.drain()
        assert transport.refused == []
        assert sender.stats["sent"] == len(went) == 41
        times = [t for _, t in went]
        # under Telegram's 30 a second: 26 planned, late ones up to the replies' cap
        assert max(sum(1 for t in times if s <= t < s + 1) for s in times) <= REPLY_CAP
        first, again = [t for chat, t in went if chat == 6_000_000]
        assert again - first >= 1.0


async def test_429_pauses_the_sender_and_the_row_is_sent_later(settings):
    transport, clock = LocalBotApi(), FakeClock(NOW)
    async with _sending(settings, transport, clock) as (database, sender):
        ids = await _sellers(database, 3)
        async with database.transaction() as session:
            for seller in ids:
                await _note(session, seller, f"f{seller}")
        transport.flood_next = 7
        await sender.run_once()
        assert sender.stats["429"] == 1
        async with database.transaction() as session:
            counts = await queue.counts(session)
            # the refused row and whatever had not started yet wait for retry_after
            assert counts[("notice", "pending")] >= 1
            assert await queue.next_due(session) >= NOW + timedelta(seconds=7)
        assert await sender.run_once() == 0  # nothing is due before retry_after
        clock.advance(7)
        await sender.drain()
        async with database.transaction() as session:
            assert await queue.counts(session) == {("notice", "sent"): 3}
        sent = [c.params["chat_id"] for c in transport.calls if c.method == "sendMessage"]
        assert len(sent) == len(set(sent)) == 3


async def test_a_long_message_goes_in_parts_like_a_reply_each_paced(settings):
    clock = FakeClock(NOW)
    transport = LocalBotApi(limits=(30, 1.0), monotonic=clock.monotonic)
    async with _sending(settings, transport, clock) as (database, sender):
        (seller,) = await _sellers(database, 1)
        long = "\n".join(f"line {i} " + "x" * 60 for i in range(100))  # ~6,800 characters
        async with database.transaction() as session:
            await notices.enqueue(session, key="long", seller_id=seller,
                                  texts={"en": long}, due_at=NOW, now=NOW)
        await sender.drain()
        texts = [c.params["text"] for c in transport.calls if c.method == "sendMessage"]
        assert len(texts) == 2 and all(len(t) <= 4096 for t in texts)
        assert "\n".join(texts) == long  # split on a line break, nothing cut
        assert transport.refused == []  # the second part waited for the chat's slot
        async with database.transaction() as session:
            assert (await queue.get(session, "long"))["status"] == "sent"


async def test_a_refused_second_part_ends_the_row_failed_never_resent(settings):
    transport, clock = LocalBotApi(), FakeClock(NOW)

    def flood_after_the_first(call) -> None:
        if call.method == "sendMessage":
            transport.flood_next = 3

    transport.on_call = flood_after_the_first
    async with _sending(settings, transport, clock) as (database, sender):
        (seller,) = await _sellers(database, 1)
        async with database.transaction() as session:
            await notices.enqueue(session, key="long", seller_id=seller,
                                  texts={"en": "y" * 5000}, due_at=NOW, now=NOW)
        await sender.drain()
        clock.advance(10)
        transport.on_call = None
        await sender.drain()
        sent = [c for c in transport.calls if c.method == "sendMessage"]
        assert len(sent) == 1 and sent[0].params["text"] == "y" * 4096  # the first, once
        async with database.transaction() as session:
            row = await queue.get(session, "long")
        assert row["status"] == "failed" and row["error"] == "429 after 1 part(s)"


async def test_403_marks_the_seller_unreachable_and_cancels_their_rows(settings):
    transport, clock = LocalBotApi(), FakeClock(NOW)
    async with _sending(settings, transport, clock) as (database, sender):
        blocked, other = await _sellers(database, 2)
        async with database.transaction() as session:
            await _note(session, blocked, "now")
            await _note(session, blocked, "later", due=NOW + timedelta(days=1))
            await _note(session, other, "fine")
            seller = await sellers.by_id(session, blocked)
        transport.blocked.add(seller.chat_id)
        await sender.drain()
        async with database.transaction() as session:
            assert (await queue.get(session, "now"))["status"] == "failed"
            assert (await queue.get(session, "later"))["status"] == "cancelled"
            assert (await queue.get(session, "fine"))["status"] == "sent"
            assert (await sellers.by_id(session, blocked)).unreachable_at is not None
            # enqueued while unreachable: cancelled at send time, not sent
            await _note(session, blocked, "new")
        await sender.drain()
        async with database.transaction() as session:
            assert (await queue.get(session, "new"))["status"] == "cancelled"


async def test_a_message_from_an_unreachable_seller_makes_them_reachable(settings):
    async with Bot(settings) as bot:
        chat = await onboard(bot, user_id=5550100)
        database = bot.app.bot_data["runtime"].database
        async with database.transaction() as session:
            await sellers.set_unreachable_by_telegram_id(session, 5550100, NOW)
        await chat.send("/menu")
        async with database.transaction() as session:
            loaded, _ = await sellers.load(session, 5550100, lock=False)
        assert loaded.unreachable_at is None


async def test_two_claimers_never_take_one_row(settings):
    """Concurrent claims (SKIP LOCKED on PostgreSQL, the writer lock on SQLite) over 2,000
    rows: every row claimed exactly once."""
    database = Database(settings.database_url)
    other = Database(settings.database_url)
    try:
        (seller,) = await _sellers(database, 1)
        async with database.transaction() as session:
            for i in range(2000):
                await _note(session, seller, f"c{i}")

        async def claimer(db: Database, owner: str) -> list[int]:
            got: list[int] = []
            while True:
                async with db.transaction() as session:
                    batch = await queue.reserve(session, now=NOW, limit=25,
                                              lease=timedelta(seconds=60), owner=owner)
                if not batch:
                    return got
                got += [m.id for m in batch]
                await asyncio.sleep(0)

        a, b = await asyncio.gather(claimer(database, "a"), claimer(other, "b"))
        assert len(a) + len(b) == 2000 and not set(a) & set(b)
        assert len(set(a) | set(b)) == 2000
    finally:
        await database.dispose()
        await other.dispose()


def test_pacer_leaves_room_for_replies_under_the_ceiling():
    pacer = Pacer(rate=25, ceiling=28)
    for i in range(10):  # ten replies in the same tenth of a second
        pacer.note(100.0 + i * 0.01)
    starts = [100.0 + pacer.reserve(chat, now=100.0) for chat in range(40)]
    everything = sorted(starts + [100.0 + i * 0.01 for i in range(10)])
    busiest = max(sum(1 for t in everything if s <= t < s + 1) for s in everything)
    assert busiest <= 28
    assert starts[17] < 101.0 <= starts[18]  # 28 - 10 of ours in the first second


def test_pacer_ceiling_loop_ends_when_float_rounding_lands_on_the_slot():
    """Seen in ``make bench`` (h2): a window of 26 sends whose first is, in floating point,
    both more than ``slot - 1.0`` and equal to ``slot - 1.0`` once 1.0 is added back: the
    ceiling loop set the slot to itself forever and the whole bot stopped. Values as
    py-spy showed them in the stuck process."""
    import threading

    pacer = Pacer(rate=25.0, ceiling=26)
    first = 4095.349789979999
    pacer._window = [first + 0.04 * i for i in range(26)]
    pacer._next_slot = 4096.349789979999
    assert pacer._next_slot - 1.0 < first and first + 1.0 == pacer._next_slot  # the trap
    waits: list[float] = []
    worker = threading.Thread(target=lambda: waits.append(
        pacer.reserve(30101794, 4096.303053328)), daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "Pacer.reserve never returned"
    (wait,) = waits
    slot = 4096.303053328 + wait
    # still under the ceiling: at most 26 sends in the second up to the slot, this one included
    assert sum(1 for t in pacer._window if slot - 1.0 < t <= slot) <= 26
