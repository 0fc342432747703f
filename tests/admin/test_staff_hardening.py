"""Issue 17 for staff: a creating staff button acts once per message (item 5, invitations),
and a facilitator's /delete removes their role and anonymises what they did (item 7)."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from bot.admin.screens import StaffAction
from bot.app import build_sender
from bot.db.models import Broadcast, OutboxMessage, Seller, Staff, StaffInvite
from tests.admin.test_broadcast import _sql
from tests.admin.test_roles import FACILITATOR, OPERATOR, _link_token, _scope_chat, invite
from tests.botkit import Bot, count_rows
from tests.scenarios import onboard


def _operator_settings(settings):
    return dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))


async def test_five_taps_on_invite_make_one_link(settings) -> None:
    """The operator has no seller row and no chat row: presses are kept per person."""
    async with Bot(_operator_settings(settings)) as bot:
        operator = bot.chat(user_id=OPERATOR)
        await operator.send("/staff")
        await operator.press("➕")
        # The picker lists the districts with the most sellers (none yet): Firozabad's
        # button, as the picker writes it, on the picker's message.
        mid, _back = operator.find("◀")
        data = StaffAction("invite", "firozabad").pack()
        screens = [await operator.press_data(data, mid) for _tap in range(5)]
        assert "start=fac_" in screens[0].text
        assert not any("start=fac_" in s.text for s in screens[1:])
        assert all(s.notice == "Already done ✓" for s in screens[1:])
        assert count_rows(settings.database_url, "staff_invites") == 1
        # Another message's button (the picker shown again) makes a new link.
        await operator.press("➕")
        mid, _back = operator.find("◀")
        screen = await operator.press_data(data, mid + 100)
        assert "start=fac_" in screen.text
        _link_token(screen.text)
        assert count_rows(settings.database_url, "staff_invites") == 2


async def test_delete_removes_a_persons_presses(settings) -> None:
    async with Bot(_operator_settings(settings)) as bot:
        operator = bot.chat(user_id=OPERATOR)
        await operator.send("/staff")
        await operator.press("➕")
        mid, _back = operator.find("◀")
        await operator.press_data(StaffAction("invite", "firozabad").pack(), mid)
        assert count_rows(settings.database_url, "presses") == 1
        await operator.send("/start")
        await operator.press("English")
        await operator.press("I agree")
        await operator.send("/delete")
        await operator.press("🗑")
        assert count_rows(settings.database_url, "presses") == 0


async def test_a_facilitators_delete_ends_the_role_and_tells_the_operators(settings) -> None:
    """Issue 17 item 7: no row keeps the facilitator's Telegram id; the operator hears
    (in their language, through the outbox) which districts lost their facilitator."""
    async with Bot(_operator_settings(settings)) as bot:
        operator = await onboard(bot, user_id=OPERATOR, language="हिन्दी")
        seed_seller = await onboard(bot, user_id=5557101)  # someone to broadcast to
        del seed_seller
        payload = await invite(bot)
        facilitator = bot.chat(user_id=FACILITATOR)
        facilitator.first_name = "Sunita"
        assert "facilitator for Firozabad" in (await facilitator.send(f"/start {payload}")).text
        await facilitator.send("/broadcast")
        await facilitator.send("Camp on Monday")
        await facilitator.send("सोमवार को कैंप")
        await facilitator.press("Skip ▶")
        await facilitator.press("All sellers")
        await facilitator.press("🚨 Urgent")
        await facilitator.press("✅ Save")
        assert _sql(settings, select(Broadcast.created_by)) == [(FACILITATOR,)]
        before = len(bot.transport.calls)
        await facilitator.send("/delete")
        screen = await facilitator.press("🗑")
        assert "All your data has been deleted" in screen.text
        assert "programme staff only" in (await facilitator.send("/staff")).text
        # No row keeps their Telegram id.
        assert _sql(settings, select(Staff.id).where(Staff.telegram_id == FACILITATOR)) == []
        assert _sql(settings, select(StaffInvite.used_by)) == [(None,)]
        assert _sql(settings, select(StaffInvite.used_at))[0][0] is not None  # still used
        assert _sql(settings, select(Broadcast.created_by)) == [(0,)]
        # Their chat loses the staff commands.
        assert any(c.method == "deleteMyCommands" and _scope_chat(c) == FACILITATOR
                   for c in bot.transport.calls[before:])
        # The operator is told, in Hindi, naming the districts, not the person.
        rows = _sql(settings, select(OutboxMessage.kind, OutboxMessage.seller_id,
                                     OutboxMessage.payload))
        notices = [r for r in rows if r.kind == "notice"]
        operator_row = _sql(settings, select(Seller.id).where(
            Seller.telegram_id == OPERATOR))[0][0]
        assert [n.seller_id for n in notices] == [operator_row]
        texts = notices[0].payload["texts"]
        assert "Firozabad" in texts["en"] and "/delete" in texts["en"]
        assert "फ़िरोज़ाबाद" in texts["hi"] or "फिरोजाबाद" in texts["hi"]
        assert "Sunita" not in texts["en"] + texts["hi"]
        sender = build_sender(bot.settings, bot.app.bot_data["runtime"].database,
                              request=bot.transport)
        await sender.bot.initialize()
        start = len(bot.transport.calls)
        await sender.drain()
        assert any("/delete" in t for t in operator.inbox(start).texts)
