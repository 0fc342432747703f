"""Issue 20, items 1 and 4: staff and testers never count as sellers (the funnel, a
broadcast's audience, a workshop's answers and ratings, who needs help, the exports), a
link suggests a district and never files anyone under it, and staff forms need no seller
row."""

from __future__ import annotations

import dataclasses
import json

from sqlalchemy import create_engine, select

from bot.admin import attendance, broadcasts, stats
from bot.db import sellers
from bot.db.engine import sync_url
from bot.db.models import Seller
from bot.workshops import services
from tests.admin.seed import FIROZABAD_FACILITATOR, add_rsvp, add_workshop, seed
from tests.botkit import Bot
from tests.scenarios import fill_profile

OPERATOR = 4449001
TESTER = 4449002


def _row(settings, telegram_id: int):
    engine = create_engine(sync_url(settings.database_url))
    try:
        with engine.connect() as conn:
            return conn.execute(select(Seller.id, Seller.district_code, Seller.consented_at)
                                .where(Seller.telegram_id == telegram_id)).first()
    finally:
        engine.dispose()


async def _joined(bot) -> int:
    async with bot.app.bot_data["runtime"].database.transaction() as session:
        funnel = await stats.funnel(session, ["firozabad"])
    return funnel["firozabad"][0].total


async def test_staff_and_testers_never_count_in_hindi(settings) -> None:
    settings = dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))
    seed(settings.database_url)
    workshop = add_workshop(settings.database_url)
    async with Bot(settings) as bot:
        joined = await _joined(bot)
        # The Firozabad facilitator tests her own poster: a workshop link, in Hindi.
        facilitator = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        await facilitator.send(f"/start w_{workshop}")
        await facilitator.press("हिन्दी")
        await facilitator.press("✅")
        await facilitator.send("सीमा")  # her name; the district is not suggested to staff
        assert not any(label.startswith("✅") for label, _d in facilitator.buttons())
        assert _row(settings, FIROZABAD_FACILITATOR).district_code is None
        await facilitator.send("फ़िरोज़ाबाद")  # she types it herself: still never counted
        # A tester finishes a Firozabad profile: counted until an operator marks him.
        tester = bot.chat(user_id=TESTER, language_code="hi")
        await tester.send("/start d_firozabad")
        await tester.press("हिन्दी")
        await tester.press("✅")
        await tester.send("टेस्टर")
        assert _row(settings, TESTER).district_code is None  # a link suggests, nothing more
        await tester.press("✅ फिरोजाबाद")
        await tester.press("⭐")
        await tester.press("▶")
        await tester.send("9876543210")
        await tester.press("▶")
        await tester.press_data("f|profile|wants_export|c|no")
        await tester.press("✅")
        assert _row(settings, TESTER).district_code == "firozabad"
        assert await _joined(bot) == joined + 1
        operator = bot.chat(user_id=OPERATOR, language_code="hi")
        await operator.send("/start")
        await operator.press("हिन्दी")
        await operator.press("✅")
        await fill_profile(operator, "ऑपरेटर", "फ़िरोज़ाबाद")  # an operator trying it too
        screen = await operator.send(f"/tester {TESTER}")
        assert "अब टेस्टर हैं" in screen.text
        assert await _joined(bot) == joined  # tester, facilitator and operator: none count
        tester_id = _row(settings, TESTER).id
        facilitator_id = _row(settings, FIROZABAD_FACILITATOR).id
        operator_id = _row(settings, OPERATOR).id
        for someone in (tester_id, facilitator_id, operator_id):
            add_rsvp(settings.database_url, workshop, someone, "going", attended=True, score=1)
        async with bot.app.bot_data["runtime"].database.transaction() as session:
            audience = await broadcasts.audience(session, "firozabad", None)
            assert not {tester_id, facilitator_id, operator_id} & set(audience.seller_ids)
            assert not {tester_id, facilitator_id, operator_id} & set(
                await sellers.reachable_in(session, ["firozabad"], None))
            roster = await services.answers(session, (await bot.app.bot_data["runtime"]
                                                      .staff_lookup(session, OPERATOR, True)),
                                            workshop)
            assert roster.people == [] and roster.scores == []
            rows = await attendance.rows(session, ["firozabad"])
            assert not {tester_id, facilitator_id, operator_id} & {r.seller_id for r in rows}
            exported = await stats.sellers_rows(session, ["firozabad"])
            assert not {tester_id, facilitator_id, operator_id} & {r.id for r in exported}
        (name, data), = (await tester.send("/mydata")).documents
        assert json.loads(data)["not_counted_as_seller"] == "tester"
        # The list of testers names him; /tester again counts him again.
        screen = await operator.send("/staff")
        screen = await operator.press("👥")
        assert "टेस्टर" in screen.text
        await operator.send(f"/tester {TESTER}")
        assert await _joined(bot) == joined + 1


