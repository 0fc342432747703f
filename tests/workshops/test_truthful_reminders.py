"""Issue 20 item 7: a reminder is worded for when it arrives (one moved to 20:30 the
evening before says "tomorrow at 08:30", not "starts soon"), and an answer promises only
the reminders that are planned (none for a workshop 49 minutes away)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.i18n import use_locale
from bot.workshops.notices import reminder_head
from bot.workshops.reminders import IST, reminder_times
from bot.workshops.seller_screens import reminders_promised


def _workshop(starts: datetime) -> dict:
    return {"starts_at": starts.astimezone(UTC), "reminder_minutes": [1440, 60]}


def test_a_reminder_moved_to_the_evening_before_says_tomorrow() -> None:
    starts = datetime(2026, 12, 10, 8, 30, tzinfo=IST)
    now = datetime(2026, 12, 1, tzinfo=IST)
    due = dict(reminder_times(starts, [1440, 60], now))
    assert due[60] == datetime(2026, 12, 9, 20, 30, tzinfo=IST)  # quiet hours: moved
    with use_locale("hi"):
        head = reminder_head(starts, due[60])
        assert "कल सुबह 8:30" in head and "जल्द" not in head, head
        assert "60 मिनट" in reminder_head(starts, starts - timedelta(hours=1))
        assert "आज सुबह" in reminder_head(starts, starts - timedelta(hours=3))
    with use_locale("en"):
        assert "tomorrow at 8:30 AM" in reminder_head(starts, due[60])
        assert "soon" not in reminder_head(starts, due[60])


def test_the_answer_promises_only_planned_reminders() -> None:
    now = datetime(2026, 12, 9, 10, 11, tzinfo=IST)
    soon = _workshop(now + timedelta(minutes=49))
    with use_locale("hi"):
        said = reminders_promised(soon, now)
        assert "कोई रिमाइंडर नहीं" in said, said
        later = reminders_promised(_workshop(datetime(2026, 12, 10, 8, 30, tzinfo=IST)), now)
        # a day before (09.12, 08:30) has passed; the hour before moved to 20:30 today
        assert "आज रात 8:30" in later and "कल" not in later, later
    with use_locale("en"):
        said = reminders_promised(_workshop(datetime(2026, 12, 11, 11, 0, tzinfo=IST)), now)
        assert said == "I will remind you tomorrow at 11:00 AM and on Friday 11 December at " \
                       "10:00 AM.", said
        assert "no reminder" in reminders_promised(soon, now)


def test_what_can_wait_waits_for_eight_in_the_morning() -> None:
    """Issue 20 item 8: the feedback question after an evening workshop (and a broadcast)
    is held until 08:00 IST; by day it goes at once."""
    from bot.workshops.reminders import after_quiet_hours

    assert after_quiet_hours(datetime(2026, 12, 9, 21, 30, tzinfo=IST)) == datetime(
        2026, 12, 10, 8, 0, tzinfo=IST)
    assert after_quiet_hours(datetime(2026, 12, 10, 2, 0, tzinfo=IST)) == datetime(
        2026, 12, 10, 8, 0, tzinfo=IST)
    noon = datetime(2026, 12, 10, 12, 0, tzinfo=IST)
    assert after_quiet_hours(noon) == noon
