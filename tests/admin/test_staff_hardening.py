"""Issue 17 for staff: a creating staff button acts once per message (item 5, invitations),
and a facilitator's /delete removes their role and anonymises what they did (item 7)."""

from __future__ import annotations

import dataclasses

from tests.admin.test_roles import OPERATOR, _link_token
from tests.botkit import Bot, count_rows


def _operator_settings(settings):
    return dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))


async def test_five_taps_on_invite_make_one_link(settings) -> None:
    """The operator has no seller row and no chat row: presses are kept per person."""
    async with Bot(_operator_settings(settings)) as bot:
        operator = bot.chat(user_id=OPERATOR)
        await operator.send("/staff")
        await operator.press("➕")
        mid, data = operator.find("Firozabad")
        screens = [await operator.press_data(data, mid) for _tap in range(5)]
        assert "start=fac_" in screens[0].text
        assert not any("start=fac_" in s.text for s in screens[1:])
        assert all(s.notice == "Already done ✓" for s in screens[1:])
        assert count_rows(settings.database_url, "staff_invites") == 1
        # Another message's button (the picker shown again) makes a new link.
        await operator.press("➕")
        mid, data = operator.find("Firozabad")
        screen = await operator.press_data(data, mid + 100)
        assert "start=fac_" in screen.text
        _link_token(screen.text)
        assert count_rows(settings.database_url, "staff_invites") == 2


async def test_delete_removes_a_persons_presses(settings) -> None:
    async with Bot(_operator_settings(settings)) as bot:
        operator = bot.chat(user_id=OPERATOR)
        await operator.send("/staff")
        await operator.press("➕")
        await operator.press("Firozabad")
        assert count_rows(settings.database_url, "presses") == 1
        await operator.send("/start")
        await operator.press("English")
        await operator.press("I agree")
        await operator.send("/delete")
        await operator.press("🗑")
        assert count_rows(settings.database_url, "presses") == 0