async def test_staff_forms_need_no_seller_row(settings) -> None:
    """A facilitator who never agreed as a seller writes to a seller, broadcasts and plans
    a workshop; her chat row is no seller and counts nowhere."""
    ids = seed(settings.database_url)
    async with Bot(settings) as bot:
        joined = await _joined(bot)
        facilitator = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        await facilitator.send("/needhelp")
        screen = await facilitator.press("💬")
        assert "अपना मैसेज लिखें" in screen.text  # the form, not "first send /start"
        screen = await facilitator.send("कल ऑफ़िस आइए, GST में मदद करेंगे।")
        assert "✉" in screen.text
        row = _row(settings, FIROZABAD_FACILITATOR)
        assert row is not None and row.consented_at is None  # a chat row, not a seller
        assert await _joined(bot) == joined
        # A broadcast, to the preview.
        await facilitator.send("/broadcast")
        await facilitator.send("कल वर्कशॉप है")  # her language first
        await facilitator.send("Workshop tomorrow")
        await facilitator.press("▶")  # every craft
        await facilitator.press_data("f|broadcast|stage|c|all")
        await facilitator.press_data("f|broadcast|when|c|urgent")  # whatever the hour
        screen = await facilitator.press_data("f|broadcast|-|ok|")
        assert "📣" in screen.text
        # A workshop: the form starts (no consent question).
        await facilitator.send("/newworkshop")
        assert any(data.startswith("f|workshop") for _l, data in facilitator.buttons())
        assert not any(data.startswith(("l|", "c|")) for _l, data in facilitator.buttons())
        # /mydata shows her chat row (the form in progress), as it is kept.
        (name, data), = (await facilitator.send("/mydata")).documents
        assert "staff_chat" in json.loads(data)
        # /start then makes her a seller from her chat row, "joined" now (and still
        # uncounted: she is staff).
        await facilitator.send("/start")
        await facilitator.press("हिन्दी")
        await facilitator.press("✅")
        assert _row(settings, FIROZABAD_FACILITATOR).consented_at is not None
        assert await _joined(bot) == joined
        assert ids["Meena Firozabad"]


