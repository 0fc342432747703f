"""Facilitators run their districts' workshops, in English and Hindi: a Firozabad
facilitator plans, announces and checks people in at a Firozabad workshop; they cannot plan
one for Agra or for all districts, nor open, change, announce or cancel an Agra workshop by
button, edited button data or command; at a workshop shared with Agra they see and mark
only their own sellers; a removed facilitator's old buttons do nothing and say why; an
operator still does everything (bot/workshops/access.py has the rule)."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta

from sqlalchemy import create_engine, delete, event, insert, select

from bot.db.engine import sync_url
from bot.db.models import Rsvp, Staff, Workshop, utcnow
from bot.workshops.reminders import IST
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, add_rsvp, add_workshop, seed
from tests.botkit import Bot
from tests.scenarios import fill_profile, onboard

OPERATOR = 4440001
MEENA = 6000003  # seed(): Meena Firozabad's Telegram id (Hindi)


def _workshops(database_url: str) -> list[dict]:
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        rows = [dict(r) for r in conn.execute(select(Workshop.__table__).order_by(
            Workshop.id)).mappings()]
    engine.dispose()
    return rows


def _workshop(database_url: str, workshop_id: int) -> dict:
    return next(w for w in _workshops(database_url) if w["id"] == workshop_id)


def _attended(database_url: str, workshop_id: int) -> dict[int, bool]:
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        rows = conn.execute(select(Rsvp.seller_id, Rsvp.attended_at).where(
            Rsvp.workshop_id == workshop_id)).all()
    engine.dispose()
    return {row.seller_id: row.attended_at is not None for row in rows}


def _remove_staff(database_url: str, telegram_id: int) -> None:
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        conn.execute(delete(Staff).where(Staff.telegram_id == telegram_id))
    engine.dispose()


def _appoint(database_url: str, telegram_id: int, districts: list[str]) -> None:
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        conn.execute(insert(Staff).values(telegram_id=telegram_id, districts=districts,
                                          created_at=utcnow()))
    engine.dispose()


def _starts(days: int = 4) -> datetime:
    return (datetime.now(IST) + timedelta(days=days)).replace(hour=11, minute=0, second=0,
                                                              microsecond=0)


async def _fill_until_districts(chat, starts: datetime, *, hindi: bool = False):
    await chat.send("/newworkshop")
    await chat.send("Glass bangle photos")
    await chat.send("चूड़ियों की फ़ोटो")
    await chat.press("▶")  # no description
    await chat.press("ODOP")
    await chat.send("फ़ोटो" if hindi else "Photos")
    await chat.send(starts.strftime("%d.%m.%Y %H:%M"))
    await chat.press("✅")  # the start said back: right
    await chat.send((starts + timedelta(hours=2)).strftime("%H:%M"))
    await chat.press("📍")
    return await chat.send("DIC office, Firozabad" if not hindi else "DIC दफ़्तर, आगरा")


async def _finish(chat) -> None:
    await chat.press("▶")  # crafts: all
    await chat.press("English")
    await chat.send("30")
    screen = await chat.press("▶")  # reminders: a day and an hour before
    assert "✅" in " ".join(label for label, _d in chat.buttons()), screen.text


def _commands_for(bot, telegram_id: int) -> list[str]:
    names = []
    for call in bot.transport.calls:
        if call.method != "setMyCommands":
            continue
        scope = call.params.get("scope")
        scope = json.loads(scope) if isinstance(scope, str) else scope
        if (scope or {}).get("chat_id") == telegram_id:
            commands = call.params["commands"]
            commands = json.loads(commands) if isinstance(commands, str) else commands
            names += [c["command"] for c in commands]
    return names


async def test_a_firozabad_facilitator_plans_announces_and_checks_in(settings) -> None:
    seed(settings.database_url)
    url = settings.database_url
    async with Bot(settings) as bot:
        staff = await onboard(bot, user_id=FIROZABAD_FACILITATOR)  # a Varanasi seller too
        await staff.send("/staff")
        # /newworkshop and /workshops are in the facilitator's own command list.
        assert {"newworkshop", "workshops", "staff"} <= set(
            _commands_for(bot, FIROZABAD_FACILITATOR))
        screen = await staff.press("🎓")
        assert "New workshop" in " ".join(label for label, _d in staff.buttons()), screen.text

        await _fill_until_districts(staff, _starts())
        labels = [label for label, _d in staff.buttons()]
        assert "Firozabad" in labels and "Agra" not in labels  # only theirs is offered
        screen = await staff.send("Agra")
        assert "only for your districts: Firozabad" in screen.text
        screen = await staff.send("Agra, Firozabad")
        assert "only for your districts: Firozabad" in screen.text
        screen = await staff.send("all")
        assert "Only an operator can plan a workshop for all districts" in screen.text
        # An edited district button naming Agra is no answer either.
        form_button = staff.find("Firozabad")[1]
        screen = await staff.press_data(form_button.replace("firozabad", "agra"))
        assert "Crafts" not in screen.text and not _workshops(url)[1:]
        screen = await staff.press("Firozabad")
        await _finish(staff)
        screen = await staff.press("✅ Save")
        assert "Saved as a draft" in screen.text
        new = _workshops(url)[-1]
        assert new["districts"] == ["firozabad"] and new["status"] == "draft"
        assert new["created_by"] == FIROZABAD_FACILITATOR

        screen = await staff.press("📣 Announce")
        assert "Announced: 4 sellers" in screen.text  # Firozabad's four, not Agra's
        assert _workshop(url, new["id"])["status"] == "published"
        labels = [label for label, _d in staff.buttons()]
        assert "✏️ Edit" in labels and "🗑 Cancel workshop" in labels and "🖨 Poster" in labels

        # A Firozabad seller answers (in Hindi); the facilitator marks her present.
        meena = bot.chat(user_id=MEENA, language_code="hi")
        await meena.send("/workshops")
        await meena.press("चूड़ियों")
        screen = await meena.press("✅")
        assert "लिस्ट" in screen.text
        await staff.send("/workshops")
        await staff.press("Glass bangle photos")
        screen = await staff.press("👥 Answers")
        assert "Going: 1 of 30" in screen.text and "Checked in: 0" in screen.text
        screen = await staff.press("✔ Meena Firozabad")
        assert screen.notice == "Marked as present." and "Checked in: 1" in screen.text
        assert list(_attended(url, new["id"]).values()) == [True]


async def test_hindi_facilitator_of_agra_is_kept_to_agra(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        staff = await onboard(bot, language="हिन्दी", user_id=AGRA_FACILITATOR)
        await _fill_until_districts(staff, _starts(), hindi=True)
        labels = [label for label, _d in staff.buttons()]
        assert "आगरा" in labels and "फिरोजाबाद" not in labels
        screen = await staff.send("फ़िरोज़ाबाद")
        assert "सिर्फ़ अपने ज़िलों" in screen.text and "आगरा" in screen.text
        screen = await staff.send("सभी")
        assert "ऑपरेटर" in screen.text
        await staff.press("आगरा")
        await staff.press("▶")
        await staff.press_data("f|workshop|session_language|c|hi")
        await staff.send("20")
        await staff.press("▶")
        screen = await staff.press("✅")
        assert _workshops(settings.database_url)[-1]["districts"] == ["agra"]
        firozabad = add_workshop(settings.database_url)
        screen = await staff.press_data(f"w|{firozabad}|edit|")
        assert "आपके ज़िलों" in screen.notice


async def test_a_facilitator_cannot_touch_another_districts_workshop(settings) -> None:
    ids = seed(settings.database_url)
    url = settings.database_url
    agra = add_workshop(url, districts=("agra",), title="Agra only")
    agra_draft = add_workshop(url, districts=("agra",), title="Agra draft", status="draft")
    both = add_workshop(url, districts=("agra", "firozabad"), title="Agra and Firozabad")
    everyone = add_workshop(url, districts=("*",), title="Online for all")
    add_rsvp(url, agra, ids["Ramesh Agra"])
    add_rsvp(url, both, ids["Ramesh Agra"])
    add_rsvp(url, both, ids["Meena Firozabad"])
    async with Bot(dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))) as bot:
        staff = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        screen = await staff.send("/workshops")
        labels = " ".join(label for label, _d in staff.buttons())
        assert "Agra and Firozabad" in labels and "Online for all" in labels
        assert "Agra only" not in labels and "Agra draft" not in labels

        # Edited button data naming the Agra workshop: nothing happens, and it says why.
        for action in ("edit", "publish", "cancel", "cancel_yes", "who", "poster"):
            screen = await staff.press_data(f"w|{agra}|{action}|")
            assert "not yours" in screen.notice or "not one of yours" in screen.notice, (
                action, screen.notice)
            assert not screen.documents
        screen = await staff.press_data(f"w|{agra}|attend|{ids['Ramesh Agra']}")
        assert "not yours" in screen.notice
        screen = await staff.press_data(f"w|{agra_draft}|publish|")
        assert "not yours" in screen.notice
        screen = await staff.press_data(f"w|{agra}|open|")
        assert "no longer exists" in screen.notice  # not their district as a seller either
        assert _workshop(url, agra)["status"] == "published"
        assert _workshop(url, agra_draft)["status"] == "draft"
        assert _attended(url, agra) == {ids["Ramesh Agra"]: False}

        # ... nor by command: the workshop's link and its check-in code.
        screen = await staff.send(f"/start w_{agra}")
        assert "for sellers of Agra" in screen.text and "Check-in code" not in screen.text
        screen = await staff.send(f"/checkin {_workshop(url, agra)['checkin_code']}")
        assert "I do not know that check-in code" in screen.text
        assert _attended(url, agra) == {ids["Ramesh Agra"]: False}

        # Shared with Agra: seen read-only, with Firozabad's sellers only.
        screen = await staff.send(f"/start w_{both}")
        assert "only an operator can change it" in screen.text
        labels = [label for label, _d in staff.buttons()]
        assert "👥 Answers" in labels and "🖨 Poster" in labels
        assert "✏️ Edit" not in labels and "🗑 Cancel workshop" not in labels
        for action in ("edit", "cancel", "cancel_yes"):
            screen = await staff.press_data(f"w|{both}|{action}|")
            assert "cannot change it" in screen.notice
        screen = await staff.press("👥 Answers")
        assert "Sellers of your districts: Firozabad" in screen.text
        assert "Going: 1 of 30" in screen.text
        names = " ".join(label for label, _d in staff.buttons())
        assert "Meena Firozabad" in names and "Ramesh" not in names
        screen = await staff.press_data(f"w|{both}|attend|{ids['Ramesh Agra']}")
        assert screen.notice == "This button no longer works."
        screen = await staff.press("✔ Meena Firozabad")
        assert screen.notice == "Marked as present."
        assert _attended(url, both) == {ids["Ramesh Agra"]: False, ids["Meena Firozabad"]: True}
        # An "all districts" workshop: the same (only an operator runs it).
        screen = await staff.press_data(f"w|{everyone}|publish|")
        assert "cannot change it" in screen.notice
        assert _workshop(url, both)["status"] == _workshop(url, everyone)["status"] == "published"

        # The operator still runs every workshop.
        operator = await onboard(bot, user_id=OPERATOR)
        await operator.send("/workshops")
        await operator.press("Agra only")
        labels = [label for label, _d in operator.buttons()]
        assert "✏️ Edit" in labels and "🗑 Cancel workshop" in labels
        screen = await operator.press("👥 Answers")
        assert "Ramesh Agra" in " ".join(label for label, _d in operator.buttons())
        await operator.press_data(f"w|{both}|cancel|")
        screen = await operator.press("🗑 Yes, cancel it")
        assert "Cancelled" in screen.text and _workshop(url, both)["status"] == "cancelled"
        screen = await operator.press_data(f"w|{agra_draft}|publish|")
        assert "Announced" in screen.text


async def test_a_removed_facilitators_workshop_buttons_do_nothing(settings) -> None:
    seed(settings.database_url)
    url = settings.database_url
    draft = add_workshop(url, status="draft", title="Firozabad draft")
    async with Bot(settings) as bot:
        staff = await onboard(bot, user_id=FIROZABAD_FACILITATOR)
        await staff.send("/workshops")
        screen = await staff.press("Firozabad draft")
        card = staff.last_keyboard_message
        assert "📣 Announce" in [label for label, _d in staff.buttons()], screen.text
        # Half-way through a new workshop when the operator removes them.
        await _fill_until_districts(staff, _starts())
        await staff.press("Firozabad")
        await _finish(staff)
        _remove_staff(url, FIROZABAD_FACILITATOR)
        screen = await staff.press("✅ Save")
        assert "removed you" in screen.text
        assert [w["id"] for w in _workshops(url)][-1] == draft  # nothing new was saved
        for label in ("📣 Announce", "✏️ Edit", "👥 Answers", "🗑 Cancel workshop",
                      "◀ Workshops"):
            screen = await staff.press(label, message_id=card)
            if label == "◀ Workshops":  # the list is a seller's again: no drafts, no ➕
                assert "Firozabad draft" not in screen.text
                assert "New workshop" not in " ".join(lb for lb, _d in staff.buttons())
                continue
            assert "removed you" in screen.notice, label
        assert _workshop(url, draft)["status"] == "draft"
        screen = await staff.send("/newworkshop")
        assert "removed you" in screen.text and "Title" not in screen.text
        # Appointed again (for Agra only now): still nothing on the Firozabad draft.
        _appoint(url, FIROZABAD_FACILITATOR, ["agra"])
        screen = await staff.press("📣 Announce", message_id=card)
        assert "not yours" in screen.notice
        assert _workshop(url, draft)["status"] == "draft"


async def test_a_sellers_update_asks_nothing_about_staff(sqlite_settings) -> None:
    """The role is asked only where a staff screen needs it: a seller going through
    onboarding's form costs no staff query; the language press of someone without a row
    costs one (staff keep their language on a chat row of their own); a workshop card
    (answering shows it again) costs one, however many checks it makes."""
    workshop = add_workshop(sqlite_settings.database_url)
    async with Bot(sqlite_settings) as bot:
        statements: list[str] = []
        engine = bot.app.bot_data["runtime"].database._sync

        @event.listens_for(engine, "before_cursor_execute")
        def _seen(_conn, _cursor, statement, *_args) -> None:
            statements.append(statement)

        chat = bot.chat(user_id=5558001)
        await chat.send("/start")
        await chat.press("English")
        assert len([s for s in statements if "FROM staff" in s]) == 1
        statements.clear()
        await chat.press("✅")
        await fill_profile(chat, "Sunita Devi", "Firozabad")
        assert statements and not [s for s in statements if "FROM staff" in s]
        await chat.send("/workshops")
        await chat.press("Packing glass")
        statements.clear()
        await chat.press_data(f"w|{workshop}|going|")
        assert len([s for s in statements if "FROM staff" in s]) == 1  # the card, once


async def test_a_hindi_facilitator_without_a_seller_row_plans_and_is_no_guest(settings) -> None:
    """A Firozabad facilitator who never agreed as a seller plans a workshop in Hindi: the
    district question offers her district (not "all", which only an operator may use), a
    skipped reminder question says what it means (a day and an hour before) in words, and
    her card of the announced workshop has no Going / Maybe buttons (she is no guest);
    a seller's card has them. An announcement that reaches nobody says so."""
    url = settings.database_url
    seed(url)
    async with Bot(dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))) as bot:
        staff = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        question = (await _fill_until_districts(staff, _starts(), hindi=True)).text
        assert "अपना ज़िला दबाएँ" in question and "सभी" not in question, question
        await staff.press("फिरोजाबाद")
        screen = await staff.press("▶")  # crafts: all, said so
        assert "✓ सभी शिल्प" in screen.text, screen.text
        await staff.press_data("f|workshop|session_language|c|hi")
        await staff.send("20")
        screen = await staff.press("▶")  # reminders skipped: the default, in words
        assert "(छोड़ दिया)" not in screen.text
        assert "✓ एक दिन पहले और एक घंटा पहले" in screen.text  # said back
        assert "रिमाइंडर: एक दिन पहले और एक घंटा पहले" in screen.text  # on the card
        await staff.press("✅")
        workshop = _workshops(url)[-1]
        assert workshop["reminder_minutes"] == [1440, 60]
        screen = await staff.press("📣")
        assert "4 सेलर" in screen.text
        labels = [label for label, _d in staff.buttons()]
        assert not [label for label in labels if "आएँगे" in label or "शायद" in label], labels
        # Editing it shows the kept reminders in Hindi words, not "1d, 1h".
        screen = await staff.press("✏️")
        assert "रिमाइंडर: 1 दिन, 1 घंटा पहले" in screen.text, screen.text
        # A seller of Firozabad (Meena, Hindi) answers from her card.
        meena = bot.chat(user_id=MEENA, language_code="hi")
        await meena.send("/workshops")
        await meena.press((workshop["title_hi"] or workshop["title_en"])[:10])
        assert any("आएँगे" in label for label, _d in meena.buttons())
        # A workshop for a district with no sellers: announced, and said plainly.
        lucknow = add_workshop(url, districts=("lucknow",), status="draft")
        operator = bot.chat(user_id=OPERATOR, language_code="en")
        screen = await operator.press_data(f"w|{lucknow}|publish|")
        assert "no seller to tell" in screen.text and "/workshops" in screen.text
