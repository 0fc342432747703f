"""Workshops end to end, in Hindi and English: staff create and announce one for
Firozabad, sellers answer (a full workshop and its waiting list), get the .ics and their
reminders through the outbox (an injected clock: no sleeping), the workshop moves and is
cancelled, check-in and feedback; and the staff form refuses bad input."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from bot.app import build_sender
from bot.cli.main import main as seller_bot
from bot.db import sellers
from bot.db.engine import Database
from bot.db.models import utcnow
from bot.outbox import queue
from bot.outbox.pacing import FakeClock
from bot.workshops import workshops as store
from bot.workshops.reminders import IST, after_quiet_hours, reminder_times
from bot.workshops.rules import values_from_row
from tests.botkit import Bot

STAFF = 5550900


async def join(bot: Bot, user_id: int, district: str, *, hindi: bool = False):
    chat = bot.chat(user_id=user_id, language_code="hi" if hindi else "en")
    await chat.send("/start")
    await chat.press("हिन्दी" if hindi else "English")
    await chat.press("✅")
    await chat.send("सुनीता" if hindi else "Seller")
    await chat.send(district)
    await chat.press("⭐")
    await chat.press("▶")  # no business name
    await chat.send("9876543210")
    await chat.press("▶")  # no email
    await chat.press_data("f|profile|wants_export|c|no")
    await chat.press("✅")
    return chat


def _day(days: int, hour: int, minute: int = 0) -> datetime:
    """A moment ``days`` from today at hour:minute IST."""
    local = (datetime.now(IST) + timedelta(days=days)).replace(
        hour=hour, minute=minute, second=0, microsecond=0)
    return local


async def create(staff, starts: datetime, *, capacity: str = "1",
                 districts: str = "Firozabad") -> int:
    await staff.send("/newworkshop")
    await staff.send("Packaging for glass: safe shipping")
    await staff.send("कांच की पैकिंग: सुरक्षित भेजना")
    await staff.press("Skip")  # no description
    await staff.press("District ODOP cell")
    await staff.send("Packaging")
    await staff.send(starts.strftime("%d.%m.%Y %H:%M"))
    await staff.press("Yes, right")
    await staff.send((starts + timedelta(hours=2)).strftime("%H:%M"))
    await staff.press("At a place")
    await staff.send("ODOP cell, Collectorate, Firozabad")
    await staff.send(districts)
    await staff.press("Skip")
    await staff.press("Hindi and English")
    await staff.send(capacity)
    screen = await staff.press("Skip")  # reminders: a day and an hour before
    assert "Please check your answers" in screen.text
    screen = await staff.press("✅ Save")
    assert "Saved as a draft" in screen.text
    return int(staff.find("Announce")[1].split("|")[1])


def _ics(document: tuple[str, bytes]) -> icalendar.Event:
    name, data = document
    assert name.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(data)
    return calendar, next(iter(calendar.walk("VEVENT")))


async def _rows(database, prefix: str) -> dict[str, dict]:
    async with database.transaction() as session:
        rows = (await session.execute(queue.TABLE.select().where(
            queue.TABLE.c.dedupe_key.startswith(prefix)))).mappings().all()
    return {r["dedupe_key"]: dict(r) for r in rows}


@pytest.mark.db
async def test_announce_answer_remind_move_checkin_feedback(settings) -> None:
    settings = replace(settings, admin_ids=frozenset({STAFF}))
    async with Bot(settings) as bot:
        staff = await join(bot, STAFF, "Agra")
        asha = await join(bot, 5550901, "फ़िरोज़ाबाद", hindi=True)
        ben = await join(bot, 5550902, "Firozabad")
        dev = await join(bot, 5550904, "Firozabad")
        far = await join(bot, 5550903, "Varanasi")
        database = bot.app.bot_data["runtime"].database
        clock = FakeClock(utcnow())
        sender = build_sender(settings, database, request=bot.transport, clock=clock)
        await sender.bot.initialize()

        async def deliver_now() -> int:
            # what the handlers enqueued is due at the real now; the sender's clock follows
            # (and a chat's one-a-second gate has opened again)
            clock.set(max(clock.now() + timedelta(seconds=2), utcnow() + timedelta(seconds=5)))
            return await sender.drain()

        async def deliver_at(moment: datetime) -> None:
            clock.set(moment)
            await sender.drain()
            clock.advance(2)  # a chat's one-a-second gate opens again
            await sender.drain()
            clock.advance(2)  # a chat's one-a-second gate opens again
            await sender.drain()

        starts = _day(10, 10, 30)
        wid = await create(staff, starts)
        screen = await staff.press("Announce")
        assert "Announced: 3 sellers" in screen.text

        mark = len(bot.transport.calls)
        await deliver_now()
        hindi = asha.inbox(mark)
        assert "कांच की पैकिंग" in hindi.text and "नई वर्कशॉप" in hindi.text
        assert "Organiser" not in hindi.text and "आयोजक" in hindi.text
        assert "Packaging for glass" in ben.inbox(mark).text
        assert far.inbox(mark).texts == []
        assert "Packaging for glass" in dev.inbox(mark).text

        # Asha (Hindi) is going: the .ics comes at once, reminders wait in the outbox.
        screen = await asha.press("✅")
        (document,) = screen.documents
        calendar, event = _ics(document)
        assert str(event["UID"]) == f"workshop-{wid}@haat"
        assert event["SEQUENCE"] == 0 and "DTSTAMP" in event
        assert event.decoded("DTSTART") == starts
        assert event.decoded("DTEND") == starts + timedelta(hours=2)
        assert str(calendar["METHOD"]) == "PUBLISH"
        alarm = next(iter(event.walk("VALARM")))
        assert alarm.decoded("TRIGGER") == timedelta(hours=-1)
        assert "Collectorate" in str(event["LOCATION"])
        assert "कांच" in str(event["SUMMARY"])
        rows = await _rows(database, f"w:rem:{wid}:")
        assert {r["due_at"].astimezone(IST) if r["due_at"].tzinfo
                else r["due_at"].replace(tzinfo=UTC).astimezone(IST)
                for r in rows.values()} == {starts - timedelta(days=1),
                                            starts - timedelta(hours=1)}

        # The workshop is full (one place): Ben waits, Dev can't come.
        screen = await ben.press("Going")
        assert "waiting list" in screen.text
        await dev.press("Can't come")
        # Asha changes her mind: Ben moves up and is told, Asha's reminders go.
        screen = await asha.press("❌")
        # Issue 20 item 9: the event leaves her calendar (same UID, higher SEQUENCE).
        (document,) = screen.documents
        calendar, event = _ics(document)
        assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) == f"workshop-{wid}@haat" and event["SEQUENCE"] == 1
        assert "कैलेंडर से हटाने" in screen.text
        rows = await _rows(database, f"w:rem:{wid}:")
        asha_rows = [r for k, r in rows.items() if k.endswith(tuple(
            f":{m}" for m in (60, 1440))) and r["status"] == "cancelled"]
        assert len(asha_rows) == 2
        mark = len(bot.transport.calls)
        await deliver_now()
        told = ben.inbox(mark)
        assert "A place became free" in told.text and told.documents
        assert asha.inbox(mark).texts == []

        # Staff move it by a day: everyone who answered and is still coming gets a new .ics.
        await staff.send("/workshops")
        await staff.press("Packaging for glass")
        await staff.press("✏️ Edit")
        await staff.press("✏️ Starts")
        moved = starts + timedelta(days=1)
        await staff.send(moved.strftime("%d.%m.%Y %H:%M"))
        await staff.press("Yes, right")
        await staff.send((moved + timedelta(hours=2)).strftime("%H:%M"))
        screen = await staff.press("✅ Save")
        assert "1 people who answered" in screen.text or "new time" in screen.text
        mark = len(bot.transport.calls)
        await deliver_now()
        changed = ben.inbox(mark)
        assert "has changed" in changed.text
        _cal, event = _ics(changed.documents[0])
        assert event["SEQUENCE"] == 1 and event.decoded("DTSTART") == moved
        # Issue 20 item 9: those who said they can't come hear of it too, with the answer
        # buttons again and no calendar file.
        for person, words in ((dev, "Perhaps you can come now?"), (asha, "शायद अब आप आ सकें")):
            told = person.inbox(mark)
            assert words in told.text and told.documents == [], told.text
        assert ("✅ Going", f"w|{wid}|going|") in dev.buttons()

        # Reminders fall due: the old time sends nothing, the new time both reminders.
        mark = len(bot.transport.calls)
        await deliver_at(starts - timedelta(days=1))
        assert ben.inbox(mark).texts == []
        await deliver_at(moved - timedelta(days=1))
        assert "the workshop is tomorrow at 10:30 AM" in ben.inbox(mark).text
        mark = len(bot.transport.calls)
        await deliver_at(moved - timedelta(hours=1))
        assert "starts in 60 minutes, at 10:30 AM" in ben.inbox(mark).text
        assert dev.inbox(0).text.count("Reminder") == 0  # never to a "can't come"

        # Check-in by deep link on the day (the bot's own clock is the real one, so the
        # workshop is moved to start now for this part).
        async with database.transaction() as session:
            await session.execute(store.TABLE.update().where(store.w_.id == wid).values(
                starts_at=utcnow() + timedelta(minutes=30)))
            workshop = await store.get(session, wid)
        screen = await ben.send(f"/start checkin_{workshop['checkin_code']}")
        assert "checked in" in screen.text
        screen = await ben.send(f"/start checkin_{workshop['checkin_code']}")
        assert "already checked in" in screen.text
        await dev.send("/checkin")
        screen = await dev.send(workshop["checkin_code"].lower())
        assert "checked in" in screen.text
        screen = await far.send(f"/checkin {workshop['checkin_code']}")
        assert "do not know that check-in code" in screen.text

        # After the end: the feedback question, 1–5 and a comment; never at night (issue
        # 20 item 8): an evening's question waits for 08:00.
        mark = len(bot.transport.calls)
        after = store.ends_at(workshop) + timedelta(minutes=1)
        if after_quiet_hours(after) > after:
            await deliver_at(after)
            assert "How was" not in ben.inbox(mark).text
        await deliver_at(after_quiet_hours(after))
        assert "How was" in ben.inbox(mark).text
        await ben.press("4")
        screen = await ben.send("Very useful, thank you")
        assert "comment goes to the organisers" in screen.text
        async with database.transaction() as session:
            rsvp = await store.rsvp_of(session, wid, (await _seller_id(session, 5550902)))
        assert rsvp["feedback_score"] == 4 and rsvp["feedback_comment"].startswith("Very")

        # /mydata shows it; staff see the answers.
        screen = await ben.send("/mydata")
        assert b'"workshops_attended": 1' in screen.documents[0][1]
        await staff.send("/workshops")
        await staff.press("Packaging for glass")
        screen = await staff.press("👥 Answers")
        assert "Checked in: 2" in screen.text and "Feedback: 4.0 of 5" in screen.text

        # Cancel: those who answered (not "can't come") hear it, with METHOD:CANCEL.
        await staff.press("◀ Back")
        await staff.press("🗑 Cancel workshop")
        screen = await staff.press("Yes, cancel it")
        assert "Cancelled" in screen.text
        mark = len(bot.transport.calls)
        await deliver_now()
        cancelled = ben.inbox(mark)
        calendar, event = _ics(cancelled.documents[0])
        assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
        await sender.bot.shutdown()


async def _seller_id(session, telegram_id: int) -> int:
    seller, _ = await sellers.load(session, telegram_id, lock=False)
    return seller.id


# ------------------------------------------------------------------ quiet hours

def test_reminders_never_fall_in_quiet_hours():
    now = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    # 08:30 IST: the hour-before reminder (07:30) moves to 20:30 the evening before
    starts = datetime(2026, 12, 10, 8, 30, tzinfo=IST)
    times = dict(reminder_times(starts, [1440, 60], now))
    assert times[1440].astimezone(IST) == datetime(2026, 12, 9, 8, 30, tzinfo=IST)
    assert times[60].astimezone(IST) == datetime(2026, 12, 9, 20, 30, tzinfo=IST)
    # 22:00 IST: the day-before reminder (22:00) moves to 20:30 that evening
    late = datetime(2026, 12, 10, 22, 0, tzinfo=IST)
    times = dict(reminder_times(late, [1440, 60], now))
    assert times[1440].astimezone(IST) == datetime(2026, 12, 9, 20, 30, tzinfo=IST)
    assert times[60].astimezone(IST) == datetime(2026, 12, 10, 20, 30, tzinfo=IST)
    # a reminder that would be due already is not made
    soon = now + timedelta(hours=5)
    assert [m for m, _due in reminder_times(soon, [1440, 60], now)] == [60]


# ------------------------------------------------------------------ bad input

@pytest.mark.db
async def test_the_staff_form_refuses_bad_input_in_english_and_hindi(settings) -> None:
    settings = replace(settings, admin_ids=frozenset({STAFF, STAFF + 1}))
    async with Bot(settings) as bot:
        seller = await join(bot, 5550950, "Firozabad")
        screen = await seller.send("/newworkshop")
        assert "programme staff only" in screen.text
        staff = await join(bot, STAFF, "Agra")
        await staff.send("/newworkshop")
        await staff.send("Photos with a phone")
        await staff.send("फ़ोन से फ़ोटो")
        await staff.press("Skip")
        await staff.press("Flipkart Samarth")
        await staff.send("Photos")
        screen = await staff.send("01.01.2020 10:00")
        assert "already passed" in screen.text
        screen = await staff.send("31.02.2027 10:00")
        assert "does not exist" in screen.text
        screen = await staff.send("tomorrow")
        assert "at what time does it start" in screen.text
        starts = _day(5, 11)
        await staff.send(starts.strftime("%d.%m.%Y %H:%M"))
        await staff.press("Yes, right")
        screen = await staff.send("10:00")
        assert "end must be after the start (11:00)" in screen.text
        await staff.send("13:00")
        await staff.press("Online")
        screen = await staff.send("meet dot com")
        assert "https://" in screen.text
        await staff.send("https://meet.example.org/abc")
        screen = await staff.send("Firozabad, Narnia")
        assert "“Narnia”" in screen.text
        await staff.send("all")
        await staff.press("Skip")
        await staff.press("English")
        screen = await staff.send("abc")
        assert "from 1 to" in screen.text
        screen = await staff.send("0")
        assert "from 1 to" in screen.text
        await staff.send("25")
        screen = await staff.send("in a while")
        assert "24h, 1h" in screen.text
        screen = await staff.send("2d, 2h")
        assert "Please check your answers" in screen.text
        assert "Reminders: 2 days, 2 hours before" in screen.text, screen.text
        database = bot.app.bot_data["runtime"].database
        async with database.transaction() as session:
            assert await store.all_workshops(session) == []  # nothing before Save
        await staff.press("✅ Save")
        async with database.transaction() as session:
            (workshop,) = await store.all_workshops(session)
        assert workshop["districts"] == ["*"] and workshop["online_url"].startswith("https")
        assert workshop["reminder_minutes"] == [2880, 120]

        # The same mistakes, answered in Hindi.
        hindi = await join(bot, STAFF + 1, "Agra", hindi=True)
        await hindi.send("/newworkshop")
        await hindi.send("फ़ोटो")  # Hindi first; English is optional
        await hindi.press("▶")
        await hindi.press("▶")
        await hindi.press("Samarth")
        await hindi.send("फ़ोटो")
        screen = await hindi.send("01.01.2020 10:00")
        assert "समय" in screen.text and "passed" not in screen.text


def test_a_csv_with_a_broken_row_creates_nothing(tmp_path, sqlite_settings, capsys):
    good = _day(20, 10)
    path = tmp_path / "workshops.csv"
    path.write_text(
        "title_en,title_hi,description_en,description_hi,organiser,topic,date,start,end,"
        "place,online_url,districts,crafts,language,capacity\n"
        f"Packaging day,पैकेजिंग दिवस,,,odop,Packaging,{good:%d.%m.%Y},10:30,13:00,"
        "\"Collectorate, Firozabad\",,Firozabad,,both,40\n"
        f"Export clinic,निर्यात क्लिनिक,,,epch,Export,{good:%d.%m.%Y},11:00,12:00,,"
        "https://meet.example.org/x,Agra,,en,abc\n", encoding="utf-8")
    os.environ["DATABASE_URL"] = sqlite_settings.database_url
    try:
        assert seller_bot(["workshops", "import", str(path)]) == 1
        out = capsys.readouterr().out
        assert "line 3, capacity" in out and "Nothing was imported" in out
        assert seller_bot(["workshops", "list"]) == 0
        assert "No workshops" in capsys.readouterr().out
        path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[:2]) + "\n",
                        encoding="utf-8")
        assert seller_bot(["workshops", "import", str(path)]) == 0
        assert "Imported 1 workshops" in capsys.readouterr().out
    finally:
        del os.environ["DATABASE_URL"]


@pytest.mark.db
async def test_staff_mark_attendance_and_delete_frees_the_place(settings) -> None:
    settings = replace(settings, admin_ids=frozenset({STAFF}))
    async with Bot(settings) as bot:
        staff = await join(bot, STAFF, "Agra")
        first = await join(bot, 5550911, "Firozabad")
        second = await join(bot, 5550912, "Firozabad", hindi=True)
        database = bot.app.bot_data["runtime"].database
        wid = await create(staff, _day(7, 15))
        await staff.press("Announce")
        for chat in (first, second):
            await chat.send("/workshops")
            await chat.press("Packaging for glass" if chat is first else "कांच")
        await first.press("Going")
        screen = await second.press("✅")
        assert "वेटिंग लिस्ट" in screen.text
        # Staff mark the first seller present from the answers screen.
        await staff.send("/workshops")
        await staff.press("Packaging for glass")
        await staff.press("👥 Answers")
        screen = await staff.press("✔ Seller")
        assert screen.notice == "Marked as present." and "Checked in: 1" in screen.text
        # A seller's own "mark" button data, crafted, does nothing: it is staff's.
        screen = await second.press_data(f"w|{wid}|attend|1")
        assert "स्टाफ़ के लिए" in screen.notice
        async with database.transaction() as session:
            assert [r["attended_at"] is None for r in await store.rsvps(session, wid)] == [
                False, True]
        # /delete: the first seller's answers go, the place moves up, their rows stop.
        await first.send("/delete")
        await first.press("Yes, delete all")
        async with database.transaction() as session:
            second_id = await _seller_id(session, 5550912)
            assert (await store.rsvp_of(session, wid, second_id))["answer"] == store.GOING
            assert len(await store.rsvps(session, wid)) == 1
        pending = await _rows(database, f"w:pro:{wid}:{second_id}:")
        assert [r["status"] for r in pending.values()] == ["pending"]
        # Blocking the bot (my_chat_member) marks the seller unreachable at once.
        await second._process({"update_id": 990001, "my_chat_member": {
            "chat": {"id": 5550912, "type": "private"}, "from": second.user, "date": 0,
            "old_chat_member": {"user": {"id": 7000000001, "is_bot": True,
                                         "first_name": "Haat"}, "status": "member"},
            "new_chat_member": {"user": {"id": 7000000001, "is_bot": True,
                                         "first_name": "Haat"}, "status": "kicked",
                                "until_date": 0}}})
        async with database.transaction() as session:
            assert (await sellers.by_id(session, second_id)).unreachable_at is not None


@pytest.mark.db
async def test_reminders_per_workshop_and_districts_added_later(settings) -> None:
    now = utcnow()
    starts = _day(9, 12)
    row = {"title_en": "Photo day", "title_hi": "फ़ोटो दिवस", "organiser": "samarth",
           "topic": "Photos", "date": f"{starts:%d.%m.%Y}", "start": "12:00", "end": "14:00",
           "place": "Hall, Agra", "districts": "Firozabad", "language": "hi",
           "capacity": "10", "reminders": "2d, 30m"}
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            firozabad, _ = await sellers.create(session, 8_000_001, 8_000_001, "hi")
            agra, _ = await sellers.create(session, 8_000_002, 8_000_002, "en")
            for seller, district in ((firozabad, "firozabad"), (agra, "agra")):
                seller.district_code = district
                await sellers.save(session, seller, {})
            wid = await store.create(session, values_from_row(row, now), created_by=None,
                                     now=now)
            assert await store.publish(session, wid, now=now) == 1
            await store.answer(session, wid, firozabad.id, store.GOING, now=now)
            # Agra added: only the Agra seller hears of it now
            await store.change(session, wid, {"districts": ["firozabad", "agra"]}, now=now)
        rows = await _rows(database, "w:")
        assert set(rows) == {f"w:ann:{wid}:{firozabad.id}", f"w:ann:{wid}:{agra.id}",
                             f"w:rem:{wid}:v0:{firozabad.id}:2880",
                             f"w:rem:{wid}:v0:{firozabad.id}:30"}
        # other reminders, same time: remade quietly (no change notice), one kept
        async with database.transaction() as session:
            await store.change(session, wid, {"reminder_minutes": [2880, 60]}, now=now)
        rows = await _rows(database, "w:")
        assert {k: r["status"] for k, r in rows.items() if ":rem:" in k} == {
            f"w:rem:{wid}:v0:{firozabad.id}:2880": "pending",
            f"w:rem:{wid}:v0:{firozabad.id}:30": "cancelled",
            f"w:rem:{wid}:v0:{firozabad.id}:60": "pending"}
        assert not any(":chg:" in k for k in rows)
    finally:
        await database.dispose()


def test_all_districts_typed_in_any_spelling() -> None:
    from bot.workshops.rules import ALL_DISTRICTS, parse_districts

    for text in ("all", "All Districts", "*", "सभी", "सब", "सभी ज़िले", "सभी जिले", "सब ज़िले"):
        assert parse_districts(text) == [ALL_DISTRICTS], text
    assert parse_districts("Agra, फ़िरोज़ाबाद") == ["agra", "firozabad"]


@pytest.mark.parametrize("text, minutes", [
    ("24h, 1h", [1440, 60]), ("2d, 30m", [2880, 30]), ("24h 1h", [1440, 60]),
    # As the summary card writes them (Babel's units), so a card's text reads back.
    ("1 day, 1 hour before", [1440, 60]), ("1 दिन, 1 घंटा पहले", [1440, 60]),
    ("2 दिन पहले और 3 घंटे पहले", [2880, 180]), ("४५ मिनट", [45]),
    ("1h30m", None), ("in a while", None), ("1 घंटा 2", None), ("8 days", None),
    ("1h, 2h, 3h, 4h", None), ("", None), ("²h", None), ("1 hour, a day", None)])
def test_reminders_typed_in_words_or_letters(text, minutes) -> None:
    from bot.parsing.validators import Invalid
    from bot.workshops.rules import parse_reminders

    if minutes is None:
        with pytest.raises(Invalid):
            parse_reminders(text)
    else:
        assert parse_reminders(text) == minutes


def test_start_time_says_what_is_missing() -> None:
    from bot.parsing.validators import Invalid
    from bot.workshops.rules import parse_start

    now = datetime(2026, 11, 28, tzinfo=UTC)
    cases = {"15/12/2026": "at what time does it start? Please type the date and the time "
                           "together, for example: 15.12.2026 11:00",
             "१५.१२.२०२६": "for example: 15.12.2026 11:00",
             "11:00": "11:00 AM on which day? Please type the date too",
             "31.02.2027 10:00": "That date or time does not exist.",
             "soon": "I could not read “soon”"}
    for text, said in cases.items():
        try:
            parse_start(text, now)
        except Invalid as problem:
            assert said in str(problem), (text, str(problem))
        else:
            raise AssertionError(f"{text!r} was accepted")
    assert parse_start("15.12.2026 10:30", now) == datetime(2026, 12, 15, 5, 0, tzinfo=UTC)