async def test_staff_choose_their_language_without_becoming_sellers(settings) -> None:
    """An operator or a facilitator who never agreed as a seller picks English (their phone
    says Hindi): /staff and its screens speak English from then on, and saying "no" to the
    seller consent keeps it; they are no seller and count nowhere."""
    settings = dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))
    seed(settings.database_url)
    async with Bot(settings) as bot:
        joined = await _joined(bot)
        operator = bot.chat(user_id=OPERATOR, language_code="hi")
        assert "स्टाफ़ मेन्यू" in (await operator.send("/staff")).text
        await operator.send("/language")
        screen = await operator.press("English")
        assert "You are staff: /staff opens the staff menu" in screen.text
        screen = await operator.press("✖ No, thanks")
        assert "you are not a seller here" in screen.text
        assert "Nothing about you is stored" not in screen.text  # her chat row is kept
        assert "Staff menu" in (await operator.send("/staff")).text
        screen = await operator.send("/invite firozabad")
        assert "Send this link to the new facilitator for Firozabad" in screen.text
        row = _row(settings, OPERATOR)
        assert row is not None and row.consented_at is None
        # A facilitator back to Hindi (her phone says English).
        facilitator = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="en")
        assert "Staff menu" in (await facilitator.send("/staff")).text
        await facilitator.send("/start")
        screen = await facilitator.press("हिन्दी")
        assert "आप स्टाफ़ हैं" in screen.text
        assert "स्टाफ़ मेन्यू" in (await facilitator.send("/staff")).text
        assert await _joined(bot) == joined
    # A seller who says no still leaves nothing behind.
    async with Bot(settings) as bot:
        seller = bot.chat(user_id=4449077, language_code="en")
        await seller.send("/start")
        await seller.press("English")
        screen = await seller.press("✖ No, thanks")
        assert "Nothing about you is stored" in screen.text
        assert _row(settings, 4449077) is None


async def test_staff_without_a_seller_row_are_never_sent_to_the_seller_start(settings
                                                                             ) -> None:
    """A facilitator who never agreed as a seller: "🏠 Menu" on her workshop list and /menu
    open the staff menu (not the language and consent questions), and the empty list
    promises her nothing a seller would get."""
    seed(settings.database_url)
    async with Bot(settings) as bot:
        facilitator = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        await facilitator.send("/staff")
        screen = await facilitator.press("🎓")
        assert "अभी आपके ज़िलों में कोई वर्कशॉप नहीं है" in screen.text
        assert "बताऊँगा" not in screen.text  # the seller's "I will tell you"
        screen = await facilitator.press("🏠")
        assert "स्टाफ़ मेन्यू" in screen.text
        assert "स्टाफ़ मेन्यू" in (await facilitator.send("/menu")).text
        assert _row(settings, FIROZABAD_FACILITATOR) is None  # nothing stored for that
        # Someone who is neither seller nor staff still starts with the language.
        stranger = bot.chat(user_id=4449088, language_code="hi")
        assert "Please choose your language" in (await stranger.send("/menu")).text


async def test_staff_without_a_seller_row_typing_get_the_staff_menu(settings) -> None:
    """A walk: the operator typed "Firozabad" after the invite's district question, and an
    unknown command, and got the seller's language question. Staff who are no sellers get
    the staff menu, saying what went wrong; "हाँ" at a consent they were shown still
    makes them a seller; in a staff form, text is still the form's answer."""
    settings = dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))
    seed(settings.database_url)
    async with Bot(settings) as bot:
        operator = bot.chat(user_id=OPERATOR, language_code="en")
        await operator.send("/staff")
        await operator.press("➕ Invite")
        screen = await operator.send("Firozabad")
        assert "I did not understand that" in screen.text and "Staff menu" in screen.text
        assert "Please choose your language" not in screen.text
        screen = await operator.send("/frobnicate")
        assert "I do not know that command" in screen.text and "Staff menu" in screen.text
        assert _row(settings, OPERATOR) is None  # nothing stored for it
        # Someone who is neither gets the language question, as before.
        stranger = bot.chat(user_id=4449099, language_code="en")
        assert "Please choose your language" in (await stranger.send("Firozabad")).text
        assert "Please choose your language" in (await stranger.send("/frobnicate")).text
    async with Bot(settings) as bot:
        facilitator = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        await facilitator.send("/broadcast")  # a staff form still takes the text
        assert "✓ सोमवार को कैंप" in (await facilitator.send("सोमवार को कैंप")).text
        await facilitator.send("/cancel")
        await facilitator.press("✖ हाँ")
        await facilitator.send("/start")
        await facilitator.press("हिन्दी")
        await facilitator.send("हाँ")  # typed at the consent question she was shown
        row = _row(settings, FIROZABAD_FACILITATOR)
        assert row is not None and row.consented_at is not None
