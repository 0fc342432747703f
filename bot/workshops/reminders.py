"""When reminders go out: a fixed time before the start, never in quiet hours.

Pure arithmetic on aware datetimes (UTC in, UTC out). A reminder that would fall in quiet
hours (default 21:00–08:00 IST) moves *earlier*, to ``EVENING`` on the evening before the
quiet night: a seller asleep at 06:00 reads it the evening before, not after the start.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

IST = ZoneInfo("Asia/Kolkata")
QUIET_FROM = time(21, 0)
QUIET_UNTIL = time(8, 0)
EVENING = time(20, 30)  # where a quiet-hours reminder moves to
DEFAULT_MINUTES = (24 * 60, 60)


def in_quiet_hours(moment: datetime, start: time = QUIET_FROM, until: time = QUIET_UNTIL
                   ) -> bool:
    local = moment.astimezone(IST).time()
    return local >= start or local < until


def out_of_quiet_hours(moment: datetime) -> datetime:
    """``moment``, or the evening before the quiet night it falls in."""
    if not in_quiet_hours(moment):
        return moment
    local = moment.astimezone(IST)
    day = local.date() if local.time() >= QUIET_FROM else local.date() - timedelta(days=1)
    return datetime.combine(day, EVENING, tzinfo=IST).astimezone(UTC)


def reminder_times(starts_at: datetime, minutes_before: tuple[int, ...] | list[int],
                   now: datetime) -> list[tuple[int, datetime]]:
    """(minutes before, due time in UTC) for each reminder still worth sending: due after
    ``now`` and before the start. Two that land on one moment are sent once."""
    result: list[tuple[int, datetime]] = []
    seen: set[datetime] = set()
    for minutes in sorted(minutes_before, reverse=True):
        due = out_of_quiet_hours(starts_at - timedelta(minutes=minutes))
        if due <= now or due >= starts_at or due in seen:
            continue
        seen.add(due)
        result.append((minutes, due))
    return result


def after_quiet_hours(moment: datetime) -> datetime:
    """``moment``, or 08:00 IST after the quiet night it falls in: what can wait for the
    morning (a broadcast, the feedback question) waits for it."""
    if not in_quiet_hours(moment):
        return moment
    local = moment.astimezone(IST)
    day = local.date() + timedelta(days=1) if local.time() >= QUIET_FROM else local.date()
    return datetime.combine(day, QUIET_UNTIL, tzinfo=IST).astimezone(UTC)


# How far a moment is from now, in days of the calendar (IST), for "today" / "tomorrow".
TODAY, TOMORROW, LATER = "today", "tomorrow", "later"


def day_from(now: datetime, moment: datetime) -> str:
    days = (moment.astimezone(IST).date() - now.astimezone(IST).date()).days
    return TODAY if days <= 0 else TOMORROW if days == 1 else LATER
