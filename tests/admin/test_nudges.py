"""Weekly nudges: opt-in, to sellers idle 7+ days, at most once a week, outside quiet
hours (21:00–08:00 IST), with their next step; the seller can switch them off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, select, update

from bot.app import build_sender
from bot.db.engine import sync_url
from bot.db.models import OutboxMessage, Seller, utcnow
from bot.outbox.pacing import FakeClock
from bot.seller import nudges
from tests.botkit import Bot
from tests.scenarios import onboard


def _sql(settings, statement):
    engine = create_engine(sync_url(settings.database_url))
    with engine.begin() as conn:
        result = conn.execute(statement)
        rows = result.all() if result.returns_rows else None
    engine.dispose()
    return rows


def test_quiet_hours() -> None:
    at = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # 21:30 IST
    assert nudges.after_quiet_hours(at) == datetime(2026, 11, 28, 2, 30, tzinfo=UTC)
    early = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)  # 01:30 IST
    assert nudges.after_quiet_hours(early) == datetime(2026, 11, 28, 2, 30, tzinfo=UTC)
    day = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)  # 11:30 IST
    assert nudges.after_quiet_hours(day) == day


async def _plan(bot, now: datetime) -> int:
    async with bot.app.bot_data["runtime"].database.transaction() as session:
        return await nudges.plan(session, now=now)


async def test_opt_in_idle_once_a_week_quiet_hours_and_off(settings) -> None:
    async with Bot(settings) as bot:
        hindi = await onboard(bot, language="हिन्दी", user_id=5558001)
        away = await onboard(bot, user_id=5558002)  # never opts in
        screen = await hindi.send("/nudges")
        assert "🔕" in screen.text
        screen = await hindi.press("🔔 चालू करें")
        assert "🔔" in screen.text
        eight_days = utcnow() - timedelta(days=8)
        _sql(settings, update(Seller).values(updated_at=eight_days))
        night = datetime.now(UTC).replace(hour=16, minute=0, second=0, microsecond=0)
        if night < utcnow():
            night += timedelta(days=1)  # 21:30 IST, in the future
        assert await _plan(bot, night) == 1  # only the seller who switched it on
        assert await _plan(bot, night + timedelta(hours=1)) == 0  # not twice in a week
        due = _sql(settings, select(OutboxMessage.due_at, OutboxMessage.seller_id))
        assert len(due) == 1
        morning = night + timedelta(hours=10, minutes=30)  # 08:00 IST next day
        clock = FakeClock(night)
        sender = build_sender(settings, bot.app.bot_data["runtime"].database,
                              request=bot.transport, clock=clock)
        await sender.bot.initialize()
        assert await sender.drain() == 0  # quiet hours: nothing yet
        mark = len(bot.transport.calls)
        clock.set(morning)
        assert await sender.drain() == 1
        got = hindi.inbox(mark)
        assert "अगला स्टेप" in got.text and "PAN" in got.text
        assert away.inbox(mark).texts == []
        screen = await hindi.press("➡ यह स्टेप खोलें")
        assert "PAN" in screen.text
        await hindi.press("🔕 बंद करें")
        _sql(settings, update(Seller).values(updated_at=eight_days - timedelta(days=7)))
        assert await _plan(bot, night + timedelta(days=8)) == 0  # switched off
        await sender.bot.shutdown()


async def test_english_seller_switches_on_and_a_return_cancels(settings) -> None:
    async with Bot(settings) as bot:
        chat = await onboard(bot, user_id=5558003)
        await chat.send("/nudges")
        screen = await chat.press("🔔 Switch on")
        assert "Weekly reminders are on" in screen.text and screen.notice == "Saved ✓"
        _sql(settings, update(Seller).values(updated_at=utcnow() - timedelta(days=8)))
        now = utcnow()
        assert await _plan(bot, now) == 1
        await chat.send("/menu")  # they came back before it was sent
        clock = FakeClock(nudges.after_quiet_hours(now) + timedelta(seconds=5))
        sender = build_sender(settings, bot.app.bot_data["runtime"].database,
                              request=bot.transport, clock=clock)
        await sender.bot.initialize()
        mark = len(bot.transport.calls)
        await sender.drain()
        assert chat.inbox(mark).texts == []
        status = _sql(settings, select(OutboxMessage.status))[0][0]
        assert status == "cancelled"
        await sender.bot.shutdown()
