"""A workshop as an ``.ics`` file (RFC 5545) through the ``icalendar`` library.

One VEVENT with a stable UID (``workshop-<id>@haat``), DTSTAMP in UTC, DTSTART/DTEND in
Asia/Kolkata with its VTIMEZONE in the file, LOCATION or URL, SEQUENCE (bumped by every
change, so a phone's calendar replaces the old entry), and a VALARM an hour before. A
cancellation is METHOD:CANCEL with STATUS:CANCELLED. Words are in the seller's language.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event

from bot.i18n import _
from bot.workshops.reminders import IST

PRODID = "-//Haat//Workshops//EN"


def uid(workshop_id: int) -> str:
    return f"workshop-{workshop_id}@haat"


def ics(workshop: dict[str, Any], *, title: str, description: str, now: datetime,
        cancelled: bool = False) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", uid(workshop["id"]))
    event.add("dtstamp", now)
    starts = workshop["starts_at"].astimezone(IST)
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=workshop["duration_minutes"]))
    event.add("summary", title)
    if description:
        event.add("description", description)
    if workshop.get("place"):
        event.add("location", workshop["place"])
    if workshop.get("online_url"):
        event.add("url", workshop["online_url"])
        if not workshop.get("place"):
            event.add("location", workshop["online_url"])
    event.add("sequence", workshop["sequence"])
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("Workshop in one hour: {title}").format(title=title))
        alarm.add("trigger", timedelta(hours=-1))
        event.add_component(alarm)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
